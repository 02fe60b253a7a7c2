/** Import, for admins: a CSV file of accounts, contacts, orders or interactions, from upload to result. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useMe } from '../auth.tsx';
import { getImport, importKey, type ImportView } from '../imports/api.ts';
import type { Entity } from '../imports/fields.ts';
import '../imports/imports.css';
import { JobView } from '../imports/job-view.tsx';
import { RecentImports } from '../imports/recent-imports.tsx';
import { ImportSteps } from '../imports/steps.tsx';
import { UploadForm } from '../imports/upload-form.tsx';
import { ErrorMessage } from '../ui/problem.tsx';

export function ImportPage() {
  const { t } = useTranslation('imports');
  const tc = useTranslation().t;
  const me = useMe();
  const qc = useQueryClient();
  // The import on screen is in the address (?job=…): a reload, or Back, finds it again.
  const [params, setParams] = useSearchParams();
  const jobId = params.get('job');
  const admin = me.data?.user.role === 'admin';
  const opened = useQuery({ queryKey: importKey(jobId ?? ''), queryFn: () => getImport(jobId!), enabled: admin && jobId !== null });
  // Kept here, above the steps: going back to choose another file keeps what was chosen.
  const [entity, setEntity] = useState<Entity | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [created, setCreated] = useState(true);
  const [back, setBack] = useState(false);

  if (me.isPending) {
    return (
      <section className="page imports-page">
        <p className="loading" role="status">
          {tc('loading')}
        </p>
      </section>
    );
  }

  if (!admin) {
    return (
      <section className="page imports-page" aria-labelledby="imports-title">
        <h1 id="imports-title">{t('title')}</h1>
        <div className="card only-admins">
          <p>{t('onlyAdmins')}</p>
          <p>
            <Link to="/today">{tc('backHome')}</Link>
          </p>
        </div>
      </section>
    );
  }

  const open = (job: ImportView, isNew: boolean) => {
    qc.setQueryData(importKey(job.id), job);
    setEntity(job.entity);
    setCreated(isNew);
    setParams({ job: job.id });
  };
  const another = () => {
    if (opened.data) setEntity(opened.data.entity);
    setFile(null);
    setBack(true);
    setParams({});
  };

  return (
    <section className="page imports-page" aria-labelledby="imports-title">
      <div className="page-head">
        <h1 id="imports-title">{t('title')}</h1>
      </div>
      <p className="muted intro">{t('intro')}</p>
      {jobId === null ? (
        <>
          <ImportSteps step={0} />
          <UploadForm entity={entity} onEntity={setEntity} file={file} onFile={setFile} focusOnMount={back} onUploaded={(job) => open(job, job.created)} />
        </>
      ) : opened.data ? (
        <JobView key={jobId} id={jobId} created={created} onAnother={another} />
      ) : (
        <div className="card section import-step">
          {opened.isError ? (
            <>
              <ErrorMessage error={opened.error} />
              <div className="actions">
                <button type="button" className="primary" onClick={another}>
                  {t('done.another')}
                </button>
              </div>
            </>
          ) : (
            <p className="muted" role="status">
              {tc('loading')}
            </p>
          )}
        </div>
      )}
      <RecentImports openId={jobId} onOpen={(job) => open(job, true)} />
    </section>
  );
}
