/**
 * The 2026-12-12 migration brings cases stored under the old rules in line
 * with a replay of their steps under the new ones: a closing before any reply
 * is the first response, and a buyer's reply after a closing reopens the case.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { domainSteps } from '../../src/app/cases.ts';
import { replayCase } from '../../src/domain/cases.ts';
import { migrate } from '../../src/store/migrator.ts';
import { BACKENDS } from '../helpers/backends.ts';
import { at, caseRow, journeyUpTo } from '../helpers/old-schema.ts';

describe.each(BACKENDS)('the case closing rules migration on %s', (backend) => {
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => cleanup?.());

  it('reopens a closed case the buyer answered, makes a closing without a reply the first response, and leaves the rest', async () => {
    const { store, db, drop } = await journeyUpTo(backend, '2026-12-11-portal-sign-in-links');
    cleanup = drop;
    // As the old rules stored them: closed stays closed whatever the buyer writes; a closing is no response.
    const aCase = (id: string, status: string, firstResponse: string | null, closedAt: string | null) =>
      caseRow(id, 'contact', { status, first_response_at: firstResponse, proposed_at: null, resolved_at: null, closed_at: closedAt, reopened: 0, checked_in_at: null });
    await db
      .insertInto('cases')
      .values([aCase('c1', 'closed', null, at(10)), aCase('c2', 'closed', at(10), at(12)), aCase('c3', 'open', null, null)])
      .execute();
    const step = (caseId: string, id: string, kind: string, by: 'contact' | 'user', h: number, text: string | null = null) => ({
      org_id: 'o1',
      id,
      case_id: caseId,
      kind,
      at: at(h),
      by_kind: by,
      by_id: by === 'contact' ? 'k1' : 'u1',
      by_name: by === 'contact' ? 'Karin' : 'Ada',
      resolution: null,
      amount_minor: null,
      currency: null,
      text,
    });
    await db
      .insertInto('case_steps')
      .values([
        // c1: closed before any reply, then the buyer wrote twice.
        step('c1', 's11', 'opened', 'contact', 9),
        step('c1', 's12', 'closed', 'user', 10, 'Dubblett'),
        step('c1', 's13', 'message', 'contact', 11, 'Det är ingen dubblett'),
        step('c1', 's14', 'message', 'contact', 12, 'Hallå?'),
        // c2: answered, then closed; the buyer did not write again.
        step('c2', 's21', 'opened', 'contact', 9),
        step('c2', 's22', 'message', 'user', 10, 'Vi tittar på det'),
        step('c2', 's23', 'closed', 'user', 12, 'Inget fel hittat'),
        // c3: open and unanswered.
        step('c3', 's31', 'opened', 'contact', 9),
      ])
      .execute();

    await migrate(store.db, store.dialect);
    const steps = await store.db.selectFrom('case_steps').selectAll().orderBy('case_id').orderBy('id').execute();
    const cases = await store.db.selectFrom('cases').selectAll().orderBy('id').execute();
    expect(cases.map((c) => [c.id, c.status, c.first_response_at, c.closed_at, Number(c.reopened)])).toEqual([
      ['c1', 'open', at(10), null, 1],
      ['c2', 'closed', at(10), at(12), 0],
      ['c3', 'open', null, null, 0],
    ]);
    // Each is what a replay of its steps says now.
    const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
    for (const c of cases) {
      const state = replayCase(domainSteps(steps.filter((s) => s.case_id === c.id)));
      expect([state.status, iso(state.firstResponseAt), iso(state.closedAt), state.reopened], c.id).toEqual([c.status, c.first_response_at, c.closed_at, Number(c.reopened)]);
    }
  });
});
