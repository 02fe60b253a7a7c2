/**
 * Loyalty from the org's orders (DESIGN §7): each account's R, F, M and T,
 * its tier, the BG/NBD model's pAlive and expected orders, kept current.
 *
 * - A full recompute adds the orders up per account in one query, ranks the
 *   accounts into quintile cuts, fits the model, and writes every account's
 *   row and tier change in one transaction (after imports, nightly, on demand).
 * - A changed order refreshes its own account only, against the stored cuts
 *   and model (`refreshAccountLoyalty`, inside the order's transaction).
 */
import { expectedPurchases, fitBgnbd, pAlive, summarize, type BgnbdParams, type CustomerHistory, type TimeUnit } from '../domain/bgnbd.ts';
import {
  cutsOf,
  DEFAULT_LOYALTY_SETTINGS,
  explain,
  rfmtOfTotals,
  scoresOf,
  tierOf,
  TIERS,
  windowStartDay,
  type LoyaltySettings,
  type RfmCuts,
  type RfmtFacts,
  type Tier,
} from '../domain/loyalty.ts';
import { localDate } from '../domain/today.ts';
import { findAccount } from '../store/accounts.ts';
import { fromJson, toJson } from '../store/json.ts';
import {
  accountCount,
  accountOrderDays,
  accountTierChanges,
  accountTotals,
  deleteAccountLoyalty,
  deleteLoyaltyRows,
  findAccountLoyalty,
  findLoyaltyState,
  insertLoyaltyRows,
  insertTierChanges,
  orderDatesPage,
  putAccountLoyalty,
  quietAccounts,
  saveLoyaltyState,
  storedLoyalty,
  tierChangesBetween,
  tierCounts,
  type AccountTotals,
  type TotalsRange,
} from '../store/loyalty.ts';
import { findOrg } from '../store/orgs.ts';
import type { AccountLoyaltyTable, TierChangeTable } from '../store/schema.ts';
import { findSetting, saveSetting } from '../store/settings.ts';
import { write, type Actor, type AppContext, type Db, type Writer } from './context.ts';
import { AppError, invalid, notFound } from './errors.ts';

const DAY_MS = 86_400_000;
const PAGE = 20_000;
/** The model counts time in weeks; a year of them for "expected orders in the next 12 months". */
const WEEK_DAYS = 7;
const YEAR_WEEKS = 365.25 / WEEK_DAYS;
/** pAlive90: the probability as it stood this many days ago. */
const EARLIER_DAYS = 90;
/**
 * The model is fitted on at most this many accounts: every k-th by id when
 * there are more. The fit's time grows with the histories, its precision
 * only with their square root (bench:loyalty prints a sample's fit beside the
 * fit on every account); every account's pAlive still comes from its own
 * history.
 */
export const MODEL_SAMPLE = 5_000;
/** The L2 penalty of a refit when the plain fit found no maximum inside the bounds (domain/bgnbd.ts). */
export const SMALL_DATA_PENALTY = 0.01;
/** How far a loyal or champion account's pAlive must fall in 90 days to be listed as falling. */
export const FALLING_DROP = 0.1;
const FALLING_LIMIT = 20;

export type TierCause = 'order' | 'recompute' | 'settings';

/** A day number (whole days since 1970-01-01) of a date or ISO time: its first ten characters. */
const dayOf = (dateOrTime: string) => Math.floor(Date.parse(`${dateOrTime.slice(0, 10)}T00:00:00Z`) / DAY_MS);
const dateOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** Today in the org's calendar, as a day number. */
async function orgToday(ctx: AppContext, db: Db, orgId: string): Promise<number> {
  const org = await findOrg(db, orgId);
  return dayOf(localDate(ctx.now(), org?.time_zone ?? 'Europe/Stockholm'));
}

// --- settings ----------------------------------------------------------------

const SETTINGS_KEY = 'loyalty';

