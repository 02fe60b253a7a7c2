import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TIERS } from '../../src/domain/loyalty.ts';
import {
  BP,
  DEFAULT_PRICING_POLICY,
  compilePricing,
  priceCompiled,
  PRICING_TIER_ORDER,
  consentMatches,
  divRound,
  emergencyLimit,
  explainLine,
  medianUnitMinor,
  momentOf,
  parseConsent,
  priceQuote,
  referencePrice,
  type DemandRule,
  type DiscountRule,
  type PriceFact,
  type PriceRule,
  type PricedQuote,
  type PricingPolicy,
  type Product,
  type QuoteRequest,
  type Tier,
} from '../../src/domain/pricing.ts';
import { instantOfWall, intlOffsetMs, localTime } from '../../src/domain/pricing-windows.ts';

const DAY = 86_400_000;
const SEK = 'SEK';
const STHLM = 'Europe/Stockholm';
/** Intl writes sv numbers with a no-break space and a real minus; tests read them plain. */
const plain = (s: string) => s.replace(/\u00a0/g, ' ').replace(/\u2212/g, '-');
const plainLines = (rows: string[]) => rows.map(plain);

const product = (id: string, listPriceMinor: number, extra: Partial<Product> = {}): Product => ({
  id,
  sku: id.toUpperCase(),
  names: { sv: `Vara ${id}`, en: `Item ${id}` },
  unit: 'st',
  listPriceMinor,
  currency: SEK,
  ...extra,
});

const quote = (
  tier: Tier,
  lines: QuoteRequest['lines'],
  rules: readonly PriceRule[],
  at: Date,
  history: readonly PriceFact[] = [],
  policy: PricingPolicy = DEFAULT_PRICING_POLICY,
  accountId: string | null = 'acme',
) => priceQuote({ accountId, tier, currency: SEK, lines }, rules, policy, history, at);

// ---------------------------------------------------------------- arbitraries

const ZONES = ['Europe/Stockholm', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu'];
/** Moments from autumn 2025 to spring 2026: both DST changes and New Year's Eve. */
const MIN_AT = Date.parse('2025-10-01T00:00:00Z');
const MAX_AT = Date.parse('2026-04-30T00:00:00Z');
const PRODUCT_IDS = ['p0', 'p1', 'p2', 'p3'];
const ACCOUNTS = ['a', 'b', 'c'];

const text = fc.constantFrom({ sv: 'helg', en: 'weekend' }, { sv: 'nyårsafton', en: "New Year's Eve" }, { sv: 'leverantör', en: 'supplier' });
const pad = (n: number) => String(n).padStart(2, '0');
const hhmm = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 15, 30, 45)).map(([h, m]) => `${pad(h)}:${pad(m)}`);
const wallString = fc.integer({ min: MIN_AT, max: MAX_AT }).map((ms) => new Date(Math.floor(ms / 900_000) * 900_000).toISOString().slice(0, 16));
const isoInstant = fc.integer({ min: MIN_AT - 30 * DAY, max: MAX_AT }).map((ms) => new Date(ms).toISOString());
const productScope = fc.option(fc.subarray(PRODUCT_IDS, { minLength: 1 }), { nil: undefined });

const demandRule: fc.Arbitrary<DemandRule> = fc.record({
  kind: fc.constant('demand' as const),
  id: fc.string({ minLength: 1, maxLength: 3 }).map((s) => `d-${s}`),
  window: fc.oneof(
    fc.record({ type: fc.constant('absolute' as const), from: fc.oneof(wallString, isoInstant), to: fc.oneof(wallString, isoInstant) }),
    fc.record({ type: fc.constant('weekly' as const), weekday: fc.integer({ min: 1, max: 7 }), start: hhmm, end: hhmm }),
  ),
  multiplierBp: fc.integer({ min: BP, max: 5 * BP }),
  reason: text,
  productIds: productScope,
});

const costRule = fc.record({
  kind: fc.constant('cost' as const),
  id: fc.string({ minLength: 1, maxLength: 3 }).map((s) => `c-${s}`),
  productId: fc.constantFrom(...PRODUCT_IDS),
  from: isoInstant,
  to: fc.option(isoInstant, { nil: undefined }),
  increase: fc.oneof(fc.record({ amountMinor: fc.integer({ min: 0, max: 5_000 }) }), fc.record({ percentBp: fc.integer({ min: 0, max: 5_000 }) })),
  reason: text,
});

const discountRule: fc.Arbitrary<DiscountRule> = fc.oneof(
  fc.record({
    kind: fc.constant('discount' as const),
    id: fc.string({ minLength: 1, maxLength: 3 }).map((s) => `t-${s}`),
    percentBp: fc.integer({ min: 0, max: BP }),
    reason: text,
    productIds: productScope,
    by: fc.constant('tier' as const),
    tiers: fc.subarray([...TIERS], { minLength: 1 }),
  }),
  fc.record({
    kind: fc.constant('discount' as const),
    id: fc.string({ minLength: 1, maxLength: 3 }).map((s) => `q-${s}`),
    percentBp: fc.integer({ min: 0, max: 5_000 }),
    reason: text,
    productIds: productScope,
    by: fc.constant('quantity' as const),
    minQuantity: fc.integer({ min: 1, max: 20 }),
  }),
);

