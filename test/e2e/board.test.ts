/**
 * The board's paging: every column's first page comes in one request; a column's
 * further journeys come by cursor when the seller asks for them.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../src/app/accounts.ts';
import { createJourney } from '../../src/app/journeys.ts';
import { launchBrowser, startE2E, type E2E } from './harness.ts';
import { watchPageErrors } from './page-errors.ts';

describe('the board in a browser', () => {
  let e: E2E;
  let browser: Browser;
  beforeAll(async () => {
    [e, browser] = await Promise.all([startE2E(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await e?.close();
  });

  it('draws every column from one request, and shows a column\'s further journeys on "Show more"', async () => {
    const seller = await e.person('seller', 'Sixten Säljare');
    const word = `Sidning${Date.now()}`;
    const account = await createAccount(e.ctx, seller.actor, { kind: 'company', name: `${word} Verkstad AB` });
    // 15 journeys in the first stage: a page of 12, and 3 behind "Show more".
    for (let i = 1; i <= 15; i++) await createJourney(e.ctx, seller.actor, { accountId: account.id, title: `Hall ${String(i).padStart(2, '0')}` }, 'sv');
    const { page } = await e.signedIn(browser, seller);
    const errors = watchPageErrors(page);
    const lists: string[] = [];
    page.on('request', (r) => {
      const path = new URL(r.url()).pathname;
      if (path === '/api/v1/board' || path === '/api/v1/journeys') lists.push(r.url());
    });

    await page.goto(`${e.base}/board?q=${word}`);
    const need = page.getByRole('region', { name: /Behov/ });
    const cards = need.locator('.bcol-list > li');
    await expect.poll(() => cards.count()).toBe(12);
    expect(lists.map((u) => new URL(u).pathname)).toEqual(['/api/v1/board']);
    await expect.poll(() => need.getByText('12+').count()).toBe(1);

    await need.getByRole('button', { name: /Visa fler/ }).click();
    await expect.poll(() => cards.count()).toBe(15);
    const titles = await need.locator('.jcard-title').allTextContents();
    expect(new Set(titles).size).toBe(15);
    expect(titles).toContain('Hall 01');
    expect(titles).toContain('Hall 15');
    // The further page came from the column's own cursor, not a second board.
    const more = lists.slice(1).map((u) => new URL(u));
    expect(more.map((u) => u.pathname)).toEqual(['/api/v1/journeys']);
    expect(more[0]!.searchParams.get('stage')).toBe('need');
    expect(more[0]!.searchParams.get('cursor')).toBeTruthy();
    await expect.poll(() => need.getByRole('button', { name: /Visa fler/ }).count()).toBe(0);
    errors.expectNone();
  });
});