export async function loyaltySettings(db: Db, orgId: string): Promise<LoyaltySettings> {
  const row = await findSetting(db, orgId, SETTINGS_KEY);
  return { ...DEFAULT_LOYALTY_SETTINGS, ...fromJson<Partial<LoyaltySettings>>(row?.value ?? null) };
}

export const getLoyaltySettings = (ctx: AppContext, actor: Actor) => loyaltySettings(ctx.store.db, actor.orgId);

/** Saves the org's tier thresholds (admins) and recomputes every tier against them at once. */
export async function updateLoyaltySettings(ctx: AppContext, actor: Actor, input: LoyaltySettings): Promise<LoyaltySettings> {
  if (actor.role !== 'admin') throw new AppError('forbidden', 'Only an admin may change the loyalty thresholds.');
  const settings: LoyaltySettings = { ...DEFAULT_LOYALTY_SETTINGS, ...input };
  await write(ctx, actor, async (w) => {
    const before = await loyaltySettings(w.tx, actor.orgId);
    await saveSetting(w.tx, { org_id: actor.orgId, key: SETTINGS_KEY, value: toJson(settings), updated_at: w.iso });
    await w.audit('settings.loyalty', 'org', actor.orgId, before, settings);
  });
  await recomputeLoyalty(ctx, actor, 'settings');
  return settings;
}

// --- the model -------------------------------------------------------------------

export interface StoredModel extends BgnbdParams {
  unit: 'week';
  customers: number;
  logLikelihood: number;
  fittedAt: string;
}

/** What the model needs of an account: its first and last order day and how many days it bought on. */
interface Purchases {
  firstOn: string;
  lastOn: string;
  days: number;
}

/** An account's history for the model, in weeks, as of `today` (which may be before its last order only by mistake: clamped). */
const historyOf = (p: Purchases, today: number): CustomerHistory => {
  const first = dayOf(p.firstOn);
  const T = Math.max(0, today - first) / WEEK_DAYS;
  return { x: p.days - 1, tx: Math.min(T, (dayOf(p.lastOn) - first) / WEEK_DAYS), T };
};

const purchasesOf = (t: AccountTotals): Purchases => ({ firstOn: t.first_on, lastOn: t.last_on, days: t.days });

/**
 * Fits the model on the accounts' histories (a sample of MODEL_SAMPLE when
 * there are more), starting from the last fit. A fit that did not converge
 * (too few or too uniform histories) is not trusted: the last one stays.
 */
function fitModel(totals: readonly AccountTotals[], today: number, previous: StoredModel | null, iso: string): StoredModel | null {
  const step = Math.ceil(totals.length / MODEL_SAMPLE);
  const histories: CustomerHistory[] = [];
  for (let i = 0; i < totals.length; i += step) histories.push(historyOf(purchasesOf(totals[i] as AccountTotals), today));
  if (histories.length === 0) return previous;
  let fit = fitBgnbd(histories, previous ? { start: previous } : {});
  // Few or very even histories put the maximum at a bound (a and b running
  // off together, say): a small penalty, as lifetimes advises for small data,
  // keeps the parameters where the data can speak for them.
  if (!fit.converged) fit = fitBgnbd(histories, { penalizer: SMALL_DATA_PENALTY });
  if (!fit.converged) return previous;
  return { r: fit.r, alpha: fit.alpha, a: fit.a, b: fit.b, unit: 'week', customers: fit.customers, logLikelihood: fit.logLikelihood, fittedAt: iso };
}

// --- one account's row -------------------------------------------------------------

const rangeOf = (today: number, settings: LoyaltySettings): TotalsRange => ({
  before: dateOf(today + 1),
  windowStart: dateOf(windowStartDay(today, settings)),
});

const factsOf = (t: AccountTotals, today: number): RfmtFacts =>
  rfmtOfTotals({ firstDay: dayOf(t.first_on), lastDay: dayOf(t.last_on), frequency: t.frequency, monetaryMinor: t.monetary }, today);

interface Scoring {
  orgId: string;
  today: number;
  settings: LoyaltySettings;
  cuts: RfmCuts;
  iso: string;
}

