/**
 * One journey on the board. Kept light and memoized: the board may hold
 * hundreds of these, and a change to one must not re-render the others.
 */
import { memo, type DragEvent } from 'react';
import type { TFunction } from 'i18next';
import { Link } from 'react-router';
import type { JourneyCard as Card } from '../api/types.ts';
import { daysSince, money } from '../format.ts';
import { TierBadgeView } from '../loyalty/tier-badge.tsx';
import { ArrowIcon, BlockIcon, CheckIcon, ConcernIcon } from './icons.tsx';

export const DRAG_TYPE = 'application/x-h2h-journey';

interface Props {
  card: Card;
  /** the board namespace's `t`, handed down: one subscription per column, not one per card */
  t: TFunction<'board'>;
  /** the next stage's name, when this viewer may move the card there */
  moveTo: string | null;
  ownerName: string | null;
  pending: boolean;
  onMove: (card: Card) => void;
  onDragStart: (card: Card) => void;
  onDragEnd: () => void;
}

export const JourneyCard = memo(function JourneyCard({ card, t, moveTo, ownerName, pending, onMove, onDragStart, onDragEnd }: Props) {
  const titleId = `jc-${card.id}`;
  const { met, total } = card.readiness;
  const ready = total > 0 && met >= total;
  const days = daysSince(card.stageEnteredAt);
  const draggable = moveTo !== null && !pending;

  const dragStart = (e: DragEvent) => {
    e.dataTransfer.setData(DRAG_TYPE, card.id);
    e.dataTransfer.setData('text/plain', card.title);
    e.dataTransfer.effectAllowed = 'move';
    onDragStart(card);
  };

  return (
    <li
      className={`jcard${card.blockingConcerns > 0 ? ' jcard-blocked' : ''}${pending ? ' jcard-pending' : ''}`}
      data-journey-id={card.id}
      draggable={draggable}
      onDragStart={draggable ? dragStart : undefined}
      onDragEnd={draggable ? onDragEnd : undefined}
      aria-busy={pending || undefined}
    >
      <p className="jcard-account">
        <span className="jcard-account-name">{card.accountName}</span>
        <TierBadgeView tier={card.accountTier} t={t} />
      </p>
      <h3 className="jcard-title">
        <Link id={titleId} to={`/journeys/${card.id}`} draggable={false}>
          {card.title}
        </Link>
      </h3>
      <p className="jcard-meta">
        <span className="jcard-value">{money(card.valueMinor, card.currency)}</span>
        <span className="jcard-days">{t('daysInStage', { ns: 'common', count: days })}</span>
      </p>
      <p className="jcard-signals">
        <span className={`readiness${ready ? ' readiness-done' : ''}`} title={total > 0 ? t('card.readiness', { met, total }) : t('card.readinessNone')}>
          <span className="readiness-bar" aria-hidden="true">
            <span style={{ width: total > 0 ? `${Math.round((100 * met) / total)}%` : '0%' }} />
          </span>
          <span aria-hidden="true" className="readiness-num">
            {met}/{total}
          </span>
          {ready && <CheckIcon />}
          <span className="visually-hidden">{total > 0 ? t('card.readiness', { met, total }) : t('card.readinessNone')}</span>
        </span>
        {card.blockingConcerns > 0 && (
          <span className="badge bad" title={t('card.blockingTitle')}>
            <BlockIcon />
            {t('card.blocking', { count: card.blockingConcerns })}
          </span>
        )}
        {card.openConcerns > 0 && (
          <span className="badge warn">
            <ConcernIcon />
            {t('card.concerns', { count: card.openConcerns })}
          </span>
        )}
      </p>
      {ownerName && <p className="jcard-owner">{t('card.owner', { name: ownerName })}</p>}
      {moveTo && (
        <button
          type="button"
          className="small jcard-move"
          // Not `disabled`: a disabled button drops the keyboard focus that the dialog returns to.
          aria-disabled={pending || undefined}
          onClick={() => !pending && onMove(card)}
          aria-describedby={titleId}
        >
          {pending ? t('card.moving') : t('card.moveTo', { stage: moveTo })}
          {!pending && <ArrowIcon />}
        </button>
      )}
    </li>
  );
});
