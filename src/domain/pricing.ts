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

/** A rule's times, read once per rule object and time zone (re-read when the strings change). */
interface RuleTimes {
  a: string;
  b: string;
  timeZone: string;
  from: number;
  to: number;
}
const ruleTimes = new WeakMap<object, RuleTimes>();

function timesOf(owner: object, a: string, b: string, timeZone: string, read: () => [number, number]): RuleTimes {
  const known = ruleTimes.get(owner);
  if (known && known.a === a && known.b === b && known.timeZone === timeZone) return known;
  const [from, to] = read();
  const t = { a, b, timeZone, from, to };
  ruleTimes.set(owner, t);
  return t;
}

/** Whether a demand rule holds at `atMs` (local time `local`). */
function demandHolds(rule: DemandRule, atMs: number, local: LocalTime, timeZone: string): boolean {
  const w = rule.window;
  if (w.type === 'absolute') {
    const t = timesOf(w, w.from, w.to, timeZone, () => [momentOf(w.from, timeZone), momentOf(w.to, timeZone)]);
    return atMs >= t.from && atMs < t.to;
  }
  if (w.type === 'weekly') {
    if (!(Number.isInteger(w.weekday) && w.weekday >= 1 && w.weekday <= 7)) fail(`rule ${rule.id}: weekday must be 1 (Monday) to 7 (Sunday)`);
    const t = timesOf(w, w.start, w.end, '', () => [minuteOfDay(w.start), minuteOfDay(w.end)]);
    if (t.from >= 1440) fail(`rule ${rule.id}: a window cannot start at 24:00`);
    return weeklyHolds(w.weekday, t.from, t.to, local);
  }
  return fail(`rule ${(rule as DemandRule).id}: unknown window`);
}

/** The better of two demand rules: the larger multiplier, on a tie the smaller id. */
const betterDemand = (a: DemandRule | null, b: DemandRule | null | undefined): DemandRule | null =>
  !b ? a : !a ? b : b.multiplierBp > a.multiplierBp || (b.multiplierBp === a.multiplierBp && b.id < a.id) ? b : a;

/** The better of two discounts: the larger percentage, on a tie the smaller id. */
const betterDiscount = (a: DiscountRule | null, b: DiscountRule | null | undefined): DiscountRule | null =>
  !b ? a : !a ? b : b.percentBp > a.percentBp || (b.percentBp === a.percentBp && b.id < a.id) ? b : a;

/** Cost rules in the order they are shown: by start, then id. */
const costOrder = (x: { rule: CostRule; from: number }, y: { rule: CostRule; from: number }) =>
  x.from - y.from || (x.rule.id < y.rule.id ? -1 : x.rule.id > y.rule.id ? 1 : 0);

/** The rules as they stand at one moment, indexed by product: what a quote reads per line. */
interface Active {
  demandAll: DemandRule | null;
  demandBy: Map<string, DemandRule>;
  costBy: Map<string, CostRule[]>;
  /** per tier rank, the best discount for all products */
  tierAll: (DiscountRule | null)[];
  quantityAll: DiscountRule[];
  discountBy: Map<string, DiscountRule[]>;
}

function push<T>(map: Map<string, T[]>, key: string, item: T): void {
  const list = map.get(key);
  if (list) list.push(item);
  else map.set(key, [item]);
}

function checkPolicy(policy: PricingPolicy): void {
  for (const t of PRICING_TIER_ORDER) if (!isInt(policy.capBp[t])) fail(`policy: cap of ${t} must be whole basis points ≥ 0`);
  if (!isInt(policy.ceilingBp)) fail('policy: the ceiling must be whole basis points ≥ 0');
  if (!isInt(policy.consentThresholdBp)) fail('policy: the consent threshold must be whole basis points ≥ 0');
}