function rowOf(t: AccountTotals, s: Scoring): AccountLoyaltyTable {
  const facts = factsOf(t, s.today);
  const scores = scoresOf(facts, s.cuts);
  return {
    org_id: s.orgId,
    account_id: t.account_id,
    tier: tierOf(scores, facts.tenureDays, s.settings),
    first_order_on: t.first_on,
    last_order_on: t.last_on,
    order_days: t.days,
    frequency: t.frequency,
    monetary_minor: t.monetary,
    ...scores,
    computed_at: s.iso,
  };
}

/** A stored row says the same as a new one (PostgreSQL reads bigint money as a string). */
const sameRow = (a: AccountLoyaltyTable, b: AccountLoyaltyTable) =>
  a.tier === b.tier &&
  a.first_order_on === b.first_order_on &&
  a.last_order_on === b.last_order_on &&
  Number(a.order_days) === b.order_days &&
  Number(a.frequency) === b.frequency &&
  Number(a.monetary_minor) === b.monetary_minor &&
  a.r === b.r &&
  a.f === b.f &&
  a.m === b.m;

const change = (w: Writer, accountId: string, from: string, to: string, cause: TierCause): TierChangeTable => ({
  org_id: w.actor.orgId,
  id: w.id(),
  account_id: accountId,
  from_tier: from,
  to_tier: to,
  at: w.iso,
  cause,
});

// --- full recompute ------------------------------------------------------------------

export interface RecomputeResult {
  /** accounts with orders */
  accounts: number;
  /** accounts whose tier changed */
  changed: number;
  durationMs: number;
}

/**
 * Every account's figures and tier anew, the cuts and the model refitted, in
 * the writer's transaction: one consistent read of the orders, and nothing
 * half-written. On SQLite the transaction holds the one connection while it
 * runs (about a second per 30,000 accounts, see docs/performance.md).
 */
export async function recomputeLoyaltyWithin(ctx: AppContext, w: Writer, cause: TierCause, refit = true): Promise<Omit<RecomputeResult, 'durationMs'>> {
  const orgId = w.actor.orgId;
  const [today, settings, state] = await Promise.all([orgToday(ctx, w.tx, orgId), loyaltySettings(w.tx, orgId), findLoyaltyState(w.tx, orgId)]);
  const totals = await accountTotals(w.tx, orgId, rangeOf(today, settings));
  const cuts = cutsOf(totals.map((t) => factsOf(t, today)));
  const previous = fromJson<StoredModel>(state?.model ?? null);
  const model = refit ? fitModel(totals, today, previous, w.iso) : previous;
  const rows = totals.map((t) => rowOf(t, { orgId, today, settings, cuts, iso: w.iso }));

  // Only what changed is written: from one night to the next most accounts keep their figures and tier.
  const stored = new Map((await storedLoyalty(w.tx, orgId)).map((r) => [r.account_id, r]));
  const changes: TierChangeTable[] = [];
  const changed: AccountLoyaltyTable[] = [];
  const replaced: string[] = [];
  for (const row of rows) {
    const before = stored.get(row.account_id);
    stored.delete(row.account_id);
    if (before && sameRow(before, row)) continue;
    changed.push(row);
    if (before) replaced.push(row.account_id);
    const from = before?.tier ?? 'new';
    // An org's first computation sets where every account starts: nothing was known before, so nothing moved.
    if (from !== row.tier && state) changes.push(change(w, row.account_id, from, row.tier, cause));
  }
  // What is left had orders and has none now (all deleted): new again.
  for (const [accountId, before] of stored) if (before.tier !== 'new') changes.push(change(w, accountId, before.tier, 'new', cause));
  await deleteLoyaltyRows(w.tx, orgId, [...replaced, ...stored.keys()]);
  await insertLoyaltyRows(w.tx, changed);
  await insertTierChanges(w.tx, changes);
  await saveLoyaltyState(w.tx, { org_id: orgId, cuts: toJson(cuts), model: model && toJson(model), accounts: rows.length, computed_at: w.iso });
  // A changed order has its own audit entry; a recompute gets one of its own.
  if (cause !== 'order') await w.audit('loyalty.recompute', 'org', orgId, null, { cause, accounts: rows.length, changed: changes.length });
  return { accounts: rows.length, changed: changes.length };
}

