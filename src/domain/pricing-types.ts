/**
 * The words of fair pricing (DESIGN §6) as types: products, price rules, the
 * org's pricing policy, order history, and the priced quote the engine
 * returns. Money is whole minor units (öre), rates are whole basis points
 * (10,000 bp = 100 % = 1×); see pricing-money.ts for the rounding rule.
 */
import type { Tier } from './loyalty.ts';

export type { Tier };

/** The two languages a buyer reads prices in. */
export type PricingLocale = 'sv' | 'en';

/** A text in both languages. */
export interface Text {
  sv: string;
  en: string;
}

/** What is sold. Prices are net of VAT. */
export interface Product {
  id: string;
  sku: string;
  names: Text;
  /** the unit a quantity counts, e.g. `st`, `h`, `kg` */
  unit: string;
  /** the list price of one unit, minor units, ≥ 0 */
  listPriceMinor: number;
  /** ISO 4217, e.g. `SEK` */
  currency: string;
  /** VAT in basis points: 2500 = 25 % (the default when left out), 1200, 600, 0 */
  vatBp?: number;
}

/**
 * When a demand rule holds. Absolute: from `from` (inclusive) to `to`
 * (exclusive), each a local date and time in the org's time zone
 * (`2025-12-31T22:00`) or an ISO instant with `Z` or an offset. Weekly: every
 * ISO `weekday` (1 Monday … 7 Sunday) from `start` to `end` (`HH:MM`, local
 * wall clock; an `end` not after `start` is on the next day).
 */
export type DemandWindow = { type: 'absolute'; from: string; to: string } | { type: 'weekly'; weekday: number; start: string; end: string };

/** Fields every rule has. */
interface RuleBase {
  id: string;
  /** what the buyer reads in brackets: "New Year's Eve", "Nyårsafton" */
  reason: Text;
}

/**
 * A price may follow demand: while `window` holds, the list price times
 * `multiplierBp` (≥ 10,000). Of all demand rules that hold for a product, the
 * largest applies alone; demand rules never compound.
 */
export interface DemandRule extends RuleBase {
  kind: 'demand';
  window: DemandWindow;
  multiplierBp: number;
  /** the products it moves; left out: all */
  productIds?: readonly string[];
}

/**
 * A recorded cost increase passed on: from `from` (and until `to`, when
 * set) the product's price rises by an amount or by a percentage of its list
 * price. Every cost rule in force adds up (each is its own increase); end a
 * rule when the list price is raised to include it.
 */
export interface CostRule extends RuleBase {
  kind: 'cost';
  productId: string;
  /** a local date and time or an ISO instant, like a window's ends */
  from: string;
  to?: string;
  increase: { amountMinor: number } | { percentBp: number };
}

/**
 * A discount: a percentage off, for customers of some tiers or from a
 * quantity on. Of the tier discounts that apply the largest applies, of the
 * quantity discounts too, and the two add up (at most 100 %).
 */
export type DiscountRule = RuleBase & {
  kind: 'discount';
  percentBp: number;
  /** the products it lowers; left out: all */
  productIds?: readonly string[];
} & ({ by: 'tier'; tiers: readonly Tier[] } | { by: 'quantity'; minQuantity: number });

export type PriceRule = DemandRule | CostRule | DiscountRule;

/** The org's limits (DESIGN §6). Multiples of the reference price are in basis points. */
export interface PricingPolicy {
  /** IANA time zone that weekly windows and local rule times are read in */
  timeZone: string;
  /** per tier, the most a unit price may be, as a multiple of the reference price */
  capBp: Readonly<Record<Tier, number>>;
  /** the most any unit price may be, as a multiple of the reference price: no rule passes it */
  ceilingBp: number;
  /** consent is needed when a quote's total exceeds this multiple of its reference total */
  consentThresholdBp: number;
  /** emergency mode: no unit price above the fourth highest charged in the previous 60 days */
  emergency: boolean;
}

/**
 * One order line of the history: who paid what for how many, when. The unit
 * price is `amountMinor / quantity` (net, in the product's currency); lines
 * with a quantity ≤ 0 or an amount < 0 (returns, credits) are left out. `atMs` is ms since 1970 (a
 * quote may read thousands of these; no date strings to parse).
 */
export interface PriceFact {
  accountId: string;
  productId: string;
  atMs: number;
  quantity: number;
  amountMinor: number;
}

/** What to price: one buyer, one currency, lines of products and whole quantities. */
export interface QuoteRequest {
  /** the buyer's account; null for a buyer without one (reference = list price) */
  accountId: string | null;
  /** the buyer's loyalty tier (DESIGN §7) */
  tier: Tier;
  currency: string;
  lines: readonly { product: Product; quantity: number }[];
}

/** What moved a price, in the order it applied. */
export type AdjustmentKind = 'cost' | 'demand' | 'cap' | 'ceiling' | 'emergency' | 'discount' | 'loyalty_floor';

/** Which limit set the final price. */
export type BoundKind = 'cap' | 'ceiling' | 'emergency' | 'loyalty_floor';

/**
 * One change to a unit price, with its reason for the buyer. `rule` is the
 * rule's id, or for a limit of the policy `policy.cap.<tier>`,
 * `policy.ceiling`, `policy.emergency`, `policy.loyalty_floor`.
 */
export interface Adjustment {
  rule: string;
  kind: AdjustmentKind;
  /** per unit, signed: + raises, − lowers */
  amountMinor: number;
  reason: Text;
}

/** One priced line. listUnitMinor + Σ adjustments = unitMinor, exactly. */
export interface PricedLine {
  productId: string;
  sku: string;
  names: Text;
  unit: string;
  quantity: number;
  listUnitMinor: number;
  /** what this buyer usually pays for one unit */
  referenceUnitMinor: number;
  /** `orders`: the median of the buyer's last 12 months; `list`: no such orders */
  referenceFrom: 'orders' | 'list';
  unitMinor: number;
  /** unitMinor × quantity */
  lineTotalMinor: number;
  vatBp: number;
  /** VAT of the line total, rounded half away from zero */
  vatMinor: number;
  adjustments: Adjustment[];
  boundBy: BoundKind | null;
  /**
   * Where a discount lowers the price: the lowest unit price charged for the
   * product in the 30 days before (rounded down), the only "was" price to show;
   * null without a discount or without such a charge.
   */
  lowest30dUnitMinor: number | null;
}

/** The consent a quote needs (DESIGN §6). */
export interface Consent {
  /** exactly when totalMinor > consentThresholdBp / 10,000 × referenceTotalMinor */
  required: boolean;
  thresholdBp: number;
  /**
   * The ratio to the reference total rounded up to a tenth, in tenths (18 for
   * 1.8), so that the multiple the buyer agrees to covers the real one; null
   * when the reference total is 0.
   */
  multiplierTenths: number | null;
  /** that multiple as the buyer types it: `1,8` in sv, `1.8` in en */
  multiplier: Text | null;
}

/** A priced quote: lines, totals (exact sums of the lines) and consent. */
export interface PricedQuote {
  currency: string;
  tier: Tier;
  /** the moment priced at, ISO */
  at: string;
  lines: PricedLine[];
  /** Σ lineTotalMinor, net of VAT */
  totalMinor: number;
  /** Σ vatMinor */
  vatMinor: number;
  /** totalMinor + vatMinor */
  grossMinor: number;
  /** Σ referenceUnitMinor × quantity */
  referenceTotalMinor: number;
  /** totalMinor / referenceTotalMinor, for display; null when that is 0 */
  ratioToReference: number | null;
  consent: Consent;
}
