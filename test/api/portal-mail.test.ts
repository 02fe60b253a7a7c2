/**
 * Invitations by mail, through a real SMTP server on loopback (smtp-server):
 * the contact gets one mail with the full link, and that link opens the room;
 * no e-mail, no mail; a mail server that is down leaves the invite standing
 * with `mailed: false` and why; the mail speaks the org's language.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApiToken } from '../../src/app/auth.ts';
import { smtpMailer } from '../../src/app/mail.ts';
import { createOrg } from '../../src/app/orgs.ts';
import { loadConfig } from '../../src/config.ts';
import { client, PASSWORD, startTestApp, type Client, type TestApp } from '../helpers/app.ts';
import { startMailServer, type TestMailServer } from '../helpers/smtp.ts';

describe('portal invitations by mail', () => {
  let smtp: TestMailServer;
  let mailer: ReturnType<typeof smtpMailer>;
  let t: TestApp;
  let serial = 0;

  beforeAll(async () => {
    smtp = await startMailServer();
    mailer = smtpMailer(`smtp://127.0.0.1:${smtp.port}`, 'H2H Test <no-reply@h2h.test>');
    t = await startTestApp('sqlite', { mailer });
  });
  afterAll(async () => {
    await t.close();
    mailer.close();
    await smtp.close();
  });
  beforeEach(() => {
    smtp.received.length = 0;
  });

  /** An account with a contact (with or without e-mail) and a journey on it. */
  async function world(c: Client, email: string | null) {
    const account = (await c.post('/api/v1/accounts', { kind: 'company', name: `Köpare ${++serial} AB` })).json() as { id: string };
    const contact = await c.post(`/api/v1/accounts/${account.id}/contacts`, { name: 'Karin Köpare', ...(email && { email }) });
    expect(contact.statusCode, contact.body).toBe(201);
    const journey = await c.post('/api/v1/journeys', { accountId: account.id, title: `Nytt lager ${serial}` });
    expect(journey.statusCode, journey.body).toBe(201);
    return { contactId: (contact.json() as { id: string }).id, journeyId: (journey.json() as { id: string }).id, title: `Nytt lager ${serial}` };
  }

  const invite = (c: Client, journeyId: string, contactId: string, headers: Record<string, string> = {}) =>
    c.request('POST', `/api/v1/journeys/${journeyId}/portal-invites`, { contactId }, headers);

  it('mails the contact the full link, in Swedish for a Swedish org, and the link opens the room', async () => {
    const w = await world(t.admin, 'karin@kund.example');
    const res = await invite(t.admin, w.journeyId, w.contactId);
    expect(res.statusCode, res.body).toBe(201);
    const made = res.json() as { id: string; link: string; mailed: boolean; mailError?: string; expiresAt: string };
    expect(made.mailed).toBe(true);
    expect(made.mailError).toBeUndefined();
    // The seller still gets the link once, to pass on should the mail go astray.
    expect(made.link).toMatch(/^\/p\/[0-9a-f-]{36}\.[A-Za-z0-9_-]{43}$/);

    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0]!;
    expect(mail.to).toEqual(['karin@kund.example']);
    expect(mail.from).toContain('no-reply@h2h.test');
    expect(mail.subject).toBe(`Ada Admin bjuder in dig till ”${w.title}”`);
    expect(mail.text).toContain('Hej Karin Köpare');
    expect(mail.text).toContain('Ada Admin på Test AB');
    expect(mail.text).toContain(`Länken gäller till och med ${made.expiresAt.slice(0, 10)}`);
    // The full address: the request's origin and the link.
    const url = /^https?:\/\/\S+\/p\/\S+$/m.exec(mail.text)?.[0];
    expect(url).toBe(`http://localhost:80${made.link}`);

    const token = new URL(url!).pathname.replace(/^\/p\//, '');
    const opened = await t.app.inject({ method: 'POST', url: '/api/portal/v1/sessions', payload: { token } });
    expect(opened.statusCode, opened.body).toBe(201);
    expect(opened.json()).toMatchObject({ journeyId: w.journeyId, contact: { id: w.contactId } });
  });

  it('will not send mail without H2H_PUBLIC_URL: links must not follow a Host header', () => {
    const base = { H2H_DATA_DIR: '/tmp/h2h-config-test' };
    expect(() => loadConfig({ ...base, H2H_SMTP_URL: 'smtp://mail.example.com:587' })).toThrow(/^bad setting: H2H_SMTP_URL needs H2H_PUBLIC_URL/);
    expect(loadConfig({ ...base, H2H_SMTP_URL: 'smtp://mail.example.com:587', H2H_PUBLIC_URL: 'https://h2h.example.com/' })).toMatchObject({ smtpUrl: 'smtp://mail.example.com:587', publicUrl: 'https://h2h.example.com' });
    expect(loadConfig(base).smtpUrl).toBeUndefined();
  });

  it("mails a buyer's colleague their own link, and gives the buyer who invites none", async () => {
    const w = await world(t.admin, 'karin.kollega@kund.example');
    const first = (await invite(t.admin, w.journeyId, w.contactId)).json() as { link: string };
    const entered = await t.app.inject({ method: 'POST', url: '/api/portal/v1/sessions', payload: { token: first.link.replace(/^\/p\//, '') } });
    const cookie = entered.cookies.find((k) => k.name === 'h2h_portal')!.value;
    smtp.received.length = 0;

    const res = await t.app.inject({ method: 'POST', url: '/api/portal/v1/colleagues', headers: { cookie: `h2h_portal=${cookie}` }, payload: { name: 'Lena Lager', email: 'lena.kollega@kund.example' } });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toEqual({ contact: { id: expect.any(String), name: 'Lena Lager' }, mailed: true });
    const mail = await smtp.mailTo('lena.kollega@kund.example');
    expect(mail.subject).toBe(`Karin Köpare bjuder in dig till ”${w.title}”`);
    const url = /^https?:\/\/\S+\/p\/\S+$/m.exec(mail.text)?.[0];
    const opened = await t.app.inject({ method: 'POST', url: '/api/portal/v1/sessions', payload: { token: new URL(url!).pathname.replace(/^\/p\//, '') } });
    expect(opened.statusCode, opened.body).toBe(201);
    expect(opened.json()).toMatchObject({ journeyId: w.journeyId, contact: { name: 'Lena Lager' } });
  });

  it('writes in English for an English org, with the link on H2H_PUBLIC_URL when it is set', async () => {
    const app = await startTestApp('sqlite', { mailer, publicUrl: 'https://h2h.example.com/' });
    try {
      const { orgId, adminId } = await createOrg(app.ctx, { name: 'Acme Ltd', locale: 'en', admin: { email: `en-${Date.now()}@test.example`, name: 'Eve English', password: PASSWORD } });
      const { token } = await createApiToken(app.ctx, { orgId, userId: adminId, role: 'admin', kind: 'user' }, 'test');
      const c = client(app.app, { token, userId: adminId, orgId });
      const w = await world(c, 'buyer@acme.example');
      const made = (await invite(c, w.journeyId, w.contactId)).json() as { link: string; mailed: boolean; expiresAt: string };
      expect(made.mailed).toBe(true);
      expect(smtp.received).toHaveLength(1);
      const mail = smtp.received[0]!;
      expect(mail.subject).toBe(`Eve English invites you to “${w.title}”`);
      expect(mail.text).toContain('Hello Karin Köpare');
      expect(mail.text).toContain(`https://h2h.example.com${made.link}`);
      expect(mail.text).toContain(`The link works until ${made.expiresAt.slice(0, 10)}`);
    } finally {
      await app.close();
    }
  });

  it('sends nothing to a contact without an e-mail: mailed false, the link for the seller', async () => {
    const w = await world(t.admin, null);
    const res = await invite(t.admin, w.journeyId, w.contactId);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ mailed: false, email: null, link: expect.stringMatching(/^\/p\//) });
    expect((res.json() as { mailError?: string }).mailError).toBeUndefined();
    expect(smtp.received).toHaveLength(0);
  });

  it('keeps the invite when the mail server is down: mailed false with why, in the caller’s language, and the invite listed', async () => {
    const down = await startMailServer();
    const downMailer = smtpMailer(`smtp://127.0.0.1:${down.port}`);
    await down.close();
    const app = await startTestApp('sqlite', { mailer: downMailer });
    try {
      const w = await world(app.admin, 'karin@kund.example');
      const res = await invite(app.admin, w.journeyId, w.contactId);
      expect(res.statusCode, res.body).toBe(201);
      const made = res.json() as { id: string; link: string; mailed: boolean; mailError: string };
      expect(made.mailed).toBe(false);
      expect(made.mailError).toMatch(/^The invitation was made, but the mail to karin@kund\.example could not be sent \(.+\)\. Pass the link on yourself/);
      expect(made.link).toMatch(/^\/p\//);
      const list = (await app.admin.get(`/api/v1/journeys/${w.journeyId}/portal-invites`)).json() as { items: { id: string; state: string }[] };
      expect(list.items).toEqual([expect.objectContaining({ id: made.id, state: 'pending' })]);
      // The link works all the same.
      const opened = await app.app.inject({ method: 'POST', url: '/api/portal/v1/sessions', payload: { token: made.link.slice(3) } });
      expect(opened.statusCode, opened.body).toBe(201);

      const sv = (await invite(app.admin, w.journeyId, w.contactId, { 'accept-language': 'sv' })).json() as { mailed: boolean; mailError: string };
      expect(sv.mailed).toBe(false);
      expect(sv.mailError).toMatch(/^Inbjudan är gjord, men mejlet till karin@kund\.example kunde inte skickas \(.+\)\. Skicka länken vidare själv/);
    } finally {
      await app.close();
      downMailer.close();
    }
  });
});