/** `h2h loyalty recompute`, `POST /loyalty/recompute`, after imports and nightly: see `recomputeLoyaltyWithin`. */
export async function recomputeLoyalty(ctx: AppContext, actor: Actor, cause: TierCause = 'recompute'): Promise<RecomputeResult> {
  if (actor.role === 'seller') throw new AppError('forbidden', 'Only an admin or a manager may recompute loyalty.');
  const started = performance.now();
  const result = await write(ctx, actor, (w) => recomputeLoyaltyWithin(ctx, w, cause));
  return { ...result, durationMs: Math.round(performance.now() - started) };
}

/**
 * Below this many accounts with orders, a changed order re-ranks the whole
 * org (a few milliseconds): cuts made from a handful of accounts would
 * otherwise tier the next ones oddly until the night.
 */
const RERANK_BELOW = 200;

/**
 * After an order of the account was created, changed or deleted, inside that
 * transaction: its figures and tier against the org's stored cuts and model
 * (a small org is re-ranked and its model refitted whole).
 */
export async function refreshAccountLoyalty(ctx: AppContext, w: Writer, accountId: string): Promise<void> {
  const orgId = w.actor.orgId;
  const state = await findLoyaltyState(w.tx, orgId);
  if (!state || state.accounts < RERANK_BELOW) {
    await recomputeLoyaltyWithin(ctx, w, 'order');
    return;
  }
  const [today, settings, before] = await Promise.all([orgToday(ctx, w.tx, orgId), loyaltySettings(w.tx, orgId), findAccountLoyalty(w.tx, orgId, accountId)]);
  const [totals] = await accountTotals(w.tx, orgId, rangeOf(today, settings), accountId);
  let tier: string = 'new';
  if (totals) {
    const row = rowOf(totals, { orgId, today, settings, cuts: fromJson<RfmCuts>(state.cuts)!, iso: w.iso });
    await putAccountLoyalty(w.tx, row);
    tier = row.tier;
  } else if (before) {
    await deleteAccountLoyalty(w.tx, orgId, accountId);
  }
  const from = before?.tier ?? 'new';
  if (from !== tier) await insertTierChanges(w.tx, [change(w, accountId, from, tier, 'order')]);
}

// --- reading -----------------------------------------------------------------------------

const SERIES_MONTHS = 36;
const HISTORY_LIMIT = 50;

/** Month keys (YYYY-MM) of the last `n` months ending with the one `today` is in, oldest first. */
function lastMonths(today: number, n: number): string[] {
  const d = new Date(today * DAY_MS);
  const out: string[] = [];
  for (let i = n - 1; i >= 0; i--) out.push(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - i, 1)).toISOString().slice(0, 7));
  return out;
}

/** The last day of a month key as a day number, or `today` for the month today is in. */
function monthEnd(month: string, today: number): number {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return Math.min(today, Math.floor(Date.UTC(y, m, 1) / DAY_MS) - 1);
}

const tierOfRow = (tier: string | null | undefined): Tier => (TIERS as readonly string[]).includes(tier ?? '') ? (tier as Tier) : 'new';

