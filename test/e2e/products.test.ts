/**
 * Products in the browser (issue 6). Each test has an org of its own, seeded
 * through the use cases:
 *
 * - amounts typed in kronor become öre exactly ("1 234,50" and "1234.50" alike),
 *   anything else is refused with a reason (the parser alone, no page);
 * - an admin adds a product with a Swedish amount and sees it in the list as
 *   money, changes it, records a cost, makes it inactive; a price that is not an
 *   amount and a SKU already taken are said at their fields;
 * - the list searches by SKU prefix, narrows to active or inactive, and pages;
 * - a seller sees the list and the costs, in English too, without the controls.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/app/context.ts';
import { createProduct, listProducts, productCosts, recordProductCost } from '../../src/app/products.ts';
import { parseAmount } from '../../web/src/products/amount.ts';
import { type E2E, expectAccessible, launchBrowser, plain, screenshot, startE2E } from './harness.ts';
import { texts, watchPageErrors } from './page-errors.ts';
import type { Browser, Page } from 'playwright-core';

/** Intl puts no-break spaces in "4 490,00 kr" and "25 %"; compare as typed. */

describe('amounts in kronor to öre', () => {
  it('reads Swedish and plain amounts exactly, on the digits', () => {
    const ok: [string, number][] = [
      ['1 234,50', 123_450],
      ['1234.50', 123_450],
      ['4 490,00', 449_000],
      ['4\u00a0490,00\u00a0kr', 449_000],
      ['1\u202f234,5', 123_450],
      ['0,1', 10],
      ['0.07', 7],
      ['19,99', 1_999],
      ['1 234 567,89', 123_456_789],
      ['100:-', 10_000],
      ['  12  ', 1_200],
      ['0', 0],
    ];
    for (const [typed, minor] of ok) expect(parseAmount(typed), typed).toEqual({ ok: true, minor });
    // 0.1 + 0.2 style float trouble is not possible: every two-decimal amount comes back as its own digits.
    for (let kr = 0; kr < 2000; kr += 37) for (let ore = 0; ore < 100; ore += 3) {
      expect(parseAmount(`${kr},${String(ore).padStart(2, '0')}`)).toEqual({ ok: true, minor: kr * 100 + ore });
    }
  });

  it('refuses anything else with a reason', () => {
    const bad: [string, string][] = [
      ['', 'empty'],
      ['   ', 'empty'],
      ['-5', 'negative'],
      ['1,234', 'decimals'],
      ['0,005', 'decimals'],
      ['1.234,50', 'notAmount'],
      ['1,234.50', 'notAmount'],
      ['12 34', 'notAmount'],
      ['1,', 'notAmount'],
      ['abc', 'notAmount'],
      ['1e3', 'notAmount'],
      ['99999999999999', 'tooLarge'],
    ];
    for (const [typed, problem] of bad) expect(parseAmount(typed), typed).toEqual({ ok: false, problem });
  });
});

