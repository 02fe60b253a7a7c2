/**
 * One buyer stage: its own pages of journeys (never an unbounded list),
 * "Show more" by cursor, and a drop zone when a card from the stage before is dragged.
 */
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { memo, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { get, qs } from '../api/client.ts';
import type { JourneyCard as Card, JourneyStatus, Page } from '../api/types.ts';
import { ErrorMessage } from '../ui/problem.tsx';
import { firstPage } from './board-batch.ts';
import { PAGE_SIZE } from './board-data.ts';
import { DRAG_TYPE, JourneyCard } from './journey-card.tsx';

export interface ColumnQuery {
  /** the process: its stages share keys with other processes' */
  templateKey: string;
  status: JourneyStatus;
  ownerId: string | undefined;
  q: string;
}

interface Props {
  stageKey: string;
  name: string;
  position: number;
  stages: number;
  query: ColumnQuery;
  filtered: boolean;
  /** the next stage's name; null at the last stage */
  nextName: string | null;
  /** who may move cards: null for anyone's, else only this user's own */
  onlyOwner: string | null;
  /** owner names to show on cards, or null when the board shows one owner */
  ownerNames: Map<string, string> | null;
  pendingIds: ReadonlySet<string>;
  dropTarget: boolean;
  onMove: (card: Card) => void;
  onDragStart: (card: Card) => void;
  onDragEnd: () => void;
  onDrop: (journeyId: string, toKey: string) => void;
}

export function columnKey(stageKey: string, q: ColumnQuery) {
  return ['journeys', 'board', q.templateKey, stageKey, q.status, q.ownerId ?? '', q.q] as const;
}

export const BoardColumn = memo(function BoardColumn(props: Props) {
  const { stageKey, name, position, stages, query: cq, filtered, nextName, onlyOwner, ownerNames, pendingIds, dropTarget } = props;
  const { t } = useTranslation('board');
  const [over, setOver] = useState(false);
  const query = useInfiniteQuery({
    queryKey: columnKey(stageKey, cq),
    queryFn: ({ pageParam }) =>
      pageParam === undefined
        ? firstPage(stageKey, { ...cq, limit: PAGE_SIZE })
        : get<Page<Card>>(`/journeys${qs({ templateKey: cq.templateKey, stage: stageKey, status: cq.status, ownerId: cq.ownerId, q: cq.q, cursor: pageParam, limit: PAGE_SIZE })}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
  const cards = useMemo(() => query.data?.pages.flatMap((p) => p.items) ?? [], [query.data]);

  // Scrolling near the end of a column brings its next page; "Show more" stays for the keyboard.
  const listRef = useRef<HTMLOListElement>(null);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = query;
  useEffect(() => {
    const list = listRef.current;
    const last = list?.lastElementChild;
    if (!list || !last || !hasNextPage || isFetchingNextPage || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) void fetchNextPage();
    }, { root: list, rootMargin: '0px 0px 300px 0px' });
    observer.observe(last);
    return () => observer.disconnect();
  }, [cards.length, hasNextPage, isFetchingNextPage, fetchNextPage]);
  const headingId = `col-${stageKey}`;

  // Only open journeys move, and a seller moves only their own.
  const canMove = (c: Card) => nextName !== null && c.status === 'open' && (onlyOwner === null || c.ownerId === onlyOwner);
  const { onMove, onDragStart, onDragEnd, onDrop } = props;

  const dragOver = (e: DragEvent) => {
    if (!dropTarget || !e.dataTransfer.types.includes(DRAG_TYPE)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'move';
    if (!over) setOver(true);
  };
  const dragLeave = (e: DragEvent) => {
    if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setOver(false);
  };
  const drop = (e: DragEvent) => {
    setOver(false);
    if (!dropTarget) return;
    const id = e.dataTransfer.getData(DRAG_TYPE);
    if (!id) return;
    e.preventDefault();
    onDrop(id, stageKey);
  };

  let count: string;
  if (query.hasNextPage) count = t('countMore', { count: cards.length });
  else count = t('count', { count: cards.length });

  return (
    <section
      className={`bcol${dropTarget ? ' bcol-target' : ''}${over && dropTarget ? ' bcol-over' : ''}`}
      aria-labelledby={headingId}
      onDragOver={dragOver}
      onDragEnter={dragOver}
      onDragLeave={dragLeave}
      onDrop={drop}
    >
      <header className="bcol-head">
        <h2 id={headingId} tabIndex={-1}>
          <span className="bcol-step" aria-hidden="true">
            {position}
          </span>
          <span className="visually-hidden">{t('stageLabel', { stage: name, n: position, total: stages })}</span>
          <span aria-hidden="true">{name}</span>
        </h2>
        {query.data && (
          <span className="bcol-count" title={count}>
            <span aria-hidden="true">{query.hasNextPage ? `${cards.length}+` : cards.length}</span>
            <span className="visually-hidden">{count}</span>
          </span>
        )}
      </header>
      {dropTarget && (
        <p className="bcol-drop" aria-hidden="true">
          {t('dropHere', { stage: name })}
        </p>
      )}
      {query.isPending && (
        <p className="bcol-empty muted" role="status">
          {t('loading', { ns: 'common' })}
        </p>
      )}
      {query.isError && !query.data && (
        <div className="bcol-error">
          <ErrorMessage error={query.error} />
          <button type="button" className="small" onClick={() => void query.refetch()}>
            {t('retry', { ns: 'common' })}
          </button>
        </div>
      )}
      {query.data && cards.length === 0 && <p className="bcol-empty muted">{filtered ? t('emptyFiltered') : t('empty')}</p>}
      {cards.length > 0 && (
        <ol ref={listRef} className={`bcol-list${query.isPlaceholderData ? ' bcol-stale' : ''}`}>
          {cards.map((c) => (
            <JourneyCard
              key={c.id}
              card={c}
              t={t}
              moveTo={canMove(c) ? nextName : null}
              ownerName={ownerNames?.get(c.ownerId) ?? null}
              pending={pendingIds.has(c.id)}
              onMove={onMove}
              onDragStart={onDragStart}
              onDragEnd={onDragEnd}
            />
          ))}
        </ol>
      )}
      {query.hasNextPage && (
        <button type="button" className="bcol-more" onClick={() => void query.fetchNextPage()} disabled={query.isFetchingNextPage}>
          {query.isFetchingNextPage ? (
            t('loadingMore')
          ) : (
            <>
              {t('showMore')} <span className="visually-hidden">{t('showMoreIn', { stage: name })}</span>
            </>
          )}
        </button>
      )}
      {query.isError && query.data && <ErrorMessage error={query.error} />}
    </section>
  );
});
