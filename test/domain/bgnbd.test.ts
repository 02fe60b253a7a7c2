import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bgnbdLogLikelihood,
  expectedPurchases,
  fitBgnbd,
  pAlive,
  summarize,
  type BgnbdParams,
  type CustomerHistory,
} from '../../src/domain/bgnbd.ts';
import { nelderMead } from '../../src/domain/nelder-mead.ts';
import { hyp2f1, logGamma } from '../../src/domain/numeric.ts';

// The real CDNOW sample (see its README): the published fit must come out of it.
// Kept in the repository (test/fixtures/cdnow/README.md), so a clean checkout has it.
const CDNOW_DIR = path.resolve(process.cwd(), 'test/fixtures/cdnow');

const readCdnow = (name: string): string => {
  const file = path.join(CDNOW_DIR, name);
  if (!fs.existsSync(file)) throw new Error(`CDNOW data missing: ${file} — the BG/NBD tests read test/fixtures/cdnow`);
  return fs.readFileSync(file, 'utf8');
};

interface SummaryRow extends CustomerHistory {
  id: number;
}

/** cdnow_customers_summary.csv: ID,frequency,recency,T (weeks, recency and T rounded to 2 decimals). */
const readSummary = (): SummaryRow[] =>
  readCdnow('cdnow_customers_summary.csv')
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((line) => {
      const [id, x, tx, T] = line.split(',').map(Number);
      return { id: id as number, x: x as number, tx: tx as number, T: T as number };
    });

const DAY_MS = 24 * 60 * 60 * 1000;
const dayOf = (yyyymmdd: string) => Date.UTC(Number(yyyymmdd.slice(0, 4)), Number(yyyymmdd.slice(4, 6)) - 1, Number(yyyymmdd.slice(6, 8))) / DAY_MS;

/** CDNOW_sample.txt: the purchase days of each customer of the sample, by sample id. */
const readPurchases = (): Map<number, number[]> => {
  const byCustomer = new Map<number, number[]>();
  for (const line of readCdnow('CDNOW_sample.txt').split(/\r?\n/)) {
    const cols = line.trim().split(/\s+/);
    if (cols.length < 3) continue;
    const id = Number(cols[1]);
    const days = byCustomer.get(id) ?? [];
    days.push(dayOf(cols[2] as string));
    byCustomer.set(id, days);
  }
  return byCustomer;
};

// lifetimes' Quickstart (BetaGeoFitter on this summary), the same as FHL 2005's table.
const PUBLISHED = { r: 0.242593, alpha: 4.413532, a: 0.792886, b: 2.425752 };

