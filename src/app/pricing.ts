/**
 * Fair pricing (DESIGN §6) around the pure engine (domain/pricing.ts): the
 * org's pricing policy, its demand, cost and discount rules, and pricing a
 * request at a moment against the account's own order history. The API
 * speaks in multiples (3 for ×3) and percentages (10 for 10 %); the engine
 * and the store in basis points.
 */
import { TIERS, type Tier } from '../domain/loyalty.ts';
import {
  BP,
  DEFAULT_PRICING_POLICY,
  compilePricing,
  momentOf,
  priceCompiled,
  PRICING_TIER_ORDER,
  type DemandWindow,
  type PriceFact,
  type PriceRule,
  type PricedQuote,
  type PricingPolicy,
  type Product,
  type Text,
} from '../domain/pricing.ts';
import { findAccount, findAccountTier } from '../store/accounts.ts';
import { fromJson, toJson } from '../store/json.ts';
import { findOrg } from '../store/orgs.ts';
import { deletePriceRuleRow, findPriceRule, insertPriceRule, listPriceRuleRows, productOrders, updatePriceRuleRow } from '../store/pricing.ts';
import { findProduct } from '../store/products.ts';
import type { PriceRuleRow, ProductRow } from '../store/schema.ts';
import { findSetting, saveSetting } from '../store/settings.ts';
import { write, type Actor, type AppContext, type Db } from './context.ts';
import { AppError, invalid, notFound } from './errors.ts';
import { requireManager } from './permissions.ts';

const DAY_MS = 86_400_000;
const toBp = (x: number) => Math.round(x * BP);
const fromBp = (bp: number) => bp / BP;

// --- policy ----------------------------------------------------------------------------

const POLICY_KEY = 'pricing';

/** The policy as people set it: multiples of the reference price. */
export interface PolicyInput {
  caps: Record<Tier, number>;
  ceiling: number;
  consentThreshold: number;
  emergency: boolean;
}

type StoredPolicy = Omit<PricingPolicy, 'timeZone'>;

/** The org's policy for the engine: stored settings over DESIGN §6's defaults, in the org's time zone. */
export async function pricingPolicy(db: Db, orgId: string): Promise<PricingPolicy> {
  const [row, org] = await Promise.all([findSetting(db, orgId, POLICY_KEY), findOrg(db, orgId)]);
  const stored = fromJson<Partial<StoredPolicy>>(row?.value ?? null) ?? {};
  return { ...DEFAULT_PRICING_POLICY, ...stored, capBp: { ...DEFAULT_PRICING_POLICY.capBp, ...stored.capBp }, timeZone: org?.time_zone ?? DEFAULT_PRICING_POLICY.timeZone };
}

const policyView = (p: PricingPolicy) => ({
  caps: Object.fromEntries(TIERS.map((t) => [t, fromBp(p.capBp[t])])) as Record<Tier, number>,
  ceiling: fromBp(p.ceilingBp),
  consentThreshold: fromBp(p.consentThresholdBp),
  emergency: p.emergency,
  timeZone: p.timeZone,
});

export const getPricingPolicy = async (ctx: AppContext, actor: Actor) => policyView(await pricingPolicy(ctx.store.db, actor.orgId));

/** Saves the policy (admins). A cap above the ceiling is allowed: the ceiling still binds, and the quote says so. */
export async function updatePricingPolicy(ctx: AppContext, actor: Actor, input: PolicyInput) {
  if (actor.role !== 'admin') throw new AppError('forbidden', 'Only an admin may change the pricing policy.');
  const stored: StoredPolicy = {
    capBp: Object.fromEntries(TIERS.map((t) => [t, toBp(input.caps[t])])) as Record<Tier, number>,
    ceilingBp: toBp(input.ceiling),
    consentThresholdBp: toBp(input.consentThreshold),
    emergency: input.emergency,
  };
  return write(ctx, actor, async (w) => {
    const before = policyView(await pricingPolicy(w.tx, actor.orgId));
    await saveSetting(w.tx, { org_id: actor.orgId, key: POLICY_KEY, value: toJson(stored), updated_at: w.iso });
    const after = policyView(await pricingPolicy(w.tx, actor.orgId));
    await w.audit('settings.pricing', 'org', actor.orgId, before, after);
    return after;
  });
}

