/**
 * Business time for case targets: counted in the org's time zone, working
 * days and hours, skipping holidays and pauses — across nights, weekends and
 * Stockholm's changes to and from summer time.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addBusinessMs, businessMsBetween, DEFAULT_HOURS, easterSunday, swedishHolidays, type BusinessCalendar, type Span } from '../../src/domain/business-hours.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const at = (iso: string) => Date.parse(iso);

const holidays2026 = new Set([...swedishHolidays(2026, { eves: true }), ...swedishHolidays(2027, { eves: true })].map((h) => h.date));
const stockholm: BusinessCalendar = { timeZone: 'Europe/Stockholm', ...DEFAULT_HOURS, holidays: holidays2026 };
/** Every hour of every day: real elapsed time, so summer time shows. */
const always: BusinessCalendar = { timeZone: 'Europe/Stockholm', days: [1, 2, 3, 4, 5, 6, 7], open: '00:00', close: '24:00', holidays: new Set() };

// 2026 and 2027, with the springs and autumns of both.
const moment = fc.integer({ min: at('2026-01-01T00:00:00Z'), max: at('2027-12-31T00:00:00Z') });
const span = fc.integer({ min: 0, max: 40 * DAY });
const calendar = fc.constantFrom(stockholm, always, { ...stockholm, timeZone: 'America/New_York', holidays: new Set<string>() }, { ...stockholm, days: [6, 7], open: '10:00', close: '14:30' });
const pauses = fc.array(fc.tuple(moment, fc.integer({ min: 0, max: 10 * DAY })).map(([from, length]): Span => ({ from, to: from + length })), { maxLength: 4 });

describe('business time', () => {
  it('counts only the open hours of working days: a weekday night or a whole weekend is nothing', () => {
    // Friday 2026-11-27 16:00 Stockholm (15:00 UTC) to Monday 09:00 (08:00 UTC): one hour on Friday, one on Monday.
    expect(businessMsBetween(stockholm, at('2026-11-27T15:00:00Z'), at('2026-11-30T08:00:00Z'))).toBe(2 * HOUR);
    expect(businessMsBetween(stockholm, at('2026-11-28T00:00:00Z'), at('2026-11-29T23:00:00Z'))).toBe(0);
    expect(businessMsBetween(stockholm, at('2026-11-25T17:00:00Z'), at('2026-11-26T06:30:00Z'))).toBe(0);
  });

  it('falls due the next working morning: 2 h asked at Friday 16:30 is Monday 09:30', () => {
    const due = addBusinessMs(stockholm, at('2026-11-27T15:30:00Z'), 2 * HOUR);
    expect(new Date(due).toISOString()).toBe('2026-11-30T08:30:00.000Z');
  });

  it('skips Swedish holidays: asked on the afternoon before Christmas Eve, 8 h runs into the 28th', () => {
    // Wed 2026-12-23 15:00 local: 2 h that day; 24th, 25th (Fri) off, weekend; Mon 28th 08:00 + 6 h.
    const due = addBusinessMs(stockholm, at('2026-12-23T14:00:00Z'), 8 * HOUR);
    expect(new Date(due).toISOString()).toBe('2026-12-28T13:00:00.000Z');
  });

  it('counts real time across summer time: the spring Sunday has 23 hours and the autumn one 25', () => {
    expect(businessMsBetween(always, at('2026-03-28T23:00:00Z'), at('2026-03-29T22:00:00Z'))).toBe(23 * HOUR);
    expect(businessMsBetween(always, at('2026-10-24T22:00:00Z'), at('2026-10-25T23:00:00Z'))).toBe(25 * HOUR);
    // Office hours on the Monday after either change are still nine real hours, at 08:00 local.
    expect(businessMsBetween(stockholm, at('2026-03-30T00:00:00Z'), at('2026-03-31T00:00:00Z'))).toBe(9 * HOUR);
    expect(new Date(addBusinessMs(stockholm, at('2026-03-28T12:00:00Z'), 1)).toISOString()).toBe('2026-03-30T06:00:00.001Z');
    expect(new Date(addBusinessMs(stockholm, at('2026-10-24T12:00:00Z'), 1)).toISOString()).toBe('2026-10-26T07:00:00.001Z');
  });

  it('stops while the case waits on the buyer, and never falls due during an open-ended wait', () => {
    const from = at('2026-11-30T07:00:00Z'); // Monday 08:00
    const wait = { from: at('2026-11-30T08:00:00Z'), to: at('2026-12-01T08:00:00Z') }; // 09:00 to Tuesday 09:00
    expect(businessMsBetween(stockholm, from, at('2026-12-01T10:00:00Z'), [wait])).toBe(3 * HOUR);
    expect(new Date(addBusinessMs(stockholm, from, 2 * HOUR, [wait])).toISOString()).toBe('2026-12-01T09:00:00.000Z');
    expect(addBusinessMs(stockholm, from, 2 * HOUR, [{ from: wait.from, to: Infinity }])).toBe(Infinity);
  });

  it('refuses a calendar that never opens, instead of looking for ever', () => {
    expect(() => addBusinessMs({ ...stockholm, days: [] }, 0, HOUR)).toThrow(/working day/);
    expect(() => businessMsBetween({ ...stockholm, open: '17:00', close: '08:00' }, 0, DAY)).toThrow(/not after/);
  });

  it('never counts more than the time that passed, and adds up over consecutive stretches', () => {
    fc.assert(
      fc.property(calendar, moment, span, span, pauses, (cal, a, x, y, ps) => {
        const ab = businessMsBetween(cal, a, a + x, ps);
        const bc = businessMsBetween(cal, a + x, a + x + y, ps);
        expect(ab).toBeGreaterThanOrEqual(0);
        expect(ab).toBeLessThanOrEqual(x);
        expect(ab + bc).toBe(businessMsBetween(cal, a, a + x + y, ps));
      }),
      { numRuns: 300 },
    );
  });

  it('finds the due moment that exactly the asked working time leads to, and later for more', () => {
    fc.assert(
      fc.property(calendar, moment, fc.integer({ min: 1, max: 60 * HOUR }), fc.integer({ min: 0, max: 10 * HOUR }), pauses, (cal, a, ms, more, ps) => {
        const due = addBusinessMs(cal, a, ms, ps);
        expect(businessMsBetween(cal, a, due, ps)).toBe(ms);
        // Due the moment the time is used up, not a moment later.
        expect(businessMsBetween(cal, a, due - 1, ps)).toBe(ms - 1);
        expect(addBusinessMs(cal, a, ms + more, ps)).toBeGreaterThanOrEqual(due);
      }),
      { numRuns: 300 },
    );
  });

  it('gives a working day of the default calendar exactly nine hours, and a holiday or weekend none', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 729 }), (n) => {
        const date = new Date(at('2026-01-01T00:00:00Z') + n * DAY).toISOString().slice(0, 10);
        // The local day, from 00:00 to 00:00 in Stockholm: a window that holds it whatever the offset.
        const from = at(`${date}T00:00:00Z`) - 2 * HOUR;
        const to = from + DAY;
        const weekday = ((new Date(`${date}T12:00:00Z`).getUTCDay() + 6) % 7) + 1;
        const open = weekday <= 5 && !holidays2026.has(date);
        expect(businessMsBetween(stockholm, from, to)).toBe(open ? 9 * HOUR : 0);
      }),
      { numRuns: 730 },
    );
  });
});

