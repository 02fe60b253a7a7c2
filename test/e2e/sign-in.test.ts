import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchBrowser, PASSWORD, startE2E, type E2E } from './harness.ts';

describe('signing in and out, and the language', () => {
  let e: E2E;
  let browser: Browser;
  beforeAll(async () => {
    [e, browser] = await Promise.all([startE2E(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await e?.close();
  });

  it('signs in with e-mail and password, lands on Today, and signs out', async () => {
    const seller = await e.person('seller', 'Sara Säljare');
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'sv-SE' });
    const page = await context.newPage();
    await page.goto(`${e.base}/board`);
    await page.waitForURL(/\/login\?next=%2Fboard/);
    await expectAccessible(page, 'login');
    await page.getByLabel('E-post').fill(seller.email);
    await page.getByLabel('Lösenord').fill('wrong password');
    await page.getByRole('button', { name: 'Logga in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Fel e-post eller lösenord');
    await expect.poll(() => page.getByLabel('E-post').inputValue()).toBe(seller.email);
    await page.getByLabel('Lösenord').fill(PASSWORD);
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.waitForURL(/\/board$/);
    await expect.poll(() => page.getByRole('banner').getByText('Sara Säljare').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Logga ut' }).click();
    await page.waitForURL(/\/login/);
    await page.goto(`${e.base}/today`);
    await page.waitForURL(/\/login/);
    await context.close();
  });

  it('switches between Swedish and English and keeps the choice', async () => {
    const seller = await e.person('seller');
    const { context, page } = await e.signedIn(browser, seller, 'sv');
    await page.goto(`${e.base}/today`);
    const nav = page.getByRole('navigation');
    await expect.poll(() => nav.getByRole('link', { name: 'Kunder' }).isVisible()).toBe(true);
    // The landmarks and the skip link speak the language too.
    expect(await page.getByRole('navigation', { name: 'Huvudmeny' }).count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Hoppa till innehållet' }).count()).toBe(1);
    await page.getByRole('combobox', { name: 'Språk' }).selectOption('en');
    await expect.poll(() => nav.getByRole('link', { name: 'Accounts' }).isVisible()).toBe(true);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.getByRole('navigation', { name: 'Main' }).count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Skip to content' }).count()).toBe(1);
    await page.reload();
    await expect.poll(() => page.getByRole('navigation').getByRole('link', { name: 'Accounts' }).isVisible()).toBe(true);
    await context.close();
  });
});
