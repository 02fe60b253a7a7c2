/** What the server found out about a file: its kind of rows, size, encoding and separator, in words. */
import { useTranslation } from 'react-i18next';
import type { ImportView } from './api.ts';
import { fileSize } from './format.ts';

const SEPARATORS: Record<string, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab' };

export function FileFacts({ job }: { job: ImportView }) {
  const { t } = useTranslation('imports');
  const separator = job.separator === null ? undefined : SEPARATORS[job.separator];
  return (
    <dl className="file-facts">
      <div>
        <dt>{t('facts.file')}</dt>
        <dd>
          <span className="file-name">{job.fileName}</span> <span className="muted">({fileSize(job.fileSize)})</span>
        </dd>
      </div>
      <div>
        <dt>{t('facts.entity')}</dt>
        <dd>{t(`entity.${job.entity}`)}</dd>
      </div>
      <div>
        <dt>{t('facts.encoding')}</dt>
        <dd>{job.encoding ? t(`encoding.${job.encoding}`, { defaultValue: job.encoding }) : t('facts.unknown')}</dd>
      </div>
      <div>
        <dt>{t('facts.separator')}</dt>
        <dd>{separator ? t(`separator.${separator}`) : (job.separator ?? t('facts.unknown'))}</dd>
      </div>
      <div>
        <dt>{t('facts.columns')}</dt>
        <dd>{job.columns.length}</dd>
      </div>
    </dl>
  );
}
