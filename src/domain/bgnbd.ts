/**
 * The BG/NBD model (Fader, Hardie & Lee, "Counting Your Customers the Easy
 * Way", Marketing Science 24(2), 2005; FHL below): while alive, a customer
 * buys at a Poisson rate λ ~ Gamma(r, alpha); after each purchase they drop
 * out with probability p ~ Beta(a, b). Fitted per org by maximum likelihood,
 * it tells how likely each account is still a customer and how much it will
 * buy. Pure: time is data (days or weeks, the caller's choice, the same
 * unit throughout: alpha is in that unit).
 */

import { bgnbdAliveExpected } from './bgnbd-expected.ts';
import { nelderMead } from './nelder-mead.ts';
import { log1pExp, logAddExp, logGamma } from './numeric.ts';

export interface BgnbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

/** One customer's history, in the caller's time unit. */
export interface CustomerHistory {
  /** repeat purchases: purchase days after the first */
  x: number;
  /** recency: time from the first purchase to the last */
  tx: number;
  /** age: time from the first purchase to the end of the observation */
  T: number;
}

export interface BgnbdFit extends BgnbdParams {
  /** ln L at the fitted parameters, without the penalty */
  logLikelihood: number;
  customers: number;
  /** Nelder–Mead iterations, over all runs */
  iterations: number;
  /**
   * The optimiser met its tolerances inside the bounds. False when it ran
   * out of iterations, or when a parameter ran to its bound because the
   * likelihood has no maximum inside (too few or too uniform histories):
   * the parameters then describe a limit and deserve little trust.
   */
  converged: boolean;
}

export interface BgnbdFitOptions {
  /**
   * L2 penalty on (r, alpha, a, b) added to the mean negative log-likelihood,
   * as lifetimes' penalizer_coef (alpha in time scaled so that the oldest
   * customer is 10 units old, as there); default 0. Small data: try 0.001–0.1.
   */
  penalizer?: number;
  maxIterations?: number;
  /** Where the search starts (default all ones): a refit starts from the last fit and needs fewer steps. */
  start?: BgnbdParams;
}

function checkParams({ r, alpha, a, b }: BgnbdParams): void {
  for (const [name, v] of [['r', r], ['alpha', alpha], ['a', a], ['b', b]] as const) {
    if (!(v > 0 && Number.isFinite(v))) throw new RangeError(`BG/NBD parameter ${name} must be positive and finite, got ${v}`);
  }
}

function checkHistory({ x, tx, T }: CustomerHistory): void {
  if (!(Number.isInteger(x) && x >= 0 && Number.isFinite(T) && tx >= 0 && tx <= T)) {
    throw new RangeError(`customer history needs a whole x ≥ 0 and 0 ≤ tx ≤ T, got x=${x}, tx=${tx}, T=${T}`);
  }
}

// Up to this x the gamma and beta ratios are summed factor by factor: the
// difference of two large ln Γ would lose digits, and the optimiser, walking
// towards extreme parameters, would chase that rounding noise.
const SUMMED_X = 256;

/**
 * ln(Γ(r + x) / Γ(r)) + ln(B(a, b + x) / B(a, b)) as a function of x: a
 * table of rising factorials for small x, ln Γ beyond.
 */
function xRatios(r: number, a: number, b: number, maxX: number): (x: number) => number {
  const table = new Float64Array(Math.min(maxX, SUMMED_X) + 1);
  for (let k = 1; k < table.length; k++) table[k] = (table[k - 1] as number) + Math.log(r + k - 1) + Math.log1p(-a / (a + b + k - 1));
  const base = logGamma(b) + logGamma(r) - logGamma(a + b);
  return (x) => table[x] ?? logGamma(r + x) + logGamma(b + x) - logGamma(a + b + x) - base;
}

/** ln L over customers whose histories are known to be valid (FHL eq. 6). */
function logLikelihoodOf({ r, alpha, a, b }: BgnbdParams, customers: readonly CustomerHistory[]): number {
  const maxX = customers.reduce((m, h) => Math.max(m, h.x), 0);
  const ratios = xRatios(r, a, b, maxX);
  const logA = Math.log(a);
  let total = 0;
  for (const { x, tx, T } of customers) {
    // Two terms, both tiny for large x or T, added in logs: still alive at T,
    // or (after a repeat purchase) dropped out right after the last one at tx.
    // (alpha / (alpha + T))^r is a log1p, for the same reason as the table.
    const aliveAtT = -r * Math.log1p(T / alpha) - x * Math.log(alpha + T);
    const goneAfterTx = x > 0 ? logA - Math.log(b + x - 1) - r * Math.log1p(tx / alpha) - x * Math.log(alpha + tx) : -Infinity;
    total += ratios(x) + logAddExp(aliveAtT, goneAfterTx);
  }
  return total;
}

/** The BG/NBD log-likelihood of the histories (FHL eq. 6), computed in logs so that it stays finite for large x and T. */
export function bgnbdLogLikelihood(params: BgnbdParams, customers: readonly CustomerHistory[]): number {
  checkParams(params);
  for (const h of customers) checkHistory(h);
  return logLikelihoodOf(params, customers);
}

const FIT_START = [0, 0, 0, 0];
const MAX_RESTARTS = 3;
// The log-parameters stay within ±25 (about 1e-11 to 7e10): without a
// maximum inside (nobody bought twice, say) the simplex would walk to where
// exp under- or overflows.
const LOG_BOUND = 25;