const rulesArb = fc.array(fc.oneof(demandRule, costRule, discountRule), { maxLength: 12 });

const bp = fc.integer({ min: 5_000, max: 30_000 });
const policyArb: fc.Arbitrary<PricingPolicy> = fc.record({
  timeZone: fc.constantFrom(...ZONES),
  capBp: fc.record({ champion: bp, at_risk: bp, loyal: bp, regular: bp, occasional: bp, new: bp }),
  ceilingBp: bp,
  consentThresholdBp: fc.integer({ min: BP, max: 25_000 }),
  emergency: fc.boolean(),
});

const productArb = fc.record({
  id: fc.constantFrom(...PRODUCT_IDS),
  list: fc.integer({ min: 0, max: 200_000 }),
  vatBp: fc.constantFrom(2500, 1200, 600, 0, undefined),
});

/** Facts dated by age before the moment (negative: after it, to be ignored). */
const factArb = fc.record({
  accountId: fc.constantFrom(...ACCOUNTS),
  productId: fc.constantFrom(...PRODUCT_IDS),
  // half of them within the 60 days emergency mode looks at
  ageMs: fc.oneof(fc.integer({ min: -5 * DAY, max: 65 * DAY }), fc.integer({ min: -10 * DAY, max: 400 * DAY })),
  quantity: fc.integer({ min: -1, max: 12 }),
  amountMinor: fc.integer({ min: 0, max: 400_000 }),
});

const caseArb = fc.record({
  atMs: fc.integer({ min: MIN_AT, max: MAX_AT }),
  rules: rulesArb,
  policy: policyArb,
  accountId: fc.constantFrom('a', 'b', 'z', null),
  tier: fc.constantFrom(...TIERS),
  lines: fc.array(fc.record({ product: productArb, quantity: fc.integer({ min: 1, max: 40 }) }), { maxLength: 6 }),
  facts: fc.array(factArb, { maxLength: 30 }),
});

type Case = typeof caseArb extends fc.Arbitrary<infer C> ? C : never;

/** One product object per id, so that the same product has one list price in a case. */
function build(c: Case): { request: QuoteRequest; history: PriceFact[]; at: Date } {
  const byId = new Map<string, Product>();
  const lines = c.lines.map((l) => {
    let p = byId.get(l.product.id);
    if (!p) {
      p = product(l.product.id, l.product.list, l.product.vatBp === undefined ? {} : { vatBp: l.product.vatBp });
      byId.set(p.id, p);
    }
    return { product: p, quantity: l.quantity };
  });
  const history = c.facts.map(({ ageMs, ...f }) => ({ ...f, atMs: c.atMs - ageMs }));
  return { request: { accountId: c.accountId, tier: c.tier, currency: SEK, lines }, history, at: new Date(c.atMs) };
}

const price = (c: Case, change: Partial<QuoteRequest> = {}) => {
  const { request, history, at } = build(c);
  return priceQuote({ ...request, ...change }, c.rules, c.policy, history, at);
};

const RUNS = { numRuns: 300, seed: 6 };

// ---------------------------------------------------------------- properties

