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
  converged: boolean;
}

export interface BgnbdFitOptions {
  /** L2 penalty on (r, alpha, a, b) added to the mean negative log-likelihood, as lifetimes' penalizer_coef; default 0 */
  penalizer?: number;
  maxIterations?: number;
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

/** ln L over customers whose histories are known to be valid (FHL eq. 6). */
function logLikelihoodOf({ r, alpha, a, b }: BgnbdParams, customers: readonly CustomerHistory[]): number {
  const shared = logGamma(a + b) - logGamma(b) - logGamma(r) + r * Math.log(alpha);
  const logA = Math.log(a);
  // The gamma terms depend on x alone, and histories share few values of x.
  const byX = new Map<number, number>();
  let total = 0;
  for (const { x, tx, T } of customers) {
    let gammas = byX.get(x);
    if (gammas === undefined) {
      gammas = logGamma(r + x) + logGamma(b + x) - logGamma(a + b + x);
      byX.set(x, gammas);
    }
    // Two terms, both tiny for large x or T, added in logs: still alive at T,
    // or (after a repeat purchase) dropped out right after the last one at tx.
    const aliveAtT = -(r + x) * Math.log(alpha + T);
    const goneAfterTx = x > 0 ? logA - Math.log(b + x - 1) - (r + x) * Math.log(alpha + tx) : -Infinity;
    total += shared + gammas + logAddExp(aliveAtT, goneAfterTx);
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
  const scale = maxT > 0 ? 10 / maxT : 1;
  const paramsOf = (theta: readonly number[]): BgnbdParams => {
    const [lr = 0, lalpha = 0, la = 0, lb = 0] = theta;
    return { r: Math.exp(lr), alpha: Math.exp(lalpha) / scale, a: Math.exp(la), b: Math.exp(lb) };
  };
  // The mean, not the sum, so that the tolerances and the penalty do not depend on how many customers there are.
  const objective = (theta: readonly number[]) => {
    const p = paramsOf(theta);
    if (![p.r, p.alpha, p.a, p.b].every((v) => v > 0 && Number.isFinite(v))) return Infinity;
    const penalty = penalizer === 0 ? 0 : penalizer * (p.r ** 2 + (p.alpha * scale) ** 2 + p.a ** 2 + p.b ** 2);
    return -logLikelihoodOf(p, customers) / n + penalty;
  };
  const settings = { step: 0.5, xTolerance: 1e-8, fTolerance: 1e-12, maxIterations: opts.maxIterations ?? 5000 };

  let run = nelderMead(objective, FIT_START, settings);
  let iterations = run.iterations;
  for (let i = 0; i < MAX_RESTARTS; i++) {
    const again = nelderMead(objective, run.x, settings);
    iterations += again.iterations;
    const gain = run.fx - again.fx;
    if (again.fx <= run.fx) run = again;
    if (gain <= settings.fTolerance) break;
  }
  const params = paramsOf(run.x);
  return { ...params, logLikelihood: logLikelihoodOf(params, customers), customers: n, iterations, converged: run.converged };
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
