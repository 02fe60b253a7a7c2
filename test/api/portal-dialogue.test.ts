/**
 * The room's dialogue through the API, on both backends: the comment thread
 * of buyers, sellers and moderated guests, and complaints (cases) raised in
 * the room or by a seller. Text comes back exactly as typed; a guest's
 * comment is nowhere outside the seller's view until approved; every buyer
 * action is on the journey's timeline; the room reaches only its own
 * journey's cases.
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultPortalLimits } from '../../src/app/portal.ts';
import { BACKENDS } from '../helpers/backends.ts';
import { makePortalInvite, makeOrder, startTestApp, type Client, type Method, type TestApp } from '../helpers/app.ts';
import { buyerRequests, expectJson, PORTAL, tokenOf } from '../helpers/portal.ts';

const HOUR = 3_600_000;
let serial = 0;

interface Comment {
  id: string;
  author: { kind: string; name: string; website: string | null; email?: string | null };
  text: string;
  createdAt: string;
  status: string;
}
interface Case {
  id: string;
  journeyId: string;
  topic: string;
  description: string;
  quoteId: string | null;
  orderId: string | null;
  status: string;
  priority: string;
  tier?: string;
  openedBy: { kind: string; name: string };
  openedAt: string;
  firstResponseAt: string | null;
  messages: { id: string; author: { kind: string; name: string }; text: string }[];
}
interface TimelineItem {
  kind: string;
  entityId: string | null;
  data: Record<string, unknown> & { buyer?: { contactId: string; name: string } };
}

const guest = (over: Record<string, unknown> = {}) => ({ name: 'Gustav Gäst', email: 'gustav@gast.example', website: 'https://gast.example/blogg', text: 'Vi har samma lager, hur gick det?', ...over });

describe.each(BACKENDS)('the dialogue on %s', (backend) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(backend);
  });
  afterAll(async () => t.close());

  const json = expectJson;

  const { asBuyer, enter: enterLink } = buyerRequests(() => t.app);

  /** A guest's request: no cookie, from an address of its own unless told. */
  const asGuest = (method: Method, url: string, body?: unknown, opts: { address?: string; headers?: Record<string, string> } = {}) =>
    t.app.inject({ method, url, remoteAddress: opts.address ?? `10.0.${++serial % 250}.${serial % 250}`, headers: opts.headers ?? {}, ...(body !== undefined && { payload: body as string }) });

  const enter = async (c: Client, journeyId: string, contactId: string) => enterLink((await makePortalInvite(c, journeyId, contactId)).link);

  /** An org with a journey, its buyer Karin in the room, a sent quote, a draft and an order on the account. */
  async function setting(c?: Client) {
    c ??= await t.otherOrg();
    const product = json(await c.post('/api/v1/products', { sku: `LAMP-${++serial}`, name: { sv: 'Lampa', en: 'Lamp' }, listPriceMinor: 10_000 }), 201) as { id: string };
    const account = json(await c.post('/api/v1/accounts', { kind: 'company', name: `Köpare ${++serial} AB` }), 201) as { id: string };
    const karin = json(await c.post(`/api/v1/accounts/${account.id}/contacts`, { name: 'Karin Köpare', email: 'karin@kund.example' }), 201) as { id: string };
    const journey = json(await c.post('/api/v1/journeys', { accountId: account.id, title: `Lagret ${serial}` }), 201) as { id: string; title: string };
    const sent = json(await c.post(`/api/v1/journeys/${journey.id}/quotes`, { lines: [{ productId: product.id, quantity: 1 }] }), 201) as { id: string };
    json(await c.post(`/api/v1/quotes/${sent.id}/send`, {}), 200);
    const draft = json(await c.post(`/api/v1/journeys/${journey.id}/quotes`, { lines: [{ productId: product.id, quantity: 3 }] }), 201) as { id: string };
    const orderId = await makeOrder(c, account.id);
    const cookie = await enter(c, journey.id, karin.id);
    return { c, account, karin, journey, sent, draft, orderId, cookie };
  }

  const timeline = async (c: Client, journeyId: string) => (json(await c.get(`/api/v1/journeys/${journeyId}/timeline?limit=200`), 200) as { items: TimelineItem[] }).items;
  const roomComments = async (cookie: string) => (json(await asBuyer(cookie, 'GET', `${PORTAL}/comments`), 200) as { items: Comment[] }).items;
  const sellerComments = async (c: Client, journeyId: string) => json(await c.get(`/api/v1/journeys/${journeyId}/comments`), 200) as { items: Comment[]; guestLink: { createdAt: string } | null };

  it('lets the buyer and the seller talk in one thread, each under their name, the text exactly as typed', async () => {
    const { c, karin, journey, cookie } = await setting();
    const typed = 'Se <script>alert("x")</script> & <b>fetstil</b>\nhttps://kund.example/ritning?a=1&b=2 — tack!  ';
    const mine = json(await asBuyer(cookie, 'POST', `${PORTAL}/comments`, { text: typed }), 201) as Comment;
    expect(mine).toMatchObject({ author: { kind: 'contact', name: 'Karin Köpare', website: null }, text: typed, status: 'published' });
    const reply = json(await c.post(`/api/v1/journeys/${journey.id}/comments`, { text: 'Ritningen ser bra ut.' }), 201) as Comment;
    expect(reply).toMatchObject({ author: { kind: 'user', name: 'Ada Admin' }, status: 'published' });

    // Both see the same thread, oldest first, the markup as the characters typed.
    const room = await roomComments(cookie);
    expect(room.map((x) => [x.author.name, x.text])).toEqual([
      ['Karin Köpare', typed],
      ['Ada Admin', 'Ritningen ser bra ut.'],
    ]);
    expect((await sellerComments(c, journey.id)).items.map((x) => x.id)).toEqual([mine.id, reply.id]);

    // The seller's journey hears the buyer: the entry names them.
    const posted = (await timeline(c, journey.id)).filter((e) => e.kind === 'comment_posted');
    expect(posted).toHaveLength(2);
    expect(posted.find((e) => e.entityId === mine.id)?.data).toMatchObject({ author: { kind: 'contact', name: 'Karin Köpare' }, buyer: { contactId: karin.id, name: 'Karin Köpare' } });
    expect(posted.find((e) => e.entityId === reply.id)?.data.buyer).toBeUndefined();
  });

  it("keeps a guest's comment out of the room and the guest page until the seller approves it", async () => {
    const { c, journey, cookie } = await setting();
    expect((await sellerComments(c, journey.id)).guestLink).toBeNull();
    const made = json(await c.post(`/api/v1/journeys/${journey.id}/guest-link`), 201) as { link: string };
    expect(made.link).toMatch(/^\/p\/g\/[0-9a-f-]{36}\.[A-Za-z0-9_-]{43}$/);
    expect((await sellerComments(c, journey.id)).guestLink).toMatchObject({ createdAt: expect.any(String) });
    const token = tokenOf(made.link);

    json(await asBuyer(cookie, 'POST', `${PORTAL}/comments`, { text: 'Hej alla!' }), 201);
    const page = json(await asGuest('GET', `${PORTAL}/guest/${token}`), 200) as { journey: { title: string }; seller: { org: string }; items: Comment[] };
    expect(page).toMatchObject({ journey: { title: journey.title }, seller: { org: 'Test AB' } });
    expect(page.items.map((x) => x.text)).toEqual(['Hej alla!']);

    const waiting = json(await asGuest('POST', `${PORTAL}/guest/${token}/comments`, guest()), 202);
    expect(waiting).toEqual({ status: 'pending' });
    const second = json(await asGuest('POST', `${PORTAL}/guest/${token}/comments`, guest({ name: 'Spam Spamsson', website: null, text: 'Köp billiga klockor' })), 202);
    expect(second).toEqual({ status: 'pending' });

    // Not in the room, not on the guest page; the seller sees both, with the e-mail, waiting.
    expect((await roomComments(cookie)).map((x) => x.text)).toEqual(['Hej alla!']);
    expect(((json(await asGuest('GET', `${PORTAL}/guest/${token}`), 200) as { items: Comment[] }).items).map((x) => x.text)).toEqual(['Hej alla!']);
    const seen = (await sellerComments(c, journey.id)).items;
    const [gustav, spam] = seen.filter((x) => x.author.kind === 'guest');
    expect(gustav).toMatchObject({ status: 'pending', author: { name: 'Gustav Gäst', email: 'gustav@gast.example', website: 'https://gast.example/blogg' } });
    expect(spam).toMatchObject({ status: 'pending', author: { name: 'Spam Spamsson', website: null } });
    expect((await timeline(c, journey.id)).filter((e) => e.kind === 'comment_pending').map((e) => e.data.author)).toEqual([
      { kind: 'guest', name: 'Spam Spamsson' },
      { kind: 'guest', name: 'Gustav Gäst' },
    ]);

    // Approved, it shows everywhere, without the e-mail; rejected, nowhere but with the seller.
    expect(json(await c.post(`/api/v1/comments/${gustav!.id}/approve`), 200)).toMatchObject({ status: 'published', moderatedBy: { name: 'Ada Admin' } });
    expect(json(await c.post(`/api/v1/comments/${spam!.id}/reject`), 200)).toMatchObject({ status: 'rejected' });
    const room = await roomComments(cookie);
    expect(room.map((x) => [x.author.kind, x.author.name, x.author.website])).toEqual([
      ['contact', 'Karin Köpare', null],
      ['guest', 'Gustav Gäst', 'https://gast.example/blogg'],
    ]);
    expect(JSON.stringify(room)).not.toContain('gustav@gast.example');
    const guestPage = (await asGuest('GET', `${PORTAL}/guest/${token}`)).body;
    expect(guestPage).toContain('Gustav Gäst');
    expect(guestPage).not.toContain('gustav@gast.example');
    expect(guestPage).not.toContain('Spam Spamsson');
    const kinds = (await timeline(c, journey.id)).map((e) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['comment_approved', 'comment_rejected']));

    // Only a waiting comment can be decided, once.
    const again = await c.request('POST', `/api/v1/comments/${gustav!.id}/reject`, undefined, { 'accept-language': 'sv' });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ type: '/api/problems/conflict', detail: 'Bara en kommentar som väntar på godkännande kan godkännas eller avvisas; den här är publicerad.' });
    const mineToo = (await sellerComments(c, journey.id)).items.find((x) => x.author.kind === 'contact')!;
    expect((await c.post(`/api/v1/comments/${mineToo.id}/approve`)).statusCode).toBe(409);

    // A new link replaces the old one; a withdrawn one opens nothing.
    const newer = tokenOf((json(await c.post(`/api/v1/journeys/${journey.id}/guest-link`), 201) as { link: string }).link);
    for (const res of [await asGuest('GET', `${PORTAL}/guest/${token}`), await asGuest('POST', `${PORTAL}/guest/${token}/comments`, guest())]) {
      expect(res.statusCode).toBe(401);
      expect(res.json()).toMatchObject({ type: '/api/problems/portal_link_invalid' });
    }
    expect((await asGuest('GET', `${PORTAL}/guest/${newer}`)).statusCode).toBe(200);
    expect((await c.del(`/api/v1/journeys/${journey.id}/guest-link`)).statusCode).toBe(204);
    expect((await asGuest('GET', `${PORTAL}/guest/${newer}`)).statusCode).toBe(401);
    expect((await sellerComments(c, journey.id)).guestLink).toBeNull();
    expect((await c.del(`/api/v1/journeys/${journey.id}/guest-link`)).statusCode).toBe(204);
  });

  it('asks a guest for a name and a real e-mail, takes only an http(s) website, and refuses bad links', async () => {
    const { c, karin, journey, cookie } = await setting();
    const token = tokenOf((json(await c.post(`/api/v1/journeys/${journey.id}/guest-link`), 201) as { link: string }).link);
    const url = `${PORTAL}/guest/${token}/comments`;
    const cases: [string, Record<string, unknown>, string][] = [
      ['no e-mail', guest({ email: undefined }), 'body.email'],
      ['an e-mail that is not one', guest({ email: 'gustav at gast' }), 'body.email'],
      ['no name', guest({ name: undefined }), 'body.name'],
      ['a blank name', guest({ name: '   ' }), 'body.name'],
      ['a javascript: website', guest({ website: 'javascript:alert(1)' }), 'body.website'],
      ['a data: website', guest({ website: 'data:text/html,<b>x</b>' }), 'body.website'],
      ['no text', guest({ text: '' }), 'body.text'],
      ['a text over 4000 characters', guest({ text: 'x'.repeat(4001) }), 'body.text'],
      ['an unknown field', guest({ status: 'published' }), 'body.status'],
    ];
    const failures: string[] = [];
    for (const [what, body, field] of cases) {
      const res = await asGuest('POST', url, body);
      const problem = res.json() as { type?: string; errors?: { field: string }[] };
      const ok = res.statusCode === 422 && String(res.headers['content-type']).startsWith('application/problem+json') && problem.errors?.some((e) => e.field === field);
      if (!ok) failures.push(`${what}: ${res.statusCode} ${res.body.slice(0, 200)}`);
    }
    expect(failures).toEqual([]);
    const sv = await asGuest('POST', url, guest({ email: undefined, website: 'ftp://gast.example' }), { headers: { 'accept-language': 'sv' } });
    expect(sv.json().errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'body.email' }),
        { field: 'body.website', message: 'ska vara en webbadress som börjar med http:// eller https://' },
      ]),
    );
    // Nothing of it reached anyone.
    expect((await sellerComments(c, journey.id)).items).toEqual([]);
    expect(await roomComments(cookie)).toEqual([]);

    const [orgId, secret] = token.split('.') as [string, string];
    const other = await t.otherOrg();
    for (const bad of [`${orgId}.${secret.slice(0, -1)}${secret.endsWith('A') ? 'B' : 'A'}`, token.slice(0, -4), `${other.orgId}.${secret}`, 'not-a-link']) {
      const res = await asGuest('GET', `${PORTAL}/guest/${encodeURIComponent(bad)}`);
      expect(res.statusCode, bad).toBe(401);
      expect(res.json(), bad).toMatchObject({ type: '/api/problems/portal_link_invalid', detail: 'This link is not valid: it may be mistyped or cut short. Ask the seller for a new one.' });
    }
    // A magic link to the room is no guest link, and a guest link opens no room.
    const room = tokenOf((await makePortalInvite(c, journey.id, karin.id)).link);
    expect((await asGuest('GET', `${PORTAL}/guest/${room}`)).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: `${PORTAL}/sessions`, payload: { token } })).statusCode).toBe(401);
  });

  it("opens a case in the room that the seller sees, with the buyer's name and a priority from the account's tier", async () => {
    const { c, karin, journey, sent, orderId, cookie } = await setting();
    const opened = json(
      await asBuyer(cookie, 'POST', `${PORTAL}/cases`, { topic: 'Fel färg på lamporna', description: 'Vi beställde <vit>, fick svart.', quoteId: sent.id, orderId }),
      201,
    ) as Case;
    expect(opened).toMatchObject({
      journeyId: journey.id,
      topic: 'Fel färg på lamporna',
      description: 'Vi beställde <vit>, fick svart.',
      quoteId: sent.id,
      orderId,
      status: 'open',
      priority: 'low',
      openedBy: { kind: 'contact', name: 'Karin Köpare' },
      firstResponseAt: null,
      messages: [],
    });
    expect(opened).not.toHaveProperty('tier');

    // One order on the account makes it occasional: low.
    const list = (json(await c.get(`/api/v1/journeys/${journey.id}/cases`), 200) as { items: Case[] }).items;
    expect(list).toEqual([expect.objectContaining({ id: opened.id, openedBy: { kind: 'contact', name: 'Karin Köpare' }, priority: 'low', tier: 'occasional' })]);

    // The seller answers; the buyer answers back; both read the conversation.
    const answer = json(await c.post(`/api/v1/cases/${opened.id}/messages`, { text: 'Vi byter dem på måndag.' }), 201) as { author: { kind: string; name: string } };
    expect(answer.author).toEqual({ kind: 'user', name: 'Ada Admin' });
    json(await asBuyer(cookie, 'POST', `${PORTAL}/cases/${opened.id}/messages`, { text: 'Tack!' }), 201);
    json(await c.post(`/api/v1/cases/${opened.id}/messages`, { text: 'Bekräftat.' }), 201);
    const inRoom = (json(await asBuyer(cookie, 'GET', `${PORTAL}/cases`), 200) as { items: Case[] }).items;
    expect(inRoom).toHaveLength(1);
    expect(inRoom[0]!.messages.map((m) => [m.author.kind, m.author.name, m.text])).toEqual([
      ['user', 'Ada Admin', 'Vi byter dem på måndag.'],
      ['contact', 'Karin Köpare', 'Tack!'],
      ['user', 'Ada Admin', 'Bekräftat.'],
    ]);
    const one = json(await c.get(`/api/v1/cases/${opened.id}`), 200) as Case;
    expect(one.firstResponseAt).toBe(inRoom[0]!.firstResponseAt);
    expect(one.firstResponseAt).not.toBeNull();

    // The timeline has the case and every message, the buyer's marked as theirs.
    const entries = (await timeline(c, journey.id)).filter((e) => e.entityId === opened.id);
    expect(entries.map((e) => e.kind).sort()).toEqual(['case_message', 'case_message', 'case_message', 'case_opened']);
    expect(entries.find((e) => e.kind === 'case_opened')?.data).toMatchObject({ topic: 'Fel färg på lamporna', priority: 'low', buyer: { contactId: karin.id } });
    expect(entries.filter((e) => e.data.buyer).map((e) => e.kind).sort()).toEqual(['case_message', 'case_opened']);

    // A seller opens one too: named as the seller, in the room as well.
    const theirs = json(await c.post(`/api/v1/journeys/${journey.id}/cases`, { topic: 'Leveransen blev sen', description: 'Vi ber om ursäkt.' }), 201) as Case;
    expect(theirs).toMatchObject({ openedBy: { kind: 'user', name: 'Ada Admin' }, tier: 'occasional', priority: 'low', firstResponseAt: theirs.openedAt });
    expect(((json(await asBuyer(cookie, 'GET', `${PORTAL}/cases`), 200) as { items: Case[] }).items).map((x) => x.topic)).toEqual(['Fel färg på lamporna', 'Leveransen blev sen']);
  });

  it("sets a case's priority from the account's loyalty tier when it is opened", async () => {
    const { c, account, cookie } = await setting();
    const expected: [string, string][] = [
      ['champion', 'urgent'],
      ['loyal', 'high'],
      ['regular', 'normal'],
      ['at_risk', 'low'],
      ['occasional', 'low'],
    ];
    const db = t.db.store.db;
    for (const [tier, priority] of expected) {
      // Seeded through the database: a tier takes a year of orders to earn.
      await db.deleteFrom('account_loyalty').where('org_id', '=', c.orgId).where('account_id', '=', account.id).execute();
      await db
        .insertInto('account_loyalty')
        .values({ org_id: c.orgId, account_id: account.id, tier, first_order_on: '2025-01-01', last_order_on: '2026-11-01', order_days: 9, frequency: 9, monetary_minor: 900_000, r: 5, f: 5, m: 5, computed_at: t.clock.current.toISOString() })
        .execute();
      const opened = json(await asBuyer(cookie, 'POST', `${PORTAL}/cases`, { topic: `Ärende för ${tier}`, description: 'Något gick fel.' }), 201) as Case;
      expect(opened.priority, tier).toBe(priority);
      expect((json(await c.get(`/api/v1/cases/${opened.id}`), 200) as Case).tier).toBe(tier);
    }
  });

  it("refuses a case about a quote or order that is not the journey's, and keeps the room to its own cases", async () => {
    const mine = await setting();
    const sibling = json(await mine.c.post('/api/v1/journeys', { accountId: mine.account.id, title: 'Annan affär' }), 201) as { id: string };
    const siblingCase = json(await mine.c.post(`/api/v1/journeys/${sibling.id}/cases`, { topic: 'Syskonets ärende', description: 'x' }), 201) as Case;
    const theirs = await setting();
    const theirCase = json(await asBuyer(theirs.cookie, 'POST', `${PORTAL}/cases`, { topic: 'Deras ärende', description: 'y' }), 201) as Case;
    const otherAccount = json(await mine.c.post('/api/v1/accounts', { kind: 'company', name: `Annan ${++serial} AB` }), 201) as { id: string };
    const strangersOrder = await makeOrder(mine.c, otherAccount.id);

    const bad: [string, Record<string, unknown>, string][] = [
      ['a draft of this journey', { quoteId: mine.draft.id }, 'body.quoteId'],
      ["another org's quote", { quoteId: theirs.sent.id }, 'body.quoteId'],
      ["another account's order", { orderId: strangersOrder }, 'body.orderId'],
      ["another org's order", { orderId: theirs.orderId }, 'body.orderId'],
    ];
    for (const [what, refs, field] of bad) {
      const res = await asBuyer(mine.cookie, 'POST', `${PORTAL}/cases`, { topic: 'Fel', description: 'Fel', ...refs }, { 'accept-language': 'sv' });
      expect(res.statusCode, what).toBe(422);
      expect(res.json().errors[0].field, what).toBe(field);
    }
    // The seller may name a draft of the journey, not an order of another account.
    expect((await mine.c.post(`/api/v1/journeys/${mine.journey.id}/cases`, { topic: 'Utkastet', description: 'x', quoteId: mine.draft.id })).statusCode).toBe(201);
    const sellerBad = await mine.c.post(`/api/v1/journeys/${mine.journey.id}/cases`, { topic: 'Fel', description: 'x', orderId: strangersOrder });
    expect(sellerBad.statusCode).toBe(422);
    expect(sellerBad.json().errors[0]).toEqual({ field: 'body.orderId', message: "No order of the journey's account has that id." });

    for (const [what, id] of [
      ["another journey's case", siblingCase.id],
      ["another org's case", theirCase.id],
      ['no case', '01900000-0000-7000-8000-000000000000'],
    ] as const) {
      const res = await asBuyer(mine.cookie, 'POST', `${PORTAL}/cases/${id}/messages`, { text: 'Hallå?' });
      expect(res.statusCode, what).toBe(404);
      expect(res.json(), what).toMatchObject({ type: '/api/problems/not_found', detail: 'No case with that id in this room.' });
    }
    const cases = (json(await asBuyer(mine.cookie, 'GET', `${PORTAL}/cases`), 200) as { items: Case[] }).items;
    expect(cases.map((x) => x.topic)).toEqual(['Utkastet']);
    const body = JSON.stringify(cases);
    for (const id of [siblingCase.id, theirCase.id]) expect(body).not.toContain(id);
    // Nothing was written on the others' cases.
    expect((json(await mine.c.get(`/api/v1/cases/${siblingCase.id}`), 200) as Case).messages).toEqual([]);
    expect((json(await theirs.c.get(`/api/v1/cases/${theirCase.id}`), 200) as Case).messages).toEqual([]);
    // A comment posted in one room is not in another's.
    json(await asBuyer(theirs.cookie, 'POST', `${PORTAL}/comments`, { text: 'Bara hos oss' }), 201);
    expect(await roomComments(mine.cookie)).toEqual([]);
  });

  it('lets a seller who does not own the journey read the thread and the cases, but not post, moderate or make links', async () => {
    const { c, journey, cookie } = await setting();
    const token = tokenOf((json(await c.post(`/api/v1/journeys/${journey.id}/guest-link`), 201) as { link: string }).link);
    json(await asGuest('POST', `${PORTAL}/guest/${token}/comments`, guest()), 202);
    const opened = json(await asBuyer(cookie, 'POST', `${PORTAL}/cases`, { topic: 'Trasig', description: 'Lampan blinkar.' }), 201) as Case;
    const pending = (await sellerComments(c, journey.id)).items[0]!;
    const other = await t.user('seller', c);
    expect((await other.get(`/api/v1/journeys/${journey.id}/comments`)).statusCode).toBe(200);
    expect((await other.get(`/api/v1/journeys/${journey.id}/cases`)).statusCode).toBe(200);
    for (const [method, url, body] of [
      ['POST', `/api/v1/journeys/${journey.id}/comments`, { text: 'Hej' }],
      ['POST', `/api/v1/comments/${pending.id}/approve`, undefined],
      ['POST', `/api/v1/journeys/${journey.id}/guest-link`, undefined],
      ['DELETE', `/api/v1/journeys/${journey.id}/guest-link`, undefined],
      ['POST', `/api/v1/journeys/${journey.id}/cases`, { topic: 'x', description: 'y' }],
      ['POST', `/api/v1/cases/${opened.id}/messages`, { text: 'Hej' }],
    ] as const) {
      const res = await other.request(method, url, body);
      expect(res.statusCode, `${method} ${url}`).toBe(403);
    }
    expect((await sellerComments(c, journey.id)).items[0]!.status).toBe('pending');
  });

  it('keeps the thread and complaints open on a closed journey', async () => {
    const { c, journey, cookie } = await setting();
    json(await c.post(`/api/v1/journeys/${journey.id}/close`, { outcome: 'won', reason: 'Köparen valde oss' }), 200);
    json(await asBuyer(cookie, 'POST', `${PORTAL}/comments`, { text: 'Lamporna kom fram.' }), 201);
    const opened = json(await asBuyer(cookie, 'POST', `${PORTAL}/cases`, { topic: 'En var trasig', description: 'Den i hallen.' }), 201) as Case;
    json(await c.post(`/api/v1/cases/${opened.id}/messages`, { text: 'Vi skickar en ny.' }), 201);
    json(await c.post(`/api/v1/journeys/${journey.id}/comments`, { text: 'Tack för affären!' }), 201);
  });

  it('answers the buyer routes without a portal cookie, or with bad input, with problem+json', async () => {
    const { c, journey, cookie } = await setting();
    const opened = json(await c.post(`/api/v1/journeys/${journey.id}/cases`, { topic: 'x', description: 'y' }), 201) as Case;
    const calls: [Method, string, unknown][] = [
      ['GET', `${PORTAL}/comments`, undefined],
      ['POST', `${PORTAL}/comments`, { text: 'Hej' }],
      ['GET', `${PORTAL}/cases`, undefined],
      ['POST', `${PORTAL}/cases`, { topic: 'x', description: 'y' }],
      ['POST', `${PORTAL}/cases/${opened.id}/messages`, { text: 'Hej' }],
    ];
    for (const [method, url, body] of calls) {
      for (const headers of [{}, { authorization: `Bearer ${c.token}` }]) {
        const res = await t.app.inject({ method, url, headers, ...(body !== undefined && { payload: body as string }) });
        expect(res.statusCode, `${method} ${url}`).toBe(401);
        expect(res.json().type).toBe('/api/problems/unauthenticated');
      }
    }
    const send = (method: Method, url: string, payload: string, type = 'application/json') => asBuyer(cookie, method, url, payload, { 'content-type': type });
    const cases: [string, LightMyRequestResponse, number, string?][] = [
      ['a comment without text', await send('POST', `${PORTAL}/comments`, '{}'), 422, 'body.text'],
      ['a comment of spaces', await send('POST', `${PORTAL}/comments`, '{"text": "   "}'), 422, 'body.text'],
      ['a comment of a number', await send('POST', `${PORTAL}/comments`, '{"text": 42}'), 422, 'body.text'],
      ['a comment over 4000 characters', await send('POST', `${PORTAL}/comments`, JSON.stringify({ text: 'x'.repeat(4001) })), 422, 'body.text'],
      ['a comment with a status', await send('POST', `${PORTAL}/comments`, '{"text": "Hej", "status": "pending"}'), 422, 'body.status'],
      ['a comment with a NUL', await send('POST', `${PORTAL}/comments`, '{"text": "a\\u0000b"}'), 422, 'body.text'],
      ['a comment as a form', await send('POST', `${PORTAL}/comments`, 'text=Hej', 'application/x-www-form-urlencoded'), 415],
      ['broken JSON', await send('POST', `${PORTAL}/cases`, '{"topic":'), 400],
      ['a case without a topic', await send('POST', `${PORTAL}/cases`, '{"description": "y"}'), 422, 'body.topic'],
      ['a case without a description', await send('POST', `${PORTAL}/cases`, '{"topic": "x"}'), 422, 'body.description'],
      ['a case with a priority', await send('POST', `${PORTAL}/cases`, '{"topic": "x", "description": "y", "priority": "urgent"}'), 422, 'body.priority'],
      ['a case with a numeric quote', await send('POST', `${PORTAL}/cases`, '{"topic": "x", "description": "y", "quoteId": 7}'), 422, 'body.quoteId'],
      ['a message without text', await send('POST', `${PORTAL}/cases/${opened.id}/messages`, '{}'), 422, 'body.text'],
      ['a message to an over-long id', await send('POST', `${PORTAL}/cases/${'a'.repeat(100)}/messages`, '{"text": "x"}'), 404],
      ['a message to garbage', await send('POST', `${PORTAL}/cases/x'%20OR%20'1/messages`, '{"text": "x"}'), 404],
    ];
    const failures = cases.flatMap(([what, res, status, field]) => {
      const body = res.json() as { errors?: { field: string }[] };
      const ok = res.statusCode === status && String(res.headers['content-type']).startsWith('application/problem+json') && (!field || body.errors?.some((e) => e.field === field));
      return ok ? [] : [`${what}: ${res.statusCode} ${res.body.slice(0, 200)}`];
    });
    expect(failures).toEqual([]);
    expect(await roomComments(cookie)).toEqual([]);
    expect((json(await c.get(`/api/v1/cases/${opened.id}`), 200) as Case).messages).toEqual([]);
  });
});

