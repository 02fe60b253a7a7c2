import { sql, type Insertable, type Kysely, type Updateable } from 'kysely';
import type {
  ConcernTable,
  Database,
  InteractionTable,
  JourneyCriterionTable,
  JourneyTable,
  PlanStepTable,
  StageChangeTable,
} from './schema.ts';
import { fixedRead, fixedReadOne } from './fixed-read.ts';

type Db = Kysely<Database>;

export const insertJourney = (db: Db, row: Insertable<JourneyTable>) => db.insertInto('journeys').values(row).execute();

export const findJourney = fixedReadOne((db, orgId: string, id: string) => db.selectFrom('journeys').selectAll().where('org_id', '=', orgId).where('id', '=', id));

/** Updates a journey only if it is still at `expectedStage`; returns whether it did (a lost race returns false). */
export async function updateJourneyAtStage(db: Db, orgId: string, id: string, expectedStage: string, set: Updateable<JourneyTable>): Promise<boolean> {
  const res = await db
    .updateTable('journeys')
    .set(set)
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('stage', '=', expectedStage)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/**
 * Takes the journey's row lock for the rest of the transaction (an update
 * that changes nothing): changes to its quotes that must see one another —
 * sending a version, answering one — run one after the other on PostgreSQL
 * too. (SQLite runs one writing transaction at a time anyway.)
 */
export const lockJourneyRow = (db: Db, orgId: string, id: string) =>
  db
    .updateTable('journeys')
    .set((eb) => ({ updated_at: eb.ref('updated_at') }))
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .execute();

export const updateJourney = (db: Db, orgId: string, id: string, set: Updateable<JourneyTable>) =>
  db.updateTable('journeys').set(set).where('org_id', '=', orgId).where('id', '=', id).execute();

export interface JourneyFilter {
  stage?: string | undefined;
  status?: string | undefined;
  ownerId?: string | undefined;
  accountId?: string | undefined;
  templateId?: string | undefined;
  /** a name key (domain/swedish.ts): journeys whose title or account name contains it */
  textKey?: string | undefined;
  /** id of the last journey of the previous page; newest first */
  before?: string | undefined;
  /** omitted: every matching journey (Today ranks all of an owner's open journeys) */
  limit?: number | undefined;
}

const LIKE_ESCAPE = '\\';

/** `%`, `_` and the escape character itself match literally after this (with ESCAPE LIKE_ESCAPE). */
export const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (c) => LIKE_ESCAPE + c);

/** Journeys with their account's name and loyalty tier (null: `new`), newest first, keyset-paged on id. */
export function listJourneys(db: Db, orgId: string, f: JourneyFilter) {
  let q = db
    .selectFrom('journeys')
    .innerJoin('accounts', (j) => j.onRef('accounts.org_id', '=', 'journeys.org_id').onRef('accounts.id', '=', 'journeys.account_id'))
    .leftJoin('account_loyalty', (j) => j.onRef('account_loyalty.org_id', '=', 'journeys.org_id').onRef('account_loyalty.account_id', '=', 'journeys.account_id'))
    .selectAll('journeys')
    .select(['accounts.name as account_name', 'account_loyalty.tier as account_tier'])
    .where('journeys.org_id', '=', orgId);
  if (f.stage) q = q.where('journeys.stage', '=', f.stage);
  if (f.status) q = q.where('journeys.status', '=', f.status);
  if (f.ownerId) q = q.where('journeys.owner_id', '=', f.ownerId);
  if (f.accountId) q = q.where('journeys.account_id', '=', f.accountId);
  if (f.templateId) q = q.where('journeys.template_id', '=', f.templateId);
  if (f.textKey) {
    // A substring match: ESCAPE is standard SQL and reads the same on SQLite and
    // PostgreSQL. The escape character is a parameter, so no backslash-in-literal
    // rules (standard_conforming_strings) come into play.
    const pattern = `%${escapeLike(f.textKey)}%`;
    q = q.where(sql<boolean>`(journeys.title_key like ${pattern} escape ${LIKE_ESCAPE} or accounts.name_key like ${pattern} escape ${LIKE_ESCAPE})`);
  }
  if (f.before) q = q.where('journeys.id', '<', f.before);
  q = q.orderBy('journeys.id', 'desc');
  return (f.limit === undefined ? q : q.limit(f.limit)).execute();
}