/** `GET /accounts/:id/loyalty`: the tier, the numbers behind it, pAlive, the history and 36 months of orders. */
export async function accountLoyalty(ctx: AppContext, actor: Actor, accountId: string) {
  const db = ctx.store.db;
  if (!(await findAccount(db, actor.orgId, accountId))) throw notFound('account');
  const [row, state, settings, today, history, orders] = await Promise.all([
    findAccountLoyalty(db, actor.orgId, accountId),
    findLoyaltyState(db, actor.orgId),
    loyaltySettings(db, actor.orgId),
    orgToday(ctx, db, actor.orgId),
    accountTierChanges(db, actor.orgId, accountId, HISTORY_LIMIT),
    accountOrderDays(db, actor.orgId, accountId),
  ]);
  const model = fromJson<StoredModel>(state?.model ?? null);
  const tier = tierOfRow(row?.tier);
  // Recency and tenure as of today; F and M as last computed (at most a night old).
  const facts: RfmtFacts | null = row
    ? rfmtOfTotals({ firstDay: dayOf(row.first_order_on), lastDay: dayOf(row.last_order_on), frequency: Number(row.frequency), monetaryMinor: Number(row.monetary_minor) }, today)
    : null;

  const months = lastMonths(today, SERIES_MONTHS);
  const perMonth = new Map(months.map((m) => [m, { orders: 0, amountMinor: 0 }]));
  const days: number[] = [];
  for (const o of orders) {
    const day = dayOf(o.ordered_at);
    if (day > today) continue;
    days.push(day);
    const bucket = perMonth.get(o.ordered_at.slice(0, 7));
    if (bucket) {
      bucket.orders++;
      bucket.amountMinor += Number(o.amount_minor);
    }
  }
  const series = months.map((month) => {
    const end = monthEnd(month, today);
    const h = model ? summarize(days, end, 'week') : null;
    return { month, ...perMonth.get(month)!, pAlive: model && h ? pAlive(model, h) : null };
  });
  // pAlive and expected orders from the model and the account's own history, now and 90 days ago.
  const now = model ? summarize(days, today, 'week') : null;
  const earlier = model ? summarize(days, today - EARLIER_DAYS, 'week') : null;

  return {
    accountId,
    tier,
    facts: facts && {
      recencyDays: facts.recencyDays,
      frequency: facts.frequency,
      monetaryMinor: facts.monetaryMinor,
      tenureDays: facts.tenureDays,
      firstOrderOn: row!.first_order_on,
      lastOrderOn: row!.last_order_on,
    },
    scores: row ? { r: row.r, f: row.f, m: row.m } : null,
    pAlive: model && now ? pAlive(model, now) : null,
    pAlive90: model && earlier ? pAlive(model, earlier) : null,
    expectedOrders12m: model && now ? expectedPurchases(model, now, YEAR_WEEKS) : null,
    explanation: { sv: explain(tier, facts, 'sv', today, settings), en: explain(tier, facts, 'en', today, settings) },
    history: history.map((h) => ({ from: h.from_tier, to: h.to_tier, at: h.at, cause: h.cause })),
    series,
    windowMonths: settings.windowMonths,
    computedAt: [row?.computed_at, state?.computed_at].filter((x): x is string => !!x).sort().at(-1) ?? null,
  };
}

/**
 * Loyal and champion accounts drifting away: no order in the last 90 days (a
 * purchase would have lifted pAlive), and pAlive fallen by FALLING_DROP or
 * more since then. Their history is the same then and now, only older.
 */
