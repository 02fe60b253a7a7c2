import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_LOYALTY_SETTINGS,
  explain,
  quintileThresholds,
  rfmt,
  rfmtOfTotals,
  score,
  scoreAll,
  tierOf,
  windowStartDay,
  type OrderFact,
  type RfmtFacts,
} from '../../src/domain/loyalty.ts';

const DAY = 24 * 60 * 60 * 1000;
const dayOf = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY;
const TODAY = dayOf('2025-06-15');

// Small ranges, so that ties are common.
const valuesArb = fc.array(fc.integer({ min: 0, max: 12 }), { minLength: 1, maxLength: 40 });
const orderArb = fc.record({ day: fc.integer({ min: TODAY - 1200, max: TODAY + 30 }), amountMinor: fc.integer({ min: 0, max: 50_000 }) });
const populationArb = fc.array(fc.array(orderArb, { maxLength: 8 }), { minLength: 1, maxLength: 25 });

const facts = (orders: readonly OrderFact[]) => rfmt(orders, TODAY);

describe('Loyalty: R, F, M and T from orders', () => {
  it('counts the window in average months and ignores orders after today', () => {
    const f = rfmt(
      [
        { day: TODAY - 730, amountMinor: 100 }, // in: age 730 < 730.5
        { day: TODAY - 731, amountMinor: 1000 }, // out, but still the first order
        { day: TODAY - 12, amountMinor: 10 },
        { day: TODAY + 1, amountMinor: 99_999 }, // tomorrow: ignored
      ],
      TODAY,
    );
    expect(f).toEqual({ recencyDays: 12, frequency: 2, monetaryMinor: 110, tenureDays: 731, lastDay: TODAY - 12, firstDay: TODAY - 731 });
    expect(rfmt([], TODAY)).toBeNull();
    expect(rfmt([{ day: TODAY + 1, amountMinor: 5 }], TODAY)).toBeNull();
  });

  it('a database adding up from windowStartDay gives what rfmt gives (property)', () => {
    fc.assert(
      fc.property(fc.array(orderArb, { minLength: 1, maxLength: 12 }), fc.integer({ min: 1, max: 120 }), (orders, windowMonths) => {
        const settings = { ...DEFAULT_LOYALTY_SETTINGS, windowMonths };
        const past = orders.filter((o) => o.day <= TODAY);
        fc.pre(past.length > 0);
        // What SQL does: first and last day, and the orders on or after the window's first day.
        const start = windowStartDay(TODAY, settings);
        const inWindow = past.filter((o) => o.day >= start);
        const totals = {
          firstDay: Math.min(...past.map((o) => o.day)),
          lastDay: Math.max(...past.map((o) => o.day)),
          frequency: inWindow.length,
          monetaryMinor: inWindow.reduce((sum, o) => sum + o.amountMinor, 0),
        };
        expect(rfmtOfTotals(totals, TODAY)).toEqual(rfmt(orders, TODAY, settings));
      }),
    );
  });
});