/** Checks each rule and keeps those in force at `atMs`. */
function activeRules(rules: readonly PriceRule[], atMs: number, timeZone: string): Active {
  const local = localTime(timeZone, atMs);
  const a: Active = { demandAll: null, demandBy: new Map(), costBy: new Map(), tierAll: PRICING_TIER_ORDER.map(() => null), quantityAll: [], discountBy: new Map() };
  const costs = new Map<string, { rule: CostRule; from: number }[]>();
  for (const rule of rules) {
    switch (rule.kind) {
      case 'demand': {
        if (!isInt(rule.multiplierBp, BP)) fail(`rule ${rule.id}: a demand multiplier must be whole basis points ≥ 10000 (1×)`);
        if (!demandHolds(rule, atMs, local, timeZone)) break;
        if (rule.productIds) for (const id of rule.productIds) a.demandBy.set(id, betterDemand(a.demandBy.get(id) ?? null, rule) as DemandRule);
        else a.demandAll = betterDemand(a.demandAll, rule);
        break;
      }
      case 'cost': {
        const inc = rule.increase;
        if (!('percentBp' in inc ? isInt(inc.percentBp) : isInt(inc.amountMinor))) fail(`rule ${rule.id}: a cost increase must be a whole amount or basis points ≥ 0`);
        const t = timesOf(rule, rule.from, rule.to ?? '', timeZone, () => [momentOf(rule.from, timeZone), rule.to === undefined ? Infinity : momentOf(rule.to, timeZone)]);
        if (atMs >= t.from && atMs < t.to) push(costs, rule.productId, { rule, from: t.from });
        break;
      }
      case 'discount': {
        if (!isInt(rule.percentBp) || rule.percentBp > BP) fail(`rule ${rule.id}: a discount must be whole basis points from 0 to 10000`);
        if (rule.by === 'quantity' && !isInt(rule.minQuantity, 1)) fail(`rule ${rule.id}: a minimum quantity must be a whole number ≥ 1`);
        if (rule.productIds) for (const id of rule.productIds) push(a.discountBy, id, rule);
        else if (rule.by === 'quantity') a.quantityAll.push(rule);
        else for (const t of rule.tiers) a.tierAll[RANK[t]] = betterDiscount(a.tierAll[RANK[t]] ?? null, rule);
        break;
      }
      default:
        fail(`unknown rule kind: ${(rule as { kind: string }).kind}`);
    }
  }
  for (const [id, list] of costs) a.costBy.set(id, list.sort(costOrder).map((c) => c.rule));
  return a;
}

/** What one tier pays at one reference, and the limit that bound it before discounts. */
interface Settled {
  price: number;
  bound: BoundKind | null;
}

/** Everything about a line that is the same whatever the tier. */
interface LineFacts {
  raised: number;
  emergencyLimit: number;
  tierDiscount: readonly (DiscountRule | null)[];
  quantityDiscount: DiscountRule | null;
}

/**
 * Steps 4 and 5 for tier `tier` at reference `ref`. With `out`, the
 * adjustments are written to it (the buyer's own tier); without, only the
 * price is wanted (a tier it is compared with).
 */
