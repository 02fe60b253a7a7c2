/**
 * GET /api/v1/exports/{entity}: what an admin downloads, in CSV and JSON Lines, on both backends.
 * Orders have no API yet, so they are inserted with Kysely.
 */
import { parse } from 'csv-parse/sync';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/app/context.ts';
import { EXPORT_COLUMNS } from '../../src/app/exports.ts';
import { BACKENDS } from '../helpers/backends.ts';
import { startTestApp, type Client, type TestApp } from '../helpers/app.ts';

const FORMULA = '=HYPERLINK("http://x")';

type Row = Record<string, string>;

/** The CSV body as records keyed by the header, after checking the BOM. */
function csvRows(res: LightMyRequestResponse): Row[] {
  expect(res.statusCode, res.body).toBe(200);
  expect(res.body.startsWith('\ufeff')).toBe(true);
  return parse(res.body, { bom: true, columns: true }) as Row[];
}

function csvHeader(res: LightMyRequestResponse): string[] {
  return (parse(res.body, { bom: true, to_line: 1 }) as string[][])[0] ?? [];
}

function jsonlRows(res: LightMyRequestResponse): Record<string, unknown>[] {
  expect(res.statusCode, res.body).toBe(200);
  expect(res.body.endsWith('\n')).toBe(true);
  return res.body.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
}

async function created(res: Promise<LightMyRequestResponse>): Promise<{ id: string }> {
  const r = await res;
  if (r.statusCode !== 201) throw new Error(`${r.statusCode} ${r.body}`);
  return r.json() as { id: string };
}

