/**
 * The import page: an admin uploads a Windows-1252 file with `;` (as Excel
 * saves one in Sweden), sees the proposed map, starts, watches the result
 * come in and downloads the rejected rows; a map the server refuses says why
 * next to the map and keeps every choice.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAccounts, listContacts } from '../../src/app/accounts.ts';
import { FIELDS } from '../../src/import/columns.ts';
import { FIELDS as WEB_FIELDS } from '../../web/src/imports/fields.ts';
import { expectAccessible, launchBrowser, screenshot, startE2E, type E2E } from './harness.ts';
import { watchPageErrors } from './page-errors.ts';

describe('the import page', () => {
  let e: E2E;
  let browser: Browser;
  let dir: string;
  beforeAll(async () => {
    [e, browser] = await Promise.all([startE2E(), launchBrowser()]);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'h2h-e2e-import-'));
  });
  afterAll(async () => {
    await browser?.close();
    await e?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  /** A file on disk, as the user's file chooser would give it. */
  const csvFile = (name: string, bytes: Buffer) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, bytes);
    return file;
  };

  async function upload(page: Page, words: { entity: string; upload: string }, file: string) {
    await page.getByLabel(words.entity, { exact: true }).check();
    await page.locator('input[type="file"]').setInputFiles(file);
    await page.getByRole('button', { name: words.upload, exact: true }).click();
  }

  /** New, duplicate and rejected rows, as the page shows them. */
  const counts = async (page: Page) =>
    Object.fromEntries(await Promise.all(['inserted', 'duplicates', 'rejected'].map(async (k) => [k, (await page.locator(`[data-count="${k}"] dd`).innerText()).trim()])));

  it('offers the fields the server knows, no more and no fewer', () => {
    expect(WEB_FIELDS).toEqual(FIELDS);
  });

  it('imports Swedish contacts from a Windows-1252 file with semicolons, and hands back the rejected row', async () => {
    const { context, page } = await e.signedIn(browser, e.admin, 'sv');
    page.setDefaultTimeout(10_000);
    const errors = watchPageErrors(page);
    const file = csvFile(
      'kontakter.csv',
      Buffer.from(
        'Förnamn;Efternamn;E-post;Företag\r\n' +
          'Åsa;Öberg;asa@x.se;Åkes Bygg AB\r\n' +
          'Pär;Ängström;par@x.se;Åkes Bygg AB\r\n' +
          'Bo;Fel;inte-en-adress;Åkes Bygg AB\r\n' +
          'Åsa;Öberg;ASA@x.se;Åkes Bygg AB\r\n',
        'latin1',
      ),
    );

    await page.goto(`${e.base}/today`);
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Import' }).click();
    await page.getByRole('heading', { level: 1, name: 'Import' }).waitFor();
    await expect.poll(() => page.getByText('Inga importer än.').count()).toBe(1);
    await expectAccessible(page, 'import, choose a file');

    await upload(page, { entity: 'Kontakter', upload: 'Ladda upp' }, file);

    // The proposal: each Swedish header finds its field, and the file is read as it was written.
    await page.getByRole('heading', { level: 2, name: 'Koppla kolumnerna' }).waitFor();
    const proposed = { Förnamn: 'Förnamn', Efternamn: 'Efternamn', 'E-post': 'E-post', Företag: 'Företag' };
    for (const [header, field] of Object.entries(proposed)) {
      const select = page.getByLabel(header, { exact: true });
      expect(await select.locator('option:checked').innerText()).toBe(field);
    }
    const facts = page.locator('.file-facts');
    expect(await facts.innerText()).toContain('Windows-1252');
    expect(await facts.innerText()).toContain('semikolon');
    expect(await page.locator('.required-fields').innerText()).toContain('från kolumnen ”Förnamn”');
    expect(await page.getByRole('radio', { name: 'Hoppa över den och behåll det som finns' }).isChecked()).toBe(true);
    await expectAccessible(page, 'import, map the columns');
    await screenshot(page, 'import-mapping');

    await page.getByRole('button', { name: 'Starta importen' }).click();
    await page.getByRole('heading', { level: 2, name: 'Importen är klar' }).waitFor({ timeout: 15_000 });
    expect(await counts(page)).toEqual({ inserted: '2', duplicates: '1', rejected: '1' });
    expect(await page.getByRole('status').filter({ hasText: 'Importen är klar' }).innerText()).toBe('Importen är klar: 2 nya, 1 dubblett, 1 avvisad.');
    expect((await page.locator('.rejects li').first().textContent())?.replace(/\s+/g, ' ')).toBe('1 rad: email: "inte-en-adress" är ingen e-postadress');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Ladda ner den avvisade raden (CSV)' }).click()]);
    const rejects = fs.readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(rejects[0]).toBe('row,reason,Förnamn,Efternamn,E-post,Företag');
    expect(rejects).toHaveLength(2);
    expect(rejects[1]).toMatch(/^4,.*email.*,Bo,Fel,inte-en-adress,Åkes Bygg AB$/);

    // The recent imports list the file with its result and its rejects.
    const row = page.locator('.recent tbody tr').filter({ hasText: 'kontakter.csv' });
    await expect.poll(() => row.innerText()).toContain('2 nya, 1 dubblett, 1 avvisad');
    expect(await row.getByRole('link', { name: 'Ladda ner avvisad rad i kontakter.csv' }).getAttribute('href')).toMatch(/\/rejects$/);
    await expectAccessible(page, 'import, the result');
    await screenshot(page, 'import');

    // In the database: å, ä and ö intact, one Åsa (the second was the duplicate), both at Åkes Bygg.
    const contacts = (await listContacts(e.ctx, e.admin.actor, { limit: 50 })).items;
    expect(contacts.map((c) => [c.name, c.email]).sort()).toEqual([
      ['Pär Ängström', 'par@x.se'],
      ['Åsa Öberg', 'asa@x.se'],
    ]);
    const accounts = (await listAccounts(e.ctx, e.admin.actor, { limit: 50 })).items;
    const akes = accounts.find((a) => a.name === 'Åkes Bygg AB');
    expect(akes).toBeDefined();
    expect(new Set(contacts.map((c) => c.accountId))).toEqual(new Set([akes!.id]));

    // The same file again: the page says it is imported already and shows that result, and nothing is added.
    await page.getByRole('button', { name: 'Importera en fil till' }).click();
    expect(await page.getByLabel('Kontakter', { exact: true }).isChecked()).toBe(true);
    await page.locator('input[type="file"]').setInputFiles(file);
    await page.getByRole('button', { name: 'Ladda upp', exact: true }).click();
    await page.getByText('Den här filen är redan importerad').waitFor();
    expect(await counts(page)).toEqual({ inserted: '2', duplicates: '1', rejected: '1' });
    expect((await listContacts(e.ctx, e.admin.actor, { limit: 50 })).items).toHaveLength(2);

    errors.expectNone();
    await context.close();
  });

  it('shows the server’s refusal of a map next to the map, and keeps every choice', async () => {
    const { context, page } = await e.signedIn(browser, e.admin, 'en');
    page.setDefaultTimeout(10_000);
    const errors = watchPageErrors(page);
    const file = csvFile('people.csv', Buffer.from('First name,Last name,Email\nKarin,Köpare,karin@example.se\n', 'utf8'));

    await page.goto(`${e.base}/imports`);
    await page.getByRole('heading', { level: 1, name: 'Import' }).waitFor();
    await upload(page, { entity: 'Contacts', upload: 'Upload' }, file);
    await page.getByRole('heading', { level: 2, name: 'Map the columns' }).waitFor();
    expect(await page.locator('.file-facts').innerText()).toContain('comma');

    // Leave out both name columns: nothing fills the name any more, and the page says so before Start.
    await page.getByLabel('First name', { exact: true }).selectOption('');
    await page.getByLabel('Last name', { exact: true }).selectOption('');
    await page.getByRole('radio', { name: 'Update what is there with the file’s values' }).check();
    expect(await page.locator('.notice').innerText()).toBe('No column fills name (full name, first name or last name) yet. Choose a column for it before you start.');

    const [answer] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/start') && r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Start the import' }).click(),
    ]);
    expect(answer.status()).toBe(422);
    const problem = (await answer.json()) as { errors: { field: string; message: string }[] };
    const refusal = problem.errors.find((x) => x.field === 'body.columns')!.message;
    const shown = page.locator('.columns-error');
    await shown.waitFor();
    expect(await shown.innerText()).toBe(refusal.charAt(0).toUpperCase() + refusal.slice(1));
    // Each column's select points at the reason; the choices are as the user left them.
    const first = page.getByLabel('First name', { exact: true });
    const describedBy = (await first.getAttribute('aria-describedby'))!.split(' ');
    expect(describedBy).toContain(await shown.getAttribute('id'));
    expect(await first.inputValue()).toBe('');
    expect(await page.getByLabel('Last name', { exact: true }).inputValue()).toBe('');
    expect(await page.getByLabel('Email', { exact: true }).inputValue()).toBe('email');
    expect(await page.getByRole('radio', { name: 'Update what is there with the file’s values' }).isChecked()).toBe(true);
    await expectAccessible(page, 'import, a refused map');

    // Put the first name back: now it goes through.
    await first.selectOption('firstName');
    await page.getByRole('button', { name: 'Start the import' }).click();
    await page.getByRole('heading', { level: 2, name: 'The import is done' }).waitFor({ timeout: 15_000 });
    expect(await counts(page)).toEqual({ inserted: '1', duplicates: '0', rejected: '0' });
    expect((await listContacts(e.ctx, e.admin.actor, { q: 'Karin', limit: 5 })).items.map((c) => c.name)).toEqual(['Karin']);

    errors.expectNone();
    await context.close();
  });

  it('tells someone who is not an admin that import is for admins', async () => {
    const seller = await e.person('seller');
    const { context, page } = await e.signedIn(browser, seller, 'sv');
    page.setDefaultTimeout(10_000);
    const errors = watchPageErrors(page);
    await page.goto(`${e.base}/imports`);
    await page.getByText('Bara administratörer kan importera.').waitFor();
    expect(await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Import' }).count()).toBe(0);
    errors.expectNone();
    await context.close();
  });
});
