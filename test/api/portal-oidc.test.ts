/**
 * Buyers signing in with OpenID Connect, on both backends, against a real
 * issuer (oidc-provider on loopback, test/helpers/oidc.ts): a contact with a
 * live invite gets the room of their newest invite and the seller sees them
 * join; an e-mail with no live invite, an unverified e-mail, a refusal at the
 * provider and a tampered state all land on the room's page with a reason and
 * no session; without OIDC set up the routes say so plainly.
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { buildServer } from '../../src/http/server.ts';
import { BACKENDS } from '../helpers/backends.ts';
import { makePortalInvite, startTestApp, type Client, type TestApp } from '../helpers/app.ts';
import { startTestIssuer, type TestIssuer } from '../helpers/oidc.ts';

const DAY = 86_400_000;
const PORTAL = '/api/portal/v1';
const H2H = 'http://h2h.test';
const CALLBACK = `${H2H}${PORTAL}/oidc/callback`;
let serial = 0;

describe.each(BACKENDS)('signing in to the room with OIDC on %s', (backend) => {
  let idp: TestIssuer;
  let t: TestApp;
  beforeAll(async () => {
    idp = await startTestIssuer({ accounts: [], redirectUris: [CALLBACK] });
    t = await startTestApp(backend, { publicUrl: H2H, portalOidc: idp.settings() });
  });
  afterAll(async () => {
    await t?.close();
    await idp?.close();
  });

  const json = (res: LightMyRequestResponse, status: number) => {
    expect(res.statusCode, res.body).toBe(status);
    return res.json();
  };
  const cookieOf = (res: LightMyRequestResponse, name: string) => res.cookies.find((c) => c.name === name);

  /** A buyer of an org of its own: an account, a contact with a unique e-mail (an account at the issuer too), a journey. */
  async function buyer(opts: { emailVerified?: boolean } = {}) {
    const c = await t.otherOrg();
    const n = ++serial;
    const email = `Karin.${n}@Kund.example`;
    idp.addAccount({ email: email.toLowerCase(), emailVerified: opts.emailVerified ?? true });
    const account = json(await c.post('/api/v1/accounts', { kind: 'company', name: `Köpare ${n} AB` }), 201) as { id: string };
    const karin = json(await c.post(`/api/v1/accounts/${account.id}/contacts`, { name: 'Karin Köpare', email, buyingRole: 'economic_buyer' }), 201) as { id: string };
    const journey = await newJourney(c, account.id);
    return { c, email, account, karin, journey };
  }
  const newJourney = async (c: Client, accountId: string) => json(await c.post('/api/v1/journeys', { accountId, title: `Resan ${++serial}` }), 201) as { id: string; title: string };

  /** The whole round: H2H's start, the issuer's sign-in form as `email`, H2H's callback with the transaction cookie. */
  async function signIn(email: string, tamper?: (callback: URL) => void) {
    const start = await t.app.inject({ method: 'GET', url: `${PORTAL}/oidc/start` });
    expect(start.statusCode, start.body).toBe(302);
    const transaction = cookieOf(start, 'h2h_oidc');
    expect(transaction).toBeDefined();
    const back = await idp.signIn(String(start.headers.location), email);
    tamper?.(back);
    return t.app.inject({ method: 'GET', url: back.pathname + back.search, headers: { cookie: `h2h_oidc=${transaction!.value}` } });
  }

  const room = async (cookie: string) => json(await t.app.inject({ method: 'GET', url: `${PORTAL}/room`, headers: { cookie: `h2h_portal=${cookie}` } }), 200) as { you: { contactId: string; name: string }; journey: { id: string } };
  const joined = async (c: Client, journeyId: string) =>
    (json(await c.get(`/api/v1/journeys/${journeyId}/timeline`), 200) as { items: { kind: string; data: { contactId?: string; name?: string } }[] }).items.filter((e) => e.kind === 'portal_joined');

  it('says it is on, and names the account in the buyer\'s language', async () => {
    expect(json(await t.app.inject({ method: 'GET', url: `${PORTAL}/oidc` }), 200)).toEqual({ enabled: true, name: 'your company account' });
    expect(json(await t.app.inject({ method: 'GET', url: `${PORTAL}/oidc`, headers: { 'accept-language': 'sv' } }), 200)).toEqual({ enabled: true, name: 'ditt företagskonto' });
    const named = await buildServer({ ctx: t.ctx, portalOidc: idp.settings('Kund AB:s konto') });
    try {
      expect(json(await named.inject({ method: 'GET', url: `${PORTAL}/oidc`, headers: { 'accept-language': 'sv' } }), 200)).toEqual({ enabled: true, name: 'Kund AB:s konto' });
    } finally {
      await named.close();
    }
  });

  it('sends the browser to the issuer with PKCE, state and nonce, keeping the verifier in a short-lived HttpOnly cookie', async () => {
    const start = await t.app.inject({ method: 'GET', url: `${PORTAL}/oidc/start` });
    expect(start.statusCode).toBe(302);
    const to = new URL(String(start.headers.location));
    expect(to.origin).toBe(idp.url);
    const q = Object.fromEntries(to.searchParams);
    expect(q).toMatchObject({ response_type: 'code', client_id: idp.clientId, redirect_uri: CALLBACK, code_challenge_method: 'S256' });
    expect(q.scope?.split(' ')).toEqual(expect.arrayContaining(['openid', 'email']));
    for (const k of ['state', 'nonce', 'code_challenge']) expect(q[k]).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const cookie = cookieOf(start, 'h2h_oidc')!;
    expect(cookie).toMatchObject({ path: '/api/portal', httpOnly: true, sameSite: 'Lax', maxAge: 600 });
    const [state, nonce, verifier] = cookie.value.split('.');
    expect([state, nonce]).toEqual([q.state, q.nonce]);
    // The verifier stays with the browser's cookie; the issuer sees only its challenge.
    expect(to.href).not.toContain(verifier);
    // Another start, another transaction.
    const again = await t.app.inject({ method: 'GET', url: `${PORTAL}/oidc/start` });
    expect(cookieOf(again, 'h2h_oidc')!.value).not.toBe(cookie.value);
  });

  it('lets a contact with a live invite in: the room of their newest invite, as themselves, and the seller sees them join once', async () => {
    const { c, email, account, karin, journey } = await buyer();
    const older = await newJourney(c, account.id);
    await makePortalInvite(c, older.id, karin.id);
    t.clock.advance(60_000);
    const invite = await makePortalInvite(c, journey.id, karin.id);

    // The issuer's e-mail is in lower case, the contact's as the seller typed it.
    const done = await signIn(email.toLowerCase());
    expect(done.statusCode, done.body).toBe(302);
    expect(done.headers.location).toBe('/p/');
    const session = cookieOf(done, 'h2h_portal');
    expect(session).toMatchObject({ path: '/api/portal', httpOnly: true, sameSite: 'Lax' });
    // The transaction is spent.
    expect(cookieOf(done, 'h2h_oidc')).toMatchObject({ value: '' });

    const inside = await room(session!.value);
    expect(inside.you).toEqual({ contactId: karin.id, name: 'Karin Köpare' });
    expect(inside.journey.id).toBe(journey.id);

    // As after a magic link: the invite is used, the seller's timeline says who joined.
    const list = json(await c.get(`/api/v1/journeys/${journey.id}/portal-invites`), 200) as { items: { id: string; state: string }[] };
    expect(list.items.find((i) => i.id === invite.id)?.state).toBe('used');
    expect(await joined(c, journey.id)).toEqual([expect.objectContaining({ data: expect.objectContaining({ contactId: karin.id, name: 'Karin Köpare' }) })]);
    expect(await joined(c, older.id)).toEqual([]);

    // Signing in again opens a new session; the seller hears of the first time only.
    const again = await signIn(email);
    expect(again.headers.location).toBe('/p/');
    expect(cookieOf(again, 'h2h_portal')!.value).not.toBe(session!.value);
    expect((await room(cookieOf(again, 'h2h_portal')!.value)).you.contactId).toBe(karin.id);
    expect(await joined(c, journey.id)).toHaveLength(1);
  });

  it('sends an e-mail with only revoked or expired invites, or none at all, to the sign-in page with no_invite and no session', async () => {
    const { c, email, account, karin, journey } = await buyer();
    const start = new Date(t.clock.current);
    try {
      const expired = await makePortalInvite(c, journey.id, karin.id);
      t.clock.advance(30 * DAY + 60_000);
      const other = await newJourney(c, account.id);
      const revoked = await makePortalInvite(c, other.id, karin.id);
      json(await c.post(`/api/v1/portal-invites/${revoked.id}/revoke`), 200);
      const states = async (journeyId: string) => (json(await c.get(`/api/v1/journeys/${journeyId}/portal-invites`), 200) as { items: { state: string }[] }).items.map((i) => i.state);
      expect([...(await states(journey.id)), ...(await states(other.id))]).toEqual(['expired', 'revoked']);
      expect(expired.id).not.toBe(revoked.id);

      const refused = await signIn(email);
      expect(refused.statusCode).toBe(302);
      expect(refused.headers.location).toBe('/p/?signin=no_invite');
      expect(cookieOf(refused, 'h2h_portal')).toBeUndefined();
      expect(await joined(c, journey.id)).toEqual([]);
      expect(await joined(c, other.id)).toEqual([]);
    } finally {
      t.clock.current = start;
    }

    // Someone the issuer knows but no seller invited.
    const stranger = `stranger-${++serial}@annan.example`;
    idp.addAccount({ email: stranger });
    const nobody = await signIn(stranger);
    expect(nobody.headers.location).toBe('/p/?signin=no_invite');
    expect(cookieOf(nobody, 'h2h_portal')).toBeUndefined();
  });

  it('lets a buyer signed in with OIDC move between the rooms of their live invites, in any org; a magic link keeps to its own room', async () => {
    const { c, email, account, karin, journey } = await buyer();
    const older = await newJourney(c, account.id);
    await makePortalInvite(c, older.id, karin.id);
    // Invited twice to the same journey: one room, the newer invite.
    t.clock.advance(60_000);
    const again = await makePortalInvite(c, older.id, karin.id);
    t.clock.advance(60_000);
    const newest = await makePortalInvite(c, journey.id, karin.id);
    // The same person is a contact of another seller too.
    const o2 = await t.otherOrg();
    const elsewhere = json(await o2.post('/api/v1/accounts', { kind: 'company', name: 'Annat Bolag AB' }), 201) as { id: string };
    const karin2 = json(await o2.post(`/api/v1/accounts/${elsewhere.id}/contacts`, { name: 'Karin K.', email }), 201) as { id: string };
    const thirdJourney = await newJourney(o2, elsewhere.id);
    t.clock.advance(60_000);
    const other = await makePortalInvite(o2, thirdJourney.id, karin2.id);
    // A revoked invite is no room.
    const gone = await newJourney(c, account.id);
    const revoked = await makePortalInvite(c, gone.id, karin.id);
    json(await c.post(`/api/v1/portal-invites/${revoked.id}/revoke`), 200);

    const signedInAt = new Date(t.clock.current).getTime();
    const done = await signIn(email);
    const cookie = cookieOf(done, 'h2h_portal')!.value;
    expect((await room(cookie)).journey.id).toBe(thirdJourney.id);
    const rooms = (session: string) => t.app.inject({ method: 'GET', url: `${PORTAL}/rooms`, headers: { cookie: `h2h_portal=${session}` } });
    const list = json(await rooms(cookie), 200) as { signedIn: boolean; items: { id: string; org: string; journeyTitle: string; current: boolean }[] };
    expect(list.signedIn).toBe(true);
    expect(list.items.map((r) => [r.id, r.current])).toEqual([
      [other.id, true],
      [newest.id, false],
      [again.id, false],
    ]);
    expect(list.items.map((r) => [r.journeyTitle, r.org])).toEqual([thirdJourney, journey, older].map((j) => [j.title, 'Test AB']));

    // Into the other seller's room: a new session there, as that org's contact; the seller sees them join.
    const enter = (session: string, id: string) => t.app.inject({ method: 'POST', url: `${PORTAL}/rooms/${id}/enter`, headers: { cookie: `h2h_portal=${session}` } });
    // Ten days on: moving is no new sign-in, so the new session ends when the first would have.
    t.clock.advance(10 * DAY);
    const moved = await enter(cookie, newest.id);
    expect(json(moved, 200)).toMatchObject({ journeyId: journey.id, contact: { id: karin.id }, expiresAt: new Date(signedInAt + 14 * DAY).toISOString() });
    const there = cookieOf(moved, 'h2h_portal')!.value;
    expect((await room(there)).journey.id).toBe(journey.id);
    // The session it came from ended.
    expect((await t.app.inject({ method: 'GET', url: `${PORTAL}/room`, headers: { cookie: `h2h_portal=${cookie}` } })).statusCode).toBe(401);
    expect((json(await rooms(there), 200) as typeof list).items.find((r) => r.current)?.id).toBe(newest.id);
    expect(await joined(c, journey.id)).toEqual([expect.objectContaining({ data: expect.objectContaining({ contactId: karin.id }) })]);

    // Not a room of theirs: a revoked invite, another person's, an unknown id. The session stays where it was.
    const someone = await buyer();
    const theirs = await makePortalInvite(someone.c, someone.journey.id, someone.karin.id);
    for (const id of [revoked.id, theirs.id, '01900000-0000-7000-8000-000000000000']) {
      const refused = await enter(there, id);
      expect(refused.statusCode, id).toBe(404);
      expect(refused.json()).toMatchObject({ detail: 'No room of yours with that id.' });
      expect(cookieOf(refused, 'h2h_portal')).toBeUndefined();
    }
    expect((await room(there)).journey.id).toBe(journey.id);

    // A magic link proves its own room only: it lists just that room and enters no other.
    const linkSession = await t.app.inject({ method: 'POST', url: `${PORTAL}/sessions`, payload: { token: newest.link } });
    expect(json(linkSession, 201)).toMatchObject({ journeyId: journey.id });
    const linkCookie = cookieOf(linkSession, 'h2h_portal')!.value;
    expect(json(await rooms(linkCookie), 200)).toEqual({ signedIn: false, items: [{ id: newest.id, org: list.items[1]!.org, journeyTitle: list.items[1]!.journeyTitle, current: true }] });
    expect((await enter(linkCookie, other.id)).statusCode).toBe(404);
    // Without a session: 401.
    expect((await t.app.inject({ method: 'GET', url: `${PORTAL}/rooms` })).statusCode).toBe(401);
  });

  it('refuses an e-mail the issuer has not verified, even with a live invite', async () => {
    const { c, email, karin, journey } = await buyer({ emailVerified: false });
    await makePortalInvite(c, journey.id, karin.id);
    const refused = await signIn(email);
    expect(refused.headers.location).toBe('/p/?signin=failed');
    expect(cookieOf(refused, 'h2h_portal')).toBeUndefined();
    expect(await joined(c, journey.id)).toEqual([]);
  });

  it('fails a tampered state, a missing transaction and a refusal at the issuer, with no session', async () => {
    const { c, email, karin, journey } = await buyer();
    await makePortalInvite(c, journey.id, karin.id);

    // Change the state's last character to one it is not (a fixed 'A' is already there one time in sixteen).
    const tamper = (state: string) => `${state.slice(0, -1)}${state.endsWith('A') ? 'B' : 'A'}`;
    const tampered = await signIn(email, (back) => back.searchParams.set('state', tamper(back.searchParams.get('state')!)));
    expect(tampered.statusCode).toBe(302);
    expect(tampered.headers.location).toBe('/p/?signin=failed');
    expect(cookieOf(tampered, 'h2h_portal')).toBeUndefined();

    // The issuer's answer without the cookie that started it (another browser, or a forged link).
    const start = await t.app.inject({ method: 'GET', url: `${PORTAL}/oidc/start` });
    const back = await idp.signIn(String(start.headers.location), email);
    const orphan = await t.app.inject({ method: 'GET', url: back.pathname + back.search });
    expect(orphan.headers.location).toBe('/p/?signin=failed');
    expect(cookieOf(orphan, 'h2h_portal')).toBeUndefined();
    // A transaction cookie from another start does not fit it either.
    const foreign = cookieOf(await t.app.inject({ method: 'GET', url: `${PORTAL}/oidc/start` }), 'h2h_oidc')!.value;
    const mixed = await t.app.inject({ method: 'GET', url: back.pathname + back.search, headers: { cookie: `h2h_oidc=${foreign}` } });
    expect(mixed.headers.location).toBe('/p/?signin=failed');
    expect(cookieOf(mixed, 'h2h_portal')).toBeUndefined();

    // The person cancels at the issuer.
    const cancelStart = await t.app.inject({ method: 'GET', url: `${PORTAL}/oidc/start` });
    const cancelled = await idp.cancel(String(cancelStart.headers.location));
    expect(cancelled.searchParams.get('error')).toBe('access_denied');
    const denied = await t.app.inject({ method: 'GET', url: cancelled.pathname + cancelled.search, headers: { cookie: `h2h_oidc=${cookieOf(cancelStart, 'h2h_oidc')!.value}` } });
    expect(denied.headers.location).toBe('/p/?signin=failed');
    expect(cookieOf(denied, 'h2h_portal')).toBeUndefined();

    expect(await joined(c, journey.id)).toEqual([]);
  });

  it('over a real socket and without H2H_PUBLIC_URL, comes back to the origin the browser used', async () => {
    const { c, email, karin, journey } = await buyer();
    await makePortalInvite(c, journey.id, karin.id);
    const app = await buildServer({ ctx: t.ctx, portalOidc: idp.settings() });
    try {
      const origin = await app.listen({ port: 0, host: '127.0.0.1' });
      idp.allowRedirect(`${origin}${PORTAL}/oidc/callback`);
      const start = await fetch(`${origin}${PORTAL}/oidc/start`, { redirect: 'manual' });
      expect(start.status).toBe(302);
      expect(new URL(start.headers.get('location')!).searchParams.get('redirect_uri')).toBe(`${origin}${PORTAL}/oidc/callback`);
      const transaction = start.headers.getSetCookie().find((h) => h.startsWith('h2h_oidc='))!.split(';')[0]!;
      const back = await idp.signIn(start.headers.get('location')!, email);
      expect(back.origin).toBe(origin);
      const done = await fetch(back, { redirect: 'manual', headers: { cookie: transaction } });
      expect(done.status).toBe(302);
      expect(done.headers.get('location')).toBe('/p/');
      const session = done.headers.getSetCookie().find((h) => h.startsWith('h2h_portal='))!.split(';')[0]!;
      const inside = await fetch(`${origin}${PORTAL}/room`, { headers: { cookie: session } });
      expect(inside.status).toBe(200);
      expect(((await inside.json()) as { you: { contactId: string } }).you.contactId).toBe(karin.id);
    } finally {
      await app.close();
    }
  });

  it('answers a callback it cannot read with a problem, never a 500', async () => {
    const twice = await t.app.inject({ method: 'GET', url: `${PORTAL}/oidc/callback?state=a&state=b&code=c` });
    expect(twice.statusCode).toBe(422);
    expect(twice.headers['content-type']).toContain('application/problem+json');
    const nul = await t.app.inject({ method: 'GET', url: `${PORTAL}/oidc/callback?code=a%00b&state=x` });
    expect(nul.statusCode).toBe(422);
    const long = await t.app.inject({ method: 'GET', url: `${PORTAL}/oidc/callback?code=${'x'.repeat(5000)}` });
    expect(long.statusCode).toBe(422);
    const junkCookie = await t.app.inject({ method: 'GET', url: `${PORTAL}/oidc/callback?code=a&state=b`, headers: { cookie: 'h2h_oidc=not.a.transaction%00' } });
    expect(junkCookie.headers.location).toBe('/p/?signin=failed');
  });

  it('sends the browser back to the sign-in page when the issuer does not answer', async () => {
    const down = await startTestIssuer({ accounts: [] });
    const settings = down.settings();
    await down.close();
    const app = await buildServer({ ctx: t.ctx, portalOidc: settings });
    try {
      const start = await app.inject({ method: 'GET', url: `${PORTAL}/oidc/start` });
      expect(start.statusCode).toBe(302);
      expect(start.headers.location).toBe('/p/?signin=failed');
      expect(cookieOf(start, 'h2h_oidc')).toBeUndefined();
    } finally {
      await app.close();
    }
  });

  it('says plainly when OIDC is not set up: off, and a 404 problem in the buyer\'s language', async () => {
    const app = await buildServer({ ctx: t.ctx });
    try {
      expect(json(await app.inject({ method: 'GET', url: `${PORTAL}/oidc` }), 200)).toEqual({ enabled: false, name: null });
      for (const path of ['start', 'callback?code=a&state=b']) {
        const res = await app.inject({ method: 'GET', url: `${PORTAL}/oidc/${path}` });
        expect(res.statusCode).toBe(404);
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(res.json().detail).toBe('Signing in with a company account is not set up here. Open the link in your invitation instead.');
      }
      const sv = await app.inject({ method: 'GET', url: `${PORTAL}/oidc/start`, headers: { 'accept-language': 'sv' } });
      expect(sv.json().detail).toBe('Inloggning med företagskonto är inte inställd här. Öppna länken i din inbjudan i stället.');
    } finally {
      await app.close();
    }
  });
});