describe('Swedish holidays', () => {
  it('knows the moving feasts of 2026 and 2027', () => {
    expect(new Date(easterSunday(2026)).toISOString().slice(0, 10)).toBe('2026-04-05');
    expect(new Date(easterSunday(2027)).toISOString().slice(0, 10)).toBe('2027-03-28');
    const names = new Map(swedishHolidays(2026, { eves: true }).map((h) => [h.name, h.date]));
    expect(names.get('Långfredagen')).toBe('2026-04-03');
    expect(names.get('Annandag påsk')).toBe('2026-04-06');
    expect(names.get('Kristi himmelsfärds dag')).toBe('2026-05-14');
    expect(names.get('Pingstdagen')).toBe('2026-05-24');
    expect(names.get('Midsommarafton')).toBe('2026-06-19');
    expect(names.get('Midsommardagen')).toBe('2026-06-20');
    expect(names.get('Alla helgons dag')).toBe('2026-10-31');
    expect(swedishHolidays(2026)).toHaveLength(13);
  });

  it('puts midsummer on a Friday and Saturday in late June, and Easter in March or April, every year', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2200 }), (year) => {
        const days = new Map(swedishHolidays(year, { eves: true }).map((h) => [h.name, h.date]));
        const eve = days.get('Midsommarafton') ?? '';
        expect(new Date(`${eve}T12:00:00Z`).getUTCDay()).toBe(5);
        expect(eve >= `${year}-06-19` && eve <= `${year}-06-25`).toBe(true);
        const easter = new Date(easterSunday(year));
        expect(easter.getUTCDay()).toBe(0);
        expect(easter.getTime()).toBeGreaterThanOrEqual(Date.UTC(year, 2, 22));
        expect(easter.getTime()).toBeLessThanOrEqual(Date.UTC(year, 3, 25));
      }),
    );
  });
});
