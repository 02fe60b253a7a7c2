import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAmountMinor, parseDate, parseEmail, parseOrgNumber, parseQuantity } from '../../src/import/values.ts';

const value = <T>(r: { ok: true; value: T } | { ok: false; reason: string }) => (r.ok ? r.value : `rejected: ${r.reason}`);

describe('parseDate', () => {
  it.each([
    ['2024-03-05', '2024-03-05'],
    ['20240305', '2024-03-05'],
    ['19970101', '1997-01-01'],
    ['5/3/2024', '2024-03-05'],
    ['05/03/2024', '2024-03-05'],
    ['5/3 2024', '2024-03-05'],
    ['05.03.2024', '2024-03-05'],
    ['5 mars 2024', '2024-03-05'],
    ['5 MARS 2024', '2024-03-05'],
    ['5 mar 2024', '2024-03-05'],
    ['5 mar. 2024', '2024-03-05'],
    ['17 okt 2024', '2024-10-17'],
    ['1 maj 2024', '2024-05-01'],
    ['tisdag 5 mars 2024', '2024-03-05'],
    ['tisdag den 5 mars 2024', '2024-03-05'],
    ['tis 2024-03-05', '2024-03-05'],
    ['2024-02-29', '2024-02-29'],
  ])('reads the date %s as %s', (input, expected) => {
    expect(value(parseDate(input))).toBe(expected);
  });

  it.each([
    ['2024-03-05 14:30', '2024-03-05T14:30:00.000Z'],
    ['2024-03-05T14:30:00Z', '2024-03-05T14:30:00.000Z'],
    ['2024-03-05T14:30:00+01:00', '2024-03-05T13:30:00.000Z'],
    ['2024-03-05T00:30:00.250+0100', '2024-03-04T23:30:00.250Z'],
    ['2024-03-05 kl 14.30', '2024-03-05T14:30:00.000Z'],
    ['5/3/2024 14:30', '2024-03-05T14:30:00.000Z'],
    ['5 mars 2024 09:05:07', '2024-03-05T09:05:07.000Z'],
  ])('reads %s as the instant %s (no zone means UTC)', (input, expected) => {
    expect(value(parseDate(input))).toBe(expected);
  });

  it.each(['31/02/2024', '2023-02-29', '2024-13-01', '32.01.2024', '5/3/24', '0024-03-05', '2024-03-05T24:00', '5 marsipan 2024', 'igår', ''])(
    'rejects %j, naming it',
    (input) => {
      const r = parseDate(input);
      expect(r).toEqual({ ok: false, reason: `"${input}" is not a date` });
    },
  );

  it('reads slashed dates day first, as Sweden writes them', () => {
    expect(value(parseDate('12/1/2024'))).toBe('2024-01-12');
    expect(value(parseDate('1/12/2024'))).toBe('2024-12-01');
  });

  it('rejects a weekday that does not fit the date', () => {
    expect(value(parseDate('måndag 5 mars 2024'))).toBe('rejected: "måndag 5 mars 2024" names the wrong weekday for that date');
  });
});

