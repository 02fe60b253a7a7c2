/**
 * A seller's day with one buying journey, in Swedish: start it, try to move
 * it on, record evidence, log a touch, handle a concern, reorder the plan
 * from the keyboard and override a stage with a written reason.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../src/app/accounts.ts';
import { createJourney } from '../../src/app/journeys.ts';
import { addPlanStep, listPlan, reorderPlanSteps } from '../../src/app/plan.ts';
import { launchBrowser, startE2E, type E2E, type Person } from './harness.ts';
import { texts, watchPageErrors } from './page-errors.ts';

const NEED_1 = 'Köparen har beskrivit problemet med egna ord';
const NEED_2 = 'Köparen har sagt vad det kostar att inte göra något';

describe('a buying journey in the browser', () => {
  let e: E2E;
  let browser: Browser;
  beforeAll(async () => {
    [e, browser] = await Promise.all([startE2E(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await e?.close();
  });

  /** An account and an open journey at Need, owned by the seller, made through the use cases. */
  async function seedJourney(seller: Person, title: string, accountName = `Kund för ${title}`) {
    const account = await createAccount(e.ctx, seller.actor, { kind: 'company', name: accountName });
    const journey = await createJourney(e.ctx, seller.actor, { accountId: account.id, title, valueMinor: 250_000_00 }, 'sv');
    return { account, journey };
  }

  async function openJourney(page: Page, id: string, title: string) {
    await page.goto(`${e.base}/journeys/${id}`);
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
  }

  const currentStage = (page: Page) => page.getByRole('list', { name: 'Köparens steg' }).locator('[aria-current="step"] .stage-name').innerText();

  it('creates an account and starts a journey from the account page', async () => {
    const seller = await e.person('seller', 'Sigrid Säljare');
    const { context, page } = await e.signedIn(browser, seller);
    const errors = watchPageErrors(page);
    await page.goto(`${e.base}/accounts`);
    await page.getByRole('button', { name: 'Ny kund' }).click();
    await page.getByLabel('Företagets namn').fill('Ängsbacka Bygg AB');
    await page.getByRole('button', { name: 'Skapa' }).click();
    await page.waitForURL(/\/accounts\/[^/]+$/);
    await page.getByRole('heading', { level: 1, name: 'Ängsbacka Bygg AB' }).waitFor();

    await page.getByRole('button', { name: 'Starta en resa' }).click();
    await page.getByLabel('Rubrik').fill('Nytt lagersystem');
    await page.getByLabel('Värde i kronor').fill('125 000');
    await page.getByRole('button', { name: 'Starta resan' }).click();
    await page.waitForURL(/\/journeys\/[^/]+$/);
    await page.getByRole('heading', { level: 1, name: 'Nytt lagersystem' }).waitFor();
    expect(await page.getByRole('link', { name: 'Ängsbacka Bygg AB' }).isVisible()).toBe(true);
    expect(await currentStage(page)).toBe('Behov');
    expect(await page.locator('.journey-facts').innerText()).toMatch(/125\s000/);

    // The account page lists the new journey.
    await page.getByRole('link', { name: 'Ängsbacka Bygg AB' }).click();
    await page.getByRole('region', { name: 'Resor' }).getByRole('link', { name: 'Nytt lagersystem' }).waitFor();
    errors.expectNone();
    await context.close();
  });

  it('lists the unmet criteria when the buyer is not ready, then advances once the evidence is recorded', async () => {
    const seller = await e.person('seller');
    const { journey } = await seedJourney(seller, 'Belysning för kontoret');
    const { context, page } = await e.signedIn(browser, seller);
    const errors = watchPageErrors(page);
    await openJourney(page, journey.id, 'Belysning för kontoret');

    await page.getByRole('button', { name: 'Flytta till Utforska' }).click();
    const blocked = page.getByRole('group', { name: 'Köparen är inte klar med Behov än' });
    await blocked.waitFor();
    expect(await blocked.locator('.advance-unmet > li > span:first-child').allInnerTexts()).toEqual([NEED_1, NEED_2]);
    expect(await currentStage(page)).toBe('Behov');

    // "Record evidence" takes the seller to the criterion's box.
    await blocked.getByRole('button', { name: `Ange belägg: ${NEED_1}` }).click();
    const box1 = page.getByRole('textbox', { name: NEED_1, exact: true });
    await expect.poll(() => box1.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('I mötet 3 nov beskrev Anna flaskhalsen i lagret med egna ord.');
    await page.getByRole('button', { name: `Spara belägg: ${NEED_1}` }).click();
    // The panel follows the journey: one criterion left.
    await expect.poll(() => blocked.locator('.advance-unmet > li').count()).toBe(1);

    await page.getByRole('textbox', { name: NEED_2, exact: true }).fill('Anna: varje felplock kostar oss 400 kr, ca 2 Mkr om året.');
    await page.getByRole('button', { name: `Spara belägg: ${NEED_2}` }).click();
    await page.getByText('Nu är alla kriterier uppfyllda – flytta till Utforska med knappen ovan.').waitFor();
    expect(await page.locator('.criteria .criterion-met').count()).toBe(2);

    await page.getByRole('button', { name: 'Flytta till Utforska' }).click();
    await expect.poll(() => currentStage(page)).toBe('Utforska');
    await page.getByRole('button', { name: 'Flytta till Utvärdera' }).waitFor();
    expect(await page.getByRole('list', { name: 'Köparens steg' }).locator('.stage-done .stage-name').allInnerTexts()).toEqual(['Behov']);
    await page.getByRole('list', { name: 'Händelser, senaste först' }).getByText('Flyttad från Behov till Utforska').waitFor();
    errors.expectNone();
    await context.close();
  });

  it('asks an outbound interaction for its purpose without losing the summary, then logs it for a criterion', async () => {
    const seller = await e.person('seller');
    const { journey } = await seedJourney(seller, 'Armaturer till butikerna');
    const { context, page } = await e.signedIn(browser, seller);
    const errors = watchPageErrors(page);
    await openJourney(page, journey.id, 'Armaturer till butikerna');

    const composer = page.getByRole('form', { name: 'Logga en kontakt' });
    expect(await composer.getByRole('radio', { name: /^Utgående/ }).isChecked()).toBe(true);
    await composer.getByLabel('Kanal').selectOption('call');
    const summary = composer.getByLabel('Vad hände?');
    await summary.fill('Ringde Anna om vad stoppen i lagret kostar.');
    await composer.getByRole('button', { name: 'Logga kontakten' }).click();
    await expect.poll(() => composer.getByRole('alert').innerText()).toBe('Ange syftet: vilket kriterium eller vilken fråga kontakten tjänar, eller varför.');
    expect(await summary.inputValue()).toBe('Ringde Anna om vad stoppen i lagret kostar.');
    expect(await composer.getByLabel('Kanal').inputValue()).toBe('call');

    await composer.getByRole('radio', { name: NEED_2 }).check();
    await composer.getByRole('button', { name: 'Logga kontakten' }).click();
    await composer.getByRole('status').getByText('Kontakten är loggad.').waitFor();
    expect(await summary.inputValue()).toBe('');
    expect(await composer.getByRole('alert').count()).toBe(0);

    const entry = page.getByRole('list', { name: 'Händelser, senaste först' }).locator('.timeline-interaction').first();
    await entry.waitFor();
    expect(await entry.locator('.timeline-title').innerText()).toBe('Samtal · Utgående');
    expect(await entry.locator('.timeline-summary').innerText()).toBe('Ringde Anna om vad stoppen i lagret kostar.');
    expect(await entry.locator('.timeline-purpose').innerText()).toContain(`För kriteriet: ${NEED_2}`);
    errors.expectNone();
    await context.close();
  });

  it('raises a blocking concern and answers it', async () => {
    const seller = await e.person('seller');
    const { journey } = await seedJourney(seller, 'Ljusstyrning i lagret');
    const { context, page } = await e.signedIn(browser, seller);
    const errors = watchPageErrors(page);
    await openJourney(page, journey.id, 'Ljusstyrning i lagret');

    const raise = page.getByRole('form', { name: 'Ny fråga från köparen' });
    await raise.getByLabel('Ämne').selectOption('risk');
    await raise.getByLabel('Blockerar köpet').check();
    const question = 'Vad händer med driften om styrsystemet går ned en natt?';
    await raise.getByLabel('Vad undrar eller oroar sig köparen för?').fill(question);
    await raise.getByRole('button', { name: 'Lägg till frågan' }).click();

    const concern = page.locator('.concerns > li', { hasText: question });
    await concern.waitFor();
    await concern.getByText('Status: Öppen').waitFor();
    expect(await concern.locator('.concern-head .badge').allTextContents()).toEqual(['Risk', 'Status: Öppen', '⚠ Blockerar']);
    expect(await page.locator('#concerns-title ~ .badge').allInnerTexts()).toEqual(['1 olöst', '⚠ 1 blockerar']);

    await concern.getByRole('button', { name: `Svara: ${question}` }).click();
    const answer = concern.getByLabel(`Svar på: ”${question}”`);
    await expect.poll(() => answer.evaluate((el) => el === document.activeElement)).toBe(true);
    await answer.fill('Armaturerna faller tillbaka till full styrka lokalt; lagret lyser som vanligt.');
    await concern.getByRole('button', { name: 'Spara svaret' }).click();
    await concern.getByText('Status: Besvarad').waitFor();
    expect(await concern.locator('.concern-answer').innerText()).toBe('Svar: Armaturerna faller tillbaka till full styrka lokalt; lagret lyser som vanligt.');
    // Answered is not resolved: the buyer still has to accept it.
    expect(await concern.getByRole('button', { name: `Köparen accepterar: ${question}` }).isVisible()).toBe(true);
    await page.getByRole('list', { name: 'Händelser, senaste först' }).getByText('Frågan besvarad (Risk)').waitFor();
    errors.expectNone();
    await context.close();
  });

  it('reorders the mutual plan from the keyboard, and the order holds after a reload', async () => {
    const seller = await e.person('seller');
    const { journey } = await seedJourney(seller, 'Nya lysrör i produktionen');
    for (const title of ['Workshop med IT', 'Referensbesök i Gävle', 'Beslutsmöte med ledningen']) {
      await addPlanStep(e.ctx, seller.actor, journey.id, { title, owner: { userId: seller.actor.userId! } });
    }
    const { context, page } = await e.signedIn(browser, seller);
    const errors = watchPageErrors(page);
    await openJourney(page, journey.id, 'Nya lysrör i produktionen');
    const order = () => texts(page, '.plan-steps > li .step-title');
    expect(await order()).toEqual(['Workshop med IT', 'Referensbesök i Gävle', 'Beslutsmöte med ledningen']);
    const saved = () => page.waitForResponse((r) => r.url().endsWith('/plan-steps/order') && r.request().method() === 'PUT');

    // Alt+↑ on the last step's handle: it moves up, focus stays on its handle, the move is announced.
    const handle = page.getByRole('button', { name: 'Flytta steget ”Beslutsmöte med ledningen” (plats 3 av 3)' });
    await handle.focus();
    let put = saved();
    await page.keyboard.press('Alt+ArrowUp');
    expect((await put).status()).toBe(200);
    await expect.poll(order).toEqual(['Workshop med IT', 'Beslutsmöte med ledningen', 'Referensbesök i Gävle']);
    await page.getByRole('status').getByText('”Beslutsmöte med ledningen” ligger nu på plats 2 av 3.').waitFor({ state: 'attached' });
    expect(await page.evaluate(() => document.activeElement?.textContent)).toContain('Flytta steget ”Beslutsmöte med ledningen” (plats 2 av 3)');

    put = saved();
    await page.keyboard.press('Alt+ArrowUp');
    expect((await put).status()).toBe(200);
    await expect.poll(order).toEqual(['Beslutsmöte med ledningen', 'Workshop med IT', 'Referensbesök i Gävle']);
    // At the top, Alt+↑ does nothing.
    await page.keyboard.press('Alt+ArrowUp');
    expect(await order()).toEqual(['Beslutsmöte med ledningen', 'Workshop med IT', 'Referensbesök i Gävle']);

    // The ↓ button, reached and pressed from the keyboard.
    await page.getByRole('button', { name: 'Flytta ned: Workshop med IT' }).focus();
    put = saved();
    await page.keyboard.press('Enter');
    expect((await put).status()).toBe(200);
    await expect.poll(order).toEqual(['Beslutsmöte med ledningen', 'Referensbesök i Gävle', 'Workshop med IT']);

    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Nya lysrör i produktionen' }).waitFor();
    await expect.poll(order).toEqual(['Beslutsmöte med ledningen', 'Referensbesök i Gävle', 'Workshop med IT']);
    const api = await context.request.get(`${e.base}/api/v1/journeys/${journey.id}`);
    expect(api.status()).toBe(200);
    const body = (await api.json()) as { planSteps: { title: string }[] };
    expect(body.planSteps.map((s) => s.title)).toEqual(['Beslutsmöte med ledningen', 'Referensbesök i Gävle', 'Workshop med IT']);
    errors.expectNone();
    await context.close();
  });

  it('keeps up with keys pressed faster than the server answers, and then follows the server again', async () => {
    const seller = await e.person('seller');
    const manager = await e.person('manager');
    const { journey } = await seedJourney(seller, 'Belysning i kylrummet');
    const ids: Record<string, string> = {};
    for (const title of ['Mätning på plats', 'Offertgenomgång', 'Provmontage']) {
      ids[title] = (await addPlanStep(e.ctx, seller.actor, journey.id, { title, owner: { userId: seller.actor.userId! } })).id;
    }
    const { context, page } = await e.signedIn(browser, seller);
    const errors = watchPageErrors(page);
    const connected = page.waitForResponse((r) => r.url().endsWith(`/journeys/${journey.id}/events`));
    await openJourney(page, journey.id, 'Belysning i kylrummet');
    await connected;
    const order = () => texts(page, '.plan-steps > li .step-title');
    const onServer = async () => (await listPlan(e.ctx, seller.actor, journey.id)).map((s) => s.title);

    // Two moves down in a row, without waiting for the first to be saved.
    let answered = 0;
    page.on('response', (r) => void (r.url().endsWith('/plan-steps/order') && answered++));
    await page.getByRole('button', { name: 'Flytta steget ”Mätning på plats” (plats 1 av 3)' }).focus();
    await page.keyboard.press('Alt+ArrowDown');
    await page.keyboard.press('Alt+ArrowDown');
    await expect.poll(order).toEqual(['Offertgenomgång', 'Provmontage', 'Mätning på plats']);
    await expect.poll(() => answered).toBe(2);
    expect(await onServer()).toEqual(['Offertgenomgång', 'Provmontage', 'Mätning på plats']);
    await expect.poll(order).toEqual(['Offertgenomgång', 'Provmontage', 'Mätning på plats']);

    // Someone else reorders the plan: the page shows the server's order, not its own last one.
    await reorderPlanSteps(e.ctx, manager.actor, journey.id, [ids['Provmontage']!, ids['Mätning på plats']!, ids['Offertgenomgång']!]);
    await expect.poll(order, { timeout: 5000 }).toEqual(['Provmontage', 'Mätning på plats', 'Offertgenomgång']);
    errors.expectNone();
    await context.close();
  });

  it('overrides a stage from the board with a written reason that then shows on the journey', async () => {
    const seller = await e.person('seller');
    const { journey } = await seedJourney(seller, 'Utomhusbelysning vid lastkajen', 'Kajbolaget i Norrköping AB');
    const { context, page } = await e.signedIn(browser, seller);
    const errors = watchPageErrors(page);
    await page.goto(`${e.base}/board`);
    const card = page.locator(`[data-journey-id="${journey.id}"]`);
    await card.waitFor();
    expect(await page.getByRole('region', { name: 'Behov, steg 1 av 6' }).locator(`[data-journey-id="${journey.id}"]`).count()).toBe(1);

    await card.getByRole('button', { name: 'Flytta till Utforska' }).click();
    const dialog = page.getByRole('dialog', { name: 'Inte redo för Utforska än' });
    await dialog.waitFor();
    expect(await dialog.getByRole('textbox', { name: `Belägg för: ${NEED_1}` }).isVisible()).toBe(true);
    expect(await dialog.getByRole('textbox', { name: `Belägg för: ${NEED_2}` }).isVisible()).toBe(true);

    // No reason, no move: the dialog says so and stays open.
    await dialog.getByRole('button', { name: 'Flytta ändå till Utforska' }).click();
    await dialog.getByText('Skriv varför resan ska gå vidare ändå.').waitFor();
    const reason = 'Kunden har redan budget beslutad; vi tar behovsbilden i workshopen nästa vecka.';
    await dialog.getByRole('textbox', { name: 'Skäl att gå vidare' }).fill(reason);
    await dialog.getByRole('button', { name: 'Flytta ändå till Utforska' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('”Utomhusbelysning vid lastkajen” flyttades till Utforska. Skälet syns på resan.').first().waitFor();
    await page.getByRole('region', { name: 'Utforska, steg 2 av 6' }).locator(`[data-journey-id="${journey.id}"]`).waitFor();
    expect(await page.getByRole('region', { name: 'Behov, steg 1 av 6' }).locator(`[data-journey-id="${journey.id}"]`).count()).toBe(0);

    await card.getByRole('link', { name: 'Utomhusbelysning vid lastkajen' }).click();
    await page.waitForURL(new RegExp(`/journeys/${journey.id}$`));
    const overrides = page.locator('.overrides');
    await overrides.waitFor();
    const line = await overrides.innerText();
    expect(line).toContain(`Flyttad förbi Behov utan: ${NEED_1}; ${NEED_2}.`);
    expect(line).toContain(`Skäl: ${reason}`);
    expect(await overrides.locator('q').innerText()).toBe(reason);
    expect(await currentStage(page)).toBe('Utforska');
    const moved = page.getByRole('list', { name: 'Händelser, senaste först' }).locator('.timeline-stage_changed');
    await moved.waitFor();
    expect(await moved.locator('q').innerText()).toBe(reason);
    errors.expectNone();
    await context.close();
  });
});
