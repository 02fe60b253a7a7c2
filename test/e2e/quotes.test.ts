/**
 * Quotes in the browser (issue 6). The org, its 100 kr ride, the New Year's
 * Eve demand rule (×3) and a new customer's journey are seeded through the
 * HTTP API; then, on the journey page, a seller:
 *
 * - builds a quote priced at New Year's Eve 22:30 and reads, as it is built,
 *   the explanation the server words for the buyer (demand +200 %, capped at
 *   2 × the list price as a new customer), the unit price 200,00 kr and the
 *   consent the buyer will be asked for ("2,0");
 * - saves it, sends it (bound until …), opens its printable page (the same
 *   explanation, totals with VAT apart, the consent, a Print button, no app
 *   chrome in print);
 * - records the buyer's acceptance: a wrong multiple is said at its field in
 *   the server's words, "2,0" accepts it, and the quote is read-only after;
 * - the same explanation in English, in the builder, in a draft changed to two
 *   rides and on its printable page;
 *   a sent quote declined with the buyer's reason.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, expectAccessible, launchBrowser, type Person, plain, screenshot, startE2E } from './harness.ts';
import { watchPageErrors } from './page-errors.ts';

/** Intl puts no-break spaces in "200,00 kr" and "+200 %"; compare as typed. */

/** New Year's Eve 22:30 in Stockholm (the org's zone), as typed into the page and as the API takes it. */
const NYE_LOCAL = '2026-12-31T22:30';
const NYE = '2026-12-31T21:30:00Z';

interface Adjustment {
  kind: string;
  reason: { sv: string; en: string };
}

