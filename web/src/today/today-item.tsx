/** One journey that needs its seller today, with every reason why. */
import { memo, type ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TodayItem as Item } from '../api/types.ts';
import { BlockIcon, ClockIcon, QuietIcon } from '../board/icons.tsx';
import { daysSince, money } from '../format.ts';
import { TierBadgeView } from '../loyalty/tier-badge.tsx';

type Kind = Item['reasons'][number]['kind'];

const LOOK: Record<Kind, { badge: string; Icon: ComponentType }> = {
  blocking_concern: { badge: 'bad', Icon: BlockIcon },
  overdue_step: { badge: 'warn', Icon: ClockIcon },
  no_contact: { badge: 'accent', Icon: QuietIcon },
};

export const TodayItem = memo(function TodayItem({ item, stageName }: { item: Item; stageName: string }) {
  const { t } = useTranslation('today');
  const last = item.lastInteractionAt;
  const lastDays = last ? daysSince(last) : null;
  // A summary to scan; the list beside it says each reason in full (and is what screen readers get).
  const kinds = [...item.reasons.reduce((m, r) => m.set(r.kind, (m.get(r.kind) ?? 0) + 1), new Map<Kind, number>())];
  return (
    <li className={`titem${item.reasons.some((r) => r.kind === 'blocking_concern') ? ' titem-blocked' : ''}`}>
      <div className="titem-main">
        <p className="titem-account">
          <span className="titem-account-name">{item.accountName}</span>
          <TierBadgeView tier={item.accountTier} t={t} />
        </p>
        <h2 className="titem-title">
          <Link to={`/journeys/${item.id}`}>{item.title}</Link>
        </h2>
        <dl className="titem-facts">
          <div>
            <dt>{t('stage')}</dt>
            <dd>
              <span className="badge">{stageName}</span>
            </dd>
          </div>
          <div>
            <dt>{t('value')}</dt>
            <dd>{money(item.valueMinor, item.currency)}</dd>
          </div>
          <div>
            <dt>{t('lastContact')}</dt>
            <dd>
              {lastDays === null
                ? t('never')
                : lastDays === 0
                  ? t('ago.today', { ns: 'common' })
                  : t('ago.days', { ns: 'common', count: lastDays })}
            </dd>
          </div>
        </dl>
        <p className="titem-kinds" aria-hidden="true">
          {kinds.map(([kind, n]) => {
            const { badge, Icon } = LOOK[kind] ?? LOOK.no_contact;
            return (
              <span key={kind} className={`badge ${badge}`}>
                <Icon />
                {t(`kind.${kind}`, { defaultValue: kind })}
                {n > 1 && ` × ${n}`}
              </span>
            );
          })}
        </p>
      </div>
      <ul className="titem-reasons" aria-label={t('reasons')}>
        {item.reasons.map((r, i) => {
          const { badge, Icon } = LOOK[r.kind] ?? LOOK.no_contact;
          const label = t(`kind.${r.kind}`, { defaultValue: r.kind });
          return (
            <li key={`${r.kind}-${i}`} className="reason">
              <span className={`reason-icon ${badge}`} title={label}>
                <Icon />
                <span className="visually-hidden">{label}: </span>
              </span>
              <span className="reason-text">{r.text}</span>
            </li>
          );
        })}
      </ul>
    </li>
  );
});
