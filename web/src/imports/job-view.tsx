/**
 * One import from its upload on: the mapping while it waits, its progress
 * while it runs (polled twice a second), its result once it ends. Says so
 * when the file was imported before, and tells screen readers how it goes.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { date } from '../format.ts';
import { getImport, importKey, RECENT_KEY, type ImportStatus, type ImportView } from './api.ts';
import { percent } from './format.ts';
import { Done, Failed, Running } from './job-result.tsx';
import { MappingForm } from './mapping-form.tsx';
import { ImportSteps } from './steps.tsx';
import { resultText } from './words.ts';

const POLL_MS = 500;

interface Props {
  /** an import whose view is in the query cache already */
  id: string;
  /** false: this very file was uploaded before, and this is that earlier import */
  created: boolean;
  onAnother: () => void;
}

/** What a screen reader hears as the import goes: its start, each quarter, its end. */
function announcement(job: ImportView, t: (k: string, o?: Record<string, unknown>) => string): string {
  switch (job.status) {
    case 'running': {
      const quarter = Math.floor(percent(job.bytesDone, job.fileSize) / 25) * 25;
      return quarter === 0 ? t('live.started') : t('live.progress', { percent: quarter });
    }
    case 'done':
      return t('live.done', { result: resultText(job, t) });
    case 'failed':
      return t('live.failed');
    default:
      return '';
  }
}

export function JobView({ id, created, onAnother }: Props) {
  const { t } = useTranslation('imports');
  const qc = useQueryClient();
  const headingId = useId();
  const box = useRef<HTMLDivElement>(null);
  const query = useQuery({
    queryKey: importKey(id),
    queryFn: () => getImport(id),
    refetchInterval: (q) => (q.state.data?.status === 'running' ? POLL_MS : false),
    refetchOnWindowFocus: false,
  });
  const job = query.data;
  const status = job?.status;
  const setJob = (view: ImportView) => qc.setQueryData(importKey(view.id), view);
  // "Uploaded before" holds for the state the file was found in, not for what the user does next.
  const [foundAs] = useState(status);

  // A new step: its heading takes the focus (the control that led here is gone), unless the
  // user has gone on to something else on the page meanwhile.
  const shownStatus = useRef<ImportStatus | null>(null);
  useEffect(() => {
    if (status === undefined || shownStatus.current === status) return;
    const first = shownStatus.current === null;
    shownStatus.current = status;
    if (!first) void qc.invalidateQueries({ queryKey: RECENT_KEY });
    const active = document.activeElement;
    if (first || !active || active === document.body || box.current?.contains(active)) document.getElementById(headingId)?.focus();
  }, [status, headingId, qc]);

  if (!job) return null;

  const earlier = !created && job.status === foundAs && (
    <p className="notice already">
      {t(`already.${job.status}`, { date: date(job.createdAt), finished: date(job.finishedAt) })}
    </p>
  );

  return (
    <>
      <ImportSteps step={job.status === 'uploaded' ? 1 : 2} />
      <div ref={box} className={`card section import-step job status-${job.status}`}>
        <h2 id={headingId} tabIndex={-1}>
          {t(`step.${job.status}`)}
        </h2>
        {earlier}
        {job.status === 'uploaded' ? (
          <MappingForm job={job} headingId={headingId} onStarted={setJob} onOtherFile={onAnother} />
        ) : job.status === 'running' ? (
          <Running job={job} />
        ) : job.status === 'done' ? (
          <Done job={job} onAnother={onAnother} />
        ) : (
          <Failed job={job} onStarted={setJob} onAnother={onAnother} />
        )}
        {query.isRefetchError && job.status === 'running' && <p className="notice">{t('running.noAnswer')}</p>}
        <p className="visually-hidden" role="status">
          {announcement(job, t)}
        </p>
      </div>
    </>
  );
}