describe('BG/NBD on the CDNOW sample', () => {
  it('reproduces the published fit: r, alpha, a and b within 0.5 %, ln L ≈ −9582.43', () => {
    const customers = readSummary();
    expect(customers).toHaveLength(2357);
    const started = performance.now();
    const fit = fitBgnbd(customers);
    const ms = performance.now() - started;
    for (const key of ['r', 'alpha', 'a', 'b'] as const) {
      expect(Math.abs(fit[key] / PUBLISHED[key] - 1), key).toBeLessThan(0.005);
    }
    expect(fit.logLikelihood).toBeCloseTo(-9582.43, 1);
    expect(fit).toMatchObject({ customers: 2357, converged: true });
    // About 0.1 s here; the bound leaves room for a loaded machine.
    expect(ms).toBeLessThan(2000);
  });

  it('counts the same in days as in weeks (alpha scales, the rest stays)', () => {
    const weeks = readSummary();
    const fit = fitBgnbd(weeks);
    const inDays = fitBgnbd(weeks.map(({ x, tx, T }) => ({ x, tx: tx * 7, T: T * 7 })));
    expect(inDays.r).toBeCloseTo(fit.r, 5);
    expect(inDays.alpha / 7).toBeCloseTo(fit.alpha, 4);
    expect(inDays.a).toBeCloseTo(fit.a, 5);
    expect(inDays.b).toBeCloseTo(fit.b, 4);
  });

  it('summarize rebuilds the summary from the raw purchases (calibration to 1997-09-30, in weeks)', () => {
    const purchases = readPurchases();
    const asOf = dayOf('19970930');
    const round2 = (v: number) => Math.round(v * 100) / 100;
    const summary = readSummary();
    expect(purchases.size).toBe(summary.length);
    for (const row of summary) {
      const h = summarize(purchases.get(row.id) ?? [], asOf, 'week');
      expect(h, `customer ${row.id}`).not.toBeNull();
      if (h === null) continue;
      expect(h.x, `customer ${row.id}`).toBe(row.x);
      expect(Math.abs(round2(h.tx) - row.tx), `customer ${row.id}`).toBeLessThan(1e-9);
      expect(Math.abs(round2(h.T) - row.T), `customer ${row.id}`).toBeLessThan(1e-9);
    }
  });

  it("gives lifetimes' Quickstart predictions for the best customers (next week)", () => {
    const fit = fitBgnbd(readSummary());
    // ID: frequency, recency, T, predicted purchases in t = 1 week, as printed (6 decimals).
    const quickstart: [number, CustomerHistory, number][] = [
      [509, { x: 18, tx: 35.14, T: 35.86 }, 0.424877],
      [841, { x: 19, tx: 34.0, T: 34.14 }, 0.474738],
      [1981, { x: 17, tx: 28.43, T: 28.86 }, 0.486526],
      [157, { x: 29, tx: 37.71, T: 38.0 }, 0.662396],
      [1516, { x: 26, tx: 30.86, T: 31.0 }, 0.710623],
    ];
    for (const [id, h, published] of quickstart) {
      expect(Math.abs(expectedPurchases(fit, h, 1) - published), `customer ${id}`).toBeLessThan(1e-6);
    }
  });

  it('agrees with FHL eq. 10 written out with 2F1 for every customer (1, 39 and 52 weeks)', () => {
    const customers = readSummary();
    const fit = fitBgnbd(customers);
    // The textbook form is fine here: a + b > 1, so its series has positive terms.
    const textbook = ({ r, alpha, a, b }: BgnbdParams, { x, tx, T }: CustomerHistory, t: number) => {
      const hyp = hyp2f1(r + x, b + x, a + b + x - 1, t / (alpha + T + t));
      const numerator = ((a + b + x - 1) / (a - 1)) * (1 - ((alpha + T) / (alpha + T + t)) ** (r + x) * hyp);
      const denominator = 1 + (x > 0 ? (a / (b + x - 1)) * ((alpha + T) / (alpha + tx)) ** (r + x) : 0);
      return numerator / denominator;
    };
    for (const h of customers) {
      for (const t of [1, 39, 52]) {
        const want = textbook(fit, h, t);
        expect(Math.abs(expectedPurchases(fit, h, t) / want - 1)).toBeLessThan(1e-9);
      }
    }
  });

  it('gives customer 1 (2 repeat purchases, last at 30.43 of 38.86 weeks) its P(alive) and next-week purchases', () => {
    // With the published parameters, computed independently with SciPy's hyp2f1
    // and lifetimes' formulas. (lifetimes' Quickstart 0.0576511 is another data set.)
    const h = { x: 2, tx: 30.43, T: 38.86 };
    expect(pAlive(PUBLISHED, h)).toBeCloseTo(0.7266091, 6);
    expect(expectedPurchases(PUBLISHED, h, 1)).toBeCloseTo(0.0374432, 6);
  });
});

describe('BG/NBD fit on data without a maximum, and with a penalty', () => {
  it('says it did not converge when nobody bought twice, and still returns finite parameters', () => {
    const fit = fitBgnbd([10, 20, 30, 40].map((T) => ({ x: 0, tx: 0, T })));
    expect(fit.converged).toBe(false);
    for (const v of [fit.r, fit.alpha, fit.a, fit.b, fit.logLikelihood]) expect(Number.isFinite(v)).toBe(true);
  });

  it('a penalty moves the fit off the maximum of the likelihood', () => {
    const customers = readSummary();
    const plain = fitBgnbd(customers);
    const penalized = fitBgnbd(customers, { penalizer: 0.1 });
    expect(penalized.converged).toBe(true);
    expect(penalized.logLikelihood).toBeLessThan(plain.logLikelihood);
    expect(penalized.b).toBeLessThan(plain.b);
  });
});

