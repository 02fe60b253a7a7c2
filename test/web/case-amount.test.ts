import { describe, expect, it } from 'vitest';
import { kronorToMinor } from '../../web/src/cases/amount.ts';

describe('a proposal amount in kronor', () => {
  it('reads kronor as typed in Swedish or English, with spaces and an optional "kr"', () => {
    expect(kronorToMinor('1500')).toBe(150_000);
    expect(kronorToMinor('1 500')).toBe(150_000);
    expect(kronorToMinor('1\u00a0500,50')).toBe(150_050);
    expect(kronorToMinor('1500.5')).toBe(150_050);
    expect(kronorToMinor(' 2 000 kr ')).toBe(200_000);
    expect(kronorToMinor('0,01')).toBe(1);
    expect(kronorToMinor('0')).toBe(0);
  });

  it('exact in öre, without floating-point drift', () => {
    for (const [text, minor] of [['0,29', 29], ['1,15', 115], ['4,35', 435], ['1234567,89', 123_456_789]] as const) expect(kronorToMinor(text)).toBe(minor);
  });

  it('refuses what is not a plain amount', () => {
    for (const bad of ['', 'mycket', '-100', '1,2,3', '1.234,5', '12,345', '1e3', '100 €', 'kr']) expect(kronorToMinor(bad), bad).toBeNull();
  });
});
