/**
 * Facts about many journeys at once, for the board's cards and Today: one
 * query per kind of fact, whatever the number of journeys, never one per journey.
 *
 * A scope names the journeys: a page of ids, or every open journey of an owner
 * (as a sub-select, so no parameter list grows with the number of journeys).
 */
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

type Db = Kysely<Database>;

export type JourneyScope = { ids: readonly string[] } | { ownerId: string; status: string };

/** The ids of the scope's journeys: the list itself, or a sub-select. */
function scopeIds(db: Db, orgId: string, scope: JourneyScope) {
  if ('ids' in scope) return [...scope.ids];
  return db.selectFrom('journeys').select('journeys.id').where('journeys.org_id', '=', orgId).where('journeys.owner_id', '=', scope.ownerId).where('journeys.status', '=', scope.status);
}

const isEmpty = (scope: JourneyScope) => 'ids' in scope && scope.ids.length === 0;

/** Criteria met at each journey's current stage. */
export async function metCriteriaAtCurrentStage(db: Db, orgId: string, scope: JourneyScope) {
  if (isEmpty(scope)) return [];
  return db
    .selectFrom('journey_criteria')
    .innerJoin('journeys', (j) =>
      j
        .onRef('journeys.org_id', '=', 'journey_criteria.org_id')
        .onRef('journeys.id', '=', 'journey_criteria.journey_id')
        .onRef('journeys.stage', '=', 'journey_criteria.stage'),
    )
    .select(['journey_criteria.journey_id', 'journey_criteria.criterion_key', 'journey_criteria.evidence', 'journey_criteria.met_at', 'journey_criteria.met_by'])
    .where('journey_criteria.org_id', '=', orgId)
    .where('journey_criteria.journey_id', 'in', scopeIds(db, orgId, scope))
    .execute();
}

/** How many concerns each journey has, by status and blocking (journeys without concerns are absent). */
export async function concernCounts(db: Db, orgId: string, scope: JourneyScope) {
  if (isEmpty(scope)) return [];
  const rows = await db
    .selectFrom('concerns')
    .select((eb) => ['journey_id', 'status', 'blocking', eb.fn.countAll().as('n')])
    .where('org_id', '=', orgId)
    .where('journey_id', 'in', scopeIds(db, orgId, scope))
    .groupBy(['journey_id', 'status', 'blocking'])
    .execute();
  // PostgreSQL counts in bigint, which pg returns as a string.
  return rows.map((r) => ({ journey_id: r.journey_id, status: r.status, blocking: r.blocking, n: Number(r.n) }));
}

/** The concerns of the scope's journeys that are in one of `statuses`, oldest first. */
export async function concernsIn(db: Db, orgId: string, scope: JourneyScope, statuses: readonly string[]) {
  if (isEmpty(scope) || statuses.length === 0) return [];
  return db
    .selectFrom('concerns')
    .select(['journey_id', 'id', 'text', 'status', 'blocking', 'raised_at'])
    .where('org_id', '=', orgId)
    .where('journey_id', 'in', scopeIds(db, orgId, scope))
    .where('status', 'in', statuses)
    .orderBy('raised_at')
    .orderBy('id')
    .execute();
}

/** Plan steps not yet done that have a due date. */
export async function undoneDatedSteps(db: Db, orgId: string, scope: JourneyScope) {
  if (isEmpty(scope)) return [];
  return db
    .selectFrom('plan_steps')
    .select(['journey_id', 'id', 'title', 'due_date', 'done_at'])
    .where('org_id', '=', orgId)
    .where('journey_id', 'in', scopeIds(db, orgId, scope))
    .where('done_at', 'is', null)
    .where('due_date', 'is not', null)
    .orderBy('due_date')
    .orderBy('id')
    .execute();
}

/** When each journey last had an interaction (journeys without any are absent). */
export async function lastInteractions(db: Db, orgId: string, scope: JourneyScope) {
  if (isEmpty(scope)) return [];
  return db
    .selectFrom('interactions')
    .select((eb) => ['journey_id', eb.fn.max('occurred_at').as('last_at')])
    .where('org_id', '=', orgId)
    .where('journey_id', 'in', scopeIds(db, orgId, scope))
    .groupBy('journey_id')
    .execute();
}
