/**
 * An account's loyalty tier as a badge: a word, a shape and a colour, so the
 * colour is never the only carrier. Used wherever an account is named.
 */
import { useTranslation } from 'react-i18next';
import { TIERS, type Tier } from '../api/types.ts';
import './tier-badge.css';

type T = (key: string, opts?: Record<string, unknown>) => string;

interface ViewProps {
  tier: Tier | null | undefined;
  /** any namespace's `t`: the board hands its own down, one subscription per column */
  t: T;
  /** say "Loyalty tier:" to screen readers; off where a column header says it already */
  labelled?: boolean;
  className?: string;
}

export const isTier = (v: unknown): v is Tier => typeof v === 'string' && (TIERS as string[]).includes(v);

/** The tier's word in the user's language. */
export const tierWord = (t: T, tier: Tier) => t(`tier.${tier}`, { ns: 'loyalty' });

export function TierBadgeView({ tier, t, labelled = true, className }: ViewProps) {
  if (!isTier(tier)) return null;
  return (
    <span className={`badge tier tier-${tier}${className ? ` ${className}` : ''}`} title={t(`tierHint.${tier}`, { ns: 'loyalty' })} data-tier={tier}>
      <TierIcon tier={tier} />
      {labelled && <span className="visually-hidden">{t('tierLabel', { ns: 'loyalty' })}: </span>}
      {tierWord(t, tier)}
    </span>
  );
}

export function TierBadge(props: Omit<ViewProps, 't'>) {
  const { t } = useTranslation('loyalty');
  return <TierBadgeView {...props} t={t} />;
}

/** A shape per tier, so that the badges differ without colour too. */
export function TierIcon({ tier }: { tier: Tier }) {
  const common = { className: 'tier-icon', viewBox: '0 0 16 16', width: 12, height: 12, 'aria-hidden': true, focusable: false } as const;
  switch (tier) {
    case 'champion':
      return (
        <svg {...common}>
          <path fill="currentColor" d="M8 1.2l2 4.3 4.7.5-3.5 3.2 1 4.6L8 11.5l-4.2 2.3 1-4.6L1.3 6l4.7-.5z" />
        </svg>
      );
    case 'at_risk':
      return (
        <svg {...common}>
          <path fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" d="M2 4l4.5 4.5 2.5-2.5L14 11M14 7v4h-4" />
        </svg>
      );
    case 'loyal':
      return (
        <svg {...common}>
          <path fill="currentColor" d="M8 14.2S1.6 10.4 1.6 6A3.3 3.3 0 0 1 8 4.4 3.3 3.3 0 0 1 14.4 6C14.4 10.4 8 14.2 8 14.2z" />
        </svg>
      );
    case 'regular':
      return (
        <svg {...common}>
          <path fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" d="M13 8a5 5 0 1 1-1.5-3.6M12 1.8v3h-3" />
        </svg>
      );
    case 'occasional':
      return (
        <svg {...common}>
          <circle cx="8" cy="8" r="3.5" fill="currentColor" />
        </svg>
      );
    case 'new':
      return (
        <svg {...common}>
          <path fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" d="M8 3v10M3 8h10" />
        </svg>
      );
  }
}
