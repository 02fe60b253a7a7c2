import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor, AppContext } from '../../src/app/context.ts';
import { listJourneys } from '../../src/app/journeys.ts';
import { today } from '../../src/app/today.ts';
import { BACKENDS } from '../helpers/backends.ts';
import { makeJourney, startTestApp, type Client, type TestApp } from '../helpers/app.ts';

interface Card {
  id: string;
  title: string;
  accountId: string;
  accountName: string;
  stage: string;
  readiness: { met: number; total: number };
  openConcerns: number;
  blockingConcerns: number;
  lastInteractionAt: string | null;
}
interface CardPage {
  items: Card[];
  nextCursor: string | null;
}

/** A word no other test in the file uses, so text searches see only this test's journeys. */
let serial = 0;
const unique = () => `zq${process.pid}x${++serial}`;

async function journeyOn(c: Client, accountName: string, title: string): Promise<{ id: string; accountId: string }> {
  const account = await c.post('/api/v1/accounts', { name: accountName });
  expect(account.statusCode).toBe(201);
  const res = await c.post('/api/v1/journeys', { accountId: account.json().id, title });
  expect(res.statusCode).toBe(201);
  return res.json();
}

/** Counts the queries a context builds (a sub-select counts too: Kysely hands it to plugins on its own). */
function counting(ctx: AppContext): { ctx: AppContext; queries: () => number } {
  let n = 0;
  const plugin: KyselyPlugin = {
    transformQuery: (args: PluginTransformQueryArgs): RootOperationNode => (n++, args.node),
    transformResult: async (args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> => args.result,
  };
  return { ctx: { ...ctx, store: { ...ctx.store, db: ctx.store.db.withPlugin(plugin) } }, queries: () => n };
}

describe.each(BACKENDS)('the board on %s', (backend) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(backend);
  });
  afterAll(async () => t.close());

  const card = async (id: string, c: Client = t.admin): Promise<Card> => {
    const page = (await c.get(`/api/v1/journeys?limit=200`)).json() as CardPage;
    const found = page.items.find((i) => i.id === id);
    if (!found) throw new Error(`journey ${id} is not on the first page`);
    return found;
  };

  it('shows the account name, readiness, concerns and the last interaction on each card', async () => {
    const j = await makeJourney(t.admin);
    const account = (await t.admin.get(`/api/v1/accounts/${j.accountId}`)).json();
    expect(await card(j.id)).toMatchObject({ accountName: account.name, readiness: { met: 0, total: 2 }, openConcerns: 0, blockingConcerns: 0, lastInteractionAt: null });

    await t.admin.post(`/api/v1/journeys/${j.id}/criteria/problem_described`, { evidence: 'Möte 4 nov' });
    for (const occurredAt of ['2026-11-20T10:00:00+01:00', '2026-11-25T08:30:00Z', '2026-11-22T12:00:00Z']) {
      const res = await t.admin.post(`/api/v1/journeys/${j.id}/interactions`, { channel: 'call', direction: 'inbound', occurredAt, summary: 'Ringde' });
      expect(res.statusCode).toBe(201);
    }
    expect(await card(j.id)).toMatchObject({ readiness: { met: 1, total: 2 }, lastInteractionAt: '2026-11-25T08:30:00.000Z' });
  });

  it('counts derived criteria, open and blocking concerns the way the journey page does', async () => {
    const j = await makeJourney(t.admin);
    for (const stage of ['need', 'explore']) await t.admin.post(`/api/v1/journeys/${j.id}/advance`, { overrideReason: `test: skip ${stage}` });
    // evaluate: fit_shown, alternatives_known and the derived concerns_answered
    expect(await card(j.id)).toMatchObject({ stage: 'evaluate', readiness: { met: 1, total: 3 }, openConcerns: 0, blockingConcerns: 0 });

    const blocking = (await t.admin.post(`/api/v1/journeys/${j.id}/concerns`, { topic: 'risk', text: 'Klarar det vår toppsäsong?', blocking: true })).json();
    await t.admin.post(`/api/v1/journeys/${j.id}/concerns`, { topic: 'price', text: 'Dyrare än idag?' });
    expect(await card(j.id)).toMatchObject({ readiness: { met: 0, total: 3 }, openConcerns: 2, blockingConcerns: 1 });

    // answered but not accepted: no longer open, still blocking
    await t.admin.post(`/api/v1/journeys/${j.id}/concerns/${blocking.id}/answer`, { answer: 'Ja, vi lasttestade 3× er volym' });
    expect(await card(j.id)).toMatchObject({ openConcerns: 1, blockingConcerns: 1 });
    await t.admin.post(`/api/v1/journeys/${j.id}/concerns/${blocking.id}/accept`);
    expect(await card(j.id)).toMatchObject({ openConcerns: 1, blockingConcerns: 0 });

    // every card agrees with its journey page
    const page = (await t.admin.get('/api/v1/journeys?limit=200')).json() as CardPage;
    for (const c of page.items) {
      const full = (await t.admin.get(`/api/v1/journeys/${c.id}`)).json();
      expect(c.readiness).toEqual(full.readiness);
      expect(c.openConcerns).toBe(full.concerns.filter((x: { status: string }) => x.status === 'open').length);
    }
  });

  it('finds journeys by title or account name, the Swedish way, as a substring', async () => {
    const w = unique();
    const angstrom = await journeyOn(t.admin, `Ångström Verktyg ${w} AB`, 'Nytt lagersystem');
    const oberg = await journeyOn(t.admin, `Åkesson & Öberg ${w}`, 'Belysning för kontoret');
    const cafe = await journeyOn(t.admin, `Kafferosteriet ${w}`, `Café-belysning ${w}`);
    const ids = async (q: string) => ((await t.admin.get(`/api/v1/journeys?q=${encodeURIComponent(q)}&limit=200`)).json() as CardPage).items.map((i) => i.id);

    expect(await ids(w)).toEqual([cafe.id, oberg.id, angstrom.id]);
    // å is its own letter: "ång" finds Ångström, "ang" does not
    expect(await ids(`ÅNGSTRÖM VERKTYG ${w}`)).toEqual([angstrom.id]);
    expect(await ids(`angström verktyg ${w}`)).toEqual([]);
    expect(await ids(`öberg ${w}`)).toEqual([oberg.id]);
    expect(await ids(`oberg ${w}`)).toEqual([]);
    // other accents are variants: "cafe" finds "Café"
    expect(await ids(`cafe-belysning ${w}`)).toEqual([cafe.id]);
    // the title counts too, anywhere in it, in any case, with spaces squeezed
    expect(await ids(`belysning  ${w}`)).toEqual([cafe.id]);
    expect((await t.admin.get(`/api/v1/journeys?q=${encodeURIComponent('FÖR KONTORET')}`)).json().items.map((i: Card) => i.id)).toContain(oberg.id);
  });

  it('keeps processes apart that share stage keys', async () => {
    const word = unique();
    const b2b = await journeyOn(t.admin, `${word} Företag AB`, 'Lager');
    const consumer = await t.admin.post('/api/v1/journeys', { accountId: b2b.accountId, title: 'Villa', templateKey: 'consumer' });
    const ids = async (templateKey: string) =>
      ((await t.admin.get(`/api/v1/journeys?stage=need&templateKey=${templateKey}&q=${word}`)).json() as CardPage).items.map((i) => [i.id, (i as Card & { templateKey: string }).templateKey]);
    expect(await ids('b2b')).toEqual([[b2b.id, 'b2b']]);
    expect(await ids('consumer')).toEqual([[consumer.json().id, 'consumer']]);
    const unknown = await t.admin.get('/api/v1/journeys?templateKey=nope');
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().errors[0].field).toBe('query.templateKey');
  });

  it('gives every column of a process its first page in one request, the same cards and cursors as asking per stage', async () => {
    const word = unique();
    const made: string[] = [];
    for (let i = 0; i < 3; i++) made.push((await journeyOn(t.admin, `${word} Kolumn ${i} AB`, `Resa ${i}`)).id);
    await t.admin.post(`/api/v1/journeys/${made[0]}/advance`, { overrideReason: 'Kunden har redan ett tydligt behov.' });
    const res = await t.admin.get(`/api/v1/board?templateKey=b2b&q=${word}&limit=1`);
    expect(res.statusCode).toBe(200);
    const columns = res.json().columns as ({ stage: string } & CardPage)[];
    expect(columns.map((c) => c.stage)).toEqual(['need', 'explore', 'evaluate', 'decide', 'buy', 'use']);
    for (const column of columns) {
      const alone = (await t.admin.get(`/api/v1/journeys?templateKey=b2b&stage=${column.stage}&q=${word}&limit=1`)).json() as CardPage;
      expect(column.items.map((i) => i.id)).toEqual(alone.items.map((i) => i.id));
      expect(column.nextCursor).toBe(alone.nextCursor);
    }
    // Two journeys left in the first stage: one on the page, the other behind the cursor.
    const need = columns[0]!;
    expect(need.items).toHaveLength(1);
    const rest = (await t.admin.get(`/api/v1/journeys?templateKey=b2b&stage=need&q=${word}&limit=1&cursor=${need.nextCursor}`)).json() as CardPage;
    expect([need.items[0]!.id, rest.items[0]!.id].sort()).toEqual([made[1], made[2]].sort());
    expect(columns[1]!.items.map((i) => i.id)).toEqual([made[0]]);
  });

  it('refuses a board without a known process, or with too large a page', async () => {
    expect((await t.admin.get('/api/v1/board')).json().errors[0].field).toBe('query.templateKey');
    const unknown = await t.admin.get('/api/v1/board?templateKey=nope');
    expect(unknown.statusCode).toBe(422);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
    expect((await t.admin.get('/api/v1/board?templateKey=b2b&limit=201')).statusCode).toBe(422);
  });

  it('treats % and _ in the text as themselves', async () => {
    const w = unique();
    const percent = await journeyOn(t.admin, `Procent ${w}`, `Rabatt 100% ${w}`);
    const underscore = await journeyOn(t.admin, `Under ${w}`, `kod_a ${w}`);
    await journeyOn(t.admin, `Annan ${w}`, `kodxa 1000 ${w}`);
    const ids = async (q: string) => ((await t.admin.get(`/api/v1/journeys?q=${encodeURIComponent(q)}`)).json() as CardPage).items.map((i) => i.id);
    expect(await ids(`100% ${w}`)).toEqual([percent.id]);
    expect(await ids(`% ${w}`)).toEqual([percent.id]);
    expect(await ids(`d_a ${w}`)).toEqual([underscore.id]);
    expect(await ids('\\')).toEqual([]);
  });

  it('pages a text search by cursor with no gaps or repeats, with the other filters', async () => {
    const w = unique();
    const seller = await t.user('seller');
    const made: string[] = [];
    for (let i = 0; i < 5; i++) made.push((await journeyOn(seller, `Kund ${i} ${w}`, `Offert ${i}`)).id);
    await journeyOn(t.admin, `Kund admin ${w}`, 'Inte säljarens');
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await seller.get(`/api/v1/journeys?q=${w}&ownerId=${seller.userId}&status=open&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.statusCode).toBe(200);
      const page = res.json() as CardPage;
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...made].reverse());
  });

  it('finds a renamed journey by its new title', async () => {
    const w = unique();
    const j = await journeyOn(t.admin, `Kund ${w}`, 'Gammal titel');
    await t.admin.patch(`/api/v1/journeys/${j.id}`, { title: `Ny Rubrik ${w}` });
    const found = (await t.admin.get(`/api/v1/journeys?q=${encodeURIComponent(`ny rubrik ${w}`)}`)).json() as CardPage;
    expect(found.items.map((i) => i.id)).toEqual([j.id]);
  });

  it('reads a page with the same few queries whatever its size, and Today too', async () => {
    const seller = await t.user('seller');
    const actor: Actor = { orgId: seller.orgId, userId: seller.userId, role: 'seller', kind: 'token' };
    const queriesFor = async (n: number) => {
      const counter = counting(t.ctx);
      const page = await listJourneys(counter.ctx, actor, { ownerId: seller.userId, limit: n });
      expect(page.items).toHaveLength(n);
      return counter.queries();
    };
    const todayQueries = async () => {
      const counter = counting(t.ctx);
      await today(counter.ctx, actor, {}, 'sv');
      return counter.queries();
    };
    for (let i = 0; i < 2; i++) {
      const j = await makeJourney(seller);
      await seller.post(`/api/v1/journeys/${j.id}/concerns`, { topic: 'risk', text: 'Risk?', blocking: true });
    }
    const small = await queriesFor(2);
    const fewInToday = await todayQueries();
    for (let i = 0; i < 10; i++) {
      const j = await makeJourney(seller);
      await seller.post(`/api/v1/journeys/${j.id}/concerns`, { topic: 'risk', text: 'Risk?', blocking: true });
      await seller.post(`/api/v1/journeys/${j.id}/interactions`, { channel: 'call', direction: 'inbound', occurredAt: '2026-11-20T10:00:00Z', summary: 'Ringde' });
    }
    expect(await queriesFor(12)).toBe(small);
    // journeys, then processes, met criteria, concerns, last touches and quotes of the whole page
    expect(small).toBeLessThanOrEqual(6);
    expect(await todayQueries()).toBe(fewInToday);
    // the journeys' reads as above, and the seller's cases: one query while they owe nothing on any
    expect(fewInToday).toBeLessThanOrEqual(14);
  });

  it('keeps the page size at most 200 and the text at most 200 characters', async () => {
    expect((await t.admin.get('/api/v1/journeys?limit=200')).statusCode).toBe(200);
    expect((await t.admin.get('/api/v1/journeys?limit=201')).statusCode).toBe(422);
    const long = await t.admin.get(`/api/v1/journeys?q=${'a'.repeat(201)}`);
    expect(long.statusCode).toBe(422);
    expect(long.json().errors[0].field).toBe('query.q');
  });

  it('shows another org nothing of ours', async () => {
    const w = unique();
    await journeyOn(t.admin, `Hemlig ${w}`, 'Hemligt');
    const other = await t.otherOrg();
    expect((await other.get(`/api/v1/journeys?q=${w}`)).json().items).toEqual([]);
  });
});
