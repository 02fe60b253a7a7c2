/**
 * Pricing in the browser (issue 6): the New Year's Eve story. Each test has an
 * org of its own with a 100 kr product, seeded through the use cases:
 *
 * - an admin adds the New Year's Eve demand rule (31 Dec 22:00 – 1 Jan 04:00,
 *   ×3) through the form, after a clear error for an end before the start;
 * - the simulator at 22:30 that night shows 200 kr for a new customer, 150 kr
 *   regular, 125 kr loyal, 100 kr champion side by side, with the server's
 *   reasons word for word (in Swedish, and one in English), consent for the new
 *   customer only, and the price for an account found by name;
 * - a cap changed in the pricing policy moves the simulator; a policy the
 *   server refuses is said at its field;
 * - a seller reads the rules and uses the simulator without edit controls.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../src/app/accounts.ts';
import { createPriceRule, getPricingPolicy, listPriceRules } from '../../src/app/pricing.ts';
import { createProduct } from '../../src/app/products.ts';
import { type E2E, expectAccessible, launchBrowser, plain, screenshot, startE2E } from './harness.ts';
import { watchPageErrors } from './page-errors.ts';

/** Intl puts no-break spaces in "200,00 kr" and "+200 %"; compare as typed. */
const NYE = { from: '2026-12-31T22:00', to: '2027-01-01T04:00' };
const AT = '2026-12-31T22:30';
const DEMAND_SV = 'På grund av efterfrågan (Nyårsafton): +200 %';

