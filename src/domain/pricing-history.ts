/**
 * What the order history says about a price: the reference price (what this
 * buyer usually pays), the emergency limit (what anyone was charged lately)
 * and the lowest price of the last 30 days. Pure; every period ends just
 * before the moment priced at (orders at or after it have not happened yet).
 */
import { compareProducts, divFloor, divRound, isSafe } from './pricing-money.ts';
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

/** Orders two unit prices exactly: by their float quotients, which rounding never reorders, and by cross products where those are equal. */
export function compareUnits(x: UnitPrice, y: UnitPrice): number {
  const a = x.amountMinor / x.quantity;
  const b = y.amountMinor / y.quantity;
  if (a !== b) return a < b ? -1 : 1;
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
  const sorted = n <= 64 ? insertionSorted(units) : [...units].sort(compareUnits);
  const hi = sorted[n >> 1] as UnitPrice;
  if (n % 2 === 1) return divRound(hi.amountMinor, hi.quantity);
  const lo = sorted[(n >> 1) - 1] as UnitPrice;
  // (a/b + c/d) / 2 = (a·d + c·b) / (2·b·d)
  const num = lo.amountMinor * hi.quantity + hi.amountMinor * lo.quantity;
  const den = 2 * lo.quantity * hi.quantity;
  if (isSafe(num) && isSafe(den)) return divRound(num, den);
  const N = BigInt(lo.amountMinor) * BigInt(hi.quantity) + BigInt(hi.amountMinor) * BigInt(lo.quantity);
  const D = 2n * BigInt(lo.quantity) * BigInt(hi.quantity);
  return Number((2n * N + D) / (2n * D)); // N ≥ 0: half up is half away from zero
}

/** A few unit prices sorted, lowest first: an insertion sort on float keys, ties settled exactly; no comparator calls. */
function insertionSorted(units: readonly UnitPrice[]): UnitPrice[] {
  const out: UnitPrice[] = [];
  const keys: number[] = [];
  for (const u of units) {
    const k = u.amountMinor / u.quantity;
    let i = out.length;
    while (i > 0) {
      const kp = keys[i - 1] as number;
      if (kp < k || (kp === k && compareUnits(out[i - 1] as UnitPrice, u) <= 0)) break;
      out[i] = out[i - 1] as UnitPrice;
      keys[i] = kp;
      i--;
    }
    out[i] = u;
    keys[i] = k;
  }
  return out;
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
  // The highest EMERGENCY_LEFT_OUT + 1, highest first, by insertion: no sort of the whole list.
  const keep = EMERGENCY_LEFT_OUT + 1;
  const top: UnitPrice[] = [];
  const keys: number[] = [];
  for (const u of charged) {
    const k = u.amountMinor / u.quantity;
    if (top.length === keep) {
      const kl = keys[keep - 1] as number;
      if (k < kl || (k === kl && compareUnits(u, top[keep - 1] as UnitPrice) <= 0)) continue;
    }
    let i = Math.min(top.length, keep - 1);
    while (i > 0) {
      const kp = keys[i - 1] as number;
      if (kp > k || (kp === k && compareUnits(top[i - 1] as UnitPrice, u) >= 0)) break;
      top[i] = top[i - 1] as UnitPrice;
      keys[i] = kp;
      i--;
    }
    top[i] = u;
    keys[i] = k;
  }
  const u = top[EMERGENCY_LEFT_OUT] as UnitPrice;
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

/**
 * Indexes the history for a quote of `productIds` for `accountId` at `atMs`;
 * with `emergency` false, the 60 days' charges are not kept.
 */
export function indexHistory(history: readonly PriceFact[], accountId: string | null, productIds: Iterable<string>, atMs: number, emergency = true): HistoryIndex {
  const refFrom = accountId === null ? atMs : atMs - REFERENCE_DAYS * DAY_MS;
  const emFrom = atMs - EMERGENCY_DAYS * DAY_MS;
  const lowFrom = atMs - LOWEST_DAYS * DAY_MS;
  const oldest = Math.min(refFrom, emergency ? emFrom : lowFrom, lowFrom);
  const byProduct = new Map<string, ProductFacts>();
  for (const id of productIds) if (!byProduct.has(id)) byProduct.set(id, { own: [], recent: [], lowest: null });
  for (const f of history) {
    const t = f.atMs;
    if (t >= atMs || t < oldest || f.quantity <= 0 || f.amountMinor < 0) continue;
    const p = byProduct.get(f.productId);
    if (p === undefined) continue;
    if (t >= refFrom && f.accountId === accountId) p.own.push(f);
    if (emergency && t >= emFrom) p.recent.push(f);
    if (t >= lowFrom && (p.lowest === null || compareUnits(f, p.lowest) < 0)) p.lowest = f;
  }
  return new Indexed(byProduct);
}

/** A class, not an object of closures: its methods are made once (see pricing.ts on keepNames). */
class Indexed implements HistoryIndex {
  constructor(private readonly byProduct: Map<string, ProductFacts>) {}

  reference(productId: string, listPriceMinor: number): Reference {
    const p = this.byProduct.get(productId);
    if (p && p.median === undefined) p.median = medianUnitMinor(p.own);
    const median = p?.median ?? null;
    return median === null ? { unitMinor: listPriceMinor, from: 'list' } : { unitMinor: median, from: 'orders' };
  }

  emergencyLimit(productId: string, listPriceMinor: number): number {
    const p = this.byProduct.get(productId);
    if (p && p.emergency === undefined) p.emergency = p.recent.length > EMERGENCY_LEFT_OUT ? emergencyLimitOf(p.recent, 0) : null;
    return p?.emergency ?? listPriceMinor;
  }

  lowest30d(productId: string): number | null {
    const low = this.byProduct.get(productId)?.lowest;
    return low ? divFloor(low.amountMinor, low.quantity) : null;
  }
}
