/**
 * The purchases a BG/NBD customer known to be alive at T is expected to make
 * in the next t units: the numerator of FHL eq. 10,
 *
 *   G = C / (a − 1) · [1 − (1 − z)^A · 2F1(A, B; C; z)],
 *   A = r + x, B = b + x, C = a + b + x − 1, z = t / (alpha + T + t).
 *
 * Written as it stands it divides by a − 1 (0/0 at a = 1), its 2F1 overflows
 * for large x, and loses digits to the "1 − …" when t is small. So it is
 * computed in one of two rearrangements, whichever has the smaller rounding
 * error bound (both bounds are worked out as the series is summed):
 *
 * - Euler's transformation, 2F1(A, B; C; z) = (1 − z)^(C−A−B) 2F1(C − A, a − 1; C; z),
 *   with the (a − 1) and C factors cancelled term by term by hand:
 *     G = C · (1 − (1 − z)^ε) / ε − (1 − z)^ε · S,  ε = a − 1,
 *     S = Σₙ≥₁ (C − A)ₙ (a)ₙ₋₁ zⁿ / ((C + 1)ₙ₋₁ n!).
 *   Well defined at a = 1 and for any x (the terms do not grow with x), but its
 *   terms alternate, and cancel, when r exceeds a + b by much.
 * - The series as written, in logs, with the C factor cancelled the same way:
 *     G = [C · (1 − (1 − z)^A) − (1 − z)^A · S′] / ε,
 *     S′ = Σₙ≥₁ (A)ₙ (B)ₙ zⁿ / ((C + 1)ₙ₋₁ n!), all terms positive;
 *   good there, poor only when a is very near 1.
 *
 * Against 80-digit values, over random parameters (r 0.01–30, a and b
 * 0.02–50, x up to 1,500, T up to 10⁴, t up to 2,000) it is within 2e-12
 * relative. The one corner neither form covers is r ≫ a + b with a within
 * about 1e-6 of 1 (r = 100, a = 1 + 1e-9: 1e-5 relative).
 */

import type { BgnbdParams } from './bgnbd.ts';
import { logSumPositiveSeries, sumSeries } from './numeric.ts';

const ROUNDING = Number.EPSILON;
/** Relative error bound below which the first rearrangement is taken without trying the second. */
const GOOD_ENOUGH = 1e-12;

/** A value and a bound on its rounding error; Infinity when the form could not be summed. */
interface Estimate {
  value: number;
  error: number;
}

interface Terms {
  a: number;
  A: number;
  B: number;
  C: number;
  eps: number;
  z: number;
  /** ln(1 − z), without the rounding of 1 − z */
  logRest: number;
}

/** The Euler form. Huge a (hundreds), or z very near 1 with a > r + x, defeats its series. */
function eulerForm({ a, A, C, eps, z, logRest }: Terms): Estimate {
  // (1 − (1 − z)^ε) / ε = −ln(1 − z) · expm1(y) / y with y = ε ln(1 − z), whose
  // last factor tends to 1 as y → 0: no division by ε, and no underflow to 0 for tiny t.
  const y = eps * logRest;
  const head = C * -logRest * (y === 0 ? 1 : Math.expm1(y) / y);
  const restEps = Math.exp(y);
  const s = sumSeries((C - A) * z, (m) => ((C - A + 1 + m) * (a + m) * z) / ((C + 1 + m) * (m + 2)), z);
  const value = head - restEps * s.sum;
  return { value, error: Number.isFinite(value) ? ROUNDING * 4 * (Math.abs(head) + restEps * s.magnitude) : Infinity };
}

/** The direct form (ε ≠ 0). */
function directForm({ A, B, C, eps, z, logRest }: Terms): Estimate {
  const logS = logSumPositiveSeries(Math.log(A) + Math.log(B) + Math.log(z), (m) => ((A + m + 1) * (B + m + 1) * z) / ((C + m + 1) * (m + 2)), z);
  const head = C * -Math.expm1(A * logRest);
  const tail = Math.exp(A * logRest + logS);
  // The tail comes out of exp(big − big): its exponent carries rounding of the size of its parts.
  const tailRounding = ROUNDING * (4 + Math.abs(A * logRest) + Math.abs(logS));
  const value = (head - tail) / eps;
  return { value, error: Number.isFinite(value) ? (ROUNDING * 4 * Math.abs(head) + tailRounding * tail) / Math.abs(eps) : Infinity };
}

/** A form's estimate, or an infinite error bound when its series does not converge in time. */
function attempt(form: (terms: Terms) => Estimate, terms: Terms): Estimate {
  try {
    return form(terms);
  } catch (e) {
    if (e instanceof RangeError) return { value: NaN, error: Infinity };
    throw e;
  }
}

/** Expected purchases in (T, T + t] of a customer alive at T with x repeat purchases (see the file's comment). */
export function bgnbdAliveExpected({ r, alpha, a, b }: BgnbdParams, x: number, T: number, t: number): number {
  if (t === 0) return 0;
  const terms: Terms = { a, A: r + x, B: b + x, C: a + b + x - 1, eps: a - 1, z: t / (alpha + T + t), logRest: -Math.log1p(t / (alpha + T)) };
  const euler = attempt(eulerForm, terms);
  if (euler.error <= GOOD_ENOUGH * Math.abs(euler.value)) return euler.value;
  const direct = terms.eps === 0 ? { value: NaN, error: Infinity } : attempt(directForm, terms);
  const best = direct.error < euler.error ? direct : euler;
  if (best.error === Infinity) throw new RangeError(`expected purchases: no series converges for t = ${t} (alpha + T = ${alpha + T})`);
  return best.value;
}
