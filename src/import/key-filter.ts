/**
 * A set of strings held as 52-bit hashes in one typed array, about 16 bytes a
 * key: the e-mail addresses a million-row import has to check for duplicates,
 * without a million strings in memory or a million database lookups.
 *
 * `mightHave` never says no for a key that was added. It may say yes for one
 * that was not (about once in 10^9 lookups at a million keys), so a yes is
 * only a reason to ask the database.
 */
export class KeyFilter {
  #slots: Float64Array;
  #size = 0;

  constructor(capacity = 1024) {
    let n = 1024;
    while (n < capacity * 2) n *= 2;
    this.#slots = new Float64Array(n);
  }

  get size(): number {
    return this.#size;
  }

  add(key: string): void {
    if ((this.#size + 1) * 2 > this.#slots.length) this.#grow();
    if (this.#put(this.#slots, hash52(key))) this.#size++;
  }

  mightHave(key: string): boolean {
    const h = hash52(key);
    const slots = this.#slots;
    const mask = slots.length - 1;
    for (let i = h % slots.length; ; i = (i + 1) & mask) {
      const s = slots[i]!;
      if (s === 0) return false;
      if (s === h) return true;
    }
  }

  /** Linear probing; 0 marks an empty slot (no hash is 0). True when the hash was new. */
  #put(slots: Float64Array, h: number): boolean {
    const mask = slots.length - 1;
    for (let i = h % slots.length; ; i = (i + 1) & mask) {
      const s = slots[i]!;
      if (s === h) return false;
      if (s === 0) {
        slots[i] = h;
        return true;
      }
    }
  }

  #grow(): void {
    const old = this.#slots;
    this.#slots = new Float64Array(old.length * 2);
    for (const h of old) if (h !== 0) this.#put(this.#slots, h);
  }
}

/** Two FNV-1a hashes of the UTF-16 code units, 32 and 20 bits, as one integer in 1..2^52. */
export function hash52(s: string): number {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  return (a >>> 0) * 0x100000 + ((b >>> 0) & 0xfffff) + 1;
}

/**
 * Keys, each with a number (a row's rowid), held as 32-bit hashes: 12 bytes a slot,
 * at most half of them full (24 to 48 bytes a key), where a Map of the strings
 * would take well over a hundred. `refs` gives
 * the numbers of every key added with the same hash (usually none, or the one
 * asked for); the caller reads those rows to compare the keys themselves, so a
 * hash shared by two keys costs a lookup, never a wrong answer.
 */
export class KeyRefs {
  /** hash + 1 (0: an empty slot) */
  #hashes: Uint32Array;
  #refs: Float64Array;
  #size = 0;

  constructor(capacity = 1024) {
    let n = 1024;
    while (n < capacity * 2) n *= 2;
    this.#hashes = new Uint32Array(n);
    this.#refs = new Float64Array(n);
  }

  get size(): number {
    return this.#size;
  }

  add(key: string, ref: number): void {
    if ((this.#size + 1) * 2 > this.#hashes.length) this.#grow();
    this.#put(this.#hashes, this.#refs, hash32(key), ref);
    this.#size++;
  }

  /** False when no key with this key's hash was added: the key is certainly not there. */
  mightHave(key: string): boolean {
    const h = hash32(key);
    const hashes = this.#hashes;
    const mask = hashes.length - 1;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const s = hashes[i]!;
      if (s === 0) return false;
      if (s === h) return true;
    }
  }

  /** The numbers added with a key of this key's hash: this key's, and now and then another's. */
  refs(key: string): number[] {
    const h = hash32(key);
    const hashes = this.#hashes;
    const mask = hashes.length - 1;
    const out: number[] = [];
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const s = hashes[i]!;
      if (s === 0) return out;
      if (s === h) out.push(this.#refs[i]!);
    }
  }

  /** Linear probing; the same hash may sit in several slots (two keys, or one key twice). */
  #put(hashes: Uint32Array, refs: Float64Array, h: number, ref: number): void {
    const mask = hashes.length - 1;
    let i = h & mask;
    while (hashes[i] !== 0) i = (i + 1) & mask;
    hashes[i] = h;
    refs[i] = ref;
  }

  #grow(): void {
    const hashes = this.#hashes;
    const refs = this.#refs;
    this.#hashes = new Uint32Array(hashes.length * 2);
    this.#refs = new Float64Array(refs.length * 2);
    for (let i = 0; i < hashes.length; i++) if (hashes[i] !== 0) this.#put(this.#hashes, this.#refs, hashes[i]!, refs[i]!);
  }
}

/** FNV-1a over the UTF-16 code units, its bits mixed (murmur3's finaliser) so that the low ones pick slots well; 1..2^32-1. */
export function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) || 1;
}
