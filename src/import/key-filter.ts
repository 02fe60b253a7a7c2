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
