/**
 * Live updates (Server-Sent Events): what one person changes shows on another
 * person's open page without a reload.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../src/app/accounts.ts';
import { createJourney, meetCriterion } from '../../src/app/journeys.ts';
import { launchBrowser, startE2E, type E2E, type Person } from './harness.ts';
import { watchPageErrors } from './page-errors.ts';

const NEED_1 = 'Köparen har beskrivit problemet med egna ord';

describe('live updates between two browsers', () => {
  let e: E2E;
  let browser: Browser;
  beforeAll(async () => {
    [e, browser] = await Promise.all([startE2E(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await e?.close();
  });

  async function seedJourney(owner: Person, title: string) {
    const account = await createAccount(e.ctx, owner.actor, { kind: 'company', name: `Kund för ${title}` });
    return createJourney(e.ctx, owner.actor, { accountId: account.id, title }, 'sv');
  }

  /** Opens `path` and waits until the page's event stream is connected (the server subscribes before it answers). */
  async function openLive(page: Page, path: string, stream: RegExp) {
    const connected = page.waitForResponse((r) => stream.test(new URL(r.url()).pathname) && r.status() === 200);
    await page.goto(`${e.base}${path}`);
    await connected;
    // A mark that a reload would wipe.
    await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
  }

  const notReloaded = (page: Page) => page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded === true);

  it('shows a concern and evidence that a manager records on the journey another seller has open', async () => {
    const seller = await e.person('seller', 'Stina Säljare');
    const manager = await e.person('manager', 'Mats Chef');
    const journey = await seedJourney(seller, 'Ljus i verkstaden');
    const a = await e.signedIn(browser, seller);
    const b = await e.signedIn(browser, manager);
    const errors = watchPageErrors(a.page, b.page);

    await openLive(a.page, `/journeys/${journey.id}`, new RegExp(`/journeys/${journey.id}/events$`));
    await a.page.getByRole('heading', { level: 1, name: 'Ljus i verkstaden' }).waitFor();
    await b.page.goto(`${e.base}/journeys/${journey.id}`);
    await b.page.getByRole('heading', { level: 1, name: 'Ljus i verkstaden' }).waitFor();

    // The manager raises a concern through the page.
    const question = 'Klarar armaturerna damm och oljedimma?';
    const raise = b.page.getByRole('form', { name: 'Ny fråga från köparen' });
    await raise.getByLabel('Ämne').selectOption('fit');
    await raise.getByLabel('Vad undrar eller oroar sig köparen för?').fill(question);
    await raise.getByRole('button', { name: 'Lägg till frågan' }).click();

    const seen = a.page.locator('.concerns > li', { hasText: question });
    await seen.waitFor({ timeout: 5000 });
    expect(await seen.getByText('Status: Öppen').isVisible()).toBe(true);
    await a.page.getByRole('list', { name: 'Händelser, senaste först' }).getByText('Ny fråga (Passform)').waitFor();

    // …and records evidence for a criterion.
    await b.page.getByRole('textbox', { name: NEED_1, exact: true }).fill('Mejl från verkstadschefen 12/11: belysningen räcker inte vid svarvarna.');
    await b.page.getByRole('button', { name: `Spara belägg: ${NEED_1}` }).click();
    await a.page.locator('.criteria .criterion-met', { hasText: NEED_1 }).waitFor({ timeout: 5000 });
    expect(await a.page.locator('#criteria-title + .badge').innerText()).toBe('1 av 2 uppfyllda');
    // The seller's composer now offers only the criterion still open.
    expect(await a.page.getByRole('form', { name: 'Logga en kontakt' }).getByRole('radio', { name: NEED_1 }).count()).toBe(0);

    expect(await notReloaded(a.page)).toBe(true);
    errors.expectNone();
    await a.context.close();
    await b.context.close();
  });

  it('moves a card on the board when the journey is moved from another browser', async () => {
    const seller = await e.person('seller', 'Siv Säljare');
    const manager = await e.person('manager', 'Maja Chef');
    const journey = await seedJourney(seller, 'Belysning i entrén');
    await meetCriterion(e.ctx, seller.actor, journey.id, 'problem_described', 'Sa det i mötet.', 'sv');
    await meetCriterion(e.ctx, seller.actor, journey.id, 'cost_of_inaction', 'Räknade på det i mejl.', 'sv');
    const a = await e.signedIn(browser, seller);
    const b = await e.signedIn(browser, manager);
    const errors = watchPageErrors(a.page, b.page);

    await openLive(a.page, '/board', /^\/api\/v1\/events$/);
    const inStage = (page: Page, stage: string) => page.getByRole('region', { name: stage }).locator(`[data-journey-id="${journey.id}"]`);
    await inStage(a.page, 'Behov, steg 1 av 6').waitFor();
    expect(await inStage(a.page, 'Behov, steg 1 av 6').getByText('2/2').isVisible()).toBe(true);

    // The manager moves it from the journey page.
    await b.page.goto(`${e.base}/journeys/${journey.id}`);
    await b.page.getByRole('button', { name: 'Flytta till Utforska' }).click();
    await b.page.getByRole('button', { name: 'Flytta till Utvärdera' }).waitFor();

    await inStage(a.page, 'Utforska, steg 2 av 6').waitFor({ timeout: 5000 });
    await expect.poll(() => inStage(a.page, 'Behov, steg 1 av 6').count()).toBe(0);
    // The new stage's criteria: none met yet.
    expect(await inStage(a.page, 'Utforska, steg 2 av 6').getByText('0/2').isVisible()).toBe(true);

    expect(await notReloaded(a.page)).toBe(true);
    errors.expectNone();
    await a.context.close();
    await b.context.close();
  });
});
