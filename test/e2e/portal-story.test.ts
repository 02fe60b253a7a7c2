/**
 * Issue 7's story end to end, in Chromium, with a real SMTP server and a real
 * OpenID provider on loopback. The seller invites Karin from the journey page;
 * the test reads the mail and opens its link; in the room Karin completes a
 * plan step, says she is ready, asks a question, reads the quote's
 * explanation, types the multiple to consent and accepts. The seller's open
 * journey page shows each of these as it happens, marked as the buyer's.
 * Karin leaves, and comes back by asking for a link by e-mail; it works once.
 * Then Olle, a second buyer, signs in through the OpenID provider.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smtpMailer } from '../../src/app/mail.ts';
import { startTestIssuer, type TestIssuer } from '../helpers/oidc.ts';
import { startMailServer, type TestMailServer } from '../helpers/smtp.ts';
import { type E2E, expectAccessible, launchBrowser, plain, screenshot, startE2E } from './harness.ts';
import { watchPageErrors } from './page-errors.ts';

// New Year's Eve 22:30 in Stockholm: demand ×3, capped for a new customer at 2× list.
const NYE = '2026-12-31T21:30:00Z';
const KARIN = `karin-${Date.now()}@kundbolaget.example`;
const OLLE = `olle-${Date.now()}@kundbolaget.example`;

describe('the buyer’s room, the whole story', () => {
  let smtp: TestMailServer;
  let mailer: ReturnType<typeof smtpMailer>;
  let idp: TestIssuer;
  let e: E2E;
  let browser: Browser;
  beforeAll(async () => {
    smtp = await startMailServer();
    mailer = smtpMailer(`smtp://127.0.0.1:${smtp.port}`, 'H2H <no-reply@h2h.test>');
    idp = await startTestIssuer({ accounts: [{ email: OLLE, name: 'Olle Ekonom' }] });
    [e, browser] = await Promise.all([startE2E({ mailer, portalOidc: idp.settings('Kundbolagets konto') }), launchBrowser()]);
    idp.allowRedirect(`${e.base}/api/portal/v1/oidc/callback`);
  });
  afterAll(async () => {
    await browser?.close();
    await e?.close();
    mailer?.close();
    await smtp?.close();
    await idp?.close();
  });

  /** The seller invites a contact from the journey page; the panel says the link went by mail. */
  async function invite(page: Page, contactLabel: string, name: string, email: string) {
    const panel = page.getByRole('region', { name: 'Köparens rum', exact: true });
    const form = panel.getByRole('form', { name: 'Bjud in en kontakt', exact: true });
    await form.getByLabel('Kontakt', { exact: true }).selectOption({ label: contactLabel });
    await form.getByRole('button', { name: 'Bjud in', exact: true }).click();
    const box = panel.getByRole('region', { name: `Länk till rummet för ${name}`, exact: true });
    await expect.poll(async () => plain(await box.locator('.portal-link-note').innerText())).toMatch(new RegExp(`^Länken är skickad med e-post till ${name} \\(${email.replace(/[.]/g, '\\.')}\\)\\. Den gäller till och med .+\\.$`));
    await box.getByRole('button', { name: 'Klar', exact: true }).click();
  }

  it('goes from the invitation mail to an accepted quote, each step live on the seller’s page; a second buyer signs in with OIDC', async () => {
    const admin = await e.api(e.admin);
    const product = await admin<{ id: string }>('POST', '/products', { sku: `STORY-${Date.now()}`, name: { sv: 'Taxiresa', en: 'Taxi ride' }, unit: 'st', listPriceMinor: 10_000 });
    await admin('POST', '/price-rules', { kind: 'demand', reason: { sv: 'Nyårsafton', en: "New Year's Eve" }, window: { type: 'absolute', from: '2026-12-31T22:00', to: '2027-01-01T04:00' }, multiplier: 3 });
    const seller = await e.person('seller', 'Sam Säljare');
    const api = await e.api(seller);
    const account = await api<{ id: string }>('POST', '/accounts', { kind: 'company', name: 'Kundbolaget AB' });
    const karin = await api<{ id: string }>('POST', `/accounts/${account.id}/contacts`, { name: 'Karin Köpare', email: KARIN, title: 'Inköpschef', buyingRole: 'decision_maker' });
    const olle = await api<{ id: string }>('POST', `/accounts/${account.id}/contacts`, { name: 'Olle Ekonom', email: OLLE, buyingRole: 'economic_buyer' });
    const journey = await api<{ id: string }>('POST', '/journeys', { accountId: account.id, title: 'Nyårsresan' });
    await api('POST', `/journeys/${journey.id}/plan-steps`, { title: 'Godkänn leveransvillkoren', owner: { contactId: karin.id }, dueDate: '2026-12-15' });
    const quote = await api<{ id: string }>('POST', `/journeys/${journey.id}/quotes`, { lines: [{ productId: product.id, quantity: 1 }], at: NYE });
    await api('POST', `/quotes/${quote.id}/send`, {});

    // The seller keeps the journey open all along.
    const sellerView = await e.signedIn(browser, seller, 'sv');
    const sp = sellerView.page;
    sp.setDefaultTimeout(10_000);
    const sellerErrors = watchPageErrors(sp);
    await sp.goto(`${e.base}/journeys/${journey.id}`);
    await sp.getByRole('heading', { level: 1, name: 'Nyårsresan' }).waitFor();
    const timeline = sp.getByRole('list', { name: 'Händelser, senaste först' });
    const byBuyer = (text: string) => timeline.locator('.timeline-by-buyer', { hasText: text });

    // 1. The invitation goes out by mail; the test reads it like Karin would.
    await invite(sp, 'Karin Köpare (Inköpschef)', 'Karin Köpare', KARIN);
    const mail = await smtp.mailTo(KARIN);
    expect(mail.subject).toBe('Sam Säljare bjuder in dig till ”Nyårsresan”');
    const link = /(http:\/\/\S+\/p\/\S+)/.exec(mail.text)?.[1];
    expect(link?.startsWith(`${e.base}/p/`)).toBe(true);

    // 2. Karin opens the link: the room, in Swedish; the seller sees her join.
    const buyerContext = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'sv-SE' });
    const bp = await buyerContext.newPage();
    bp.setDefaultTimeout(10_000);
    const buyerErrors = watchPageErrors(bp);
    await bp.goto(link!);
    await bp.getByRole('heading', { level: 1, name: 'Nyårsresan' }).waitFor();
    expect(new URL(bp.url()).pathname).toBe('/p/');
    await byBuyer('Karin Köpare öppnade köparens rum').waitFor();
    await screenshot(bp, 'portal-story-room-phone');

    // 3. She completes her plan step.
    const plan = bp.getByRole('region', { name: 'Planen', exact: true });
    await plan.getByRole('checkbox', { name: 'Klart: Godkänn leveransvillkoren', exact: true }).check();
    await byBuyer('Steget klart: Godkänn leveransvillkoren').waitFor();
    expect(plain(await byBuyer('Steget klart').locator('.timeline-buyer').innerText())).toBe('Karin Köpare, i köparens rum');

    // 4. She says she is ready: "1 of 2 ready" on the seller's page.
    const group = bp.getByRole('region', { name: 'Köpgruppen', exact: true });
    const say = group.getByRole('form', { name: 'Ditt beslut', exact: true });
    await say.getByLabel('Redo', { exact: true }).check();
    await say.getByRole('button', { name: 'Spara mitt beslut', exact: true }).click();
    const sayPanel = sp.getByRole('region', { name: 'Köpgruppens besked', exact: true });
    await expect.poll(async () => plain(await sayPanel.locator('.section-head .badge').first().innerText())).toBe('1 av 2 redo');
    await byBuyer('Karin Köpare är redo').waitFor();

    // 5. She asks a question: it is in the seller's thread at once.
    const comments = bp.getByRole('region', { name: 'Frågor och kommentarer', exact: true });
    await comments.getByLabel('Din kommentar eller fråga', { exact: true }).fill('Varför kostar resan dubbelt på nyårsafton?');
    await comments.getByRole('button', { name: 'Skicka', exact: true }).click();
    await sp.locator('.room-comments').getByText('Varför kostar resan dubbelt på nyårsafton?').waitFor();
    await byBuyer('Karin Köpare skrev i tråden').waitFor();

    // 6. She reads why the quote costs what it costs, and consents by typing the multiple.
    const card = bp.getByRole('region', { name: 'Offert', exact: true }).getByRole('article', { name: 'Offert version 1', exact: true });
    await card.scrollIntoViewIfNeeded();
    expect((await card.locator('.room-explain tr').allInnerTexts()).map(plain)).toEqual([
      'Listpris per st (du har inga tidigare köp, så listpriset är utgångspunkten) 100 kr',
      'På grund av efterfrågan (Nyårsafton): +200 % +200 kr',
      'Högst 2 × listpriset som ny kund Gränsen som skyddade dig −100 kr',
      'Ditt pris per st 200 kr',
      'Summa för 1 st 200 kr',
    ]);
    await byBuyer('Köparen öppnade offert version 1').waitFor();
    await screenshot(bp, 'portal-story-quote-phone');
    await card.getByLabel('Skriv 2,0 för att godta', { exact: true }).fill('2,0');
    await card.getByRole('button', { name: 'Godkänn offerten', exact: true }).click();
    await expect.poll(async () => plain(await card.locator('.room-done').innerText().catch(() => ''))).toMatch(/^✓ Godkänd av Karin Köpare/);
    await byBuyer('Karin Köpare godtog offert version 1').waitFor();
    await expectAccessible(bp, 'room, after accepting');

    // Later Karin leaves, and comes back without the invitation mail: she asks for a link by e-mail.
    await bp.getByRole('button', { name: 'Lämna rummet', exact: true }).click();
    const askForLink = bp.getByRole('form', { name: 'Få en ny länk med e-post', exact: true });
    await askForLink.getByLabel('Din e-postadress', { exact: true }).fill(KARIN.toUpperCase());
    await screenshot(bp, 'portal-story-ask-for-link-phone');
    await askForLink.getByRole('button', { name: 'Skicka länken', exact: true }).click();
    const sent = bp.getByRole('status').filter({ hasText: 'kommer ett mejl' });
    expect(plain(await sent.innerText())).toBe(`Om ${KARIN.toUpperCase()} är inbjuden till ett rum kommer ett mejl med en länk om en liten stund. Länken fungerar en gång, inom en timme. Titta i skräpposten om inget kommer.`);
    await screenshot(bp, 'portal-story-link-requested-phone');
    await expectAccessible(bp, 'sign-in page, a link asked for');
    await expect.poll(() => smtp.received.filter((m) => m.to.includes(KARIN) && m.subject === 'Din länk till köparens rum').length).toBe(1);
    const fresh = /(http:\/\/\S+\/p\/\S+)/.exec(smtp.received.find((m) => m.subject === 'Din länk till köparens rum')!.text)?.[1];
    await bp.goto(fresh!);
    await bp.getByRole('heading', { level: 1, name: 'Nyårsresan' }).waitFor();
    // It worked once: opened again (here in another browser), it says so and offers a new one.
    const elsewhere = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'sv-SE' });
    const xp = await elsewhere.newPage();
    await xp.goto(fresh!);
    await xp.getByRole('heading', { level: 1, name: 'Länken är redan använd' }).waitFor();
    await xp.getByRole('form', { name: 'Få en ny länk med e-post', exact: true }).waitFor();
    await elsewhere.close();

    // 7. Olle, invited too, signs in with his company account instead of a link.
    // He was invited to the spring trip's room before, so he has two rooms and lands in the newest.
    const spring = await api<{ id: string }>('POST', '/journeys', { accountId: account.id, title: 'Vårresan' });
    await api('POST', `/journeys/${spring.id}/portal-invites`, { contactId: olle.id });
    await invite(sp, 'Olle Ekonom', 'Olle Ekonom', OLLE);
    const olleContext = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'sv-SE' });
    const op = await olleContext.newPage();
    op.setDefaultTimeout(10_000);
    const olleErrors = watchPageErrors(op);
    await op.goto(`${e.base}/p/`);
    await op.getByRole('link', { name: 'Logga in med Kundbolagets konto', exact: true }).click();
    await op.getByLabel('E-mail').fill(OLLE);
    await op.getByRole('button', { name: 'Sign in' }).click();
    await op.getByRole('heading', { level: 1, name: 'Nyårsresan' }).waitFor();
    expect(plain(await op.locator('.room-who').innerText())).toBe('Du är inloggad som Olle Ekonom');
    await byBuyer('Olle Ekonom öppnade köparens rum').waitFor();
    const olleInvite = sp.getByRole('region', { name: 'Köparens rum', exact: true }).getByRole('listitem', { name: 'Olle Ekonom', exact: true });
    await expect.poll(async () => plain(await olleInvite.locator('.portal-invite-status').innerText())).toBe('✓ Status: Använd');
    await screenshot(op, 'portal-story-oidc-desktop');

    // Signed in, Olle moves between his rooms; a magic link would keep him to one.
    const rooms = op.getByRole('navigation', { name: 'Dina rum', exact: true });
    const org = plain(await op.locator('.room-brand').innerText());
    expect(plain(await rooms.innerText())).toBe(`Du har 2 rum: Nyårsresan ${org} (du är här) Vårresan ${org}`);
    await rooms.getByRole('button', { name: /^Vårresan/ }).click();
    await op.getByRole('heading', { level: 1, name: 'Vårresan' }).waitFor();
    expect(plain(await op.locator('.room-who').innerText())).toBe('Du är inloggad som Olle Ekonom');
    await expect.poll(async () => plain(await rooms.locator('[aria-current="page"]').innerText())).toMatch(/^Vårresan /);
    await expectAccessible(op, 'room, with two rooms');
    await rooms.getByRole('button', { name: /^Nyårsresan/ }).click();
    await op.getByRole('heading', { level: 1, name: 'Nyårsresan' }).waitFor();

    // The seller's page after it all, and what the API says.
    expect((await api<{ status: string }>('GET', `/quotes/${quote.id}`)).status).toBe('accepted');
    await timeline.scrollIntoViewIfNeeded();
    await screenshot(sp, 'portal-story-seller-timeline');
    await expectAccessible(sp, 'journey page after the buyers');
    sellerErrors.expectNone();
    buyerErrors.expectNone();
    olleErrors.expectNone();
    await Promise.all([sellerView.context.close(), buyerContext.close(), olleContext.close()]);
  }, 90_000);
});
