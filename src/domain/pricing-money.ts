/**
 * Integer money for pricing (DESIGN §6): amounts are whole minor units (öre,
 * cents), rates are whole basis points (10,000 bp = 100 % = 1×), so every
 * price, limit and VAT amount is exact integer arithmetic plus one rounding.
 *
 * The rounding rule: where a rate multiplies an amount (a demand, cost or
 * discount adjustment of a unit price, the VAT of a line), the exact result
 * is rounded once to a whole minor unit, half away from zero. A limit (tier
 * cap, ceiling, emergency rule) is rounded down instead, to the largest whole
 * minor unit not above the exact limit, so a price at the limit never exceeds
 * it. Nothing else rounds: line totals, quote totals and VAT totals are exact
 * products and sums.
 */

/** 100 % (1×) in basis points. */
export const BP = 10_000;

/** True for an integer the arithmetic here handles exactly. */
export const isSafe = Number.isSafeInteger;

function check(what: string, n: number): void {
  if (!isSafe(n)) throw new RangeError(`${what} must be a safe integer, got ${n}`);
}

/** ⌊n / d⌋ for integers, d > 0, exact (corrects the float quotient). */
function floorDivExact(n: number, d: number): number {
  let q = Math.floor(n / d);
  const r = n - q * d;
  if (r < 0) q--;
  else if (r >= d) q++;
  return q;
}

/**
 * n / d rounded half away from zero, for integers n and d > 0.
 * @example divRound(5, 2) // 3, and divRound(-5, 2) // -3
 */
export function divRound(n: number, d: number): number {
  if (n < 0) return -divRound(-n, d);
  const q = floorDivExact(n, d);
  return 2 * (n - q * d) >= d ? q + 1 : q;
}

/** ⌊n / d⌋ for integers n and d > 0. */
export const divFloor = floorDivExact;

/** ⌈n / d⌉ for integers n and d > 0. */
export const divCeil = (n: number, d: number): number => -floorDivExact(-n, d);

const big = (n: number) => BigInt(n);

/** a × b / d rounded half away from zero; exact even where a × b passes 2^53 (then through BigInt). */
export function mulDivRound(a: number, b: number, d: number): number {
  const p = a * b;
  if (isSafe(p)) return divRound(p, d);
  check('amount', a);
  check('rate', b);
  const P = big(a) * big(b);
  const D = big(d);
  const neg = P < 0n;
  const abs = neg ? -P : P;
  let q = abs / D;
  if (2n * (abs - q * D) >= D) q++;
  return toSafe(neg ? -q : q);
}

/** ⌊a × b / d⌋, exact even where a × b passes 2^53. */
export function mulDivFloor(a: number, b: number, d: number): number {
  const p = a * b;
  if (isSafe(p)) return floorDivExact(p, d);
  check('amount', a);
  check('rate', b);
  const P = big(a) * big(b);
  const D = big(d);
  let q = P / D; // truncates toward zero
  if (q * D > P) q--;
  return toSafe(q);
}

/** Compares a × b with c × d exactly: negative, zero or positive. */
export function compareProducts(a: number, b: number, c: number, d: number): number {
  const x = a * b;
  const y = c * d;
  if (isSafe(x) && isSafe(y)) return x - y;
  const X = big(a) * big(b);
  const Y = big(c) * big(d);
  return X < Y ? -1 : X > Y ? 1 : 0;
}

function toSafe(n: bigint): number {
  const v = Number(n);
  if (!isSafe(v)) throw new RangeError(`amount out of range: ${n}`);
  return v;
}

/** a × b, which must stay a safe integer (a line total, a reference total). */
export function mulExact(a: number, b: number): number {
  const p = a * b;
  if (!isSafe(p)) throw new RangeError(`amount out of range: ${a} × ${b}`);
  return p;
}
