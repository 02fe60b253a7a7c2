/**
 * Fair pricing (DESIGN §6): the pricing engine. `priceQuote(request, rules,
 * policy, history, at)` prices each line of a quote and says why, line by
 * line, in sv and en. Pure: no I/O, no clock, no randomness; the same input
 * gives the same output (also whatever the order of the rules).
 *
 * A unit price, step by step (each step an adjustment on the line):
 * 1. the list price;
 * 2. + every cost rule in force (an amount, or a percentage of the list price);
 * 3. + the largest demand rule holding at the moment (multiplier − 1, of the
 *    list price; never compounded with another demand rule or with cost);
 * 4. limited to the lowest of the tier's cap and the ceiling (multiples of
 *    the buyer's reference price, rounded down) and, in emergency mode, the
 *    emergency limit; the one that bound is `boundBy`;
 * 5. − the largest tier discount and the largest quantity discount that
 *    apply (percentages of the price after step 4, at most 100 % together),
 *    so a discount is never swallowed by a cap;
 * 6. no loyalty penalty: lowered to what a new customer (whose reference is
 *    the list price) or a customer of any lower tier with the same reference
 *    would pay, when either is less. Tier order, lowest first:
 *    new < occasional < regular < at_risk < loyal < champion.
 *
 * Rounding: see pricing-money.ts (adjustments and VAT half away from zero,
 * limits down, everything else exact).
 *
 * To price many quotes with the same rules, `compilePricing(rules, policy)`
 * once (checks and indexes them, ~20–100 µs for 50 rules) and
 * `priceCompiled(compiled, request, history, at)` per quote: the same result
 * as `priceQuote`, which does both each call. docs/pricing.md has the whole.
 */
import type { Tier } from './loyalty.ts';
import { indexHistory } from './pricing-history.ts';
import { BP, compareProducts, isSafe, mulDivFloor, mulDivRound, mulExact } from './pricing-money.ts';
import { EMERGENCY_REASON, capReason, ceilingReason, costReason, demandReason, discountReason, floorReason, parseConsent, tenths } from './pricing-text.ts';
import type {
  Adjustment,
  BoundKind,
  CostRule,
  DemandRule,
  DiscountRule,
  PriceFact,
  PricedLine,
  PricedQuote,
  PriceRule,
  PricingPolicy,
  Product,
  QuoteRequest,
  Text,
} from './pricing-types.ts';
import { localTime, minuteOfDay, momentOf, weeklyHolds, type LocalTime } from './pricing-windows.ts';

export type * from './pricing-types.ts';
export { emergencyLimit, emergencyLimitOf, medianUnitMinor, referencePrice } from './pricing-history.ts';
export { BP, divRound, mulDivRound } from './pricing-money.ts';
export { explainLine, formatMoney, parseConsent } from './pricing-text.ts';
export { localTime, momentOf } from './pricing-windows.ts';

/** Tiers from the lowest to the highest, for caps and the no-loyalty-penalty rule. */
export const PRICING_TIER_ORDER: readonly Tier[] = ['new', 'occasional', 'regular', 'at_risk', 'loyal', 'champion'];
const RANK: Record<Tier, number> = { new: 0, occasional: 1, regular: 2, at_risk: 3, loyal: 4, champion: 5 };

/** VAT when a product does not say: 25 %. */
export const DEFAULT_VAT_BP = 2500;

/**
 * DESIGN §6's defaults. At risk (bought often or much, but not lately) is
 * capped like loyal: a customer drifting away is one to win back, not to
 * charge more; its own setting lets an org decide otherwise.
 */
export const DEFAULT_PRICING_POLICY: Readonly<PricingPolicy> = Object.freeze({
  timeZone: 'Europe/Stockholm',
  capBp: Object.freeze({ champion: 10_000, loyal: 12_500, at_risk: 12_500, regular: 15_000, occasional: 20_000, new: 20_000 }),
  ceilingBp: 20_000,
  consentThresholdBp: 15_000,
  emergency: false,
});

function fail(message: string): never {
  throw new RangeError(message);
}

const isInt = (n: number, min = 0) => isSafe(n) && n >= min;