describe('products', () => {
  let e: E2E;
  let browser: Browser;
  beforeAll(async () => {
    [e, browser] = await Promise.all([startE2E(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await e?.close();
  });

  /** A new org with its admin (who can sign in), and a way to add its people. */
  async function newOrg(name: string) {
    const { admin, person } = await e.newOrg(name, 'Pia Admin');
    return { admin, person };
  }

  const product = (actor: Actor, sku: string, sv: string, en: string, listPriceMinor: number, extra: { vatRate?: number; active?: boolean; unit?: string } = {}) =>
    createProduct(e.ctx, actor, { sku, name: { sv, en }, listPriceMinor, ...extra });

  /** A product's row (not its open panel), found by its SKU exactly. */
  const row = (page: Page, sku: string) => page.locator('table.products tbody tr:not(.detail)').filter({ has: page.getByRole('rowheader', { name: sku, exact: true }) });
  const cells = async (page: Page, sku: string) => (await row(page, sku).locator('th, td').allInnerTexts()).map(plain);
  const skus = (page: Page) => texts(page, 'table.products tbody th.sku');
  /** What the page says about a field: its error (and hint) through aria-describedby. */
  const describedBy = async (page: Page, field: ReturnType<Page['getByLabel']>) =>
    plain((await Promise.all((await field.getAttribute('aria-describedby'))!.split(' ').map((id) => page.locator(`[id="${id}"]`).innerText()))).join(' '));

  it('an admin adds a product in kronor, changes it, records a cost and makes it inactive; a taken SKU is said at its field', async () => {
    const org = await newOrg('Produkter Ett AB');
    await product(org.admin.actor, 'SPIK-1', 'Spik 100 mm', 'Nails 100 mm', 12_900, { unit: 'kg' });
    const { context, page } = await e.signedIn(browser, org.admin, 'sv');
    const errors = watchPageErrors(page);
    await page.goto(`${e.base}/today`);
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Produkter', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Produkter' }).waitFor();
    await expect.poll(() => skus(page)).toEqual(['SPIK-1']);

    // Add one, with the price as a Swede types it.
    const newButton = page.getByRole('button', { name: 'Ny produkt', exact: true });
    await newButton.click();
    const form = page.getByRole('form', { name: 'Ny produkt', exact: true });
    const sku = form.getByLabel('Artikelnummer');
    expect(await sku.evaluate((el) => el === document.activeElement)).toBe(true);
    await sku.fill('VIRKE-100');
    await form.getByLabel('Namn på svenska').fill('Konstruktionsvirke 45×95');
    await form.getByLabel('Namn på engelska').fill('Structural timber 45×95');
    await form.getByLabel('Enhet').fill('m³');
    const price = form.getByLabel('Listpris');
    // Not an amount first: said at the field, nothing sent.
    await price.fill('4.490,00');
    await form.getByRole('button', { name: 'Lägg till produkten', exact: true }).click();
    await expect.poll(() => price.getAttribute('aria-invalid')).toBe('true');
    expect(await describedBy(page, price)).toBe('Skriv ett belopp i kronor, t.ex. 1 234,50 eller 1234.50. I kronor utan moms, t.ex. 1 234,50');
    expect(await price.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await form.getByRole('alert').innerText()).toBe('Kontrollera de markerade fälten.');
    expect((await listProducts(e.ctx, org.admin.actor, { limit: 50 })).items).toHaveLength(1);

    await price.fill('4 490,00');
    expect(await form.getByLabel('Momssats').inputValue()).toBe('0.25');
    expect((await form.getByLabel('Momssats').locator('option').allInnerTexts()).map(plain)).toEqual(['25 %', '12 %', '6 %', '0 %']);
    await form.getByRole('button', { name: 'Lägg till produkten', exact: true }).click();
    await form.waitFor({ state: 'detached' });
    expect(await page.locator('.said').innerText()).toBe('VIRKE-100 är tillagd.');
    await expect.poll(() => newButton.evaluate((el) => el === document.activeElement)).toBe(true);
    await expect.poll(() => skus(page)).toEqual(['SPIK-1', 'VIRKE-100']);
    expect(await cells(page, 'VIRKE-100')).toEqual(['VIRKE-100', 'Konstruktionsvirke 45×95', 'm³', '4 490,00 kr', '25 %', 'Aktiv', 'Kostnader VIRKE-100 Ändra VIRKE-100 Gör inaktiv VIRKE-100']);
    expect(await cells(page, 'SPIK-1').then((c) => c.slice(0, 6))).toEqual(['SPIK-1', 'Spik 100 mm', 'kg', '129,00 kr', '25 %', 'Aktiv']);
    const saved = (await listProducts(e.ctx, org.admin.actor, { q: 'VIRKE', limit: 50 })).items[0]!;
    expect(saved).toMatchObject({ sku: 'VIRKE-100', listPriceMinor: 449_000, currency: 'SEK', vatRate: 0.25, unit: 'm³', name: { sv: 'Konstruktionsvirke 45×95', en: 'Structural timber 45×95' } });

    // Change it: the form holds what is saved, the price as typed back.
    const editButton = page.getByRole('button', { name: 'Ändra VIRKE-100', exact: true });
    await editButton.click();
    expect(await editButton.getAttribute('aria-expanded')).toBe('true');
    const edit = page.getByRole('form', { name: 'Ändra VIRKE-100', exact: true });
    expect(await edit.getByLabel('Listpris').inputValue()).toBe('4 490,00');
    await edit.getByLabel('Listpris').fill('1234.5');
    await edit.getByLabel('Momssats').selectOption({ label: '12 %' });
    await edit.getByLabel('Namn på svenska').fill('Konstruktionsvirke 45×120');
    await edit.getByRole('button', { name: 'Spara', exact: true }).click();
    await edit.waitFor({ state: 'detached' });
    expect(await page.locator('.said').innerText()).toBe('VIRKE-100 är sparad.');
    await expect.poll(() => editButton.evaluate((el) => el === document.activeElement)).toBe(true);
    await expect.poll(() => cells(page, 'VIRKE-100').then((c) => c.slice(1, 5))).toEqual(['Konstruktionsvirke 45×120', 'm³', '1 234,50 kr', '12 %']);
    expect((await listProducts(e.ctx, org.admin.actor, { q: 'VIRKE', limit: 50 })).items[0]).toMatchObject({ listPriceMinor: 123_450, vatRate: 0.12 });

    // A SKU already taken, on a change: said at the SKU field, in Swedish.
    await editButton.click();
    await edit.getByLabel('Artikelnummer').fill('SPIK-1');
    await edit.getByRole('button', { name: 'Spara', exact: true }).click();
    const editSku = edit.getByLabel('Artikelnummer');
    await expect.poll(() => editSku.getAttribute('aria-invalid')).toBe('true');
    expect(await describedBy(page, editSku)).toBe('En annan produkt har redan artikelnumret SPIK-1. Unikt i organisationen, högst 64 tecken.');
    expect(await edit.getByRole('alert').innerText()).toBe('Kontrollera de markerade fälten.');
    // Escape closes the form unsaved and gives focus back to its button.
    await editSku.press('Escape');
    await edit.waitFor({ state: 'detached' });
    expect(await editButton.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await cells(page, 'VIRKE-100').then((c) => c[0])).toBe('VIRKE-100');

    // Costs: one recorded before through the API, one now in the page (the latest in effect first).
    await recordProductCost(e.ctx, org.admin.actor, saved.id, { costMinor: 61_000, effectiveFrom: '2025-01-01', note: 'Första inköpet' });
    await page.getByRole('button', { name: 'Kostnader VIRKE-100', exact: true }).click();
    const costs = page.getByRole('region', { name: 'Kostnader för VIRKE-100', exact: true });
    const costRows = costs.getByRole('table').locator('tbody tr');
    await expect.poll(() => costRows.count()).toBe(1);
    const costForm = costs.getByRole('form', { name: 'Registrera en kostnad', exact: true });
    await costForm.getByLabel('Kostnad (SEK)').fill('abc');
    await costForm.getByRole('button', { name: 'Registrera kostnaden', exact: true }).click();
    await expect.poll(() => costForm.getByLabel('Kostnad (SEK)').getAttribute('aria-invalid')).toBe('true');
    expect(await describedBy(page, costForm.getByLabel('Kostnad (SEK)'))).toMatch(/^Skriv ett belopp i kronor/);
    await costForm.getByLabel('Kostnad (SEK)').fill('750,25');
    await costForm.getByLabel('Anteckning').fill('Leverantören höjde priset');
    await costForm.getByRole('button', { name: 'Registrera kostnaden', exact: true }).click();
    await expect.poll(() => costForm.getByRole('status').innerText()).toBe('Kostnaden är registrerad.');
    await expect.poll(() => costRows.count()).toBe(2);
    const first = (await costRows.first().locator('td').allInnerTexts()).map(plain);
    expect(first.slice(0, 4)).toEqual([expect.stringMatching(/ gäller nu$/), '750,25 kr', '39,23 %', 'Leverantören höjde priset']);
    const second = (await costRows.nth(1).locator('td').allInnerTexts()).map(plain);
    expect(second.slice(0, 4)).toEqual(['1 jan. 2025', '610,00 kr', '50,59 %', 'Första inköpet']);
    expect((await productCosts(e.ctx, org.admin.actor, saved.id)).items.map((c) => c.costMinor)).toEqual([75_025, 61_000]);
    expect(await costForm.getByLabel('Kostnad (SEK)').inputValue()).toBe('');
    await expectAccessible(page, 'products with costs');
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'products-page');

    // A new product with a taken SKU: said at the SKU field.
    await newButton.click();
    await form.getByLabel('Artikelnummer').fill('SPIK-1');
    await form.getByLabel('Namn på svenska').fill('Spik igen');
    await form.getByLabel('Namn på engelska').fill('Nails again');
    await form.getByLabel('Listpris').fill('10');
    await form.getByRole('button', { name: 'Lägg till produkten', exact: true }).click();
    const newSku = form.getByLabel('Artikelnummer');
    await expect.poll(() => newSku.getAttribute('aria-invalid')).toBe('true');
    expect(await describedBy(page, newSku)).toBe('En annan produkt har redan artikelnumret SPIK-1. Unikt i organisationen, högst 64 tecken.');
    expect(await newSku.evaluate((el) => el === document.activeElement)).toBe(true);
    // And what the server refuses field by field, beside each field.
    await newSku.fill('SPIK-2');
    await form.getByLabel('Namn på engelska').fill('   ');
    await form.getByRole('button', { name: 'Lägg till produkten', exact: true }).click();
    const nameEn = form.getByLabel('Namn på engelska');
    await expect.poll(() => nameEn.getAttribute('aria-invalid')).toBe('true');
    expect(await describedBy(page, nameEn)).toBe('Får inte vara tom.');
    expect(await newSku.getAttribute('aria-invalid')).toBe('false');
    await expectAccessible(page, 'product form with errors');
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'products-form-errors');
    await form.getByRole('button', { name: 'Avbryt', exact: true }).click();
    await form.waitFor({ state: 'detached' });

    // Inactive: out of the active list, in the inactive one, and back.
    await page.getByRole('button', { name: 'Gör inaktiv VIRKE-100', exact: true }).click();
    await expect.poll(() => cells(page, 'VIRKE-100').then((c) => c[5])).toBe('Inaktiv');
    expect(await page.locator('.said').innerText()).toBe('VIRKE-100 är inaktiv och kommer inte med i nya offerter.');
    const show = page.getByLabel('Visa', { exact: true });
    await show.selectOption({ label: 'Aktiva' });
    await page.waitForURL(/\/products\?status=active$/);
    await expect.poll(() => skus(page)).toEqual(['SPIK-1']);
    await show.selectOption({ label: 'Inaktiva' });
    await expect.poll(() => skus(page)).toEqual(['VIRKE-100']);
    await page.getByRole('button', { name: 'Gör aktiv VIRKE-100', exact: true }).click();
    await expect.poll(() => page.locator('.products-list .empty').innerText().catch(() => '')).toBe('Inga produkter här.');
    // Its row (and the button) left the list: focus is on the filter, not lost.
    expect(await show.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await page.locator('.said').innerText()).toBe('VIRKE-100 är aktiv igen.');
    expect((await listProducts(e.ctx, org.admin.actor, { active: true, limit: 50 })).items.map((p) => p.sku)).toEqual(['SPIK-1', 'VIRKE-100']);
    errors.expectNone();
    await context.close();
  });

  it('the list finds SKUs by prefix and pages with Show more', async () => {
    const org = await newOrg('Produkter Två AB');
    for (let i = 1; i <= 30; i++) await product(org.admin.actor, `BRÄDA-${String(i).padStart(2, '0')}`, `Bräda ${i}`, `Board ${i}`, 10_000 + i);
    for (const s of ['SKRUV-1', 'SKRUV-2']) await product(org.admin.actor, s, 'Skruv', 'Screw', 250, { active: s === 'SKRUV-1' });
    const manager = await org.person('manager', 'Mats Chef');
    const { context, page } = await e.signedIn(browser, manager, 'sv');
    const errors = watchPageErrors(page);
    await page.goto(`${e.base}/products`);
    await expect.poll(() => skus(page).then((s) => s.length)).toBe(25);
    await page.getByRole('button', { name: 'Visa fler', exact: true }).click();
    await expect.poll(() => skus(page).then((s) => s.length)).toBe(32);
    expect(await page.getByRole('button', { name: 'Visa fler' }).count()).toBe(0);
    // Managers write too.
    expect(await page.getByRole('button', { name: 'Ny produkt' }).count()).toBe(1);

    const search = page.getByLabel('Sök artikelnummer');
    await search.fill('SKRUV');
    await page.waitForURL(/q=SKRUV$/);
    await expect.poll(() => skus(page)).toEqual(['SKRUV-1', 'SKRUV-2']);
    await page.getByLabel('Visa', { exact: true }).selectOption({ label: 'Inaktiva' });
    await expect.poll(() => skus(page)).toEqual(['SKRUV-2']);
    await search.fill('BRÄDA-3');
    await expect.poll(() => page.locator('.products-list .empty').innerText().catch(() => '')).toBe('Inget artikelnummer börjar på ”BRÄDA-3”.');
    await page.getByLabel('Visa', { exact: true }).selectOption({ label: 'Alla' });
    await expect.poll(() => skus(page)).toEqual(['BRÄDA-30']);
    await expectAccessible(page, 'products search');
    errors.expectNone();
    await context.close();
  });

  it('a seller sees the products and their costs, in English too, without the controls', async () => {
    const org = await newOrg('Produkter Tre AB');
    const virke = await product(org.admin.actor, 'VIRKE-100', 'Konstruktionsvirke', 'Structural timber', 449_000);
    await recordProductCost(e.ctx, org.admin.actor, virke.id, { costMinor: 300_000, effectiveFrom: '2025-06-01', note: null });
    const seller = await org.person('seller', 'Sara Säljare');

    const sv = await e.signedIn(browser, seller, 'sv');
    const errors = watchPageErrors(sv.page);
    await sv.page.goto(`${e.base}/products`);
    await expect.poll(() => skus(sv.page)).toEqual(['VIRKE-100']);
    expect(await cells(sv.page, 'VIRKE-100')).toEqual(['VIRKE-100', 'Konstruktionsvirke', 'st', '4 490,00 kr', '25 %', 'Aktiv', 'Kostnader VIRKE-100']);
    for (const name of ['Ny produkt', 'Ändra VIRKE-100', 'Gör inaktiv VIRKE-100']) expect(await sv.page.getByRole('button', { name }).count()).toBe(0);
    expect(plain(await sv.page.locator('.read-only').innerText())).toBe('Administratörer och försäljningschefer ändrar produkterna; du kan se dem.');
    await sv.page.getByRole('button', { name: 'Kostnader VIRKE-100', exact: true }).click();
    const costs = sv.page.getByRole('region', { name: 'Kostnader för VIRKE-100', exact: true });
    await costs.getByRole('table').waitFor();
    expect((await costs.locator('tbody td').allInnerTexts()).map(plain).slice(0, 3)).toEqual(['1 juni 2025 gäller nu', '3 000,00 kr', '33,18 %']);
    expect(await costs.getByRole('form').count()).toBe(0);
    await expectAccessible(sv.page, 'products as a seller');
    errors.expectNone();
    await sv.context.close();

    const en = await e.signedIn(browser, seller, 'en');
    await en.page.goto(`${e.base}/today`);
    await en.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Products', exact: true }).click();
    await en.page.getByRole('heading', { level: 1, name: 'Products' }).waitFor();
    await expect.poll(() => skus(en.page)).toEqual(['VIRKE-100']);
    expect((await cells(en.page, 'VIRKE-100')).slice(1, 6)).toEqual(['Structural timber', 'st', 'SEK 4,490.00', '25%', 'Active']);
    await en.context.close();
  });
});
