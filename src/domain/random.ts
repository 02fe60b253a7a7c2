/**
 * A small seeded pseudo-random generator (sfc32, seeded through splitmix32),
 * so that generated data such as the demo org is the same for the same seed
 * on every machine. Not for secrets: use node:crypto for those. Pure, no I/O.
 */

/** A deterministic source of random choices. */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both ends included. */
  int(min: number, max: number): number;
  /** A float in [min, max). */
  float(min: number, max: number): number;
  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T;
  /** One element, chosen with probability proportional to its weight. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T;
  /** True with probability p. */
  chance(p: number): boolean;
  /** A new array with the same elements in random order (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[];
  /** n random bytes, e.g. the random part of an id (formatId needs 10). */
  bytes(n: number): Uint8Array;
}

/** splitmix32: spreads one seed over well-mixed 32-bit words, so nearby seeds give unrelated streams. */
function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** sfc32 (Chris Doty-Humphrey's small fast counter): 128 bits of state, good statistics, only 32-bit integer math. */
function sfc32(a: number, b: number, c: number, d: number): () => number {
  return () => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t;
  };
}

/** A generator for `seed`; any finite number works, and the same seed always gives the same sequence. */
export function createRandom(seed: number): Random {
  if (!Number.isFinite(seed)) throw new Error('a random seed must be a finite number');
  // Both halves of the seed count, so seeds above 2^32 do not collide with small ones.
  const whole = Math.trunc(seed);
  const mix = splitmix32((whole >>> 0) ^ Math.imul(Math.floor(whole / 2 ** 32) >>> 0, 0x27d4eb2d));
  const word = sfc32(mix(), mix(), mix(), mix());
  // The first outputs of sfc32 are still close to its seed words; skip them.
  for (let i = 0; i < 12; i++) word();

  const next = (): number => word() / 2 ** 32;
  const int = (min: number, max: number): number => {
    const lo = Math.ceil(min);
    const hi = Math.floor(max);
    if (hi < lo) throw new Error(`int(${min}, ${max}) holds no integer`);
    return lo + Math.floor(next() * (hi - lo + 1));
  };
  const pick = <T>(items: readonly T[]): T => {
    if (items.length === 0) throw new Error('pick from an empty array');
    return items[Math.floor(next() * items.length)] as T;
  };
  const weighted = <T>(entries: readonly (readonly [T, number])[]): T => {
    const total = entries.reduce((sum, [, w]) => sum + Math.max(0, w), 0);
    if (entries.length === 0 || total <= 0) throw new Error('weighted needs at least one positive weight');
    let r = next() * total;
    for (const [value, w] of entries) {
      r -= Math.max(0, w);
      if (r < 0) return value;
    }
    // Rounding can leave r at exactly 0 after the loop: the last positive entry wins.
    return [...entries].reverse().find(([, w]) => w > 0)?.[0] as T;
  };
  const shuffle = <T>(items: readonly T[]): T[] => {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [out[i], out[j]] = [out[j] as T, out[i] as T];
    }
    return out;
  };
  const bytes = (n: number): Uint8Array => {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i += 4) {
      const w = word();
      for (let k = 0; k < 4 && i + k < n; k++) out[i + k] = (w >>> (8 * k)) & 0xff;
    }
    return out;
  };
  return {
    next,
    int,
    float: (min, max) => min + next() * (max - min),
    pick,
    weighted,
    chance: (p) => next() < p,
    shuffle,
    bytes,
  };
}
