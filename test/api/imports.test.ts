/**
 * Imports through the API: upload, map, start, poll, rejects, duplicates, for
 * every entity, on both backends.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settleImports } from '../../src/app/imports.ts';
import { BACKENDS } from '../helpers/backends.ts';
import { startTestApp, type Client, type TestApp } from '../helpers/app.ts';

interface Job {
  id: string;
  status: string;
  created: boolean;
  encoding: string;
  separator: string;
  columns: { header: string; field: string | null }[];
  missing: string[];
  rowsRead: number;
  inserted: number;
  updated: number;
  duplicates: number;
  rejected: number;
  reasons: { kind: string; reason: string; count: number }[];
  error: string | null;
}

let serial = 0;
const tag = () => `imp${process.pid}x${++serial}`;

async function upload(c: Client, entity: string, content: string | Buffer, fileName = 'fil.csv') {
  return c.request('POST', `/api/v1/imports?entity=${entity}&fileName=${fileName}`, content, { 'content-type': 'text/csv' });
}

/** Uploads, starts with `start`, and waits for the job to end. */
async function importCsv(c: Client, entity: string, content: string | Buffer, start: Record<string, unknown> = {}): Promise<Job> {
  const up = await upload(c, entity, content);
  if (up.statusCode !== 201) throw new Error(`upload: ${up.statusCode} ${up.body}`);
  const id = (up.json() as Job).id;
  const started = await c.post(`/api/v1/imports/${id}/start`, start);
  if (started.statusCode !== 202) throw new Error(`start: ${started.statusCode} ${started.body}`);
  await settleImports();
  return (await c.get(`/api/v1/imports/${id}`)).json() as Job;
}

