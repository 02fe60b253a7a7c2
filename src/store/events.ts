import type { Insertable, Kysely } from 'kysely';
import type { AuditTable, Database, TimelineEventTable } from './schema.ts';

type Db = Kysely<Database>;

export const insertTimelineEvent = (db: Db, row: Insertable<TimelineEventTable>) => db.insertInto('timeline_events').values(row).execute();

export interface TimeCursor {
  at: string;
  id: string;
}

/** A journey's timeline, newest first, keyset-paged on (at, id). */
export function listTimeline(db: Db, orgId: string, journeyId: string, opts: { before?: TimeCursor | undefined; limit: number }) {
  let q = db.selectFrom('timeline_events').selectAll().where('org_id', '=', orgId).where('journey_id', '=', journeyId);
  const before = opts.before;
  if (before) q = q.where((eb) => eb.or([eb('at', '<', before.at), eb.and([eb('at', '=', before.at), eb('id', '<', before.id)])]));
  return q.orderBy('at', 'desc').orderBy('id', 'desc').limit(opts.limit).execute();
}

/**
 * The timelines of all of an account's journeys, merged, newest first,
 * keyset-paged on (at, id), each row with its journey's title.
 *
 * Through the existing indexes, not an account_id copied onto every event: an
 * account has a handful of journeys, found by journeys_account, and each
 * journey's events up to the cursor are a range of timeline_events_journey
 * (org_id, journey_id, at, id); a page sorts those few ranges. A copied
 * column with its own index would serve a page straight from one index, but
 * must be kept right should a journey ever move to another account, and pays
 * off only for accounts with very many journeys; add it then.
 *
 * The journeys are named by `journey_id IN (sub-select)`: SQLite, which has
 * no statistics, then starts from the account's journeys; written as a plain
 * join it may scan every event of the org instead.
 */
export function listAccountTimeline(db: Db, orgId: string, accountId: string, opts: { before?: TimeCursor | undefined; limit: number }) {
  let q = db
    .selectFrom('timeline_events as e')
    .innerJoin('journeys as j', (join) => join.onRef('j.org_id', '=', 'e.org_id').onRef('j.id', '=', 'e.journey_id'))
    .selectAll('e')
    .select('j.title as journey_title')
    .where('e.org_id', '=', orgId)
    .where('e.journey_id', 'in', (eb) => eb.selectFrom('journeys').select('journeys.id').where('journeys.org_id', '=', orgId).where('journeys.account_id', '=', accountId));
  const before = opts.before;
  if (before) {
    q = q
      // Redundant with the OR below, but a plain bound the index can range over on both backends.
      .where('e.at', '<=', before.at)
      .where((eb) => eb.or([eb('e.at', '<', before.at), eb.and([eb('e.at', '=', before.at), eb('e.id', '<', before.id)])]));
  }
  return q.orderBy('e.at', 'desc').orderBy('e.id', 'desc').limit(opts.limit).execute();
}

export const insertAudit = (db: Db, row: Insertable<AuditTable>) => db.insertInto('audit_log').values(row).execute();

export function listAudit(db: Db, orgId: string, opts: { entity?: string | undefined; entityId?: string | undefined; before?: string | undefined; limit: number }) {
  let q = db.selectFrom('audit_log').selectAll().where('org_id', '=', orgId);
  if (opts.entity) q = q.where('entity', '=', opts.entity);
  if (opts.entityId) q = q.where('entity_id', '=', opts.entityId);
  if (opts.before) q = q.where('id', '<', opts.before);
  return q.orderBy('id', 'desc').limit(opts.limit).execute();
}