describe('Loyalty: quintile scores', () => {
  it('are 1..5, equal for equal values, and monotonic in both directions (property)', () => {
    fc.assert(
      fc.property(valuesArb, fc.nat(), fc.nat(), (values, i, j) => {
        const a = values[i % values.length] as number;
        const b = values[j % values.length] as number;
        for (const higher of [true, false]) {
          const cuts = quintileThresholds(values, higher);
          const sa = score(a, cuts, higher);
          const sb = score(b, cuts, higher);
          expect(sa).toBeGreaterThanOrEqual(1);
          expect(sa).toBeLessThanOrEqual(5);
          if (a === b) expect(sa).toBe(sb);
          const better = higher ? a > b : a < b;
          if (better) expect(sa).toBeGreaterThanOrEqual(sb);
          // the documented rule: 1 + ⌊5 · (strictly worse) / n⌋
          const worse = values.filter((v) => (higher ? v < a : v > a)).length;
          expect(sa).toBe(1 + Math.floor((5 * worse) / values.length));
        }
      }),
      { seed: 705 },
    );
  });

  it('splits distinct values into equal fifths, 5 for the most recent', () => {
    const values = Array.from({ length: 10 }, (_, k) => k);
    const up = quintileThresholds(values);
    expect(values.map((v) => score(v, up))).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    const down = quintileThresholds(values, false);
    expect(values.map((v) => score(v, down, false))).toEqual([5, 5, 4, 4, 3, 3, 2, 2, 1, 1]);
  });

  it('gives tied values the lowest quintile they reach', () => {
    // 8 of 10 accounts bought once: buying once is not "most frequent"
    const values = [1, 1, 1, 1, 1, 1, 1, 1, 2, 5];
    const cuts = quintileThresholds(values);
    expect([1, 2, 5].map((v) => score(v, cuts))).toEqual([1, 5, 5]);
    expect(score(3, quintileThresholds([3]))).toBe(1);
  });

  it('scores over accounts with orders only', () => {
    const scored = scoreAll([
      { id: 'none', facts: null },
      { id: 'a', facts: facts([{ day: TODAY - 1, amountMinor: 100 }]) },
      { id: 'b', facts: facts([{ day: TODAY - 100, amountMinor: 50 }]) },
    ]);
    expect(scored).toEqual([
      { id: 'none', scores: null },
      { id: 'a', scores: { r: 3, f: 1, m: 3 } },
      { id: 'b', scores: { r: 1, f: 1, m: 1 } },
    ]);
  });

  it('an extra recent order never lowers R, F or M (property)', () => {
    fc.assert(
      fc.property(populationArb, fc.nat(), fc.integer({ min: 0, max: 50_000 }), (population, pick, amountMinor) => {
        const i = pick % population.length;
        const before = population.map((orders, k) => ({ id: String(k), facts: facts(orders) }));
        const extended = [...(population[i] as OrderFact[]), { day: TODAY, amountMinor }];
        const after = before.map((a, k) => (k === i ? { ...a, facts: facts(extended) } : a));

        const was = before[i]?.facts as RfmtFacts | null;
        const now = after[i]?.facts as RfmtFacts;
        expect(now.recencyDays).toBe(0);
        expect(now.frequency).toBeGreaterThanOrEqual(was?.frequency ?? 0);
        expect(now.monetaryMinor).toBeGreaterThanOrEqual(was?.monetaryMinor ?? 0);

        const s0 = scoreAll(before)[i]?.scores;
        const s1 = scoreAll(after)[i]?.scores;
        expect(s1).not.toBeNull();
        if (s0 && s1) {
          expect(s1.r).toBeGreaterThanOrEqual(s0.r);
          expect(s1.f).toBeGreaterThanOrEqual(s0.f);
          expect(s1.m).toBeGreaterThanOrEqual(s0.m);
        }
      }),
      { seed: 705 },
    );
  });
});

