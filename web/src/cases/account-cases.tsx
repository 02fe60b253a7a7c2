/**
 * The account's cases on every journey, on the account page (by due time,
 * the first 200), each with its status and live clock and a link to the case.
 */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorMessage } from '../ui/problem.tsx';
import { useCaseList } from './api.ts';
import './cases.css';
import { CaseTimer, PriorityBadge, StatusBadge, useNow } from './timer.tsx';

export function AccountCasesSection({ accountId }: { accountId: string }) {
  const { t } = useTranslation('cases');
  const list = useCaseList({ accountId, sort: 'due', limit: 200 });
  const now = useNow(1000);
  const items = list.data?.items ?? [];
  return (
    <section className="card section account-cases" aria-labelledby="account-cases-title">
      <h2 id="account-cases-title">{t('account.title')}</h2>
      <p className="muted">{t('account.intro')}</p>
      {list.isPending && (
        <p className="muted" role="status">
          {t('account.loading')}
        </p>
      )}
      <ErrorMessage error={list.error} />
      {list.data && items.length === 0 && <p className="empty">{t('account.none')}</p>}
      {items.length > 0 && (
        <ul className="case-mini-list" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {items.map((c) => (
            <li key={c.id} data-case={c.id} style={{ borderTop: '1px solid var(--line)', padding: '0.5rem 0' }}>
              <Link to={`/cases/${c.id}`}>
                <strong>{c.topic}</strong>
              </Link>{' '}
              <span className="muted small">
                · {t('page.journey')}: <Link to={`/journeys/${c.journey.id}`}>{c.journey.title}</Link>
              </span>
              <div className="case-facts" style={{ margin: '0.25rem 0 0' }}>
                <StatusBadge status={c.shownStatus} />
                <PriorityBadge priority={c.priority} />
                <CaseTimer item={c} now={now} />
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
