/** Step 3: an import running (progress, pace, counts), done (summary, rejected rows) or stopped (Continue). */
import { useMutation } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorMessage, fieldProblem } from '../ui/problem.tsx';
import { dateTime } from '../format.ts';
import { rejectsUrl, startImport, type ImportView } from './api.ts';
import { FileFacts } from './file-facts.tsx';
import { columnMap } from './fields.ts';
import { count, duration, percent } from './format.ts';
import { usePace } from './pace.ts';

/** New, updated, duplicate and rejected rows, as they stand. */
export function Counts({ job }: { job: ImportView }) {
  const { t } = useTranslation('imports');
  const tiles = [
    { key: 'inserted', value: job.inserted, tone: 'ok' },
    { key: 'updated', value: job.updated, tone: 'accent' },
    { key: 'duplicates', value: job.duplicates, tone: 'plain' },
    { key: 'rejected', value: job.rejected, tone: 'bad' },
  ] as const;
  return (
    <dl className="counts">
      {tiles.map((c) => (
        <div key={c.key} className={`count${c.value > 0 ? ` tone-${c.tone}` : ''}`} data-count={c.key}>
          <dt>{t(`counts.${c.key}`)}</dt>
          <dd>{count(c.value)}</dd>
        </div>
      ))}
    </dl>
  );
}

export function Running({ job }: { job: ImportView }) {
  const { t } = useTranslation('imports');
  const pace = usePace(job);
  const shown = percent(job.bytesDone, job.fileSize);
  const barId = useId();
  return (
    <>
      <FileFacts job={job} />
      <div className="run-progress">
        <label htmlFor={barId}>{t('running.read', { percent: shown })}</label>
        <progress id={barId} value={job.bytesDone} max={job.fileSize || 1}>
          {shown} %
        </progress>
        <p className="pace">
          <span>{t('running.rows', { count: job.rowsRead, n: count(job.rowsRead) })}</span>
          <span>{pace.rowsPerSecond === null ? t('running.measuring') : t('running.rate', { n: count(pace.rowsPerSecond) })}</span>
          <span>{pace.secondsLeft === null ? null : t('running.left', { time: duration(pace.secondsLeft, t) })}</span>
        </p>
      </div>
      <Counts job={job} />
      <p className="muted">{t('running.leave')}</p>
    </>
  );
}

function Reasons({ job }: { job: ImportView }) {
  const { t } = useTranslation('imports');
  const id = useId();
  if (job.rejected === 0) return null;
  const listed = job.reasons.reduce((n, r) => n + r.count, 0);
  return (
    <section className="rejects" aria-labelledby={id}>
      <h3 id={id}>{t('done.reasons')}</h3>
      <ul>
        {job.reasons.map((r) => (
          <li key={r.reason}>
            <span className="reject-count">{t('done.rows', { count: r.count, n: count(r.count) })}</span> <span className="reject-reason">{r.reason}</span>
          </li>
        ))}
        {listed < job.rejected && <li className="muted">{t('done.otherReasons', { count: job.rejected - listed, n: count(job.rejected - listed) })}</li>}
      </ul>
      <p className="rejects-download">
        <a className="button" href={rejectsUrl(job.id)} download>
          {t('done.download', { count: job.rejected, n: count(job.rejected) })}
        </a>
        <small className="hint">{t('done.downloadHint')}</small>
      </p>
    </section>
  );
}

/** Where the imported rows are to be seen. */
const WHERE: Record<ImportView['entity'], string> = { accounts: '/accounts', contacts: '/accounts', orders: '/accounts', interactions: '/board' };

export function Done({ job, onAnother }: { job: ImportView; onAnother: () => void }) {
  const { t } = useTranslation('imports');
  return (
    <>
      <FileFacts job={job} />
      <p className="lead">
        {t('done.lead', { count: job.rowsRead, n: count(job.rowsRead), when: dateTime(job.finishedAt) })} {job.onDuplicate === 'update' ? t('done.updateRule') : t('done.skipRule')}
      </p>
      <Counts job={job} />
      <Reasons job={job} />
      <div className="actions">
        <button type="button" className="primary" onClick={onAnother}>
          {t('done.another')}
        </button>
        <Link className="button" to={WHERE[job.entity]}>
          {t(`done.see.${job.entity}`)}
        </Link>
      </div>
    </>
  );
}

export function Failed({ job, onStarted, onAnother }: { job: ImportView; onStarted: (job: ImportView) => void; onAnother: () => void }) {
  const { t } = useTranslation('imports');
  // A job that stopped keeps its map; sending it again is what the server needs if no row went in yet.
  const resume = useMutation({
    mutationFn: () => startImport(job.id, { columns: columnMap(job.columns.map((c) => c.header), job.columns.map((c) => c.field)), onDuplicate: job.onDuplicate }),
    onSuccess: onStarted,
  });
  const shown = percent(job.bytesDone, job.fileSize);
  const errorId = useId();
  return (
    <>
      <FileFacts job={job} />
      <div className="error failure" id={errorId}>
        <p>{job.rowsRead > 0 ? t('failed.lead', { count: job.rowsRead, n: count(job.rowsRead), percent: shown }) : t('failed.leadNone')}</p>
        {job.error && (
          <p>
            {t('failed.why')} <span className="server-says">{job.error}</span>
          </p>
        )}
        <p>{t('failed.fix')}</p>
      </div>
      <Counts job={job} />
      <Reasons job={job} />
      {/* The map is the one thing a resumed import can be refused for; say what about it. */}
      {fieldProblem(resume.error, 'columns') ? (
        <p className="error" role="alert">
          {fieldProblem(resume.error, 'columns')}
        </p>
      ) : (
        <ErrorMessage error={resume.error} />
      )}
      <div className="actions">
        <button type="button" className="primary" aria-disabled={resume.isPending} aria-describedby={errorId} onClick={() => !resume.isPending && resume.mutate()}>
          {resume.isPending ? t('failed.continuing') : t('failed.continue')}
        </button>
        <button type="button" onClick={onAnother}>
          {t('failed.another')}
        </button>
      </div>
    </>
  );
}
