/**
 * The buyer's room through the API, on both backends: a seller invites a
 * contact, the magic link becomes a portal cookie, the room shows the journey,
 * and the buyer opens and accepts the quote. Expired, revoked and tampered
 * links are refused with their own problem types; a portal session reaches
 * only its own journey; portal and seller credentials never cross.
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FailureLimiter } from '../../src/app/rate-limit.ts';
import { BACKENDS } from '../helpers/backends.ts';
import { makePortalInvite, startTestApp, type Client, type Method, type TestApp } from '../helpers/app.ts';
import { buyerRequests, expectJson, PORTAL, tokenOf } from '../helpers/portal.ts';

const DAY = 86_400_000;
// The test clock stands at 2026-11-29 09:00 UTC; New Year's Eve 22:30 in Stockholm:
const NYE = '2026-12-31T21:30:00Z';
let serial = 0;

interface Room {
  you: { contactId: string; name: string };
  seller: { org: string | null; name: string | null };
  journey: { id: string; title: string };
  stages: { key: string; name: string; state: string }[];
  currentStage: { key: string; name: string };
  criteria: { key: string; text: string; met: boolean }[];
  planSteps: { title: string; owner: { kind: string; name: string | null } | null; done: boolean }[];
  buyingGroup: { id: string; name: string; buyingRole: string | null; you: boolean }[];
  quotes: { id: string; status: string; totalMinor: number; lines: { productId: string; adjustments: unknown[] }[]; consent: { required: boolean } }[];
}

const problem = (res: LightMyRequestResponse) => ({ status: res.statusCode, contentType: String(res.headers['content-type']), ...(res.json() as { type: string; detail: string }) });

describe.each(BACKENDS)('the portal on %s', (backend) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(backend);
  });
  afterAll(async () => t.close());

  const json = expectJson;

  const { asBuyer, enter: enterLink } = buyerRequests(() => t.app);

  const redeem = (token: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'POST', url: `${PORTAL}/sessions`, payload: { token }, headers });

  /** Opens the link and returns the portal cookie's value. */
  const enter = enterLink;

  /**
   * An org with a 100 kr product and the New Year's Eve rule ×3; a journey with
   * two contacts, plan steps, a quote sent (priced at New Year's Eve, so consent
   * is asked) and a later draft.
   */
  async function setting(c?: Client) {
    c ??= await t.otherOrg();
    const product = json(await c.post('/api/v1/products', { sku: `TAXI-${++serial}`, name: { sv: 'Taxiresa', en: 'Taxi ride' }, listPriceMinor: 10_000 }), 201) as { id: string };
    json(await c.post('/api/v1/price-rules', { kind: 'demand', reason: { sv: 'Nyårsafton', en: "New Year's Eve" }, window: { type: 'absolute', from: '2026-12-31T22:00', to: '2027-01-01T04:00' }, multiplier: 3 }), 201);
    const account = json(await c.post('/api/v1/accounts', { kind: 'company', name: `Köpare ${++serial} AB` }), 201) as { id: string };
    const karin = json(await c.post(`/api/v1/accounts/${account.id}/contacts`, { name: 'Karin Köpare', email: 'karin@kund.example', buyingRole: 'economic_buyer' }), 201) as { id: string };
    const per = json(await c.post(`/api/v1/accounts/${account.id}/contacts`, { name: 'Per Tekniker', buyingRole: 'user' }), 201) as { id: string };
    const journey = json(await c.post('/api/v1/journeys', { accountId: account.id, title: `Nyårsresan ${serial}` }), 201) as { id: string };
    json(await c.post(`/api/v1/journeys/${journey.id}/plan-steps`, { title: 'Boka bilarna', owner: { contactId: karin.id }, dueDate: '2026-12-20' }), 201);
    json(await c.post(`/api/v1/journeys/${journey.id}/plan-steps`, { title: 'Skicka körschema', owner: { userId: c.userId } }), 201);
    const sent = json(await c.post(`/api/v1/journeys/${journey.id}/quotes`, { lines: [{ productId: product.id, quantity: 1 }], at: NYE }), 201) as { id: string };
    json(await c.post(`/api/v1/quotes/${sent.id}/send`, {}), 200);
    const draft = json(await c.post(`/api/v1/journeys/${journey.id}/quotes`, { lines: [{ productId: product.id, quantity: 5 }] }), 201) as { id: string };
    return { c, product, account, karin, per, journey, sent, draft };
  }

  it('invites a contact, turns the link into a portal cookie, and shows the room: stages, plan, group and the sent quote, never the draft', async () => {
    const { c, karin, per, journey, sent, draft } = await setting();
    const res = await c.post(`/api/v1/journeys/${journey.id}/portal-invites`, { contactId: karin.id });
    const invite = json(res, 201) as { id: string; link: string; state: string; contact: { name: string }; email: string; expiresAt: string };
    expect(invite).toMatchObject({ state: 'pending', contact: { name: 'Karin Köpare' }, email: 'karin@kund.example', expiresAt: new Date(t.clock.current.getTime() + 30 * DAY).toISOString() });
    expect(invite.link).toMatch(/^\/p\/[0-9a-f-]{36}\.[A-Za-z0-9_-]{43}$/);
    expect(JSON.stringify(invite)).not.toContain('token_hash');

    const opened = await redeem(tokenOf(invite.link));
    expect(opened.statusCode, opened.body).toBe(201);
    expect(opened.json()).toMatchObject({ journeyId: journey.id, contact: { id: karin.id, name: 'Karin Köpare' } });
    const setCookie = String(opened.headers['set-cookie']);
    expect(setCookie).toMatch(/^h2h_portal=/);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Lax');
    expect(setCookie).toContain('Path=/api/portal');
    const cookie = opened.cookies.find((k) => k.name === 'h2h_portal')!.value;
    // The cookie is a session of its own: not the link's secret.
    expect(cookie).not.toBe(tokenOf(invite.link));

    const room = json(await asBuyer(cookie, 'GET', `${PORTAL}/room`, undefined, { 'accept-language': 'sv' }), 200) as Room;
    expect(room.you).toEqual({ contactId: karin.id, name: 'Karin Köpare' });
    expect(room.journey).toMatchObject({ id: journey.id, title: expect.stringMatching(/^Nyårsresan/) });
    expect(room.stages.length).toBeGreaterThan(2);
    expect(room.stages[0]).toMatchObject({ state: 'current' });
    expect(room.currentStage.name).toBe(room.stages[0]!.name);
    expect(room.criteria.length).toBeGreaterThan(0);
    expect(room.criteria.every((k) => typeof k.met === 'boolean' && k.text.length > 0)).toBe(true);
    expect(room.planSteps.map((s) => [s.title, s.owner?.kind, s.owner?.name])).toEqual([
      ['Boka bilarna', 'contact', 'Karin Köpare'],
      ['Skicka körschema', 'user', 'Ada Admin'],
    ]);
    expect(room.buyingGroup.map((g) => [g.name, g.buyingRole, g.you]).sort()).toEqual([
      ['Karin Köpare', 'economic_buyer', true],
      ['Per Tekniker', 'user', false],
    ]);
    expect(room.quotes.map((q) => q.id)).toEqual([sent.id]);
    expect(room.quotes[0]).toMatchObject({ status: 'sent', totalMinor: 20_000, consent: { required: true } });
    expect(room.quotes[0]!.lines[0]!.adjustments.length).toBeGreaterThan(0);
    expect(JSON.stringify(room)).not.toContain(draft.id);
    expect(room.buyingGroup.some((g) => g.id === per.id)).toBe(true);

    // The seller sees who was invited and that the link was used, on the list and the timeline.
    const list = json(await c.get(`/api/v1/journeys/${journey.id}/portal-invites`), 200) as { items: { id: string; state: string; usedAt: string | null }[] };
    expect(list.items).toEqual([expect.objectContaining({ id: invite.id, state: 'used', usedAt: expect.any(String) })]);
    expect(JSON.stringify(list)).not.toContain(tokenOf(invite.link).split('.')[1]);
    const timeline = (json(await c.get(`/api/v1/journeys/${journey.id}/timeline`), 200) as { items: { kind: string }[] }).items.map((e) => e.kind);
    expect(timeline).toEqual(expect.arrayContaining(['portal_invited', 'portal_joined']));

    // A buyer clicks twice: the link opens the room again while it is valid.
    expect((await redeem(tokenOf(invite.link))).statusCode).toBe(201);

    // Leaving ends the session.
    const left = await asBuyer(cookie, 'POST', `${PORTAL}/sessions/end`);
    expect(left.statusCode).toBe(204);
    expect(String(left.headers['set-cookie'])).toMatch(/^h2h_portal=;/);
    expect((await asBuyer(cookie, 'GET', `${PORTAL}/room`)).statusCode).toBe(401);
  });

  it('refuses to invite a contact of another account', async () => {
    const { c, journey } = await setting();
    const other = json(await c.post('/api/v1/accounts', { kind: 'company', name: `Annan ${++serial} AB` }), 201) as { id: string };
    const stranger = json(await c.post(`/api/v1/accounts/${other.id}/contacts`, { name: 'Sven Annan' }), 201) as { id: string };
    const res = await c.request('POST', `/api/v1/journeys/${journey.id}/portal-invites`, { contactId: stranger.id }, { 'accept-language': 'sv' });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0]).toEqual({ field: 'body.contactId', message: 'Ingen kontakt på affärens konto har det id:t.' });
  });

  it("meets price_explained on the seller's page when the buyer opens the quote, and accepts it with the typed consent", async () => {
    const { c, karin, journey, sent } = await setting();
    // Move the journey to decide, where price_explained is asked.
    for (let i = 0; i < 3; i++) json(await c.post(`/api/v1/journeys/${journey.id}/advance`, { overrideReason: 'Testet hoppar fram' }), 200);
    const criterion = async (key: string) => ((json(await c.get(`/api/v1/journeys/${journey.id}`), 200) as { criteria: { key: string; met: boolean }[] }).criteria).find((x) => x.key === key);
    expect(await criterion('price_explained')).toMatchObject({ met: false });

    const cookie = await enter((await makePortalInvite(c, journey.id, karin.id)).link);
    const viewed = json(await asBuyer(cookie, 'POST', `${PORTAL}/quotes/${sent.id}/view`), 200) as { status: string };
    expect(viewed.status).toBe('viewed');
    expect(await criterion('price_explained')).toMatchObject({ met: true });
    const room = json(await asBuyer(cookie, 'GET', `${PORTAL}/room`), 200) as Room;
    expect(room.criteria.find((k) => k.key === 'price_explained')).toMatchObject({ met: true });

    // Twice what they usually pay: the buyer types the multiple shown.
    const none = await asBuyer(cookie, 'POST', `${PORTAL}/quotes/${sent.id}/accept`, {}, { 'accept-language': 'sv' });
    expect(none.statusCode).toBe(422);
    expect(none.json().errors[0]).toMatchObject({ field: 'body.consent', message: 'Det här priset är 2,0 gånger vad du brukar betala: skriv 2,0 för att godkänna det.' });
    const accepted = json(await asBuyer(cookie, 'POST', `${PORTAL}/quotes/${sent.id}/accept`, { consent: '2,0' }), 200) as { status: string; acceptedBy: unknown };
    expect(accepted).toMatchObject({ status: 'accepted', acceptedBy: { name: 'Karin Köpare' } });

    // The seller sees it: the quote names the contact, the timeline says who.
    const seen = json(await c.get(`/api/v1/quotes/${sent.id}`), 200) as { status: string; acceptedBy: { name: string; contactId: string; consentTyped: string } };
    expect(seen).toMatchObject({ status: 'accepted', acceptedBy: { name: 'Karin Köpare', contactId: karin.id, consentTyped: '2,0' } });
    const timeline = (json(await c.get(`/api/v1/journeys/${journey.id}/timeline`), 200) as { items: { kind: string; data: { by?: string } }[] }).items;
    expect(timeline.find((e) => e.kind === 'quote_accepted')?.data.by).toBe('Karin Köpare');
    expect((await asBuyer(cookie, 'POST', `${PORTAL}/quotes/${sent.id}/accept`, { consent: '2,0' })).statusCode).toBe(409);
  });

  it('refuses expired, revoked and tampered links, each with its own clear problem', async () => {
    const { c, karin, journey } = await setting();
    const start = new Date(t.clock.current);
    try {
      // Expired: 30 days and a minute later. A session it opened lasts 14 days at most.
      const old = await makePortalInvite(c, journey.id, karin.id);
      const cookie = await enter(old.link);
      t.clock.advance(15 * DAY);
      expect((await asBuyer(cookie, 'GET', `${PORTAL}/room`)).statusCode).toBe(401);
      t.clock.advance(15 * DAY + 60_000);
      const expired = problem(await redeem(tokenOf(old.link)));
      expect(expired).toMatchObject({ status: 410, type: '/api/problems/portal_link_expired', contentType: expect.stringContaining('application/problem+json') });
      expect(expired.detail).toBe(`This link expired on ${new Date(start.getTime() + 30 * DAY).toISOString().slice(0, 10)}. Ask the seller for a new one.`);
      const list = json(await c.get(`/api/v1/journeys/${journey.id}/portal-invites`), 200) as { items: { id: string; state: string }[] };
      expect(list.items.find((i) => i.id === old.id)?.state).toBe('expired');
    } finally {
      t.clock.current = start;
    }

    // Revoked: the link stops working and the session it opened ends.
    const invite = await makePortalInvite(c, journey.id, karin.id);
    const cookie = await enter(invite.link);
    expect((await asBuyer(cookie, 'GET', `${PORTAL}/room`)).statusCode).toBe(200);
    const revoked = json(await c.post(`/api/v1/portal-invites/${invite.id}/revoke`), 200) as { state: string; revokedAt: string };
    expect(revoked.state).toBe('revoked');
    expect((await asBuyer(cookie, 'GET', `${PORTAL}/room`)).statusCode).toBe(401);
    const refused = problem(await redeem(tokenOf(invite.link)));
    expect(refused).toMatchObject({ status: 410, type: '/api/problems/portal_link_revoked', detail: expect.stringContaining('withdrawn by the seller') });
    const sv = problem(await redeem(tokenOf(invite.link), { 'accept-language': 'sv' }));
    expect(sv.detail).toMatch(/^Säljaren drog tillbaka länken \d{4}-\d{2}-\d{2}\./);
    // Revoking again changes nothing.
    expect(json(await c.post(`/api/v1/portal-invites/${invite.id}/revoke`), 200)).toMatchObject({ state: 'revoked', revokedAt: revoked.revokedAt });
    const timeline = (json(await c.get(`/api/v1/journeys/${journey.id}/timeline`), 200) as { items: { kind: string }[] }).items.map((e) => e.kind);
    expect(timeline.filter((k) => k === 'portal_invite_revoked')).toHaveLength(1);

    // Tampered, cut short, another org's prefix, or not a link at all.
    const good = tokenOf((await makePortalInvite(c, journey.id, karin.id)).link);
    const [orgId, secret] = good.split('.') as [string, string];
    const flipped = `${orgId}.${secret.slice(0, -1)}${secret.endsWith('A') ? 'B' : 'A'}`;
    const other = await t.otherOrg();
    for (const bad of [flipped, good.slice(0, -5), `${other.orgId}.${secret}`, 'not-a-link', `/p/${flipped}`]) {
      const res = problem(await redeem(bad));
      expect(res, bad).toMatchObject({ status: 401, type: '/api/problems/portal_link_invalid', detail: 'This link is not valid: it may be mistyped or cut short. Ask the seller for a new one.' });
    }
    expect(problem(await redeem(flipped, { 'accept-language': 'sv' })).detail).toBe('Länken är inte giltig: den kan vara felskriven eller avklippt. Be säljaren om en ny.');
    // The good one still works, also as the whole path.
    expect((await redeem(`/p/${good}`)).statusCode).toBe(201);
  });

  it("reaches only its own journey: another journey's or org's quote, a draft, or no quote at all is 404 on every portal route with an id", async () => {
    const mine = await setting();
    // Another journey of the same org and account, and one of another org.
    const sibling = json(await mine.c.post('/api/v1/journeys', { accountId: mine.account.id, title: 'Annan affär' }), 201) as { id: string };
    const siblingQuote = json(await mine.c.post(`/api/v1/journeys/${sibling.id}/quotes`, { lines: [{ productId: mine.product.id, quantity: 1 }] }), 201) as { id: string };
    json(await mine.c.post(`/api/v1/quotes/${siblingQuote.id}/send`, {}), 200);
    const theirs = await setting();
    const cookie = await enter((await makePortalInvite(mine.c, mine.journey.id, mine.karin.id)).link);

    const doc = json(await t.app.inject({ method: 'GET', url: '/api/openapi.json' }), 200) as { paths: Record<string, Record<string, unknown>> };
    const withIds = Object.entries(doc.paths)
      // The room's other routes with ids (plan steps, criteria, concerns) are swept in test/api/portal-room.test.ts.
      .filter(([p]) => p.startsWith(`${PORTAL}/quotes/`) && p.includes('{id}'))
      .flatMap(([p, ops]) => Object.keys(ops).map((m) => ({ method: m.toUpperCase() as Method, path: p })));
    expect(withIds.map((r) => `${r.method} ${r.path}`).sort()).toEqual([`POST ${PORTAL}/quotes/{id}/accept`, `POST ${PORTAL}/quotes/{id}/decline`, `POST ${PORTAL}/quotes/{id}/view`]);
    const failures: string[] = [];
    for (const r of withIds) {
      const body = r.path.endsWith('/accept') ? { consent: '2,0' } : undefined;
      for (const [what, id] of [
        ["another journey's quote", siblingQuote.id],
        ["another org's quote", theirs.sent.id],
        ["another org's draft", theirs.draft.id],
        ['a draft of this journey', mine.draft.id],
        ['no quote', '01900000-0000-7000-8000-000000000000'],
      ] as const) {
        const res = await asBuyer(cookie, r.method, r.path.replace('{id}', id), body);
        const ok = res.statusCode === 404 && res.json().type === '/api/problems/not_found' && res.json().detail === 'No quote with that id in this room.';
        if (!ok) failures.push(`${r.method} ${r.path} with ${what}: ${res.statusCode} ${res.body.slice(0, 200)}`);
      }
    }
    expect(failures).toEqual([]);
    // Nothing was touched: the other quotes are still as sent.
    expect((json(await mine.c.get(`/api/v1/quotes/${siblingQuote.id}`), 200) as { status: string }).status).toBe('sent');
    expect((json(await theirs.c.get(`/api/v1/quotes/${theirs.sent.id}`), 200) as { status: string }).status).toBe('sent');
    // The room names only its own journey.
    const room = (await asBuyer(cookie, 'GET', `${PORTAL}/room`)).body;
    for (const id of [sibling.id, siblingQuote.id, theirs.journey.id, theirs.sent.id, theirs.karin.id]) expect(room).not.toContain(id);
    // The seller routes for invites are not reachable across orgs either (the tenancy sweep covers them all).
    expect((await theirs.c.get(`/api/v1/journeys/${mine.journey.id}/portal-invites`)).statusCode).toBe(404);
  });

  it('keeps the two sides apart: a seller token or session never opens the room, a portal cookie never reaches /api/v1', async () => {
    const { c, karin, journey, sent } = await setting();
    const cookie = await enter((await makePortalInvite(c, journey.id, karin.id)).link);
    const email = `saljare-${++serial}@portal.example`;
    json(await c.post('/api/v1/users', { email, name: 'Sara Säljare', role: 'seller', password: 'a long enough password' }), 201);
    const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: 'a long enough password' } });
    const session = login.cookies.find((k) => k.name === 'h2h_session')!.value;

    const portalCalls: [Method, string, unknown][] = [
      ['GET', `${PORTAL}/room`, undefined],
      ['POST', `${PORTAL}/quotes/${sent.id}/view`, undefined],
      ['POST', `${PORTAL}/quotes/${sent.id}/accept`, { consent: '2,0' }],
    ];
    const failures: string[] = [];
    for (const [method, url, body] of portalCalls) {
      for (const [who, headers] of [
        ['an API token', { authorization: `Bearer ${c.token}` }],
        ['a seller session', { cookie: `h2h_session=${session}` }],
        ['the portal session as a seller cookie', { cookie: `h2h_session=${cookie}` }],
        ['the portal session as a bearer token', { authorization: `Bearer ${cookie}` }],
      ] as const) {
        const res = await t.app.inject({ method, url, headers, ...(body !== undefined && { payload: body as string }) });
        if (res.statusCode !== 401 || res.json().type !== '/api/problems/unauthenticated') failures.push(`${method} ${url} with ${who}: ${res.statusCode}`);
      }
    }
    for (const url of ['/api/v1/me', `/api/v1/journeys/${journey.id}`, `/api/v1/quotes/${sent.id}`, `/api/v1/journeys/${journey.id}/portal-invites`]) {
      for (const [who, headers] of [
        ['the portal cookie', { cookie: `h2h_portal=${cookie}` }],
        ['the portal session as a seller cookie', { cookie: `h2h_session=${cookie}` }],
        ['the portal session as a bearer token', { authorization: `Bearer ${cookie}` }],
      ] as const) {
        const res = await t.app.inject({ method: 'GET', url, headers });
        if (res.statusCode !== 401) failures.push(`GET ${url} with ${who}: ${res.statusCode}`);
      }
    }
    expect(failures).toEqual([]);
    // Nothing of the above accepted the quote.
    expect((json(await c.get(`/api/v1/quotes/${sent.id}`), 200) as { status: string }).status).toBe('sent');
    // And without any cookie the room says how to get in.
    const anonymous = problem(await asBuyer(null, 'GET', `${PORTAL}/room`, undefined, { 'accept-language': 'sv' }));
    expect(anonymous).toMatchObject({ status: 401, detail: 'Öppna länken i din inbjudan för att komma in i rummet.' });
  });

  it('answers bad input to the portal routes with problem+json', async () => {
    const { c, karin, journey, sent } = await setting();
    const cookie = await enter((await makePortalInvite(c, journey.id, karin.id)).link);
    const send = (method: Method, url: string, payload: string, type = 'application/json') => asBuyer(cookie, method, url, payload, { 'content-type': type });
    const cases: [string, LightMyRequestResponse, number, string?][] = [
      ['sessions without a token', await send('POST', `${PORTAL}/sessions`, '{}'), 422, 'body.token'],
      ['sessions with a number', await send('POST', `${PORTAL}/sessions`, '{"token": 42}'), 422, 'body.token'],
      ['sessions with an unknown field', await send('POST', `${PORTAL}/sessions`, '{"token": "x", "user": "admin"}'), 422, 'body.user'],
      ['sessions with a long token', await send('POST', `${PORTAL}/sessions`, JSON.stringify({ token: 'x'.repeat(100_000) })), 422, 'body.token'],
      ['sessions with broken JSON', await send('POST', `${PORTAL}/sessions`, '{"token":'), 400],
      ['sessions as a form', await send('POST', `${PORTAL}/sessions`, 'token=x', 'application/x-www-form-urlencoded'), 415],
      ['accept with a number', await send('POST', `${PORTAL}/quotes/${sent.id}/accept`, '{"consent": 2}'), 422, 'body.consent'],
      ['accept with a name', await send('POST', `${PORTAL}/quotes/${sent.id}/accept`, '{"name": "Någon Annan"}'), 422, 'body.name'],
      ['view with a body', await send('POST', `${PORTAL}/quotes/${sent.id}/view`, '{"status": "accepted"}'), 422],
      ['view with an over-long id', await asBuyer(cookie, 'POST', `${PORTAL}/quotes/${'a'.repeat(100)}/view`), 404],
    ];
    const failures = cases.flatMap(([what, res, status, field]) => {
      const body = res.json() as { type?: string; errors?: { field: string }[] };
      const ok = res.statusCode === status && String(res.headers['content-type']).startsWith('application/problem+json') && (!field || body.errors?.some((e) => e.field === field));
      return ok ? [] : [`${what}: ${res.statusCode} ${res.body.slice(0, 200)}`];
    });
    expect(failures).toEqual([]);
    expect((json(await c.get(`/api/v1/quotes/${sent.id}`), 200) as { status: string }).status).toBe('sent');
  });
});