describe('Loyalty: tiers, first match wins', () => {
  it('gives each tier on hand-made scores', () => {
    expect(tierOf({ r: 5, f: 5, m: 5 }, 400)).toBe('champion'); // also meets loyal
    expect(tierOf({ r: 2, f: 5, m: 5 }, 400)).toBe('at_risk'); // also meets loyal
    expect(tierOf({ r: 1, f: 1, m: 4 }, 30)).toBe('at_risk'); // on money alone
    expect(tierOf({ r: 3, f: 3, m: 3 }, 365)).toBe('loyal');
    expect(tierOf({ r: 5, f: 5, m: 5 }, 364)).toBe('regular'); // too new for champion or loyal
    expect(tierOf({ r: 3, f: 2, m: 1 }, 1000)).toBe('regular');
    expect(tierOf({ r: 1, f: 1, m: 3 }, 1000)).toBe('occasional');
    expect(tierOf(null, null)).toBe('new');
  });

  it('follows the org settings', () => {
    const s = { ...DEFAULT_LOYALTY_SETTINGS, championDays: 730 };
    expect(tierOf({ r: 5, f: 5, m: 5 }, 400)).toBe('champion');
    expect(tierOf({ r: 5, f: 5, m: 5 }, 400, s)).toBe('loyal');
    expect(tierOf({ r: 1, f: 1, m: 3 }, 10, { ...DEFAULT_LOYALTY_SETTINGS, atRiskM: 3 })).toBe('at_risk');
    expect(tierOf({ r: 3, f: 1, m: 1 }, 10, { ...DEFAULT_LOYALTY_SETTINGS, regularF: 1 })).toBe('regular');
  });

  it('tiers a small org end to end', () => {
    const orgOrders: OrderFact[][] = [
      Array.from({ length: 8 }, (_, k) => ({ day: TODAY - 5 - 60 * k, amountMinor: 90_000 })), // frequent, recent, old customer
      [{ day: TODAY - 3, amountMinor: 1_000 }],
      [{ day: TODAY - 500, amountMinor: 2_000 }], // good money, long ago: at risk
      [{ day: TODAY - 300, amountMinor: 500 }],
      [{ day: TODAY - 700, amountMinor: 300 }],
    ];
    const scored = scoreAll(orgOrders.map((orders, k) => ({ id: String(k), facts: facts(orders) })));
    const tiers = scored.map(({ scores }, k) => tierOf(scores, facts(orgOrders[k] as OrderFact[])?.tenureDays ?? null));
    expect(tiers).toEqual(['champion', 'occasional', 'at_risk', 'occasional', 'occasional']);
  });
});

describe('Loyalty: explanations', () => {
  const seven: RfmtFacts = { recencyDays: 12, frequency: 7, monetaryMinor: 1, tenureDays: 1500, lastDay: TODAY - 12, firstDay: dayOf('2021-03-01') };
  const one: RfmtFacts = { recencyDays: 1, frequency: 1, monetaryMinor: 1, tenureDays: 1, lastDay: TODAY - 1, firstDay: TODAY - 1 };
  const today: RfmtFacts = { ...one, recencyDays: 0, lastDay: TODAY, firstDay: TODAY };

  it('names the numbers in Swedish and English', () => {
    expect(explain('loyal', seven, 'sv', TODAY)).toBe('7 köp på 24 månader, senast för 12 dagar sedan, kund sedan 2021.');
    expect(explain('loyal', seven, 'en', TODAY)).toBe('7 orders in 24 months, the last 12 days ago, customer since 2021.');
  });

  it('gets singular and plural right', () => {
    expect(explain('occasional', one, 'sv', TODAY)).toBe('1 köp på 24 månader, senast för 1 dag sedan, kund sedan 2025.');
    expect(explain('occasional', one, 'en', TODAY)).toBe('1 order in 24 months, the last 1 day ago, customer since 2025.');
    expect(explain('occasional', today, 'sv', TODAY)).toBe('1 köp på 24 månader, senast i dag, kund sedan 2025.');
    expect(explain('occasional', today, 'en', TODAY)).toBe('1 order in 24 months, the last today, customer since 2025.');
    const lapsed = { ...seven, frequency: 0 };
    expect(explain('occasional', lapsed, 'en', TODAY, { ...DEFAULT_LOYALTY_SETTINGS, windowMonths: 1 })).toBe(
      '0 orders in 1 month, the last 12 days ago, customer since 2021.',
    );
    expect(explain('occasional', lapsed, 'sv', TODAY, { ...DEFAULT_LOYALTY_SETTINGS, windowMonths: 1 })).toBe(
      '0 köp på 1 månad, senast för 12 dagar sedan, kund sedan 2021.',
    );
  });

  it('says so when there are no orders', () => {
    expect(explain('new', null, 'sv', TODAY)).toBe('Inga köp än.');
    expect(explain('new', null, 'en', TODAY)).toBe('No orders yet.');
  });
});