describe.each(BACKENDS)('imports through the API on %s', (backend) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(backend);
  });
  afterAll(async () => t.close());

  it('reads a Swedish Excel file (Windows-1252, semicolons), proposes the columns, and imports contacts with their companies', async () => {
    const k = tag();
    const file = Buffer.from(
      `Förnamn;Efternamn;E-post;Företag;Organisationsnummer\r\nÅsa;Öberg;asa.${k}@exempel.se;Åkes Bygg ${k} AB;556036-0793\r\n` +
        `Björn;Ärlig;bjorn.${k}@exempel.se;Åkes Bygg ${k} AB;556036-0793\r\nNils;Utan;nils.${k}@exempel.se;;\r\n`,
      'latin1',
    );
    const up = await upload(t.admin, 'contacts', file, 'kontakter.csv');
    expect(up.statusCode).toBe(201);
    const proposed = up.json() as Job;
    expect(proposed).toMatchObject({ status: 'uploaded', created: true, encoding: 'windows-1252', separator: ';', missing: [] });
    expect(proposed.columns).toEqual([
      { header: 'Förnamn', field: 'firstName' },
      { header: 'Efternamn', field: 'lastName' },
      { header: 'E-post', field: 'email' },
      { header: 'Företag', field: 'account' },
      { header: 'Organisationsnummer', field: 'accountOrgNumber' },
    ]);
    expect((await t.admin.post(`/api/v1/imports/${proposed.id}/start`, {})).statusCode).toBe(202);
    await settleImports();
    const done = (await t.admin.get(`/api/v1/imports/${proposed.id}`)).json() as Job;
    expect(done).toMatchObject({ status: 'done', rowsRead: 3, inserted: 3, duplicates: 0, rejected: 0 });

    const contacts = (await t.admin.get(`/api/v1/contacts?q=${encodeURIComponent('Åsa')}&limit=200`)).json().items as { name: string; email: string; accountId: string }[];
    const asa = contacts.find((x) => x.email === `asa.${k}@exempel.se`)!;
    expect(asa.name).toBe('Åsa Öberg');
    const account = (await t.admin.get(`/api/v1/accounts/${asa.accountId}`)).json();
    expect(account).toMatchObject({ name: `Åkes Bygg ${k} AB`, orgNumber: '556036-0793', kind: 'company' });
    // Both people of one company share its account; a contact without a company gets a private one.
    const ofAccount = (await t.admin.get(`/api/v1/accounts/${asa.accountId}/contacts`)).json().items as { name: string }[];
    expect(ofAccount.map((x) => x.name).sort()).toEqual(['Björn Ärlig', 'Åsa Öberg']);
    const nils = (await t.admin.get(`/api/v1/contacts?q=Nils&limit=200`)).json().items.find((x: { email: string }) => x.email === `nils.${k}@exempel.se`);
    expect((await t.admin.get(`/api/v1/accounts/${nils.accountId}`)).json()).toMatchObject({ kind: 'person', name: 'Nils Utan' });
  });

  it('keeps bad rows out with their line and reason, counts them by kind, and gives them back as CSV', async () => {
    const k = tag();
    const job = await importCsv(
      t.admin,
      'contacts',
      `Name,Email,Company\n"Anna, ${k}",anna.${k}@x.se,Firma ${k}\nBertil,inte-en-adress,Firma ${k}\n,tom.${k}@x.se,Firma ${k}\n"=HYPERLINK(""http://x"")",c.${k}@x.se,Firma ${k}\nCecilia,fel@,Firma ${k}\n`,
    );
    expect(job).toMatchObject({ status: 'done', rowsRead: 5, inserted: 2, rejected: 3 });
    // Two bad addresses are one kind of problem, whatever the addresses were.
    expect(job.reasons.map((r) => [r.kind, r.count])).toEqual([
      ['email: "…" is not an e-mail address', 2],
      ['"name" is missing (or give "firstName" or "lastName")', 1],
    ]);
    const rejects = await t.admin.get(`/api/v1/imports/${job.id}/rejects`);
    expect(rejects.statusCode).toBe(200);
    expect(rejects.headers['content-type']).toBe('text/csv; charset=utf-8');
    const lines = rejects.body.replace(/^\ufeff/, '').trim().split('\r\n');
    expect(lines).toEqual([
      'row,reason,Name,Email,Company',
      `3,"email: ""inte-en-adress"" is not an e-mail address",Bertil,inte-en-adress,Firma ${k}`,
      `4,"""name"" is missing (or give ""firstName"" or ""lastName"")",,tom.${k}@x.se,Firma ${k}`,
      `6,"email: ""fel@"" is not an e-mail address",Cecilia,fel@,Firma ${k}`,
    ]);

    // In Swedish when asked: the summary and the downloaded rows alike.
    const sv = { 'accept-language': 'sv' };
    const swedish = (await t.admin.request('GET', `/api/v1/imports/${job.id}`, undefined, sv)).json() as Job;
    expect(swedish.reasons.map((r) => [r.kind, r.count])).toEqual([
      ['email: "…" är ingen e-postadress', 2],
      ['"name" saknas (eller ange "firstName" eller "lastName")', 1],
    ]);
    const svLines = (await t.admin.request('GET', `/api/v1/imports/${job.id}/rejects`, undefined, sv)).body.replace(/^\ufeff/, '').trim().split('\r\n');
    expect(svLines[1]).toBe(`3,"email: ""inte-en-adress"" är ingen e-postadress",Bertil,inte-en-adress,Firma ${k}`);
  });

  it('skips or updates a contact that is already there, matching the e-mail whatever its case', async () => {
    const k = tag();
    await importCsv(t.admin, 'contacts', `Name,Email,Title\nCarin ${k},carin.${k}@x.se,Inköpare\n`);
    const skipped = await importCsv(t.admin, 'contacts', `Name,Email,Title\nCarin Ny ${k},CARIN.${k}@X.SE,Inköpschef\nDora ${k},dora.${k}@x.se,\nDora igen ${k},Dora.${k}@x.se,\n`);
    expect(skipped).toMatchObject({ inserted: 1, duplicates: 2, updated: 0 });
    const find = async () => (await t.admin.get(`/api/v1/contacts?q=${encodeURIComponent(`Carin`)}&limit=200`)).json().items.filter((x: { email: string }) => x.email.toLowerCase() === `carin.${k}@x.se`);
    expect((await find()).map((x: { title: string }) => x.title)).toEqual(['Inköpare']);
    const updated = await importCsv(t.admin, 'contacts', `Name,Email,Title\nCarin Ny ${k},CARIN.${k}@X.SE,Inköpschef\n`, { onDuplicate: 'update' });
    expect(updated).toMatchObject({ inserted: 0, duplicates: 1, updated: 1 });
    expect((await find()).map((x: { name: string; title: string }) => [x.name, x.title])).toEqual([[`Carin Ny ${k}`, 'Inköpschef']]);
  });

  it('matches accounts on organisation number, else on name the Swedish way', async () => {
    const k = tag();
    const first = await importCsv(t.admin, 'accounts', `Namn;Organisationsnummer;Webbplats\nÖstra Verken ${k} AB;556677-8899;ostra.se\nVästra ${k};;\n`);
    expect(first).toMatchObject({ inserted: 2, rejected: 0 });
    const again = await importCsv(t.admin, 'accounts', `Namn;Organisationsnummer\nNytt Namn ${k};5566778899\nVÄSTRA ${k};\nNorra ${k};123\n`, { onDuplicate: 'update' });
    expect(again).toMatchObject({ inserted: 0, duplicates: 2, updated: 2, rejected: 1 });
    expect(again.reasons[0]!.reason).toMatch(/123/);
    const list = (await t.admin.get(`/api/v1/accounts?q=${encodeURIComponent('Nytt Namn')}`)).json().items as { name: string; orgNumber: string; website: string }[];
    expect(list.filter((a) => a.name === `Nytt Namn ${k}`)).toEqual([expect.objectContaining({ orgNumber: '556677-8899', website: 'https://ostra.se' })]);
  });

  it('imports orders with Swedish dates and amounts, making the customers it does not know, once per order number', async () => {
    const k = tag();
    const job = await importCsv(
      t.admin,
      'orders',
      `Kund;Orderdatum;Produkt;Antal;Belopp;Ordernummer\nKund ${k};5/3 2024;Armatur;2;1 234,50;O-${k}-1\nKund ${k};2024-03-06;Lampa;1;99;O-${k}-2\nKund ${k};2024-03-06;Lampa;1;99;O-${k}-2\nKund ${k};31/02/2024;Lampa;1;99;O-${k}-3\n`,
    );
    expect(job).toMatchObject({ inserted: 2, duplicates: 1, rejected: 1 });
    const orders = await t.ctx.store.db.selectFrom('orders').innerJoin('accounts', (j) => j.onRef('accounts.id', '=', 'orders.account_id').onRef('accounts.org_id', '=', 'orders.org_id'))
      .select(['orders.ordered_at', 'orders.amount_minor', 'orders.quantity', 'orders.product', 'orders.currency', 'accounts.name'])
      .where('orders.external_id', 'like', `O-${k}-%`).orderBy('orders.ordered_at').execute();
    expect(orders).toEqual([
      { ordered_at: '2024-03-05', amount_minor: 123450, quantity: 2, product: 'Armatur', currency: 'SEK', name: `Kund ${k}` },
      { ordered_at: '2024-03-06', amount_minor: 9900, quantity: 1, product: 'Lampa', currency: 'SEK', name: `Kund ${k}` },
    ]);
  });

  it('puts interaction history on the journey it names, starting the journey when there is none, and shows it on its timeline', async () => {
    const k = tag();
    const account = (await t.admin.post('/api/v1/accounts', { kind: 'company', name: `Historik ${k} AB` })).json();
    await t.admin.post(`/api/v1/accounts/${account.id}/contacts`, { name: 'Eva Ek', email: `eva.${k}@x.se` });
    const job = await importCsv(
      t.admin,
      'interactions',
      `Företag;Affär;Kontakt e-post;Kanal;Riktning;Datum;Sammanfattning\nHistorik ${k} AB;Nytt lager;EVA.${k}@x.se;möte;ut;2024-02-01 10:00;Genomgång av behovet\nHistorik ${k} AB;Nytt lager;;telefon;in;2024-02-03;Kunden ringde om priset\n`,
      { columns: { 'Kontakt e-post': 'contactEmail' } },
    );
    expect(job).toMatchObject({ status: 'done', inserted: 2, rejected: 0 });
    const journeys = (await t.admin.get(`/api/v1/journeys?accountId=${account.id}`)).json().items as { id: string; title: string; stage: string }[];
    expect(journeys.map((j) => [j.title, j.stage])).toEqual([['Nytt lager', 'need']]);
    const timeline = (await t.admin.get(`/api/v1/journeys/${journeys[0]!.id}/timeline`)).json().items as { kind: string; data: { summary: string; channel: string; direction: string; contactIds: string[] } }[];
    const touches = timeline.filter((e) => e.kind === 'interaction').map((e) => [e.data.summary, e.data.channel, e.data.direction, e.data.contactIds.length]);
    expect(touches).toEqual([
      ['Kunden ringde om priset', 'call', 'inbound', 0],
      ['Genomgång av behovet', 'meeting', 'outbound', 1],
    ]);
  });

  it('gives back the earlier job for the same file, and refuses what cannot be imported with a clear problem', async () => {
    const k = tag();
    const csv = `Name,Email\nSame ${k},same.${k}@x.se\n`;
    const job = await importCsv(t.admin, 'contacts', csv);
    const again = await upload(t.admin, 'contacts', csv);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ id: job.id, status: 'done', created: false, inserted: 1 });
    expect((await t.admin.post(`/api/v1/imports/${job.id}/start`, {})).statusCode).toBe(409);

    const noName = await upload(t.admin, 'accounts', `Webbplats\nhttps://a-${k}.se\n`);
    expect(noName.json().missing).toEqual(['name']);
    const refused = await t.admin.post(`/api/v1/imports/${noName.json().id}/start`, {});
    expect(refused.statusCode).toBe(422);
    expect(refused.json().errors[0]).toMatchObject({ field: 'body.columns' });
    const swedish = await t.admin.request('POST', `/api/v1/imports/${noName.json().id}/start`, {}, { 'accept-language': 'sv' });
    expect(swedish.json().errors[0].message).toBe('Ingen kolumn fyller "name", som konton behöver; koppla en kolumn dit (fält: name, kind, orgNumber, website).');
    const unknownField = await t.admin.post(`/api/v1/imports/${noName.json().id}/start`, { columns: { Webbplats: 'homepage' } });
    expect(unknownField.statusCode).toBe(422);
    expect(unknownField.json().errors[0].message).toMatch(/homepage/);

    const empty = await upload(t.admin, 'contacts', '');
    expect([400, 422]).toContain(empty.statusCode);
    expect(empty.headers['content-type']).toContain('application/problem+json');
    const json = await t.admin.request('POST', '/api/v1/imports?entity=contacts', { a: 1 });
    expect(json.statusCode).toBe(415);
    const badEntity = await upload(t.admin, 'ships', csv);
    expect(badEntity.statusCode).toBe(422);
    expect(badEntity.json().errors[0].field).toBe('query.entity');
  });

  it('lets only admins import', async () => {
    const seller = await t.user('seller');
    const res = await upload(seller, 'contacts', `Name\nX ${tag()}\n`);
    expect(res.statusCode).toBe(403);
    expect((await seller.get('/api/v1/imports')).statusCode).toBe(403);
  });
});