// --- rules -------------------------------------------------------------------------------

/** A rule as the API takes it: multiples and percentages, not basis points. */
export type RuleInput =
  | { kind: 'demand'; reason: Text; window: DemandWindow; multiplier: number; productIds?: string[] | null | undefined }
  | { kind: 'cost'; reason: Text; productId: string; from: string; to?: string | null | undefined; increase: { amountMinor: number } | { percent: number } }
  | ({ kind: 'discount'; reason: Text; percent: number; productIds?: string[] | null | undefined } & ({ by: 'tier'; tiers: Tier[] } | { by: 'quantity'; minQuantity: number }));

type StoredRule = PriceRule extends infer R ? (R extends PriceRule ? Omit<R, 'id'> : never) : never;

function engineRule(input: RuleInput): StoredRule {
  const reason = { sv: input.reason.sv.trim(), en: input.reason.en.trim() };
  const products = input.kind !== 'cost' && input.productIds && input.productIds.length > 0 ? { productIds: [...new Set(input.productIds)] } : {};
  switch (input.kind) {
    case 'demand':
      return { kind: 'demand', reason, window: input.window, multiplierBp: toBp(input.multiplier), ...products };
    case 'cost':
      return {
        kind: 'cost',
        reason,
        productId: input.productId,
        from: input.from,
        ...(input.to ? { to: input.to } : {}),
        increase: 'percent' in input.increase ? { percentBp: toBp(input.increase.percent / 100) } : { amountMinor: input.increase.amountMinor },
      };
    case 'discount':
      return input.by === 'tier'
        ? { kind: 'discount', reason, percentBp: toBp(input.percent / 100), by: 'tier', tiers: [...new Set(input.tiers)], ...products }
        : { kind: 'discount', reason, percentBp: toBp(input.percent / 100), by: 'quantity', minQuantity: input.minQuantity, ...products };
  }
}

const ruleOf = (row: PriceRuleRow): PriceRule => ({ ...fromJson<StoredRule>(row.rule)!, id: row.id }) as PriceRule;

export function ruleView(row: PriceRuleRow) {
  const r = ruleOf(row);
  const base = { id: row.id, kind: r.kind, active: row.active === 1, reason: r.reason, createdAt: row.created_at, updatedAt: row.updated_at };
  switch (r.kind) {
    case 'demand':
      return { ...base, window: r.window, multiplier: fromBp(r.multiplierBp), productIds: r.productIds ?? null };
    case 'cost':
      return { ...base, productId: r.productId, from: r.from, to: r.to ?? null, increase: 'percentBp' in r.increase ? { percent: fromBp(r.increase.percentBp) * 100 } : { amountMinor: r.increase.amountMinor } };
    case 'discount':
      return { ...base, percent: fromBp(r.percentBp) * 100, productIds: r.productIds ?? null, by: r.by, ...(r.by === 'tier' ? { tiers: r.tiers } : { minQuantity: r.minQuantity }) };
  }
}

/** What the schema cannot see: times that read in the org's zone, in order; products of the org. */
async function checkRule(ctx: AppContext, actor: Actor, rule: StoredRule): Promise<void> {
  const { timeZone } = await pricingPolicy(ctx.store.db, actor.orgId);
  const moment = (field: string, text: string) => {
    try {
      return momentOf(text, timeZone);
    } catch {
      throw invalid(field, `"${text}" is not a date and time: write 2026-12-31T22:00 (local) or 2026-12-31T21:00:00Z.`);
    }
  };
  if (rule.kind === 'demand' && rule.window.type === 'absolute') {
    if (moment('body.window.to', rule.window.to) <= moment('body.window.from', rule.window.from)) throw invalid('body.window.to', 'must be after from');
  }
  if (rule.kind === 'cost' && rule.to !== undefined && moment('body.to', rule.to) <= moment('body.from', rule.from)) throw invalid('body.to', 'must be after from');
  if (rule.kind === 'cost') moment('body.from', rule.from);
  const ids = rule.kind === 'cost' ? [rule.productId] : (rule.productIds ?? []);
  for (const [i, id] of ids.entries()) {
    if (!(await findProduct(ctx.store.db, actor.orgId, id))) throw invalid(rule.kind === 'cost' ? 'body.productId' : `body.productIds.${i}`, 'No product with that id in your organisation.');
  }
}

