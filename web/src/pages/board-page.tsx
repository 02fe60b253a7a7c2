/**
 * The journeys board: one column per buyer stage, in the buyer's words.
 * Each column pages its own journeys; a card moves forward by drag or by
 * its button, and the board explains what the buyer still lacks when it cannot.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Journey, JourneyCard } from '../api/types.ts';
import { useMe } from '../auth.tsx';
import { AdvanceDialog, advanceJourney, unmetOf, type Unmet } from '../board/advance-dialog.tsx';
import { BoardColumn, type ColumnQuery } from '../board/board-column.tsx';
import { stageName, useBoardFilters, useTemplates, useUsers } from '../board/board-data.ts';
import { BoardFilterBar, ProcessSwitch } from '../board/board-filters.tsx';
import '../board/board.css';
import { useLive } from '../live.ts';
import { ErrorMessage, problemText } from '../ui/problem.tsx';

interface Stage {
  key: string;
  name: string;
}

interface Blocked {
  card: JourneyCard;
  to: Stage;
  unmet: Unmet[];
}

const LIVE_KEYS = [['journeys']];

export function BoardPage() {
  const { t, i18n } = useTranslation('board');
  const qc = useQueryClient();
  const me = useMe().data?.user;
  const [filters, update] = useBoardFilters();
  const templates = useTemplates();
  const users = useUsers();
  useLive('/api/v1/events', LIVE_KEYS);

  const template = templates.data?.find((tpl) => tpl.key === filters.process) ?? templates.data?.[0];
  const lang = i18n.language;
  const stages = useMemo<Stage[]>(() => (template?.stages ?? []).map((s) => ({ key: s.key, name: stageName(s.name, lang) })), [template, lang]);

  const ownerId = filters.owner === 'me' ? me?.id : filters.owner || undefined;
  const templateKey = template?.key ?? filters.process;
  const columnQuery = useMemo<ColumnQuery>(() => ({ templateKey, status: filters.status, ownerId, q: filters.q }), [templateKey, filters.status, ownerId, filters.q]);
  const filtered = filters.owner !== '' || filters.q !== '';
  // Until we know who is signed in, no card can be moved; then a seller moves only their own.
  const onlyOwner = me === undefined ? '' : me.role === 'seller' ? me.id : null;
  const ownerNames = useMemo(() => (ownerId || !users.data ? null : new Map(users.data.map((u) => [u.id, u.name]))), [ownerId, users.data]);

  const [pending, setPending] = useState<ReadonlySet<string>>(() => new Set());
  const [dragging, setDragging] = useState<JourneyCard | null>(null);
  const [blocked, setBlocked] = useState<Blocked | null>(null);
  const [status, setStatus] = useState('');
  const [failure, setFailure] = useState('');

  // Callbacks handed to every card stay the same between renders; they read the latest stages here.
  const stagesRef = useRef(stages);
  stagesRef.current = stages;
  const nextOf = useCallback((stage: string): Stage | null => {
    const list = stagesRef.current;
    const i = list.findIndex((s) => s.key === stage);
    return i >= 0 ? (list[i + 1] ?? null) : null;
  }, []);

  const moved = useCallback(
    async (card: JourneyCard, journey: Journey, overridden: boolean) => {
      setBlocked(null);
      setFailure('');
      setStatus(t(overridden ? 'movedOverride' : 'moved', { title: card.title, stage: journey.stageName }));
      // The journey's own page, its timeline and Today are not on screen: mark them stale, refetch when shown.
      for (const key of [['journey', card.id], ['timeline', card.id], ['account-timeline'], ['today']]) void qc.invalidateQueries({ queryKey: key, refetchType: 'none' });
      await qc.invalidateQueries({ queryKey: ['journeys'] });
      // Keyboard users keep their place: focus follows the card to its new column once it is drawn there.
      const active = document.activeElement;
      if (active && active !== document.body && !active.closest(`[data-journey-id="${card.id}"]`)) return;
      const focusCard = (tries: number) => {
        const column = document.getElementById(`col-${journey.stage}`);
        const link = column?.closest('section')?.querySelector<HTMLElement>(`[data-journey-id="${card.id}"] a`);
        if (link) link.focus();
        else if (tries > 0) requestAnimationFrame(() => focusCard(tries - 1));
        else column?.focus();
      };
      focusCard(10);
    },
    [qc, t],
  );

  const move = useCallback(
    async (card: JourneyCard) => {
      const to = nextOf(card.stage);
      if (!to) return;
      setPending((s) => new Set(s).add(card.id));
      setFailure('');
      try {
        await moved(card, await advanceJourney(card.id), false);
      } catch (err) {
        const unmet = unmetOf(err);
        if (unmet) setBlocked({ card, to, unmet });
        else setFailure(t('moveFailed', { title: card.title, reason: problemText(err, t) }));
      } finally {
        setPending((s) => {
          const next = new Set(s);
          next.delete(card.id);
          return next;
        });
      }
    },
    [nextOf, moved, t],
  );

  const onMove = useCallback((card: JourneyCard) => void move(card), [move]);
  const draggedRef = useRef<JourneyCard | null>(null);
  const onDragStart = useCallback((card: JourneyCard) => {
    draggedRef.current = card;
    // Let the browser take its drag picture before the board highlights the target.
    requestAnimationFrame(() => setDragging(card));
  }, []);
  const onDragEnd = useCallback(() => {
    draggedRef.current = null;
    setDragging(null);
  }, []);
  const onDrop = useCallback(
    (journeyId: string) => {
      const card = draggedRef.current;
      draggedRef.current = null;
      setDragging(null);
      if (card?.id === journeyId) void move(card);
    },
    [move],
  );

  // A success message steps aside by itself; errors stay until dismissed.
  useEffect(() => {
    if (!status) return;
    const timer = setTimeout(() => setStatus(''), 6000);
    return () => clearTimeout(timer);
  }, [status]);

  const dropKey = dragging ? nextOf(dragging.stage)?.key : undefined;

  return (
    <section className="page board-page" aria-labelledby="board-title">
      <div className="page-head">
        <div>
          <h1 id="board-title">{t('title')}</h1>
          <p className="muted board-intro">{t('intro')}</p>
        </div>
        {templates.data && <ProcessSwitch templates={templates.data} value={template?.key ?? filters.process} onChange={(process) => update({ process })} />}
      </div>
      <BoardFilterBar filters={filters} update={update} me={me} users={users.data} />
      <div className="visually-hidden" role="status" aria-live="polite">
        {status}
      </div>
      {status && (
        <p className="board-message board-toast ok">
          {status}
          <button type="button" className="link" onClick={() => setStatus('')}>
            <span aria-hidden="true">×</span>
            <span className="visually-hidden">{t('dismiss')}</span>
          </button>
        </p>
      )}
      {failure && (
        <p className="error board-message board-toast" role="alert">
          {failure}
          <button type="button" className="link" onClick={() => setFailure('')}>
            <span aria-hidden="true">×</span>
            <span className="visually-hidden">{t('dismiss')}</span>
          </button>
        </p>
      )}
      <ErrorMessage error={templates.error} />
      {templates.isPending && (
        <p className="loading" role="status">
          {t('loading', { ns: 'common' })}
        </p>
      )}
      {stages.length > 0 && (
        <div className="board" role="group" aria-label={t('columns')} style={{ ['--stages' as string]: stages.length }}>
          {stages.map((s, i) => {
            const next = stages[i + 1];
            return (
              <BoardColumn
                key={`${template?.key}-${s.key}`}
                stageKey={s.key}
                name={s.name}
                position={i + 1}
                stages={stages.length}
                query={columnQuery}
                filtered={filtered}
                nextName={next?.name ?? null}
                onlyOwner={onlyOwner}
                ownerNames={ownerNames}
                pendingIds={pending}
                dropTarget={dropKey === s.key}
                onMove={onMove}
                onDragStart={onDragStart}
                onDragEnd={onDragEnd}
                onDrop={onDrop}
              />
            );
          })}
        </div>
      )}
      {blocked && (
        <AdvanceDialog
          key={blocked.card.id}
          card={blocked.card}
          toName={blocked.to.name}
          unmet={blocked.unmet}
          onMoved={(journey, overridden) => void moved(blocked.card, journey, overridden)}
          onClose={() => setBlocked(null)}
        />
      )}
    </section>
  );
}
