/** The organisation's imports, newest first: each with its result, its rejected rows, and a way back into it. */
import { useInfiniteQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { get, qs } from '../api/client.ts';
import type { Page } from '../api/types.ts';
import { dateTime } from '../format.ts';
import { ErrorMessage } from '../ui/problem.tsx';
import { rejectsUrl, RECENT_KEY, type ImportStatus, type ImportView } from './api.ts';
import { fileSize } from './format.ts';
import { resultText } from './words.ts';

const PAGE_SIZE = 10;
const BADGE: Record<ImportStatus, string> = { uploaded: 'warn', running: 'accent', done: 'ok', failed: 'bad' };

export function RecentImports({ onOpen, openId }: { onOpen: (job: ImportView) => void; openId: string | null }) {
  const { t } = useTranslation('imports');
  const tc = useTranslation().t;
  const headingId = useId();
  const list = useInfiniteQuery({
    queryKey: RECENT_KEY,
    queryFn: ({ pageParam }) => get<Page<ImportView>>(`/imports${qs({ cursor: pageParam, limit: PAGE_SIZE })}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // Imports started elsewhere (another admin, the CLI) move on by themselves.
    refetchInterval: (q) => (q.state.data?.pages.some((p) => p.items.some((i) => i.status === 'running')) ? 2000 : false),
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <section className="card section recent" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('recent.title')}</h2>
      {list.isPending ? (
        <p className="muted">{tc('loading')}</p>
      ) : list.isError ? (
        <ErrorMessage error={list.error} />
      ) : items.length === 0 ? (
        <p className="empty">{t('recent.empty')}</p>
      ) : (
        <>
          <div className="table-scroll">
            <table className="list">
              <caption className="visually-hidden">{t('recent.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('recent.file')}</th>
                  <th scope="col">{t('recent.entity')}</th>
                  <th scope="col">{t('recent.uploaded')}</th>
                  <th scope="col">{t('recent.status')}</th>
                  <th scope="col">{t('recent.result')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('recent.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {items.map((job) => (
                  <tr key={job.id} className={job.id === openId ? 'open' : undefined}>
                    <th scope="row">
                      <span className="file-name">{job.fileName}</span>
                      <div className="muted small">{fileSize(job.fileSize)}</div>
                    </th>
                    <td>{t(`entity.${job.entity}`)}</td>
                    <td className="mono">{dateTime(job.createdAt)}</td>
                    <td>
                      <span className={`badge ${BADGE[job.status]}`}>{t(`status.${job.status}`)}</span>
                    </td>
                    <td>{resultText(job, t)}</td>
                    <td className="row-actions">
                      {job.rejected > 0 && (
                        <a href={rejectsUrl(job.id)} download>
                          {t('recent.rejects', { count: job.rejected })}
                          <span className="visually-hidden"> {t('recent.ofFile', { file: job.fileName })}</span>
                        </a>
                      )}
                      {job.id !== openId && (
                        <button type="button" className="small" aria-label={t(`recent.openOf.${job.status}`, { file: job.fileName })} onClick={() => onOpen(job)}>
                          {t(`recent.open.${job.status}`)}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {list.hasNextPage && (
            <div className="more">
              <button type="button" onClick={() => void list.fetchNextPage()} disabled={list.isFetchingNextPage}>
                {tc('loadMore')}
              </button>
            </div>
          )}
        </>
      )}
    </section>
  );
}