describe('quotes', () => {
  let e: E2E;
  let browser: Browser;
  beforeAll(async () => {
    [e, browser] = await Promise.all([startE2E(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await e?.close();
  });

  const client = (who: Person) => e.api(who);

  let shared: Promise<{ seller: Person; productId: string; sku: string }> | undefined;
  /** The 100 kr ride, the New Year's Eve rule and a seller: the same for every test of the file (nothing a test changes). */
  function org() {
    shared ??= (async () => {
      const admin = await client(e.admin);
      const sku = `TAXI-${Date.now()}`;
      const product = await admin<{ id: string }>('POST', '/products', { sku, name: { sv: 'Taxiresa', en: 'Taxi ride' }, unit: 'st', listPriceMinor: 10_000 });
      await admin('POST', '/price-rules', {
        kind: 'demand',
        reason: { sv: 'Nyårsafton', en: "New Year's Eve" },
        window: { type: 'absolute', from: '2026-12-31T22:00', to: '2027-01-01T04:00' },
        multiplier: 3,
      });
      return { seller: await e.person('seller', 'Sam Säljare'), productId: product.id, sku };
    })();
    return shared;
  }

  /** A new account and its journey, owned by the seller: each test its own. */
  async function seed() {
    const { seller, productId, sku } = await org();
    const api = await client(seller);
    const account = await api<{ id: string }>('POST', '/accounts', { kind: 'company', name: 'Nykund Resor AB' });
    const journey = await api<{ id: string }>('POST', '/journeys', { accountId: account.id, title: 'Nyårsresan' });
    // What the server says to a buyer about this line: the page must show exactly this.
    const sim = await api<{ tier: string; quote: { lines: { adjustments: Adjustment[] }[] } }>('POST', '/prices/simulate', {
      accountId: account.id,
      lines: [{ productId, quantity: 1 }],
      at: NYE,
    });
    expect(sim.tier).toBe('new');
    return { api, seller, productId, accountId: account.id, journeyId: journey.id, sku, reasons: sim.quote.lines[0]!.adjustments };
  }

  const reasonsIn = async (scope: ReturnType<Page['locator']>) => (await scope.locator('.explain-adjustment .reason').allInnerTexts()).map(plain);
  const rowText = async (scope: ReturnType<Page['locator']>, cls: string) => plain(await scope.locator(`tr.${cls}`).first().innerText());
  const totals = async (scope: ReturnType<Page['locator']>) => (await scope.locator('.quote-totals > div').allInnerTexts()).map(plain);

  /** Opens the builder, adds the ride and prices it at New Year's Eve 22:30; returns the live preview. */
  async function buildNewYearQuote(page: Page, sku: string, words: { newQuote: string; search: string; add: string; at: string; form: string }) {
    const panel = page.locator('section.quotes-panel');
    await panel.getByRole('button', { name: words.newQuote, exact: true }).click();
    const form = panel.getByRole('form', { name: words.form, exact: true });
    await form.getByLabel(words.search).fill(sku.slice(0, 5));
    await form.getByRole('button', { name: `${words.add}: ${sku} ${words.form === 'Ny offert' ? 'Taxiresa' : 'Taxi ride'}`, exact: true }).click();
    await form.getByLabel(words.at, { exact: true }).fill(NYE_LOCAL);
    const preview = form.locator('.quote-preview');
    // Priced again after each change: wait for the New Year's price.
    await expect.poll(async () => (await preview.locator('.explain-adjustment').count()) === 2 && (await preview.locator('.pricing-busy').count()) === 0, { timeout: 10_000 }).toBe(true);
    return { form, preview };
  }

  it("builds a New Year's Eve quote explained line by line, sends it, prints it and records the buyer's consent", async () => {
    const { api, seller, accountId, journeyId, sku, reasons } = await seed();
    // The exact words the server gives the buyer, in Swedish and English.
    expect(reasons.map((a) => a.kind)).toEqual(['demand', 'cap']);
    expect(reasons.map((a) => plain(a.reason.sv))).toEqual(['På grund av efterfrågan (Nyårsafton): +200 %', 'Högst 2 × listpriset som ny kund']);
    expect(reasons.map((a) => plain(a.reason.en))).toEqual(["Due to demand (New Year's Eve): +200%", 'Capped at 2 × the list price as a new customer']);

    const { context, page } = await e.signedIn(browser, seller, 'sv');
    const errors = watchPageErrors(page);
    await page.goto(`${e.base}/journeys/${journeyId}`);
    await page.getByRole('heading', { level: 1, name: 'Nyårsresan' }).waitFor();
    const panel = page.getByRole('region', { name: 'Offerter', exact: true });
    await panel.getByText('Inga offerter på den här resan än.').waitFor();

    // As it is built: each line's explanation, as the buyer will read it.
    const { form, preview } = await buildNewYearQuote(page, sku, { newQuote: 'Ny offert', search: 'Sök produkt på artikelnummer', add: 'Lägg till', at: 'Prissätt vid', form: 'Ny offert' });
    expect(await reasonsIn(preview)).toEqual(reasons.map((a) => plain(a.reason.sv)));
    expect(await rowText(preview, 'explain-list')).toBe('Listpris (referenspris: inga köp de senaste 12 månaderna) 100,00 kr');
    expect(await rowText(preview, 'kind-demand')).toBe('På grund av efterfrågan (Nyårsafton): +200 % +200,00 kr');
    expect(await rowText(preview, 'kind-cap')).toBe('Högst 2 × listpriset som ny kund Gränsen som skyddar köparen −100,00 kr');
    expect(await rowText(preview, 'explain-price')).toBe('Ditt pris per st 200,00 kr');
    expect(await rowText(preview, 'explain-total')).toBe('Radsumma (1 st) 200,00 kr');
    expect(await totals(preview)).toEqual(['Summa exkl. moms 200,00 kr', 'Moms 25 % 50,00 kr', 'Att betala inkl. moms 250,00 kr']);
    expect(plain(await preview.locator('.consent-note').innerText())).toBe(
      'Samtycke krävs. Summan är mer än 1,5 × vad köparen brukar betala (100,00 kr). Köparen måste skriva 2,0 för att godta offerten.',
    );
    expect(plain(await preview.locator('.badge.tier').innerText())).toBe('Lojalitetsnivå: Ny');
    // Two rides: priced again, the same reasons, twice the total.
    await form.getByLabel(`Antal: ${sku} Taxiresa`).fill('2');
    await expect.poll(() => rowText(preview, 'explain-total')).toBe('Radsumma (2 st) 400,00 kr');
    await form.getByLabel(`Antal: ${sku} Taxiresa`).fill('1');
    await expect.poll(() => rowText(preview, 'explain-total')).toBe('Radsumma (1 st) 200,00 kr');
    await expectAccessible(page, 'quote builder');
    await form.scrollIntoViewIfNeeded();
    await screenshot(page, 'quote-builder');

    // Saved as a draft, then sent: bound until the day chosen.
    await form.getByRole('button', { name: 'Spara utkast', exact: true }).click();
    await form.waitFor({ state: 'detached' });
    const item = panel.locator('li.quote-item').first();
    await item.getByRole('heading', { name: 'Offert version 1', exact: true }).waitFor();
    expect(plain(await item.locator('.quote-status').innerText())).toBe('✎ Status: Utkast');
    expect(await reasonsIn(item)).toEqual(reasons.map((a) => plain(a.reason.sv)));
    expect(await rowText(item, 'explain-price')).toBe('Ditt pris per st 200,00 kr');
    expect(plain(await item.locator('.quote-facts').innerText())).toContain('Prissatt vid 31 dec. 2026 22:30');
    await item.getByRole('button', { name: 'Skicka: Offert version 1', exact: true }).click();
    const send = item.getByRole('form', { name: 'Skicka version 1', exact: true });
    const validUntil = send.getByLabel('Giltig till och med');
    expect(await validUntil.evaluate((el) => el === document.activeElement)).toBe(true);
    const in30 = new Date(Date.now() + 30 * 86_400_000);
    expect(await validUntil.inputValue()).toBe(new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(in30));
    await send.getByRole('button', { name: 'Skicka offerten', exact: true }).click();
    await send.waitFor({ state: 'detached' });
    await expect.poll(async () => plain(await item.locator('.quote-status').innerText())).toBe('➜ Status: Skickad');
    const bound = new Intl.DateTimeFormat('sv-SE', { dateStyle: 'medium', timeZone: 'Europe/Stockholm' }).format(in30);
    expect(plain(await item.locator('.quote-facts').innerText())).toContain(`Bindande till ${plain(bound)} 23:59`);
    expect(await item.getByRole('button', { name: 'Ändra: Offert version 1' }).count()).toBe(0);

    // The printable quote: the same explanation, totals with VAT apart, the consent, and a Print button.
    await item.getByRole('link', { name: 'Utskrift: Offert version 1', exact: true }).click();
    const sheet = page.locator('article.quote-print');
    await expect.poll(async () => plain(await sheet.getByRole('heading', { level: 1 }).innerText())).toBe('Offert · Nyårsresan');
    await expect.poll(async () => plain(await sheet.locator('.party-to').innerText())).toBe('Nykund Resor AB');
    expect(plain(await sheet.locator('.party-from').innerText())).toBe('Nordljus AB');
    expect(plain((await sheet.locator('.quote-meta > *').allTextContents()).join(' '))).toMatch(new RegExp(`^Version 1 Datum .+ Giltig till ${plain(bound)} 23:59 Priser vid 31 dec\\. 2026 22:30$`));
    expect(await reasonsIn(sheet)).toEqual(reasons.map((a) => plain(a.reason.sv)));
    expect(await rowText(sheet, 'explain-list')).toBe('Listpris (referenspris: inga köp de senaste 12 månaderna) 100,00 kr');
    expect(await rowText(sheet, 'kind-cap')).toBe('Högst 2 × listpriset som ny kund Gränsen som skyddar köparen −100,00 kr');
    expect(await rowText(sheet, 'explain-price')).toBe('Ditt pris per st 200,00 kr');
    expect(await totals(sheet)).toEqual(['Summa exkl. moms 200,00 kr', 'Moms 25 % 50,00 kr', 'Att betala inkl. moms 250,00 kr']);
    expect(plain(await sheet.locator('.consent-note').innerText())).toBe(
      'Samtycke krävs. Summan är mer än 1,5 gånger vad du brukar betala (100,00 kr). För att godta offerten skriver du 2,0, så vet vi att du har sett det.',
    );
    await page.evaluate(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => void ((window as unknown as { printed: number }).printed += 1);
    });
    await sheet.getByRole('button', { name: 'Skriv ut', exact: true }).click();
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
    await expectAccessible(page, 'quote print');
    await screenshot(page, 'quote-print');
    // On paper: no app chrome, no buttons; the quote itself stays.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('header.topbar').isVisible()).toBe(false);
    expect(await sheet.getByRole('button', { name: 'Skriv ut' }).isVisible()).toBe(false);
    expect(await sheet.locator('.quote-totals').isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });

    // The buyer said yes on the phone: the seller records it, with the multiple the buyer typed.
    await sheet.getByRole('link', { name: /Tillbaka till resan/ }).click();
    const sent = panel.locator('li.quote-item').first();
    await sent.getByRole('button', { name: 'Registrera godkännande: Offert version 1', exact: true }).click();
    const accept = sent.getByRole('form', { name: 'Köparen godtar version 1', exact: true });
    await accept.getByLabel('Köparens namn').fill('Karin Köpare');
    const consent = accept.getByLabel('Multipel som köparen skrev');
    await consent.fill('1,5');
    await accept.getByRole('button', { name: 'Registrera godkännandet', exact: true }).click();
    await expect.poll(() => consent.getAttribute('aria-invalid')).toBe('true');
    const said = await Promise.all((await consent.getAttribute('aria-describedby'))!.split(' ').map((id) => page.locator(`[id="${id}"]`).innerText()));
    expect(said.map(plain)).toEqual(['Det här priset är 2,0 gånger vad du brukar betala: skriv 2,0 för att godkänna det.', 'Priset kräver samtycke: köparen ska själv ha skrivit 2,0.']);
    await consent.fill('2,0');
    await accept.getByRole('button', { name: 'Registrera godkännandet', exact: true }).click();
    await accept.waitFor({ state: 'detached' });
    await expect.poll(async () => plain(await sent.locator('.quote-status').innerText())).toBe('✓ Status: Godtagen');
    expect(plain(await sent.locator('.quote-outcome').innerText())).toMatch(/^✓ Godtagen av Karin Köpare .+\. Köparen skrev 2,0 som samtycke\.$/);
    // Read-only now: nothing to change, send or answer; it can still be printed.
    expect(await sent.getByRole('button', { name: /Ändra|Skicka|Registrera/ }).count()).toBe(0);
    expect(await sent.getByRole('link', { name: 'Utskrift: Offert version 1' }).count()).toBe(1);
    expect(await panel.getByRole('button', { name: 'Ny offert', exact: true }).count()).toBe(1);
    // The journey's timeline tells the quote's story in words.
    const timeline = page.locator('.timeline-title');
    await expect.poll(async () => (await timeline.allInnerTexts()).map(plain)).toEqual(
      expect.arrayContaining(['Karin Köpare godtog offert version 1: 200 kr exkl. moms', 'Offert version 1 utkast: 200 kr exkl. moms']),
    );
    expect((await timeline.allInnerTexts()).map(plain).some((x) => /^Offert version 1 skickad: 200 kr exkl\. moms, bindande till .+$/.test(x))).toBe(true);
    // Inviting a buyer to the room is told there too.
    const contact = await api<{ id: string }>('POST', `/accounts/${accountId}/contacts`, { name: 'Karin Köpare' });
    await api('POST', `/journeys/${journeyId}/portal-invites`, { contactId: contact.id });
    await page.reload();
    await expect.poll(async () => (await page.locator('.timeline-title').allInnerTexts()).map(plain)).toContain('Karin Köpare bjöds in till köparens rum');
    await expectAccessible(page, 'accepted quote');
    await sent.scrollIntoViewIfNeeded();
    await screenshot(page, 'quote-accepted');
    errors.expectNone();
    await context.close();
  });

  it('explains the same line in English, as it is built and on the printable page', async () => {
    const { api, seller, productId, journeyId, sku, reasons } = await seed();
    // A quote made through the API, to print.
    const quote = await api<{ id: string }>('POST', `/journeys/${journeyId}/quotes`, { lines: [{ productId, quantity: 1 }], at: NYE });
    const { context, page } = await e.signedIn(browser, seller, 'en');
    const errors = watchPageErrors(page);
    await page.goto(`${e.base}/journeys/${journeyId}`);
    await page.getByRole('heading', { level: 1, name: 'Nyårsresan' }).waitFor();
    const { form, preview } = await buildNewYearQuote(page, sku, { newQuote: 'New quote', search: 'Find a product by SKU', add: 'Add', at: 'Price at', form: 'New quote' });
    expect(await reasonsIn(preview)).toEqual(reasons.map((a) => plain(a.reason.en)));
    expect(await reasonsIn(preview)).toEqual(["Due to demand (New Year's Eve): +200%", 'Capped at 2 × the list price as a new customer']);
    expect(await rowText(preview, 'kind-demand')).toBe("Due to demand (New Year's Eve): +200% +SEK 200.00");
    expect(await rowText(preview, 'explain-price')).toBe('Your price per st SEK 200.00');
    expect(await totals(preview)).toEqual(['Total excl. VAT SEK 200.00', 'VAT 25% SEK 50.00', 'To pay incl. VAT SEK 250.00']);
    expect(plain(await preview.locator('.consent-note').innerText())).toBe(
      'Consent needed. The total is more than 1.5 × what the buyer usually pays (SEK 100.00). The buyer must type 2.0 to accept the quote.',
    );
    // Escape leaves the builder unsaved, and focus goes back to where it started.
    await form.getByLabel('Price at', { exact: true }).press('Escape');
    await form.waitFor({ state: 'detached' });
    await expect.poll(() => page.getByRole('button', { name: 'New quote', exact: true }).evaluate((el) => el === document.activeElement)).toBe(true);

    // The draft made through the API: changed to two rides (priced again at the same moment), then printed in English.
    const panel = page.getByRole('region', { name: 'Quotes', exact: true });
    await panel.getByRole('button', { name: 'Edit: Quote version 1', exact: true }).click();
    const edit = panel.getByRole('form', { name: 'Edit the draft, version 1', exact: true });
    expect(await edit.getByLabel('Price at', { exact: true }).inputValue()).toBe(NYE_LOCAL);
    await edit.getByLabel(`Quantity: ${sku} Taxi ride`).fill('2');
    await expect.poll(() => rowText(edit.locator('.quote-preview'), 'explain-total')).toBe('Line total (2 st) SEK 400.00');
    await edit.getByRole('button', { name: 'Save the changes', exact: true }).click();
    await edit.waitFor({ state: 'detached' });
    await expect.poll(async () => plain(await panel.locator('li.quote-item .quote-item-total').first().innerText())).toBe('SEK 500.00 incl. VAT');
    await panel.getByRole('link', { name: 'Print view: Quote version 1', exact: true }).click();
    const sheet = page.locator('article.quote-print');
    await sheet.locator('.explain-adjustment').first().waitFor();
    expect(await reasonsIn(sheet)).toEqual(["Due to demand (New Year's Eve): +200%", 'Capped at 2 × the list price as a new customer']);
    expect(await rowText(sheet, 'explain-price')).toBe('Your price per st SEK 200.00');
    expect(await totals(sheet)).toEqual(['Total excl. VAT SEK 400.00', 'VAT 25% SEK 100.00', 'To pay incl. VAT SEK 500.00']);
    expect(plain(await sheet.locator('.consent-note').innerText())).toBe(
      'Consent needed. The total is more than 1.5 times what you usually pay (SEK 200.00). To accept the quote, type 2.0, so that we know you have seen it.',
    );
    await expectAccessible(page, 'quote print in English');

    // Sent (through the API), then declined on the phone: recorded with the buyer's reason.
    await api('POST', `/quotes/${quote.id}/send`, {});
    await sheet.getByRole('link', { name: /Back to the journey/ }).click();
    const item = panel.locator('li.quote-item').first();
    await expect.poll(async () => plain(await item.locator('.quote-status').innerText())).toBe('➜ Status: Sent');
    await item.getByRole('button', { name: 'Record decline: Quote version 1', exact: true }).click();
    const decline = item.getByRole('form', { name: 'The buyer declines version 1', exact: true });
    const reason = decline.getByLabel("Buyer's reason");
    expect(await reason.evaluate((el) => el === document.activeElement)).toBe(true);
    await reason.fill('Too dear for one night');
    await decline.getByRole('button', { name: 'Record the decline', exact: true }).click();
    await decline.waitFor({ state: 'detached' });
    await expect.poll(async () => plain(await item.locator('.quote-status').innerText())).toBe('✕ Status: Declined');
    expect(plain(await item.locator('.quote-outcome').innerText())).toMatch(/^Declined on .+\. Too dear for one night$/);
    expect(await item.locator('.quote-outcome q').innerText()).toBe('Too dear for one night');
    expect(await item.getByRole('button', { name: /Record/ }).count()).toBe(0);
    await expect.poll(() => item.getByRole('link', { name: 'Print view: Quote version 1' }).evaluate((el) => el === document.activeElement)).toBe(true);
    errors.expectNone();
    await context.close();
  });
});
