/**
 * Two rules of cases changed (docs/cases.md), and a case's columns are the
 * replay of its steps, so the columns of cases stored before are brought in
 * line with a replay under the new rules:
 *
 * - a closing before any reply of the seller's is the seller's first response
 *   (its written reason is their first word): first_response_at is the
 *   earliest closing when nothing answered before it;
 * - a buyer's reply after a closing reopens the case: a closed case with a
 *   buyer's message after its closing is open again, counted as a reopening.
 *
 * Plain SQL on the steps as they are stored; the steps themselves are
 * unchanged.
 */
import { sql } from 'kysely';
import type { MigrationDb } from './index.ts';

export async function up(db: MigrationDb): Promise<void> {
  await sql`
    update cases set first_response_at = (
      select min(s.at) from case_steps s where s.org_id = cases.org_id and s.case_id = cases.id and s.kind = 'closed'
    )
    where first_response_at is null
      and exists (select 1 from case_steps s where s.org_id = cases.org_id and s.case_id = cases.id and s.kind = 'closed')
  `.execute(db);
  await sql`
    update cases set status = 'open', closed_at = null, reopened = reopened + 1
    where status = 'closed'
      and exists (
        select 1 from case_steps m
        where m.org_id = cases.org_id and m.case_id = cases.id and m.kind = 'message' and m.by_kind = 'contact' and m.at > cases.closed_at
      )
  `.execute(db);
}

/** Nothing to undo that a replay under the old rules would not redo: the steps are as they were. */
export async function down(): Promise<void> {}
