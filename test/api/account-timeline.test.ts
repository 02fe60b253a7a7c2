import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../helpers/backends.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';

interface Item {
  id: string;
  at: string;
  kind: string;
  journeyId: string;
  journeyTitle: string;
  data: Record<string, unknown>;
}

describe.each(BACKENDS)('an account’s timeline on %s', (backend) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(backend);
  });
  afterAll(async () => t.close());

  it('merges the timelines of all the account’s journeys, newest first, each item naming its journey', async () => {
    const account = (await t.admin.post('/api/v1/accounts', { name: 'Ångström Verktyg AB' })).json();
    const elsewhere = (await t.admin.post('/api/v1/accounts', { name: 'Annan AB' })).json();
    const a = (await t.admin.post('/api/v1/journeys', { accountId: account.id, title: 'Lagerbelysning' })).json();
    t.clock.advance(60_000);
    const b = (await t.admin.post('/api/v1/journeys', { accountId: account.id, title: 'Kontorsbelysning' })).json();
    const other = (await t.admin.post('/api/v1/journeys', { accountId: elsewhere.id, title: 'Inte här' })).json();
    t.clock.advance(60_000);
    await t.admin.post(`/api/v1/journeys/${a.id}/criteria/problem_described`, { evidence: 'Möte' });
    await t.admin.post(`/api/v1/journeys/${other.id}/criteria/problem_described`, { evidence: 'Annat' });
    t.clock.advance(60_000);
    // an interaction sits at the time it happened: before everything else here
    await t.admin.post(`/api/v1/journeys/${b.id}/interactions`, { channel: 'meeting', direction: 'inbound', occurredAt: '2026-11-01T10:00:00Z', summary: 'Första mötet' });
    await t.admin.post(`/api/v1/journeys/${b.id}/concerns`, { topic: 'price', text: 'Dyrt?' });

    const res = await t.admin.get(`/api/v1/accounts/${account.id}/timeline`);
    expect(res.statusCode).toBe(200);
    const items = res.json().items as Item[];
    expect(items.map((i) => [i.kind, i.journeyTitle])).toEqual([
      ['concern_raised', 'Kontorsbelysning'],
      ['criterion_met', 'Lagerbelysning'],
      ['journey_created', 'Kontorsbelysning'],
      ['journey_created', 'Lagerbelysning'],
      ['interaction', 'Kontorsbelysning'],
    ]);
    expect(items.every((i) => i.journeyId === (i.journeyTitle === 'Lagerbelysning' ? a.id : b.id))).toBe(true);
    expect(items[4]?.at).toBe('2026-11-01T10:00:00.000Z');
    // the same events as each journey's own timeline
    const own = (await t.admin.get(`/api/v1/journeys/${a.id}/timeline`)).json().items as Item[];
    expect(items.filter((i) => i.journeyId === a.id).map((i) => i.id)).toEqual(own.map((i) => i.id));
  });

  it('pages by cursor on (time, id) with no gaps or repeats, also among events at the same instant', async () => {
    const account = (await t.admin.post('/api/v1/accounts', { name: 'Sida AB' })).json();
    const journeys = [];
    // several journeys with several events each, many of them at the very same clock time
    for (let i = 0; i < 3; i++) journeys.push((await t.admin.post('/api/v1/journeys', { accountId: account.id, title: `Affär ${i}` })).json());
    for (const j of journeys) {
      await t.admin.post(`/api/v1/journeys/${j.id}/concerns`, { topic: 'risk', text: 'Risk?' });
      await t.admin.post(`/api/v1/journeys/${j.id}/advance`, { overrideReason: 'test' });
    }
    const all = (await t.admin.get(`/api/v1/accounts/${account.id}/timeline?limit=200`)).json().items as Item[];
    expect(all).toHaveLength(9);
    const sorted = [...all].sort((x, y) => (x.at === y.at ? (x.id < y.id ? 1 : -1) : x.at < y.at ? 1 : -1));
    expect(all.map((i) => i.id)).toEqual(sorted.map((i) => i.id));

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await t.admin.get(`/api/v1/accounts/${account.id}/timeline?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.statusCode).toBe(200);
      const page: { items: Item[]; nextCursor: string | null } = res.json();
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.map((i) => i.id));
  });

  it('answers 404 for an account that is not in the caller’s org, and 422 for a bad cursor', async () => {
    expect((await t.admin.get('/api/v1/accounts/no-such-account/timeline')).statusCode).toBe(404);
    const other = await t.otherOrg();
    const theirs = (await other.post('/api/v1/accounts', { name: 'Deras AB' })).json();
    const res = await t.admin.get(`/api/v1/accounts/${theirs.id}/timeline`);
    expect(res.statusCode).toBe(404);
    expect(res.json().type).toBe('/api/problems/not_found');
    const mine = (await t.admin.post('/api/v1/accounts', { name: 'Min AB' })).json();
    expect((await t.admin.get(`/api/v1/accounts/${mine.id}/timeline`)).json()).toEqual({ items: [], nextCursor: null });
    expect((await t.admin.get(`/api/v1/accounts/${mine.id}/timeline?cursor=nonsense`)).statusCode).toBe(422);
  });
});
