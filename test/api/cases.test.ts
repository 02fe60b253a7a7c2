/**
 * Cases through the API, on both backends (DESIGN §8, issue 8): a case ends
 * resolved only when the buyer accepts a proposal in the room; a seller may
 * close it without agreement, which never counts as resolved; a proposal
 * unanswered for 14 days shows as `unanswered`; a buyer's reply reopens;
 * targets run in the org's business hours and holidays; the figures; the
 * check-in on Today 14 days after an acceptance (moved clock).
 */
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../helpers/backends.ts';
import { makePortalInvite, PASSWORD, startTestApp, type Client, type Method, type TestApp } from '../helpers/app.ts';
import { buyerRequests, expectJson, PORTAL } from '../helpers/portal.ts';
import { newId } from '../../src/app/context.ts';

let serial = 0;

interface Clock {
  state: string;
  dueAt: string | null;
  doneAt: string | null;
  usedHours: number;
}
interface Case {
  id: string;
  status: string;
  shownStatus: string;
  priority: string;
  tier: string;
  firstResponseAt: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
  reopened: number;
  proposal: { id: string; resolution: string; amountMinor: number | null; currency: string | null; text: string } | null;
  steps: { kind: string; by: { kind: string; name: string }; resolution: string | null; amountMinor: number | null; text: string | null }[];
  clocks: { firstResponse: Clock; resolution: Clock };
  dueAt: string | null;
  checkInAt: string | null;
  checkedInAt: string | null;
  checkInDue: boolean;
}
interface Figures {
  cases: number;
  open: number;
  resolved: number;
  closedWithoutAgreement: number;
  medianFirstResponseHours: number | null;
  medianResolutionHours: number | null;
  acceptanceRate: number | null;
  reopenRate: number | null;
}
interface Metrics {
  total: Figures;
  byTier: (Figures & { tier: string })[];
  bySeller: (Figures & { userId: string; name: string | null })[];
}
interface TodayCase {
  kind: string;
  at: string;
  text: string;
  case: { id: string; topic: string };
}
interface TimelineItem {
  kind: string;
  entityId: string | null;
  data: Record<string, unknown> & { buyer?: { contactId: string; name: string } };
}