describe('the OIDC settings', () => {
  const base = { H2H_DATA_DIR: '/tmp/h2h-config-test' };
  it('takes issuer, client id and secret together, and the button name', () => {
    expect(loadConfig(base).portalOidc).toBeUndefined();
    expect(loadConfig({ ...base, H2H_OIDC_ISSUER: 'https://login.kund.example', H2H_OIDC_CLIENT_ID: 'h2h', H2H_OIDC_CLIENT_SECRET: 's3cret', H2H_OIDC_NAME: 'Kund-id' }).portalOidc).toEqual({
      issuer: 'https://login.kund.example',
      clientId: 'h2h',
      clientSecret: 's3cret',
      name: 'Kund-id',
    });
    expect(() => loadConfig({ ...base, H2H_OIDC_ISSUER: 'https://login.kund.example' })).toThrow(/H2H_OIDC_ISSUER, H2H_OIDC_CLIENT_ID and H2H_OIDC_CLIENT_SECRET go together/);
    expect(() => loadConfig({ ...base, H2H_OIDC_CLIENT_SECRET: 'x' })).toThrow(ConfigError);
  });

  it('allows plain http only for an issuer on loopback', () => {
    const oidc = { H2H_OIDC_CLIENT_ID: 'h2h', H2H_OIDC_CLIENT_SECRET: 's' };
    expect(loadConfig({ ...base, ...oidc, H2H_OIDC_ISSUER: 'http://127.0.0.1:9000' }).portalOidc?.issuer).toBe('http://127.0.0.1:9000');
    expect(loadConfig({ ...base, ...oidc, H2H_OIDC_ISSUER: 'http://localhost:9000/realms/kund' }).portalOidc?.issuer).toBe('http://localhost:9000/realms/kund');
    expect(() => loadConfig({ ...base, ...oidc, H2H_OIDC_ISSUER: 'http://login.kund.example' })).toThrow(/H2H_OIDC_ISSUER: must be the issuer's https URL/);
    expect(() => loadConfig({ ...base, ...oidc, H2H_OIDC_ISSUER: 'login.kund.example' })).toThrow(ConfigError);
  });
});