describe.each(BACKENDS)('guest comment limits on %s', (backend) => {
  let t: TestApp;
  beforeAll(async () => {
    // The limits as shipped: 10 guest comments per address an hour.
    t = await startTestApp(backend, { portalLimits: defaultPortalLimits() });
  });
  afterAll(async () => t.close());

  it('takes 10 comments an hour from one address, refuses the 11th with Retry-After, and takes them again an hour later', async () => {
    const c = t.admin;
    const account = (await c.post('/api/v1/accounts', { kind: 'company', name: 'Gräns AB' })).json() as { id: string };
    const journey = (await c.post('/api/v1/journeys', { accountId: account.id, title: 'Gränsfallet' })).json() as { id: string };
    const token = tokenOf(((await c.post(`/api/v1/journeys/${journey.id}/guest-link`)).json() as { link: string }).link);
    const post = (address: string, headers: Record<string, string> = {}) =>
      t.app.inject({ method: 'POST', url: `${PORTAL}/guest/${token}/comments`, remoteAddress: address, headers, payload: guest() });
    for (let i = 1; i <= 10; i++) expect((await post('192.0.2.7')).statusCode, `comment ${i}`).toBe(202);
    const refused = await post('192.0.2.7', { 'accept-language': 'sv' });
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.json()).toMatchObject({ type: '/api/problems/rate_limited', detail: 'För många kommentarer från den här adressen på kort tid. Försök igen om 60 minuter.' });
    // Another address has its own count; the refused one was not stored.
    expect((await post('192.0.2.8')).statusCode).toBe(202);
    expect(((await c.get(`/api/v1/journeys/${journey.id}/comments`)).json() as { items: unknown[] }).items).toHaveLength(11);
    t.clock.advance(HOUR + 1);
    expect((await post('192.0.2.7')).statusCode).toBe(202);
    // Sent all at once, the count still holds: nine more of that hour, then refusals.
    const burst = await Promise.all(Array.from({ length: 15 }, () => post('192.0.2.7')));
    expect(burst.filter((r) => r.statusCode === 202)).toHaveLength(9);
    expect(burst.filter((r) => r.statusCode === 429)).toHaveLength(6);
    expect(((await c.get(`/api/v1/journeys/${journey.id}/comments`)).json() as { items: unknown[] }).items).toHaveLength(21);
  });
});
