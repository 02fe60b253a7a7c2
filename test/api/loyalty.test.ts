/** Loyalty through the API: tiers, the numbers behind them, pAlive, history and the summary, on both backends. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settleImports } from '../../src/app/imports.ts';
import { BACKENDS } from '../helpers/backends.ts';
import { startTestApp, type Client, type TestApp } from '../helpers/app.ts';

interface Loyalty {
  tier: string;
  facts: { recencyDays: number; frequency: number; monetaryMinor: number; tenureDays: number; firstOrderOn: string; lastOrderOn: string } | null;
  scores: { r: number; f: number; m: number } | null;
  pAlive: number | null;
  pAlive90: number | null;
  expectedOrders12m: number | null;
  explanation: { sv: string; en: string };
  history: { from: string; to: string; at: string; cause: string }[];
  series: { month: string; orders: number; amountMinor: number; pAlive: number | null }[];
  computedAt: string | null;
}

const DAY = 86_400_000;
// The test clock stands at 2026-11-29 09:00 UTC (10:00 in Stockholm).
const daysAgo = (n: number) => new Date(Date.UTC(2026, 10, 29) - n * DAY).toISOString().slice(0, 10);

describe.each(BACKENDS)('loyalty on %s', (backend) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(backend);
  });
  afterAll(async () => t.close());

  const account = async (c: Client, name: string) => (await c.post('/api/v1/accounts', { kind: 'company', name })).json() as { id: string };
  const order = async (c: Client, accountId: string, orderedAt: string, amountMinor = 100_000) => {
    const res = await c.post('/api/v1/orders', { accountId, orderedAt, amountMinor });
    expect(res.statusCode).toBe(201);
    return res.json() as { id: string };
  };
  const loyalty = async (c: Client, id: string) => {
    const res = await c.get(`/api/v1/accounts/${id}/loyalty`);
    expect(res.statusCode).toBe(200);
    return res.json() as Loyalty;
  };

  it('tiers accounts from their orders and explains each tier with its numbers, in sv and en', async () => {
    const c = await t.otherOrg();
    const best = await account(c, 'Trogna Kunden AB');
    await order(c, best.id, '2021-06-01', 500_000);
    for (const n of [700, 500, 300, 200, 100, 40, 12]) await order(c, best.id, daysAgo(n), 900_000);
    const lapsed = await account(c, 'Förr i tiden AB');
    await order(c, lapsed.id, '2024-01-10', 50_000);
    const some = await account(c, 'Ibland AB');
    await order(c, some.id, daysAgo(300));
    await order(c, some.id, daysAgo(180));
    const once = await account(c, 'En gång AB');
    await order(c, once.id, daysAgo(59));
    const middle = await account(c, 'Mitt emellan AB');
    await order(c, middle.id, daysAgo(400));
    const none = await account(c, 'Ingen handel AB');

    const b = await loyalty(c, best.id);
    expect(b.tier).toBe('champion');
    expect(b.facts).toMatchObject({ recencyDays: 12, frequency: 7, monetaryMinor: 6_300_000, firstOrderOn: '2021-06-01', lastOrderOn: daysAgo(12) });
    expect(b.scores).toEqual({ r: 5, f: 5, m: 5 });
    expect(b.explanation.en).toBe('7 orders in 24 months, the last 12 days ago, customer since 2021.');
    expect(b.explanation.sv).toBe('7 köp på 24 månader, senast för 12 dagar sedan, kund sedan 2021.');

    const l = await loyalty(c, lapsed.id);
    expect(l.tier).toBe('occasional');
    expect(l.facts).toMatchObject({ frequency: 0, monetaryMinor: 0, lastOrderOn: '2024-01-10' });
    expect(l.explanation.en).toBe(`0 orders in 24 months, the last ${Math.round((Date.UTC(2026, 10, 29) - Date.UTC(2024, 0, 10)) / DAY)} days ago, customer since 2024.`);

    const n = await loyalty(c, none.id);
    expect(n).toMatchObject({ tier: 'new', facts: null, scores: null, pAlive: null, history: [] });
    expect(n.explanation).toEqual({ sv: 'Inga köp än.', en: 'No orders yet.' });

    // The list shows every account's tier and keeps one tier on request.
    const all = (await c.get('/api/v1/accounts?limit=50')).json().items as { id: string; tier: string }[];
    expect(Object.fromEntries(all.map((a) => [a.id, a.tier]))).toMatchObject({ [best.id]: 'champion', [lapsed.id]: 'occasional', [none.id]: 'new' });
    const champions = (await c.get('/api/v1/accounts?tier=champion')).json().items as { id: string }[];
    expect(champions.map((a) => a.id)).toEqual([best.id]);
    const fresh = (await c.get('/api/v1/accounts?tier=new')).json().items as { id: string }[];
    expect(fresh.map((a) => a.id)).toEqual([none.id]);
    expect((await c.get(`/api/v1/accounts/${once.id}`)).json().tier).toBe((await loyalty(c, once.id)).tier);
    expect((await c.get('/api/v1/accounts?tier=gold')).statusCode).toBe(422);
  });

  it('a new, changed or deleted order moves its account at once and keeps the move as history', async () => {
    const c = await t.otherOrg();
    const others = await account(c, 'Andra AB');
    for (const n of [400, 200, 30]) await order(c, others.id, daysAgo(n));
    const a = await account(c, 'Flyttar AB');
    expect((await loyalty(c, a.id)).tier).toBe('new');

    const first = await order(c, a.id, daysAgo(0), 20_000);
    const after = await loyalty(c, a.id);
    expect(after.tier).not.toBe('new');
    expect(after.explanation.en).toBe('1 order in 24 months, the last today, customer since 2026.');
    expect(after.history[0]).toMatchObject({ from: 'new', to: after.tier, cause: 'order' });

    // Journey cards and the journey page carry the tier too.
    const journey = (await c.post('/api/v1/journeys', { accountId: a.id, title: 'Ny order' })).json() as { id: string };
    expect((await c.get(`/api/v1/journeys/${journey.id}`)).json().account.tier).toBe(after.tier);
    const board = (await c.get('/api/v1/journeys?limit=10')).json().items as { id: string; accountTier: string }[];
    expect(board.find((j) => j.id === journey.id)?.accountTier).toBe(after.tier);

    // Moving the only order into the far past changes the figures at once.
    expect((await c.patch(`/api/v1/orders/${first.id}`, { orderedAt: '2023-02-01' })).statusCode).toBe(200);
    expect((await loyalty(c, a.id)).facts).toMatchObject({ frequency: 0, firstOrderOn: '2023-02-01' });

    // Deleting it makes the account new again, and the history says so.
    expect((await c.del(`/api/v1/orders/${first.id}`)).statusCode).toBe(204);
    const gone = await loyalty(c, a.id);
    expect(gone.tier).toBe('new');
    expect(gone.history[0]).toMatchObject({ to: 'new', cause: 'order' });
    expect(gone.history.at(-1)).toMatchObject({ from: 'new' });
  });

  it('fits the model on the org: pAlive and expected orders per account, and who is drifting away', async () => {
    const c = await t.otherOrg();
    // 120 accounts, each buying every `gap` days for a while, then stopping at `stop` days ago.
    const rows = ['Kund;Orderdatum;Belopp'];
    for (let i = 0; i < 120; i++) {
      const gap = 20 + (i % 7) * 15;
      const stop = (i * 37) % 500;
      for (let d = stop + gap * (1 + (i % 5)); d >= stop; d -= gap) rows.push(`Kund ${i} AB;${daysAgo(d)};${1000 + i * 10},00`);
    }
    // A frequent buyer of long standing who went quiet 100 days ago, and one still buying.
    for (let d = 1000; d >= 100; d -= 10) rows.push(`Tystnat AB;${daysAgo(d)};5 000,00`);
    for (let d = 1000; d >= 5; d -= 30) rows.push(`Handlar AB;${daysAgo(d)};5 000,00`);
    const up = await c.request('POST', '/api/v1/imports?entity=orders&fileName=ordrar.csv', `${rows.join('\n')}\n`, { 'content-type': 'text/csv' });
    expect(up.statusCode).toBe(201);
    await c.post(`/api/v1/imports/${up.json().id}/start`, {});
    await settleImports();

    // The import refitted the model.
    const summary = (await c.get('/api/v1/loyalty/summary')).json();
    expect(summary.model).toMatchObject({ unit: 'week', customers: 122 });
    for (const p of ['r', 'alpha', 'a', 'b']) expect(summary.model[p]).toBeGreaterThan(0);

    const accounts = (await c.get('/api/v1/accounts?q=Tystnat')).json().items as { id: string }[];
    const active = (await c.get('/api/v1/accounts?q=Handlar')).json().items as { id: string }[];
    const quiet = await loyalty(c, accounts[0]!.id);
    const buying = await loyalty(c, active[0]!.id);
    expect(quiet.pAlive).toBeGreaterThan(0);
    expect(quiet.pAlive).toBeLessThan(buying.pAlive!);
    expect(quiet.pAlive).toBeLessThan(quiet.pAlive90!);
    expect(buying.pAlive).toBeGreaterThan(0.8);
    expect(buying.expectedOrders12m).toBeGreaterThan(quiet.expectedOrders12m!);
    expect(buying.expectedOrders12m).toBeGreaterThan(3);

    // 36 months of orders, oldest first, ending with this month; pAlive falls after the last order.
    expect(quiet.series).toHaveLength(36);
    expect(quiet.series.at(-1)!.month).toBe('2026-11');
    expect(quiet.series.reduce((n, m) => n + m.orders, 0)).toBeGreaterThan(10);
    const lastBuy = quiet.series.map((m) => m.orders > 0).lastIndexOf(true);
    expect(quiet.series.at(-1)!.pAlive).toBeLessThan(quiet.series[lastBuy]!.pAlive!);

    // Still a champion by its numbers, but drifting away: the summary lists it first among the falling.
    expect(quiet.tier).toBe('champion');
    const falling = summary.falling as { accountId: string; tier: string; pAlive: number; pAlive90: number }[];
    expect(falling[0]).toMatchObject({ accountId: accounts[0]!.id, tier: 'champion', pAlive: quiet.pAlive, pAlive90: quiet.pAlive90 });
    for (const f of falling) {
      expect(['loyal', 'champion']).toContain(f.tier);
      expect(f.pAlive90 - f.pAlive).toBeGreaterThanOrEqual(0.1);
    }
    expect(summary.tiers.map((x: { tier: string }) => x.tier)).toEqual(['champion', 'at_risk', 'loyal', 'regular', 'occasional', 'new']);
    expect(summary.tiers.reduce((n: number, x: { accounts: number }) => n + x.accounts, 0)).toBe(122);
  });

  it('counts moves between tiers in a period, and recomputes nightly-style when asked', async () => {
    const c = await t.otherOrg();
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      const a = await account(c, `Period ${i} AB`);
      ids.push(a.id);
      for (let k = 0; k <= i; k++) await order(c, a.id, daysAgo(20 + k * 60), 10_000 * (i + 1));
    }
    const before = (await c.get('/api/v1/loyalty/summary')).json();
    // The org's first order set where its account starts (nothing was known before: not a move); each account after it moved from new.
    expect(before.moves.reduce((n: number, m: { accounts: number }) => n + m.accounts, 0)).toBe(5);
    expect(before.moves.every((m: { from: string }) => m.from === 'new')).toBe(true);
    expect((await loyalty(c, ids[0]!)).history).toEqual([]);

    // A year later without orders, a recompute moves them; the summary for that day counts each account once.
    t.clock.advance(365 * DAY);
    try {
      const res = await c.post('/api/v1/loyalty/recompute');
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ accounts: 6 });
      const day = t.clock.now().toISOString().slice(0, 10);
      const later = (await c.get(`/api/v1/loyalty/summary?from=${day}&to=${day}`)).json();
      const moved = later.moves.reduce((n: number, m: { accounts: number }) => n + m.accounts, 0);
      expect(moved).toBe(res.json().changed);
      for (const m of later.moves) expect(m.from).not.toBe(m.to);
    } finally {
      t.clock.advance(-365 * DAY);
    }
    const seller = await t.user('seller', c);
    expect((await seller.post('/api/v1/loyalty/recompute')).statusCode).toBe(403);
    expect((await c.get('/api/v1/loyalty/summary?from=2026-12-01&to=2026-11-01')).statusCode).toBe(422);
  });

  it('keeps the tier thresholds as org settings; saving recomputes every tier', async () => {
    const c = await t.otherOrg();
    const a = await account(c, 'Tröskel AB');
    for (const n of [400, 300, 200]) await order(c, a.id, daysAgo(n));
    const b = await account(c, 'Annan AB');
    await order(c, b.id, daysAgo(5));
    const settings = (await c.get('/api/v1/settings/loyalty')).json();
    expect(settings).toMatchObject({ championMin: 4, championDays: 365, regularF: 2, windowMonths: 24 });
    // Of two accounts, the one that bought more but not lately is at risk.
    expect((await loyalty(c, a.id)).tier).toBe('at_risk');

    // Nobody is regular or better when regular needs an f of 5 and loyal and at_risk can never be met.
    const strict = { ...settings, championMin: 5, championDays: 3650, atRiskF: 5, atRiskM: 5, atRiskMaxR: 1, loyalF: 5, loyalDays: 3650, regularF: 5 };
    const saved = await c.put('/api/v1/settings/loyalty', strict);
    expect(saved.statusCode).toBe(200);
    expect((await c.get('/api/v1/settings/loyalty')).json()).toEqual(strict);
    const after = await loyalty(c, a.id);
    expect(after.tier).toBe('occasional');
    expect(after.history[0]).toMatchObject({ from: 'at_risk', to: 'occasional', cause: 'settings' });

    const bad = await c.put('/api/v1/settings/loyalty', { ...strict, championMin: 6, windowMonths: 0 });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['body.championMin', 'body.windowMonths']);
    const manager = await t.user('manager', c);
    expect((await manager.put('/api/v1/settings/loyalty', strict)).statusCode).toBe(403);
  });
});