export async function createPriceRule(ctx: AppContext, actor: Actor, input: RuleInput & { active?: boolean | undefined }) {
  requireManager(actor);
  const rule = engineRule(input);
  await checkRule(ctx, actor, rule);
  return write(ctx, actor, async (w) => {
    const row: PriceRuleRow = { org_id: actor.orgId, id: w.id(), kind: rule.kind, rule: toJson(rule), active: input.active === false ? 0 : 1, created_at: w.iso, updated_at: w.iso };
    await insertPriceRule(w.tx, row);
    await w.audit('price_rule.create', 'price_rule', row.id, null, ruleView(row));
    return ruleView(row);
  });
}

export async function getPriceRule(ctx: AppContext, actor: Actor, id: string) {
  const row = await findPriceRule(ctx.store.db, actor.orgId, id);
  if (!row) throw notFound('price rule');
  return ruleView(row);
}

export async function listPriceRules(ctx: AppContext, actor: Actor, f: { kind?: string | undefined; active?: boolean | undefined }) {
  return { items: (await listPriceRuleRows(ctx.store.db, actor.orgId, f)).map(ruleView) };
}

/** Replaces a rule (its kind may change too); quotes already priced keep the adjustments they were given. */
export async function replacePriceRule(ctx: AppContext, actor: Actor, id: string, input: RuleInput & { active?: boolean | undefined }) {
  requireManager(actor);
  const before = await findPriceRule(ctx.store.db, actor.orgId, id);
  if (!before) throw notFound('price rule');
  const rule = engineRule(input);
  await checkRule(ctx, actor, rule);
  return write(ctx, actor, async (w) => {
    const set = { kind: rule.kind, rule: toJson(rule), active: input.active === false ? 0 : 1, updated_at: w.iso };
    await updatePriceRuleRow(w.tx, actor.orgId, id, set);
    const after = { ...before, ...set };
    await w.audit('price_rule.update', 'price_rule', id, ruleView(before), ruleView(after));
    return ruleView(after);
  });
}

export async function deletePriceRule(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  requireManager(actor);
  const before = await findPriceRule(ctx.store.db, actor.orgId, id);
  if (!before) throw notFound('price rule');
  await write(ctx, actor, async (w) => {
    await deletePriceRuleRow(w.tx, actor.orgId, id);
    await w.audit('price_rule.delete', 'price_rule', id, ruleView(before), null);
  });
}

// --- pricing -------------------------------------------------------------------------------

const productOf = (p: ProductRow): Product => ({
  id: p.id,
  sku: p.sku,
  names: { sv: p.name_sv, en: p.name_en },
  unit: p.unit,
  listPriceMinor: Number(p.list_price_minor),
  currency: p.currency,
  vatBp: p.vat_rate_bp,
});