function settle(f: LineFacts, tier: Tier, ref: number, policy: PricingPolicy, out: { adjustments: Adjustment[]; refFrom: 'orders' | 'list' } | null): Settled {
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
  let boundBy: BoundKind | null = null;
  if (price > limit) {
    boundBy = bound;
    if (out) {
      const reason =
        bound === 'cap' ? capReason(`${tier}|${capBp}|${out.refFrom}`) : bound === 'ceiling' ? ceilingReason(`${policy.ceilingBp}|${out.refFrom}`) : EMERGENCY_REASON;
      out.adjustments.push({ rule: bound === 'cap' ? `policy.cap.${tier}` : `policy.${bound}`, kind: bound, amountMinor: limit - price, reason });
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
    if (out) {
      if (tierRule && offTier > 0) out.adjustments.push({ rule: tierRule.id, kind: 'discount', amountMinor: -offTier, reason: discountReason(tierRule.reason, tierBp) });
      if (qtyRule && offQty > 0) out.adjustments.push({ rule: qtyRule.id, kind: 'discount', amountMinor: -offQty, reason: discountReason(qtyRule.reason, qtyBp) });
    }
  }
  return { price, bound: boundBy };
}

function checkLine(product: Product, quantity: number, currency: string): void {
  if (!isInt(quantity, 1)) fail(`product ${product.id}: the quantity must be a whole number ≥ 1`);
  if (!isInt(product.listPriceMinor)) fail(`product ${product.id}: the list price must be whole minor units ≥ 0`);
  if (product.vatBp !== undefined && !isInt(product.vatBp)) fail(`product ${product.id}: VAT must be whole basis points ≥ 0`);
  if (product.currency !== currency) fail(`product ${product.id} is priced in ${product.currency}, the quote in ${currency}`);
}

/** The buyer's discounts for a product: per tier rank the best, and the best for this quantity. */
function discountsFor(productId: string, quantity: number, a: Active): Pick<LineFacts, 'tierDiscount' | 'quantityDiscount'> {
  let quantityDiscount: DiscountRule | null = null;
  for (const r of a.quantityAll) if (r.by === 'quantity' && quantity >= r.minQuantity) quantityDiscount = betterDiscount(quantityDiscount, r);
  const own = a.discountBy.get(productId);
  if (!own) return { tierDiscount: a.tierAll, quantityDiscount };
  const tierDiscount = [...a.tierAll];
  for (const r of own) {
    if (r.by === 'quantity') {
      if (quantity >= r.minQuantity) quantityDiscount = betterDiscount(quantityDiscount, r);
    } else for (const t of r.tiers) tierDiscount[RANK[t]] = betterDiscount(tierDiscount[RANK[t]] ?? null, r);
  }
  return { tierDiscount, quantityDiscount };
}

/**
 * Prices a quote (DESIGN §6). `history` holds order lines: the buyer's of the
 * 365 days before `at` (for reference prices) and, for emergency mode and the
 * 30-day lowest price, everyone's of the 60 days before; facts of other
 * products or other times are skipped. Throws a RangeError for a rule,
 * product, quantity or policy outside its documented range.
 * @example priceQuote({ accountId: 'a1', tier: 'loyal', currency: 'SEK', lines: [{ product, quantity: 1 }] }, rules, DEFAULT_PRICING_POLICY, history, new Date('2025-12-31T22:30:00Z'))
 */
export function priceQuote(request: QuoteRequest, rules: readonly PriceRule[], policy: PricingPolicy, history: readonly PriceFact[], at: Date): PricedQuote {
  const atMs = at.getTime();
  if (Number.isNaN(atMs)) fail('the moment is not a valid date');
  checkPolicy(policy);
  const currency = request.currency;
  const tier = request.tier;
  if (RANK[tier] === undefined) fail(`unknown tier: ${String(tier)}`);
  const active = activeRules(rules, atMs, policy.timeZone);
  const productIds = new Set<string>();
  for (const l of request.lines) productIds.add(l.product.id);
  const hist = indexHistory(history, request.accountId, productIds, atMs);
  const rank = RANK[tier];

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
    const costs = active.costBy.get(product.id);
    if (costs) {
      for (const c of costs) {
        const inc = c.increase;
        const amount = 'percentBp' in inc ? mulDivRound(list, inc.percentBp, BP) : inc.amountMinor;
        if (amount === 0) continue;
        raised += amount;
        adjustments.push({ rule: c.id, kind: 'cost', amountMinor: amount, reason: costReason(c.reason, inc, currency) });
      }
    }
    const demand = betterDemand(active.demandAll, active.demandBy.get(product.id));
    if (demand) {
      const amount = mulDivRound(list, demand.multiplierBp - BP, BP);
      if (amount > 0) {
        raised += amount;
        adjustments.push({ rule: demand.id, kind: 'demand', amountMinor: amount, reason: demandReason(demand.reason, demand.multiplierBp) });
      }
    }
    if (!isSafe(raised)) fail(`product ${product.id}: the price is out of range`);

    const facts: LineFacts = {
      raised,
      emergencyLimit: policy.emergency ? hist.emergencyLimit(product.id, list) : Infinity,
      ...discountsFor(product.id, quantity, active),
    };
    const own = settle(facts, tier, ref.unitMinor, policy, { adjustments, refFrom: ref.from });
    const discounted = adjustments.length > 0 && adjustments[adjustments.length - 1]?.kind === 'discount';

    // No loyalty penalty: never more than a new customer, or a lower tier at the same reference.
    let floor = settle(facts, 'new', list, policy, null).price;
    let floorTier: Tier = 'new';
    for (let r = 0; r < rank; r++) {
      const t = PRICING_TIER_ORDER[r] as Tier;
      const p = settle(facts, t, ref.unitMinor, policy, null).price;
      if (p < floor) {
        floor = p;
        floorTier = t;
      }
    }
    let unitMinor = own.price;
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

/** True when `typed` is the multiple the quote's consent shows (`1,8` or `1.8` for 18 tenths). */
export function consentMatches(quote: PricedQuote, typed: string): boolean {
  const typedTenths = parseConsent(typed);
  return typedTenths !== null && typedTenths === quote.consent.multiplierTenths;
}