/*
 * Hot paths here create no functions: tsx (decision 0001) compiles with
 * esbuild's keepNames, which names every function it creates through
 * Object.defineProperty, a cost per closure per call.
 */

/** The better of two demand rules: the larger multiplier, on a tie the smaller id (never the rules' order). */
function betterDemand(a: CompiledDemand | null, b: CompiledDemand): CompiledDemand {
  if (!a) return b;
  const d = b.multiplierBp - a.multiplierBp;
  return d > 0 || (d === 0 && b.id < a.id) ? b : a;
}

/** The better of two discounts: the larger percentage, on a tie the smaller id. */
function betterDiscount(a: CompiledDiscount | null | undefined, b: CompiledDiscount): CompiledDiscount {
  if (!a) return b;
  const d = b.percentBp - a.percentBp;
  return d > 0 || (d === 0 && b.id < a.id) ? b : a;
}

const byMinQuantity = (a: { minQuantity: number }, b: { minQuantity: number }) => a.minQuantity - b.minQuantity;
const byStartThenId = (x: CompiledCost, y: CompiledCost) => x.from - y.from || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);

/** A demand rule, checked, its window read in the org's time zone. */
interface CompiledDemand {
  id: string;
  multiplierBp: number;
  reason: Text;
  /** absolute: [from, to) in ms; weekly: weekday and minutes of the day */
  window: { type: 'absolute'; from: number; to: number } | { type: 'weekly'; weekday: number; start: number; end: number };
  productIds: ReadonlySet<string> | null;
}

/** A cost rule, checked, its times read. */
interface CompiledCost {
  id: string;
  from: number;
  to: number;
  increase: { amountMinor: number } | { percentBp: number };
  ruleReason: Text;
  /** the buyer's reason per currency (an amount is shown as money) */
  reasons: Map<string, Text>;
}

/** A discount rule, checked. */
interface CompiledDiscount {
  id: string;
  percentBp: number;
  /** the rule's words, and the buyer's reason made of them */
  ruleReason: Text;
  reason: Text;
}

/** The discounts that can apply to a product: per tier rank the best, and the quantity ones by minimum quantity. */
interface DiscountTable {
  tier: readonly (CompiledDiscount | null)[];
  /** ascending minimum quantity, each with the best discount from that quantity on */
  quantity: readonly { minQuantity: number; best: CompiledDiscount }[];
}

/**
 * Rules and policy, checked and indexed once (`compilePricing`), to price
 * many quotes with. A value: it copies what it needs, so later changes to
 * the rule objects do not reach it.
 */
export interface CompiledPricing {
  readonly policy: Readonly<PricingPolicy>;
  readonly demand: readonly CompiledDemand[];
  readonly costs: ReadonlyMap<string, readonly CompiledCost[]>;
  readonly discountsAll: DiscountTable;
  /** products named by a discount rule, with their own discounts */
  readonly discountsBy: ReadonlyMap<string, readonly TableEntry[]>;
  /** their own and the general discounts merged, made when a product is first priced */
  readonly tables: Map<string, DiscountTable>;
}

function compileDemand(rule: DemandRule, timeZone: string): CompiledDemand {
  if (!isInt(rule.multiplierBp, BP)) fail(`rule ${rule.id}: a demand multiplier must be whole basis points ≥ 10000 (1×)`);
  const w = rule.window;
  let window: CompiledDemand['window'];
  if (w.type === 'absolute') window = { type: 'absolute', from: momentOf(w.from, timeZone), to: momentOf(w.to, timeZone) };
  else if (w.type === 'weekly') {
    if (!(Number.isInteger(w.weekday) && w.weekday >= 1 && w.weekday <= 7)) fail(`rule ${rule.id}: weekday must be 1 (Monday) to 7 (Sunday)`);
    const start = minuteOfDay(w.start);
    if (start >= 1440) fail(`rule ${rule.id}: a window cannot start at 24:00`);
    window = { type: 'weekly', weekday: w.weekday, start, end: minuteOfDay(w.end) };
  } else fail(`rule ${rule.id}: unknown window`);
  return {
    id: rule.id,
    multiplierBp: rule.multiplierBp,
    reason: demandReason(rule.reason, rule.multiplierBp),
    window,
    productIds: rule.productIds ? new Set(rule.productIds) : null,
  };
}

