/** Cases' steps and the org-wide reads of cases (lists, Today, figures). Every lookup starts with org_id. */
import type { Insertable, Kysely, Updateable } from 'kysely';
import type { CaseStepTable, CaseTable, Database } from './schema.ts';

type Db = Kysely<Database>;

export const insertCaseStep = (db: Db, row: Insertable<CaseStepTable>) => db.insertInto('case_steps').values(row).execute();

/** The steps of the given cases, in the order they happened. */
export const caseStepsOf = (db: Db, orgId: string, caseIds: readonly string[]) =>
  caseIds.length === 0
    ? Promise.resolve([])
    : db.selectFrom('case_steps').selectAll().where('org_id', '=', orgId).where('case_id', 'in', caseIds).orderBy('case_id').orderBy('id').execute();

/**
 * Writes the case's derived columns, and so takes the row's lock first
 * thing in a transaction: two answers to one proposal run one after the other.
 */
export const setCaseColumns = (db: Db, orgId: string, id: string, set: Updateable<CaseTable>) =>
  db.updateTable('cases').set(set).where('org_id', '=', orgId).where('id', '=', id).execute();

const withJourney = (db: Db, orgId: string) =>
  db
    .selectFrom('cases')
    .innerJoin('journeys', (j) => j.onRef('journeys.org_id', '=', 'cases.org_id').onRef('journeys.id', '=', 'cases.journey_id'))
    .innerJoin('accounts', (j) => j.onRef('accounts.org_id', '=', 'cases.org_id').onRef('accounts.id', '=', 'cases.account_id'))
    .selectAll('cases')
    .select(['journeys.title as journey_title', 'journeys.owner_id as owner_id', 'accounts.name as account_name'])
    .where('cases.org_id', '=', orgId);

export interface OrgCaseFilter {
  statuses?: readonly string[] | undefined;
  ownerId?: string | undefined;
  accountId?: string | undefined;
  openedFrom?: string;
  openedBefore?: string;
  /** one page by id: those after (ascending) or before (descending) this id, at most `limit` */
  page?: { order: 'asc' | 'desc'; after?: string | undefined; limit: number };
}

/** The org's cases with their journey and account, filtered by status, the journey's owner and the account; by id. */
export function orgCases(db: Db, orgId: string, f: OrgCaseFilter) {
  let q = withJourney(db, orgId);
  if (f.statuses) q = q.where('cases.status', 'in', f.statuses);
  if (f.ownerId) q = q.where('journeys.owner_id', '=', f.ownerId);
  if (f.accountId) q = q.where('cases.account_id', '=', f.accountId);
  if (f.openedFrom) q = q.where('cases.opened_at', '>=', f.openedFrom);
  if (f.openedBefore) q = q.where('cases.opened_at', '<', f.openedBefore);
  if (!f.page) return q.orderBy('cases.id').execute();
  const { order, after, limit } = f.page;
  if (after !== undefined) q = q.where('cases.id', order === 'asc' ? '>' : '<', after);
  return q.orderBy('cases.id', order).limit(limit).execute();
}

export type CaseWithJourney = Awaited<ReturnType<typeof orgCases>>[number];

/**
 * What a seller's Today needs of cases: those of their journeys still
 * unanswered, and those resolved at or before `resolvedBy` and not checked
 * in since.
 */
export function ownerCasesForToday(db: Db, orgId: string, ownerId: string, resolvedBy: string) {
  return withJourney(db, orgId)
    .where('journeys.owner_id', '=', ownerId)
    .where((eb) =>
      eb.or([
        eb.and([eb('cases.status', 'in', ['open', 'proposed']), eb('cases.first_response_at', 'is', null)]),
        eb.and([
          eb('cases.status', '=', 'resolved'),
          eb('cases.resolved_at', '<=', resolvedBy),
          eb.or([eb('cases.checked_in_at', 'is', null), eb('cases.checked_in_at', '<', eb.ref('cases.resolved_at'))]),
        ]),
      ]),
    )
    .orderBy('cases.id')
    .execute();
}
