/**
 * The buyer's room in the browser (issue 7): the room's own page and bundle
 * (portal.html) on the real server, a real SQLite database seeded through the
 * seller's HTTP API, Debian's Chromium.
 *
 * - A buyer opens their magic link: the token leaves the address bar at once,
 *   the room opens in Swedish with every section; the quote is explained line
 *   by line (New Year's Eve demand, capped as a new customer), a wrong multiple
 *   is refused in the server's words, "2,0" accepts it, and the seller's API
 *   says accepted by the buyer.
 * - A comment carrying a script tag and an image with onerror is shown as the
 *   characters typed, and nothing of it runs; the room's page has its strict CSP.
 * - Screenshots of each section on a phone (390×844) and a desk (1280×800); axe.
 * - A tampered, a revoked link, and no session at all: each a clear page.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultPortalLimits } from '../../src/app/portal.ts';
import { FailureLimiter } from '../../src/app/rate-limit.ts';
import { ROOM_CSP } from '../../src/http/headers.ts';
import { buildServer } from '../../src/http/server.ts';
import { startTestIssuer } from '../helpers/oidc.ts';
import { type E2E, expectAccessible, launchBrowser, plain, screenshot, startE2E, WEB_DIR } from './harness.ts';
import { watchPageErrors } from './page-errors.ts';

const NYE = '2026-12-31T21:30:00Z';
const SECTIONS = [
  ['where', 'Var vi är'],
  ['quote', 'Offert'],
  ['group', 'Köpgruppen'],
  ['plan', 'Planen'],
  ['comments', 'Frågor och kommentarer'],
  ['cases', 'Reklamationer'],
  ['invite', 'Bjud in en kollega'],
] as const;

const XSS = '<script>window.__x=1</script> and <img src=x onerror="window.__y=1"> — see https://example.com/spec.';

describe('the buyer’s room', () => {
  let e: E2E;
  let browser: Browser;
  beforeAll(async () => {
    [e, browser] = await Promise.all([startE2E(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await e?.close();
  });

  /** A journey with a sent New Year's Eve quote that needs consent, and an invite for Karin: the link's path. */
  async function seed(title: string) {
    const admin = await e.api(e.admin);
    const sku = `RIDE-${Date.now()}-${Math.floor(Math.random() * 1000)}`;
    const product = await admin<{ id: string }>('POST', '/products', { sku, name: { sv: 'Taxiresa', en: 'Taxi ride' }, unit: 'st', listPriceMinor: 10_000 });
    await admin('POST', '/price-rules', {
      kind: 'demand',
      reason: { sv: 'Nyårsafton', en: "New Year's Eve" },
      window: { type: 'absolute', from: '2026-12-31T22:00', to: '2027-01-01T04:00' },
      multiplier: 3,
    });
    const seller = await e.person('seller', 'Sam Säljare');
    const api = await e.api(seller);
    const account = await api<{ id: string }>('POST', '/accounts', { kind: 'company', name: 'Rumsbolaget AB' });
    const karin = await api<{ id: string }>('POST', `/accounts/${account.id}/contacts`, { name: 'Karin Köpare', email: `karin-${sku}@rumsbolaget.example`, title: 'Inköpschef', buyingRole: 'decision_maker' });
    await api('POST', `/accounts/${account.id}/contacts`, { name: 'Olle Ekonom', email: `olle-${sku}@rumsbolaget.example`, buyingRole: 'economic_buyer' });
    const journey = await api<{ id: string }>('POST', '/journeys', { accountId: account.id, title });
    const quote = await api<{ id: string }>('POST', `/journeys/${journey.id}/quotes`, { lines: [{ productId: product.id, quantity: 1 }], at: NYE });
    await api('POST', `/quotes/${quote.id}/send`, {});
    const invite = await api<{ id: string; link: string }>('POST', `/journeys/${journey.id}/portal-invites`, { contactId: karin.id });
    const path = new URL(invite.link, e.base).pathname;
    return { api, journeyId: journey.id, quoteId: quote.id, inviteId: invite.id, path, token: path.slice(3), email: `karin-${sku}@rumsbolaget.example` };
  }

  const open = async (lang: 'sv' | 'en', width = 1280, height = 800) => {
    const context = await browser.newContext({ viewport: { width, height }, locale: lang === 'sv' ? 'sv-SE' : 'en-GB' });
    const page = await context.newPage();
    return { context, page };
  };

  const section = (page: Page, name: string) => page.getByRole('region', { name, exact: true });

  it('opens from the link, shows every section, and accepts the quote with the buyer’s consent', async () => {
    const s = await seed('Rumsresan');
    const { context, page } = await open('sv');
    page.setDefaultTimeout(10_000);
    const errors = watchPageErrors(page);
    const answer = await page.goto(`${e.base}${s.path}`);
    expect(answer?.headers()['content-security-policy']).toBe(ROOM_CSP);
    await page.getByRole('heading', { level: 1, name: 'Rumsresan' }).waitFor();
    // The link's secret is gone from the address bar and the history.
    expect(new URL(page.url()).pathname).toBe('/p/');
    expect(await page.evaluate(() => location.href)).not.toContain(s.token);
    expect(await page.content()).not.toContain(s.token);

    for (const [, name] of SECTIONS) await section(page, name).waitFor();
    expect(plain(await page.locator('.room-who').innerText())).toBe('Du är inloggad som Karin Köpare');
    const where = section(page, 'Var vi är');
    expect(await where.locator('.room-stage.current').count()).toBe(1);
    expect(plain(await where.locator('.room-now').innerText())).toMatch(/^Nu: .+ Nästa steg: .+$/);

    // The quote, explained as the buyer reads it.
    const quote = section(page, 'Offert');
    const card = quote.getByRole('article', { name: 'Offert version 1', exact: true });
    await card.waitFor();
    const rows = (await card.locator('.room-explain tr').allInnerTexts()).map(plain);
    expect(rows).toEqual([
      'Listpris per st (du har inga tidigare köp, så listpriset är utgångspunkten) 100 kr',
      'På grund av efterfrågan (Nyårsafton): +200 % +200 kr',
      'Högst 2 × listpriset som ny kund Gränsen som skyddade dig −100 kr',
      'Ditt pris per st 200 kr',
      'Summa för 1 st 200 kr',
    ]);
    expect((await card.locator('.room-totals > div').allInnerTexts()).map(plain)).toEqual(['Summa utan moms 200 kr', 'Moms 50 kr', 'Att betala 250 kr']);
    expect(plain(await card.locator('.room-consent').innerText())).toBe(
      'Ditt samtycke behövs. Summan är mer än 1,5 gånger vad du brukar betala (100 kr). För att godta offerten skriver du 2,0, så vet vi att du har sett det.',
    );
    // Opening the room recorded the quote as seen.
    await expect.poll(async () => (await s.api<{ status: string }>('GET', `/quotes/${s.quoteId}`)).status).toBe('viewed');
    await expectAccessible(page, 'room');

    // A wrong multiple is refused in the server's words; the right one accepts.
    const consent = card.getByLabel('Skriv 2,0 för att godta', { exact: true });
    await consent.fill('3');
    await card.getByRole('button', { name: 'Godkänn offerten', exact: true }).click();
    await card.getByRole('alert').waitFor();
    expect(plain(await card.getByRole('alert').innerText()).length).toBeGreaterThan(5);
    expect((await s.api<{ status: string }>('GET', `/quotes/${s.quoteId}`)).status).toBe('viewed');
    await consent.fill('2,0');
    await card.getByRole('button', { name: 'Godkänn offerten', exact: true }).click();
    await expect.poll(async () => plain(await card.locator('.room-done').innerText().catch(() => ''))).toMatch(/^✓ Godkänd av Karin Köpare .+\.$/);
    expect(plain(await card.locator('.room-quote-head .room-badge').innerText())).toBe('Godkänd');
    const accepted = await s.api<{ status: string; acceptedBy: { name: string; contactId: string } }>('GET', `/quotes/${s.quoteId}`);
    expect(accepted.status).toBe('accepted');
    expect(accepted.acceptedBy.name).toBe('Karin Köpare');
    expect(await card.getByRole('button', { name: 'Godkänn offerten' }).count()).toBe(0);
    await screenshot(page, 'portal-room-quote-accepted');

    // In English, at the buyer's choice: the words and the stage names.
    await page.getByRole('group', { name: 'Språk' }).getByRole('button', { name: 'English' }).click();
    await section(page, 'Where we are').waitFor();
    const english = section(page, 'Quote').getByRole('article', { name: 'Quote version 1', exact: true });
    await expect.poll(async () => plain(await english.locator('.room-quote-head .room-badge').innerText())).toBe('Accepted');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    errors.expectNone();
    await context.close();
  });

  it('lets the buyer work in the room: their say, a criterion, the plan and its calendar, a complaint, a colleague, a decline; the seller’s word arrives live', async () => {
    const s = await seed('Arbetsresan');
    const { context, page } = await open('sv');
    page.setDefaultTimeout(10_000);
    const errors = watchPageErrors(page);
    await page.goto(`${e.base}${s.path}`);
    await page.getByRole('heading', { level: 1, name: 'Arbetsresan' }).waitFor();

    // Their say: a need, a concern, not ready yet with what is missing, then ready.
    const group = section(page, 'Köpgruppen');
    expect(plain(await group.locator('.room-count').innerText())).toBe('0 av 2 redo');
    const me = group.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Karin Köpare (du)' }) });
    await me.getByLabel('Något du behöver', { exact: true }).fill('Fungerar med vårt affärssystem');
    await me.getByRole('button', { name: 'Lägg till', exact: true }).click();
    await me.getByText('Fungerar med vårt affärssystem').waitFor();
    const concern = me.getByRole('form', { name: 'Ta upp en fundering', exact: true });
    await concern.getByLabel('Ämne', { exact: true }).selectOption({ label: 'Pris' });
    await concern.getByLabel('Vad oroar dig?', { exact: true }).fill('Nyårspriset känns högt');
    await concern.getByRole('button', { name: 'Skicka funderingen', exact: true }).click();
    await me.getByText('Nyårspriset känns högt').waitFor();
    const say = me.getByRole('form', { name: 'Ditt beslut', exact: true });
    await say.getByLabel('Inte än', { exact: true }).check();
    await say.getByLabel('Vad saknas?', { exact: false }).fill('Ekonomi har inte sagt sitt');
    await say.getByRole('button', { name: 'Spara mitt beslut', exact: true }).click();
    await expect.poll(async () => plain(await me.locator('.room-reason').innerText().catch(() => ''))).toBe('Därför: Ekonomi har inte sagt sitt');
    expect(plain(await me.locator('.room-member-head .room-badge').innerText())).toBe('Beslut: Inte än');
    await say.getByLabel('Redo', { exact: true }).check();
    await say.getByRole('button', { name: 'Spara mitt beslut', exact: true }).click();
    await expect.poll(async () => plain(await group.locator('.room-count').innerText())).toBe('1 av 2 redo');

    // A criterion of the stage, confirmed by the buyer.
    const where = section(page, 'Var vi är');
    const first = where.locator('.room-criteria li').first();
    const button = first.getByRole('button', { name: /^Bekräfta: / });
    const criterion = (await button.getAttribute('aria-label'))!.slice('Bekräfta: '.length);
    expect(plain(await first.locator('.room-criterion-text').innerText())).toBe(`Inte klart än: ${criterion}`);
    await button.click();
    await expect.poll(async () => plain(await first.innerText())).toContain('bekräftat av Karin Köpare');
    expect(plain(await where.locator('h3 .room-count').innerText())).toBe('1 av 2 klara');

    // The plan: a step for Olle, due in January, edited, then done; in the calendar feed.
    const plan = section(page, 'Planen');
    const add = plan.getByRole('form', { name: 'Lägg till ett steg', exact: true });
    await add.getByLabel('Vad ska göras?', { exact: true }).fill('Provkör');
    await add.getByLabel('Ansvarig', { exact: true }).selectOption({ label: 'Olle Ekonom' });
    await add.getByLabel('Klart senast', { exact: false }).fill('2027-01-15');
    await add.getByRole('button', { name: 'Lägg till', exact: true }).click();
    const step = plan.locator('.room-step').filter({ hasText: 'Provkör' });
    await step.waitFor();
    expect(plain(await step.locator('.room-step-facts').innerText())).toBe('Ansvarig: Olle Ekonom · Klart senast: 15 jan. 2027');
    await step.getByRole('button', { name: 'Ändra: Provkör', exact: true }).click();
    const edit = plan.getByRole('form', { name: 'Ändra: Provkör', exact: true });
    await edit.getByLabel('Vad ska göras?', { exact: true }).fill('Provkör i två veckor');
    await edit.getByRole('button', { name: 'Spara', exact: true }).click();
    const edited = plan.locator('.room-step').filter({ hasText: 'Provkör i två veckor' });
    await edited.getByRole('checkbox', { name: 'Klart: Provkör i två veckor', exact: true }).check();
    await expect.poll(async () => (await edited.getAttribute('class')) ?? '').toContain('done');
    await plan.getByRole('button', { name: 'Skapa kalenderadress', exact: true }).click();
    const feed = await plan.getByLabel('Kalenderadress', { exact: true }).inputValue();
    await plan.getByRole('button', { name: 'Kopiera', exact: true }).click();
    await expect.poll(async () => plain(await plan.locator('.room-copy [role=status]').innerText())).toMatch(/^(Kopierad\.|Det gick inte att kopiera automatiskt\..*)$/);
    expect(feed.startsWith(`${e.base}/api/portal/v1/calendar/`)).toBe(true);
    const ics = await fetch(feed);
    expect(ics.headers.get('content-type')).toContain('text/calendar');
    expect(await ics.text()).toContain('Provkör i två veckor');

    // A step the seller gave a colleague the room does not offer: the buyer edits its title, and the owner stays.
    const tove = await e.person('seller', 'Tove Tekniker');
    await s.api('POST', `/journeys/${s.journeyId}/plan-steps`, { title: 'Installera', owner: { userId: tove.actor.userId } });
    const theirs = plan.locator('.room-step').filter({ hasText: 'Installera' });
    await theirs.waitFor();
    await theirs.getByRole('button', { name: 'Ändra: Installera', exact: true }).click();
    const editTheirs = plan.getByRole('form', { name: 'Ändra: Installera', exact: true });
    expect(await editTheirs.getByLabel('Ansvarig', { exact: true }).locator('option:checked').innerText()).toBe('Tove Tekniker');
    await editTheirs.getByLabel('Vad ska göras?', { exact: true }).fill('Installera hos oss');
    await editTheirs.getByRole('button', { name: 'Spara', exact: true }).click();
    const renamed = plan.locator('.room-step').filter({ hasText: 'Installera hos oss' });
    await expect.poll(async () => plain(await renamed.locator('.room-step-facts').innerText().catch(() => ''))).toBe('Ansvarig: Tove Tekniker · Klart senast: Inget datum');
    await plan.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await screenshot(page, 'portal-room-plan-worked');

    // A complaint about the quote, and a reply on it.
    const cases = section(page, 'Reklamationer');
    await cases.getByRole('button', { name: 'Anmäl ett problem', exact: true }).click();
    const report = cases.getByRole('form', { name: 'Anmäl ett problem', exact: true });
    await report.getByLabel('Ämne', { exact: true }).fill('Fel antal på offerten');
    await report.getByLabel('Vad har hänt?', { exact: true }).fill('Vi bad om två resor, inte en.');
    await report.getByLabel('Gäller offert', { exact: false }).selectOption({ label: 'Offert version 1' });
    await report.getByRole('button', { name: 'Skicka anmälan', exact: true }).click();
    const item = cases.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Fel antal på offerten' }) });
    await item.waitFor();
    await item.getByLabel('Ditt svar', { exact: true }).fill('Det gäller resan den 31 december.');
    await item.getByRole('button', { name: 'Skicka svar', exact: true }).click();
    await item.getByText('Det gäller resan den 31 december.').waitFor();
    await cases.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await screenshot(page, 'portal-room-cases-worked');

    // A colleague: no mail here, and the link is personal, so the seller passes it on; the buyer is told so.
    const invite = section(page, 'Bjud in en kollega');
    await invite.getByLabel('Namn', { exact: true }).fill('Greta Granskare');
    await invite.getByLabel('E-post', { exact: true }).fill(`greta-${Date.now()}@rumsbolaget.example`);
    await invite.getByRole('button', { name: 'Bjud in', exact: true }).click();
    await expect
      .poll(async () => plain(await invite.getByRole('status').innerText()))
      .toBe('Greta Granskare är med i köpgruppen nu, men inget mejl gick iväg härifrån. Be säljaren skicka länken till Greta Granskare: en länk är personlig och skickas bara till den som ska använda den.');
    expect(await invite.locator('input[readonly]').count()).toBe(0);
    await expect.poll(async () => plain(await group.locator('.room-count').innerText())).toBe('1 av 3 redo');

    // The seller writes in the thread: it shows without a reload.
    const comments = section(page, 'Frågor och kommentarer');
    await comments.getByText('Inga kommentarer än. Skriv den första.').waitFor();
    await s.api('POST', `/journeys/${s.journeyId}/comments`, { text: 'Vi tittar på antalet i dag.' });
    await comments.getByText('Vi tittar på antalet i dag.').waitFor();

    // Declining the quote, with a reason the seller reads.
    const card = section(page, 'Offert').getByRole('article', { name: 'Offert version 1', exact: true });
    await card.getByRole('button', { name: 'Avböj', exact: true }).click();
    const decline = card.getByRole('form', { name: 'Avböj version 1', exact: true });
    const why = decline.getByLabel('Varför? Säljaren får läsa det.', { exact: false });
    expect(await why.evaluate((el) => el === document.activeElement)).toBe(true);
    await why.fill('Vi väntar på rätt antal');
    await decline.getByRole('button', { name: 'Avböj offerten', exact: true }).click();
    await expect.poll(async () => plain(await card.locator('.room-quote-head .room-badge').innerText())).toBe('Avböjd');
    const declined = await s.api<{ status: string; declineReason: string }>('GET', `/quotes/${s.quoteId}`);
    expect(declined).toMatchObject({ status: 'declined', declineReason: 'Vi väntar på rätt antal' });
    await expectAccessible(page, 'room after work');
    errors.expectNone();
    await context.close();
  }, 60_000);

  it('lets the buyer read a closed journey’s room, and change nothing of it', async () => {
    const s = await seed('Avslutade resan');
    await s.api('POST', `/journeys/${s.journeyId}/close`, { outcome: 'won', reason: 'Avtal påskrivet' });
    const { context, page } = await open('sv', 390, 844);
    page.setDefaultTimeout(10_000);
    const errors = watchPageErrors(page);
    await page.goto(`${e.base}${s.path}`);
    await page.getByRole('heading', { level: 1, name: 'Avslutade resan' }).waitFor();
    await page.getByRole('note').filter({ hasText: 'Affären är klar och avslutad.' }).waitFor();
    await section(page, 'Offert').getByRole('article', { name: 'Offert version 1', exact: true }).waitFor();
    for (const name of ['Var vi är', 'Offert', 'Köpgruppen', 'Planen']) {
      expect(await section(page, name).getByRole('button').count(), name).toBe(0);
      expect(await section(page, name).getByRole('textbox').count(), name).toBe(0);
    }
    expect(await page.getByRole('region', { name: 'Bjud in en kollega' }).count()).toBe(0);
    // A complaint can still be made: something may go wrong after the deal.
    await section(page, 'Reklamationer').getByRole('button', { name: 'Anmäl ett problem', exact: true }).waitFor();
    await screenshot(page, 'portal-room-closed-phone');
    await expectAccessible(page, 'closed room');
    errors.expectNone();
    await context.close();
  });

  it('looks finished on a desk and on a phone, in Swedish and English: each section, and no page wider than the phone', async () => {
    const s = await seed('Skärmresan');
    for (const [device, width, height, lang] of [['desktop', 1280, 800, 'sv'], ['phone', 390, 844, 'sv'], ['desktop-en', 1280, 800, 'en']] as const) {
      const { context, page } = await open(lang, width, height);
      page.setDefaultTimeout(10_000);
      const errors = watchPageErrors(page);
      await page.goto(`${e.base}${s.path}`);
      await page.getByRole('heading', { level: 1, name: 'Skärmresan' }).waitFor();
      await section(page, lang === 'sv' ? 'Offert' : 'Quote').getByRole('article').first().waitFor();
      await screenshot(page, `portal-room-top-${device}`);
      for (const [id] of SECTIONS) {
        await page.locator(`#${id}`).evaluate((el) => el.scrollIntoView({ block: 'start' }));
        await screenshot(page, `portal-room-${id}-${device}`);
      }
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await expectAccessible(page, `room on a ${device}`);
      errors.expectNone();
      await context.close();
    }
  }, 60_000);

  it('shows a comment with markup as the characters typed, and runs none of it', async () => {
    const s = await seed('Kommentarsresan');
    const { context, page } = await open('sv');
    const errors = watchPageErrors(page);
    const blocked: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) blocked.push(m.text());
    });
    const answer = await page.goto(`${e.base}${s.path}`);
    expect(answer?.headers()['content-security-policy']).toBe(ROOM_CSP);
    const comments = section(page, 'Frågor och kommentarer');
    await comments.waitFor();
    await comments.getByText('Inga kommentarer än. Skriv den första.').waitFor();
    await comments.getByLabel('Din kommentar eller fråga', { exact: true }).fill(XSS);
    await comments.getByRole('button', { name: 'Skicka', exact: true }).click();
    const item = comments.locator('.room-comment').first();
    await expect.poll(async () => (await item.locator('.room-comment-text').innerText().catch(() => ''))).toBe(XSS);
    // The seller answers in the thread, through their API.
    await s.api('POST', `/journeys/${s.journeyId}/comments`, { text: 'Svar: <b>inte fet</b>' });
    await page.reload();
    await comments.locator('.room-comment').nth(1).waitFor();
    expect(await comments.locator('.room-comment-text').allInnerTexts()).toEqual([XSS, 'Svar: <b>inte fet</b>']);
    expect(plain(await comments.locator('.room-comment').nth(1).locator('.room-comment-head').innerText())).toMatch(/^Sam Säljare säljare .+$/);

    // Shown as text: no script, no image, no bold element; only the https address is a link.
    expect(await comments.locator('script, img, b').count()).toBe(0);
    const links = comments.locator('.room-comment-text a');
    expect(await links.count()).toBe(1);
    expect(await links.getAttribute('href')).toBe('https://example.com/spec');
    expect(await links.getAttribute('rel')).toContain('noopener');
    expect(await page.evaluate(() => (window as unknown as { __x?: unknown }).__x)).toBeUndefined();
    expect(await page.evaluate(() => (window as unknown as { __y?: unknown }).__y)).toBeUndefined();
    // And were it markup, the page's policy would not run it.
    const inline = await page.evaluate(() => {
      const el = document.createElement('div');
      el.innerHTML = '<img src="x" onerror="window.__z=1">';
      document.body.append(el);
      return new Promise((r) =>
        setTimeout(() => {
          el.remove();
          r((window as unknown as { __z?: unknown }).__z);
        }, 300),
      );
    });
    expect(inline).toBeUndefined();
    await expect.poll(() => blocked.length).toBeGreaterThan(0);
    await comments.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await screenshot(page, 'portal-room-comments-markup');
    await expectAccessible(page, 'room comments');
    errors.expectNone();
    await context.close();
  });

  it('gives a guest the published thread and a comment form; the comment shows once the seller approves it', async () => {
    const s = await seed('Gästresan');
    await s.api('POST', `/journeys/${s.journeyId}/comments`, { text: 'Välkommen att kommentera.' });
    const { link } = await s.api<{ link: string }>('POST', `/journeys/${s.journeyId}/guest-link`);
    const { context, page } = await open('sv', 390, 844);
    page.setDefaultTimeout(10_000);
    const errors = watchPageErrors(page);
    const answer = await page.goto(new URL(link, e.base).href);
    expect(answer?.headers()['content-security-policy']).toBe(ROOM_CSP);
    await page.getByRole('heading', { level: 1, name: 'Kommentarer: Gästresan' }).waitFor();
    await page.getByText('Välkommen att kommentera.').waitFor();
    const form = page.getByRole('form', { name: 'Skriv en kommentar', exact: true });
    await form.getByLabel('Namn', { exact: true }).fill('Gunnar Gäst');
    await form.getByLabel('E-post', { exact: false }).fill('gunnar@gast.example');
    await form.getByLabel('Webbplats', { exact: false }).fill('https://gast.example/');
    await form.getByLabel('Kommentar', { exact: true }).fill('Hur lång är resan? <b>fet?</b>');
    await form.getByRole('button', { name: 'Skicka kommentaren', exact: true }).click();
    await page.getByText('Tack! Din kommentar väntar på att säljaren godkänner den.').waitFor();
    expect(await page.getByText('Hur lång är resan?', { exact: false }).count()).toBe(0);
    await screenshot(page, 'portal-room-guest-phone');
    await expectAccessible(page, 'guest page');

    const all = await s.api<{ items: { id: string; status: string; text: string }[] }>('GET', `/journeys/${s.journeyId}/comments`);
    const pending = all.items.find((c) => c.status === 'pending');
    expect(pending?.text).toBe('Hur lång är resan? <b>fet?</b>');
    await s.api('POST', `/comments/${pending!.id}/approve`);
    await page.reload();
    await page.getByText('Hur lång är resan? <b>fet?</b>', { exact: true }).waitFor();
    const author = page.getByRole('link', { name: 'Gunnar Gäst', exact: true });
    expect(await author.getAttribute('href')).toBe('https://gast.example/');
    expect(await author.getAttribute('rel')).toBe('nofollow ugc noopener noreferrer');
    expect(await page.locator('main b').count()).toBe(0);
    await page.setViewportSize({ width: 1280, height: 800 });
    await screenshot(page, 'portal-room-guest-desktop');

    await page.goto(`${e.base}/p/g/${s.journeyId}.not-the-secret`);
    await page.getByRole('heading', { level: 1, name: 'Länken fungerar inte' }).waitFor();
    errors.expectNone();
    await context.close();
  });

  it('signs a buyer in with their organisation’s account when OIDC is set up, and says so when no invite matches', async () => {
    const s = await seed('Inloggningsresan');
    const idp = await startTestIssuer({ accounts: [{ email: s.email }, { email: 'okand@annan.example' }] });
    const app = await buildServer({ ctx: e.ctx, webDir: WEB_DIR, portalOidc: idp.settings('Rumsbolagets konto') });
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    idp.allowRedirect(`${base}/api/portal/v1/oidc/callback`);
    const { context, page } = await open('sv');
    page.setDefaultTimeout(10_000);
    const errors = watchPageErrors(page);
    try {
      await page.goto(`${base}/p/`);
      await page.getByRole('heading', { level: 1, name: 'Öppna rummet med din länk' }).waitFor();
      await page.getByRole('link', { name: 'Logga in med Rumsbolagets konto', exact: true }).click();
      await page.getByLabel('E-mail').fill(s.email);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { level: 1, name: 'Inloggningsresan' }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/p/');
      expect(plain(await page.locator('.room-who').innerText())).toBe('Du är inloggad som Karin Köpare');
      await screenshot(page, 'portal-room-oidc-signed-in');

      // Leaving the room ends its session.
      await page.getByRole('button', { name: 'Lämna rummet', exact: true }).click();
      await page.getByText('Du har lämnat rummet.', { exact: false }).waitFor();
      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'Öppna rummet med din länk' }).waitFor();

      // Someone nobody invited, in another browser: told so.
      const other = await open('sv');
      other.page.setDefaultTimeout(10_000);
      await other.page.goto(`${base}/p/`);
      await other.page.getByRole('link', { name: 'Logga in med Rumsbolagets konto', exact: true }).click();
      await other.page.getByLabel('E-mail').fill('okand@annan.example');
      await other.page.getByRole('button', { name: 'Sign in' }).click();
      await other.page.getByText('Vi hittade ingen inbjudan för ditt konto.', { exact: false }).waitFor();
      expect(new URL(other.page.url()).search).toBe('?signin=no_invite');
      await expectAccessible(other.page, 'oidc no invite');
      await other.context.close();
      errors.expectNone();
    } finally {
      await context.close();
      await app.close();
      await idp.close();
    }
  });

  it('refuses a tampered, expired or withdrawn link, too many attempts, and a visit without a session, each with a clear page', async () => {
    const s = await seed('Nekade resan');
    const { context, page } = await open('sv');
    const errors = watchPageErrors(page);

    await page.goto(`${e.base}/p/${s.token.slice(0, -3)}xyz`);
    await page.getByRole('heading', { level: 1, name: 'Länken fungerar inte' }).waitFor();
    expect(plain(await page.locator('main').innerText())).toContain('Kontrollera att du har kopierat hela adressen');
    expect(new URL(page.url()).pathname).toBe('/p/');
    await expectAccessible(page, 'refused link');
    await screenshot(page, 'portal-room-refused-invalid');

    // The same link 31 days on (a server whose clock is ahead): expired.
    const later = await buildServer({ ctx: { ...e.ctx, now: () => new Date(Date.now() + 31 * 86_400_000) }, webDir: WEB_DIR });
    const laterBase = await later.listen({ port: 0, host: '127.0.0.1' });
    try {
      await page.goto(`${laterBase}${s.path}`);
      await page.getByRole('heading', { level: 1, name: 'Länken har gått ut' }).waitFor();
      expect(plain(await page.locator('main').innerText())).toContain('Be säljaren om en ny länk.');
    } finally {
      await later.close();
    }

    await s.api('POST', `/portal-invites/${s.inviteId}/revoke`, {});
    await page.goto(`${e.base}${s.path}`);
    await page.getByRole('heading', { level: 1, name: 'Länken har dragits tillbaka' }).waitFor();
    expect(await page.content()).not.toContain(s.token);

    await page.goto(`${e.base}/p/`);
    await page.getByRole('heading', { level: 1, name: 'Öppna rummet med din länk' }).waitFor();
    await page.goto(`${e.base}/p/?signin=no_invite`);
    await page.getByText('Vi hittade ingen inbjudan för ditt konto.', { exact: false }).waitFor();
    await screenshot(page, 'portal-room-signin-no-invite');
    await expectAccessible(page, 'sign in');

    // Too many attempts from one address: a page of its own (a server allowing 2 in 15 minutes).
    const strict = await buildServer({ ctx: e.ctx, webDir: WEB_DIR, portalLimits: { ...defaultPortalLimits(), redeemPerAddress: new FailureLimiter(2, 15 * 60_000) } });
    const strictBase = await strict.listen({ port: 0, host: '127.0.0.1' });
    try {
      for (let i = 0; i < 2; i++) {
        await page.goto(`${strictBase}/p/not-a-real-token-${i}`);
        await page.getByRole('heading', { level: 1, name: 'Länken fungerar inte' }).waitFor();
      }
      await page.goto(`${strictBase}/p/not-a-real-token-3`);
      await page.getByRole('heading', { level: 1, name: 'För många försök' }).waitFor();
      expect(plain(await page.locator('main').innerText())).toContain('Vänta en stund och öppna den igen.');
    } finally {
      await strict.close();
    }

    // In English for an English browser.
    const en = await open('en', 390, 844);
    await en.page.goto(`${e.base}/p/not-a-real-token`);
    await en.page.getByRole('heading', { level: 1, name: 'This link does not work' }).waitFor();
    await screenshot(en.page, 'portal-room-refused-invalid-phone');
    await en.context.close();
    errors.expectNone();
    await context.close();
  });
});
