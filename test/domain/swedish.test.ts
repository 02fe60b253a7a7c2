import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nameKey, normalizeOrgNumber, prefixUpperBound } from '../../src/domain/swedish.ts';

function luhnDigit(nine: string): number {
  for (let d = 0; d <= 9; d++) if (normalizeOrgNumber(nine + String(d)) !== null) return d;
  throw new Error('no check digit');
}

describe('Swedish names', () => {
  it('keys a plain ASCII name exactly as it keys the same name after an å (the fast path agrees with the full one)', () => {
    const ascii = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 30 }).filter((s) => !s.startsWith(' '));
    fc.assert(fc.property(ascii, (s) => nameKey(`å${s}`) === `{${nameKey(s)}`));
    expect(nameKey('  Bygg   och  Glas AB ')).toBe('bygg och glas ab');
  });

  it('sorts å, ä, ö after z, in that order', () => {
    const names = ['Örebro Logistik', 'Zeta AB', 'Ångström AB', 'Älvdalens Trä', 'Alfa AB', 'öl och mat'];
    const sorted = [...names].sort((a, b) => (nameKey(a) < nameKey(b) ? -1 : 1));
    expect(sorted).toEqual(['Alfa AB', 'Zeta AB', 'Ångström AB', 'Älvdalens Trä', 'öl och mat', 'Örebro Logistik']);
  });

  it('matches prefixes without regard to case, but keeps å apart from a', () => {
    expect(nameKey('Ångström AB').startsWith(nameKey('ång'))).toBe(true);
    expect(nameKey('Ångström AB').startsWith(nameKey('ÅNG'))).toBe(true);
    expect(nameKey('Angered AB').startsWith(nameKey('ång'))).toBe(false);
  });

  it('treats é as e and ü as y, as Swedish dictionaries do', () => {
    expect(nameKey('Café Ü')).toBe(nameKey('cafe y'));
  });

  it('orders like the Swedish collator for letters of the Swedish alphabet', () => {
    const collator = new Intl.Collator('sv', { sensitivity: 'base' });
    const word = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzåäöABCÅÄÖ'.split('')), minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(word, word, (a, b) => {
        const byKey = Math.sign(nameKey(a) < nameKey(b) ? -1 : nameKey(a) > nameKey(b) ? 1 : 0);
        expect(byKey).toBe(Math.sign(collator.compare(a, b)));
      }),
      { seed: 20261129 },
    );
  });

  it('bounds every extension of a prefix', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 6 }), fc.string({ maxLength: 6 }), (prefix, rest) => {
        const k = nameKey(prefix);
        fc.pre(k.length > 0);
        const full = k + nameKey(rest);
        expect(full >= k && full < prefixUpperBound(k)).toBe(true);
      }),
      { seed: 7 },
    );
  });
});

describe('organisation numbers', () => {
  it('accepts real numbers in every common form and normalises them', () => {
    expect(normalizeOrgNumber('556036-0793')).toBe('556036-0793');
    expect(normalizeOrgNumber('5560360793')).toBe('556036-0793');
    expect(normalizeOrgNumber('16556036-0793')).toBe('556036-0793');
    expect(normalizeOrgNumber(' 556036 0793 ')).toBe('556036-0793');
  });

  it('rejects a wrong check digit, wrong lengths and letters', () => {
    expect(normalizeOrgNumber('556036-0794')).toBeNull();
    expect(normalizeOrgNumber('55603607')).toBeNull();
    expect(normalizeOrgNumber('55603607AB')).toBeNull();
  });

  it('finds every single-digit typo (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{9}$/), fc.integer({ min: 0, max: 9 }), fc.integer({ min: 1, max: 9 }), (nine, pos, delta) => {
        const valid = nine + String(luhnDigit(nine));
        expect(normalizeOrgNumber(valid)).not.toBeNull();
        const digits = valid.split('');
        digits[pos] = String((Number(digits[pos]) + delta) % 10);
        expect(normalizeOrgNumber(digits.join(''))).toBeNull();
      }),
      { seed: 42 },
    );
  });
});