describe('BG/NBD log-likelihood', () => {
  it('is the published value at the published parameters', () => {
    expect(bgnbdLogLikelihood(PUBLISHED, readSummary())).toBeCloseTo(-9582.43, 1);
  });

  it('is a sum over customers, one customer at a time', () => {
    const customers = readSummary().slice(0, 50);
    const oneByOne = customers.reduce((sum, h) => sum + bgnbdLogLikelihood(PUBLISHED, [h]), 0);
    expect(bgnbdLogLikelihood(PUBLISHED, customers)).toBeCloseTo(oneByOne, 9);
  });

  it('rejects histories the model cannot have and parameters out of range', () => {
    expect(() => bgnbdLogLikelihood(PUBLISHED, [{ x: 1, tx: 5, T: 4 }])).toThrow(RangeError);
    expect(() => bgnbdLogLikelihood(PUBLISHED, [{ x: 1.5, tx: 1, T: 4 }])).toThrow(RangeError);
    expect(() => bgnbdLogLikelihood(PUBLISHED, [{ x: -1, tx: 0, T: 4 }])).toThrow(RangeError);
    expect(() => bgnbdLogLikelihood({ ...PUBLISHED, a: 0 }, [{ x: 0, tx: 0, T: 4 }])).toThrow(RangeError);
    expect(() => fitBgnbd([])).toThrow(RangeError);
  });
});

describe('summarize', () => {
  it('counts purchase days after the first, ignores purchases after asOf, and measures in weeks or days', () => {
    expect(summarize([0, 3, 3, 10, 99], 14, 'week')).toEqual({ x: 2, tx: 10 / 7, T: 2 });
    expect(summarize([0, 3, 3, 10, 99], 14, 'day')).toEqual({ x: 2, tx: 10, T: 14 });
    expect(summarize([5], 5, 'day')).toEqual({ x: 0, tx: 0, T: 0 });
    expect(summarize([20, 30], 14, 'day')).toBeNull();
    expect(summarize([], 14, 'day')).toBeNull();
  });

  it('takes Dates as UTC days: two purchases on one day are one', () => {
    const at = (iso: string) => new Date(iso);
    const h = summarize([at('1997-01-01T09:00:00Z'), at('1997-01-01T23:59:00Z'), at('1997-01-08T00:00:00Z')], at('1997-01-15T12:00:00Z'), 'week');
    expect(h).toEqual({ x: 1, tx: 1, T: 2 });
    expect(summarize([dayOf('19970101'), dayOf('19970108')], dayOf('19970115'), 'week')).toEqual(h);
  });
});

describe('numeric helpers', () => {
  it('logGamma matches values worked out to 30 digits (rounded to doubles)', () => {
    const known: [number, number][] = [
      [1, 0],
      [2, 0],
      [1e-8, 18.42068073818021],
      [0.1, 2.252712651734206],
      [0.5, 0.5723649429247001],
      [10, Math.log(362880)],
      [100.5, 361.4355404677776],
      [1e6, 12815504.569147611],
    ];
    for (const [x, want] of known) expect(Math.abs(logGamma(x) - want), `x = ${x}`).toBeLessThanOrEqual(4e-15 * Math.max(1, Math.abs(want)));
  });

  it('logGamma keeps Γ(x + 1) = x Γ(x) (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: -7, max: 5, noNaN: true }).map((e) => 10 ** e), (x) => {
        const lhs = logGamma(x + 1);
        expect(Math.abs(lhs - logGamma(x) - Math.log(x))).toBeLessThanOrEqual(1e-13 * Math.max(1, Math.abs(lhs)));
      }),
    );
  });

  it('hyp2f1 matches closed forms', () => {
    for (const z of [0, 0.1, 0.5, 0.9, 0.99]) {
      expect(hyp2f1(1, 1, 2, z)).toBeCloseTo(z === 0 ? 1 : -Math.log1p(-z) / z, 12);
      expect(Math.abs(hyp2f1(2.5, 0.7, 0.7, z) / (1 - z) ** -2.5 - 1)).toBeLessThan(1e-12);
    }
    expect(() => hyp2f1(1, 1, 2, 1)).toThrow(RangeError);
  });

  it('nelderMead finds the minimum of the Rosenbrock valley', () => {
    const rosenbrock = ([x = 0, y = 0]: readonly number[]) => (1 - x) ** 2 + 100 * (y - x * x) ** 2;
    const found = nelderMead(rosenbrock, [-1.2, 1], { xTolerance: 1e-10, fTolerance: 1e-14 });
    expect(found.converged).toBe(true);
    expect(found.x[0]).toBeCloseTo(1, 6);
    expect(found.x[1]).toBeCloseTo(1, 6);
  });
});

