/** A quote's status as a badge: a word, a mark and a colour, so the colour is never the only carrier. */
import { useTranslation } from 'react-i18next';
import type { QuoteStatus } from './types.ts';

const LOOK: Record<QuoteStatus, { tone: string; mark: string }> = {
  draft: { tone: '', mark: '✎' },
  sent: { tone: 'accent', mark: '➜' },
  viewed: { tone: 'accent', mark: '◉' },
  accepted: { tone: 'ok', mark: '✓' },
  declined: { tone: 'bad', mark: '✕' },
  superseded: { tone: 'muted-badge', mark: '↻' },
  expired: { tone: 'warn', mark: '⌛' },
};

export function QuoteStatusBadge({ status }: { status: QuoteStatus }) {
  const { t } = useTranslation('quotes');
  const look = LOOK[status];
  return (
    <span className={`badge quote-status ${look.tone}`} data-status={status}>
      <span aria-hidden="true">{look.mark} </span>
      <span className="visually-hidden">{t('status.label')}: </span>
      {t(`status.${status}`)}
    </span>
  );
}