describe.each(BACKENDS)('exports on %s', (backend) => {
  let t: TestApp;
  let c: Client;
  let adminEmail: string;
  const ids: Record<string, string> = {};

  const insertOrder = async (orgId: string, accountId: string, over: { amount_minor: number; quantity: number; product: string | null; external_id: string | null; ordered_at: string }) => {
    const id = newId();
    const at = t.clock.now().toISOString();
    await t.ctx.store.db.insertInto('orders').values({ org_id: orgId, id, account_id: accountId, currency: 'SEK', import_id: null, created_at: at, updated_at: at, ...over }).execute();
    return id;
  };

  beforeAll(async () => {
    t = await startTestApp(backend);
    c = t.admin;
    adminEmail = (await c.get('/api/v1/me')).json().user.email;
    const formulaCo = await created(c.post('/api/v1/accounts', { name: FORMULA, orgNumber: '5560360793', website: 'https://verktyg.example.se' }));
    const person = await created(c.post('/api/v1/accounts', { kind: 'person', name: 'Eva Enskild' }));
    ids.formulaCo = formulaCo.id;
    ids.person = person.id;
    ids.anna = (await created(c.post(`/api/v1/accounts/${formulaCo.id}/contacts`, { name: 'Anna Öberg', email: 'Anna@Verktyg.example.se', phone: '+46 70 123 45 67', title: FORMULA, buyingRole: 'decision_maker' }))).id;
    ids.bo = (await created(c.post(`/api/v1/accounts/${person.id}/contacts`, { name: 'Bo Ek' }))).id;
    const journey = await created(c.post('/api/v1/journeys', { accountId: formulaCo.id, title: 'Nytt lagersystem', valueMinor: 12_500_050 }));
    ids.journey = journey.id;
    const concern = await created(c.post(`/api/v1/journeys/${journey.id}/concerns`, { topic: 'price', text: 'Dyrare än idag?' }));
    const touch = (body: Record<string, unknown>) => created(c.post(`/api/v1/journeys/${journey.id}/interactions`, { channel: 'call', occurredAt: '2026-11-28T10:00:00Z', ...body }));
    ids.why = (await touch({ direction: 'outbound', summary: 'Ringde om priset', contactIds: [ids.bo, ids.anna], purpose: { why: '-10 % om de bestämmer sig nu' } })).id;
    ids.criterion = (await touch({ direction: 'outbound', channel: 'email', summary: 'Skickade kravlistan', purpose: { criterion: 'problem_described' } })).id;
    ids.concern = (await touch({ direction: 'inbound', summary: 'De frågade om priset', purpose: { concernId: concern.id } })).id;
    ids.refund = await insertOrder(c.orgId, formulaCo.id, { amount_minor: -4500, quantity: 1, product: 'Återbetalning', external_id: 'K-1', ordered_at: '2026-11-02' });
    ids.sale = await insertOrder(c.orgId, formulaCo.id, { amount_minor: 123_450, quantity: 2.5, product: '@Hyllsystem', external_id: null, ordered_at: '2026-11-01T13:45:00.000Z' });
  });
  afterAll(async () => t.close());

  it('accounts: CSV with the import’s headers and formulas neutralised; JSON Lines with the text as it is', async () => {
    const res = await c.get('/api/v1/exports/accounts?format=csv');
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="h2h-accounts-2026-11-29.csv"');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(csvHeader(res)).toEqual(['id', 'name', 'kind', 'orgNumber', 'website', 'createdAt']);
    const rows = csvRows(res);
    expect(rows).toEqual([
      { id: ids.formulaCo, name: `'${FORMULA}`, kind: 'company', orgNumber: '556036-0793', website: 'https://verktyg.example.se', createdAt: '2026-11-29T09:00:00.000Z' },
      { id: ids.person, name: 'Eva Enskild', kind: 'person', orgNumber: '', website: '', createdAt: '2026-11-29T09:00:00.000Z' },
    ]);
    // the default format is CSV
    expect((await c.get('/api/v1/exports/accounts')).body).toBe(res.body);

    const jsonl = await c.get('/api/v1/exports/accounts?format=jsonl');
    expect(jsonl.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
    expect(jsonl.headers['content-disposition']).toBe('attachment; filename="h2h-accounts-2026-11-29.jsonl"');
    expect(jsonlRows(jsonl)).toEqual([
      { id: ids.formulaCo, name: FORMULA, kind: 'company', orgNumber: '556036-0793', website: 'https://verktyg.example.se', createdAt: '2026-11-29T09:00:00.000Z' },
      { id: ids.person, name: 'Eva Enskild', kind: 'person', orgNumber: null, website: null, createdAt: '2026-11-29T09:00:00.000Z' },
    ]);
  });

  it('contacts: each with its account’s name and org number', async () => {
    const csv = await c.get('/api/v1/exports/contacts?format=csv');
    expect(csvHeader(csv)).toEqual([...EXPORT_COLUMNS.contacts]);
    const byName = new Map(csvRows(csv).map((r) => [r.name, r]));
    expect(byName.get('Anna Öberg')).toEqual({
      id: ids.anna, name: 'Anna Öberg', email: 'Anna@Verktyg.example.se', phone: "'+46 70 123 45 67", title: `'${FORMULA}`,
      buyingRole: 'decision_maker', account: `'${FORMULA}`, accountOrgNumber: '556036-0793', createdAt: '2026-11-29T09:00:00.000Z',
    });
    expect(byName.get('Bo Ek')).toMatchObject({ email: '', phone: '', title: '', buyingRole: 'unknown', account: 'Eva Enskild', accountOrgNumber: '' });
    const anna = jsonlRows(await c.get('/api/v1/exports/contacts?format=jsonl')).find((r) => r.id === ids.anna);
    expect(anna).toMatchObject({ phone: '+46 70 123 45 67', title: FORMULA, account: FORMULA, email: 'Anna@Verktyg.example.se' });
  });

  it('orders: amounts exact in major units, a refund negative and not neutralised, quantities as numbers', async () => {
    const csv = await c.get('/api/v1/exports/orders?format=csv');
    expect(csvHeader(csv)).toEqual([...EXPORT_COLUMNS.orders]);
    expect(csvRows(csv)).toEqual([
      { id: ids.refund, account: `'${FORMULA}`, accountOrgNumber: '556036-0793', orderedAt: '2026-11-02', product: 'Återbetalning', quantity: '1', amount: '-45.00', currency: 'SEK', externalId: 'K-1' },
      { id: ids.sale, account: `'${FORMULA}`, accountOrgNumber: '556036-0793', orderedAt: '2026-11-01T13:45:00.000Z', product: "'@Hyllsystem", quantity: '2.5', amount: '1234.50', currency: 'SEK', externalId: '' },
    ]);
    expect(csv.body).toContain(',-45.00,');
    expect(jsonlRows(await c.get('/api/v1/exports/orders?format=jsonl'))).toEqual([
      { id: ids.refund, account: FORMULA, accountOrgNumber: '556036-0793', orderedAt: '2026-11-02', product: 'Återbetalning', quantity: 1, amount: '-45.00', currency: 'SEK', externalId: 'K-1' },
      { id: ids.sale, account: FORMULA, accountOrgNumber: '556036-0793', orderedAt: '2026-11-01T13:45:00.000Z', product: '@Hyllsystem', quantity: 2.5, amount: '1234.50', currency: 'SEK', externalId: null },
    ]);
  });

  it('interactions: journey, account, the first contact with an e-mail, and what each touch was for', async () => {
    const rows = jsonlRows(await c.get('/api/v1/exports/interactions?format=jsonl'));
    const common = { account: FORMULA, accountOrgNumber: '556036-0793', journey: 'Nytt lagersystem', occurredAt: '2026-11-28T10:00:00.000Z' };
    expect(rows).toEqual([
      { id: ids.why, ...common, contactEmail: 'Anna@Verktyg.example.se', channel: 'call', direction: 'outbound', summary: 'Ringde om priset', purpose: '-10 % om de bestämmer sig nu' },
      { id: ids.criterion, ...common, contactEmail: null, channel: 'email', direction: 'outbound', summary: 'Skickade kravlistan', purpose: 'problem_described' },
      { id: ids.concern, ...common, contactEmail: null, channel: 'call', direction: 'inbound', summary: 'De frågade om priset', purpose: 'Dyrare än idag?' },
    ]);
    const csv = await c.get('/api/v1/exports/interactions?format=csv');
    expect(csvHeader(csv)).toEqual([...EXPORT_COLUMNS.interactions]);
    expect(csvRows(csv).map((r) => [r.purpose, r.account])).toEqual([
      ["'-10 % om de bestämmer sig nu", `'${FORMULA}`],
      ['problem_described', `'${FORMULA}`],
      ['Dyrare än idag?', `'${FORMULA}`],
    ]);
  });

  it('journeys: process, stage, owner’s e-mail and value in major units', async () => {
    const csv = await c.get('/api/v1/exports/journeys?format=csv');
    expect(csvHeader(csv)).toEqual([...EXPORT_COLUMNS.journeys]);
    expect(csvRows(csv)).toEqual([
      {
        id: ids.journey, account: `'${FORMULA}`, accountOrgNumber: '556036-0793', title: 'Nytt lagersystem', process: 'b2b', stage: 'need', status: 'open',
        owner: adminEmail, value: '125000.50', currency: 'SEK', createdAt: '2026-11-29T09:00:00.000Z', closedAt: '',
      },
    ]);
    expect(jsonlRows(await c.get('/api/v1/exports/journeys?format=jsonl'))[0]).toMatchObject({ value: '125000.50', closedAt: null, owner: adminEmail });
  });

  it('never shows another org’s rows, and another org’s export holds only its own', async () => {
    const other = await t.otherOrg();
    const secret = await created(other.post('/api/v1/accounts', { name: 'Hemlig Kund AB' }));
    await created(other.post(`/api/v1/accounts/${secret.id}/contacts`, { name: 'Hemlig Person', email: 'hemlig@kund.example' }));
    await insertOrder(other.orgId, secret.id, { amount_minor: 999, quantity: 1, product: 'Hemlig vara', external_id: 'K-1', ordered_at: '2026-11-03' });
    for (const entity of ['accounts', 'contacts', 'orders', 'interactions', 'journeys']) {
      for (const format of ['csv', 'jsonl']) {
        const body = (await c.get(`/api/v1/exports/${entity}?format=${format}`)).body;
        expect(body, `${entity}.${format}`).not.toContain('Hemlig');
        expect(body, `${entity}.${format}`).not.toContain(secret.id);
      }
    }
    expect(jsonlRows(await other.get('/api/v1/exports/accounts?format=jsonl')).map((r) => r.name)).toEqual(['Hemlig Kund AB']);
    expect(jsonlRows(await other.get('/api/v1/exports/orders?format=jsonl')).map((r) => r.product)).toEqual(['Hemlig vara']);
  });

  it('is for admins only: a seller and a manager get 403 problem+json, and no file', async () => {
    for (const role of ['seller', 'manager'] as const) {
      const u = await t.user(role);
      for (const format of ['csv', 'jsonl']) {
        const res = await u.get(`/api/v1/exports/contacts?format=${format}`);
        expect(res.statusCode).toBe(403);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(res.headers['content-disposition']).toBeUndefined();
        expect(res.json().type).toBe('/api/problems/forbidden');
      }
    }
  });

  it('answers 404 for an entity it does not export, 422 for an unknown format, 401 without sign-in', async () => {
    for (const url of ['/api/v1/exports/users', '/api/v1/exports/contacts.csv', '/api/v1/exports/audit?format=csv']) {
      const res = await c.get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.json().type).toBe('/api/problems/not_found');
    }
    const xml = await c.get('/api/v1/exports/contacts?format=xml');
    expect(xml.statusCode).toBe(422);
    expect(xml.json().errors).toEqual([expect.objectContaining({ field: 'query.format' })]);
    const anon = await t.app.inject({ method: 'GET', url: '/api/v1/exports/contacts' });
    expect(anon.statusCode).toBe(401);
  });

  it('streams 5,000 contacts across several pages, each once, in a file that arrives in chunks', async () => {
    const big = await t.otherOrg();
    const account = await created(big.post('/api/v1/accounts', { name: 'Storkund AB' }));
    const at = t.clock.now().toISOString();
    const made: string[] = [];
    for (let batch = 0; batch < 5; batch++) {
      const rows = Array.from({ length: 1000 }, (_, i) => {
        const n = batch * 1000 + i;
        const id = newId();
        made.push(id);
        return { org_id: big.orgId, id, account_id: account.id, name: `Kontakt ${n}`, name_key: `kontakt ${n}`, email: `k${n}@storkund.example`, email_key: `k${n}@storkund.example`, phone: null, title: n % 2 ? '=1+1' : null, buying_role: 'user', created_at: at, updated_at: at };
      });
      await t.ctx.store.db.insertInto('contacts').values(rows).execute();
    }
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/exports/contacts?format=csv', headers: { authorization: `Bearer ${big.token}` }, payloadAsStream: true });
    expect(res.statusCode).toBe(200);
    let body = '';
    let chunks = 0;
    for await (const chunk of res.stream()) {
      body += String(chunk);
      chunks++;
    }
    expect(chunks).toBeGreaterThan(1);
    const rows = parse(body, { bom: true, columns: true }) as Row[];
    expect(rows).toHaveLength(5000);
    expect(rows.map((r) => r.id)).toEqual([...made].sort());
    expect(rows.filter((r) => r.title === "'=1+1")).toHaveLength(2500);
    expect(new Set(rows.map((r) => r.email)).size).toBe(5000);
  });
});
