/**
 * "Send me a link", on both backends, through a real SMTP server on loopback:
 * a buyer types their e-mail and gets one mail with a link into each room it
 * is invited to, in their language; each link opens its room once, within the
 * hour, and only while the invite is live. The answer is the same for an
 * e-mail with no room; requests are rate limited; without mail the form is off.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { smtpMailer } from '../../src/app/mail.ts';
import { loadConfig } from '../../src/config.ts';
import { FailureLimiter } from '../../src/app/rate-limit.ts';
import { buildServer } from '../../src/http/server.ts';
import { makePortalInvite, startTestApp, type Client, type TestApp } from '../helpers/app.ts';
import { BACKENDS } from '../helpers/backends.ts';
import { expectJson as json, PORTAL } from '../helpers/portal.ts';
import { startMailServer, type Mail, type TestMailServer } from '../helpers/smtp.ts';

const MINUTE = 60_000;
let serial = 0;

describe.each(BACKENDS)('asking for a link by e-mail on %s', (backend) => {
  let smtp: TestMailServer;
  let mailer: ReturnType<typeof smtpMailer>;
  let t: TestApp;
  beforeAll(async () => {
    smtp = await startMailServer();
    mailer = smtpMailer(`smtp://127.0.0.1:${smtp.port}`, 'H2H Test <no-reply@h2h.test>');
    t = await startTestApp(backend, {
      mailer,
      publicUrl: 'http://h2h.test',
      portalLimits: {
        invitesPerUser: new FailureLimiter(1000, MINUTE),
        redeemPerAddress: new FailureLimiter(1000, MINUTE),
        linkRequestsPerAddress: new FailureLimiter(6, 15 * MINUTE),
        linkRequestsPerEmail: new FailureLimiter(2, 60 * MINUTE),
      },
    });
  });
  afterAll(async () => {
    await t?.close();
    mailer?.close();
    await smtp?.close();
  });
  // Each test starts with the limits' windows behind it and no mail.
  beforeEach(() => {
    t.clock.advance(61 * MINUTE);
    smtp.received.length = 0;
  });

  /** Karin, a contact with a unique e-mail, with journeys on her account. */
  async function karin() {
    const c = await t.otherOrg();
    const n = ++serial;
    const email = `karin.${n}@kund.example`;
    const account = json(await c.post('/api/v1/accounts', { kind: 'company', name: `Köpare ${n} AB` }), 201) as { id: string };
    const contact = json(await c.post(`/api/v1/accounts/${account.id}/contacts`, { name: 'Karin Köpare', email }), 201) as { id: string };
    const journey = async (title: string) => json(await c.post('/api/v1/journeys', { accountId: account.id, title: `${title} ${n}` }), 201) as { id: string; title: string };
    return { c, email, contact, journey };
  }
  const ask = (email: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'POST', url: `${PORTAL}/link-requests`, payload: { email }, headers });
  const open = (link: string) => t.app.inject({ method: 'POST', url: `${PORTAL}/sessions`, payload: { token: new URL(link).pathname.replace(/^\/p\//, '') } });
  const linksIn = (mail: Mail) => mail.text.match(/http:\/\/h2h\.test\/p\/\S+/g) ?? [];
  const roomOf = async (cookie: string) => json(await t.app.inject({ method: 'GET', url: `${PORTAL}/room`, headers: { cookie: `h2h_portal=${cookie}` } }), 200) as { journey: { id: string; title: string }; you: { contactId: string } };
  const joined = async (c: Client, journeyId: string) => (json(await c.get(`/api/v1/journeys/${journeyId}/timeline`), 200) as { items: { kind: string }[] }).items.filter((e) => e.kind === 'portal_joined');

  it("mails one link per room the e-mail is invited to, in the buyer's language; each opens its room once, within the hour", async () => {
    const k = await karin();
    const spring = await k.journey('Vårresan');
    const autumn = await k.journey('Höstresan');
    const gone = await k.journey('Återkallad');
    await makePortalInvite(k.c, spring.id, k.contact.id);
    // Invited twice to autumn: one room, one link.
    await makePortalInvite(k.c, autumn.id, k.contact.id);
    await makePortalInvite(k.c, autumn.id, k.contact.id);
    const revoked = await makePortalInvite(k.c, gone.id, k.contact.id);
    json(await k.c.post(`/api/v1/portal-invites/${revoked.id}/revoke`), 200);
    smtp.received.length = 0; // the invitations

    // The e-mail as the buyer types it, in another case.
    const asked = await ask(k.email.toUpperCase(), { 'accept-language': 'sv' });
    expect(json(asked, 202)).toEqual({ email: k.email.toUpperCase() });
    const mail = await smtp.mailTo(k.email);
    expect(smtp.received).toHaveLength(1);
    expect(mail.subject).toBe('Dina länkar till köparens rum');
    expect(mail.text).toContain('Hej Karin Köpare,');
    expect(mail.text).toContain(`”${spring.title}” hos Test AB:`);
    expect(mail.text).toContain(`”${autumn.title}” hos Test AB:`);
    expect(mail.text).not.toContain(gone.title);
    expect(mail.text).toContain('Varje länk fungerar en gång, inom 60 minuter.');
    const links = linksIn(mail);
    expect(links).toHaveLength(2);

    // The first link (the newest invite's room) opens autumn, as Karin; the seller sees her join.
    const first = await open(links[0]!);
    expect(first.statusCode, first.body).toBe(201);
    const inside = await roomOf(first.cookies.find((x) => x.name === 'h2h_portal')!.value);
    expect(inside.journey.title).toBe(autumn.title);
    expect(inside.you.contactId).toBe(k.contact.id);
    expect(await joined(k.c, autumn.id)).toHaveLength(1);
    // Once only.
    const again = await open(links[0]!);
    expect(again.statusCode).toBe(410);
    expect(again.json()).toMatchObject({ type: '/api/problems/portal_link_spent', detail: 'This link was used already or is more than an hour old. Ask for a new one.' });
    expect(again.cookies.find((x) => x.name === 'h2h_portal')).toBeUndefined();
    // Within the hour only.
    t.clock.advance(61 * MINUTE);
    const late = await open(links[1]!);
    expect(late.statusCode).toBe(410);
    expect(late.json().type).toBe('/api/problems/portal_link_spent');
    expect(await joined(k.c, spring.id)).toEqual([]);

    // In English when the buyer's browser asks for it; a link dies with its invite.
    const inEnglish = await ask(k.email, { 'accept-language': 'en' });
    expect(inEnglish.statusCode).toBe(202);
    await expect.poll(() => smtp.received.length).toBe(2);
    const second = smtp.received[1]!;
    expect(second.subject).toBe('Your links to the buyer’s rooms');
    expect(second.text).toContain(`“${spring.title}” with Test AB:`);
    const springLink = linksIn(second)[1]!;
    const invites = json(await k.c.get(`/api/v1/journeys/${spring.id}/portal-invites`), 200) as { items: { id: string }[] };
    json(await k.c.post(`/api/v1/portal-invites/${invites.items[0]!.id}/revoke`), 200);
    const withdrawn = await open(springLink);
    expect(withdrawn.statusCode).toBe(410);
    expect(withdrawn.json().type).toBe('/api/problems/portal_link_revoked');
  });

  it('answers an e-mail with no room as any other and sends nothing; refuses a bad e-mail; counts requests per e-mail and per address', async () => {
    const nobody = `nobody-${++serial}@annan.example`;
    expect(json(await ask(nobody), 202)).toEqual({ email: nobody });
    // A contact whose only invite expired has no room either.
    const k = await karin();
    const old = await k.journey('Gammal');
    await makePortalInvite(k.c, old.id, k.contact.id);
    smtp.received.length = 0; // the invitation
    t.clock.advance(31 * 24 * 60 * MINUTE);
    expect(json(await ask(k.email), 202)).toEqual({ email: k.email });
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.received).toEqual([]);

    const bad = await ask('inte en adress');
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].field).toBe('body.email');
    expect((await t.app.inject({ method: 'POST', url: `${PORTAL}/link-requests`, payload: { email: nobody, extra: 1 } })).statusCode).toBe(422);

    // Two requests an hour for one e-mail (this app's limit); the third is refused, in the buyer's language.
    expect((await ask(k.email)).statusCode).toBe(202);
    const third = await ask(k.email, { 'accept-language': 'sv' });
    expect(third.statusCode).toBe(429);
    expect(third.json().detail).toMatch(/^För många länkbeställningar till den här e-postadressen på kort tid\. Försök igen om \d+ minuter\.$/);
    // Six from one address in 15 minutes, whatever the e-mails.
    t.clock.advance(61 * MINUTE);
    for (let i = 0; i < 6; i++) expect((await ask(`other-${++serial}@annan.example`)).statusCode).toBe(202);
    const seventh = await ask(`other-${++serial}@annan.example`);
    expect(seventh.statusCode).toBe(429);
    expect(seventh.json().detail).toMatch(/^Too many link requests from this address in a short time\. Try again in \d+ minutes\.$/);
  });

  it('behind one proxy (H2H_TRUST_PROXY=1) counts the address the proxy saw, whatever a client puts first in X-Forwarded-For', async () => {
    const proxied = await buildServer({ ctx: t.ctx, trustProxy: 1, portalLimits: { invitesPerUser: new FailureLimiter(1000, MINUTE), redeemPerAddress: new FailureLimiter(1000, MINUTE), linkRequestsPerAddress: new FailureLimiter(3, 15 * MINUTE) } });
    try {
      const asked = (i: number) =>
        proxied.inject({ method: 'POST', url: `${PORTAL}/link-requests`, payload: { email: `proxied-${++serial}@annan.example` }, headers: { 'x-forwarded-for': `198.51.100.${i}, 203.0.113.9` } });
      for (let i = 0; i < 3; i++) expect((await asked(i)).statusCode).toBe(202);
      expect((await asked(99)).statusCode).toBe(429);
    } finally {
      await proxied.close();
    }
    expect(loadConfig({ H2H_TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ H2H_TRUST_PROXY: '10.0.0.1, 10.0.0.0/8' }).trustProxy).toEqual(['10.0.0.1', '10.0.0.0/8']);
    expect(loadConfig({ H2H_TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(() => loadConfig({ H2H_TRUST_PROXY: 'yes please' })).toThrow(/^bad setting: H2H_TRUST_PROXY: must be false, true, the number of proxies in front/);
  });

  it('is off without mail: the form says so, and a request is a 404 problem that writes nothing', async () => {
    expect(json(await t.app.inject({ method: 'GET', url: `${PORTAL}/link-requests` }), 200)).toEqual({ enabled: true });
    const noMail = await buildServer({ ctx: { store: t.ctx.store, now: t.ctx.now } });
    try {
      expect(json(await noMail.inject({ method: 'GET', url: `${PORTAL}/link-requests` }), 200)).toEqual({ enabled: false });
      const k = await karin();
      const j = await k.journey('Utan post');
      await makePortalInvite(k.c, j.id, k.contact.id);
      const refused = await noMail.inject({ method: 'POST', url: `${PORTAL}/link-requests`, payload: { email: k.email }, headers: { 'accept-language': 'sv' } });
      expect(refused.statusCode).toBe(404);
      expect(refused.json().detail).toBe('Här skickas inga länkar med e-post. Be säljaren om länken till ditt rum.');
      const audit = json(await k.c.get('/api/v1/audit?limit=200'), 200) as { items: { action: string }[] };
      expect(audit.items.map((a) => a.action)).not.toContain('portal_sign_in_link.create');
    } finally {
      await noMail.close();
    }
  });
});
