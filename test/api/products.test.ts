/** Products through the API: list prices in öre, VAT, SKUs, recorded costs and who may change them, on both backends. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../helpers/backends.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';

interface Product {
  id: string;
  sku: string;
  name: { sv: string; en: string };
  unit: string;
  listPriceMinor: number;
  currency: string;
  vatRate: number;
  active: boolean;
}

let serial = 0;
const sku = () => `P${process.pid}-${++serial}`;

describe.each(BACKENDS)('products on %s', (backend) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(backend);
  });
  afterAll(async () => t.close());

  it('adds a product with defaults, changes it, and keeps the change in the audit log', async () => {
    const s = sku();
    const created = await t.admin.post('/api/v1/products', { sku: ` ${s} `, name: { sv: 'Taklampa Ljusring', en: 'Ceiling lamp Ring' }, listPriceMinor: 449_000 });
    expect(created.statusCode).toBe(201);
    const p = created.json() as Product;
    expect(p).toMatchObject({ sku: s, unit: 'st', listPriceMinor: 449_000, currency: 'SEK', vatRate: 0.25, active: true });
    expect((await t.admin.get(`/api/v1/products/${p.id}`)).json()).toEqual(p);

    const changed = await t.admin.patch(`/api/v1/products/${p.id}`, { vatRate: 0.12, unit: 'h', active: false, listPriceMinor: 99_900 });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ vatRate: 0.12, unit: 'h', active: false, listPriceMinor: 99_900, name: { sv: 'Taklampa Ljusring' } });
    const audit = (await t.admin.get(`/api/v1/audit?entity=product&entityId=${p.id}`)).json().items as { action: string }[];
    expect(audit.map((e) => e.action).sort()).toEqual(['product.create', 'product.update']);
  });

  it('keeps SKUs unique, lists by SKU page by page, and finds by prefix and by active', async () => {
    const prefix = `LIST${process.pid}${backend}-`;
    for (const n of ['C', 'A', 'B']) expect((await t.admin.post('/api/v1/products', { sku: `${prefix}${n}`, name: { sv: n, en: n }, listPriceMinor: 100 })).statusCode).toBe(201);
    const dup = await t.admin.post('/api/v1/products', { sku: `${prefix}A`, name: { sv: 'x', en: 'x' }, listPriceMinor: 1 });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().detail).toBe(`Another product already has the SKU ${prefix}A.`);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = (await t.admin.get(`/api/v1/products?q=${encodeURIComponent(prefix)}&limit=2${cursor ? `&cursor=${cursor}` : ''}`)).json() as { items: Product[]; nextCursor: string | null };
      seen.push(...page.items.map((p) => p.sku));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([`${prefix}A`, `${prefix}B`, `${prefix}C`]);

    const b = (await t.admin.get(`/api/v1/products?q=${encodeURIComponent(`${prefix}B`)}`)).json().items[0] as Product;
    await t.admin.patch(`/api/v1/products/${b.id}`, { active: false });
    const active = (await t.admin.get(`/api/v1/products?q=${encodeURIComponent(prefix)}&active=true`)).json().items as Product[];
    expect(active.map((p) => p.sku)).toEqual([`${prefix}A`, `${prefix}C`]);
    const inactive = (await t.admin.get(`/api/v1/products?q=${encodeURIComponent(prefix)}&active=false`)).json().items as Product[];
    expect(inactive.map((p) => p.sku)).toEqual([`${prefix}B`]);
  });

  it("records a product's costs, the latest effective first", async () => {
    const p = (await t.admin.post('/api/v1/products', { sku: sku(), name: { sv: 'Spot', en: 'Spot' }, listPriceMinor: 39_900 })).json() as Product;
    expect((await t.admin.post(`/api/v1/products/${p.id}/costs`, { costMinor: 20_000, effectiveFrom: '2026-01-01' })).statusCode).toBe(201);
    const later = await t.admin.post(`/api/v1/products/${p.id}/costs`, { costMinor: 24_000, effectiveFrom: '2026-10-01', note: ' Leverantören höjde ' });
    expect(later.json()).toMatchObject({ productId: p.id, costMinor: 24_000, effectiveFrom: '2026-10-01', note: 'Leverantören höjde' });
    const costs = (await t.admin.get(`/api/v1/products/${p.id}/costs`)).json().items as { costMinor: number }[];
    expect(costs.map((c) => c.costMinor)).toEqual([24_000, 20_000]);
  });

  it('lets everyone read products but only admins and managers change them; bad values get a clear 422', async () => {
    const p = (await t.admin.post('/api/v1/products', { sku: sku(), name: { sv: 'Golvlampa', en: 'Floor lamp' }, listPriceMinor: 229_000 })).json() as Product;
    const seller = await t.user('seller');
    expect((await seller.get(`/api/v1/products/${p.id}`)).statusCode).toBe(200);
    const refused = await seller.patch(`/api/v1/products/${p.id}`, { listPriceMinor: 1 });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().detail).toBe('Only an admin or a manager may do this.');
    expect((await seller.post('/api/v1/products', { sku: sku(), name: { sv: 'x', en: 'x' }, listPriceMinor: 1 })).statusCode).toBe(403);
    const manager = await t.user('manager');
    expect((await manager.patch(`/api/v1/products/${p.id}`, { listPriceMinor: 199_000 })).json().listPriceMinor).toBe(199_000);

    const bad = await t.admin.post('/api/v1/products', { sku: ' ', name: { sv: 'x', en: '' }, listPriceMinor: 12.5, vatRate: 0.123456 });
    expect(bad.statusCode).toBe(422);
    const fields = (bad.json().errors as { field: string; message: string }[]).map((e) => e.field).sort();
    expect(fields).toEqual(['body.listPriceMinor', 'body.name.en', 'body.sku', 'body.vatRate']);
    const sv = await t.admin.request('POST', '/api/v1/products', { sku: sku(), name: { sv: 'x', en: 'x' }, listPriceMinor: 1, vatRate: 2 }, { 'accept-language': 'sv' });
    expect(sv.json().errors[0].message).toBe('ska vara en andel från 0 till 1, t.ex. 0.25 för 25 %');
  });
});
