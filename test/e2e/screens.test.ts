/**
 * Every screen with a realistic org (the demo org, Nordljus AB): screenshots
 * at 1280×800 under test-results/, and axe-core on each, failing on serious
 * or critical violations.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/app/context.ts';
import { createDemoOrg } from '../../src/app/demo.ts';
import { listJourneys } from '../../src/app/journeys.ts';
import { today } from '../../src/app/today.ts';
import { expectAccessible, launchBrowser, PASSWORD, RESULTS, screenshot, startE2E, type E2E, type Person } from './harness.ts';
import { watchPageErrors } from './page-errors.ts';

describe('the screens of a realistic org', () => {
  let e: E2E;
  let browser: Browser;
  let admin: Person;
  beforeAll(async () => {
    [e, browser] = await Promise.all([startE2E(), launchBrowser()]);
    const email = `demo-admin-${process.pid}-${Date.now()}@e2e.example`;
    const demo = await createDemoOrg(e.ctx, { seed: 1, admin: { email, name: 'Astrid Admin', password: PASSWORD }, now: new Date() });
    admin = { actor: { orgId: demo.orgId, userId: demo.adminId, role: 'admin', kind: 'user' }, email, name: 'Astrid Admin' };
  });
  afterAll(async () => {
    await browser?.close();
    await e?.close();
  });

  /** A page of the demo's open B2B journeys at a stage, as the board's API lists them. */
  const cards = async (stage: string) => (await listJourneys(e.ctx, admin.actor, { templateKey: 'b2b', stage, status: 'open', limit: 50 })).items;

  /** A full-length picture too, to look at what lies below the fold. */
  async function fullShot(page: Page, name: string) {
    fs.mkdirSync(RESULTS, { recursive: true });
    await page.screenshot({ path: path.join(RESULTS, `${name}-full.png`), fullPage: true });
  }

  async function noneLoading(page: Page) {
    await expect.poll(() => page.getByText('Laddar…').count(), { timeout: 10_000 }).toBe(0);
  }

  it('the board, and its dialog when a buyer is not ready', async () => {
    const { context, page } = await e.signedIn(browser, admin);
    const errors = watchPageErrors(page);
    await page.goto(`${e.base}/board`);
    await page.getByRole('heading', { level: 1, name: 'Resor' }).waitFor();
    await expect.poll(() => page.locator('.bcol-count').count(), { timeout: 10_000 }).toBe(6);
    await noneLoading(page);
    await screenshot(page, 'board');
    await expectAccessible(page, 'board');
    // The business process's first column holds its journeys only: the consumer process has a Need stage too.
    const need = page.getByRole('region', { name: 'Behov, steg 1 av 6' });
    expect(await need.locator('[data-journey-id]').evaluateAll((els) => els.map((el) => el.getAttribute('data-journey-id')))).toEqual((await cards('need')).map((c) => c.id));

    // A journey at Need that the buyer has not finished: its move opens the dialog.
    const notReady = (await cards('need')).find((c) => c.readiness.met < c.readiness.total);
    expect(notReady).toBeDefined();
    const card = page.locator(`[data-journey-id="${notReady!.id}"]`);
    await card.scrollIntoViewIfNeeded();
    await card.getByRole('button', { name: /^Flytta till / }).click();
    const dialog = page.getByRole('dialog', { name: /^Inte redo för / });
    await dialog.waitFor();
    await screenshot(page, 'board-dialog');
    await expectAccessible(page, 'board dialog');
    await dialog.getByRole('button', { name: 'Avbryt' }).click();
    await dialog.waitFor({ state: 'hidden' });
    errors.expectNone();
    await context.close();
  });

  it('a journey page with concerns, a plan and a timeline', async () => {
    const evaluate = await cards('evaluate');
    const rich = evaluate.find((c) => c.openConcerns > 0) ?? evaluate[0];
    expect(rich).toBeDefined();
    const { context, page } = await e.signedIn(browser, admin);
    const errors = watchPageErrors(page);
    await page.goto(`${e.base}/journeys/${rich!.id}`);
    await page.getByRole('heading', { level: 1, name: rich!.title }).waitFor();
    await page.getByRole('list', { name: 'Händelser, senaste först' }).waitFor();
    await noneLoading(page);
    await screenshot(page, 'journey');
    await fullShot(page, 'journey');
    await expectAccessible(page, 'journey');
    errors.expectNone();
    await context.close();
  });

  it('Today, for a seller the demo gives work to', async () => {
    // The admin owns no journeys; look at the day of the seller with the most to do, as a manager would.
    const sellers = await e.ctx.store.db.selectFrom('users').select(['id', 'name', 'role']).where('org_id', '=', admin.actor.orgId).where('role', '=', 'seller').execute();
    let best = { id: '', name: '', items: -1 };
    for (const s of sellers) {
      const actor: Actor = { orgId: admin.actor.orgId, userId: s.id, role: 'seller', kind: 'user' };
      const n = (await today(e.ctx, actor, {}, 'sv')).items.length;
      if (n > best.items) best = { id: s.id, name: s.name, items: n };
    }
    expect(best.items).toBeGreaterThan(0);
    const { context, page } = await e.signedIn(browser, admin);
    const errors = watchPageErrors(page);
    await page.goto(`${e.base}/today?seller=${best.id}`);
    await page.getByRole('heading', { level: 1, name: 'Idag' }).waitFor();
    await page.locator('.today-list > li').first().waitFor();
    expect(await page.locator('.today-list > li').count()).toBe(best.items);
    await noneLoading(page);
    await screenshot(page, 'today');
    await fullShot(page, 'today');
    await expectAccessible(page, 'today');

    // The admin's own day: nothing, and it says so.
    await page.goto(`${e.base}/today`);
    await page.getByRole('heading', { level: 2, name: 'Inget behöver dig idag' }).waitFor();
    await screenshot(page, 'today-empty');
    await expectAccessible(page, 'today (empty)');
    errors.expectNone();
    await context.close();
  });

  it('the accounts list and an account page', async () => {
    const { context, page } = await e.signedIn(browser, admin);
    const errors = watchPageErrors(page);
    await page.goto(`${e.base}/accounts`);
    await page.getByRole('heading', { level: 1, name: 'Kunder' }).waitFor();
    await page.locator('table.list tbody tr').first().waitFor();
    await screenshot(page, 'accounts');
    await expectAccessible(page, 'accounts');

    // The account of a journey at Evaluate: it has contacts, journeys and a timeline.
    const journey = (await cards('evaluate'))[0];
    expect(journey).toBeDefined();
    await page.goto(`${e.base}/accounts/${journey!.accountId}`);
    await page.getByRole('heading', { level: 1, name: journey!.accountName }).waitFor();
    await page.locator('.journey-cards').getByRole('link', { name: journey!.title }).first().waitFor();
    await noneLoading(page);
    await screenshot(page, 'account');
    await fullShot(page, 'account');
    await expectAccessible(page, 'account');
    errors.expectNone();
    await context.close();
  });

  it('settings', async () => {
    const { context, page } = await e.signedIn(browser, admin);
    const errors = watchPageErrors(page);
    await page.goto(`${e.base}/settings`);
    await page.getByRole('heading', { level: 1, name: 'Inställningar' }).waitFor();
    await page.getByText('Astrid Admin').first().waitFor();
    await noneLoading(page);
    await screenshot(page, 'settings');
    await fullShot(page, 'settings');
    await expectAccessible(page, 'settings');
    errors.expectNone();
    await context.close();
  });
});
