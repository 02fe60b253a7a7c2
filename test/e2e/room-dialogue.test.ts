/**
 * The room's dialogue on the seller's journey page, in the browser (issue 7).
 * A buyer (in the room through the API, with their portal cookie) and a guest
 * (through the guest link) write, with markup and links in their text; the
 * seller sees it all as typed — only the http(s) address a link, nothing
 * run — approves the guest, writes back, and answers the buyer's complaint.
 * The buyer's new comment arrives on the open page without a reload.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, expectAccessible, launchBrowser, plain, portalApi, screenshot, startE2E } from './harness.ts';
import { watchPageErrors } from './page-errors.ts';

describe("the room's dialogue on the journey page", () => {
  let e: E2E;
  let browser: Browser;
  beforeAll(async () => {
    [e, browser] = await Promise.all([startE2E(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await e?.close();
  });

  it('shows comments as typed, approves a guest, writes back and answers a complaint, live', async () => {
    const seller = await e.person('seller', 'Sam Säljare');
    const api = await e.api(seller);
    const account = await api<{ id: string }>('POST', '/accounts', { kind: 'company', name: 'Trådbolaget AB' });
    const karin = await api<{ id: string }>('POST', `/accounts/${account.id}/contacts`, { name: 'Karin Köpare' });
    const journey = await api<{ id: string }>('POST', '/journeys', { accountId: account.id, title: 'Trådresan' });
    const invite = await api<{ link: string }>('POST', `/journeys/${journey.id}/portal-invites`, { contactId: karin.id });
    const buyer = (await e.room(invite.link)).json;
    const guest = portalApi(e.base, null).json;

    const typed = 'Se <script>window.pwned=1</script> och <img src=x onerror="window.pwned=2"> — ritningen: https://kund.example/ritning?v=2. Inte javascript:alert(1)';
    await buyer('POST', '/comments', { text: typed });
    const guestLink = await api<{ link: string }>('POST', `/journeys/${journey.id}/guest-link`);
    await guest('POST', `/guest/${guestLink.link.slice('/p/g/'.length)}/comments`, { name: 'Gustav Gäst', email: 'gustav@gast.example', website: 'https://gast.example', text: 'Vi har samma lager <b>fint</b>!' });
    await buyer('POST', '/cases', { topic: 'Fel färg på lamporna', description: 'Vi beställde vita, fick svarta.' });

    const { context, page } = await e.signedIn(browser, seller, 'sv');
    const errors = watchPageErrors(page);
    await page.goto(`${e.base}/journeys/${journey.id}`);
    await page.getByRole('heading', { level: 1, name: 'Trådresan' }).waitFor();
    const comments = page.getByRole('region', { name: 'Frågor och kommentarer', exact: true });
    const thread = comments.getByRole('list', { name: 'Kommentarer, den äldsta först' });
    const karinsComment = thread.getByRole('listitem', { name: 'Karin Köpare' });
    await karinsComment.waitFor();

    // As typed: the markup is text, the https address the only link, opening a new tab without referrer.
    expect(plain(await karinsComment.locator('.room-comment-text').innerText())).toBe(plain(typed));
    const links = karinsComment.locator('.room-comment-text a');
    expect(await links.count()).toBe(1);
    expect(await links.first().getAttribute('href')).toBe('https://kund.example/ritning?v=2');
    expect(await links.first().getAttribute('rel')).toBe('nofollow ugc noopener noreferrer');
    expect(await links.first().getAttribute('target')).toBe('_blank');
    expect(await karinsComment.locator('script, img').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();

    // The guest waits, with e-mail and website; approved, they join the thread.
    const waiting = comments.getByRole('list', { name: 'Gästkommentarer som väntar' });
    const gustav = waiting.getByRole('listitem', { name: 'Gustav Gäst' });
    expect(plain(await gustav.innerText())).toContain('E-post: gustav@gast.example');
    expect(plain(await gustav.innerText())).toContain('Vi har samma lager <b>fint</b>!');
    expect((await buyer<{ items: unknown[] }>('GET', '/comments')).items).toHaveLength(1);
    await gustav.getByRole('button', { name: 'Godkänn: Gustav Gäst' }).click();
    await thread.getByRole('listitem', { name: 'Gustav Gäst' }).waitFor();
    await expect.poll(async () => waiting.count()).toBe(0);
    expect((await buyer<{ items: { author: { name: string } }[] }>('GET', '/comments')).items.map((c) => c.author.name)).toEqual(['Karin Köpare', 'Gustav Gäst']);

    // The seller writes back; the buyer reads it.
    await comments.getByLabel('Kommentar', { exact: true }).fill('Tack! Vi tittar på ritningen.');
    await comments.getByRole('button', { name: 'Skicka', exact: true }).click();
    await thread.getByRole('listitem', { name: 'Sam Säljare' }).waitFor();
    expect((await buyer<{ items: { text: string }[] }>('GET', '/comments')).items.at(-1)?.text).toBe('Tack! Vi tittar på ritningen.');

    // A buyer's new comment arrives without a reload.
    await page.waitForTimeout(300);
    await buyer('POST', '/comments', { text: 'Bra, hör av er!' });
    await expect.poll(async () => plain(await thread.innerText()), { timeout: 5000 }).toContain('Bra, hör av er!');

    // The complaint: low priority (no orders), waiting for a first answer; the seller replies.
    const cases = page.getByRole('region', { name: 'Reklamationer', exact: true });
    const theCase = cases.getByRole('listitem', { name: 'Fel färg på lamporna' });
    expect(plain(await theCase.innerText())).toContain('Låg');
    expect(plain(await theCase.innerText())).toContain('Väntar på första svar');
    expect(plain(await theCase.innerText())).toContain('Öppnat av Karin Köpare (köpare)');
    await theCase.getByRole('button', { name: 'Visa: Fel färg på lamporna' }).click();
    expect(plain(await theCase.innerText())).toContain('Vi beställde vita, fick svarta.');
    await theCase.getByLabel('Svar', { exact: true }).fill('Vi byter dem på måndag.');
    await theCase.getByRole('button', { name: 'Skicka svar' }).click();
    await expect.poll(async () => plain(await theCase.innerText())).toContain('Vi byter dem på måndag.');
    expect(plain(await theCase.innerText())).not.toContain('Väntar på första svar');
    const inRoom = await buyer<{ items: { messages: { author: { name: string }; text: string }[] }[] }>('GET', '/cases');
    expect(inRoom.items[0]!.messages).toEqual([expect.objectContaining({ author: { kind: 'user', name: 'Sam Säljare' }, text: 'Vi byter dem på måndag.' })]);

    // The timeline says it, the buyer's entries marked as theirs.
    const timeline = page.getByRole('list', { name: 'Händelser, senaste först' });
    await timeline.locator('.timeline-by-buyer', { hasText: 'Reklamation: Fel färg på lamporna' }).waitFor();
    await timeline.locator('.timeline-item', { hasText: 'Kommentaren från Gustav Gäst godkändes' }).waitFor();

    // A new guest link, shown once.
    await comments.getByRole('button', { name: 'Skapa ny gästlänk' }).click();
    const shown = comments.getByRole('region', { name: 'Gästlänk till tråden' });
    expect(await shown.getByLabel('Gästlänk', { exact: true }).inputValue()).toMatch(new RegExp(`^${e.base}/p/g/[0-9a-f-]{36}\\.[A-Za-z0-9_-]{43}$`));

    await comments.scrollIntoViewIfNeeded();
    await screenshot(page, 'room-dialogue');
    await expectAccessible(page, 'room dialogue');
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    errors.expectNone();
    await context.close();
  });
});