describe('Pricing: the guarantees (properties)', () => {
  it('no unit price exceeds its tier cap or the global ceiling', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const q = price(c);
        for (const l of q.lines) {
          const ref = BigInt(l.referenceUnitMinor);
          expect(BigInt(l.unitMinor) * BigInt(BP) <= ref * BigInt(c.policy.capBp[c.tier])).toBe(true);
          expect(BigInt(l.unitMinor) * BigInt(BP) <= ref * BigInt(c.policy.ceilingBp)).toBe(true);
          expect(l.unitMinor).toBeGreaterThanOrEqual(0);
        }
      }),
      RUNS,
    );
  });

  it('in emergency mode nothing exceeds the fourth highest unit price of the previous 60 days (else the list price)', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const { request, history, at } = build(c);
        const q = priceQuote(request, c.rules, { ...c.policy, emergency: true }, history, at);
        for (const l of q.lines) {
          // The rule, written out again: charges of the product by anyone in [at − 60 d, at), highest first, three left out.
          const charged = history
            .filter((f) => f.productId === l.productId && f.quantity > 0 && f.amountMinor >= 0 && f.atMs >= c.atMs - 60 * DAY && f.atMs < c.atMs)
            .map((f) => f.amountMinor / f.quantity)
            .sort((x, y) => y - x);
          const limit = charged.length >= 4 ? Math.floor(charged[3] as number) : l.listUnitMinor;
          expect(l.unitMinor).toBeLessThanOrEqual(limit);
          expect(emergencyLimit(history, l.productId, c.atMs, l.listUnitMinor)).toBe(limit);
        }
      }),
      RUNS,
    );
  });

  it('a higher tier never pays more than a lower tier or a new customer, for the same product, quantity and moment', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const byTier = PRICING_TIER_ORDER.map((tier) => price(c, { tier }));
        const newcomer = price(c, { tier: 'new', accountId: null });
        c.lines.forEach((_, i) => {
          const units = byTier.map((q) => (q.lines[i] as { unitMinor: number }).unitMinor);
          for (let r = 1; r < units.length; r++) expect(units[r]).toBeLessThanOrEqual(units[r - 1] as number);
          for (const u of units) expect(u).toBeLessThanOrEqual((newcomer.lines[i] as { unitMinor: number }).unitMinor);
        });
      }),
      RUNS,
    );
  });

  it('requires consent exactly when the total exceeds the threshold × the reference total, and shows a multiple that covers the ratio', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const q = price(c);
        const total = BigInt(q.totalMinor);
        const ref = BigInt(q.referenceTotalMinor);
        expect(q.consent.required).toBe(total * BigInt(BP) > BigInt(c.policy.consentThresholdBp) * ref);
        if (q.referenceTotalMinor === 0) {
          expect(q.consent.multiplierTenths).toBeNull();
          return;
        }
        const k = BigInt(q.consent.multiplierTenths as number);
        // (k − 1) / 10 < total / ref ≤ k / 10
        expect(total * 10n <= k * ref && total * 10n > (k - 1n) * ref).toBe(true);
        const shown = q.consent.multiplier as { sv: string; en: string };
        expect(shown.en).toBe(`${k / 10n}.${k % 10n}`);
        expect(shown.sv).toBe(`${k / 10n},${k % 10n}`);
        expect(consentMatches(q, shown.sv) && consentMatches(q, shown.en)).toBe(true);
      }),
      RUNS,
    );
  });

  it('totals are the exact sums of the lines; each line is its list price plus its adjustments, times its quantity', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const q = price(c);
        const sum = (f: (l: PricedQuote['lines'][number]) => number) => q.lines.reduce((s, l) => s + f(l), 0);
        expect(q.totalMinor).toBe(sum((l) => l.lineTotalMinor));
        expect(q.vatMinor).toBe(sum((l) => l.vatMinor));
        expect(q.grossMinor).toBe(q.totalMinor + q.vatMinor);
        expect(q.referenceTotalMinor).toBe(sum((l) => l.referenceUnitMinor * l.quantity));
        for (const l of q.lines) {
          expect(l.lineTotalMinor).toBe(l.unitMinor * l.quantity);
          expect(l.listUnitMinor + l.adjustments.reduce((s, a) => s + a.amountMinor, 0)).toBe(l.unitMinor);
          // VAT: half away from zero, once per line
          expect(BigInt(l.vatMinor)).toBe((2n * BigInt(l.lineTotalMinor) * BigInt(l.vatBp) + BigInt(BP)) / (2n * BigInt(BP)));
          for (const a of l.adjustments) expect(a.reason.sv.length > 0 && a.reason.en.length > 0).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('same input, same output, whatever the order of the rules', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const first = price(c);
        expect(price(c)).toEqual(first);
        expect(price({ ...c, rules: [...c.rules].reverse() })).toEqual(first);
        // Compiled once, the same prices; and later changes to the rule objects do not reach a compiled set.
        const { request, history, at } = build(c);
        const copies = c.rules.map((r) => structuredClone(r));
        const compiled = compilePricing(copies, c.policy);
        for (const r of copies) (r.reason as { en: string }).en = 'changed';
        expect(priceCompiled(compiled, request, history, at)).toEqual(first);
        expect(priceCompiled(compiled, request, history, at)).toEqual(first);
      }),
      RUNS,
    );
  });

  it('the reference price is the median unit price of the account in the 365 days before, else the list price', () => {
    fc.assert(
      fc.property(fc.integer({ min: MIN_AT, max: MAX_AT }), fc.array(factArb, { maxLength: 15 }), fc.integer({ min: 0, max: 99_999 }), (atMs, facts, list) => {
        const history = facts.map(({ ageMs, ...f }) => ({ ...f, atMs: atMs - ageMs }));
        const units = history
          .filter((f) => f.accountId === 'a' && f.productId === 'p0' && f.quantity > 0 && f.atMs >= atMs - 365 * DAY && f.atMs < atMs)
          .map((f) => f.amountMinor / f.quantity)
          .sort((x, y) => x - y);
        const n = units.length;
        const median = n === 0 ? list : n % 2 ? (units[(n - 1) / 2] as number) : ((units[n / 2 - 1] as number) + (units[n / 2] as number)) / 2;
        const ref = referencePrice(history, 'a', 'p0', atMs, list);
        // half away from zero, allowing for the float median being a hair off an exact half
        expect(Math.abs(ref.unitMinor - median)).toBeLessThanOrEqual(0.5 + 1e-9);
        expect(ref.from).toBe(n === 0 ? 'list' : 'orders');
      }),
      RUNS,
    );
  });

  it("the cached local time is what Intl says, in zones with DST, half-hour DST and odd offsets", () => {
    const parts = (zone: string, ms: number) => {
      const f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', weekday: 'short', hour: 'numeric', minute: 'numeric' });
      const v = Object.fromEntries(f.formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
      const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(v.weekday as string) + 1;
      return { weekday, minute: Number(v.hour) * 60 + Number(v.minute) };
    };
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), fc.integer({ min: Date.parse('1995-01-01'), max: Date.parse('2040-01-01') }), (zone, ms) => {
        const t = localTime(zone, ms);
        expect({ weekday: t.weekday, minute: t.minute }).toEqual(parts(zone, ms));
        expect(t.wallMs - ms).toBe(intlOffsetMs(zone, ms));
        // Back from the wall clock: the same wall time, and the earlier of two when the clock repeats.
        const back = instantOfWall(zone, t.wallMs);
        expect(localTime(zone, back).wallMs).toBe(t.wallMs);
        expect(back).toBeLessThanOrEqual(ms);
      }),
      { numRuns: 500, seed: 6 },
    );
  });
});

