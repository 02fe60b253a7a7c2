/** The room's dialogue: comments, the guest link, cases and their messages. Every lookup starts with org_id. */
import type { Insertable, Kysely, Updateable } from 'kysely';
import type { CaseMessageTable, CaseTable, CommentGuestLinkTable, CommentTable, Database } from './schema.ts';

type Db = Kysely<Database>;

export const insertComment = (db: Db, row: Insertable<CommentTable>) => db.insertInto('comments').values(row).execute();

export const findComment = (db: Db, orgId: string, id: string) =>
  db.selectFrom('comments').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();

/** A journey's comments, oldest first; only the given statuses when asked. */
export function journeyComments(db: Db, orgId: string, journeyId: string, statuses?: readonly string[]) {
  let q = db.selectFrom('comments').selectAll().where('org_id', '=', orgId).where('journey_id', '=', journeyId);
  if (statuses) q = q.where('status', 'in', statuses);
  return q.orderBy('id').execute();
}

/** Moderates a pending comment; returns how many rows changed (0 when it was no longer pending). */
export async function moderateComment(db: Db, orgId: string, id: string, set: Pick<Updateable<CommentTable>, 'status' | 'moderated_by' | 'moderated_at'>): Promise<number> {
  const res = await db.updateTable('comments').set(set).where('org_id', '=', orgId).where('id', '=', id).where('status', '=', 'pending').executeTakeFirst();
  return Number(res.numUpdatedRows);
}

/** Makes or replaces the journey's guest link. */
export async function putGuestLink(db: Db, row: Insertable<CommentGuestLinkTable>) {
  await db.deleteFrom('comment_guest_links').where('org_id', '=', row.org_id).where('journey_id', '=', row.journey_id).execute();
  await db.insertInto('comment_guest_links').values(row).execute();
}

export const findGuestLink = (db: Db, orgId: string, journeyId: string) =>
  db.selectFrom('comment_guest_links').selectAll().where('org_id', '=', orgId).where('journey_id', '=', journeyId).executeTakeFirst();

export const findGuestLinkByHash = (db: Db, orgId: string, tokenHash: string) =>
  db.selectFrom('comment_guest_links').selectAll().where('org_id', '=', orgId).where('token_hash', '=', tokenHash).executeTakeFirst();

export async function deleteGuestLink(db: Db, orgId: string, journeyId: string): Promise<number> {
  const res = await db.deleteFrom('comment_guest_links').where('org_id', '=', orgId).where('journey_id', '=', journeyId).executeTakeFirst();
  return Number(res.numDeletedRows);
}

export const insertCase = (db: Db, row: Insertable<CaseTable>) => db.insertInto('cases').values(row).execute();

export const findCase = (db: Db, orgId: string, id: string) => db.selectFrom('cases').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();

/** A journey's cases, oldest first. */
export const journeyCases = (db: Db, orgId: string, journeyId: string) =>
  db.selectFrom('cases').selectAll().where('org_id', '=', orgId).where('journey_id', '=', journeyId).orderBy('id').execute();

export const updateCase = (db: Db, orgId: string, id: string, set: Updateable<CaseTable>) =>
  db.updateTable('cases').set(set).where('org_id', '=', orgId).where('id', '=', id).execute();

export const insertCaseMessage = (db: Db, row: Insertable<CaseMessageTable>) => db.insertInto('case_messages').values(row).execute();

/** The messages of the given cases, oldest first. */
export const caseMessages = (db: Db, orgId: string, caseIds: readonly string[]) =>
  caseIds.length === 0
    ? Promise.resolve([])
    : db.selectFrom('case_messages').selectAll().where('org_id', '=', orgId).where('case_id', 'in', caseIds).orderBy('id').execute();
