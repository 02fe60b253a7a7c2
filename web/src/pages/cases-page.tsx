/**
 * Cases across the org: each case with its running target clock counting
 * down live (overdue in red, paused while it waits on the customer), sorted
 * by due time or by opening, narrowed by status; and the figures below.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { CASE_STATUSES, useCaseList, type CaseStatus } from '../cases/api.ts';
import '../cases/cases.css';
import { CaseFigures } from '../cases/figures.tsx';
import { CaseTimer, PriorityBadge, StatusBadge, useNow } from '../cases/timer.tsx';
import { useMe } from '../auth.tsx';
import { useLive } from '../live.ts';
import { TierBadge } from '../loyalty/tier-badge.tsx';
import { ErrorMessage } from '../ui/problem.tsx';

const PAGE = 50;
const LIVE_KEYS = [['cases']];

export function CasesPage() {
  const { t } = useTranslation('cases');
  const tc = useTranslation().t;
  const [params, setParams] = useSearchParams();
  const status = (CASE_STATUSES as string[]).includes(params.get('status') ?? '') ? (params.get('status') as CaseStatus) : undefined;
  const sort = params.get('sort') === 'opened' ? 'opened' : 'due';
  const mine = params.get('owner') === 'me';
  const me = useMe().data?.user;
  const [limit, setLimit] = useState(PAGE);
  const list = useCaseList({ status, ownerId: mine ? me?.id : undefined, sort, limit, enabled: !mine || me !== undefined });
  const now = useNow(1000);
  useLive('/api/v1/events', LIVE_KEYS);
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
    setLimit(PAGE);
  };
  const items = list.data?.items ?? [];
  return (
    <section className="page cases-page" aria-labelledby="cases-title">
      <div className="page-head">
        <div>
          <h1 id="cases-title">{t('page.title')}</h1>
          <p className="muted">{t('page.intro')}</p>
        </div>
      </div>
      <div className="card section">
        <div className="row case-filters">
          <div className="field">
            <label htmlFor="case-status">{t('page.status')}</label>
            <select id="case-status" value={status ?? ''} onChange={(e) => set('status', e.target.value)}>
              <option value="">{t('page.allStatuses')}</option>
              {CASE_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`statusFilter.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="case-owner">{t('page.owner')}</label>
            <select id="case-owner" value={mine ? 'me' : ''} onChange={(e) => set('owner', e.target.value)}>
              <option value="">{t('page.everyone')}</option>
              <option value="me">{t('page.mine')}</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="case-sort">{t('page.sort')}</label>
            <select id="case-sort" value={sort} onChange={(e) => set('sort', e.target.value === 'due' ? '' : e.target.value)}>
              <option value="due">{t('page.sortDue')}</option>
              <option value="opened">{t('page.sortOpened')}</option>
            </select>
          </div>
        </div>
        {list.isPending && (
          <p className="loading" role="status">
            {t('page.loading')}
          </p>
        )}
        {list.isError && (
          <div>
            <ErrorMessage error={list.error} />
            <button type="button" onClick={() => void list.refetch()}>
              {tc('retry')}
            </button>
          </div>
        )}
        {list.data && (
          <p className="muted" role="status">
            {t('page.count', { count: items.length })}
          </p>
        )}
        {list.data && items.length === 0 && <p className="empty">{t('page.none')}</p>}
        {items.length > 0 && (
          <div style={{ overflowX: 'auto' }}>
            <table className="list case-list">
              <caption className="visually-hidden">{t('page.listLabel')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('page.topic')}</th>
                  <th scope="col">{t('page.account')}</th>
                  <th scope="col">{t('page.journey')}</th>
                  <th scope="col">{t('page.priority')}</th>
                  <th scope="col">{t('page.tier')}</th>
                  <th scope="col">{t('page.shownStatus')}</th>
                  <th scope="col" aria-sort={sort === 'due' ? 'ascending' : undefined}>
                    {t('page.timer')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {items.map((c) => (
                  <tr key={c.id} data-case={c.id} className={`case-row shown-${c.shownStatus}`}>
                    <th scope="row">
                      <Link to={`/cases/${c.id}`}>{c.topic}</Link>
                    </th>
                    <td>
                      <Link to={`/accounts/${c.account.id}`}>{c.account.name}</Link>
                    </td>
                    <td>
                      <Link to={`/journeys/${c.journey.id}`}>{c.journey.title}</Link>
                    </td>
                    <td>
                      <PriorityBadge priority={c.priority} />
                    </td>
                    <td>
                      <TierBadge tier={c.tier} labelled={false} />
                    </td>
                    <td>
                      <StatusBadge status={c.shownStatus} />
                    </td>
                    <td>
                      <CaseTimer item={c} now={now} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {list.data?.nextCursor && (
          <button type="button" onClick={() => setLimit(Math.min(200, limit + PAGE))} disabled={limit >= 200}>
            {t('page.more')}
          </button>
        )}
      </div>
      <CaseFigures />
    </section>
  );
}
