import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../helpers/backends.ts';
import { makeJourney, startTestApp, type TestApp } from '../helpers/app.ts';

/**
 * A write that fails at its very last statement (the audit entry, made to
 * fail by a database trigger) must leave nothing behind.
 */
describe.each(BACKENDS)('atomic writes on %s', (backend) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(backend);
    const db = t.ctx.store.db;
    if (backend === 'sqlite') {
      await sql`CREATE TRIGGER fail_advance_audit BEFORE INSERT ON audit_log WHEN NEW.action = 'journey.advance'
        BEGIN SELECT RAISE(ABORT, 'injected failure'); END`.execute(db);
    } else {
      await sql`CREATE FUNCTION h2h_injected_failure() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'injected failure'; END $$ LANGUAGE plpgsql`.execute(db);
      await sql`CREATE TRIGGER fail_advance_audit BEFORE INSERT ON audit_log FOR EACH ROW WHEN (NEW.action = 'journey.advance')
        EXECUTE FUNCTION h2h_injected_failure()`.execute(db);
    }
  });
  afterAll(async () => t.close());

  const count = async (table: 'stage_changes' | 'timeline_events' | 'audit_log' | 'journeys') => {
    const row = await t.ctx.store.db.selectFrom(table).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  };

  it('rolls back the stage change, its timeline entry and its audit entry together', async () => {
    const j = await makeJourney(t.admin);
    const before = { stageChanges: await count('stage_changes'), timeline: await count('timeline_events'), audit: await count('audit_log') };
    const res = await t.admin.post(`/api/v1/journeys/${j.id}/advance`, { overrideReason: 'will fail' });
    expect(res.statusCode).toBe(500);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().type).toBe('/api/problems/internal');
    expect(res.body).not.toContain('injected failure');
    expect(res.body).not.toMatch(/\bat .*\.ts:\d+/);
    expect((await t.admin.get(`/api/v1/journeys/${j.id}`)).json().stage).toBe('need');
    expect({ stageChanges: await count('stage_changes'), timeline: await count('timeline_events'), audit: await count('audit_log') }).toEqual(before);
  });

  it('still writes when nothing fails', async () => {
    const journeys = await count('journeys');
    await makeJourney(t.admin);
    expect(await count('journeys')).toBe(journeys + 1);
  });
});
