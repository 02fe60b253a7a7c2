/**
 * What the order history says about a price: the reference price (what this
 * buyer usually pays), the emergency limit (what anyone was charged lately)
 * and the lowest price of the last 30 days. Pure; every period ends just
 * before the moment priced at (orders at or after it have not happened yet).
 */
import { compareProducts, divFloor, divRound, isSafe, mulDivRound } from './pricing-money.ts';
import type { PriceFact } from './pricing-types.ts';

const DAY_MS = 86_400_000;
/** "The last 12 months" of the reference price, as 365 days. */
export const REFERENCE_DAYS = 365;
/** Emergency mode looks at this many days of charged prices … */
export const EMERGENCY_DAYS = 60;
/** … leaving out this many of the highest. */
export const EMERGENCY_LEFT_OUT = 3;
/** A reduced price is compared with the lowest of this many days. */
export const LOWEST_DAYS = 30;

/** A unit price as charged: amountMinor / quantity, kept as the fraction. */
export interface UnitPrice {
  amountMinor: number;
  quantity: number;
}

/** Orders two unit prices exactly (a/b against c/d by cross products). */
export function compareUnits(x: UnitPrice, y: UnitPrice): number {
  return compareProducts(x.amountMinor, y.quantity, y.amountMinor, x.quantity);
}

/**
 * The median of unit prices, rounded half away from zero to a whole minor
 * unit; with an even count, the mean of the middle two. Each order line
 * counts once, whatever its quantity. Null for none.
 * @example medianUnitMinor([{ amountMinor: 1000, quantity: 10 }, { amountMinor: 300, quantity: 2 }]) // 125
 */
export function medianUnitMinor(units: readonly UnitPrice[]): number | null {
  const n = units.length;
  if (n === 0) return null;
  const sorted = [...units].sort(compareUnits);
  const hi = sorted[n >> 1] as UnitPrice;
  if (n % 2 === 1) return divRound(hi.amountMinor, hi.quantity);
  const lo = sorted[(n >> 1) - 1] as UnitPrice;
  // (a/b + c/d) / 2 = (a·d + c·b) / (2·b·d)
  const num = lo.amountMinor * hi.quantity + hi.amountMinor * lo.quantity;
  const den = 2 * lo.quantity * hi.quantity;
  if (isSafe(num) && isSafe(den)) return divRound(num, den);
  // Too large for doubles: the mean of the two rounded halves is off by at most one minor unit.
  return mulDivRound(divRound(lo.amountMinor, lo.quantity) + divRound(hi.amountMinor, hi.quantity), 1, 2);
}

/** True for a fact that counts as a charged unit price in [fromMs, atMs) (no returns, no credits). */
const inPeriod = (f: PriceFact, fromMs: number, atMs: number) => f.quantity > 0 && f.amountMinor >= 0 && f.atMs >= fromMs && f.atMs < atMs;

/** The reference price and where it came from. */
export interface Reference {
  unitMinor: number;
  from: 'orders' | 'list';
}

/**
 * The reference price of a product for an account at a moment (DESIGN §6):
 * the median unit price (see `medianUnitMinor`) of the account's order lines
 * of the product in the 365 days before `atMs`; without any, the list price.
 * An account of null (a buyer without one) has the list price.
 */
export function referencePrice(history: readonly PriceFact[], accountId: string | null, productId: string, atMs: number, listPriceMinor: number): Reference {
  if (accountId === null) return { unitMinor: listPriceMinor, from: 'list' };
  const fromMs = atMs - REFERENCE_DAYS * DAY_MS;
  const units = history.filter((f) => f.accountId === accountId && f.productId === productId && inPeriod(f, fromMs, atMs));
  const median = medianUnitMinor(units);
  return median === null ? { unitMinor: listPriceMinor, from: 'list' } : { unitMinor: median, from: 'orders' };
}

