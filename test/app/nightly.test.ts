/** Nightly loyalty: each org once a local night, from 02:00 in its time zone; time alone moves tiers. */
import { describe, expect, it } from 'vitest';
import { nightlyDue } from '../../src/domain/nightly.ts';
import { runNightly } from '../../src/app/nightly.ts';
import { startTestApp } from '../helpers/app.ts';

describe('when nightly work is due', () => {
  const tz = 'Europe/Stockholm';
  it('is due once per local day from 02:00, and at once when never done', () => {
    const last = new Date('2026-11-29T01:30:00Z'); // 02:30 in Stockholm
    expect(nightlyDue(null, last, tz)).toBe(true);
    expect(nightlyDue(last, new Date('2026-11-29T22:00:00Z'), tz)).toBe(false); // 23:00 the same day
    expect(nightlyDue(last, new Date('2026-11-29T23:30:00Z'), tz)).toBe(false); // 00:30 the next day: before 02:00
    expect(nightlyDue(last, new Date('2026-11-30T01:00:00Z'), tz)).toBe(true); // 02:00 the next day
    // The night the clocks go back (2026-10-25, 03:00 → 02:00): due once the local date has changed and it is 02:00.
    expect(nightlyDue(new Date('2026-10-24T12:00:00Z'), new Date('2026-10-25T00:30:00Z'), tz)).toBe(true); // 02:30 CEST
    expect(nightlyDue(new Date('2026-10-25T00:30:00Z'), new Date('2026-10-25T01:30:00Z'), tz)).toBe(false); // 02:30 CET, the same day
    // Another org's night is another hour.
    // (last: 20:30 on the 28th in New York)
    expect(nightlyDue(last, new Date('2026-11-29T06:00:00Z'), 'America/New_York')).toBe(false); // 01:00 on the 29th there
    expect(nightlyDue(last, new Date('2026-11-29T07:00:00Z'), 'America/New_York')).toBe(true); // 02:00 there
  });
});

describe('runNightly', () => {
  it('recomputes an org once a night, so an account with no new orders drifts by time alone', async () => {
    const t = await startTestApp('sqlite');
    try {
      const c = await t.otherOrg();
      const account = (await c.post('/api/v1/accounts', { kind: 'company', name: 'Nattkund AB' })).json() as { id: string };
      expect((await c.post('/api/v1/orders', { accountId: account.id, orderedAt: '2026-11-20', amountMinor: 10_000 })).statusCode).toBe(201);
      const loyalty = async () => (await c.get(`/api/v1/accounts/${account.id}/loyalty`)).json() as { computedAt: string; pAlive90: number | null; facts: { recencyDays: number } };
      const first = await loyalty();
      // The order computed it today (10:00 in Stockholm): nothing is due again today.
      expect((await runNightly(t.ctx)).map((o) => o.orgId)).not.toContain(c.orgId);

      t.clock.advance(16.5 * 3_600_000); // 02:30 the next night
      const done = await runNightly(t.ctx);
      expect(done).toContainEqual({ orgId: c.orgId });
      const next = await loyalty();
      expect(next.computedAt).toBe(t.clock.now().toISOString());
      expect(next.computedAt > first.computedAt).toBe(true);
      expect(next.facts.recencyDays).toBe(first.facts.recencyDays + 1);
      const audit = (await c.get('/api/v1/audit?entity=org')).json().items as { action: string }[];
      expect(audit.map((e) => e.action)).toContain('loyalty.recompute');

      // Once a night: a second run the same night does nothing for it.
      expect((await runNightly(t.ctx)).map((o) => o.orgId)).not.toContain(c.orgId);
    } finally {
      await t.close();
    }
  });
});