describe('pricing', () => {
  let e: E2E;
  let browser: Browser;
  beforeAll(async () => {
    [e, browser] = await Promise.all([startE2E(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await e?.close();
  });

  /** A new org with its admin, a 100 kr ride, and a way to add its people. */
  async function newOrg(name: string) {
    const { admin, person } = await e.newOrg(name, 'Pia Admin');
    const ride = await createProduct(e.ctx, admin.actor, { sku: 'RESA-1', name: { sv: 'Resa till stan', en: 'Ride to town' }, listPriceMinor: 10_000 });
    return { admin, person, ride };
  }

  /** What the page says about a field: its error and hint, through aria-describedby. */
  const describedBy = async (page: Page, field: ReturnType<Page['getByLabel']>) =>
    plain((await Promise.all((await field.getAttribute('aria-describedby'))!.split(' ').map((id) => page.locator(`[id="${id}"]`).innerText()))).join(' '));
  const cellTexts = async (page: Page, selector: string) => (await page.locator(selector).allInnerTexts()).map(plain);
  /** The by-tier table: one row's cells, a column per tier. */
  const tierRow = (page: Page, row: string) => cellTexts(page, `table.tiers tbody tr.${row} td`);

  it("an admin adds the New Year's Eve rule; the simulator shows each tier's price and reasons side by side; a cap changed in settings follows", async () => {
    const org = await newOrg('Nyårsresor AB');
    await createAccount(e.ctx, org.admin.actor, { kind: 'company', name: 'Nykund Taxi AB' });
    const { context, page } = await e.signedIn(browser, org.admin, 'sv');
    const errors = watchPageErrors(page);
    await page.goto(`${e.base}/today`);
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Priser', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Priser' }).waitFor();
    expect(plain(await page.locator('.rules-demand .empty').innerText())).toBe('Inga efterfrågeregler.');

    // The rule through its form: an end before the start first, said at the end.
    const add = page.getByRole('button', { name: 'Ny efterfrågeregel', exact: true });
    await add.click();
    const form = page.getByRole('form', { name: 'Ny efterfrågeregel', exact: true });
    await form.getByLabel('Orsak på svenska').fill('Nyårsafton');
    await form.getByLabel('Orsak på engelska').fill("New Year's Eve");
    expect(await form.getByLabel('En gång, från–till').isChecked()).toBe(true);
    await form.getByLabel('Från', { exact: true }).fill(NYE.from);
    const to = form.getByLabel('Till', { exact: true });
    await to.fill('2026-12-31T04:00');
    await form.getByLabel('Gånger listpriset').fill('3');
    await form.getByRole('button', { name: 'Lägg till regeln', exact: true }).click();
    await expect.poll(() => to.getAttribute('aria-invalid')).toBe('true');
    expect(await describedBy(page, to)).toBe('Slutet måste vara efter början. Regeln gäller till hit, inte längre.');
    expect(await to.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await form.getByRole('alert').innerText()).toBe('Kontrollera de markerade fälten.');
    expect((await listPriceRules(e.ctx, org.admin.actor, {})).items).toHaveLength(0);

    await to.fill(NYE.to);
    await form.getByRole('button', { name: 'Lägg till regeln', exact: true }).click();
    await form.waitFor({ state: 'detached' });
    expect(await page.locator('.said').innerText()).toBe('Regeln ”Nyårsafton” är tillagd.');
    await expect.poll(() => add.evaluate((el) => el === document.activeElement)).toBe(true);
    const rules = (await listPriceRules(e.ctx, org.admin.actor, {})).items;
    expect(rules).toMatchObject([{ kind: 'demand', active: true, multiplier: 3, window: { type: 'absolute', ...NYE }, productIds: null, reason: { sv: 'Nyårsafton', en: "New Year's Eve" } }]);
    const row = page.locator('.rules-demand table.rules tbody tr').first();
    expect(await cellTexts(page, '.rules-demand table.rules tbody tr:first-child td')).toEqual([
      "Nyårsafton på grund av efterfrågan New Year's Eve",
      '31 dec. 2026 22:00 – 1 jan. 2027 04:00',
      '×3',
      'Alla produkter',
      'Aktiv',
      'Ändra Nyårsafton Gör inaktiv Nyårsafton Ta bort Nyårsafton',
    ]);
    expect(await row.getByRole('button').count()).toBe(3);

    // A weekly rule added through the API reads in words; deactivating and deleting it in the page.
    await createPriceRule(e.ctx, org.admin.actor, { kind: 'demand', reason: { sv: 'Fredagskväll', en: 'Friday night' }, window: { type: 'weekly', weekday: 5, start: '22:00', end: '03:00' }, multiplier: 1.5, productIds: [org.ride.id] });
    await page.reload();
    const friday = page.locator('.rules-demand table.rules tbody tr').filter({ hasText: 'Fredagskväll' });
    await expect.poll(async () => (await friday.locator('td').allInnerTexts()).map(plain).slice(1, 5)).toEqual(['fredagar 22:00–03:00', '×1,5', 'Resa till stan', 'Aktiv']);
    await page.getByRole('button', { name: 'Gör inaktiv Fredagskväll', exact: true }).click();
    await expect.poll(async () => plain(await friday.locator('td').nth(4).innerText())).toBe('Inaktiv');
    await page.getByRole('button', { name: 'Ta bort Fredagskväll', exact: true }).click();
    const confirm = page.getByRole('group', { name: 'Ta bort regeln Fredagskväll' });
    expect(plain(await confirm.innerText())).toBe('Ta bort regeln? Ja, ta bort Avbryt');
    await confirm.getByRole('button', { name: 'Ja, ta bort', exact: true }).click();
    await expect.poll(() => friday.count()).toBe(0);
    expect(await page.locator('.said').innerText()).toBe('Regeln ”Fredagskväll” är borttagen.');
    expect((await listPriceRules(e.ctx, org.admin.actor, {})).items).toHaveLength(1);
    await expectAccessible(page, 'pricing rules');
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'pricing-rules');

    // The simulator, at 22:30 on New Year's Eve, for a new customer and each tier beside.
    await page.getByRole('link', { name: 'Prissimulator', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Prissimulator' }).waitFor();
    expect(await page.getByLabel('Nivå', { exact: true }).inputValue()).toBe('new');
    expect(await page.getByLabel('Produkt', { exact: true }).inputValue()).toBe(org.ride.id);
    await page.getByLabel('Tidpunkt', { exact: true }).fill(AT);
    await page.waitForURL(/at=2026-12-31T22%3A30/);
    const final = page.getByTestId('final-price');
    await expect.poll(async () => plain(await final.innerText())).toBe('200,00 kr');
    expect(await cellTexts(page, 'table.reasons tr')).toEqual([
      'Referenspris (listpriset) 100,00 kr',
      'Listpris 100,00 kr',
      `${DEMAND_SV} +200,00 kr`,
      'Högst 2 × listpriset som ny kund −100,00 kr',
      'Begränsat av Nivåns tak',
      'Pris per enhet 200,00 kr',
    ]);
    expect(plain(await page.locator('.explanation .consent').innerText())).toBe('Köparen måste samtycka: skriva 2,0 innan hen godkänner.');
    expect(await cellTexts(page, 'table.tiers thead th[data-tier]')).toEqual(['Ny', 'Tillfällig', 'Återkommande', 'I riskzonen', 'Lojal', 'Toppkund']);
    expect(await tierRow(page, 'price')).toEqual(['200,00 kr', '200,00 kr', '150,00 kr', '125,00 kr', '125,00 kr', '100,00 kr']);
    expect(await tierRow(page, 'reasons')).toEqual([
      `${DEMAND_SV} +200,00 kr Högst 2 × listpriset som ny kund −100,00 kr`,
      `${DEMAND_SV} +200,00 kr Högst 2 × listpriset som tillfällig kund −100,00 kr`,
      `${DEMAND_SV} +200,00 kr Högst 1,5 × listpriset som återkommande kund −150,00 kr`,
      `${DEMAND_SV} +200,00 kr Högst 1,25 × listpriset som uppskattad kund −175,00 kr`,
      `${DEMAND_SV} +200,00 kr Högst 1,25 × listpriset som lojal kund −175,00 kr`,
      `${DEMAND_SV} +200,00 kr Högst listpriset som toppkund −200,00 kr`,
    ]);
    expect(await tierRow(page, 'consent-row')).toEqual(['Samtycke: 2,0', 'Samtycke: 2,0', 'Inget samtycke behövs.', 'Inget samtycke behövs.', 'Inget samtycke behövs.', 'Inget samtycke behövs.']);

    // A loyal customer's own view: their column is the one picked.
    await page.getByLabel('Nivå', { exact: true }).selectOption({ label: 'Lojal' });
    await expect.poll(async () => plain(await final.innerText())).toBe('125,00 kr');
    expect(plain(await page.locator('.explanation .consent').innerText())).toBe('Inget samtycke behövs.');
    expect(await cellTexts(page, 'table.tiers thead th.this-tier')).toEqual(['Lojal']);

    // An account found by name: a new account pays what a new customer pays.
    await page.getByLabel('Ett konto', { exact: true }).check();
    expect(plain(await page.locator('.simulation-wait').innerText())).toBe('Välj ett konto för att se dess pris.');
    await page.getByLabel('Sök konto', { exact: true }).fill('Nykund');
    await page.getByRole('list', { name: 'Konton som passar' }).getByRole('button', { name: /Nykund Taxi AB/ }).click();
    await page.getByRole('button', { name: 'Byt konto Nykund Taxi AB', exact: true }).waitFor();
    await expect.poll(async () => plain(await page.locator('#explanation-title').innerText())).toBe('Pris för Nykund Taxi AB Lojalitetsnivå: Ny');
    await expect.poll(async () => plain(await final.innerText())).toBe('200,00 kr');
    await expectAccessible(page, 'price simulator');
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'price-simulator');
    const simulatorUrl = `${e.base}/pricing/simulator?at=${encodeURIComponent(AT)}`;

    // The policy in settings: a refused value at its field, then the loyal cap at 1,1.
    await page.goto(`${e.base}/settings`);
    const policy = page.getByRole('form', { name: 'Prispolicy', exact: true });
    await policy.waitFor();
    const loyal = policy.getByLabel('Tak för Lojal', { exact: true });
    expect(await loyal.inputValue()).toBe('1,25');
    expect(await policy.getByLabel('Tak för Toppkund', { exact: true }).inputValue()).toBe('1');
    expect(plain(await policy.locator('.zone').innerText())).toBe('Tidszon: Europe/Stockholm Reglernas tider läses i organisationens tidszon.');
    expect(plain(await policy.locator('#emergency-hint').innerText())).toBe('Inget pris över det högsta av de senaste 60 dagarna, när de tre högsta lämnas utanför.');
    const ceiling = policy.getByLabel('Tak för alla', { exact: true });
    await ceiling.fill('0,5');
    await policy.getByRole('button', { name: 'Spara prispolicyn', exact: true }).click();
    await expect.poll(() => ceiling.getAttribute('aria-invalid')).toBe('true');
    expect(await describedBy(page, ceiling)).toBe('Måste vara minst 1 (1 × referenspriset). Inget pris passerar det, vilken nivå det än gäller.');
    await ceiling.fill('2');
    await loyal.fill('1,1');
    await policy.getByRole('button', { name: 'Spara prispolicyn', exact: true }).click();
    await expect.poll(() => policy.getByRole('status').innerText()).toBe('Prispolicyn är sparad.');
    expect((await getPricingPolicy(e.ctx, org.admin.actor)).caps.loyal).toBe(1.1);
    expect(await loyal.inputValue()).toBe('1,1');
    await expectAccessible(page, 'pricing settings');
    await policy.scrollIntoViewIfNeeded();
    await page.locator('#pricing').evaluate((el) => el.scrollIntoView());
    await screenshot(page, 'pricing-settings');

    await page.goto(simulatorUrl);
    await expect.poll(() => tierRow(page, 'price')).toEqual(['200,00 kr', '200,00 kr', '150,00 kr', '125,00 kr', '110,00 kr', '100,00 kr']);
    expect((await tierRow(page, 'reasons'))[4]).toBe(`${DEMAND_SV} +200,00 kr Högst 1,1 × listpriset som lojal kund −190,00 kr`);
    errors.expectNone();
    await context.close();

    // In English: the reason as the server words it in English.
    const en = await e.signedIn(browser, org.admin, 'en');
    await en.page.goto(simulatorUrl);
    await en.page.getByRole('heading', { level: 1, name: 'Price simulator' }).waitFor();
    await expect.poll(async () => plain(await en.page.getByTestId('final-price').innerText())).toBe('SEK 200.00');
    expect(await cellTexts(en.page, 'table.reasons tr.adjustment')).toEqual(["Due to demand (New Year's Eve): +200% +SEK 200.00", 'Capped at 2 × the list price as a new customer −SEK 100.00']);
    expect(plain(await en.page.locator('.explanation .consent').innerText())).toBe('The buyer must consent: type 2.0 before accepting.');
    await en.page.goto(`${e.base}/pricing`);
    await expect.poll(() => cellTexts(en.page, '.rules-demand table.rules tbody tr:first-child td').then((c) => c.slice(0, 2))).toEqual([
      "New Year's Eve due to demand Nyårsafton",
      '31 Dec 2026, 22:00 – 1 Jan 2027, 04:00',
    ]);
    await en.context.close();
  });

  it('a manager adds a cost rule and a discount through their forms and edits the demand rule; the simulator follows', async () => {
    const org = await newOrg('Chefsresor AB');
    await createPriceRule(e.ctx, org.admin.actor, { kind: 'demand', reason: { sv: 'Nyårsafton', en: "New Year's Eve" }, window: { type: 'absolute', ...NYE }, multiplier: 3 });
    const manager = await org.person('manager', 'Mats Chef');
    const { context, page } = await e.signedIn(browser, manager, 'sv');
    const errors = watchPageErrors(page);
    await page.goto(`${e.base}/pricing`);
    await page.locator('table.rules').first().waitFor();

    // A cost increase of 8 %, passed on from New Year's Day.
    await page.getByRole('button', { name: 'Ny kostnadsregel', exact: true }).click();
    const cost = page.getByRole('form', { name: 'Ny kostnadsregel', exact: true });
    await cost.getByLabel('Orsak på svenska').fill('Dyrare bränsle');
    await cost.getByLabel('Orsak på engelska').fill('Dearer fuel');
    expect(await cost.getByLabel('Produkt', { exact: true }).inputValue()).toBe(org.ride.id);
    await cost.getByLabel('Från', { exact: true }).fill('2027-01-01T00:00');
    await cost.getByLabel('Ökning i procent').fill('åtta');
    await cost.getByRole('button', { name: 'Lägg till regeln', exact: true }).click();
    const increase = cost.getByLabel('Ökning i procent');
    await expect.poll(() => increase.getAttribute('aria-invalid')).toBe('true');
    expect(await describedBy(page, increase)).toBe('Skriv ett tal, t.ex. 3 eller 1,25.');
    await increase.fill('8');
    await cost.getByRole('button', { name: 'Lägg till regeln', exact: true }).click();
    await cost.waitFor({ state: 'detached' });
    await expect.poll(() => cellTexts(page, '.rules-cost table.rules tbody tr td').then((c) => c.slice(0, 4))).toEqual([
      'Dyrare bränsle kostnadsökning som förs vidare Dearer fuel',
      'från 1 jan. 2027 00:00, tills vidare',
      '+8 %',
      'Resa till stan',
    ]);

    // A discount for loyal customers: no tier ticked first, said by the server at the tiers.
    await page.getByRole('button', { name: 'Ny rabatt', exact: true }).click();
    const discount = page.getByRole('form', { name: 'Ny rabatt', exact: true });
    await discount.getByLabel('Orsak på svenska').fill('Tack för att du stannar');
    await discount.getByLabel('Orsak på engelska').fill('Thanks for staying');
    await discount.getByLabel('Rabatt i procent').fill('10');
    await discount.getByRole('button', { name: 'Lägg till regeln', exact: true }).click();
    await expect.poll(() => discount.locator('.tier-checks .field-error').innerText().catch(() => '')).toBe('Måste ange minst en nivå.');
    await discount.locator('.tier-checks label').filter({ hasText: 'Lojal' }).getByRole('checkbox').check();
    await discount.getByRole('button', { name: 'Lägg till regeln', exact: true }).click();
    await discount.waitFor({ state: 'detached' });
    await expect.poll(() => cellTexts(page, '.rules-discount table.rules tbody tr td').then((c) => c.slice(1, 4))).toEqual(['Lojal', '−10 %', 'Alla produkter']);

    // The demand rule edited: ×2 instead of ×3, for the ride only.
    await page.getByRole('button', { name: 'Ändra Nyårsafton', exact: true }).click();
    const edit = page.getByRole('form', { name: 'Ändra efterfrågeregeln', exact: true });
    expect(await edit.getByLabel('Från', { exact: true }).inputValue()).toBe(NYE.from);
    expect(await edit.getByLabel('Gånger listpriset').inputValue()).toBe('3');
    await edit.getByLabel('Gånger listpriset').fill('2');
    await edit.getByLabel('Alla produkter').uncheck();
    await edit.getByLabel(/Resa till stan/).check();
    await edit.getByRole('button', { name: 'Spara', exact: true }).click();
    await edit.waitFor({ state: 'detached' });
    await expect.poll(() => cellTexts(page, '.rules-demand table.rules tbody tr td').then((c) => c.slice(2, 4))).toEqual(['×2', 'Resa till stan']);
    expect(await page.locator('.said').innerText()).toBe('Regeln ”Nyårsafton” är sparad.');
    await expectAccessible(page, 'pricing rules of each kind');

    // 100 kr + 8 kr cost + 100 kr demand = 208 kr, capped; the loyal discount after the cap.
    await page.goto(`${e.base}/pricing/simulator?at=${encodeURIComponent('2027-01-01T01:00')}`);
    await expect.poll(() => tierRow(page, 'price')).toEqual(['200,00 kr', '200,00 kr', '150,00 kr', '125,00 kr', '112,50 kr', '100,00 kr']);
    errors.expectNone();
    await context.close();
  });

  it('a seller reads the rules and uses the simulator, without edit controls', async () => {
    const org = await newOrg('Säljresor AB');
    await createPriceRule(e.ctx, org.admin.actor, { kind: 'demand', reason: { sv: 'Nyårsafton', en: "New Year's Eve" }, window: { type: 'absolute', ...NYE }, multiplier: 3 });
    await createPriceRule(e.ctx, org.admin.actor, { kind: 'cost', reason: { sv: 'Dyrare bränsle', en: 'Dearer fuel' }, productId: org.ride.id, from: '2026-01-01T00:00', increase: { percent: 8 } });
    await createPriceRule(e.ctx, org.admin.actor, { kind: 'discount', reason: { sv: 'Tack för att du stannar', en: 'Thanks for staying' }, percent: 10, by: 'tier', tiers: ['loyal', 'champion'] });
    const seller = await org.person('seller', 'Sara Säljare');
    const { context, page } = await e.signedIn(browser, seller, 'sv');
    const errors = watchPageErrors(page);
    await page.goto(`${e.base}/pricing`);
    await page.getByRole('heading', { level: 1, name: 'Priser' }).waitFor();
    await page.locator('table.rules').first().waitFor();
    expect(plain(await page.locator('.read-only').innerText())).toBe('Administratörer och försäljningschefer ändrar reglerna; du kan se dem.');
    for (const name of ['Ny efterfrågeregel', 'Ny kostnadsregel', 'Ny rabatt']) expect(await page.getByRole('button', { name }).count()).toBe(0);
    expect(await page.locator('table.rules button').count()).toBe(0);
    expect((await cellTexts(page, '.rules-cost table.rules tbody tr td')).slice(0, 5)).toEqual([
      'Dyrare bränsle kostnadsökning som förs vidare Dearer fuel',
      'från 1 jan. 2026 00:00, tills vidare',
      '+8 %',
      'Resa till stan',
      'Aktiv',
    ]);
    expect((await cellTexts(page, '.rules-discount table.rules tbody tr td')).slice(0, 4)).toEqual(['Tack för att du stannar rabatt Thanks for staying', 'Lojal Toppkund', '−10 %', 'Alla produkter']);
    expect(await page.getByRole('link', { name: 'Ändra prispolicyn' }).count()).toBe(0);
    await expectAccessible(page, 'pricing as a seller');

    // The simulator works for a seller too: cost and demand never compound; the loyal discount comes after the cap.
    await page.getByRole('link', { name: 'Prissimulator', exact: true }).click();
    await page.getByLabel('Tidpunkt', { exact: true }).fill(AT);
    await expect.poll(() => tierRow(page, 'price')).toEqual(['200,00 kr', '200,00 kr', '150,00 kr', '125,00 kr', '112,50 kr', '90,00 kr']);
    errors.expectNone();
    await context.close();
  });
});