// ---------------------------------------------------------------- the New Year's Eve story

describe("Pricing: New Year's Eve (31 Dec 22:00 – 1 Jan 04:00 Europe/Stockholm, ×3, a 100 kr product)", () => {
  const ride = product('ride', 10_000);
  const nye: DemandRule = {
    kind: 'demand',
    id: 'nye',
    window: { type: 'absolute', from: '2025-12-31T22:00', to: '2026-01-01T04:00' },
    multiplierBp: 30_000,
    reason: { sv: 'nyårsafton', en: "New Year's Eve" },
  };
  const midnight = new Date('2025-12-31T23:00:00Z'); // 00:00 in Stockholm
  // The customer has paid 100 kr a ride this year.
  const history: PriceFact[] = [40, 100, 200].map((days) => ({ accountId: 'acme', productId: 'ride', atMs: midnight.getTime() - days * DAY, quantity: 1, amountMinor: 10_000 }));
  const ask = (tier: Tier, at = midnight) => quote(tier, [{ product: ride, quantity: 1 }], [nye], at, tier === 'new' ? [] : history, DEFAULT_PRICING_POLICY, tier === 'new' ? null : 'acme');

  it('a new customer pays 200 kr, capped at 2 × the list price, and must type 2,0 to accept', () => {
    const q = ask('new');
    const line = q.lines[0]!;
    expect([line.referenceUnitMinor, line.unitMinor, line.boundBy]).toEqual([10_000, 20_000, 'cap']);
    expect(line.adjustments.map((a) => [a.rule, a.kind, a.amountMinor])).toEqual([
      ['nye', 'demand', 20_000],
      ['policy.cap.new', 'cap', -10_000],
    ]);
    expect(plainLines(explainLine(line, SEK, 'en'))).toEqual([
      'List price: SEK 100.00',
      "Due to demand (New Year's Eve): +200% (+SEK 200.00)",
      'Capped at 2 × the list price as a new customer (-SEK 100.00)',
      'Your price: SEK 200.00 per st',
    ]);
    expect(plainLines(explainLine(line, SEK, 'sv'))).toEqual([
      'Listpris: 100,00 kr',
      'På grund av efterfrågan (nyårsafton): +200 % (+200,00 kr)',
      'Högst 2 × listpriset som ny kund (-100,00 kr)',
      'Ditt pris: 200,00 kr per st',
    ]);
    expect([q.totalMinor, q.vatMinor, q.grossMinor, q.referenceTotalMinor, q.ratioToReference]).toEqual([20_000, 5_000, 25_000, 10_000, 2]);
    expect(q.consent).toEqual({ required: true, thresholdBp: 15_000, multiplierTenths: 20, multiplier: { sv: '2,0', en: '2.0' } });
    expect(consentMatches(q, '2,0') && consentMatches(q, '2.0') && consentMatches(q, '2')).toBe(true);
    expect(consentMatches(q, '1,9')).toBe(false);
  });

  it('a regular customer pays 150 kr: exactly the threshold, so no consent', () => {
    const q = ask('regular');
    const line = q.lines[0]!;
    expect([line.referenceUnitMinor, line.referenceFrom, line.unitMinor, line.boundBy]).toEqual([10_000, 'orders', 15_000, 'cap']);
    expect(line.adjustments.map((a) => plain(a.reason.en))).toEqual(["Due to demand (New Year's Eve): +200%", 'Capped at 1.5 × your usual price as a regular customer']);
    expect(line.adjustments.map((a) => plain(a.reason.sv))).toEqual(['På grund av efterfrågan (nyårsafton): +200 %', 'Högst 1,5 × ditt vanliga pris som återkommande kund']);
    expect(q.consent.required).toBe(false);
    expect(q.consent.multiplier).toEqual({ sv: '1,5', en: '1.5' });
  });

  it('a loyal customer pays 125 kr', () => {
    const line = ask('loyal').lines[0]!;
    expect([line.unitMinor, line.boundBy]).toEqual([12_500, 'cap']);
    expect(plainLines(explainLine(line, SEK, 'en'))).toEqual([
      'Your usual price: SEK 100.00',
      'List price: SEK 100.00',
      "Due to demand (New Year's Eve): +200% (+SEK 200.00)",
      'Capped at 1.25 × your usual price as a loyal customer (-SEK 175.00)',
      'Your price: SEK 125.00 per st',
    ]);
    expect(plainLines(explainLine(line, SEK, 'sv'))).toEqual([
      'Ditt vanliga pris: 100,00 kr',
      'Listpris: 100,00 kr',
      'På grund av efterfrågan (nyårsafton): +200 % (+200,00 kr)',
      'Högst 1,25 × ditt vanliga pris som lojal kund (-175,00 kr)',
      'Ditt pris: 125,00 kr per st',
    ]);
  });

  it('a champion pays the usual 100 kr', () => {
    const line = ask('champion').lines[0]!;
    expect([line.unitMinor, line.boundBy]).toEqual([10_000, 'cap']);
    expect(line.adjustments.map((a) => a.reason)).toEqual([
      { sv: 'På grund av efterfrågan (nyårsafton): +200\u00a0%', en: "Due to demand (New Year's Eve): +200%" },
      { sv: 'Högst ditt vanliga pris som toppkund', en: 'Capped at your usual price as a top customer' },
    ]);
  });

  it('holds from 22:00 up to, not including, 04:00 Stockholm time', () => {
    const unit = (iso: string) => ask('new', new Date(iso)).lines[0]!.unitMinor;
    expect(unit('2025-12-31T20:59:59Z')).toBe(10_000); // 21:59:59
    expect(unit('2025-12-31T21:00:00Z')).toBe(20_000); // 22:00
    expect(unit('2026-01-01T02:59:59Z')).toBe(20_000); // 03:59:59
    expect(unit('2026-01-01T03:00:00Z')).toBe(10_000); // 04:00
    expect(ask('new', new Date('2026-01-01T03:00:00Z')).lines[0]!.adjustments).toEqual([]);
  });

  it('a loyal customer with a loyalty discount keeps it under the cap: 125 kr − 10 % = 112,50 kr', () => {
    const loyalTen: DiscountRule = { kind: 'discount', id: 'loyal10', by: 'tier', tiers: ['loyal', 'champion'], percentBp: 1_000, reason: { sv: 'lojala kunder', en: 'loyal customers' } };
    const line = quote('loyal', [{ product: ride, quantity: 1 }], [nye, loyalTen], midnight, history).lines[0]!;
    expect(line.adjustments.map((a) => [a.kind, a.amountMinor, plain(a.reason.en)])).toEqual([
      ['demand', 20_000, "Due to demand (New Year's Eve): +200%"],
      ['cap', -17_500, 'Capped at 1.25 × your usual price as a loyal customer'],
      ['discount', -1_250, 'Discount (loyal customers): -10%'],
    ]);
    expect(line.unitMinor).toBe(11_250);
  });
});

