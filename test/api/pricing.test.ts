/** Pricing through the API: the policy, the rules, and the New Year's Eve price for each tier, on both backends. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settleImports } from '../../src/app/imports.ts';
import { BACKENDS } from '../helpers/backends.ts';
import { startTestApp, type Client, type TestApp } from '../helpers/app.ts';

interface Line {
  unitMinor: number;
  referenceUnitMinor: number;
  referenceFrom: 'orders' | 'list';
  boundBy: string | null;
  adjustments: { rule: string; kind: string; amountMinor: number; reason: { sv: string; en: string } }[];
}
interface Quote {
  totalMinor: number;
  vatMinor: number;
  referenceTotalMinor: number;
  lines: Line[];
  consent: { required: boolean; multiplier: { sv: string; en: string } | null };
}
interface Priced {
  tier: string;
  quote: Quote;
  byTier: { tier: string; quote: Quote }[];
}

let serial = 0;
// New Year's Eve 22:30 in Stockholm.
const NYE = '2026-12-31T21:30:00Z';

describe.each(BACKENDS)('pricing on %s', (backend) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(backend);
  });
  afterAll(async () => t.close());

  const product = async (c: Client, listPriceMinor = 10_000) =>
    (await c.post('/api/v1/products', { sku: `TAXI-${process.pid}-${++serial}`, name: { sv: 'Taxiresa', en: 'Taxi ride' }, listPriceMinor })).json() as { id: string };
  const nyeRule = (c: Client) =>
    c.post('/api/v1/price-rules', {
      kind: 'demand',
      reason: { sv: 'Nyårsafton', en: "New Year's Eve" },
      window: { type: 'absolute', from: '2026-12-31T22:00', to: '2027-01-01T04:00' },
      multiplier: 3,
    });
  const simulate = async (c: Client, body: Record<string, unknown>) => {
    const res = await c.post('/api/v1/prices/simulate', body);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Priced;
  };

  it("prices New Year's Eve ×3 under each tier's cap, and asks a new customer to consent", async () => {
    const c = await t.otherOrg();
    const p = await product(c);
    expect((await nyeRule(c)).statusCode).toBe(201);

    const priced = await simulate(c, { lines: [{ productId: p.id, quantity: 1 }], at: NYE });
    expect(priced.tier).toBe('new');
    const unit = Object.fromEntries(priced.byTier.map((b) => [b.tier, b.quote.lines[0]!.unitMinor]));
    expect(unit).toEqual({ new: 20_000, occasional: 20_000, regular: 15_000, at_risk: 12_500, loyal: 12_500, champion: 10_000 });

    const line = priced.quote.lines[0]!;
    expect(line).toMatchObject({ referenceUnitMinor: 10_000, referenceFrom: 'list', boundBy: 'cap' });
    expect(line.adjustments.map((a) => a.kind)).toEqual(['demand', 'cap']);
    expect(line.adjustments[0]!.reason.en).toContain("Due to demand (New Year's Eve)");
    expect(line.adjustments[0]!.reason.sv).toContain('På grund av efterfrågan (Nyårsafton)');
    expect(line.adjustments.reduce((sum, a) => sum + a.amountMinor, 10_000)).toBe(20_000);
    expect(priced.quote).toMatchObject({ totalMinor: 20_000, vatMinor: 5_000, referenceTotalMinor: 10_000 });
    expect(priced.quote.consent).toMatchObject({ required: true, multiplier: { sv: '2,0', en: '2.0' } });
    const champion = priced.byTier.find((b) => b.tier === 'champion')!.quote;
    expect(champion.consent.required).toBe(false);

    // An hour earlier the rule does not hold: the list price, nothing to explain but the price.
    const before = await simulate(c, { lines: [{ productId: p.id, quantity: 2 }], at: '2026-12-31T20:30:00Z' });
    expect(before.quote.lines[0]).toMatchObject({ unitMinor: 10_000, adjustments: [] });
    expect(before.quote.totalMinor).toBe(20_000);
  });

  it("reads the account's own usual price from its orders of the product, and its tier", async () => {
    const c = await t.otherOrg();
    const p = await product(c);
    await nyeRule(c);
    const account = (await c.post('/api/v1/accounts', { kind: 'company', name: 'Stamkund AB' })).json() as { id: string };
    for (const [day, amount] of [['2026-03-01', 8_000], ['2026-06-01', 9_000], ['2026-09-01', 12_000]] as const) {
      expect((await c.post('/api/v1/orders', { accountId: account.id, orderedAt: day, productId: p.id, quantity: 1, amountMinor: amount })).statusCode).toBe(201);
    }
    const tier = (await c.get(`/api/v1/accounts/${account.id}`)).json().tier as string;
    const priced = await simulate(c, { accountId: account.id, lines: [{ productId: p.id, quantity: 1 }], at: NYE });
    expect(priced.tier).toBe(tier);
    // The median of 80, 90 and 120 kr.
    expect(priced.quote.lines[0]).toMatchObject({ referenceUnitMinor: 9_000, referenceFrom: 'orders' });
    const loyal = priced.byTier.find((b) => b.tier === 'loyal')!.quote.lines[0]!;
    expect(loyal.unitMinor).toBe(11_250);
    expect(loyal.adjustments.at(-1)!.reason.en).toBe('Capped at 1.25 × your usual price as a loyal customer');
  });

  it("links imported orders whose product is a SKU to the product: the account's usual price reads them", async () => {
    const c = await t.otherOrg();
    const p = await product(c);
    const sku = ((await c.get(`/api/v1/products/${p.id}`)).json() as { sku: string }).sku;
    const csv = `Kund;Orderdatum;Produkt;Antal;Belopp\nImporterad Kund AB;2026-05-04;${sku};2;170,00\nImporterad Kund AB;2026-06-04;Något annat;1;99,00\n`;
    const up = await c.request('POST', '/api/v1/imports?entity=orders&fileName=ordrar.csv', csv, { 'content-type': 'text/csv' });
    await c.post(`/api/v1/imports/${up.json().id}/start`, {});
    await settleImports();
    const account = ((await c.get('/api/v1/accounts?q=Importerad')).json().items as { id: string }[])[0]!;
    const orders = (await c.get(`/api/v1/orders?accountId=${account.id}`)).json().items as { product: string; productId: string | null; imported: boolean }[];
    expect(orders.map((o) => [o.product, o.productId, o.imported])).toEqual([
      ['Något annat', null, true],
      [sku, p.id, true],
    ]);
    const priced = await simulate(c, { accountId: account.id, lines: [{ productId: p.id, quantity: 1 }], at: '2026-11-29T10:00:00Z' });
    expect(priced.quote.lines[0]).toMatchObject({ referenceUnitMinor: 8_500, referenceFrom: 'orders' });
  });

  it('keeps the policy as org settings: a stricter cap binds at once; only admins change it', async () => {
    const c = await t.otherOrg();
    const policy = (await c.get('/api/v1/settings/pricing')).json();
    expect(policy).toEqual({
      caps: { champion: 1, at_risk: 1.25, loyal: 1.25, regular: 1.5, occasional: 2, new: 2 },
      ceiling: 2,
      consentThreshold: 1.5,
      emergency: false,
      timeZone: 'Europe/Stockholm',
    });
    const p = await product(c);
    await nyeRule(c);
    const { timeZone: _tz, ...body } = policy;
    const saved = await c.put('/api/v1/settings/pricing', { ...body, caps: { ...body.caps, new: 1.2 }, consentThreshold: 1.1 });
    expect(saved.statusCode).toBe(200);
    const priced = await simulate(c, { lines: [{ productId: p.id, quantity: 1 }], at: NYE });
    expect(priced.quote.lines[0]!.unitMinor).toBe(12_000);
    expect(priced.quote.consent).toMatchObject({ required: true, multiplier: { sv: '1,2', en: '1.2' } });

    const bad = await c.put('/api/v1/settings/pricing', { ...body, ceiling: 0.5 });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0]).toMatchObject({ field: 'body.ceiling', message: 'must be at least 1 (1× the reference price)' });
    const manager = await t.user('manager', c);
    expect((await manager.put('/api/v1/settings/pricing', body)).statusCode).toBe(403);
  });

  it('keeps rules: lists, replaces, deactivates and deletes them; refuses windows and products that do not hold', async () => {
    const c = await t.otherOrg();
    const p = await product(c);
    const rule = (await nyeRule(c)).json() as { id: string; multiplier: number; window: unknown };
    expect(rule).toMatchObject({ kind: 'demand', multiplier: 3, active: true, productIds: null, window: { type: 'absolute', from: '2026-12-31T22:00', to: '2027-01-01T04:00' } });
    const cost = await c.post('/api/v1/price-rules', { kind: 'cost', reason: { sv: 'Nya leverantörspriser', en: 'New supplier prices' }, productId: p.id, from: '2026-11-01T00:00', increase: { percent: 8 } });
    expect(cost.json()).toMatchObject({ kind: 'cost', increase: { percent: 8 }, to: null });
    const discount = await c.post('/api/v1/price-rules', { kind: 'discount', reason: { sv: 'Stamkunder', en: 'Regulars' }, percent: 5, by: 'tier', tiers: ['loyal', 'champion'] });
    expect(discount.statusCode).toBe(201);
    expect(((await c.get('/api/v1/price-rules')).json().items as { kind: string }[]).map((r) => r.kind)).toEqual(['demand', 'cost', 'discount']);
    expect(((await c.get('/api/v1/price-rules?kind=cost')).json().items as unknown[]).length).toBe(1);

    // A weekly Friday-night rule instead, switched off: the NYE price falls back to list plus cost.
    const replaced = await c.put(`/api/v1/price-rules/${rule.id}`, { kind: 'demand', reason: { sv: 'Fredagskväll', en: 'Friday night' }, window: { type: 'weekly', weekday: 5, start: '22:00', end: '03:00' }, multiplier: 1.5, active: false });
    expect(replaced.json()).toMatchObject({ active: false, multiplier: 1.5, window: { type: 'weekly', weekday: 5 } });
    const priced = await simulate(c, { lines: [{ productId: p.id, quantity: 1 }], at: NYE });
    expect(priced.quote.lines[0]).toMatchObject({ unitMinor: 10_800 });
    expect(priced.quote.lines[0]!.adjustments.map((a) => a.kind)).toEqual(['cost']);
    expect((await c.del(`/api/v1/price-rules/${rule.id}`)).statusCode).toBe(204);
    expect((await c.get(`/api/v1/price-rules/${rule.id}`)).statusCode).toBe(404);

    const backwards = await c.post('/api/v1/price-rules', { kind: 'demand', reason: { sv: 'x', en: 'x' }, window: { type: 'absolute', from: '2027-01-01T04:00', to: '2026-12-31T22:00' }, multiplier: 2 });
    expect(backwards.statusCode).toBe(422);
    expect(backwards.json().errors[0]).toMatchObject({ field: 'body.window.to', message: 'must be after from' });
    const noDay = await c.post('/api/v1/price-rules', { kind: 'demand', reason: { sv: 'x', en: 'x' }, window: { type: 'absolute', from: '2026-02-30T10:00', to: '2026-03-01T10:00' }, multiplier: 2 });
    expect(noDay.statusCode).toBe(422);
    expect(noDay.json().errors[0].field).toBe('body.window.from');
    const other = await t.otherOrg();
    const foreign = await product(other);
    const stranger = await c.post('/api/v1/price-rules', { kind: 'discount', reason: { sv: 'x', en: 'x' }, percent: 10, by: 'quantity', minQuantity: 10, productIds: [foreign.id] });
    expect(stranger.statusCode).toBe(422);
    expect(stranger.json().errors[0]).toMatchObject({ field: 'body.productIds.0', message: 'No product with that id in your organisation.' });
    const seller = await t.user('seller', c);
    expect((await seller.post('/api/v1/price-rules', { kind: 'discount', reason: { sv: 'x', en: 'x' }, percent: 10, by: 'quantity', minQuantity: 10 })).statusCode).toBe(403);
    expect((await seller.post('/api/v1/prices/simulate', { lines: [{ productId: p.id, quantity: 1 }] })).statusCode).toBe(200);
  });

  it('refuses a quote in two currencies, and products of another org', async () => {
    const c = await t.otherOrg();
    const sek = await product(c);
    const eur = (await c.post('/api/v1/products', { sku: `EUR-${++serial}`, name: { sv: 'Resa', en: 'Ride' }, listPriceMinor: 1_000, currency: 'EUR' })).json() as { id: string };
    const mixed = await c.post('/api/v1/prices/simulate', { lines: [{ productId: sek.id, quantity: 1 }, { productId: eur.id, quantity: 1 }] });
    expect(mixed.statusCode).toBe(422);
    expect(mixed.json().errors[0].field).toBe('body.lines.1.productId');
    const foreign = await product(await t.otherOrg());
    expect((await c.post('/api/v1/prices/simulate', { lines: [{ productId: foreign.id, quantity: 1 }] })).statusCode).toBe(422);
  });
});
