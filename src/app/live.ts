/**
 * Live updates: an in-process hub that hears every committed change (through
 * `ctx.onCommit`) and hands it to the subscribers of that org, or of that one
 * journey. Open pages use it to refresh themselves (SSE, http/routes/live.ts).
 *
 * In one process only: with several app processes a change made in one must
 * reach the subscribers of the others, through PostgreSQL LISTEN/NOTIFY
 * (docs/scaling.md). The hub's publish/subscribe shape stays the same then.
 */
import type { Actor, AppContext, ChangeEvent } from './context.ts';
import { loadJourney } from './journeys.ts';

export type LiveListener = (event: ChangeEvent) => void;

interface Subscription {
  journeyId: string | null;
  listener: LiveListener;
}

export class LiveHub {
  private readonly byOrg = new Map<string, Set<Subscription>>();

  /**
   * Hears the org's changes, or only one journey's. Returns the way to stop;
   * calling it twice is harmless.
   */
  subscribe(orgId: string, journeyId: string | null, listener: LiveListener): () => void {
    const sub: Subscription = { journeyId, listener };
    let subs = this.byOrg.get(orgId);
    if (!subs) this.byOrg.set(orgId, (subs = new Set()));
    subs.add(sub);
    return () => {
      const current = this.byOrg.get(orgId);
      if (!current) return;
      current.delete(sub);
      if (current.size === 0) this.byOrg.delete(orgId);
    };
  }

  /**
   * Hands each event to its subscribers. Runs after commit, inside the use
   * case's call: a failing listener must neither fail the request that made
   * the change nor keep the other listeners from hearing it.
   */
  publish(events: readonly ChangeEvent[]): void {
    for (const event of events) {
      const subs = this.byOrg.get(event.orgId);
      if (!subs) continue;
      for (const sub of [...subs]) {
        if (sub.journeyId !== null && sub.journeyId !== event.journeyId) continue;
        try {
          sub.listener(event);
        } catch {
          // A listener that throws is the listener's problem (a closed socket, say); the change is committed.
        }
      }
    }
  }

  /** How many subscriptions are open, for tests and metrics. */
  get size(): number {
    let n = 0;
    for (const subs of this.byOrg.values()) n += subs.size;
    return n;
  }
}

/**
 * Makes `ctx.onCommit` also publish to the hub, keeping whatever listener was
 * there. Returns the way to undo it (when the server closes).
 */
export function attachHub(ctx: AppContext, hub: LiveHub): () => void {
  const previous = ctx.onCommit;
  const chained = (events: readonly ChangeEvent[]) => {
    previous?.(events);
    hub.publish(events);
  };
  ctx.onCommit = chained;
  return () => {
    // Only undo our own link: something attached after us keeps its place.
    if (ctx.onCommit === chained) ctx.onCommit = previous;
  };
}

/** Every change in the actor's org: what the board listens to. */
export function watchOrg(hub: LiveHub, actor: Actor, listener: LiveListener): () => void {
  return hub.subscribe(actor.orgId, null, listener);
}

/** The changes of one journey of the actor's org; not found when it is not in the org. */
export async function watchJourney(ctx: AppContext, hub: LiveHub, actor: Actor, journeyId: string, listener: LiveListener): Promise<() => void> {
  await loadJourney(ctx.store.db, actor, journeyId);
  return hub.subscribe(actor.orgId, journeyId, listener);
}