function compileCost(rule: CostRule, timeZone: string): CompiledCost {
  const inc = rule.increase;
  if (!('percentBp' in inc ? isInt(inc.percentBp) : isInt(inc.amountMinor))) fail(`rule ${rule.id}: a cost increase must be a whole amount or basis points ≥ 0`);
  return {
    id: rule.id,
    from: momentOf(rule.from, timeZone),
    to: rule.to === undefined ? Infinity : momentOf(rule.to, timeZone),
    increase: 'percentBp' in inc ? { percentBp: inc.percentBp } : { amountMinor: inc.amountMinor },
    ruleReason: { sv: rule.reason.sv, en: rule.reason.en },
    reasons: new Map(),
  };
}

function compileDiscount(r: DiscountRule): CompiledDiscount {
  if (!isInt(r.percentBp) || r.percentBp > BP) fail(`rule ${r.id}: a discount must be whole basis points from 0 to 10000`);
  if (r.by === 'quantity' && !isInt(r.minQuantity, 1)) fail(`rule ${r.id}: a minimum quantity must be a whole number ≥ 1`);
  return { id: r.id, percentBp: r.percentBp, ruleReason: { sv: r.reason.sv, en: r.reason.en }, reason: discountReason(r.reason, r.percentBp) };
}

/** A discount rule as a table is made of it. */
type TableEntry = { rule: CompiledDiscount } & ({ tiers: readonly Tier[] } | { minQuantity: number });

/** A discount table of `entries` on top of `base`. */
function discountTable(entries: readonly TableEntry[], base: DiscountTable | null): DiscountTable {
  const tier: (CompiledDiscount | null)[] = base ? [...base.tier] : [null, null, null, null, null, null];
  const quantity: { minQuantity: number; rule: CompiledDiscount }[] = [];
  if (base) for (const q of base.quantity) quantity.push({ minQuantity: q.minQuantity, rule: q.best });
  for (const e of entries) {
    if ('minQuantity' in e) quantity.push({ minQuantity: e.minQuantity, rule: e.rule });
    else for (const t of e.tiers) tier[RANK[t]] = betterDiscount(tier[RANK[t]], e.rule);
  }
  quantity.sort(byMinQuantity);
  // From each minimum quantity on, the best of every discount whose minimum is at or below it.
  const steps: { minQuantity: number; best: CompiledDiscount }[] = [];
  let best: CompiledDiscount | null = null;
  for (const q of quantity) {
    best = betterDiscount(best, q.rule);
    const last = steps[steps.length - 1];
    if (last && last.minQuantity === q.minQuantity) last.best = best;
    else steps.push({ minQuantity: q.minQuantity, best });
  }
  return { tier, quantity: steps };
}

/**
 * Checks and indexes rules and policy for pricing many quotes
 * (`priceCompiled`). Throws a RangeError for a rule or a policy outside its
 * documented range, naming the rule.
 */
export function compilePricing(rules: readonly PriceRule[], policy: PricingPolicy): CompiledPricing {
  for (const t of PRICING_TIER_ORDER) if (!isInt(policy.capBp[t])) fail(`policy: cap of ${t} must be whole basis points ≥ 0`);
  if (!isInt(policy.ceilingBp)) fail('policy: the ceiling must be whole basis points ≥ 0');
  if (!isInt(policy.consentThresholdBp)) fail('policy: the consent threshold must be whole basis points ≥ 0');
  const timeZone = policy.timeZone;
  localTime(timeZone, 0); // an unknown time zone fails here, not at the first quote
  const demand: CompiledDemand[] = [];
  const costs = new Map<string, CompiledCost[]>();
  const general: TableEntry[] = [];
  const scoped = new Map<string, TableEntry[]>();
  for (const rule of rules) {
    switch (rule.kind) {
      case 'demand':
        demand.push(compileDemand(rule, timeZone));
        break;
      case 'cost': {
        const c = compileCost(rule, timeZone);
        const list = costs.get(rule.productId);
        if (list) list.push(c);
        else costs.set(rule.productId, [c]);
        break;
      }
      case 'discount': {
        const rule_ = compileDiscount(rule);
        const entry: TableEntry = rule.by === 'quantity' ? { rule: rule_, minQuantity: rule.minQuantity } : { rule: rule_, tiers: [...rule.tiers] };
        if (!rule.productIds) general.push(entry);
        else
          for (const id of new Set(rule.productIds)) {
            const list = scoped.get(id);
            if (list) list.push(entry);
            else scoped.set(id, [entry]);
          }
        break;
      }
      default:
        fail(`unknown rule kind: ${(rule as { kind: string }).kind}`);
    }
  }
  // Cost rules are shown by start, then id.
  for (const list of costs.values()) list.sort(byStartThenId);
  const discountsAll = discountTable(general, null);
  return Object.freeze({
    policy: Object.freeze({ ...policy, capBp: Object.freeze({ ...policy.capBp }) }),
    demand,
    costs,
    discountsAll,
    discountsBy: scoped,
    tables: new Map(),
  });
}