/** The order lines a price at `at` reads: the account's last year (its reference price) and everyone's last 60 days (the emergency limit, the 30-day lowest). */
async function historyFor(db: Db, orgId: string, accountId: string | null, productIds: readonly string[], at: Date): Promise<PriceFact[]> {
  const until = new Date(at.getTime() + 1).toISOString();
  const [own, everyone] = await Promise.all([
    accountId ? productOrders(db, orgId, productIds, new Date(at.getTime() - 366 * DAY_MS).toISOString().slice(0, 10), until, accountId) : Promise.resolve([]),
    productOrders(db, orgId, productIds, new Date(at.getTime() - 61 * DAY_MS).toISOString().slice(0, 10), until, null),
  ]);
  const byId = new Map([...own, ...everyone].map((o) => [o.id, o]));
  return [...byId.values()].map((o) => ({
    accountId: o.account_id,
    productId: o.product_id!,
    // A date is the start of its day in UTC; a time is itself.
    atMs: Date.parse(o.ordered_at.length === 10 ? `${o.ordered_at}T00:00:00Z` : o.ordered_at),
    quantity: Number(o.quantity),
    amountMinor: Number(o.amount_minor),
  }));
}

export interface PriceRequest {
  accountId?: string | null | undefined;
  /** without an account: the tier to price for (default new) */
  tier?: Tier | undefined;
  lines: { productId: string; quantity: number }[];
  /** ISO time; default now */
  at?: string | undefined;
}

export interface Priced {
  at: string;
  tier: Tier;
  quote: PricedQuote;
  /** the same request priced for each tier, new first: what loyalty changes */
  byTier: { tier: Tier; quote: PricedQuote }[];
}

/** What the engine needs for one request, read once: the products, the rules in force, the policy and the history. */
async function pricingInputs(ctx: AppContext, actor: Actor, accountId: string | null, lines: readonly { productId: string; quantity: number }[], at: Date, field = 'body.lines') {
  const db = ctx.store.db;
  if (accountId && !(await findAccount(db, actor.orgId, accountId))) throw invalid('body.accountId', 'No account with that id in your organisation.');
  const products: Product[] = [];
  for (const [i, l] of lines.entries()) {
    const row = await findProduct(db, actor.orgId, l.productId);
    if (!row) throw invalid(`${field}.${i}.productId`, 'No product with that id in your organisation.');
    products.push(productOf(row));
  }
  const currency = products[0]!.currency;
  const other = products.findIndex((p) => p.currency !== currency);
  if (other >= 0) throw invalid(`${field}.${other}.productId`, `Every product of one quote must be in one currency; this one is in ${products[other]!.currency}, the first in ${currency}.`);
  const [policy, rules, history] = await Promise.all([
    pricingPolicy(db, actor.orgId),
    listPriceRuleRows(db, actor.orgId, { active: true }),
    historyFor(db, actor.orgId, accountId, [...new Set(products.map((p) => p.id))], at),
  ]);
  const request = lines.map((l, i) => ({ product: products[i]!, quantity: l.quantity }));
  // Rules and policy are checked and indexed once, however many tiers are priced.
  const compiled = compilePricing(rules.map(ruleOf), policy);
  const price = (tier: Tier) => priceCompiled(compiled, { accountId, tier, currency, lines: request }, history, at);
  return { price, policy };
}

/** Prices lines for an account at a moment as its tier stands: what a quote is made of. */
export async function priceForAccount(ctx: AppContext, actor: Actor, accountId: string, lines: readonly { productId: string; quantity: number }[], at: Date, field?: string) {
  const tier = (await findAccountTier(ctx.store.db, actor.orgId, accountId)) as Tier;
  const { price, policy } = await pricingInputs(ctx, actor, accountId, lines, at, field);
  return { tier, quote: price(tier), policy };
}

/** Prices lines for an account (or a tier) at a moment, with every reason, and side by side for each tier: the price simulator. */
export async function simulatePrice(ctx: AppContext, actor: Actor, req: PriceRequest): Promise<Priced> {
  const at = req.at ? new Date(req.at) : ctx.now();
  const accountId = req.accountId ?? null;
  const { price } = await pricingInputs(ctx, actor, accountId, req.lines, at);
  const tier = (accountId ? ((await findAccountTier(ctx.store.db, actor.orgId, accountId)) as Tier) : null) ?? req.tier ?? 'new';
  return { at: at.toISOString(), tier, quote: price(tier), byTier: PRICING_TIER_ORDER.map((t) => ({ tier: t, quote: price(t) })) };
}