// ---------------------------------------------------------------- time windows

describe('Pricing: weekly windows over the DST weekends (Europe/Stockholm)', () => {
  const item = product('taxi', 10_000);
  const night: DemandRule = {
    kind: 'demand',
    id: 'sat-night',
    window: { type: 'weekly', weekday: 6, start: '22:00', end: '04:00' },
    multiplierBp: 15_000,
    reason: { sv: 'lördagsnatt', en: 'Saturday night' },
  };
  const unit = (iso: string, rules: readonly PriceRule[] = [night]) => quote('new', [{ product: item, quantity: 1 }], rules, new Date(iso), [], DEFAULT_PRICING_POLICY, null).lines[0]!.unitMinor;

  it('autumn (clocks back at 03:00 on 26 Oct 2025): Saturday 22:00 to Sunday 04:00 local is 7 hours, the repeated hour held twice', () => {
    expect(unit('2025-10-25T19:59:00Z')).toBe(10_000); // 21:59 CEST
    expect(unit('2025-10-25T20:00:00Z')).toBe(15_000); // 22:00 CEST
    expect(unit('2025-10-26T00:30:00Z')).toBe(15_000); // 02:30 CEST
    expect(unit('2025-10-26T01:30:00Z')).toBe(15_000); // 02:30 CET, again
    expect(unit('2025-10-26T02:59:00Z')).toBe(15_000); // 03:59 CET
    expect(unit('2025-10-26T03:00:00Z')).toBe(10_000); // 04:00 CET
  });

  it('spring (clocks forward at 02:00 on 29 Mar 2026): the same window is 5 hours; a window inside the skipped hour never holds', () => {
    expect(unit('2026-03-28T20:59:00Z')).toBe(10_000); // 21:59 CET
    expect(unit('2026-03-28T21:00:00Z')).toBe(15_000); // 22:00 CET
    expect(unit('2026-03-29T00:59:00Z')).toBe(15_000); // 01:59 CET
    expect(unit('2026-03-29T01:00:00Z')).toBe(15_000); // 03:00 CEST
    expect(unit('2026-03-29T01:59:00Z')).toBe(15_000); // 03:59 CEST
    expect(unit('2026-03-29T02:00:00Z')).toBe(10_000); // 04:00 CEST
    const skipped: DemandRule = { ...night, id: 'skipped', window: { type: 'weekly', weekday: 7, start: '02:15', end: '02:45' } };
    for (let m = 0; m < 24 * 60; m += 5) expect(unit(new Date(Date.parse('2026-03-28T22:00:00Z') + m * 60_000).toISOString(), [skipped])).toBe(10_000);
  });

  it('reads local rule times like Temporal: a skipped time moves on by the gap, a repeated one is the first', () => {
    expect(new Date(momentOf('2026-03-29T02:30', STHLM)).toISOString()).toBe('2026-03-29T01:30:00.000Z'); // 03:30 CEST
    expect(new Date(momentOf('2025-10-26T02:30', STHLM)).toISOString()).toBe('2025-10-26T00:30:00.000Z'); // the first 02:30
    expect(new Date(momentOf('2025-12-31T22:00', STHLM)).toISOString()).toBe('2025-12-31T21:00:00.000Z');
    expect(new Date(momentOf('2025-12-31T22:00:00+01:00', 'America/New_York')).toISOString()).toBe('2025-12-31T21:00:00.000Z');
    expect(() => momentOf('2025-02-30T10:00', STHLM)).toThrow(RangeError);
    expect(() => momentOf('tomorrow', STHLM)).toThrow(RangeError);
  });

  it('00:00–00:00 is the whole day, and 24:00 ends at midnight', () => {
    const saturday: DemandRule = { ...night, id: 'sat', window: { type: 'weekly', weekday: 6, start: '00:00', end: '00:00' } };
    expect(unit('2025-10-24T21:59:00Z', [saturday])).toBe(10_000); // Fri 23:59
    expect(unit('2025-10-24T22:00:00Z', [saturday])).toBe(15_000); // Sat 00:00
    expect(unit('2025-10-25T21:59:00Z', [saturday])).toBe(15_000); // Sat 23:59
    expect(unit('2025-10-25T22:00:00Z', [saturday])).toBe(10_000); // Sun 00:00
    const evening: DemandRule = { ...night, id: 'eve', window: { type: 'weekly', weekday: 6, start: '18:00', end: '24:00' } };
    expect(unit('2025-10-25T21:59:00Z', [evening])).toBe(15_000);
    expect(unit('2025-10-25T22:00:00Z', [evening])).toBe(10_000);
  });
});