/** Whether a demand window holds at `atMs` (local time `local`). */
function holds(w: CompiledDemand['window'], atMs: number, local: LocalTime): boolean {
  return w.type === 'absolute' ? atMs >= w.from && atMs < w.to : weeklyHolds(w.weekday, w.start, w.end, local);
}

/** Everything about a line that is the same whatever the tier. */
interface LineFacts {
  raised: number;
  emergencyLimit: number;
  tierDiscount: readonly (CompiledDiscount | null)[];
  quantityDiscount: CompiledDiscount | null;
}

/** Where `settle` writes the buyer's own adjustments and the limit that bound. */
interface Own {
  adjustments: Adjustment[];
  refFrom: 'orders' | 'list';
  bound: BoundKind | null;
}

/**
 * Steps 4 and 5 for tier `tier` at reference `ref`: the price. With `own`,
 * the adjustments and the bound are written to it (the buyer's own tier);
 * without, only the price is wanted (a tier the buyer's is compared with).
 */
function settle(f: LineFacts, tier: Tier, ref: number, policy: PricingPolicy, own: Own | null): number {
  const capBp = policy.capBp[tier];
  let limit = mulDivFloor(ref, capBp, BP);
  let bound: BoundKind = 'cap';
  const ceiling = mulDivFloor(ref, policy.ceilingBp, BP);
  if (ceiling < limit) {
    limit = ceiling;
    bound = 'ceiling';
  }
  if (f.emergencyLimit < limit) {
    limit = f.emergencyLimit;
    bound = 'emergency';
  }
  let price = f.raised;
  if (price > limit) {
    if (own) {
      const reason =
        bound === 'cap' ? capReason(`${tier}|${capBp}|${own.refFrom}`) : bound === 'ceiling' ? ceilingReason(`${policy.ceilingBp}|${own.refFrom}`) : EMERGENCY_REASON;
      own.adjustments.push({ rule: bound === 'cap' ? `policy.cap.${tier}` : `policy.${bound}`, kind: bound, amountMinor: limit - price, reason });
      own.bound = bound;
    }
    price = limit;
  }
  const tierRule = f.tierDiscount[RANK[tier]] ?? null;
  const qtyRule = f.quantityDiscount;
  const tierBp = tierRule ? tierRule.percentBp : 0;
  const qtyBp = qtyRule ? Math.min(qtyRule.percentBp, BP - tierBp) : 0;
  if (tierBp + qtyBp > 0) {
    const base = price;
    const offTier = tierBp > 0 ? mulDivRound(base, tierBp, BP) : 0;
    const offQty = qtyBp > 0 ? Math.min(mulDivRound(base, qtyBp, BP), base - offTier) : 0;
    price = base - offTier - offQty;
    if (own) {
      if (tierRule && offTier > 0) own.adjustments.push({ rule: tierRule.id, kind: 'discount', amountMinor: -offTier, reason: tierRule.reason });
      if (qtyRule && offQty > 0) {
        // Cut short by the tier discount (together at most 100 %): say the percentage taken.
        const reason = qtyBp === qtyRule.percentBp ? qtyRule.reason : discountReason(qtyRule.ruleReason, qtyBp);
        own.adjustments.push({ rule: qtyRule.id, kind: 'discount', amountMinor: -offQty, reason });
      }
    }
  }
  return price;
}

