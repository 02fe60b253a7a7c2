import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../helpers/backends.ts';
import { makeJourney, startTestApp, type Client, type TestApp } from '../helpers/app.ts';

const DAY = 24 * 60 * 60 * 1000;

interface TodayItem {
  id: string;
  title: string;
  accountName: string;
  ownerId: string;
  readiness: { met: number; total: number };
  openConcerns: number;
  blockingConcerns: number;
  lastInteractionAt: string | null;
  score: number;
  reasons: { kind: string; since: string; days: number; detail: string | null; text: string }[];
}

describe.each(BACKENDS)('Today on %s', (backend) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(backend);
  });
  afterAll(async () => t.close());

  // The clock only moves forward in this file; each test has its own seller, so earlier journeys stay out of the way.
  const todayOf = async (c: Client, lang = 'sv', query = ''): Promise<TodayItem[]> => {
    const res = await c.request('GET', `/api/v1/today${query}`, undefined, { 'accept-language': lang });
    expect(res.statusCode).toBe(200);
    return res.json().items;
  };
  const touch = (c: Client, id: string) =>
    c.post(`/api/v1/journeys/${id}/interactions`, { channel: 'call', direction: 'inbound', occurredAt: t.clock.now().toISOString(), summary: 'Ringde' });

  it('shows an open blocking concern, with how long it has been open, in the caller’s language', async () => {
    const seller = await t.user('seller');
    const j = await makeJourney(seller);
    await touch(seller, j.id);
    expect(await todayOf(seller)).toEqual([]);
    const concern = (await seller.post(`/api/v1/journeys/${j.id}/concerns`, { topic: 'risk', text: 'Klarar det vår toppsäsong?', blocking: true })).json();
    // a concern that does not block is no reason
    await seller.post(`/api/v1/journeys/${j.id}/concerns`, { topic: 'price', text: 'Dyrt?' });

    expect((await todayOf(seller)).map((i) => i.reasons.map((r) => r.text))).toEqual([['Blockerande fråga öppen sedan i dag: Klarar det vår toppsäsong?']]);
    t.clock.advance(3 * DAY);
    await touch(seller, j.id);
    const [item] = await todayOf(seller);
    expect(item).toMatchObject({ id: j.id, blockingConcerns: 1, openConcerns: 2 });
    expect(item?.reasons).toEqual([
      { kind: 'blocking_concern', since: concern.raisedAt, days: 3, detail: 'Klarar det vår toppsäsong?', text: 'Blockerande fråga öppen sedan 3 dagar: Klarar det vår toppsäsong?' },
    ]);
    expect((await todayOf(seller, 'en'))[0]?.reasons[0]?.text).toBe('Blocking concern open for 3 days: Klarar det vår toppsäsong?');

    // answered, the buyer no longer waits on the seller
    await seller.post(`/api/v1/journeys/${j.id}/concerns/${concern.id}/answer`, { answer: 'Ja' });
    expect(await todayOf(seller)).toEqual([]);
  });

  it('shows a plan step once its due date has passed in the org’s time zone, until it is done', async () => {
    const seller = await t.user('seller');
    const j = await makeJourney(seller);
    await touch(seller, j.id);
    // 09:00 UTC is 10:00 in Stockholm: the step falls due today, which is not yet overdue
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Stockholm' }).format(t.clock.now());
    const step = (await seller.post(`/api/v1/journeys/${j.id}/plan-steps`, { title: 'Skicka offert', owner: { userId: seller.userId }, dueDate: today })).json();
    await seller.post(`/api/v1/journeys/${j.id}/plan-steps`, { title: 'Utan datum', owner: { userId: seller.userId } });
    expect(await todayOf(seller)).toEqual([]);

    t.clock.advance(2 * DAY);
    await touch(seller, j.id);
    const reasons = (await todayOf(seller))[0]?.reasons;
    expect(reasons).toEqual([{ kind: 'overdue_step', since: today, days: 2, detail: 'Skicka offert', text: 'Steg i planen försenat 2 dagar: Skicka offert' }]);
    expect((await todayOf(seller, 'en'))[0]?.reasons[0]?.text).toBe('Plan step 2 days overdue: Skicka offert');

    await seller.post(`/api/v1/journeys/${j.id}/plan-steps/${step.id}/complete`);
    expect(await todayOf(seller)).toEqual([]);
  });

  it('shows a journey nobody has touched for 14 days, counted from the start when nobody ever has', async () => {
    const seller = await t.user('seller');
    const never = await makeJourney(seller);
    const touched = await makeJourney(seller);
    t.clock.advance(5 * DAY);
    await touch(seller, touched.id);
    t.clock.advance(9 * DAY - 1);
    expect(await todayOf(seller)).toEqual([]);

    t.clock.advance(1);
    let items = await todayOf(seller);
    expect(items.map((i) => [i.id, i.reasons.map((r) => r.text)])).toEqual([[never.id, ['Ingen kontakt sedan starten för 14 dagar sedan']]]);
    t.clock.advance(5 * DAY);
    items = await todayOf(seller, 'en');
    expect(items.map((i) => i.reasons[0]?.text).sort()).toEqual(['No contact for 14 days', 'No contact since the journey started 19 days ago']);
    // a touch takes it off the list
    await touch(seller, never.id);
    expect((await todayOf(seller)).map((i) => i.id)).toEqual([touched.id]);
  });

  it('ranks by the number of reasons, shows cards, and leaves out paused and closed journeys', async () => {
    const seller = await t.user('seller');
    const one = await makeJourney(seller);
    const two = await makeJourney(seller, { title: 'Två skäl' });
    const paused = await makeJourney(seller);
    const closed = await makeJourney(seller);
    for (const j of [one, two, paused, closed]) await seller.post(`/api/v1/journeys/${j.id}/concerns`, { topic: 'risk', text: 'Risk?', blocking: true });
    await seller.post(`/api/v1/journeys/${two.id}/concerns`, { topic: 'fit', text: 'Passar det?', blocking: true });
    await seller.patch(`/api/v1/journeys/${paused.id}`, { status: 'paused' });
    await seller.post(`/api/v1/journeys/${closed.id}/close`, { outcome: 'lost', reason: 'Valde annan' });

    const items = await todayOf(seller);
    expect(items.map((i) => i.id)).toEqual([two.id, one.id]);
    expect(items[0]).toMatchObject({ title: 'Två skäl', ownerId: seller.userId, blockingConcerns: 2, readiness: { met: 0, total: 2 }, lastInteractionAt: null });
    expect(items[0]?.accountName).toMatch(/^Kund \d+ AB$/);
    expect(items[0]!.score).toBeGreaterThan(items[1]!.score);
  });

  it('shows the caller’s own journeys unless asked for another owner', async () => {
    const seller = await t.user('seller');
    const j = await makeJourney(seller);
    await seller.post(`/api/v1/journeys/${j.id}/concerns`, { topic: 'risk', text: 'Risk?', blocking: true });
    expect((await todayOf(t.admin)).map((i) => i.id)).not.toContain(j.id);
    expect((await todayOf(t.admin, 'sv', `?ownerId=${seller.userId}`)).map((i) => i.id)).toEqual([j.id]);

    const unknown = await t.admin.get('/api/v1/today?ownerId=no-such-user');
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().errors[0].field).toBe('query.ownerId');
    // a user of another org is unknown here, and their journeys stay theirs
    const other = await t.otherOrg();
    expect((await t.admin.get(`/api/v1/today?ownerId=${other.userId}`)).statusCode).toBe(422);
    expect((await other.get(`/api/v1/today?ownerId=${seller.userId}`)).statusCode).toBe(422);
  });

  it('shows at most 50 journeys', async () => {
    const seller = await t.user('seller');
    for (let i = 0; i < 52; i++) await makeJourney(seller);
    t.clock.advance(15 * DAY);
    const items = await todayOf(seller);
    expect(items).toHaveLength(50);
    expect(items.every((i) => i.reasons[0]?.kind === 'no_contact')).toBe(true);
  });
});
