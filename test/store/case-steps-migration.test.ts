import { afterEach, describe, expect, it } from 'vitest';
import { domainSteps } from '../../src/app/cases.ts';
import { replayCase } from '../../src/domain/cases.ts';
import { migrate } from '../../src/store/migrator.ts';
import { BACKENDS } from '../helpers/backends.ts';
import { at, caseRow, journeyUpTo } from '../helpers/old-schema.ts';

describe.each(BACKENDS)('the case steps migration on %s', (backend) => {
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => cleanup?.());

  it('gives every existing case its opening and messages as steps, whose replay is the case as it was', async () => {
    const { store, db, drop } = await journeyUpTo(backend, '2026-12-08-dialogue');
    cleanup = drop;
    await db.insertInto('cases').values([caseRow('c1', 'contact', { first_response_at: at(11) }), caseRow('c2', 'user', { first_response_at: at(9) }), caseRow('c3', 'contact')]).execute();
    const message = (id: string, caseId: string, kind: 'contact' | 'user', h: number) => ({
      org_id: 'o1',
      id,
      case_id: caseId,
      author_kind: kind,
      author_contact_id: kind === 'contact' ? 'k1' : null,
      author_user_id: kind === 'user' ? 'u1' : null,
      author_name: kind === 'contact' ? 'Karin' : 'Ada',
      text: 'hej',
      at: at(h),
    });
    await db.insertInto('case_messages').values([message('m1', 'c1', 'contact', 10), message('m2', 'c1', 'user', 11), message('m3', 'c1', 'contact', 12), message('m4', 'c3', 'contact', 10)]).execute();

    await migrate(store.db, store.dialect);
    const steps = await store.db.selectFrom('case_steps').selectAll().orderBy('case_id').orderBy('id').execute();
    expect(steps.map((s) => [s.case_id, s.id, s.kind, s.by_kind, s.by_id, s.by_name])).toEqual([
      ['c1', 'c1', 'opened', 'contact', 'k1', 'Karin'],
      ['c1', 'm1', 'message', 'contact', 'k1', 'Karin'],
      ['c1', 'm2', 'message', 'user', 'u1', 'Ada'],
      ['c1', 'm3', 'message', 'contact', 'k1', 'Karin'],
      ['c2', 'c2', 'opened', 'user', 'u1', 'Ada'],
      ['c3', 'c3', 'opened', 'contact', 'k1', 'Karin'],
      ['c3', 'm4', 'message', 'contact', 'k1', 'Karin'],
    ]);
    const cases = await store.db.selectFrom('cases').selectAll().orderBy('id').execute();
    for (const c of cases) {
      const state = replayCase(domainSteps(steps.filter((s) => s.case_id === c.id)));
      expect(state.status, c.id).toBe(c.status);
      expect(state.firstResponseAt === null ? null : new Date(state.firstResponseAt).toISOString(), c.id).toBe(c.first_response_at);
      expect(c).toMatchObject({ proposed_at: null, resolved_at: null, closed_at: null, checked_in_at: null });
      expect(Number(c.reopened)).toBe(0);
    }
  });
});