function checkLine(product: Product, quantity: number, currency: string): void {
  if (!isInt(quantity, 1)) fail(`product ${product.id}: the quantity must be a whole number ≥ 1`);
  if (!isInt(product.listPriceMinor)) fail(`product ${product.id}: the list price must be whole minor units ≥ 0`);
  if (product.vatBp !== undefined && !isInt(product.vatBp)) fail(`product ${product.id}: VAT must be whole basis points ≥ 0`);
  if (product.currency !== currency) fail(`product ${product.id} is priced in ${product.currency}, the quote in ${currency}`);
}

/** The discount table of a product: the general one, or merged with the product's own. */
function discountsOf(compiled: CompiledPricing, productId: string): DiscountTable {
  const own = compiled.discountsBy.get(productId);
  if (!own) return compiled.discountsAll;
  let table = compiled.tables.get(productId);
  if (!table) {
    table = discountTable(own, compiled.discountsAll);
    compiled.tables.set(productId, table);
  }
  return table;
}

/** The best quantity discount of a table for a quantity. */
function quantityDiscount(table: DiscountTable, quantity: number): CompiledDiscount | null {
  let best: CompiledDiscount | null = null;
  for (const step of table.quantity) {
    if (step.minQuantity > quantity) break;
    best = step.best;
  }
  return best;
}

function costReasonIn(c: CompiledCost, currency: string): Text {
  let r = c.reasons.get(currency);
  if (!r) {
    r = costReason(c.ruleReason, c.increase, currency);
    c.reasons.set(currency, r);
  }
  return r;
}

/**
 * Prices a quote with rules and policy compiled by `compilePricing`; see
 * `priceQuote`. The way to price many quotes with the same rules.
 */