export type JourneyWithAccount = Awaited<ReturnType<typeof listJourneys>>[number];

export const metCriteria = fixedRead((db, orgId: string, journeyId: string, stage: string) =>
  db.selectFrom('journey_criteria').selectAll().where('org_id', '=', orgId).where('journey_id', '=', journeyId).where('stage', '=', stage),
);

export const findMetCriterion = (db: Db, orgId: string, journeyId: string, stage: string, key: string) =>
  db
    .selectFrom('journey_criteria')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('journey_id', '=', journeyId)
    .where('stage', '=', stage)
    .where('criterion_key', '=', key)
    .executeTakeFirst();

export async function upsertCriterion(db: Db, row: Insertable<JourneyCriterionTable>): Promise<void> {
  await db
    .insertInto('journey_criteria')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['org_id', 'journey_id', 'stage', 'criterion_key']).doUpdateSet({ evidence: row.evidence, met_at: row.met_at, met_by: row.met_by }),
    )
    .execute();
}

export const deleteCriterion = (db: Db, orgId: string, journeyId: string, stage: string, key: string) =>
  db
    .deleteFrom('journey_criteria')
    .where('org_id', '=', orgId)
    .where('journey_id', '=', journeyId)
    .where('stage', '=', stage)
    .where('criterion_key', '=', key)
    .execute();

export const insertStageChange = (db: Db, row: Insertable<StageChangeTable>) => db.insertInto('stage_changes').values(row).execute();

export const listStageChanges = fixedRead((db, orgId: string, journeyId: string) =>
  db.selectFrom('stage_changes').selectAll().where('org_id', '=', orgId).where('journey_id', '=', journeyId).orderBy('at').orderBy('id'),
);

export const insertInteraction = (db: Db, row: Insertable<InteractionTable>) => db.insertInto('interactions').values(row).execute();

export const insertConcern = (db: Db, row: Insertable<ConcernTable>) => db.insertInto('concerns').values(row).execute();

export const findConcern = (db: Db, orgId: string, journeyId: string, id: string) =>
  db.selectFrom('concerns').selectAll().where('org_id', '=', orgId).where('journey_id', '=', journeyId).where('id', '=', id).executeTakeFirst();

export const updateConcern = (db: Db, orgId: string, id: string, set: Updateable<ConcernTable>) =>
  db.updateTable('concerns').set(set).where('org_id', '=', orgId).where('id', '=', id).execute();

export const listConcerns = fixedRead((db, orgId: string, journeyId: string) =>
  db.selectFrom('concerns').selectAll().where('org_id', '=', orgId).where('journey_id', '=', journeyId).orderBy('id'),
);

export const insertPlanStep = (db: Db, row: Insertable<PlanStepTable>) => db.insertInto('plan_steps').values(row).execute();

export const findPlanStep = (db: Db, orgId: string, journeyId: string, id: string) =>
  db.selectFrom('plan_steps').selectAll().where('org_id', '=', orgId).where('journey_id', '=', journeyId).where('id', '=', id).executeTakeFirst();

export const updatePlanStep = (db: Db, orgId: string, id: string, set: Updateable<PlanStepTable>) =>
  db.updateTable('plan_steps').set(set).where('org_id', '=', orgId).where('id', '=', id).execute();

export const listPlanSteps = fixedRead((db, orgId: string, journeyId: string) =>
  db.selectFrom('plan_steps').selectAll().where('org_id', '=', orgId).where('journey_id', '=', journeyId).orderBy('position').orderBy('id'),
);