// ---------------------------------------------------------------- rules

describe('Pricing: rules and limits', () => {
  const at = new Date('2026-02-10T12:00:00Z');
  const item = product('box', 10_000);
  const demand = (id: string, multiplierBp: number): DemandRule => ({
    kind: 'demand',
    id,
    window: { type: 'absolute', from: '2026-02-01T00:00', to: '2026-03-01T00:00' },
    multiplierBp,
    reason: { sv: id, en: id },
  });

  it('of several demand rules only the largest applies; cost adds on the list price, not compounded', () => {
    const cost: PriceRule = { kind: 'cost', id: 'steel', productId: 'box', from: '2026-01-01T00:00', increase: { percentBp: 1_000 }, reason: { sv: 'dyrare stål', en: 'dearer steel' } };
    const q = quote('new', [{ product: item, quantity: 1 }], [demand('a', 12_000), demand('b', 15_000), demand('c', 13_000), cost], at, [], DEFAULT_PRICING_POLICY, null);
    const line = q.lines[0]!;
    expect(line.adjustments.map((a) => [a.rule, a.kind, a.amountMinor, plain(a.reason.en)])).toEqual([
      ['steel', 'cost', 1_000, 'Cost increase passed on (dearer steel): +10%'],
      ['b', 'demand', 5_000, 'Due to demand (b): +50%'],
    ]);
    expect(line.unitMinor).toBe(16_000);
    expect(plain(costRuleReason(q))).toBe('Kostnadsökning som förs vidare (dyrare stål): +10 %');
  });

  const costRuleReason = (q: PricedQuote) => q.lines[0]!.adjustments[0]!.reason.sv;

  it('a cost increase by an amount is shown as money, and counts from its start only', () => {
    // from 13:00 Stockholm time, 12:00 UTC
    const cost: PriceRule = { kind: 'cost', id: 'freight', productId: 'box', from: '2026-02-10T13:00', increase: { amountMinor: 500 }, reason: { sv: 'frakt', en: 'freight' } };
    const at = (iso: string) => quote('new', [{ product: item, quantity: 1 }], [cost], new Date(iso), [], DEFAULT_PRICING_POLICY, null).lines[0]!;
    expect(at('2026-02-10T11:59:59Z').unitMinor).toBe(10_000);
    const after = at('2026-02-10T12:00:00Z');
    expect(after.adjustments.map((a) => plain(a.reason.en))).toEqual(['Cost increase passed on (freight): +SEK 5.00']);
    expect(after.adjustments.map((a) => plain(a.reason.sv))).toEqual(['Kostnadsökning som förs vidare (frakt): +5,00 kr']);
    expect(after.unitMinor).toBe(10_500);
  });

  it('the global ceiling binds below a generous tier cap', () => {
    const policy = { ...DEFAULT_PRICING_POLICY, capBp: { ...DEFAULT_PRICING_POLICY.capBp, new: 30_000 }, ceilingBp: 17_500 };
    const line = quote('new', [{ product: item, quantity: 1 }], [demand('x', 40_000)], at, [], policy, null).lines[0]!;
    expect([line.unitMinor, line.boundBy]).toEqual([17_500, 'ceiling']);
    expect(plain(line.adjustments[1]!.reason.en)).toBe('Capped at 1.75 × the list price: no price rises more than that');
  });

  it('quantity discounts apply from their minimum quantity, and add to the tier discount', () => {
    const bulk: DiscountRule = { kind: 'discount', id: 'bulk', by: 'quantity', minQuantity: 10, percentBp: 500, reason: { sv: 'tio eller fler', en: 'ten or more' } };
    const regular: DiscountRule = { kind: 'discount', id: 'reg', by: 'tier', tiers: ['regular'], percentBp: 300, reason: { sv: 'stamkund', en: 'regulars' } };
    const nine = quote('regular', [{ product: item, quantity: 9 }], [bulk, regular], at).lines[0]!;
    const ten = quote('regular', [{ product: item, quantity: 10 }], [bulk, regular], at).lines[0]!;
    expect([nine.unitMinor, ten.unitMinor, ten.lineTotalMinor]).toEqual([9_700, 9_200, 92_000]);
    expect(ten.adjustments.map((a) => a.rule)).toEqual(['reg', 'bulk']);
  });

  it('no loyalty penalty: a loyal customer never pays more than a regular one, even when the discounts say so', () => {
    const odd: DiscountRule = { kind: 'discount', id: 'odd', by: 'tier', tiers: ['regular'], percentBp: 2_000, reason: { sv: 'kampanj', en: 'campaign' } };
    const loyal = quote('loyal', [{ product: item, quantity: 1 }], [odd], at).lines[0]!;
    expect([loyal.unitMinor, loyal.boundBy]).toEqual([8_000, 'loyalty_floor']);
    expect(loyal.adjustments.map((a) => [a.kind, a.amountMinor, a.reason.en, a.reason.sv])).toEqual([
      ['loyalty_floor', -2_000, 'Never more than a regular customer pays', 'Aldrig mer än en återkommande kund betalar'],
    ]);
  });

  it('no loyalty penalty: never more than a new customer, whose reference is the list price', () => {
    // The champion paid 300 kr a box lately; the list price is 100 kr; a new customer has a 5 % welcome discount.
    const welcome: DiscountRule = { kind: 'discount', id: 'welcome', by: 'tier', tiers: ['new'], percentBp: 500, reason: { sv: 'välkommen', en: 'welcome' } };
    const paid: PriceFact[] = [{ accountId: 'acme', productId: 'box', atMs: at.getTime() - 10 * DAY, quantity: 2, amountMinor: 60_000 }];
    const line = quote('champion', [{ product: item, quantity: 1 }], [welcome], at, paid).lines[0]!;
    expect([line.referenceUnitMinor, line.unitMinor]).toEqual([30_000, 9_500]);
    expect(line.adjustments.at(-1)?.reason.en).toBe('Never more than a new customer pays');
  });

  it('emergency mode: no higher than the fourth highest price charged in 60 days, the three highest left out', () => {
    const charged = [30_000, 25_000, 20_000, 15_000, 12_000].map((amountMinor, k) => ({ accountId: `x${k}`, productId: 'box', atMs: at.getTime() - (k + 1) * 5 * DAY, quantity: 1, amountMinor }));
    const old = { accountId: 'y', productId: 'box', atMs: at.getTime() - 61 * DAY, quantity: 1, amountMinor: 99_999 };
    const policy = { ...DEFAULT_PRICING_POLICY, emergency: true };
    const line = quote('new', [{ product: item, quantity: 1 }], [demand('storm', 30_000)], at, [...charged, old], policy, null).lines[0]!;
    expect([line.unitMinor, line.boundBy]).toEqual([15_000, 'emergency']);
    expect(line.adjustments[1]).toEqual({
      rule: 'policy.emergency',
      kind: 'emergency',
      amountMinor: -15_000,
      reason: { sv: 'Krisläge: inte högre än priserna de senaste 60 dagarna', en: 'Emergency pricing: no higher than prices of the last 60 days' },
    });
    // With three charges or fewer, the list price.
    const few = quote('new', [{ product: item, quantity: 1 }], [demand('storm', 30_000)], at, charged.slice(0, 3), policy, null).lines[0]!;
    expect(few.unitMinor).toBe(10_000);
  });

  it('a reduced price carries the lowest price charged in the 30 days before, the only "was" to show', () => {
    const sale: DiscountRule = { kind: 'discount', id: 'sale', by: 'quantity', minQuantity: 1, percentBp: 2_000, reason: { sv: 'rea', en: 'sale' } };
    const facts = [9_000, 11_000].map((amountMinor, k) => ({ accountId: 'o', productId: 'box', atMs: at.getTime() - (k * 20 + 5) * DAY, quantity: 1, amountMinor }));
    facts.push({ accountId: 'o', productId: 'box', atMs: at.getTime() - 31 * DAY, quantity: 1, amountMinor: 5_000 });
    expect(quote('new', [{ product: item, quantity: 1 }], [sale], at, facts).lines[0]!.lowest30dUnitMinor).toBe(9_000);
    expect(quote('new', [{ product: item, quantity: 1 }], [], at, facts).lines[0]!.lowest30dUnitMinor).toBeNull();
  });

  it('refuses what it cannot price honestly', () => {
    const one = [{ product: item, quantity: 1 }];
    expect(() => quote('new', one, [demand('low', 9_999)], at)).toThrow(RangeError);
    expect(() => quote('new', [{ product: item, quantity: 0 }], [], at)).toThrow(RangeError);
    expect(() => quote('new', [{ product: item, quantity: 1.5 }], [], at)).toThrow(RangeError);
    expect(() => quote('new', [{ product: { ...item, currency: 'EUR' }, quantity: 1 }], [], at)).toThrow(/EUR/);
    expect(() => quote('new', one, [], new Date('nope'))).toThrow(RangeError);
    expect(() => quote('new', one, [{ kind: 'demand', id: 'w', window: { type: 'weekly', weekday: 8, start: '10:00', end: '11:00' }, multiplierBp: BP, reason: { sv: '', en: '' } }], at)).toThrow(/weekday/);
  });
});

