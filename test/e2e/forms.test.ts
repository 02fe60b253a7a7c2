/**
 * What a seller sees when the server refuses a form: the reason in their own
 * language, next to the field, and nothing they typed lost.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../src/app/accounts.ts';
import { launchBrowser, startE2E, type E2E } from './harness.ts';
import { watchPageErrors } from './page-errors.ts';

describe('form errors from the server', () => {
  let e: E2E;
  let browser: Browser;
  beforeAll(async () => {
    [e, browser] = await Promise.all([startE2E(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await e?.close();
  });

  for (const [lang, words] of [
    ['sv', { add: 'Lägg till kontakt', name: 'Namn', email: 'E-post', submit: 'Lägg till', field: 'Ska vara en e-postadress.', form: 'Kontrollera de markerade fälten.' }],
    ['en', { add: 'Add contact', name: 'Name', email: 'E-mail', submit: 'Add', field: 'Must be an e-mail address.', form: 'Check the marked fields.' }],
  ] as const) {
    it(`says in ${lang} which field the server refused, and keeps what was typed`, async () => {
      const seller = await e.person('seller');
      const account = await createAccount(e.ctx, seller.actor, { kind: 'company', name: `Formulär ${lang} AB` });
      const { page } = await e.signedIn(browser, seller, lang);
      const errors = watchPageErrors(page);
      await page.goto(`${e.base}/accounts/${account.id}`);
      await page.getByRole('button', { name: words.add }).click();
      const form = page.locator('form.contact-form');
      await form.getByLabel(words.name).fill('Karin Köpare');
      // The browser's own check passes "karin@foretaget"; the server's does not.
      await form.getByLabel(words.email).fill('karin@foretaget');
      await form.getByRole('button', { name: words.submit, exact: true }).click();

      const email = form.getByLabel(words.email);
      await expect.poll(() => email.getAttribute('aria-invalid')).toBe('true');
      const describedBy = (await email.getAttribute('aria-describedby'))!.split(' ');
      const said = await Promise.all(describedBy.map((id) => page.locator(`[id="${id}"]`).innerText()));
      expect(said).toContain(words.field);
      expect(await form.getByRole('alert').innerText()).toBe(words.form);
      expect(await form.getByLabel(words.name).inputValue()).toBe('Karin Köpare');
      expect(await email.inputValue()).toBe('karin@foretaget');
      errors.expectNone();
    });
  }
});
