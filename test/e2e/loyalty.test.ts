/**
 * Loyalty in the browser. Each test has an org of its own (tiers are ranks
 * among an org's accounts, so one test's accounts would move another's), seeded
 * through the use cases with orders dated from today in the org's calendar:
 *
 * - the account page says the tier and why, with R/F/M/T and their scores; an
 *   order added in the orders panel moves the tier, and the badge, the
 *   explanation and the history follow without a reload; in English too;
 * - the Loyalty page counts the accounts per tier (each a link to the list),
 *   lists the champions and loyal accounts who are drifting away (each a link
 *   to the account), and a manager recomputes;
 * - the accounts list narrows to one tier; the tier shows on board cards,
 *   Today's items and the journey page;
 * - an admin changes the thresholds: a score out of range is said beside its
 *   field, a good change recomputes the tiers.
 */
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, listAccounts } from '../../src/app/accounts.ts';
import type { Actor } from '../../src/app/context.ts';
import { createJourney } from '../../src/app/journeys.ts';
import { loyaltySummary, recomputeLoyalty } from '../../src/app/loyalty.ts';
import { createOrder } from '../../src/app/orders.ts';
import { addPlanStep } from '../../src/app/plan.ts';
import { type E2E, expectAccessible, launchBrowser, plain, RESULTS, screenshot, startE2E } from './harness.ts';
import { texts, watchPageErrors } from './page-errors.ts';

/** Intl puts no-break spaces in "2 000 kr" and "41 %"; compare as typed. */