describe('parseAmountMinor', () => {
  it.each([
    ['1 234,50', 123450],
    ['1\u00a0234,50', 123450],
    ['1\u202f234,50', 123450],
    ['1234.50', 123450],
    ['1,234.50', 123450],
    ['1.234,50', 123450],
    ['1 234', 123400],
    ['12 345 678,90 kr', 1234567890],
    ['1,234,567.89', 123456789],
    ['1,234', 123400],
    ['1.234', 123400],
    ['12,5', 1250],
    ['-45,00', -4500],
    ['−45', -4500],
    ['100 kr', 10000],
    ['100kr', 10000],
    ['SEK 1 000', 100000],
    ['100:-', 10000],
    ['$12.50', 1250],
    ['-$12.50', -1250],
    ['€ 3,5', 350],
    ['0', 0],
    ['90071992547409,91', Number.MAX_SAFE_INTEGER],
  ])('reads %j as %d minor units', (input, expected) => {
    expect(value(parseAmountMinor(input))).toBe(expected);
  });

  it.each([
    ['12,3456', 'has more than two decimals'],
    ['0,125', 'has more than two decimals'],
    ['1234,500', 'has more than two decimals'],
    ['1 234,567', 'has more than two decimals'],
    ['12 34', 'is not an amount'],
    ['1,23,4', 'is not an amount'],
    ['12,', 'is not an amount'],
    ['abc', 'is not an amount'],
    ['', 'is not an amount'],
    ['--5', 'is not an amount'],
    ['90071992547409,92', 'is too large an amount'],
  ])('rejects %j: it %s', (input, why) => {
    expect(parseAmountMinor(input)).toEqual({ ok: false, reason: `"${input}" ${why}` });
  });

  it('gives back any amount written the Swedish way, with any kind of thousands space', () => {
    const space = fc.constantFrom(' ', '\u00a0', '\u202f');
    const suffix = fc.constantFrom('', ' kr', 'kr', ' SEK', ':-');
    fc.assert(
      fc.property(fc.maxSafeInteger(), space, suffix, fc.boolean(), (minor, sep, unit, hideZeroDecimals) => {
        const digits = String(Math.abs(minor)).padStart(3, '0');
        const whole = digits.slice(0, -2).replace(/\B(?=(\d{3})+$)/g, sep);
        const cents = digits.slice(-2);
        const number = hideZeroDecimals && cents === '00' ? whole : `${whole},${cents}`;
        const written = `${minor < 0 ? '-' : ''}${number}${unit}`;
        expect(parseAmountMinor(written)).toEqual({ ok: true, value: minor });
      }),
      { seed: 20240305, numRuns: 500 },
    );
  });

  it('gives back any amount formatted by Intl for Sweden or the US', () => {
    const sv = new Intl.NumberFormat('sv-SE', { minimumFractionDigits: 2 });
    const us = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2 });
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (minor) => {
        // Intl writes the minus as U+2212 in Swedish; formatting the amount as öre/100 is exact at two decimals.
        const n = minor / 100;
        expect(value(parseAmountMinor(sv.format(n)))).toBe(minor);
        expect(value(parseAmountMinor(us.format(n)))).toBe(minor);
      }),
      { seed: 7, numRuns: 300 },
    );
  });
});

describe('parseQuantity', () => {
  it.each([
    ['1', 1],
    ['2,5', 2.5],
    ['2.5', 2.5],
    ['0,125', 0.125],
    ['1 000', 1000],
    ['5 st', 5],
    ['1234,500', 1234.5],
  ])('reads %j as %d', (input, expected) => {
    expect(value(parseQuantity(input))).toBe(expected);
  });

  it.each([
    ['0', 'is not a quantity more than zero'],
    ['-1', 'is not a quantity more than zero'],
    ['1,2345', 'has more than three decimals'],
    ['1,250', 'is ambiguous: write 1250, or 1,25 for a fraction'],
    ['några', 'is not a quantity'],
  ])('rejects %j: it %s', (input, why) => {
    expect(parseQuantity(input)).toEqual({ ok: false, reason: `"${input}" ${why}` });
  });
});

describe('parseEmail', () => {
  it('keeps the address as written and matches it in lower case', () => {
    expect(parseEmail('  Anna.Berg@Acme.SE ')).toEqual({ ok: true, value: { value: 'Anna.Berg@Acme.SE', key: 'anna.berg@acme.se' } });
  });

  it.each(['anna', 'anna@acme', 'anna berg@acme.se', 'anna@@acme.se', 'anna@acme..se', '@acme.se', 'anna@.se'])('rejects %j', (input) => {
    expect(parseEmail(input)).toEqual({ ok: false, reason: `"${input}" is not an e-mail address` });
  });
});

describe('parseOrgNumber', () => {
  it.each(['556036-0793', '5560360793', '16556036-0793', 'SE556036079301', 'se 5560 3607 9301', ' 556036-0793 '])('reads %j as 556036-0793', (input) => {
    expect(value(parseOrgNumber(input))).toBe('556036-0793');
  });

  it('says when only the check digit is wrong', () => {
    expect(value(parseOrgNumber('556036-0794'))).toBe('rejected: "556036-0794" is not an organisation number: the check digit is wrong');
    expect(value(parseOrgNumber('SE556036079401'))).toBe('rejected: "SE556036079401" is not an organisation number: the check digit is wrong');
  });

  it('rejects what is not an organisation number at all', () => {
    expect(value(parseOrgNumber('5560-36'))).toBe('rejected: "5560-36" is not an organisation number');
    expect(value(parseOrgNumber('SE556036079399'))).toBe('rejected: "SE556036079399" is not an organisation number');
  });
});