/**
 * The emergency limit (DESIGN §6: "no price above the highest of the
 * previous 60 days, the top three left out"): the unit prices charged for the
 * product to any account in the 60 days before the moment, one per order
 * line, highest first; the first three are left out and the next one is the
 * limit, rounded down to a whole minor unit. With fewer than four such
 * charges the history says too little, and the limit is the list price.
 */
export function emergencyLimitOf(charged: readonly UnitPrice[], listPriceMinor: number): number {
  if (charged.length <= EMERGENCY_LEFT_OUT) return listPriceMinor;
  const desc = [...charged].sort((a, b) => compareUnits(b, a));
  const u = desc[EMERGENCY_LEFT_OUT] as UnitPrice;
  return divFloor(u.amountMinor, u.quantity);
}

/** The emergency limit of a product at a moment, from the whole history (see `emergencyLimitOf`). */
export function emergencyLimit(history: readonly PriceFact[], productId: string, atMs: number, listPriceMinor: number): number {
  const fromMs = atMs - EMERGENCY_DAYS * DAY_MS;
  return emergencyLimitOf(
    history.filter((f) => f.productId === productId && inPeriod(f, fromMs, atMs)),
    listPriceMinor,
  );
}

/**
 * Everything the engine needs of the history for one quote, read in one pass:
 * per product, the account's unit prices of the last 365 days, and anyone's
 * of the last 60 days and lowest of the last 30.
 */
export interface HistoryIndex {
  reference(productId: string, listPriceMinor: number): Reference;
  emergencyLimit(productId: string, listPriceMinor: number): number;
  lowest30d(productId: string): number | null;
}

interface ProductFacts {
  own: UnitPrice[];
  recent: UnitPrice[];
  lowest: UnitPrice | null;
  /** the median of `own` (null: none), once asked */
  median?: number | null;
  /** the emergency limit from `recent` (null: too few charges), once asked */
  emergency?: number | null;
}

/** Indexes the history for a quote of `productIds` for `accountId` at `atMs`. */
export function indexHistory(history: readonly PriceFact[], accountId: string | null, productIds: ReadonlySet<string>, atMs: number): HistoryIndex {
  const refFrom = atMs - REFERENCE_DAYS * DAY_MS;
  const emFrom = atMs - EMERGENCY_DAYS * DAY_MS;
  const lowFrom = atMs - LOWEST_DAYS * DAY_MS;
  const byProduct = new Map<string, ProductFacts>();
  for (const f of history) {
    if (f.quantity <= 0 || f.amountMinor < 0 || f.atMs >= atMs || f.atMs < Math.min(refFrom, emFrom)) continue;
    if (!productIds.has(f.productId)) continue;
    let p = byProduct.get(f.productId);
    if (!p) {
      p = { own: [], recent: [], lowest: null };
      byProduct.set(f.productId, p);
    }
    if (f.accountId === accountId && f.atMs >= refFrom) p.own.push(f);
    if (f.atMs >= emFrom) p.recent.push(f);
    if (f.atMs >= lowFrom && (p.lowest === null || compareUnits(f, p.lowest) < 0)) p.lowest = f;
  }
  return {
    reference(productId, listPriceMinor) {
      const p = byProduct.get(productId);
      if (p && p.median === undefined) p.median = accountId === null ? null : medianUnitMinor(p.own);
      const median = p?.median ?? null;
      return median === null ? { unitMinor: listPriceMinor, from: 'list' } : { unitMinor: median, from: 'orders' };
    },
    emergencyLimit(productId, listPriceMinor) {
      const p = byProduct.get(productId);
      if (p && p.emergency === undefined) p.emergency = p.recent.length > EMERGENCY_LEFT_OUT ? emergencyLimitOf(p.recent, 0) : null;
      return p?.emergency ?? listPriceMinor;
    },
    lowest30d(productId) {
      const low = byProduct.get(productId)?.lowest;
      return low ? divFloor(low.amountMinor, low.quantity) : null;
    },
  };
}
