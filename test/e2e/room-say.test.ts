/**
 * The buying group's say on the seller's journey page, in the browser
 * (issue 7). The seller has the journey open; a buyer, in the room through
 * the API with their portal cookie, says not yet (with why), records a
 * criterion and a concern, confirms a stage criterion, then says ready. Each
 * shows on the open page without a reload (the journey's live stream): "n of
 * m ready", the member's sign-off, reason, criteria and concerns, the
 * criterion "confirmed by" the buyer, and timeline entries marked as the
 * buyer's.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, expectAccessible, launchBrowser, plain, screenshot, startE2E } from './harness.ts';
import { watchPageErrors } from './page-errors.ts';

describe("the buying group's say on the journey page", () => {
  let e: E2E;
  let browser: Browser;
  beforeAll(async () => {
    [e, browser] = await Promise.all([startE2E(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await e?.close();
  });

  it('shows each buyer action live: sign-off with its reason, criteria, concerns, a confirmed criterion, and n of m ready', async () => {
    const seller = await e.person('seller', 'Sam Säljare');
    const api = await e.api(seller);
    const account = await api<{ id: string }>('POST', '/accounts', { kind: 'company', name: 'Beskedsbolaget AB' });
    const karin = await api<{ id: string }>('POST', `/accounts/${account.id}/contacts`, { name: 'Karin Köpare', title: 'Inköpschef', buyingRole: 'economic_buyer' });
    await api('POST', `/accounts/${account.id}/contacts`, { name: 'Per Tekniker' });
    const journey = await api<{ id: string }>('POST', '/journeys', { accountId: account.id, title: 'Beskedsresan' });
    const invite = await api<{ link: string }>('POST', `/journeys/${journey.id}/portal-invites`, { contactId: karin.id });
    /** The buyer, in the room. */
    const buyer = (await e.room(invite.link)).json;

    const { context, page } = await e.signedIn(browser, seller, 'sv');
    const errors = watchPageErrors(page);
    await page.goto(`${e.base}/journeys/${journey.id}`);
    await page.getByRole('heading', { level: 1, name: 'Beskedsresan' }).waitFor();
    const panel = page.getByRole('region', { name: 'Köpgruppens besked', exact: true });
    const badge = panel.locator('.section-head .badge').first();
    await expect.poll(async () => plain(await badge.innerText())).toBe('0 av 2 redo');
    const karinItem = panel.getByRole('listitem', { name: /^Karin Köpare/ });
    await expect.poll(async () => plain(await karinItem.innerText())).toContain('Inget besked än');
    expect(plain(await karinItem.innerText())).toContain('Inköpschef');
    // The live stream is open before the buyer acts.
    await page.waitForTimeout(300);

    await buyer('PUT', '/sign-off', { state: 'not_yet', reason: 'IT granskar säkerheten' });
    await expect.poll(async () => plain(await karinItem.innerText()), { timeout: 5000 }).toContain('Inte än');
    expect(plain(await karinItem.innerText())).toContain('Varför inte än: IT granskar säkerheten');
    const timeline = page.getByRole('list', { name: 'Händelser, senaste först' });
    const notYet = timeline.locator('.timeline-by-buyer', { hasText: 'Karin Köpare är inte redo än' });
    await notYet.waitFor();
    expect(plain(await notYet.locator('.timeline-buyer').innerText())).toBe('Karin Köpare, i köparens rum');

    await buyer('POST', '/my-criteria', { text: 'Fungerar med vårt SSO' });
    await buyer('POST', '/concerns', { topic: 'risk', text: 'Vad händer vid driftstopp?' });
    await expect.poll(async () => plain(await karinItem.innerText()), { timeout: 5000 }).toContain('Fungerar med vårt SSO');
    await expect.poll(async () => plain(await karinItem.innerText()), { timeout: 5000 }).toContain('Vad händer vid driftstopp?');
    expect(plain(await karinItem.innerText())).toContain('Öppen');

    const room = await buyer<{ criteria: { key: string; text: string; confirmable: boolean }[] }>('GET', '/room');
    const target = room.criteria.find((c) => c.confirmable)!;
    await buyer('POST', `/criteria/${target.key}/confirm`, {});
    const criteria = page.locator('.criterion', { hasText: target.text });
    await expect.poll(async () => plain(await criteria.innerText()), { timeout: 5000 }).toContain('bekräftat av Karin Köpare');
    await expect.poll(async () => plain(await panel.innerText())).toContain(`${target.text} — bekräftat av Karin Köpare`);

    await buyer('PUT', '/sign-off', { state: 'ready' });
    await expect.poll(async () => plain(await badge.innerText()), { timeout: 5000 }).toBe('1 av 2 redo');
    await expect.poll(async () => plain(await karinItem.innerText())).toContain('Redo');
    await timeline.locator('.timeline-by-buyer', { hasText: 'Karin Köpare är redo' }).waitFor();
    // The seller's own entries are not marked as the buyer's.
    expect(await timeline.locator('.timeline-journey_created .timeline-buyer').count()).toBe(0);

    // The plan as a calendar file, signed in as the seller.
    const href = await panel.getByRole('link', { name: 'Planen som kalenderfil (.ics)' }).getAttribute('href');
    expect(href).toBe(`/api/v1/journeys/${journey.id}/plan.ics`);
    const ics = await page.evaluate(async (url) => {
      const res = await fetch(url);
      return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
    }, href!);
    expect(ics).toMatchObject({ status: 200, type: 'text/calendar; charset=utf-8' });
    expect(ics.text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);

    await panel.scrollIntoViewIfNeeded();
    await screenshot(page, 'room-say');
    await expectAccessible(page, 'room say');
    errors.expectNone();
    await context.close();
  });
});
