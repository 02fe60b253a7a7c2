/**
 * The first page of every column in one request. Each column asks for its own
 * first page; the asks made in the same moment (the board drawing its columns,
 * or a live update refreshing them) go out together as one GET /board. The
 * browser opens at most six connections per host and the live stream holds one,
 * so six column requests would queue behind each other.
 */
import { get, qs } from '../api/client.ts';
import type { JourneyCard, JourneyStatus, Page } from '../api/types.ts';

export interface BoardFilterQuery {
  templateKey: string;
  status: JourneyStatus;
  ownerId: string | undefined;
  q: string;
  limit: number;
}

interface Pending {
  filters: BoardFilterQuery;
  waiting: Map<string, { resolve: (page: Page<JourneyCard>) => void; reject: (err: unknown) => void }[]>;
}

const pending = new Map<string, Pending>();
type Columns = Map<string, Page<JourneyCard>>;
/** A board asked for before the app has drawn anything (see prefetchBoard). */
let early: { signature: string; at: number; columns: Promise<Columns> } | null = null;
/** An early board older than this is not used: the columns fetch afresh. */
const EARLY_MS = 10_000;

const signatureOf = (f: BoardFilterQuery) => JSON.stringify([f.templateKey, f.status, f.ownerId ?? '', f.q, f.limit]);

async function fetchColumns({ templateKey, status, ownerId, q, limit }: BoardFilterQuery): Promise<Columns> {
  const board = await get<{ columns: ({ stage: string } & Page<JourneyCard>)[] }>(`/board${qs({ templateKey, status, ownerId, q, limit })}`);
  return new Map(board.columns.map((c) => [c.stage, { items: c.items, nextCursor: c.nextCursor }]));
}

/**
 * Starts loading a board as the script starts, while the session and the processes
 * are still on their way; the columns take it when they first ask. Only once: a
 * later ask (a live update, a filter change) fetches afresh.
 */
export function prefetchBoard(filters: BoardFilterQuery): void {
  const columns = fetchColumns(filters);
  columns.catch(() => undefined); // a failed early load is retried by the columns themselves
  early = { signature: signatureOf(filters), at: Date.now(), columns };
}

async function flush(signature: string) {
  const batch = pending.get(signature);
  pending.delete(signature);
  if (!batch) return;
  const e = early;
  early = null;
  const columns = e && e.signature === signature && Date.now() - e.at < EARLY_MS ? e.columns.catch(() => fetchColumns(batch.filters)) : fetchColumns(batch.filters);
  try {
    const byStage = await columns;
    // A stage the process no longer has is an empty column until the board redraws.
    for (const [stage, waiters] of batch.waiting) for (const w of waiters) w.resolve(byStage.get(stage) ?? { items: [], nextCursor: null });
  } catch (err) {
    for (const waiters of batch.waiting.values()) for (const w of waiters) w.reject(err);
  }
}

/** One column's first page, fetched together with the other columns asking now. */
export function firstPage(stage: string, filters: BoardFilterQuery): Promise<Page<JourneyCard>> {
  const signature = signatureOf(filters);
  let batch = pending.get(signature);
  if (!batch) {
    batch = { filters, waiting: new Map() };
    pending.set(signature, batch);
    setTimeout(() => void flush(signature), 0);
  }
  const waiters = batch.waiting.get(stage) ?? [];
  batch.waiting.set(stage, waiters);
  return new Promise((resolve, reject) => waiters.push({ resolve, reject }));
}
