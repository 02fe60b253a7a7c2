/**
 * Export, then import into a new org: the same data comes back. Every entity
 * that can be imported, through the real API, on both backends.
 */
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/app/context.ts';
import { settleImports } from '../../src/app/imports.ts';
import { BACKENDS } from '../helpers/backends.ts';
import { startTestApp, type Client, type TestApp } from '../helpers/app.ts';

type Row = Record<string, string>;
const ENTITIES = ['accounts', 'contacts', 'orders', 'interactions'] as const;
/** Columns that name this org's rows (ids, times of creation): the rest must come back as they were. */
const OWN = new Set(['id', 'createdAt']);

async function exported(c: Client, entity: string): Promise<{ csv: string; rows: Row[] }> {
  const res = await c.get(`/api/v1/exports/${entity}`);
  expect(res.statusCode, res.body).toBe(200);
  return { csv: res.body, rows: parse(res.body, { bom: true, columns: true }) as Row[] };
}

/** The rows without this org's own columns, in one order whatever the ids. */
const comparable = (rows: Row[]) =>
  rows.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !OWN.has(k)))).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

async function importCsv(c: Client, entity: string, csv: string) {
  const up = await c.request('POST', `/api/v1/imports?entity=${entity}&fileName=${entity}.csv`, csv, { 'content-type': 'text/csv' });
  expect(up.statusCode, up.body).toBe(201);
  expect(up.json().missing).toEqual([]);
  expect((await c.post(`/api/v1/imports/${up.json().id}/start`, {})).statusCode).toBe(202);
  await settleImports();
  return (await c.get(`/api/v1/imports/${up.json().id}`)).json() as { status: string; rejected: number; inserted: number; error: string | null };
}

describe.each(BACKENDS)('export, then import into a new org, on %s', (backend) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(backend);
  });
  afterAll(async () => t.close());

  it('gives back the same accounts, contacts, orders and interactions', async () => {
    const a = await t.otherOrg();
    const post = async (url: string, body: unknown) => {
      const res = await a.post(url, body);
      if (res.statusCode !== 201) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
      return res.json() as { id: string };
    };
    // Accounts: with and without an org number, a person, text a spreadsheet would run.
    const verken = await post('/api/v1/accounts', { kind: 'company', name: 'Östra Verken AB', orgNumber: '556036-0793', website: 'https://ostra.example' });
    const formula = await post('/api/v1/accounts', { kind: 'company', name: '=HYPERLINK("http://x")' });
    const person = await post('/api/v1/accounts', { kind: 'person', name: 'Åsa Öberg' });
    const karin = await post(`/api/v1/accounts/${verken.id}/contacts`, { name: 'Karin Köpare', email: 'Karin.Kopare@Ostra.example', phone: '+46 70 174 06 05', title: 'Inköpschef', buyingRole: 'economic_buyer' });
    await post(`/api/v1/accounts/${formula.id}/contacts`, { name: '-Minus Person', email: 'minus@x.example', buyingRole: 'champion' });
    await post(`/api/v1/accounts/${person.id}/contacts`, { name: 'Åsa Öberg', title: 'Line 1\nLine 2, "quoted"' });
    // A journey with touches for the interactions.
    const journey = await post('/api/v1/journeys', { accountId: verken.id, title: 'Nytt lager, etapp 2' });
    await post(`/api/v1/journeys/${journey.id}/interactions`, {
      channel: 'meeting', direction: 'outbound', occurredAt: '2026-11-02T09:30:00Z', summary: 'Genomgång: "flödet" i lagret', contactIds: [karin.id], purpose: { why: 'Förstå behovet' },
    });
    await post(`/api/v1/journeys/${journey.id}/interactions`, { channel: 'call', direction: 'inbound', occurredAt: '2026-11-03T14:00:00Z', summary: 'Kunden ringde om priset', contactIds: [] });
    // Orders have no API yet: as history would be, straight into the table.
    const now = new Date().toISOString();
    await t.ctx.store.db
      .insertInto('orders')
      .values([
        { org_id: a.orgId, id: newId(), account_id: verken.id, ordered_at: '2025-03-05', product: 'Armatur, LED', quantity: 2, amount_minor: 123450, currency: 'SEK', external_id: 'O-1', import_id: null, created_at: now, updated_at: now },
        { org_id: a.orgId, id: newId(), account_id: person.id, ordered_at: '2025-04-01T10:00:00.000Z', product: null, quantity: 1.5, amount_minor: -4500, currency: 'EUR', external_id: null, import_id: null, created_at: now, updated_at: now },
      ])
      .execute();

    const before = Object.fromEntries(await Promise.all(ENTITIES.map(async (e) => [e, await exported(a, e)] as const)));
    expect(Object.fromEntries(ENTITIES.map((e) => [e, before[e]!.rows.length]))).toEqual({ accounts: 3, contacts: 3, orders: 2, interactions: 2 });
    expect(before.accounts!.csv).toContain("'=HYPERLINK");

    const b = await t.otherOrg();
    for (const entity of ENTITIES) {
      const job = await importCsv(b, entity, before[entity]!.csv);
      expect(job, entity).toMatchObject({ status: 'done', rejected: 0, error: null });
    }
    for (const entity of ENTITIES) {
      const after = await exported(b, entity);
      expect(comparable(after.rows), entity).toEqual(comparable(before[entity]!.rows));
    }
  });
});