/** A positive number spread evenly over orders of magnitude. */
const logUniform = (min: number, max: number) => fc.double({ min: Math.log(min), max: Math.log(max), noNaN: true }).map(Math.exp);

const paramsArb = (lo: number, hi: number): fc.Arbitrary<BgnbdParams> =>
  fc.record({ r: logUniform(lo, hi), alpha: logUniform(lo, hi), a: logUniform(lo, hi), b: logUniform(lo, hi) });

/** A valid history: x repeat purchases, the last at a fraction of the age T. */
const historyArb = (maxX: number, maxT: number): fc.Arbitrary<CustomerHistory> =>
  fc
    .record({ x: fc.integer({ min: 0, max: maxX }), T: fc.double({ min: 0, max: maxT, noNaN: true }), share: fc.double({ min: 0, max: 1, noNaN: true }) })
    .map(({ x, T, share }) => ({ x, tx: x === 0 ? 0 : share * T, T }));

describe('BG/NBD properties', () => {
  // Ranges where P(alive) is above the smallest double (e^-745), so that (0, 1] can hold exactly.
  const ordinaryParams = fc.record({ r: logUniform(0.01, 10), alpha: logUniform(0.01, 100), a: logUniform(0.01, 20), b: logUniform(0.01, 20) });

  it('P(alive) is in (0, 1], and 1 with no repeat purchase', () => {
    fc.assert(
      fc.property(ordinaryParams, historyArb(50, 200), (params, h) => {
        const p = pAlive(params, h);
        expect(p).toBeGreaterThan(0);
        expect(p).toBeLessThanOrEqual(1);
        expect(pAlive(params, { ...h, x: 0, tx: 0 })).toBe(1);
      }),
    );
  });

  it('P(alive) does not grow as the customer stays silent longer (T grows, x and tx fixed)', () => {
    fc.assert(
      fc.property(paramsArb(0.01, 100), historyArb(1000, 1e4), fc.double({ min: 0, max: 1e4, noNaN: true }), (params, h, more) => {
        expect(pAlive(params, { ...h, T: h.T + more })).toBeLessThanOrEqual(pAlive(params, h));
      }),
    );
  });

  it('expected purchases are 0 at t = 0, never negative, and do not decrease with t', () => {
    fc.assert(
      fc.property(
        paramsArb(0.02, 30),
        historyArb(1000, 1e4),
        fc.double({ min: 0, max: 1000, noNaN: true }),
        fc.double({ min: 0, max: 1000, noNaN: true }),
        (params, h, t1, t2) => {
          const [short, long] = t1 <= t2 ? [t1, t2] : [t2, t1];
          const e1 = expectedPurchases(params, h, short);
          const e2 = expectedPurchases(params, h, long);
          expect(expectedPurchases(params, h, 0)).toBe(0);
          expect(e1).toBeGreaterThanOrEqual(0);
          expect(Number.isFinite(e2)).toBe(true);
          // Rounding only: within 1e-10 of the longer horizon's value.
          expect(e1).toBeLessThanOrEqual(e2 * (1 + 1e-10));
        },
      ),
    );
  });

  it('the log-likelihood is finite for extreme but valid histories (x up to 1000, T up to 10⁴)', () => {
    fc.assert(
      fc.property(paramsArb(1e-3, 1e3), fc.array(historyArb(1000, 1e4), { minLength: 1, maxLength: 20 }), (params, customers) => {
        // Finite, not necessarily negative: the recency part is a density.
        expect(Number.isFinite(bgnbdLogLikelihood(params, customers))).toBe(true);
      }),
    );
  });

  it('the fit is deterministic: the same histories give the same fit', () => {
    fc.assert(
      fc.property(fc.array(historyArb(20, 52), { minLength: 1, maxLength: 40 }), (customers) => {
        expect(fitBgnbd(customers)).toEqual(fitBgnbd(customers.map((h) => ({ ...h }))));
      }),
      { numRuns: 15 },
    );
  });
});
