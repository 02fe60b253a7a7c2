/**
 * Loyalty from the org's orders. So far: the BG/NBD model of who is still a
 * customer (domain/bgnbd.ts), fitted on the order history up to a day.
 */
import { fitBgnbd, summarize, type CustomerHistory, type TimeUnit } from '../domain/bgnbd.ts';
import { orderDatesPage } from '../store/loyalty.ts';
import type { Actor, AppContext } from './context.ts';
import { invalid } from './errors.ts';

const DAY_MS = 86_400_000;
const PAGE = 20_000;

/** A stored order time as a day number (days since 1970-01-01, UTC). */
const dayOf = (orderedAt: string) => Math.floor(Date.parse(orderedAt.length === 10 ? `${orderedAt}T00:00:00Z` : orderedAt) / DAY_MS);

/** Each account's purchase history as of the day `asOf` (inclusive), read page by page. */
async function histories(ctx: AppContext, orgId: string, asOf: string, unit: TimeUnit): Promise<CustomerHistory[]> {
  const end = dayOf(asOf);
  const next = new Date((end + 1) * DAY_MS).toISOString().slice(0, 10);
  const out: CustomerHistory[] = [];
  let account: string | null = null;
  let days: number[] = [];
  const close = () => {
    const h = account === null ? null : summarize(days, end, unit);
    if (h) out.push(h);
  };
  for (let after: { accountId: string; id: string } | null = null; ; ) {
    const page = await orderDatesPage(ctx.store.db, orgId, next, after, PAGE);
    for (const o of page) {
      if (o.account_id !== account) {
        close();
        account = o.account_id;
        days = [];
      }
      days.push(dayOf(o.ordered_at));
    }
    const last = page[page.length - 1];
    if (!last || page.length < PAGE) break;
    after = { accountId: last.account_id, id: last.id };
  }
  close();
  return out;
}

export interface ModelFit {
  asOf: string;
  unit: TimeUnit;
  customers: number;
  r: number;
  alpha: number;
  a: number;
  b: number;
  logLikelihood: number;
  converged: boolean;
  iterations: number;
}

/** The BG/NBD model fitted by maximum likelihood on the org's orders up to `asOf` (YYYY-MM-DD), in weeks or days. */
export async function loyaltyModel(ctx: AppContext, actor: Actor, q: { asOf: string; unit: TimeUnit }): Promise<ModelFit> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(q.asOf) || Number.isNaN(Date.parse(`${q.asOf}T00:00:00Z`))) throw invalid('query.asOf', 'must be a date as YYYY-MM-DD');
  const customers = await histories(ctx, actor.orgId, q.asOf, q.unit);
  if (customers.length === 0) throw invalid('query.asOf', `There are no orders on or before ${q.asOf} to fit the model on.`);
  const fit = fitBgnbd(customers);
  return { asOf: q.asOf, unit: q.unit, customers: fit.customers, r: fit.r, alpha: fit.alpha, a: fit.a, b: fit.b, logLikelihood: fit.logLikelihood, converged: fit.converged, iterations: fit.iterations };
}
