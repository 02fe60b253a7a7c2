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

export const insertAudit = (db: Db, row: Insertable<AuditTable>) => db.insertInto('audit_log').values(row).execute();

export function listAudit(db: Db, orgId: string, opts: { entity?: string | undefined; entityId?: string | undefined; before?: string | undefined; limit: number }) {
  let q = db.selectFrom('audit_log').selectAll().where('org_id', '=', orgId);
  if (opts.entity) q = q.where('entity', '=', opts.entity);
  if (opts.entityId) q = q.where('entity_id', '=', opts.entityId);
  if (opts.before) q = q.where('id', '<', opts.before);
  return q.orderBy('id', 'desc').limit(opts.limit).execute();
}