// ---------------------------------------------------------------- rounding

describe('Pricing: rounding', () => {
  const at = new Date('2026-02-10T12:00:00Z');
  const always = (multiplierBp: number): DemandRule => ({
    kind: 'demand',
    id: 'always',
    window: { type: 'absolute', from: '2000-01-01T00:00Z', to: '2100-01-01T00:00Z' },
    multiplierBp,
    reason: { sv: 'alltid', en: 'always' },
  });

  it('rounds a rate times an amount half away from zero, once', () => {
    expect([divRound(5, 2), divRound(-5, 2), divRound(7, 3), divRound(-7, 3), divRound(0, 9)]).toEqual([3, -3, 2, -2, 0]);
    // 9,99 kr × 1.5: +4,995 kr → +5,00 kr
    const line = quote('new', [{ product: product('a', 999), quantity: 3 }], [always(15_000)], at, [], DEFAULT_PRICING_POLICY, null).lines[0]!;
    expect([line.adjustments[0]!.amountMinor, line.unitMinor, line.lineTotalMinor]).toEqual([500, 1_499, 4_497]);
    // VAT per line: 44,97 kr × 25 % = 11,2425 kr → 11,24 kr
    expect(line.vatMinor).toBe(1_124);
  });

  it('rounds VAT per line, half away from zero; the quote adds the lines exactly', () => {
    const lines = [
      { product: product('a', 1_002), quantity: 1 }, // 250.5 → 251
      { product: product('b', 1_001), quantity: 1 }, // 250.25 → 250
      { product: product('c', 1_050, { vatBp: 1_200 }), quantity: 1 }, // 126 exactly
      { product: product('d', 1_005, { vatBp: 600 }), quantity: 1 }, // 60.3 → 60
    ];
    const q = quote('new', lines, [], at, [], DEFAULT_PRICING_POLICY, null);
    expect(q.lines.map((l) => l.vatMinor)).toEqual([251, 250, 126, 60]);
    expect([q.totalMinor, q.vatMinor, q.grossMinor]).toEqual([4_058, 687, 4_745]);
  });

  it('rounds limits down: a cap never lets a price past the exact multiple', () => {
    // reference 333 öre × 1.25 = 416.25 → 416
    const paid: PriceFact[] = [{ accountId: 'acme', productId: 'a', atMs: at.getTime() - DAY, quantity: 3, amountMinor: 999 }];
    const line = quote('loyal', [{ product: product('a', 1_000), quantity: 1 }], [always(20_000)], at, paid).lines[0]!;
    expect([line.referenceUnitMinor, line.unitMinor]).toEqual([333, 416]);
  });

  it('takes the median of unit prices, a mean of the middle two rounded half away from zero', () => {
    expect(medianUnitMinor([])).toBeNull();
    expect(medianUnitMinor([{ amountMinor: 1_000, quantity: 10 }, { amountMinor: 301, quantity: 2 }])).toBe(125); // (100 + 150.5) / 2 = 125.25
    expect(medianUnitMinor([{ amountMinor: 101, quantity: 1 }, { amountMinor: 100, quantity: 1 }])).toBe(101); // 100.5 → 101
    expect(medianUnitMinor([{ amountMinor: 5, quantity: 3 }, { amountMinor: 1, quantity: 1 }, { amountMinor: 100, quantity: 1 }])).toBe(2); // 5/3 → 2
  });

  it('rounds the consent multiple up to a tenth: 1.71 × is shown as 1,8', () => {
    const paid: PriceFact[] = [{ accountId: 'acme', productId: 'a', atMs: at.getTime() - DAY, quantity: 1, amountMinor: 10_000 }];
    const q = quote('new', [{ product: product('a', 10_000), quantity: 1 }], [always(17_100)], at, paid);
    expect([q.totalMinor, q.consent.required, q.consent.multiplierTenths]).toEqual([17_100, true, 18]);
    expect(q.consent.multiplier).toEqual({ sv: '1,8', en: '1.8' });
    expect([parseConsent('1,8'), parseConsent(' 1.8 '), parseConsent('2'), parseConsent('1,85'), parseConsent('x')]).toEqual([18, 18, 20, null, null]);
  });

  it('an empty quote is zero and needs no consent', () => {
    const q = quote('new', [], [], at);
    expect([q.totalMinor, q.vatMinor, q.referenceTotalMinor, q.ratioToReference, q.consent.required, q.consent.multiplier]).toEqual([0, 0, 0, null, false, null]);
  });
});
