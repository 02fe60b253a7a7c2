/**
 * The purchases a BG/NBD customer known to be alive at T is expected to make
 * in the next t units: the numerator of FHL eq. 10,
 *
 *   G = C / (a − 1) · [1 − (1 − z)^A · 2F1(A, B; C; z)],
 *   A = r + x, B = b + x, C = a + b + x − 1, z = t / (alpha + T + t).
 *
 * Written as it stands it divides by a − 1 (0/0 at a = 1), has 2F1 overflow
 * for large x, and loses digits to the "1 − …" when t is small. So it is
 * computed in one of two rearrangements, whichever has the smaller rounding
 * error bound (both bounds are worked out as the series is summed):
 *
 * - Euler's transformation, 2F1(A, B; C; z) = (1 − z)^(C−A−B) 2F1(C − A, a − 1; C; z),
 *   with the (a − 1) and C factors cancelled term by term by hand:
 *     G = C · (1 − (1 − z)^ε) / ε − (1 − z)^ε · S,  ε = a − 1,
 *     S = Σₙ≥₁ (C − A)ₙ (a)ₙ₋₁ zⁿ / ((C + 1)ₙ₋₁ n!).
 *   Exact at a = 1 and for any x (the terms do not grow with x), but its
 *   terms alternate, and cancel, when r exceeds a + b by much.
 * - The series as written, in logs, with the C factor cancelled the same way:
 *     G = [C · (1 − (1 − z)^A) − (1 − z)^A · S′] / ε,
 *     S′ = Σₙ≥₁ (A)ₙ (B)ₙ zⁿ / ((C + 1)ₙ₋₁ n!), all terms positive;
 *   good there, poor only when a is very near 1.
 */

import type { BgnbdParams } from './bgnbd.ts';
import { logSumPositiveSeries, sumSeries } from './numeric.ts';

const ROUNDING = Number.EPSILON;
/** Relative error bound below which the first rearrangement is taken without trying the second. */
const GOOD_ENOUGH = 1e-12;

/** Expected purchases in (T, T + t] of a customer alive at T with x repeat purchases (see the file's comment). */
export function bgnbdAliveExpected({ r, alpha, a, b }: BgnbdParams, x: number, T: number, t: number): number {
  if (t === 0) return 0;
  const A = r + x;
  const B = b + x;
  const C = a + b + x - 1;
  const eps = a - 1;
  const z = t / (alpha + T + t);
  const logRest = -Math.log1p(t / (alpha + T)); // ln(1 − z), without the rounding of 1 − z

  // (1 − (1 − z)^ε) / ε, which tends to −ln(1 − z) as ε → 0.
  const head = C * (eps === 0 ? -logRest : -Math.expm1(eps * logRest) / eps);
  const restEps = Math.exp(eps * logRest);
  const s = sumSeries((C - A) * z, (m) => ((C - A + 1 + m) * (a + m) * z) / ((C + 1 + m) * (m + 2)), z);
  const euler = head - restEps * s.sum;
  const eulerError = ROUNDING * (Math.abs(head) + restEps * s.magnitude) * 4;
  if (eulerError <= GOOD_ENOUGH * Math.abs(euler) || eps === 0) return euler;

  const logS = logSumPositiveSeries(Math.log(A) + Math.log(B) + Math.log(z), (m) => ((A + m + 1) * (B + m + 1) * z) / ((C + m + 1) * (m + 2)), z);
  const headA = C * -Math.expm1(A * logRest);
  const tail = Math.exp(A * logRest + logS);
  const direct = (headA - tail) / eps;
  // The tail comes out of exp(big − big): its exponent carries rounding of the size of its parts.
  const tailRounding = ROUNDING * (4 + Math.abs(A * logRest) + Math.abs(logS));
  const directError = (ROUNDING * 4 * Math.abs(headA) + tailRounding * tail) / Math.abs(eps);
  return directError < eulerError ? direct : euler;
}
