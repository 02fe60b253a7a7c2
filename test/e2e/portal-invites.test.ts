/**
 * The buyer's room, the seller's side, in the browser (issue 7). An account
 * with two contacts and a journey owned by a seller are seeded through the
 * HTTP API; then, on the journey page, the seller:
 *
 * - invites one contact and sees the link once, as a full address, with a
 *   Copy button and the note that no mail is sent; the link opens the room
 *   (POST /api/portal/v1/sessions from the test);
 * - sees the invite pending, then, after the buyer opened it, used;
 * - revokes it after confirming: revoked, and the link is refused (410);
 * - after a reload the link is nowhere on the page.
 *
 * Another seller reads the list without the controls.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, expectAccessible, launchBrowser, type Person, plain, screenshot, startE2E } from './harness.ts';
import { watchPageErrors } from './page-errors.ts';


describe('portal invites', () => {
  let e: E2E;
  let browser: Browser;
  beforeAll(async () => {
    [e, browser] = await Promise.all([startE2E(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await e?.close();
  });

  const client = (who: Person) => e.api(who);

  /** Opens a magic link as the buyer would: the token is what follows /p/. */
  const redeem = (token: string) =>
    fetch(`${e.base}/api/portal/v1/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) });

  it('invites a contact, shows the link once, and revokes the invite', async () => {
    const seller = await e.person('seller', 'Sam Säljare');
    const api = await client(seller);
    const account = await api<{ id: string }>('POST', '/accounts', { kind: 'company', name: 'Rumsbolaget AB' });
    await api('POST', `/accounts/${account.id}/contacts`, { name: 'Karin Köpare', email: 'karin@rumsbolaget.example', title: 'Inköpschef', buyingRole: 'decision_maker' });
    await api('POST', `/accounts/${account.id}/contacts`, { name: 'Olle Ekonom', email: 'olle@rumsbolaget.example' });
    const journey = await api<{ id: string }>('POST', '/journeys', { accountId: account.id, title: 'Rumsresan' });

    const { context, page } = await e.signedIn(browser, seller, 'sv');
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: e.base });
    const errors = watchPageErrors(page);
    await page.goto(`${e.base}/journeys/${journey.id}`);
    await page.getByRole('heading', { level: 1, name: 'Rumsresan' }).waitFor();
    const panel = page.getByRole('region', { name: 'Köparens rum', exact: true });
    await panel.getByText('Ingen är inbjuden än.').waitFor();

    // Invite Karin: the link, once, as a full address.
    const form = panel.getByRole('form', { name: 'Bjud in en kontakt', exact: true });
    await form.getByLabel('Kontakt', { exact: true }).selectOption({ label: 'Karin Köpare (Inköpschef)' });
    await form.getByRole('button', { name: 'Bjud in', exact: true }).click();
    const box = panel.getByRole('region', { name: 'Länk till rummet för Karin Köpare', exact: true });
    await box.waitFor();
    const field = box.getByLabel('Inbjudningslänk', { exact: true });
    const link = await field.inputValue();
    expect(link.startsWith(`${e.base}/p/`)).toBe(true);
    expect(link).toMatch(/\/p\/[\w.-]+$/);
    expect(await field.getAttribute('readonly')).not.toBeNull();
    const in30 = new Intl.DateTimeFormat('sv-SE', { dateStyle: 'medium' }).format(new Date(Date.now() + 30 * 86_400_000));
    expect(plain(await box.locator('.portal-link-note').innerText())).toBe(`E-post är avstängd på den här servern, så skicka länken själv till Karin Köpare. Den gäller till och med ${plain(in30)}.`);
    await box.getByRole('button', { name: 'Kopiera länk', exact: true }).click();
    await expect.poll(async () => plain(await box.getByRole('status').innerText())).toMatch(/^(Länken är kopierad\.|Det gick inte att kopiera automatiskt\..*)$/);

    // Listed as pending.
    const item = panel.getByRole('listitem', { name: 'Karin Köpare', exact: true });
    await expect.poll(async () => plain(await item.locator('.portal-invite-status').innerText())).toBe('○ Status: Väntar');
    expect(await panel.getByRole('listitem').count()).toBe(1);
    await expectAccessible(page, 'portal invite link');
    await panel.scrollIntoViewIfNeeded();
    await screenshot(page, 'portal-invites');

    // The buyer opens the link: the room lets them in.
    const token = link.slice(link.indexOf('/p/') + 3);
    const opened = await redeem(token);
    expect(opened.status, await opened.clone().text()).toBe(201);

    // After a reload: used, and the link is gone from the page.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Rumsresan' }).waitFor();
    await expect.poll(async () => plain(await item.locator('.portal-invite-status').innerText())).toBe('✓ Status: Använd');
    expect(plain(await item.locator('.portal-invite-facts').innerText())).toContain('Använd första gången:');
    expect(await panel.getByLabel('Inbjudningslänk').count()).toBe(0);
    expect(await page.content()).not.toContain(token);

    // Revoke, after confirming; Cancel first leaves it be.
    await item.getByRole('button', { name: 'Återkalla: Karin Köpare', exact: true }).click();
    const confirm = item.getByRole('group', { name: 'Återkalla inbjudan till Karin Köpare?', exact: true });
    await confirm.getByRole('button', { name: 'Avbryt', exact: true }).click();
    await confirm.waitFor({ state: 'detached' });
    expect(plain(await item.locator('.portal-invite-status').innerText())).toBe('✓ Status: Använd');
    await item.getByRole('button', { name: 'Återkalla: Karin Köpare', exact: true }).click();
    await confirm.getByRole('button', { name: 'Ja, återkalla', exact: true }).click();
    await expect.poll(async () => plain(await item.locator('.portal-invite-status').innerText())).toBe('✕ Status: Återkallad');
    expect(await item.getByRole('button', { name: /Återkalla/ }).count()).toBe(0);
    const refused = await redeem(token);
    expect(refused.status).toBe(410);

    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Rumsresan' }).waitFor();
    await expect.poll(async () => plain(await item.locator('.portal-invite-status').innerText())).toBe('✕ Status: Återkallad');
    expect(await page.content()).not.toContain(token);
    await expectAccessible(page, 'portal invites');
    errors.expectNone();
    await context.close();

    // Another seller reads the list, without the controls.
    const other = await e.person('seller', 'Otto Annan');
    const view = await e.signedIn(browser, other, 'en');
    await view.page.goto(`${e.base}/journeys/${journey.id}`);
    await view.page.getByRole('heading', { level: 1, name: 'Rumsresan' }).waitFor();
    const theirs = view.page.getByRole('region', { name: "Buyer's room", exact: true });
    const row = theirs.getByRole('listitem', { name: 'Karin Köpare', exact: true });
    await expect.poll(async () => plain(await row.locator('.portal-invite-status').innerText())).toBe('✕ Status: Revoked');
    expect(await theirs.getByRole('form').count()).toBe(0);
    expect(await theirs.getByRole('button').count()).toBe(0);
    await view.context.close();
  });
});
