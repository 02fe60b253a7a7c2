/** The policy beside the rules, read-only: how far each tier's price may rise, the ceiling, consent and emergency mode. */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { TierBadge } from '../loyalty/tier-badge.tsx';
import { decimal, times } from './format.ts';
import { TIER_LADDER, type PricingPolicy } from './types.ts';

export function PolicySummary({ policy, admin }: { policy: PricingPolicy; admin: boolean }) {
  const { t } = useTranslation('pricing');
  return (
    <aside className="card section policy-summary" aria-labelledby="policy-summary-title">
      <h2 id="policy-summary-title">{t('policy.title')}</h2>
      <p className="muted">{t('policy.summaryIntro')}</p>
      <table className="caps">
        <caption className="visually-hidden">{t('policy.caps')}</caption>
        <tbody>
          {TIER_LADDER.map((tier) => (
            <tr key={tier}>
              <th scope="row">
                <TierBadge tier={tier} />
              </th>
              <td className="num">{times(policy.caps[tier])}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <dl className="facts">
        <dt>{t('policy.ceiling')}</dt>
        <dd>{times(policy.ceiling)}</dd>
        <dt>{t('policy.consentThreshold')}</dt>
        <dd>{times(policy.consentThreshold)}</dd>
        <dt>{t('policy.emergency')}</dt>
        <dd>{policy.emergency ? <span className="badge warn">{t('policy.on')}</span> : t('policy.off')}</dd>
        <dt>{t('policy.timeZone')}</dt>
        <dd>
          {policy.timeZone.split('/').map((part, i) => (
            <span key={i}>
              {i > 0 && (
                <>
                  /<wbr />
                </>
              )}
              {part}
            </span>
          ))}
        </dd>
      </dl>
      <p className="muted small">{t('policy.ceilingNote', { ceiling: decimal(policy.ceiling) })}</p>
      {admin && (
        <p>
          <Link to="/settings#pricing">{t('policy.change')}</Link>
        </p>
      )}
    </aside>
  );
}