/**
 * Maximum likelihood fit of r, alpha, a and b. Nelder–Mead over the
 * parameters' logarithms (so they stay positive) from all ones, as
 * lifetimes starts, then restarted from the best point while that still
 * improves: a simplex can collapse before the optimum, a fresh one cannot
 * stop at the same false point. Deterministic.
 */
export function fitBgnbd(customers: readonly CustomerHistory[], opts: BgnbdFitOptions = {}): BgnbdFit {
  if (customers.length === 0) throw new RangeError('a BG/NBD fit needs at least one customer');
  for (const h of customers) checkHistory(h);
  const penalizer = opts.penalizer ?? 0;
  const n = customers.length;
  // Time is scaled so that the oldest customer is 10 units old (as lifetimes
  // does): the start and the simplex steps then mean the same whether the
  // caller counts in days or weeks.
  const maxT = customers.reduce((m, h) => Math.max(m, h.T), 0);
  const scale = maxT > 0 && Number.isFinite(10 / maxT) ? 10 / maxT : 1;
  const paramsOf = (theta: readonly number[]): BgnbdParams => {
    const [lr = 0, lalpha = 0, la = 0, lb = 0] = theta;
    return { r: Math.exp(lr), alpha: Math.exp(lalpha) / scale, a: Math.exp(la), b: Math.exp(lb) };
  };
  // The mean, not the sum, so that the tolerances and the penalty do not depend on how many customers there are.
  const objective = (theta: readonly number[]) => {
    if (theta.some((v) => Math.abs(v) > LOG_BOUND)) return Infinity;
    const p = paramsOf(theta);
    const penalty = penalizer === 0 ? 0 : penalizer * (p.r ** 2 + (p.alpha * scale) ** 2 + p.a ** 2 + p.b ** 2);
    return -logLikelihoodOf(p, customers) / n + penalty;
  };
  const settings = { step: 0.5, xTolerance: 1e-8, fTolerance: 1e-12, maxIterations: opts.maxIterations ?? 5000 };

  const start = opts.start ? [Math.log(opts.start.r), Math.log(opts.start.alpha * scale), Math.log(opts.start.a), Math.log(opts.start.b)] : FIT_START;
  let run = nelderMead(objective, start.every((v) => Math.abs(v) < LOG_BOUND - 1) ? start : FIT_START, settings);
  let iterations = run.iterations;
  for (let i = 0; i < MAX_RESTARTS; i++) {
    const again = nelderMead(objective, run.x, settings);
    iterations += again.iterations;
    const gain = run.fx - again.fx;
    if (again.fx <= run.fx) run = again;
    if (gain <= settings.fTolerance) break;
  }
  const params = paramsOf(run.x);
  const inside = run.x.every((v) => Math.abs(v) < LOG_BOUND - 1);
  return { ...params, logLikelihood: logLikelihoodOf(params, customers), customers: n, iterations, converged: run.converged && inside };
}

/** ln of the odds that a customer has dropped out, against being alive (FHL eq. 13; x > 0). */
function logOddsGone({ r, alpha, a, b }: BgnbdParams, { x, tx, T }: CustomerHistory): number {
  return Math.log(a) - Math.log(b + x - 1) + (r + x) * Math.log1p((T - tx) / (alpha + tx));
}

/**
 * The probability that the customer is still alive at T, given the history
 * (FHL eq. 13); 1 for a customer with no repeat purchase, who cannot have
 * dropped out yet. 0 only when the true value is below about 1e-308.
 */
export function pAlive(params: BgnbdParams, h: CustomerHistory): number {
  checkParams(params);
  checkHistory(h);
  if (h.x === 0) return 1;
  return Math.exp(-log1pExp(logOddsGone(params, h)));
}

/**
 * The expected number of purchases in the next t units, given the history
 * (FHL eq. 10): the probability of being alive times the purchases expected
 * of a customer known to be alive.
 */
export function expectedPurchases(params: BgnbdParams, h: CustomerHistory, t: number): number {
  if (!(t >= 0 && Number.isFinite(t))) throw new RangeError(`expected purchases need a horizon t ≥ 0, got ${t}`);
  return pAlive(params, h) * bgnbdAliveExpected(params, h.x, h.T, t);
}

export type TimeUnit = 'week' | 'day';

const DAY_MS = 24 * 60 * 60 * 1000;

/** A day number: whole days since 1970-01-01, of a Date in UTC or of a number of days. */
const dayNumber = (d: Date | number): number => Math.floor(typeof d === 'number' ? d : d.getTime() / DAY_MS);

/**
 * A customer's history as of a day, from the days of their purchases (Dates,
 * counted in UTC days, or day numbers since 1970-01-01; pass day numbers to
 * count days in the org's time zone). Several purchases on one day are one
 * purchase; purchases after asOf are left out. Null when there is none.
 * @example summarize([0, 3, 3, 10, 99], 14, 'week') // { x: 2, tx: 10 / 7, T: 2 }
 */
export function summarize(purchases: readonly (Date | number)[], asOf: Date | number, unit: TimeUnit): CustomerHistory | null {
  const end = dayNumber(asOf);
  if (!Number.isFinite(end)) throw new RangeError('summarize needs a valid asOf');
  let first = Infinity;
  let last = -Infinity;
  const days = new Set<number>();
  for (const p of purchases) {
    const day = dayNumber(p);
    if (!Number.isFinite(day)) throw new RangeError('summarize needs valid purchase dates');
    if (day > end) continue;
    days.add(day);
    first = Math.min(first, day);
    last = Math.max(last, day);
  }
  if (days.size === 0) return null;
  const perUnit = unit === 'week' ? 7 : 1;
  return { x: days.size - 1, tx: (last - first) / perUnit, T: (end - first) / perUnit };
}
