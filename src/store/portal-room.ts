/** The room's shared work: sign-offs, members' criteria, confirmations, calendar feeds. Every lookup starts with org_id. */
import type { Insertable, Kysely } from 'kysely';
import type { Database, RoomCalendarFeedTable, RoomCriterionConfirmationTable, RoomMemberCriterionTable, RoomSignOffTable } from './schema.ts';
import { fixedRead, fixedReadOne } from './fixed-read.ts';

type Db = Kysely<Database>;

export const listSignOffs = fixedRead((db, orgId: string, journeyId: string) =>
  db.selectFrom('room_sign_offs').selectAll().where('org_id', '=', orgId).where('journey_id', '=', journeyId),
);

export async function upsertSignOff(db: Db, row: Insertable<RoomSignOffTable>): Promise<void> {
  await db
    .insertInto('room_sign_offs')
    .values(row)
    .onConflict((oc) => oc.columns(['org_id', 'journey_id', 'contact_id']).doUpdateSet({ state: row.state, reason: row.reason ?? null, at: row.at }))
    .execute();
}

export const listMemberCriteria = fixedRead((db, orgId: string, journeyId: string) =>
  db.selectFrom('room_member_criteria').selectAll().where('org_id', '=', orgId).where('journey_id', '=', journeyId).orderBy('id'),
);

export const insertMemberCriterion = (db: Db, row: Insertable<RoomMemberCriterionTable>) => db.insertInto('room_member_criteria').values(row).execute();

export const findMemberCriterion = (db: Db, orgId: string, journeyId: string, id: string) =>
  db.selectFrom('room_member_criteria').selectAll().where('org_id', '=', orgId).where('journey_id', '=', journeyId).where('id', '=', id).executeTakeFirst();

export const deleteMemberCriterion = (db: Db, orgId: string, id: string) =>
  db.deleteFrom('room_member_criteria').where('org_id', '=', orgId).where('id', '=', id).execute();

export const listConfirmations = fixedRead((db, orgId: string, journeyId: string, stage: string) =>
  db
    .selectFrom('room_criterion_confirmations as r')
    .innerJoin('contacts as c', (j) => j.onRef('c.org_id', '=', 'r.org_id').onRef('c.id', '=', 'r.contact_id'))
    .select(['r.criterion_key', 'r.contact_id', 'r.confirmed_at', 'c.name'])
    .where('r.org_id', '=', orgId)
    .where('r.journey_id', '=', journeyId)
    .where('r.stage', '=', stage),
);

export async function upsertConfirmation(db: Db, row: Insertable<RoomCriterionConfirmationTable>): Promise<void> {
  await db
    .insertInto('room_criterion_confirmations')
    .values(row)
    .onConflict((oc) => oc.columns(['org_id', 'journey_id', 'stage', 'criterion_key']).doUpdateSet({ contact_id: row.contact_id, confirmed_at: row.confirmed_at }))
    .execute();
}

export const findCalendarFeed = (db: Db, orgId: string, tokenHash: string) =>
  db.selectFrom('room_calendar_feeds').selectAll().where('org_id', '=', orgId).where('token_hash', '=', tokenHash).executeTakeFirst();

const calendarFeedOf = fixedReadOne((db, orgId: string, journeyId: string, contactId: string) =>
  db.selectFrom('room_calendar_feeds').select('token_hash').where('org_id', '=', orgId).where('journey_id', '=', journeyId).where('contact_id', '=', contactId),
);

export const hasCalendarFeed = async (db: Db, orgId: string, journeyId: string, contactId: string) => (await calendarFeedOf(db, orgId, journeyId, contactId)) !== undefined;

/** The buyer's one feed: a new address replaces the earlier one, which stops working. */
export async function replaceCalendarFeed(db: Db, row: Insertable<RoomCalendarFeedTable>): Promise<void> {
  await db.deleteFrom('room_calendar_feeds').where('org_id', '=', row.org_id).where('journey_id', '=', row.journey_id).where('contact_id', '=', row.contact_id).execute();
  await db.insertInto('room_calendar_feeds').values(row).execute();
}