export function priceCompiled(compiled: CompiledPricing, request: QuoteRequest, history: readonly PriceFact[], at: Date): PricedQuote {
  const atMs = at.getTime();
  if (Number.isNaN(atMs)) fail('the moment is not a valid date');
  const policy = compiled.policy;
  const currency = request.currency;
  const tier = request.tier;
  const rank = RANK[tier];
  if (rank === undefined) fail(`unknown tier: ${String(tier)}`);

  // The demand rules holding now: the best for all products, and those for some.
  const local = localTime(policy.timeZone, atMs);
  let demandAll: CompiledDemand | null = null;
  const demandSome: CompiledDemand[] = [];
  for (const d of compiled.demand) {
    if (!holds(d.window, atMs, local)) continue;
    if (d.productIds) demandSome.push(d);
    else demandAll = betterDemand(demandAll, d);
  }

  const productIds: string[] = [];
  for (const l of request.lines) productIds.push(l.product.id);
  const hist = indexHistory(history, request.accountId, productIds, atMs, policy.emergency);

  const lines: PricedLine[] = [];
  let totalMinor = 0;
  let vatMinor = 0;
  let referenceTotalMinor = 0;
  for (const { product, quantity } of request.lines) {
    checkLine(product, quantity, currency);
    const list = product.listPriceMinor;
    const ref = hist.reference(product.id, list);
    const adjustments: Adjustment[] = [];

    let raised = list;
    const costs = compiled.costs.get(product.id);
    if (costs) {
      for (const c of costs) {
        if (atMs < c.from || atMs >= c.to) continue;
        const inc = c.increase;
        const amount = 'percentBp' in inc ? mulDivRound(list, inc.percentBp, BP) : inc.amountMinor;
        if (amount === 0) continue;
        raised += amount;
        adjustments.push({ rule: c.id, kind: 'cost', amountMinor: amount, reason: costReasonIn(c, currency) });
      }
    }
    let demand = demandAll;
    for (const d of demandSome) if ((d.productIds as ReadonlySet<string>).has(product.id)) demand = betterDemand(demand, d);
    if (demand) {
      const amount = mulDivRound(list, demand.multiplierBp - BP, BP);
      if (amount > 0) {
        raised += amount;
        adjustments.push({ rule: demand.id, kind: 'demand', amountMinor: amount, reason: demand.reason });
      }
    }
    if (!isSafe(raised)) fail(`product ${product.id}: the price is out of range`);

    const table = discountsOf(compiled, product.id);
    const facts: LineFacts = {
      raised,
      emergencyLimit: policy.emergency ? hist.emergencyLimit(product.id, list) : Infinity,
      tierDiscount: table.tier,
      quantityDiscount: quantityDiscount(table, quantity),
    };
    const own: Own = { adjustments, refFrom: ref.from, bound: null };
    let unitMinor = settle(facts, tier, ref.unitMinor, policy, own);
    const discounted = adjustments.length > 0 && adjustments[adjustments.length - 1]?.kind === 'discount';

    // No loyalty penalty: never more than a new customer, or a lower tier at the same reference.
    let floor = settle(facts, 'new', list, policy, null);
    let floorTier: Tier = 'new';
    for (let r = 0; r < rank; r++) {
      const t = PRICING_TIER_ORDER[r] as Tier;
      const p = settle(facts, t, ref.unitMinor, policy, null);
      if (p < floor) {
        floor = p;
        floorTier = t;
      }
    }
    let boundBy = own.bound;
    if (floor < unitMinor) {
      adjustments.push({ rule: 'policy.loyalty_floor', kind: 'loyalty_floor', amountMinor: floor - unitMinor, reason: floorReason(floorTier) });
      unitMinor = floor;
      boundBy = 'loyalty_floor';
    }

    const vatBp = product.vatBp ?? DEFAULT_VAT_BP;
    const lineTotalMinor = mulExact(unitMinor, quantity);
    const lineVat = mulDivRound(lineTotalMinor, vatBp, BP);
    totalMinor += lineTotalMinor;
    vatMinor += lineVat;
    referenceTotalMinor += mulExact(ref.unitMinor, quantity);
    lines.push({
      productId: product.id,
      sku: product.sku,
      names: product.names,
      unit: product.unit,
      quantity,
      listUnitMinor: list,
      referenceUnitMinor: ref.unitMinor,
      referenceFrom: ref.from,
      unitMinor,
      lineTotalMinor,
      vatBp,
      vatMinor: lineVat,
      adjustments,
      boundBy,
      lowest30dUnitMinor: discounted ? hist.lowest30d(product.id) : null,
    });
  }
  if (!isSafe(totalMinor + vatMinor) || !isSafe(referenceTotalMinor)) fail('the quote total is out of range');

  const thresholdBp = policy.consentThresholdBp;
  const multiplierTenths = referenceTotalMinor > 0 ? -mulDivFloor(-totalMinor, 10, referenceTotalMinor) : null;
  return {
    currency,
    tier,
    at: at.toISOString(),
    lines,
    totalMinor,
    vatMinor,
    grossMinor: totalMinor + vatMinor,
    referenceTotalMinor,
    ratioToReference: referenceTotalMinor > 0 ? totalMinor / referenceTotalMinor : null,
    consent: {
      required: compareProducts(totalMinor, BP, thresholdBp, referenceTotalMinor) > 0,
      thresholdBp,
      multiplierTenths,
      multiplier: multiplierTenths === null ? null : tenths(multiplierTenths),
    },
  };
}

/**
 * Prices a quote (DESIGN §6). `history` holds order lines: the buyer's of the
 * 365 days before `at` (for reference prices) and, for emergency mode and the
 * 30-day lowest price, everyone's of the 60 days before; facts of other
 * products or other times are skipped. Throws a RangeError for a rule,
 * product, quantity or policy outside its documented range. Checks and
 * indexes the rules on every call; to price many quotes with the same rules,
 * `compilePricing` once and `priceCompiled` each (the same result).
 * @example priceQuote({ accountId: 'a1', tier: 'loyal', currency: 'SEK', lines: [{ product, quantity: 1 }] }, rules, DEFAULT_PRICING_POLICY, history, new Date('2025-12-31T22:30:00Z'))
 */
export function priceQuote(request: QuoteRequest, rules: readonly PriceRule[], policy: PricingPolicy, history: readonly PriceFact[], at: Date): PricedQuote {
  return priceCompiled(compilePricing(rules, policy), request, history, at);
}

/** True when `typed` is the multiple the quote's consent shows (`1,8` or `1.8` for 18 tenths). */
export function consentMatches(quote: PricedQuote, typed: string): boolean {
  const typedTenths = parseConsent(typed);
  return typedTenths !== null && typedTenths === quote.consent.multiplierTenths;
}