/** Today in the org's calendar (Europe/Stockholm, the default), and days before it, as YYYY-MM-DD. */
const today = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());
const ago = (days: number) => new Date(Date.parse(`${today()}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
const percentSv = (p: number) => plain(new Intl.NumberFormat('sv-SE', { style: 'percent', maximumFractionDigits: 0 }).format(p));

const TIER_SV: Record<string, string> = { champion: 'Toppkund', at_risk: 'I riskzonen', loyal: 'Lojal', regular: 'Återkommande', occasional: 'Tillfällig', new: 'Ny' };

/**
 * Nine accounts whose order counts (1, 1, 1, 2, 2, 3, 3, 4, 5; 5 000 kr each,
 * none in the last month) spread F over the quintiles, so that with Ekbacken
 * (1 000 kr orders, 400 and 200 days ago: F = 2 of the ten scores 2) Ekbacken is
 * Regular, and with one more order today (F = 3 scores 3, customer for more
 * than a year, bought today) Loyal. The three- to five-order accounts last
 * bought long ago: At risk.
 */
const OTHERS: [name: string, orders: number][] = [
  ['Almgrens Måleri AB', 1],
  ['Björkviks Bageri AB', 1],
  ['Dalbo El AB', 1],
  ['Forsens Fisk AB', 2],
  ['Granlunds Glas AB', 2],
  ['Hagaby Hus AB', 3],
  ['Istorps Is AB', 3],
  ['Järnbrons Smide AB', 4],
  ['Kvarnby Kakel AB', 5],
];

describe('loyalty', () => {
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
    const { admin, person } = await e.newOrg(name, 'Lova Admin');
    return { admin, person };
  }

  /** The ten accounts above and one without orders; Ekbacken gets its order of today when `withToday`. */
  async function seedTiers(actor: Actor, withToday: boolean) {
    for (const [i, [name, n]] of OTHERS.entries()) {
      const a = await createAccount(e.ctx, actor, { kind: 'company', name });
      for (let k = 0; k < n; k++) await createOrder(e.ctx, actor, { accountId: a.id, orderedAt: ago(30 + i * 40 + k * 60), amountMinor: 500_000 });
    }
    await createAccount(e.ctx, actor, { kind: 'company', name: 'Nykomling AB' });
    const ekbacken = await createAccount(e.ctx, actor, { kind: 'company', name: 'Ekbacken Trä AB' });
    for (const d of [400, 200]) await createOrder(e.ctx, actor, { accountId: ekbacken.id, orderedAt: ago(d), amountMinor: 100_000, product: 'Virke' });
    if (withToday) await createOrder(e.ctx, actor, { accountId: ekbacken.id, orderedAt: today(), amountMinor: 100_000, product: 'Virke' });
    return ekbacken;
  }

  /** The rows of the R/F/M/T table: measure, value, score. */
  async function rfmt(page: Page): Promise<string[][]> {
    const rows = page.locator('.loyalty table.rfmt tbody tr');
    const out: string[][] = [];
    for (let i = 0; i < (await rows.count()); i++) out.push((await rows.nth(i).locator('th, td').allInnerTexts()).map(plain));
    return out;
  }

  it('the account page says the tier and why, and an order added there moves it', async () => {
    const org = await newOrg('Lojalitet Ett AB');
    const seller = await org.person('seller', 'Sam Säljare');
    const ekbacken = await seedTiers(seller.actor, false);
    const since = ago(400).slice(0, 4);

    const { context, page } = await e.signedIn(browser, seller, 'sv');
    const errors = watchPageErrors(page);
    await page.goto(`${e.base}/accounts/${ekbacken.id}`);
    await page.getByRole('heading', { level: 1, name: 'Ekbacken Trä AB' }).waitFor();
    const panel = page.getByRole('region', { name: 'Lojalitet', exact: true });
    const explanation = panel.locator('.loyalty-explanation');
    await explanation.waitFor();

    // The header and the panel name the tier in words; the panel says why.
    expect(plain(await page.locator('.account-head [data-tier]').innerText())).toBe('Återkommande');
    expect(plain(await panel.locator('.section-head [data-tier]').innerText())).toBe('Lojalitetsnivå: Återkommande');
    expect(await explanation.innerText()).toBe(`2 köp på 24 månader, senast för 200 dagar sedan, kund sedan ${since}.`);
    const before = await rfmt(page);
    expect(before.map((r) => r[0])).toEqual(['R Senaste köp', 'F Köp på 24 månader', 'M Belopp på 24 månader', 'T Kund sedan']);
    expect(before[0]![1]).toMatch(/^för 200 dagar sedan \(.+\)$/);
    expect(before.slice(1, 3).map((r) => r[1])).toEqual(['2 köp', '2 000 kr']);
    expect(before[3]![1]).toMatch(/\(400 dagar\)$/);
    expect(before.map((r) => r[2])).toEqual(['3 av 5', '2 av 5', '1 av 5', 'ingen poäng']);

    // Two small charts, each an image with a name and a description in words; two months had orders.
    const bars = panel.getByRole('img', { name: 'Köp per månad', exact: true });
    expect(await bars.getAttribute('aria-describedby')).toBeTruthy();
    expect(await page.locator(`[id="${await bars.getAttribute('aria-describedby')}"]`).textContent()).toMatch(/2 köp sammanlagt, som mest 1 på en månad\.$/);
    expect(await panel.locator('.chart-orders .bar').count()).toBe(2);
    // The figures behind them, as a table on request.
    await panel.getByText('Visa siffrorna som tabell', { exact: true }).click();
    const monthRows = panel.getByRole('table', { name: 'Köp och sannolikhet per månad' }).locator('tbody tr');
    expect(await monthRows.count()).toBe(36);
    await expectAccessible(page, 'account loyalty');

    // An order of today, added as a seller would: Ekbacken becomes Loyal, and the page says so at once.
    const orders = page.getByRole('region', { name: 'Köp', exact: true });
    await orders.getByRole('button', { name: 'Lägg till köp', exact: true }).click();
    const form = orders.getByRole('form', { name: 'Nytt köp', exact: true });
    await form.getByLabel('Datum', { exact: true }).fill(today());
    await form.getByLabel('Produkt').fill('Virke');
    await form.getByLabel('Belopp').fill('1 000');
    await form.getByRole('button', { name: 'Lägg till köpet', exact: true }).click();
    await form.waitFor({ state: 'detached' });

    await expect.poll(() => explanation.innerText()).toBe(`3 köp på 24 månader, senast i dag, kund sedan ${since}.`);
    await expect.poll(() => page.locator('.account-head [data-tier]').innerText()).toBe('Lojal');
    expect(plain(await panel.locator('.section-head [data-tier]').innerText())).toBe('Lojalitetsnivå: Lojal');
    expect(await panel.getByRole('status').innerText()).toBe('Från Återkommande till Lojal');
    const after = await rfmt(page);
    expect(after.map((r) => r[1]).slice(1, 3)).toEqual(['3 köp', '3 000 kr']);
    expect(after[0]![1]).toMatch(/^i dag \(/);
    expect(after.map((r) => r[2])).toEqual(['5 av 5', '3 av 5', '1 av 5', 'ingen poäng']);
    expect(await panel.locator('.chart-orders .bar').count()).toBe(3);
    // The newest change first: from Regular to Loyal, because an order changed.
    const latest = panel.locator('.tier-history li').first();
    expect(await latest.locator('.visually-hidden').innerText()).toBe('Från Återkommande till Lojal');
    expect(await latest.locator('.move-badges').innerText()).toMatch(/^Återkommande\s*→\s*Lojal$/);
    expect(await latest.locator('.when').innerText()).toMatch(/, efter ett ändrat köp$/);

    await panel.scrollIntoViewIfNeeded();
    await screenshot(page, 'account-loyalty');
    await panel.screenshot({ path: path.join(RESULTS, 'account-loyalty-panel.png') });
    errors.expectNone();
    await context.close();

    // In English, the explanation and the tier are English.
    const en = await e.signedIn(browser, seller, 'en');
    await en.page.goto(`${e.base}/accounts/${ekbacken.id}`);
    const enPanel = en.page.getByRole('region', { name: 'Loyalty', exact: true });
    await expect.poll(() => enPanel.locator('.loyalty-explanation').innerText().catch(() => '')).toBe(`3 orders in 24 months, the last today, customer since ${since}.`);
    expect(await en.page.locator('.account-head [data-tier]').innerText()).toBe('Loyal');
    await en.context.close();
  });

  it('the Loyalty page counts the tiers, lists who is drifting away, and a manager recomputes', async () => {
    const org = await newOrg('Lojalitet Två AB');
    const admin = org.admin.actor;
    // Forty accounts with histories of their own (a fixed pseudo-random sequence), enough for the model to fit.
    let seed = 7;
    const rnd = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    for (let i = 0; i < 40; i++) {
      const a = await createAccount(e.ctx, admin, { kind: 'company', name: `Kund ${String(i + 1).padStart(2, '0')} AB` });
      const first = 120 + Math.floor(rnd() * 600);
      const gap = 15 + Math.floor(rnd() * 150);
      const life = Math.floor(rnd() * first);
      for (let d = first; d >= Math.max(0, first - life); d -= gap + Math.floor(rnd() * gap)) {
        await createOrder(e.ctx, admin, { accountId: a.id, orderedAt: ago(d), amountMinor: 50_000 + Math.floor(rnd() * 10) * 50_000 });
      }
    }
    // A champion who bought every three weeks for a year and a quarter, and then stopped 100 days ago.
    const drifting = await createAccount(e.ctx, admin, { kind: 'company', name: 'Fjällräven Bygg AB' });
    for (let d = 520; d >= 100; d -= 21) await createOrder(e.ctx, admin, { accountId: drifting.id, orderedAt: ago(d), amountMinor: 400_000 });
    for (const name of ['Nya Tag AB', 'Östra Start AB']) await createAccount(e.ctx, admin, { kind: 'company', name });
    await recomputeLoyalty(e.ctx, admin);

    const manager = await org.person('manager', 'Maja Chef');
    const summary = await loyaltySummary(e.ctx, manager.actor, {});
    expect(summary.model?.customers).toBe(41);
    expect(summary.tiers.reduce((n, x) => n + x.accounts, 0)).toBe(43);
    expect(summary.tiers.find((x) => x.tier === 'new')?.accounts).toBe(2);
    const top = summary.falling[0]!;
    expect(top).toMatchObject({ name: 'Fjällräven Bygg AB', tier: 'champion' });

    const { context, page } = await e.signedIn(browser, manager, 'sv');
    const errors = watchPageErrors(page);
    await page.goto(`${e.base}/today`);
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Lojalitet', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Lojalitet' }).waitFor();

    // Accounts per tier: each tier a link with its count, in the rules' order.
    const tiers = page.getByRole('region', { name: 'Kunder per nivå' });
    await tiers.getByRole('list').waitFor();
    const expected = summary.tiers.map(({ tier, accounts }) => `${TIER_SV[tier]}: ${accounts} ${accounts === 1 ? 'kund' : 'kunder'}`);
    const links = await tiers.getByRole('link').evaluateAll((els) => els.map((el) => el.getAttribute('aria-label') ?? ''));
    expect(links.map(plain)).toEqual(expected);
    expect((await texts(page, '.tier-bars .count')).map(plain)).toEqual(summary.tiers.map(({ accounts }) => `${accounts} ${accounts === 1 ? 'kund' : 'kunder'}`));
    expect(plain(await page.locator('.model').innerText())).toContain('till köpen från 41 kunder.');

    // This quarter's moves: every account with orders got its first tier now.
    const moves = page.getByRole('region', { name: /^Byten av nivå/ });
    const moveRows = moves.locator('tbody tr');
    expect(await moveRows.count()).toBe(summary.moves.length);
    const move = summary.moves[0]!;
    expect(plain(await moveRows.first().innerText())).toBe(`${TIER_SV[move.from ?? 'new']} ${TIER_SV[move.to]} ${move.accounts}`);

    // Drifting away: the champion who stopped buying, first, with the fall in numbers.
    const falling = page.getByRole('region', { name: 'Trogna kunder som glider iväg' });
    const first = falling.locator('tbody tr').first();
    expect(await first.getByRole('link').innerText()).toBe('Fjällräven Bygg AB');
    expect(plain(await first.locator('[data-tier]').innerText())).toBe('Toppkund');
    const cells = (await first.locator('td').allInnerTexts()).map(plain);
    expect(cells[1]).toBe(percentSv(top.pAlive90));
    expect(cells[2]).toBe(`↓ ${percentSv(top.pAlive)}`);
    expect(top.pAlive90 - top.pAlive).toBeGreaterThanOrEqual(0.1);
    await expectAccessible(page, 'loyalty page');
    await screenshot(page, 'loyalty-page');

    // A tier's bar opens the accounts list narrowed to that tier.
    const champions = (await listAccounts(e.ctx, manager.actor, { tier: 'champion', limit: 50 })).items.map((a) => a.name);
    expect(champions).toContain('Fjällräven Bygg AB');
    await tiers.getByRole('link', { name: expected[0], exact: true }).click();
    await page.waitForURL(/\/accounts\?tier=champion$/);
    await expect.poll(() => texts(page, '.accounts-list .account-link')).toEqual(champions);
    expect(await page.getByLabel('Lojalitetsnivå').inputValue()).toBe('champion');

    // The drifting account links to its page, where the panel says the same numbers.
    await page.goBack();
    await falling.getByRole('link', { name: 'Fjällräven Bygg AB', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Fjällräven Bygg AB' }).waitFor();
    const panel = page.getByRole('region', { name: 'Lojalitet', exact: true });
    await panel.locator('.loyalty-odds').waitFor();
    const odds = plain(await panel.locator('.loyalty-odds').innerText());
    expect(odds).toContain(`Sannolikhet att kunden köper igen ${percentSv(top.pAlive)}`);
    expect(odds).toContain(`för 90 dagar sedan ${percentSv(top.pAlive90)}`);
    expect(odds).toMatch(/Väntade köp kommande 12 månader \d+(,\d)?/);
    const line = panel.getByRole('img', { name: 'Sannolikhet att kunden köper igen, per månad', exact: true });
    expect(plain((await page.locator(`[id="${await line.getAttribute('aria-describedby')}"]`).textContent()) ?? '')).toContain(`${percentSv(top.pAlive)} nu`);
    expect(await panel.locator('.chart-palive .line').count()).toBeGreaterThan(0);
    await panel.screenshot({ path: path.join(RESULTS, 'account-loyalty-drifting.png') });

    // Recompute now: busy while it runs, then what it did.
    await page.goBack();
    const recompute = page.getByRole('button', { name: 'Räkna om nu', exact: true });
    await recompute.click();
    await expect.poll(() => page.locator('.recompute [role="status"]').innerText()).toMatch(/^Klart: 41 kunder räknades om på \d+(,\d)? s, och 0 bytte nivå\.$/);
    expect(await recompute.evaluate((el) => el === document.activeElement)).toBe(true);
    errors.expectNone();
    await context.close();

    // A seller sees the page but not the button.
    const seller = await org.person('seller', 'Sixten Säljare');
    const asSeller = await e.signedIn(browser, seller, 'sv');
    await asSeller.page.goto(`${e.base}/loyalty`);
    await asSeller.page.locator('.tier-bars').waitFor();
    expect(await asSeller.page.getByRole('button', { name: 'Räkna om nu' }).count()).toBe(0);
    await asSeller.context.close();
  });

  it('the accounts list narrows to one tier, and board cards, Today and the journey page show the tier', async () => {
    const org = await newOrg('Lojalitet Tre AB');
    const ekbacken = await seedTiers(org.admin.actor, true);
    const journey = await createJourney(e.ctx, org.admin.actor, { accountId: ekbacken.id, title: 'Nytt lager', valueMinor: 120_000_00 }, 'sv');
    // A plan step overdue since yesterday puts the journey on its owner's Today.
    await addPlanStep(e.ctx, org.admin.actor, journey.id, { title: 'Skicka offert', owner: { userId: org.admin.actor.userId! }, dueDate: ago(1) });

    const { context, page } = await e.signedIn(browser, org.admin, 'sv');
    const errors = watchPageErrors(page);
    await page.goto(`${e.base}/accounts`);
    const names = () => texts(page, '.accounts-list .account-link');
    await expect.poll(names).toHaveLength(11);
    // Every row says its tier, in words.
    const tierOf = new Map((await page.locator('.accounts-list tbody tr').evaluateAll((rows) => rows.map((r) => [r.querySelector('.account-link')?.textContent ?? '', r.querySelector('[data-tier]')?.textContent ?? '']))) as [string, string][]);
    expect(tierOf.get('Ekbacken Trä AB')).toBe('Lojal');
    expect(tierOf.get('Nykomling AB')).toBe('Ny');
    expect(tierOf.get('Forsens Fisk AB')).toBe('Återkommande');
    expect(tierOf.get('Almgrens Måleri AB')).toBe('Tillfällig');
    expect(tierOf.get('Kvarnby Kakel AB')).toBe('I riskzonen');

    const select = page.getByLabel('Lojalitetsnivå');
    await select.selectOption({ label: 'I riskzonen' });
    await page.waitForURL(/\?tier=at_risk$/);
    await expect.poll(names).toEqual(['Hagaby Hus AB', 'Istorps Is AB', 'Järnbrons Smide AB', 'Kvarnby Kakel AB']);
    await expect.poll(() => page.locator('.accounts-page [role="status"]').innerText()).toBe('4 kunder i nivån I riskzonen visas.');
    await screenshot(page, 'accounts-by-tier');

    await select.selectOption({ label: 'Ny' });
    await expect.poll(names).toEqual(['Nykomling AB']);

    // With a search, both apply.
    await select.selectOption({ label: 'Lojal' });
    await page.getByLabel('Sök kund').fill('ek');
    await page.waitForURL(/tier=loyal.*q=ek|q=ek.*tier=loyal/);
    await expect.poll(names).toEqual(['Ekbacken Trä AB']);
    await select.selectOption({ label: 'Toppkund' });
    await expect.poll(() => page.locator('.accounts-list .empty').innerText().catch(() => '')).toBe('Ingen kund i nivån Toppkund heter något som börjar på ”ek”.');
    await expectAccessible(page, 'accounts by tier');

    await select.selectOption({ label: 'Alla nivåer' });
    await page.getByLabel('Sök kund').fill('');
    await expect.poll(names).toHaveLength(11);
    expect(page.url()).toMatch(/\/accounts$/);

    // The board's card, Today's item and the journey page name the account's tier.
    await page.goto(`${e.base}/board`);
    const card = page.locator('.jcard', { hasText: 'Nytt lager' });
    await card.waitFor();
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'board-tier');
    expect(plain(await card.locator('[data-tier]').innerText())).toBe('Lojalitetsnivå: Lojal');
    await expectAccessible(page, 'board with tiers');
    await page.goto(`${e.base}/today`);
    const item = page.locator('.titem', { hasText: 'Nytt lager' });
    await item.waitFor();
    expect(plain(await item.locator('[data-tier]').innerText())).toBe('Lojalitetsnivå: Lojal');
    await expectAccessible(page, 'today with tiers');
    await page.goto(`${e.base}/journeys/${journey.id}`);
    await page.getByRole('heading', { level: 1, name: 'Nytt lager' }).waitFor();
    expect(plain(await page.locator('.journey-account [data-tier]').innerText())).toBe('Lojalitetsnivå: Lojal');
    errors.expectNone();
    await context.close();
  });

  it('an admin changes the thresholds: a score out of range is said at its field, a good change recomputes', async () => {
    const org = await newOrg('Lojalitet Fyra AB');
    await seedTiers(org.admin.actor, true);
    const { context, page } = await e.signedIn(browser, org.admin, 'sv');
    const errors = watchPageErrors(page);
    await page.goto(`${e.base}/settings#loyalty`);
    const section = page.getByRole('region', { name: 'Lojalitetsnivåer' });
    const champion = section.getByRole('group', { name: 'Toppkund', exact: true });
    const lowest = champion.getByLabel('Lägsta poäng för R, F och M');
    await expect.poll(() => lowest.inputValue()).toBe('4');

    await lowest.fill('6');
    await section.getByRole('button', { name: 'Spara och räkna om', exact: true }).click();
    await expect.poll(() => lowest.getAttribute('aria-invalid')).toBe('true');
    const said = await Promise.all((await lowest.getAttribute('aria-describedby'))!.split(' ').map((id) => page.locator(`[id="${id}"]`).innerText()));
    expect(said.join(' ')).toMatch(/5/);
    expect(await section.getByRole('alert').innerText()).toBe('Kontrollera de markerade fälten.');
    expect(await lowest.inputValue()).toBe('6');
    await expectAccessible(page, 'loyalty settings');

    // Regular now needs an F score of 3: the two-order accounts drop to Occasional.
    await lowest.fill('4');
    await section.getByRole('group', { name: 'Återkommande', exact: true }).getByLabel('Poäng för F minst').fill('3');
    await section.getByRole('button', { name: 'Spara och räkna om', exact: true }).click();
    await expect.poll(() => section.getByRole('status').innerText()).toBe('Sparat. Alla kunders nivåer är omräknade.');
    expect(await lowest.getAttribute('aria-invalid')).toBe('false');
    await section.scrollIntoViewIfNeeded();
    await screenshot(page, 'loyalty-settings');

    await page.goto(`${e.base}/accounts?tier=regular`);
    await expect.poll(() => page.locator('.accounts-list .empty').innerText().catch(() => '')).toBe('Ingen kund är i nivån Återkommande.');
    await page.goto(`${e.base}/accounts?tier=occasional`);
    await expect.poll(() => texts(page, '.accounts-list .account-link')).toEqual(['Almgrens Måleri AB', 'Björkviks Bageri AB', 'Dalbo El AB', 'Forsens Fisk AB', 'Granlunds Glas AB']);
    errors.expectNone();
    await context.close();
  });
});
