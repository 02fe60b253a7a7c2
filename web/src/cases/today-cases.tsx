/**
 * Today's cases: first answers that are overdue, and check-ins due 14 days
 * after a customer accepted a resolution, each with a link to the case.
 */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { dateTime } from '../format.ts';
import { TierBadge } from '../loyalty/tier-badge.tsx';
import type { TodayCase } from './api.ts';
import './cases.css';
import { PriorityBadge } from './timer.tsx';

export function TodayCases({ items }: { items: TodayCase[] }) {
  const { t } = useTranslation('cases');
  if (items.length === 0) return null;
  return (
    <section className="today-cases" aria-labelledby="today-cases-title">
      <h2 id="today-cases-title">{t('today.title')}</h2>
      <ol aria-label={t('today.label')}>
        {items.map((item) => (
          <li key={`${item.kind}-${item.case.id}`} className={`today-case kind-${item.kind}`} data-kind={item.kind}>
            <div className="case-facts" style={{ margin: 0 }}>
              <span className={`badge ${item.kind === 'case_first_response_overdue' ? 'bad' : 'warn'}`}>{t(`today.kind.${item.kind}`)}</span>
              <PriorityBadge priority={item.case.priority} />
              <TierBadge tier={item.case.tier} />
              <span className="muted small">
                {item.case.accountName} · <Link to={`/journeys/${item.case.journeyId}`}>{item.case.journeyTitle}</Link>
              </span>
            </div>
            <p>
              <Link to={`/cases/${item.case.id}`}>{item.text}</Link>
            </p>
            <p className="muted small">
              <time dateTime={item.at}>{t('today.since', { when: dateTime(item.at) })}</time>
            </p>
          </li>
        ))}
      </ol>
    </section>
  );
}