async function fallingAccounts(db: Db, orgId: string, today: number, model: StoredModel | null) {
  if (!model) return [];
  const quiet = await quietAccounts(db, orgId, ['loyal', 'champion'], dateOf(today - EARLIER_DAYS + 1));
  const out = [];
  for (const q of quiet) {
    const p = { firstOn: q.first_order_on, lastOn: q.last_order_on, days: Number(q.order_days) };
    const now = pAlive(model, historyOf(p, today));
    const then = pAlive(model, historyOf(p, today - EARLIER_DAYS));
    if (then - now >= FALLING_DROP) out.push({ accountId: q.account_id, name: q.name, tier: tierOfRow(q.tier), pAlive: now, pAlive90: then, lastOrderOn: q.last_order_on });
  }
  return out.sort((a, b) => b.pAlive90 - b.pAlive - (a.pAlive90 - a.pAlive) || a.accountId.localeCompare(b.accountId)).slice(0, FALLING_LIMIT);
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** `GET /loyalty/summary`: accounts per tier, moves between tiers in a period (default: this quarter so far), falling accounts. */
export async function loyaltySummary(ctx: AppContext, actor: Actor, q: { from?: string | undefined; to?: string | undefined }) {
  const db = ctx.store.db;
  const today = await orgToday(ctx, db, actor.orgId);
  const now = new Date(today * DAY_MS);
  const quarterStart = new Date(Date.UTC(now.getUTCFullYear(), Math.floor(now.getUTCMonth() / 3) * 3, 1)).toISOString().slice(0, 10);
  const from = q.from ?? quarterStart;
  const to = q.to ?? dateOf(today);
  if (!DATE.test(from)) throw invalid('query.from', 'must be a date as YYYY-MM-DD');
  if (!DATE.test(to)) throw invalid('query.to', 'must be a date as YYYY-MM-DD');
  if (to < from) throw invalid('query.to', 'must not be before from');

  const [counts, total, changes, state] = await Promise.all([
    tierCounts(db, actor.orgId),
    accountCount(db, actor.orgId),
    tierChangesBetween(db, actor.orgId, from, dateOf(dayOf(to) + 1)),
    findLoyaltyState(db, actor.orgId),
  ]);
  const model = fromJson<StoredModel>(state?.model ?? null);
  const falling = await fallingAccounts(db, actor.orgId, today, model);
  const byTier = new Map(counts.map((c) => [c.tier, Number(c.n)]));
  const stored = [...byTier.values()].reduce((a, b) => a + b, 0);
  byTier.set('new', (byTier.get('new') ?? 0) + total - stored);

  // Each account's tier before the period (its first change's from) and at its end (its last change's to).
  const moved = new Map<string, { from: string; to: string }>();
  for (const c of changes) {
    const m = moved.get(c.account_id);
    if (m) m.to = c.to_tier;
    else moved.set(c.account_id, { from: c.from_tier, to: c.to_tier });
  }
  const pairs = new Map<string, { from: string; to: string; accounts: number }>();
  for (const { from: a, to: b } of moved.values()) {
    if (a === b) continue;
    const key = `${a}>${b}`;
    const p = pairs.get(key) ?? { from: a, to: b, accounts: 0 };
    p.accounts++;
    pairs.set(key, p);
  }
  return {
    from,
    to,
    computedAt: state?.computed_at ?? null,
    model: model && { r: model.r, alpha: model.alpha, a: model.a, b: model.b, customers: model.customers, unit: model.unit, fittedAt: model.fittedAt },
    tiers: TIERS.map((tier) => ({ tier, accounts: byTier.get(tier) ?? 0 })),
    moves: [...pairs.values()].sort((x, y) => y.accounts - x.accounts || x.from.localeCompare(y.from) || x.to.localeCompare(y.to)),
    falling,
  };
}

// --- the model on its own (h2h loyalty model) ----------------------------------------------

/** Each account's purchase history as of the day `asOf` (inclusive), read page by page. */
async function histories(ctx: AppContext, orgId: string, asOf: string, unit: TimeUnit): Promise<CustomerHistory[]> {
  const end = dayOf(asOf);
  const next = dateOf(end + 1);
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

/** The BG/NBD model fitted by maximum likelihood on all of the org's orders up to `asOf` (YYYY-MM-DD), in weeks or days. */
export async function loyaltyModel(ctx: AppContext, actor: Actor, q: { asOf: string; unit: TimeUnit }): Promise<ModelFit> {
  if (!DATE.test(q.asOf) || Number.isNaN(Date.parse(`${q.asOf}T00:00:00Z`))) throw invalid('query.asOf', 'must be a date as YYYY-MM-DD');
  const customers = await histories(ctx, actor.orgId, q.asOf, q.unit);
  if (customers.length === 0) throw invalid('query.asOf', `There are no orders on or before ${q.asOf} to fit the model on.`);
  const fit = fitBgnbd(customers);
  return { asOf: q.asOf, unit: q.unit, customers: fit.customers, r: fit.r, alpha: fit.alpha, a: fit.a, b: fit.b, logLikelihood: fit.logLikelihood, converged: fit.converged, iterations: fit.iterations };
}