describe.each(BACKENDS)('cases on %s', (backend) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(backend);
  });
  afterAll(async () => t.close());

  const json = expectJson;
  const at = (iso: string) => {
    t.clock.current = new Date(iso);
  };

  const { asBuyer, enter: enterLink } = buyerRequests(() => t.app);

  /** An org of its own (its figures its own), a journey with a buyer in the room, and a tier for the account if asked. */
  async function setting(tier?: string) {
    const c = await t.otherOrg();
    const account = json(await c.post('/api/v1/accounts', { kind: 'company', name: `Nyårsfest ${++serial} AB` }), 201) as { id: string; name: string };
    const karin = json(await c.post(`/api/v1/accounts/${account.id}/contacts`, { name: 'Karin Köpare', email: 'karin@kund.example' }), 201) as { id: string };
    const journey = json(await c.post('/api/v1/journeys', { accountId: account.id, title: `Festen ${serial}` }), 201) as { id: string };
    if (tier) {
      await t.db.store.db
        .insertInto('account_loyalty')
        .values({ org_id: c.orgId, account_id: account.id, tier, first_order_on: '2025-01-01', last_order_on: '2026-11-01', order_days: 9, frequency: 9, monetary_minor: 900_000, r: 5, f: 5, m: 5, computed_at: t.clock.current.toISOString() })
        .execute();
    }
    const cookie = await enter(c, journey.id, karin.id);
    return { c, account, karin, journey, cookie };
  }

  /** The buyer opens a new link into the room (a session ends after a while). */
  const enter = async (c: Client, journeyId: string, contactId: string) => enterLink((await makePortalInvite(c, journeyId, contactId)).link);

  const sellerCase = async (c: Client, id: string) => json(await c.get(`/api/v1/cases/${id}`), 200) as Case;
  const roomCase = async (cookie: string, id: string) => ((json(await asBuyer(cookie, 'GET', `${PORTAL}/cases`), 200) as { items: Case[] }).items.find((x) => x.id === id) ?? null) as Case;
  const timeline = async (c: Client, journeyId: string) => (json(await c.get(`/api/v1/journeys/${journeyId}/timeline?limit=200`), 200) as { items: TimelineItem[] }).items;
  const todayCases = async (c: Client, locale = 'en') => (json(await c.request('GET', '/api/v1/today', undefined, { 'accept-language': locale }), 200) as { cases: TodayCase[] }).cases;
  const metrics = async (c: Client, query = '?from=2026-12-01&to=2027-02-28') => json(await c.get(`/api/v1/cases/metrics${query}`), 200) as Metrics;
  const open = async (cookie: string, body: Record<string, unknown> = {}) => json(await asBuyer(cookie, 'POST', `${PORTAL}/cases`, { topic: 'Fel', description: 'Något gick fel.', ...body }), 201) as Case;

  it("walks the New Year's Eve story: a surged quote, a refund rejected, a credit accepted, the time to resolution counted, a check-in 14 days later", async () => {
    at('2026-12-30T10:00:00Z');
    const { c, journey, cookie, karin } = await setting();
    // The surge: three times the price on New Year's Eve night.
    const product = json(await c.post('/api/v1/products', { sku: `BUBBEL-${++serial}`, name: { sv: 'Bubbel', en: 'Bubbly' }, listPriceMinor: 10_000 }), 201) as { id: string };
    json(await c.post('/api/v1/price-rules', { kind: 'demand', reason: { sv: 'Nyårsafton', en: "New Year's Eve" }, window: { type: 'absolute', from: '2026-12-31T20:00', to: '2027-01-01T04:00' }, multiplier: 3, productIds: [product.id] }), 201);
    const quote = json(await c.post(`/api/v1/journeys/${journey.id}/quotes`, { lines: [{ productId: product.id, quantity: 10 }], at: '2026-12-31T21:00:00Z' }), 201) as { id: string; totalMinor: number };
    expect(quote.totalMinor).toBeGreaterThan(10 * 10_000);
    json(await c.post(`/api/v1/quotes/${quote.id}/send`, {}), 200);

    // 22:30 on New Year's Eve in Stockholm: a new customer complains in the room.
    at('2026-12-31T21:30:00Z');
    const opened = await open(cookie, { topic: 'Tre gånger priset på nyårsafton', description: 'Ingen sa att priset tredubblas efter åtta.', quoteId: quote.id });
    expect(opened).toMatchObject({ status: 'open', shownStatus: 'open', priority: 'low', firstResponseAt: null, proposal: null });
    let seen = await sellerCase(c, opened.id);
    expect(seen.tier).toBe('new');
    // 24 business hours for a new customer: not New Year's Eve or Day, not the weekend, not Epiphany (6 Jan):
    // Monday 4 and Tuesday 5 (9 h each) and Thursday 7 January until 14:00 in Stockholm.
    expect(seen.clocks.firstResponse).toMatchObject({ state: 'running', dueAt: '2027-01-07T13:00:00.000Z', usedHours: 0 });
    expect(seen.dueAt).toBe('2027-01-07T13:00:00.000Z');

    // Monday 10:00: a partial refund proposed; the case waits on the buyer and its resolution clock stands still.
    at('2027-01-04T09:00:00Z');
    seen = json(await c.post(`/api/v1/cases/${opened.id}/proposals`, { resolution: 'refund', amountMinor: 100_000, currency: 'SEK', text: 'Vi betalar tillbaka halva tillägget.' }), 200) as Case;
    expect(seen).toMatchObject({ status: 'proposed', firstResponseAt: '2027-01-04T09:00:00.000Z', proposal: { resolution: 'refund', amountMinor: 100_000, currency: 'SEK' } });
    expect(seen.clocks.firstResponse).toMatchObject({ state: 'met', usedHours: 2 });
    expect(seen.clocks.resolution).toMatchObject({ state: 'paused', dueAt: null });
    expect((await roomCase(cookie, opened.id)).proposal).toMatchObject({ resolution: 'refund', amountMinor: 100_000, text: 'Vi betalar tillbaka halva tillägget.' });

    // 11:00: the buyer rejects it, saying why.
    at('2027-01-04T10:00:00Z');
    const rejected = json(await asBuyer(cookie, 'POST', `${PORTAL}/cases/${opened.id}/reject`, { comment: 'Halva räcker inte, vi blev aldrig varnade.' }), 200) as Case;
    expect(rejected).toMatchObject({ status: 'open', proposal: null });
    expect(rejected.steps.at(-1)).toMatchObject({ kind: 'rejected', by: { kind: 'contact', name: 'Karin Köpare' }, text: 'Halva räcker inte, vi blev aldrig varnade.' });

    // 13:00: an explanation with a credit; 14:00 the buyer accepts.
    at('2027-01-04T12:00:00Z');
    json(await c.post(`/api/v1/cases/${opened.id}/proposals`, { resolution: 'credit', amountMinor: 200_000, text: 'Priset följde vår nyårsregel, men vi borde ha varnat er. Hela tillägget krediteras.' }), 200);
    at('2027-01-04T13:00:00Z');
    const accepted = json(await asBuyer(cookie, 'POST', `${PORTAL}/cases/${opened.id}/accept`, { comment: 'Tack, det är rimligt.' }), 200) as Case;
    expect(accepted).toMatchObject({ status: 'resolved', shownStatus: 'resolved', resolvedAt: '2027-01-04T13:00:00.000Z', proposal: null });
    expect(accepted.steps.map((s) => s.kind)).toEqual(['opened', 'proposed', 'rejected', 'proposed', 'accepted']);
    seen = await sellerCase(c, opened.id);
    // Worked on 08–10 and 11–13; the two waits on the buyer do not count.
    expect(seen.clocks.resolution).toMatchObject({ state: 'met', usedHours: 4, doneAt: '2027-01-04T13:00:00.000Z' });
    expect(seen).toMatchObject({ checkInAt: '2027-01-18T13:00:00.000Z', checkedInAt: null, checkInDue: false });

    // Every answer is on the journey's timeline, the buyer's marked as theirs.
    const entries = (await timeline(c, journey.id)).filter((e) => e.entityId === opened.id);
    expect(entries.map((e) => e.kind).sort()).toEqual(['case_accepted', 'case_opened', 'case_proposed', 'case_proposed', 'case_rejected']);
    expect(entries.find((e) => e.kind === 'case_rejected')?.data).toMatchObject({ comment: 'Halva räcker inte, vi blev aldrig varnade.', resolution: 'refund', buyer: { contactId: karin.id } });
    expect(entries.find((e) => e.kind === 'case_accepted')?.data).toMatchObject({ resolution: 'credit', amountMinor: 200_000, buyer: { contactId: karin.id } });

    // The figures: 2 business hours to the first response, 4 to the accepted resolution, one of two proposals accepted.
    const m = await metrics(c);
    const expected = { cases: 1, open: 0, resolved: 1, closedWithoutAgreement: 0, medianFirstResponseHours: 2, medianResolutionHours: 4, acceptanceRate: 0.5, reopenRate: 0 };
    expect(m.total).toEqual(expected);
    expect(m.byTier.find((x) => x.tier === 'new')).toEqual({ tier: 'new', ...expected });
    expect(m.byTier.find((x) => x.tier === 'champion')).toMatchObject({ cases: 0, medianResolutionHours: null });
    expect(m.bySeller).toEqual([{ userId: c.userId, name: 'Ada Admin', ...expected }]);

    // Today asks for a check-in 14 days after the acceptance, not a minute before.
    at('2027-01-18T12:59:00Z');
    expect((await todayCases(c)).filter((x) => x.case.id === opened.id)).toEqual([]);
    at('2027-01-18T13:00:00Z');
    const [item] = (await todayCases(c, 'sv')).filter((x) => x.case.id === opened.id);
    expect(item).toMatchObject({ kind: 'case_check_in', at: '2027-01-18T13:00:00.000Z', case: { topic: 'Tre gånger priset på nyårsafton' } });
    expect(item?.text).toContain('Hör av dig');
    expect((await sellerCase(c, opened.id)).checkInDue).toBe(true);

    // The seller checks in: the item leaves Today, the timeline has it.
    at('2027-01-19T08:00:00Z');
    const checked = json(await c.post(`/api/v1/cases/${opened.id}/check-in`, { note: 'Ringde Karin, allt väl.' }), 200) as Case;
    expect(checked).toMatchObject({ status: 'resolved', checkedInAt: '2027-01-19T08:00:00.000Z', checkInDue: false });
    expect((await todayCases(c)).filter((x) => x.case.id === opened.id)).toEqual([]);
    expect((await timeline(c, journey.id)).find((e) => e.kind === 'case_checked_in')?.data).toMatchObject({ note: 'Ringde Karin, allt väl.' });
    // The check-in is the seller's note: the room does not show it.
    expect(checked.steps.at(-1)).toMatchObject({ kind: 'checked_in', text: 'Ringde Karin, allt väl.' });
    const room = await roomCase(await enter(c, journey.id, karin.id), opened.id);
    expect(room.steps.map((s) => s.kind)).toEqual(['opened', 'proposed', 'rejected', 'proposed', 'accepted']);
    expect(JSON.stringify(room)).not.toContain('Ringde Karin');
  });

  it('never lets a seller resolve a case: no seller route leads there, and the room refuses a seller', async () => {
    at('2027-02-01T09:00:00Z');
    const { c, journey, cookie } = await setting();
    const me = json(await c.get('/api/v1/me'), 200) as { user: { email: string } };
    const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: me.user.email, password: PASSWORD }, headers: { 'x-forwarded-proto': 'https' } });
    expect(login.statusCode, login.body).toBe(200);
    const session = login.cookies.find((k) => k.name === 'h2h_session')!.value;

    // A case in every state the seller can reach, and every seller route on each.
    const proposed = await open(cookie, { topic: 'Föreslaget' });
    json(await c.post(`/api/v1/cases/${proposed.id}/proposals`, { resolution: 'redo', text: 'Vi gör om det.' }), 200);
    const fresh = await open(cookie, { topic: 'Öppet' });
    const byseller = json(await c.post(`/api/v1/journeys/${journey.id}/cases`, { topic: 'Säljarens', description: 'Noterat i telefon.' }), 201) as Case;
    const calls: [Method, string, unknown][] = [];
    for (const id of [proposed.id, fresh.id, byseller.id]) {
      calls.push(
        ['POST', `/api/v1/cases/${id}/messages`, { text: 'Löst från vår sida.' }],
        ['POST', `/api/v1/cases/${id}/proposals`, { resolution: 'other', text: 'Vi anser det löst.' }],
        ['POST', `/api/v1/cases/${id}/proposals`, { resolution: 'discount', amountMinor: 5_000, text: 'Rabatt.' }],
        ['POST', `/api/v1/cases/${id}/check-in`, { note: 'Klart.' }],
      );
    }
    for (const [method, url, body] of calls) {
      const res = await c.request(method, url, body);
      expect([200, 201, 409], `${url} ${res.body}`).toContain(res.statusCode);
    }
    // The room's accept route with the seller's token, with the seller's session cookie, and with nothing at all.
    for (const headers of [{ authorization: `Bearer ${c.token}` }, { cookie: `h2h_session=${session}` }, {}]) {
      const res = await t.app.inject({ method: 'POST', url: `${PORTAL}/cases/${proposed.id}/accept`, headers, payload: {} });
      expect(res.statusCode, res.body).toBe(401);
      expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/);
    }
    for (const id of [proposed.id, fresh.id, byseller.id]) expect((await sellerCase(c, id)).status, id).not.toBe('resolved');
    expect((await metrics(c, '?from=2027-01-01&to=2027-12-31')).total.resolved).toBe(0);
    // There is no route that resolves: the document has none with "resolve" in its path.
    const doc = json(await c.get('/api/openapi.json'), 200) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths).filter((p) => /resolve/.test(p))).toEqual([]);
  });

  it('takes one answer to a proposal when two arrive at once: the other is refused, and the steps stay whole', async () => {
    at('2027-02-15T09:00:00Z');
    const { c, cookie } = await setting();
    const opened = await open(cookie, { topic: 'Samtidigt' });
    json(await c.post(`/api/v1/cases/${opened.id}/proposals`, { resolution: 'redo', text: 'Vi gör om.' }), 200);
    const answers = await Promise.all([
      asBuyer(cookie, 'POST', `${PORTAL}/cases/${opened.id}/accept`, {}),
      asBuyer(cookie, 'POST', `${PORTAL}/cases/${opened.id}/reject`, { comment: 'Nej.' }),
    ]);
    expect(answers.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const seen = await sellerCase(c, opened.id);
    expect(seen.steps.filter((s) => s.kind === 'accepted' || s.kind === 'rejected')).toHaveLength(1);
    expect(seen.status).toBe(answers[0]?.statusCode === 200 ? 'resolved' : 'open');
  });

  it("keeps a case's steps in the order they were applied when a reply waits for another writer's lock", async () => {
    at('2027-02-22T09:00:00Z');
    const { c, cookie } = await setting();
    const opened = await open(cookie, { topic: 'I kö' });
    const db = t.db.store.db;
    let reply: Promise<LightMyRequestResponse> | undefined;
    // Another writer holds the case's row (the lock every step takes first) while the buyer's reply comes in,
    // and proposes while the reply waits: the reply is applied after the proposal, so it reopens the case.
    await db.transaction().execute(async (tx) => {
      await tx.updateTable('cases').set({ status: 'proposed', proposed_at: t.clock.current.toISOString() }).where('org_id', '=', c.orgId).where('id', '=', opened.id).execute();
      reply = asBuyer(cookie, 'POST', `${PORTAL}/cases/${opened.id}/messages`, { text: 'Hör ni mig?' });
      if (backend === 'postgres') {
        // On PostgreSQL the reply's transaction runs and waits on the row; SQLite's one connection waits for this whole transaction.
        for (let i = 0; ; i++) {
          const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`.execute(db);
          if ((rows[0]?.n ?? 0) > 0) break;
          if (i > 200) throw new Error('the reply never waited for the lock');
          await new Promise((r) => setTimeout(r, 10));
        }
      }
      await tx
        .insertInto('case_steps')
        .values({ org_id: c.orgId, id: newId(t.clock.current), case_id: opened.id, kind: 'proposed', at: t.clock.current.toISOString(), by_kind: 'user', by_id: c.userId, by_name: 'Ada Admin', resolution: 'redo', amount_minor: null, currency: null, text: 'Vi gör om det.' })
        .execute();
    });
    json(await reply!, 201);
    const seen = await sellerCase(c, opened.id);
    expect(seen.steps.map((s) => s.kind)).toEqual(['opened', 'proposed', 'message']);
    expect(seen).toMatchObject({ status: 'open', proposal: null });
    expect((json(await c.get('/api/v1/cases?status=open'), 200) as { items: Case[] }).items.map((x) => x.id)).toEqual([opened.id]);
  });

  it('closes a case without agreement only with a written reason; it counts as closed, never resolved', async () => {
    at('2027-03-01T09:00:00Z');
    const { c, journey, cookie } = await setting();
    const opened = await open(cookie, { topic: 'Leveransen kom aldrig' });
    json(await c.post(`/api/v1/cases/${opened.id}/proposals`, { resolution: 'explanation', text: 'Posten tappade paketet.' }), 200);
    for (const reason of ['', '   ']) {
      const res = await c.post(`/api/v1/cases/${opened.id}/close`, { reason });
      expect(res.statusCode, res.body).toBe(422);
      expect(res.json().errors[0].field).toBe('body.reason');
    }
    at('2027-03-01T10:00:00Z');
    const closed = json(await c.post(`/api/v1/cases/${opened.id}/close`, { reason: 'Kunden svarar inte och paketet är ersatt.' }), 200) as Case;
    expect(closed).toMatchObject({ status: 'closed', shownStatus: 'closed', resolvedAt: null, closedAt: '2027-03-01T10:00:00.000Z', checkInAt: null });
    expect(closed.clocks.resolution.state).toBe('missed');
    expect(closed.steps.at(-1)).toMatchObject({ kind: 'closed', text: 'Kunden svarar inte och paketet är ersatt.' });
    expect((await roomCase(cookie, opened.id)).status).toBe('closed');
    expect((await timeline(c, journey.id)).find((e) => e.kind === 'case_closed')?.data).toMatchObject({ reason: 'Kunden svarar inte och paketet är ersatt.' });

    // Closed stays closed: no second closing, no proposal, no acceptance, no seller message, no check-in — each a 409 in the rule's words.
    const refusals: [LightMyRequestResponse, string][] = [
      [await c.post(`/api/v1/cases/${opened.id}/close`, { reason: 'Igen' }), 'A case that is closed cannot be closed.'],
      [await c.post(`/api/v1/cases/${opened.id}/proposals`, { resolution: 'redo', text: 'x' }), 'A proposal needs an open case; this one is closed.'],
      [await asBuyer(cookie, 'POST', `${PORTAL}/cases/${opened.id}/accept`, {}), 'There is no proposal waiting for an answer.'],
      [await c.post(`/api/v1/cases/${opened.id}/messages`, { text: 'Hallå' }), 'The case is closed; a buyer may still reply.'],
      [await c.post(`/api/v1/cases/${opened.id}/check-in`, {}), 'Only a resolved case has a check-in to record; this one is closed.'],
    ];
    for (const [res, detail] of refusals) {
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json()).toMatchObject({ type: '/api/problems/conflict', detail });
    }
    const sv = await c.request('POST', `/api/v1/cases/${opened.id}/close`, { reason: 'Igen' }, { 'accept-language': 'sv' });
    expect(sv.json().detail).toBe('Ett ärende som är stängt kan inte stängas.');

    const m = await metrics(c, '?from=2027-03-01&to=2027-03-31');
    expect(m.total).toMatchObject({ cases: 1, open: 0, resolved: 0, closedWithoutAgreement: 1, medianResolutionHours: null, acceptanceRate: null });

    // The room invites the buyer to keep writing: their reply reopens the case, counted as a reopening, never resolved.
    at('2027-03-02T09:00:00Z');
    json(await asBuyer(cookie, 'POST', `${PORTAL}/cases/${opened.id}/messages`, { text: 'Paketet är inte ersatt, vi har inte fått något.' }), 201);
    expect(await roomCase(cookie, opened.id)).toMatchObject({ status: 'open', shownStatus: 'open', reopened: 1, closedAt: null, resolvedAt: null });
    expect((await timeline(c, journey.id)).find((e) => e.kind === 'case_reopened')?.data).toMatchObject({ from: 'closed' });
    const listed = json(await c.get('/api/v1/cases?status=open'), 200) as { items: Case[] };
    expect(listed.items.map((x) => x.id)).toEqual([opened.id]);
    // Open again: the seller answers and proposes as on any open case.
    json(await c.post(`/api/v1/cases/${opened.id}/messages`, { text: 'Vi letar efter paketet.' }), 201);
    expect(json(await c.post(`/api/v1/cases/${opened.id}/proposals`, { resolution: 'redo', text: 'Vi skickar ett nytt.' }), 200)).toMatchObject({ status: 'proposed' });
    expect((await metrics(c, '?from=2027-03-01&to=2027-03-31')).total).toMatchObject({ open: 1, resolved: 0, closedWithoutAgreement: 0, reopenRate: 1 });
  });

  it('shows a proposal unanswered for 14 days as unanswered, never as accepted; the buyer may still answer', async () => {
    at('2027-04-05T09:00:00Z');
    const { c, cookie: first, journey, karin } = await setting();
    const opened = await open(first, { topic: 'Fläckar på duken' });
    json(await c.post(`/api/v1/cases/${opened.id}/proposals`, { resolution: 'redo', text: 'Vi tvättar om den.' }), 200);
    at('2027-04-19T08:59:59Z');
    expect((await sellerCase(c, opened.id)).shownStatus).toBe('proposed');
    at('2027-04-19T09:00:00Z');
    const cookie = await enter(c, journey.id, karin.id);
    for (const seen of [await sellerCase(c, opened.id), await roomCase(cookie, opened.id)]) expect(seen).toMatchObject({ status: 'proposed', shownStatus: 'unanswered', resolvedAt: null });
    expect((await metrics(c, '?from=2027-04-01&to=2027-04-30')).total).toMatchObject({ resolved: 0, open: 1, acceptanceRate: null });
    expect(json(await asBuyer(cookie, 'POST', `${PORTAL}/cases/${opened.id}/accept`, {}), 200)).toMatchObject({ status: 'resolved', shownStatus: 'resolved' });
  });

  it("reopens a proposed or resolved case when the buyer replies, counts the reopening, and leaves the settled time off the resolution clock", async () => {
    at('2027-05-03T09:00:00Z');
    const { c, journey, cookie } = await setting();
    const opened = await open(cookie, { topic: 'Glasen sprack' });
    json(await c.post(`/api/v1/cases/${opened.id}/proposals`, { resolution: 'refund', amountMinor: 4_000, text: 'Vi ersätter glasen.' }), 200);
    // A reply to a proposal reopens without counting as a reopening.
    json(await asBuyer(cookie, 'POST', `${PORTAL}/cases/${opened.id}/messages`, { text: 'Gäller det alla sex?' }), 201);
    expect(await roomCase(cookie, opened.id)).toMatchObject({ status: 'open', reopened: 0, proposal: null });
    json(await c.post(`/api/v1/cases/${opened.id}/proposals`, { resolution: 'refund', amountMinor: 6_000, text: 'Alla sex.' }), 200);
    json(await asBuyer(cookie, 'POST', `${PORTAL}/cases/${opened.id}/accept`, {}), 200);
    at('2027-05-10T09:00:00Z');
    json(await asBuyer(cookie, 'POST', `${PORTAL}/cases/${opened.id}/messages`, { text: 'Ersättningen kom aldrig.' }), 201);
    const seen = await sellerCase(c, opened.id);
    expect(seen).toMatchObject({ status: 'open', reopened: 1, resolvedAt: null, checkInAt: null });
    const reopenings = (await timeline(c, journey.id)).filter((e) => e.kind === 'case_reopened');
    expect(reopenings.map((e) => e.data.from).sort()).toEqual(['proposed', 'resolved']);
    expect(reopenings[0]?.data.buyer).toBeDefined();
    expect((await metrics(c, '?from=2027-05-01&to=2027-05-31')).total).toMatchObject({ reopenRate: 1, resolved: 0, open: 1 });
    // The week it sat resolved does not count: the resolution clock runs on from where it stopped, not overdue.
    expect(seen.clocks.resolution).toMatchObject({ state: 'running', usedHours: 0 });
    expect(seen.dueAt).toBe('2027-05-24T09:00:00.000Z');
    // Answered an hour later and accepted at once: one business hour to the accepted resolution, not a week and an hour.
    at('2027-05-10T10:00:00Z');
    json(await c.post(`/api/v1/cases/${opened.id}/proposals`, { resolution: 'refund', amountMinor: 6_000, text: 'Vi betalar igen, nu till rätt konto.' }), 200);
    json(await asBuyer(cookie, 'POST', `${PORTAL}/cases/${opened.id}/accept`, {}), 200);
    expect((await sellerCase(c, opened.id)).clocks.resolution).toMatchObject({ state: 'met', usedHours: 1 });
    expect((await metrics(c, '?from=2027-05-01&to=2027-05-31')).total).toMatchObject({ resolved: 1, medianResolutionHours: 1 });
  });

  it("counts targets in business hours: a regular's case opened Friday 16:30 is due Monday; Today shows an overdue first answer", async () => {
    // Friday 4 June 2027, 16:30 in Stockholm (summer time).
    at('2027-06-04T14:30:00Z');
    const { c, cookie } = await setting('regular');
    const opened = await open(cookie, { topic: 'Fel antal stolar' });
    const seen = await sellerCase(c, opened.id);
    expect(seen).toMatchObject({ tier: 'regular', priority: 'normal' });
    // 8 hours: half an hour on Friday, then Monday from 08:00 to 15:30.
    expect(seen.clocks.firstResponse).toMatchObject({ state: 'running', dueAt: '2027-06-07T13:30:00.000Z' });
    expect((await todayCases(c)).map((x) => x.kind)).toEqual([]);
    at('2027-06-07T13:31:00Z');
    expect((await sellerCase(c, opened.id)).clocks.firstResponse.state).toBe('overdue');
    const [item] = await todayCases(c);
    expect(item).toMatchObject({ kind: 'case_first_response_overdue', at: '2027-06-07T13:30:00.000Z', case: { id: opened.id, topic: 'Fel antal stolar' } });
    // An answer takes it off Today.
    json(await c.post(`/api/v1/cases/${opened.id}/messages`, { text: 'Vi kör ut två till i morgon.' }), 201);
    expect(await todayCases(c)).toEqual([]);
    expect((await sellerCase(c, opened.id)).clocks.firstResponse).toMatchObject({ state: 'missed', usedHours: 8.02 });
  });

  it('stops the first-response clock at a closing that came before any reply, and shows no due time while a clock waits on the buyer', async () => {
    // Monday 4 October 2027, 09:00 in Stockholm (summer time).
    at('2027-10-04T07:00:00Z');
    const { c, cookie } = await setting('champion');
    const dup = await open(cookie, { topic: 'Dubblett' });
    const ignored = await open(cookie, { topic: 'Ingen svarade' });
    // An hour later the first is closed as a duplicate: the reason is the seller's first word, on time.
    at('2027-10-04T08:00:00Z');
    json(await c.post(`/api/v1/cases/${dup.id}/close`, { reason: 'Samma sak som ert andra ärende.' }), 200);
    // The other is closed the next day without a word before: its 2-hour first response was missed.
    at('2027-10-05T07:00:00Z');
    json(await c.post(`/api/v1/cases/${ignored.id}/close`, { reason: 'Vi levererar inte till den adressen.' }), 200);
    // Two months on, both clocks stand where the closing left them: nothing overdue, nothing growing, nothing on Today.
    at('2027-12-06T07:00:00Z');
    expect((await sellerCase(c, dup.id)).clocks.firstResponse).toEqual({ state: 'met', dueAt: '2027-10-04T09:00:00.000Z', doneAt: '2027-10-04T08:00:00.000Z', usedHours: 1 });
    expect((await sellerCase(c, ignored.id)).clocks.firstResponse).toEqual({ state: 'missed', dueAt: '2027-10-04T09:00:00.000Z', doneAt: '2027-10-05T07:00:00.000Z', usedHours: 9 });
    expect(await todayCases(c)).toEqual([]);

    // A champion's case answered at once, then left for three days before a proposal: the resolution target (18 h)
    // fell due on Wednesday, but while the proposal waits on the buyer the clock is paused and shows no due time.
    at('2027-10-04T07:00:00Z');
    const slow = await open(cookie, { topic: 'Långsamt' });
    json(await c.post(`/api/v1/cases/${slow.id}/messages`, { text: 'Vi tittar på det.' }), 201);
    at('2027-10-07T07:00:00Z');
    expect((await sellerCase(c, slow.id)).clocks.resolution).toMatchObject({ state: 'overdue', dueAt: '2027-10-06T07:00:00.000Z' });
    const waiting = json(await c.post(`/api/v1/cases/${slow.id}/proposals`, { resolution: 'explanation', text: 'Så här gick det till.' }), 200) as Case;
    expect(waiting.clocks.resolution).toMatchObject({ state: 'paused', dueAt: null, doneAt: null });
    expect(waiting.dueAt).toBeNull();
  });

  it("keeps the org's business hours, holidays and targets as a setting that the clocks follow", async () => {
    at('2026-12-30T10:00:00Z');
    const { c, cookie } = await setting();
    const settings = json(await c.get('/api/v1/settings/cases'), 200) as { businessHours: Record<string, unknown>; holidays: string[]; defaultHolidays: boolean; targets: Record<string, { firstResponseHours: number }> };
    expect(settings.businessHours).toEqual({ timeZone: 'Europe/Stockholm', days: [1, 2, 3, 4, 5], open: '08:00', close: '17:00' });
    expect(settings.defaultHolidays).toBe(true);
    expect(settings.holidays).toEqual(expect.arrayContaining(['2026-12-24', '2026-12-31', '2027-01-01', '2027-01-06', '2027-12-31']));
    expect(settings.targets.champion).toEqual({ firstResponseHours: 2, resolutionHours: 18 });

    // Open on Saturdays too, 10–14, New Year's Day the only holiday, a new customer answered within 4 hours.
    const targets = Object.fromEntries(['champion', 'at_risk', 'loyal', 'regular', 'occasional', 'new'].map((tier) => [tier, { firstResponseHours: tier === 'new' ? 4 : 8, resolutionHours: 40 }]));
    const body = { businessHours: { days: [1, 2, 3, 4, 5, 6], open: '10:00', close: '14:00' }, holidays: ['2027-01-01'], targets };
    const seller = await t.user('seller', c);
    expect((await seller.put('/api/v1/settings/cases', body)).statusCode).toBe(403);
    const bad = await c.put('/api/v1/settings/cases', { ...body, businessHours: { days: [1], open: '14:00', close: '10:00' } });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].field).toBe('body.businessHours.close');
    const saved = json(await c.put('/api/v1/settings/cases', body), 200) as { holidays: string[]; defaultHolidays: boolean; targets: Record<string, unknown> };
    expect(saved).toMatchObject({ holidays: ['2027-01-01'], defaultHolidays: false, targets: { new: { firstResponseHours: 4, resolutionHours: 40 } } });

    // Thursday 31 December 13:00 (no longer a holiday): an hour that day, none on New Year's Day, then Saturday 2 January 10:00–13:00.
    at('2026-12-31T12:00:00Z');
    const opened = await open(cookie, { topic: 'Fel datum' });
    expect((await sellerCase(c, opened.id)).clocks.firstResponse.dueAt).toBe('2027-01-02T12:00:00.000Z');
    const audit = json(await c.get('/api/v1/audit?limit=200'), 200) as { items: { action: string }[] };
    expect(audit.items.map((i) => i.action)).toContain('settings.cases');
  });

  it("keeps last December's holidays in January: a case answered after Christmas stays met in the new year", async () => {
    // Wednesday 23 December 2026, 15:00 in Stockholm: a new customer's case, 24 business hours to a first answer.
    at('2026-12-23T14:00:00Z');
    const { c, cookie } = await setting();
    const opened = await open(cookie, { topic: 'Julbordet' });
    // 2 h on the 23rd; Christmas Eve, Day and Boxing Day off, then the weekend; 9 h on the 28th and 29th; 4 h on the 30th.
    const due = '2026-12-30T11:00:00.000Z';
    expect((await sellerCase(c, opened.id)).clocks.firstResponse).toMatchObject({ state: 'running', dueAt: due });
    at('2026-12-30T10:00:00Z');
    json(await c.post(`/api/v1/cases/${opened.id}/messages`, { text: 'Vi ringer er i dag.' }), 201);
    // In the new year the defaults still hold last December's holidays, so the answer stays on time.
    for (const now of ['2027-01-01T10:00:00Z', '2027-01-04T08:00:00Z', '2027-12-30T08:00:00Z']) {
      at(now);
      expect((await sellerCase(c, opened.id)).clocks.firstResponse, now).toMatchObject({ state: 'met', dueAt: due, usedHours: 23 });
    }
    at('2027-01-04T08:00:00Z');
    const settings = json(await c.get('/api/v1/settings/cases'), 200) as { holidays: string[]; defaultHolidays: boolean };
    expect(settings.defaultHolidays).toBe(true);
    expect(settings.holidays).toEqual(expect.arrayContaining(['2026-12-24', '2026-12-25', '2026-12-26', '2026-12-31', '2027-01-06', '2028-12-31']));
    expect((await metrics(c, '?from=2026-12-01&to=2026-12-31')).total.medianFirstResponseHours).toBe(23);
  });

  it('leaves the cases a seller opened out of the median time to first response, and keeps them in the other figures', async () => {
    // Monday 8 November 2027, 09:00 in Stockholm.
    at('2027-11-08T08:00:00Z');
    const { c, journey, cookie } = await setting();
    const fromBuyer = await open(cookie, { topic: 'Från kunden' });
    const fromSeller = json(await c.post(`/api/v1/journeys/${journey.id}/cases`, { topic: 'Noterat i telefon', description: 'Kunden ringde om fel leverans.' }), 201) as Case;
    expect(fromSeller.clocks.firstResponse).toMatchObject({ state: 'met', usedHours: 0 });
    at('2027-11-08T11:00:00Z');
    json(await c.post(`/api/v1/cases/${fromBuyer.id}/messages`, { text: 'Vi ser över det.' }), 201);
    // Three hours for the one case a buyer waited on, not the 1.5 a seller's own 0 would make of it.
    const m = await metrics(c, '?from=2027-11-01&to=2027-11-30');
    expect(m.total).toMatchObject({ cases: 2, open: 2, medianFirstResponseHours: 3 });
    expect(m.bySeller).toEqual([expect.objectContaining({ cases: 2, open: 2, medianFirstResponseHours: 3 })]);
  });

  it("answers in the room only on the room's own cases, and asks for a comment with a rejection", async () => {
    at('2027-09-06T09:00:00Z');
    const mine = await setting();
    const theirs = await setting();
    const sibling = json(await mine.c.post('/api/v1/journeys', { accountId: mine.account.id, title: 'Syskonet' }), 201) as { id: string };
    const siblingCase = json(await mine.c.post(`/api/v1/journeys/${sibling.id}/cases`, { topic: 'Syskonets', description: 'x' }), 201) as Case;
    const theirCase = await open(theirs.cookie, { topic: 'Deras' });
    for (const x of [[mine.c, siblingCase.id], [theirs.c, theirCase.id]] as const) json(await x[0].post(`/api/v1/cases/${x[1]}/proposals`, { resolution: 'redo', text: 'Vi gör om.' }), 200);
    for (const [what, id] of [
      ["another journey's case", siblingCase.id],
      ["another org's case", theirCase.id],
      ['no case', '01900000-0000-7000-8000-000000000000'],
    ] as const) {
      for (const [verb, body] of [
        ['accept', {}],
        ['reject', { comment: 'Nej.' }],
      ] as const) {
        const res = await asBuyer(mine.cookie, 'POST', `${PORTAL}/cases/${id}/${verb}`, body);
        expect(res.statusCode, `${verb} ${what}`).toBe(404);
        expect(res.json()).toMatchObject({ type: '/api/problems/not_found', detail: 'No case with that id in this room.' });
      }
    }
    expect((await sellerCase(mine.c, siblingCase.id)).status).toBe('proposed');
    expect((await sellerCase(theirs.c, theirCase.id)).status).toBe('proposed');

    const own = await open(mine.cookie, { topic: 'Eget' });
    json(await mine.c.post(`/api/v1/cases/${own.id}/proposals`, { resolution: 'discount', amountMinor: 10_000, text: 'Tio procent på nästa order.' }), 200);
    for (const [body, field] of [
      [{}, 'body.comment'],
      [{ comment: '  ' }, 'body.comment'],
      [{ comment: 'Nej', reason: 'x' }, 'body.reason'],
    ] as const) {
      const res = await asBuyer(mine.cookie, 'POST', `${PORTAL}/cases/${own.id}/reject`, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(422);
      expect(res.json().errors[0].field).toBe(field);
    }
    expect((await asBuyer(mine.cookie, 'POST', `${PORTAL}/cases/${own.id}/accept`, '{"comment":', { 'content-type': 'application/json' })).statusCode).toBe(400);
    // Nothing above changed the case.
    expect(await roomCase(mine.cookie, own.id)).toMatchObject({ status: 'proposed', proposal: { resolution: 'discount', amountMinor: 10_000 } });
  });

  it("lists the org's cases by due time with a status filter and cursor paging, and refuses proposals that do not add up", async () => {
    at('2027-08-02T07:00:00Z');
    const { c, cookie } = await setting();
    const first = await open(cookie, { topic: 'Först' });
    at('2027-08-02T08:00:00Z');
    const second = await open(cookie, { topic: 'Sedan' });
    at('2027-08-02T09:00:00Z');
    const third = await open(cookie, { topic: 'Sist' });
    json(await c.post(`/api/v1/cases/${first.id}/proposals`, { resolution: 'other', text: 'Vi hör av oss.' }), 200);
    const closedOne = await open(cookie, { topic: 'Stängt' });
    json(await c.post(`/api/v1/cases/${closedOne.id}/close`, { reason: 'Dubblett av ett annat ärende.' }), 200);

    type Item = Case & { topic: string; journey: { title: string; ownerId: string }; account: { name: string } };
    const page = async (q: string) => json(await c.get(`/api/v1/cases${q}`), 200) as { items: Item[]; nextCursor: string | null };
    // Second and third run on their first answer (2 and 3 hours apart); first waits on the buyer; the closed one has no clock.
    const all = await page('');
    expect(all.items.map((x) => x.topic)).toEqual(['Sedan', 'Sist', 'Först', 'Stängt']);
    expect(all.items[0]).toMatchObject({ dueAt: (await sellerCase(c, second.id)).clocks.firstResponse.dueAt, account: { name: expect.stringMatching(/^Nyårsfest/) }, journey: { ownerId: c.userId } });
    expect(all.items[0]).not.toHaveProperty('messages');
    expect((await page('?status=open')).items.map((x) => x.id)).toEqual([second.id, third.id]);
    expect((await page('?status=closed')).items.map((x) => x.id)).toEqual([closedOne.id]);
    // One account's cases, for its page: this account has all four, a new one none.
    type Listed = Item & { account: { id: string } };
    expect((await page(`?accountId=${(all.items[0] as Listed).account.id}`)).items).toHaveLength(4);
    const quiet = json(await c.post('/api/v1/accounts', { kind: 'company', name: 'Utan ärenden AB' }), 201) as { id: string };
    expect((await page(`?accountId=${quiet.id}`)).items).toEqual([]);
    expect((await page('?sort=opened')).items.map((x) => x.topic)).toEqual(['Stängt', 'Sist', 'Sedan', 'Först']);
    const one = await page('?limit=1');
    const two = await page(`?limit=1&cursor=${encodeURIComponent(one.nextCursor!)}`);
    const rest = await page(`?limit=5&cursor=${encodeURIComponent(two.nextCursor!)}`);
    expect([...one.items, ...two.items, ...rest.items].map((x) => x.topic)).toEqual(['Sedan', 'Sist', 'Först', 'Stängt']);
    expect(rest.nextCursor).toBeNull();
    // One by one, by due time and newest first: every case once, across the running clocks, the waiting one and the closed one.
    for (const [sort, order] of [
      ['due', ['Sedan', 'Sist', 'Först', 'Stängt']],
      ['opened', ['Stängt', 'Sist', 'Sedan', 'Först']],
    ] as const) {
      const seen: string[] = [];
      let cursor: string | null = '';
      while (cursor !== null) {
        const one = await page(`?sort=${sort}&limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        seen.push(...one.items.map((x) => x.topic));
        cursor = one.nextCursor;
        expect(seen.length).toBeLessThanOrEqual(4);
      }
      expect(seen, sort).toEqual(order);
    }
    expect((await page('?status=closed&limit=1')).nextCursor).toBeNull();
    expect((await c.get('/api/v1/cases?cursor=nonsense')).statusCode).toBe(422);
    // The figures' period: both days included, in order; by default the 90 days to today.
    const backwards = await c.get('/api/v1/cases/metrics?from=2027-08-31&to=2027-08-01');
    expect(backwards.statusCode).toBe(422);
    expect(backwards.json().errors[0].field).toBe('query.from');
    expect((await c.get('/api/v1/cases/metrics?from=2027-08-32')).statusCode).toBe(422);
    expect(json(await c.get('/api/v1/cases/metrics'), 200)).toMatchObject({ from: '2027-05-05', to: '2027-08-02', timeZone: 'Europe/Stockholm', total: { cases: 4 } });
    expect((await metrics(c, '?from=2027-08-02&to=2027-08-02')).total).toMatchObject({ cases: 4, open: 3, closedWithoutAgreement: 1 });
    expect((await metrics(c, '?from=2027-08-03&to=2027-08-31')).total.cases).toBe(0);

    // Amounts where the kind has one, none for an explanation.
    const refusals: [Record<string, unknown>, string][] = [
      [{ resolution: 'refund', text: 'x' }, 'body.amountMinor'],
      [{ resolution: 'credit', amountMinor: 0, text: 'x' }, 'body.amountMinor'],
      [{ resolution: 'explanation', amountMinor: 100, text: 'x' }, 'body.amountMinor'],
      [{ resolution: 'redo', currency: 'SEK', text: 'x' }, 'body.currency'],
      [{ resolution: 'apology', text: 'x' }, 'body.resolution'],
      [{ resolution: 'redo', text: ' ' }, 'body.text'],
    ];
    for (const [body, field] of refusals) {
      const res = await c.post(`/api/v1/cases/${second.id}/proposals`, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(422);
      expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual([field]);
    }
    // A proposal on a case that already has one waiting: 409, in Swedish when asked.
    const twice = await c.request('POST', `/api/v1/cases/${first.id}/proposals`, { resolution: 'redo', text: 'x' }, { 'accept-language': 'sv' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().detail).toBe('Ett förslag kräver ett öppet ärende; det här är i väntan på svar på ett förslag.');
    // A seller who does not own the journey may read, not propose.
    const other = await t.user('seller', c);
    expect((await other.get(`/api/v1/cases/${third.id}`)).statusCode).toBe(200);
    expect((await other.post(`/api/v1/cases/${third.id}/proposals`, { resolution: 'redo', text: 'x' })).statusCode).toBe(403);
  });
});
