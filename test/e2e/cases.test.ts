/**
 * Cases in the seller's browser (issue 8). Seeded through the API: a buyer
 * opens complaints in the room with their portal cookie; the org counts
 * business time around the clock, so due times follow the opening order.
 *
 * - the Cases page lists the cases with their running clocks counting down,
 *   soonest due first, and newest first when asked; the figures render (table
 *   and chart) for a chosen period;
 * - a case's page: a partial refund is checked before sending (no amount, a
 *   bad amount), then proposed; the buyer rejects it in the room and the
 *   rejection with its comment appears without a reload; nothing on the page
 *   resolves the case; closing needs a reason and a confirmation and leads to
 *   "Stängt utan överenskommelse", never resolved;
 * - the journey and account pages list the cases, each a link to its page;
 * - Today, 15 days after a buyer accepted, asks for a check-in; the case page
 *   records it;
 * - an admin sees the Cases settings with Sweden's holidays as the defaults
 *   and saves a list and targets of the org's own.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, expectAccessible, launchBrowser, plain, screenshot, startE2E } from './harness.ts';
import { watchPageErrors } from './page-errors.ts';

interface Case {
  id: string;
  status: string;
  shownStatus: string;
}

describe('cases in the browser', () => {
  let e: E2E;
  let browser: Browser;
  beforeAll(async () => {
    [e, browser] = await Promise.all([startE2E(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await e?.close();
  });

  /** A journey with a buyer in the room; `buyer` calls the room's API with the portal cookie. */
  async function seed() {
    const admin = await e.api(e.admin);
    // Around the clock, no holidays: due times follow the order the cases were opened in.
    await admin('PUT', '/settings/cases', {
      businessHours: { days: [1, 2, 3, 4, 5, 6, 7], open: '00:00', close: '24:00' },
      holidays: [],
      targets: {
        champion: { firstResponseHours: 2, resolutionHours: 18 },
        at_risk: { firstResponseHours: 24, resolutionHours: 90 },
        loyal: { firstResponseHours: 4, resolutionHours: 27 },
        regular: { firstResponseHours: 8, resolutionHours: 45 },
        occasional: { firstResponseHours: 24, resolutionHours: 90 },
        new: { firstResponseHours: 24, resolutionHours: 90 },
      },
    });
    const seller = await e.person('seller', 'Sam Säljare');
    const api = await e.api(seller);
    const account = await api<{ id: string }>('POST', '/accounts', { kind: 'company', name: 'Nyårsbolaget AB' });
    const karin = await api<{ id: string }>('POST', `/accounts/${account.id}/contacts`, { name: 'Karin Köpare', title: 'Inköpschef' });
    const journey = await api<{ id: string }>('POST', '/journeys', { accountId: account.id, title: 'Nyårsfesten' });
    const invite = await api<{ link: string }>('POST', `/journeys/${journey.id}/portal-invites`, { contactId: karin.id });
    const buyer = (await e.room(invite.link)).json;
    return { seller, api, account, journey, buyer };
  }

  /** Every button and option on the page, by its accessible text. */
  const controls = async (page: Page) =>
    page.evaluate(() => [...document.querySelectorAll('button, [role="button"], option, input[type="submit"], [role="menuitem"], [role="option"]')].map((el) => `${el.textContent ?? ''} ${el.getAttribute('aria-label') ?? ''} ${(el as HTMLInputElement).value ?? ''}`));

  it('lists cases by due time with live clocks, proposes and hears the rejection live, cannot resolve, closes without agreement, shows figures, the journey and account panels and a check-in on Today', async () => {
    const { seller, api, account, journey, buyer } = await seed();
    const price = await buyer<Case>('POST', '/cases', { topic: 'Nyårsaftonspriset', description: 'Priset var dubbelt så högt på nyårsafton. Det sa ingen.' });
    await new Promise((r) => setTimeout(r, 50));
    const colour = await buyer<Case>('POST', '/cases', { topic: 'Fel färg på lamporna', description: 'Vi beställde vita, fick svarta.' });
    await new Promise((r) => setTimeout(r, 50));
    const own = await api<Case>('POST', `/journeys/${journey.id}/cases`, { topic: 'Sen leverans', description: 'Leveransen kom en dag sent.' });

    const { page } = await e.signedIn(browser, seller, 'sv');
    const errors = watchPageErrors(page);
    await page.goto(`${e.base}/cases`);
    await page.getByRole('heading', { level: 1, name: 'Ärenden' }).waitFor();
    const rows = page.locator('table.case-list tbody tr');
    await expect.poll(async () => rows.count()).toBe(3);
    const topics = async () => (await rows.locator('th').allInnerTexts()).map(plain);
    // Soonest due first: the buyer's two cases wait for a first answer (24 h), the seller's own runs to resolution (90 h).
    expect(await topics()).toEqual(['Nyårsaftonspriset', 'Fel färg på lamporna', 'Sen leverans']);
    const first = plain(await rows.nth(0).innerText());
    expect(first).toContain('Nyårsbolaget AB');
    expect(first).toContain('Nyårsfesten');
    expect(first).toContain('Öppet');
    expect(first).toContain('Ny');
    expect(first).toContain('Första svar: Löper');
    expect(first).toMatch(/om 2[34] h \d+ min/);
    expect(plain(await rows.nth(2).innerText())).toMatch(/Lösning: Löper om 3 d (17|18) h/);
    await page.getByLabel('Sortera').selectOption('opened');
    await expect.poll(topics).toEqual(['Sen leverans', 'Fel färg på lamporna', 'Nyårsaftonspriset']);
    await page.getByLabel('Sortera').selectOption('due');
    await expect.poll(topics).toEqual(['Nyårsaftonspriset', 'Fel färg på lamporna', 'Sen leverans']);
    await page.getByLabel('Status', { exact: true }).selectOption('open');
    await expect.poll(async () => rows.count()).toBe(3);

    // The figures: a chart and the tables, for a chosen period.
    const figures = page.getByRole('region', { name: 'Siffror' });
    await figures.getByRole('img', { name: 'Mediantid per nivå, i arbetstimmar' }).waitFor();
    const byTier = figures.getByRole('table', { name: /^Siffror per nivå/ });
    const newRow = byTier.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Ny' }) });
    expect(plain(await newRow.innerText())).toMatch(/^Ny 3 3 0 0/);
    await figures.getByRole('button', { name: 'Senaste 30 dagarna' }).click();
    await expect.poll(async () => plain(await figures.innerText())).toContain('3 ärenden');
    expect(plain(await figures.getByRole('table', { name: /^Siffror per säljare/ }).innerText())).toContain('Sam Säljare 3 3 0 0');
    await screenshot(page, 'cases-list');
    await figures.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await screenshot(page, 'cases-figures');
    await expectAccessible(page, 'cases list');

    // The case page.
    await rows.nth(0).getByRole('link', { name: 'Nyårsaftonspriset' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nyårsaftonspriset' }).waitFor();
    expect(plain(await page.locator('main').innerText())).toContain('Bara kundens godkännande löser ett ärende.');
    expect(plain(await page.locator('main').innerText())).toContain('Priset var dubbelt så högt på nyårsafton.');
    const clocks = page.getByRole('region', { name: 'Målklockor' });
    expect(plain(await clocks.innerText())).toMatch(/Första svar Löper om 2[34] h/);

    // A refund needs an amount, said before anything is sent.
    const propose = page.getByRole('form', { name: 'Föreslå en lösning' });
    await propose.getByLabel('Lösning', { exact: true }).selectOption('refund');
    await propose.getByLabel('Förslaget med egna ord').fill('Vi betalar tillbaka halva tillägget.');
    await propose.getByRole('button', { name: 'Skicka förslaget' }).click();
    await expect.poll(async () => plain(await propose.innerText())).toContain('Ange ett belopp i kronor, större än noll.');
    expect(await propose.getByLabel('Belopp i kronor').evaluate((el) => document.activeElement === el)).toBe(true);
    await propose.getByLabel('Belopp i kronor').fill('mycket');
    await propose.getByRole('button', { name: 'Skicka förslaget' }).click();
    await expect.poll(async () => plain(await propose.innerText())).toContain('Beloppet ska vara ett tal i kronor');
    expect((await api<Case>('GET', `/cases/${price.id}`)).status).toBe('open');
    await propose.getByLabel('Belopp i kronor').fill('1 500');
    await propose.getByRole('button', { name: 'Skicka förslaget' }).click();
    const dialogue = page.getByRole('list', { name: 'Dialogen, äldst först' });
    await expect.poll(async () => plain(await dialogue.innerText())).toContain('Sam Säljare föreslog: Återbetalning');
    expect(plain(await dialogue.innerText())).toContain('Belopp: 1 500 kr');
    expect(plain(await dialogue.innerText())).toContain('Förslaget väntar på kundens svar');
    await expect.poll(async () => plain(await page.locator('.case-facts').innerText())).toContain('Förslag väntar på kunden');
    expect(plain(await clocks.innerText())).toContain('Pausad – väntar på kunden');
    const sent = await api<Case & { proposal: { amountMinor: number; resolution: string } }>('GET', `/cases/${price.id}`);
    expect(sent.proposal).toMatchObject({ resolution: 'refund', amountMinor: 150_000 });

    // The buyer rejects in the room; the page hears it.
    await page.waitForTimeout(300);
    await buyer('POST', `/cases/${price.id}/reject`, { comment: 'Hälften räcker inte, vi vill ha hela tillägget tillbaka.' });
    await expect.poll(async () => plain(await dialogue.innerText()), { timeout: 5000 }).toContain('Karin Köpare avböjde förslaget');
    expect(plain(await dialogue.innerText())).toContain('Kommentar: Hälften räcker inte, vi vill ha hela tillägget tillbaka.');
    await expect.poll(async () => plain(await page.locator('.case-facts').innerText())).toContain('Öppet');
    await page.getByRole('heading', { level: 1 }).scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'case-page-top');
    await dialogue.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await screenshot(page, 'case-page-rejected');
    await expectAccessible(page, 'case page');

    // Nothing on the page resolves the case.
    for (const c of await controls(page)) expect(c).not.toMatch(/löst|resolve/i);

    // Closing needs a reason and a yes; it is closed, never resolved.
    const close = page.getByRole('form', { name: 'Stäng utan överenskommelse' });
    await close.getByRole('button', { name: 'Stäng utan överenskommelse…' }).click();
    await expect.poll(async () => plain(await close.innerText())).toContain('Skriv varför ärendet stängs.');
    await close.getByLabel('Skäl (krävs)').fill('Priset följde avtalet; vi kom inte överens.');
    await close.getByRole('button', { name: 'Stäng utan överenskommelse…' }).click();
    expect(plain(await close.innerText())).toContain('räknas inte som löst');
    expect((await api<Case>('GET', `/cases/${price.id}`)).status).toBe('open');
    await close.getByRole('button', { name: 'Ja, stäng utan överenskommelse' }).click();
    await expect.poll(async () => plain(await page.locator('.case-facts').innerText())).toContain('Stängt utan överenskommelse');
    expect(plain(await dialogue.innerText())).toContain('Sam Säljare stängde utan överenskommelse');
    expect(plain(await dialogue.innerText())).toContain('Skäl: Priset följde avtalet; vi kom inte överens.');
    const closed = await api<Case>('GET', `/cases/${price.id}`);
    expect([closed.status, closed.shownStatus]).toEqual(['closed', 'closed']);
    for (const c of await controls(page)) expect(c).not.toMatch(/löst|resolve/i);
    await dialogue.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await screenshot(page, 'case-page-closed');

    // The journey page: the cases, each a link to its page.
    await page.goto(`${e.base}/journeys/${journey.id}`);
    await page.getByRole('heading', { level: 1, name: 'Nyårsfesten' }).waitFor();
    const panel = page.getByRole('region', { name: 'Reklamationer', exact: true });
    const colourItem = panel.getByRole('listitem', { name: 'Fel färg på lamporna' });
    await expect.poll(async () => plain(await colourItem.innerText())).toContain('Första svar: Löper');
    expect(plain(await panel.getByRole('listitem', { name: 'Nyårsaftonspriset' }).innerText())).toContain('Stängt utan överenskommelse');
    // The timeline tells the case's steps, each a link to the case.
    const timeline = page.getByRole('list', { name: 'Händelser, senaste först' });
    const rejected = timeline.getByRole('link', { name: 'Kunden avböjde förslaget i ärendet ”Nyårsaftonspriset”: Återbetalning (1 500 kr)' });
    await rejected.waitFor();
    expect(plain(await timeline.innerText())).toContain('Hälften räcker inte, vi vill ha hela tillägget tillbaka.');
    expect(plain(await timeline.innerText())).toContain('Ärendet ”Nyårsaftonspriset” stängdes utan överenskommelse');
    expect(await rejected.getAttribute('href')).toBe(`/cases/${price.id}`);
    await expectAccessible(page, 'journey page with cases');
    await colourItem.getByRole('link', { name: 'Öppna ärendet: Fel färg på lamporna' }).click();
    await page.getByRole('heading', { level: 1, name: 'Fel färg på lamporna' }).waitFor();

    // The account page: the account's cases.
    await page.goto(`${e.base}/accounts/${account.id}`);
    const onAccount = page.getByRole('region', { name: 'Ärenden', exact: true });
    await expect.poll(async () => onAccount.getByRole('link', { name: /^(Nyårsaftonspriset|Fel färg på lamporna|Sen leverans)$/ }).count()).toBe(3);
    expect(plain(await onAccount.innerText())).toContain('Stängt utan överenskommelse');
    await screenshot(page, 'cases-account');
    await expectAccessible(page, 'account page with cases');

    // The buyer accepts a credit on the colour case; 15 days on, Today asks for a check-in.
    await api('POST', `/cases/${colour.id}/proposals`, { resolution: 'credit', amountMinor: 80_000, text: 'Vi krediterar lamporna och skickar vita.' });
    await buyer('POST', `/cases/${colour.id}/accept`, { comment: 'Tack, det blir bra.' });

    // The figures count it: one resolved (accepted), one closed without agreement (not resolved), one open; one of two answered proposals accepted.
    await page.goto(`${e.base}/cases`);
    const after = page.getByRole('region', { name: 'Siffror' }).getByRole('table', { name: /^Siffror per nivå/ });
    const newAfter = after.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Ny' }) });
    await expect.poll(async () => plain(await newAfter.innerText())).toMatch(/^Ny 3 1 1 1 0 0 50 % 0 %$/);
    const desc = await page.getByRole('img', { name: 'Mediantid per nivå, i arbetstimmar' }).locator('desc').textContent();
    expect(plain(desc ?? '')).toContain('Ny: första svar 0 h, lösning 0 h');
    expect(plain(desc ?? '')).toContain('Toppkund: första svar inga, lösning inga');
    await rows.nth(0).waitFor();
    // The resolved and closed cases have no running clock: last, after the one still open.
    expect((await topics())[0]).toBe('Sen leverans');
    const resolvedRow = plain(await rows.filter({ hasText: 'Fel färg på lamporna' }).innerText());
    expect(resolvedRow).toContain('Löst av kunden');
    expect(resolvedRow).toContain('Lösning: Klarad');
    expect(plain(await rows.filter({ hasText: 'Nyårsaftonspriset' }).innerText())).toContain('Lösning: Missad');
    errors.expectNone();
    const realNow = e.ctx.now;
    e.ctx.now = () => new Date(Date.now() + 15 * 86_400_000);
    try {
      // The session of 15 days ago has run out: sign in anew.
      const later = await e.signedIn(browser, seller, 'sv');
      await later.page.goto(`${e.base}/today`);
      await later.page.getByRole('heading', { level: 1, name: 'Idag' }).waitFor();
      const todayCases = later.page.getByRole('region', { name: 'Ärenden som väntar på dig' });
      const checkIn = todayCases.getByRole('listitem').filter({ hasText: 'Fel färg på lamporna' });
      await expect.poll(async () => plain(await checkIn.innerText())).toContain('Dags att följa upp');
      expect(plain(await checkIn.innerText())).toContain('Hör av dig till Nyårsbolaget AB: löste det sig med "Fel färg på lamporna"?');
      await screenshot(later.page, 'cases-today-check-in');
      await expectAccessible(later.page, 'today with a check-in');
      await checkIn.getByRole('link', { name: /Fel färg på lamporna/ }).click();
      await later.page.getByRole('heading', { level: 1, name: 'Fel färg på lamporna' }).waitFor();
      const laterDialogue = later.page.getByRole('list', { name: 'Dialogen, äldst först' });
      expect(plain(await laterDialogue.innerText())).toContain('Karin Köpare godtog förslaget – ärendet är löst');
      expect(plain(await laterDialogue.innerText())).toContain('Belopp: 800 kr');
      const checkInForm = later.page.getByRole('form', { name: 'Följ upp' });
      await checkInForm.getByLabel('Anteckning (valfri)').fill('Ringde Karin: lamporna lyser vitt.');
      await checkInForm.getByRole('button', { name: 'Följt upp' }).click();
      await expect.poll(async () => plain(await laterDialogue.innerText())).toContain('Sam Säljare följde upp');
      expect(plain(await laterDialogue.innerText())).toContain('Anteckning: Ringde Karin: lamporna lyser vitt.');
      await later.page.goto(`${e.base}/today`);
      await later.page.getByRole('heading', { level: 1, name: 'Idag' }).waitFor();
      await expect.poll(async () => later.page.getByRole('region', { name: 'Ärenden som väntar på dig' }).count()).toBe(0);
      // The seller's own case has passed its 90 hours: overdue, marked in words and red.
      await later.page.goto(`${e.base}/cases?status=open`);
      const late = later.page.locator('table.case-list tbody tr').filter({ hasText: 'Sen leverans' });
      await expect.poll(async () => plain(await late.innerText())).toContain('Lösning: Försenad');
      expect(await late.locator('.case-clock.clock-overdue .badge.bad').count()).toBe(1);
      await later.context.close();
    } finally {
      e.ctx.now = realNow;
    }
    expect((await api<Case>('GET', `/cases/${own.id}`)).status).toBe('open');

    // A colleague's case is in everyone's list, not in the seller's own.
    const colleague = await e.person('seller', 'Olle Kollega');
    const theirs = await e.api(colleague);
    const otherAccount = await theirs<{ id: string }>('POST', '/accounts', { kind: 'company', name: 'Grannbolaget AB' });
    const otherJourney = await theirs<{ id: string }>('POST', '/journeys', { accountId: otherAccount.id, title: 'Grannresan' });
    await theirs('POST', `/journeys/${otherJourney.id}/cases`, { topic: 'Grannens ärende', description: 'Något annat.' });
    await page.goto(`${e.base}/cases`);
    await expect.poll(async () => rows.count()).toBe(4);
    await page.getByLabel('Resor', { exact: true }).selectOption('me');
    await expect.poll(topics).not.toContain('Grannens ärende');
    expect(await rows.count()).toBe(3);
    expect(page.url()).toContain('owner=me');

    // In English too.
    await page.getByLabel('Språk').selectOption('en');
    await page.getByRole('heading', { level: 1, name: 'Cases' }).waitFor();
    const english = plain(await rows.filter({ hasText: 'Sen leverans' }).innerText());
    expect(english).toContain('Open');
    expect(english).toMatch(/Resolution: Running in 3 d (17|18) h/);
    expect(plain(await rows.filter({ hasText: 'Fel färg på lamporna' }).innerText())).toContain('Resolved by the customer');
    await screenshot(page, 'cases-list-en');
  });

  it("shows an admin the Cases settings with Sweden's holidays as defaults, and saves the org's own", async () => {
    const { admin } = await e.newOrg('Helgdagsbolaget AB', 'Hedda Admin');
    const { page } = await e.signedIn(browser, admin, 'sv');
    const errors = watchPageErrors(page);
    await page.goto(`${e.base}/settings#cases`);
    const section = page.getByRole('region', { name: 'Ärenden', exact: true });
    await section.getByText('Inga egna helgdagar är sparade').waitFor();
    const year = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric' }).format(new Date());
    const list = section.getByRole('list', { name: 'Helgdagar' });
    expect(plain(await list.innerText())).toContain(`24 dec. ${year}`);
    expect(plain(await list.innerText())).toContain(`6 juni ${year}`);
    expect(await section.getByRole('checkbox', { name: 'Lördag' }).isChecked()).toBe(false);
    expect(await section.getByRole('checkbox', { name: 'Måndag' }).isChecked()).toBe(true);
    await section.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await screenshot(page, 'cases-settings');
    await expectAccessible(page, 'settings with cases');

    await section.getByRole('button', { name: `Ta bort 24 dec. ${year}` }).click();
    await section.getByLabel('Ny helgdag').fill(`${year}-08-14`);
    await section.getByRole('button', { name: 'Lägg till', exact: true }).click();
    await section.getByLabel('Första svar, Toppkund').fill('0');
    await section.getByRole('button', { name: 'Spara', exact: true }).click();
    await expect.poll(async () => plain(await section.innerText())).toContain('Måste vara mer än 0 timmar');
    await section.getByLabel('Första svar, Toppkund').fill('1,5');
    await section.getByRole('button', { name: 'Spara', exact: true }).click();
    await expect.poll(async () => plain(await section.innerText())).toContain('Sparat.');
    expect(plain(await section.innerText())).toContain('Er egen lista över helgdagar.');
    const api = await e.api(admin);
    const saved = await api<{ holidays: string[]; defaultHolidays: boolean; targets: { champion: { firstResponseHours: number } } }>('GET', '/settings/cases');
    expect(saved.defaultHolidays).toBe(false);
    expect(saved.holidays).toContain(`${year}-08-14`);
    expect(saved.holidays).not.toContain(`${year}-12-24`);
    expect(saved.targets.champion.firstResponseHours).toBe(1.5);
    errors.expectNone();
  });
});
