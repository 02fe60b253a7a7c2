/** Orders through the API: what an account bought, entered or imported, on both backends. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settleImports } from '../../src/app/imports.ts';
import { BACKENDS } from '../helpers/backends.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';

interface Order {
  id: string;
  accountId: string;
  orderedAt: string;
  product: string | null;
  quantity: number;
  amountMinor: number;
  currency: string;
  externalId: string | null;
  imported: boolean;
}

let serial = 0;
const tag = () => `ord${process.pid}x${++serial}`;

describe.each(BACKENDS)('orders on %s', (backend) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(backend);
  });
  afterAll(async () => t.close());

  const account = async () => (await t.admin.post('/api/v1/accounts', { kind: 'company', name: `Kund ${tag()} AB` })).json() as { id: string };

  it('records a purchase, reads it back, changes it and deletes it', async () => {
    const a = await account();
    const created = await t.admin.post('/api/v1/orders', { accountId: a.id, orderedAt: '2025-03-05', product: ' Armatur ', quantity: 2, amountMinor: 123_450 });
    expect(created.statusCode).toBe(201);
    const order = created.json() as Order;
    expect(order).toMatchObject({ accountId: a.id, orderedAt: '2025-03-05', product: 'Armatur', quantity: 2, amountMinor: 123_450, currency: 'SEK', externalId: null, imported: false });
    expect((await t.admin.get(`/api/v1/orders/${order.id}`)).json()).toEqual(order);

    const changed = await t.admin.patch(`/api/v1/orders/${order.id}`, { orderedAt: '2025-03-06T11:00:00+01:00', amountMinor: -4_500, currency: 'EUR', quantity: 1.5 });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ orderedAt: '2025-03-06T10:00:00.000Z', amountMinor: -4_500, currency: 'EUR', quantity: 1.5, product: 'Armatur' });

    const audit = (await t.admin.get(`/api/v1/audit?entity=order&entityId=${order.id}`)).json().items as { action: string }[];
    expect(audit.map((e) => e.action).sort()).toEqual(['order.create', 'order.update']);

    expect((await t.admin.del(`/api/v1/orders/${order.id}`)).statusCode).toBe(204);
    expect((await t.admin.get(`/api/v1/orders/${order.id}`)).statusCode).toBe(404);
  });

  it("lists an account's orders latest purchase first, page by page, imported ones too", async () => {
    const a = await account();
    const name = ((await t.admin.get(`/api/v1/accounts/${a.id}`)).json() as { name: string }).name;
    for (const day of ['2025-01-10', '2025-03-01', '2024-12-24']) await t.admin.post('/api/v1/orders', { accountId: a.id, orderedAt: day, amountMinor: 1000 });
    const csv = `Kund;Orderdatum;Belopp\n${name};2025-02-14;2 500,00\n`;
    const up = await t.admin.request('POST', '/api/v1/imports?entity=orders&fileName=ordrar.csv', csv, { 'content-type': 'text/csv' });
    await t.admin.post(`/api/v1/imports/${up.json().id}/start`, {});
    await settleImports();

    const seen: Order[] = [];
    let cursor: string | null = null;
    do {
      const page = (await t.admin.get(`/api/v1/orders?accountId=${a.id}&limit=3${cursor ? `&cursor=${cursor}` : ''}`)).json() as { items: Order[]; nextCursor: string | null };
      seen.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.map((o) => [o.orderedAt, o.imported])).toEqual([
      ['2025-03-01', false],
      ['2025-02-14', true],
      ['2025-01-10', false],
      ['2024-12-24', false],
    ]);
    expect(seen[1]!.amountMinor).toBe(250_000);
  });

  it('keeps order numbers unique, and refuses what is not an order with the field named', async () => {
    const a = await account();
    const number = `O-${tag()}`;
    expect((await t.admin.post('/api/v1/orders', { accountId: a.id, orderedAt: '2025-03-05', amountMinor: 100, externalId: number })).statusCode).toBe(201);
    const twice = await t.admin.post('/api/v1/orders', { accountId: a.id, orderedAt: '2025-03-06', amountMinor: 100, externalId: number });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().detail).toContain(number);

    const bad = await t.admin.request('POST', '/api/v1/orders', { accountId: a.id, orderedAt: '2025-02-30', amountMinor: 1.5, quantity: 0 }, { 'accept-language': 'sv' });
    expect(bad.statusCode).toBe(422);
    const fields = Object.fromEntries((bad.json().errors as { field: string; message: string }[]).map((e) => [e.field, e.message]));
    expect(Object.keys(fields).sort()).toEqual(['body.amountMinor', 'body.orderedAt', 'body.quantity']);
    expect(fields['body.quantity']).toBe('måste vara större än 0');
    const noAccount = await t.admin.post('/api/v1/orders', { accountId: 'nope', orderedAt: '2025-03-05', amountMinor: 100 });
    expect(noAccount.json().errors[0].field).toBe('body.accountId');
  });

  it('lets a seller record an order, but only an admin or a manager delete one', async () => {
    const a = await account();
    const seller = await t.user('seller');
    const created = await seller.post('/api/v1/orders', { accountId: a.id, orderedAt: '2025-03-05', amountMinor: 100 });
    expect(created.statusCode).toBe(201);
    expect((await seller.del(`/api/v1/orders/${created.json().id}`)).statusCode).toBe(403);
    const manager = await t.user('manager');
    expect((await manager.del(`/api/v1/orders/${created.json().id}`)).statusCode).toBe(204);
  });
});
