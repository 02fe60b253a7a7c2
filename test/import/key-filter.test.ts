import { describe, expect, it } from 'vitest';
import { hash32, KeyFilter, KeyRefs } from '../../src/import/key-filter.ts';

const emails = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `person${from + i}@exempel.se`);

/** Two different keys with the same 32-bit hash, found by the birthday paradox. */
function collidingPair(): [string, string] {
  const seen = new Map<number, string>();
  for (let i = 0; ; i++) {
    const key = `k${i}@exempel.se`;
    const other = seen.get(hash32(key));
    if (other !== undefined) return [other, key];
    seen.set(hash32(key), key);
  }
}

describe('KeyFilter', () => {
  it('never says no for a key it holds, and rarely yes for one it does not, through growing', () => {
    const filter = new KeyFilter();
    for (const e of emails(50_000)) filter.add(e);
    expect(filter.size).toBe(50_000);
    expect(emails(50_000).every((e) => filter.mightHave(e))).toBe(true);
    expect(emails(50_000, 50_000).filter((e) => filter.mightHave(e))).toEqual([]);
  });
});

describe('KeyRefs', () => {
  it('gives back the number each key was added with, through growing', () => {
    const refs = new KeyRefs();
    emails(50_000).forEach((e, i) => refs.add(e, i + 1));
    expect(refs.size).toBe(50_000);
    expect(emails(50_000).every((e, i) => refs.refs(e).includes(i + 1) && refs.mightHave(e))).toBe(true);
    // A key never added: certainly not there, bar a rare shared hash.
    const strays = emails(50_000, 50_000).filter((e) => refs.mightHave(e));
    expect(strays.length).toBeLessThan(5);
    expect(emails(50_000, 50_000).filter((e) => refs.refs(e).length > 0)).toEqual(strays);
  });

  it('keeps every number behind a hash: two keys that share one, and one key added twice', () => {
    const [a, b] = collidingPair();
    expect(a).not.toBe(b);
    const refs = new KeyRefs();
    refs.add(a, 7);
    refs.add(b, 8);
    refs.add(a, 9);
    // The caller tells the keys apart by reading the rows: all three rows are candidates for both keys.
    expect(refs.refs(a).sort()).toEqual([7, 8, 9]);
    expect(refs.refs(b).sort()).toEqual([7, 8, 9]);
  });
});
