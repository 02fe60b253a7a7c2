/**
 * Orders on the account page: a seller sees what the account bought, latest
 * first, in Swedish money; adds one as they would type it; is told beside the
 * order number when it is taken, with nothing typed lost; changes one in
 * place; cannot delete. A manager can. Imported history is listed and counted
 * like the rest.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../src/app/accounts.ts';
import { importFile } from '../../src/app/imports.ts';
import { createOrder, listOrders } from '../../src/app/orders.ts';
import { expectAccessible, launchBrowser, screenshot, startE2E, type E2E } from './harness.ts';
import { watchPageErrors } from './page-errors.ts';

/** Intl puts no-break spaces (U+00A0, U+202F) in "1 234,50 kr" and a real minus sign; compare as typed. */
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ').replace(/\u2212/g, '-').trim();

async function cells(page: Page, selector: string): Promise<string[]> {
  return (await page.locator(selector).allInnerTexts()).map(plain);
}

/** The total row: its label, then one sum per currency. */
const totals = (page: Page) => cells(page, '.orders tfoot th, .orders tfoot td.total > span');

describe('orders on the account page', () => {
  let e: E2E;
  let browser: Browser;
  beforeAll(async () => {
    [e, browser] = await Promise.all([startE2E(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await e?.close();
  });

  it('a seller lists, adds and is told of a taken order number; a manager deletes', async () => {
    const seller = await e.person('seller');
    const account = await createAccount(e.ctx, seller.actor, { kind: 'company', name: 'Köpglada Verkstäder AB' });
    await createOrder(e.ctx, seller.actor, { accountId: account.id, orderedAt: '2025-01-15', product: 'Servicepaket', amountMinor: 80_000, externalId: 'A-1001' });
    await createOrder(e.ctx, seller.actor, { accountId: account.id, orderedAt: '2025-03-05', product: 'Lagersystem, licens', quantity: 2, amountMinor: 123_450, externalId: 'A-1002' });
    // One from the old system, in euro: imported history is shown and counted the same.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'h2h-orders-'));
    const csv = path.join(dir, 'ordrar.csv');
    fs.writeFileSync(csv, 'Kund;Datum;Produkt;Belopp;Valuta;Ordernummer\nKöpglada Verkstäder AB;2024-11-20;Reservdelar;4 990,00;EUR;IMP-77\n');
    const imported = await importFile(e.ctx, e.admin.actor, { entity: 'orders', file: csv });
    fs.rmSync(dir, { recursive: true, force: true });
    expect(imported.job.inserted).toBe(1);

    const { context, page } = await e.signedIn(browser, seller, 'sv');
    const errors = watchPageErrors(page);
    await page.goto(`${e.base}/accounts/${account.id}`);
    const orders = page.getByRole('region', { name: 'Köp', exact: true });
    const table = orders.getByRole('table', { name: 'Kundens köp, det senaste först' });
    await table.waitFor();

    // Latest purchase first, dates and amounts the Swedish way.
    expect(await cells(page, '.orders tbody th')).toEqual(['5 mars 2025', '15 jan. 2025', '20 nov. 2024']);
    expect(await cells(page, '.orders tbody td.amount')).toEqual(['1 234,50 kr', '800 kr', '4 990 €']);
    expect(await cells(page, '.orders tbody td.product')).toEqual(['Lagersystem, licens', 'Servicepaket', 'Reservdelar']);
    expect(await cells(page, '.orders tbody td.number .mono')).toEqual(['A-1002', 'A-1001', 'IMP-77']);
    expect(await cells(page, '.orders tbody td.number .badge')).toEqual(['Importerad']);
    expect(await orders.getByRole('row', { name: /IMP-77/ }).getByText('Importerad', { exact: true }).count()).toBe(1);
    expect(await totals(page)).toEqual(['Summa', '2 034,50 kr', '4 990 €']);
    // A seller may change an order but not delete one.
    expect(await orders.getByRole('button', { name: /^Ändra köpet / }).count()).toBe(3);
    expect(await orders.getByRole('button', { name: /^Ta bort/ }).count()).toBe(0);

    // Add one as a Swede types it: today's date is already there.
    const add = orders.getByRole('button', { name: 'Lägg till köp', exact: true });
    await add.click();
    let form = orders.getByRole('form', { name: 'Nytt köp', exact: true });
    const today = await form.getByLabel('Datum', { exact: true }).inputValue();
    expect(today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await form.getByLabel('Produkt').fill('Utbildning');
    await form.getByLabel('Belopp').fill('2 500,00');
    await form.getByLabel('Ordernummer').fill('A-1003');
    await form.getByRole('button', { name: 'Lägg till köpet', exact: true }).click();
    await form.waitFor({ state: 'detached' });
    await expect.poll(() => cells(page, '.orders tbody td.amount')).toEqual(['2 500 kr', '1 234,50 kr', '800 kr', '4 990 €']);
    expect(await cells(page, '.orders tbody td.product')).toEqual(['Utbildning', 'Lagersystem, licens', 'Servicepaket', 'Reservdelar']);
    expect(await totals(page)).toEqual(['Summa', '4 534,50 kr', '4 990 €']);
    // Focus back on the button that opened the form, and the news said.
    expect(await add.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await orders.getByRole('status').innerText()).toBe('Köpet lades till.');
    expect(await listOrders(e.ctx, seller.actor, { accountId: account.id, limit: 10 })).toMatchObject({
      items: [{ amountMinor: 250_000, currency: 'SEK', quantity: 1, externalId: 'A-1003', orderedAt: today, imported: false }, {}, {}, { externalId: 'IMP-77', imported: true }],
    });

    // A taken order number: said beside that field, in Swedish, and nothing typed lost.
    await add.click();
    form = orders.getByRole('form', { name: 'Nytt köp', exact: true });
    await form.getByLabel('Produkt').fill('Extra licens');
    await form.getByLabel('Antal').fill('3');
    await form.getByLabel('Belopp').fill('1234.50');
    await form.getByLabel('Valuta').selectOption('EUR');
    await form.getByLabel('Ordernummer').fill('A-1001');
    await form.getByRole('button', { name: 'Lägg till köpet', exact: true }).click();
    const number = form.getByLabel('Ordernummer');
    await expect.poll(() => number.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await number.getAttribute('aria-describedby'))!.split(' ');
    const said = await Promise.all(describedBy.map((id) => page.locator(`[id="${id}"]`).innerText()));
    expect(said).toContain('Ett annat köp har redan det här ordernumret. Skriv ett annat, eller lämna fältet tomt.');
    expect(await form.getByRole('alert').innerText()).toBe('Kontrollera de markerade fälten.');
    expect(await number.inputValue()).toBe('A-1001');
    expect(await form.getByLabel('Produkt').inputValue()).toBe('Extra licens');
    expect(await form.getByLabel('Antal').inputValue()).toBe('3');
    expect(await form.getByLabel('Belopp').inputValue()).toBe('1234.50');
    expect(await form.getByLabel('Valuta').inputValue()).toBe('EUR');
    expect(await cells(page, '.orders tbody td.amount')).toHaveLength(4);

    await expectAccessible(page, 'account orders');
    await form.getByRole('button', { name: 'Avbryt', exact: true }).click();
    await form.waitFor({ state: 'detached' });

    // Change one in place: the form holds the amount as a Swede would write it.
    await orders.getByRole('button', { name: 'Ändra köpet 5 mars 2025, 1 234,50 kr', exact: true }).click();
    const edit = orders.getByRole('form', { name: 'Ändra köpet 5 mars 2025', exact: true });
    expect(await edit.getByLabel('Belopp').inputValue()).toBe('1234,50');
    expect(await edit.getByLabel('Antal').inputValue()).toBe('2');
    expect(await edit.getByLabel('Ordernummer').inputValue()).toBe('A-1002');
    await edit.getByLabel('Belopp').fill('1 300');
    await edit.getByRole('button', { name: 'Spara', exact: true }).click();
    await edit.waitFor({ state: 'detached' });
    await expect.poll(() => cells(page, '.orders tbody td.amount')).toEqual(['2 500 kr', '1 300 kr', '800 kr', '4 990 €']);
    expect(await totals(page)).toEqual(['Summa', '4 600 kr', '4 990 €']);
    expect(plain(await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? ''))).toBe('Ändra köpet 5 mars 2025, 1 300 kr');

    await orders.scrollIntoViewIfNeeded();
    await screenshot(page, 'account-orders');
    errors.expectNone();
    await context.close();

    // A manager deletes the oldest order, after saying yes.
    const manager = await e.person('manager');
    const asManager = await e.signedIn(browser, manager, 'sv');
    const managerErrors = watchPageErrors(asManager.page);
    await asManager.page.goto(`${e.base}/accounts/${account.id}`);
    const mOrders = asManager.page.getByRole('region', { name: 'Köp', exact: true });
    await mOrders.getByRole('table').waitFor();
    expect(await mOrders.getByRole('button', { name: /^Ta bort köpet / }).count()).toBe(4);
    await mOrders.getByRole('button', { name: 'Ta bort köpet 15 jan. 2025, 800 kr', exact: true }).click();
    const confirm = mOrders.getByRole('group', { name: 'Ta bort köpet 15 jan. 2025, 800 kr?', exact: true });
    // The question starts on the harmless answer.
    expect(await confirm.getByRole('button', { name: 'Avbryt', exact: true }).evaluate((el) => el === document.activeElement)).toBe(true);
    await screenshot(asManager.page, 'account-orders-delete');
    await confirm.getByRole('button', { name: 'Ja, ta bort', exact: true }).click();
    await expect.poll(() => cells(asManager.page, '.orders tbody td.amount')).toEqual(['2 500 kr', '1 300 kr', '4 990 €']);
    expect(await cells(asManager.page, '.orders tbody td.product')).not.toContain('Servicepaket');
    expect(await totals(asManager.page)).toEqual(['Summa', '3 800 kr', '4 990 €']);
    // Focus lands on the row that took its place.
    expect(plain(await asManager.page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? ''))).toBe('Ändra köpet 20 nov. 2024, 4 990 €');
    expect((await listOrders(e.ctx, manager.actor, { accountId: account.id, limit: 10 })).items.map((o) => o.externalId)).toEqual(['A-1003', 'A-1002', 'IMP-77']);
    managerErrors.expectNone();
    await asManager.context.close();
  });
});
