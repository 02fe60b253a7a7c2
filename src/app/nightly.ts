/**
 * The work done once a night per org. Loyalty moves with time alone (R and T
 * grow by a day each day, pAlive falls without orders), so every org's tiers,
 * cuts and model are recomputed once per local day, from NIGHT_HOUR on. The
 * server calls `runNightly` every hour (cli/serve.ts).
 */
import { nightlyDue } from '../domain/nightly.ts';
import { findLoyaltyState } from '../store/loyalty.ts';
import { listOrgs } from '../store/orgs.ts';
import type { AppContext } from './context.ts';
import { recomputeLoyalty } from './loyalty.ts';

export interface NightlyOutcome {
  orgId: string;
  error?: string;
}

/** Recomputes loyalty for each org it is due for; one org failing does not stop the others. */
export async function runNightly(ctx: AppContext): Promise<NightlyOutcome[]> {
  const done: NightlyOutcome[] = [];
  for (const org of await listOrgs(ctx.store.db)) {
    const state = await findLoyaltyState(ctx.store.db, org.id);
    if (!nightlyDue(state ? new Date(state.computed_at) : null, ctx.now(), org.time_zone)) continue;
    try {
      await recomputeLoyalty(ctx, { orgId: org.id, userId: null, role: 'admin', kind: 'system' }, 'recompute');
      done.push({ orgId: org.id });
    } catch (err) {
      done.push({ orgId: org.id, error: err instanceof Error ? err.message : String(err) });
    }
  }
  return done;
}