describe.each(BACKENDS)('portal rate limits on %s', (backend) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(backend, { portalLimits: { invitesPerUser: new FailureLimiter(2, 60 * 60_000), redeemPerAddress: new FailureLimiter(3, 15 * 60_000) } });
  });
  afterAll(async () => t.close());

  it('limits invitations per user and links opened per address, with Retry-After', async () => {
    const c = t.admin;
    const account = (await c.post('/api/v1/accounts', { kind: 'company', name: 'Gräns AB' })).json() as { id: string };
    const contact = (await c.post(`/api/v1/accounts/${account.id}/contacts`, { name: 'Gun Gräns' })).json() as { id: string };
    const journey = (await c.post('/api/v1/journeys', { accountId: account.id, title: 'Gränsfallet' })).json() as { id: string };
    const first = await makePortalInvite(c, journey.id, contact.id);
    await makePortalInvite(c, journey.id, contact.id);
    const third = await c.post(`/api/v1/journeys/${journey.id}/portal-invites`, { contactId: contact.id });
    expect(third.statusCode).toBe(429);
    expect(third.headers['retry-after']).toBeDefined();
    expect(third.json()).toMatchObject({ type: '/api/problems/rate_limited', detail: 'Too many invitations in a short time. Try again in 60 minutes.' });
    // Another user of the org has their own count.
    const other = await t.user('seller');
    const own = (await other.post('/api/v1/journeys', { accountId: account.id, title: 'Egen' })).json() as { id: string };
    expect((await other.post(`/api/v1/journeys/${own.id}/portal-invites`, { contactId: contact.id })).statusCode).toBe(201);

    // Every attempt from one address counts, good links and bad.
    const open = (token: string) => t.app.inject({ method: 'POST', url: '/api/portal/v1/sessions', payload: { token } });
    expect((await open('guess-1')).statusCode).toBe(401);
    expect((await open(first.link.slice(3))).statusCode).toBe(201);
    expect((await open('guess-2')).statusCode).toBe(401);
    const limited = await open(first.link.slice(3));
    expect(limited.statusCode).toBe(429);
    expect(limited.json().detail).toBe('Too many attempts to open a link from this address in a short time. Try again in 15 minutes.');
    t.clock.advance(15 * 60_000 + 1);
    expect((await open(first.link.slice(3))).statusCode).toBe(201);
  });
});
