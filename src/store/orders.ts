/** Orders: past purchases, imported or entered. */
import type { Insertable, Kysely, Updateable } from 'kysely';
import type { Database, OrderTable } from './schema.ts';

type Db = Kysely<Database>;

export const insertOrder = (db: Db, row: Insertable<OrderTable>) => db.insertInto('orders').values(row).execute();

export const findOrder = (db: Db, orgId: string, id: string) =>
  db.selectFrom('orders').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();

export const findOrderByExternalId = (db: Db, orgId: string, externalId: string) =>
  db.selectFrom('orders').select(['id']).where('org_id', '=', orgId).where('external_id', '=', externalId).executeTakeFirst();

export const updateOrderRow = (db: Db, orgId: string, id: string, set: Updateable<OrderTable>) =>
  db.updateTable('orders').set(set).where('org_id', '=', orgId).where('id', '=', id).execute();

export const deleteOrderRow = (db: Db, orgId: string, id: string) => db.deleteFrom('orders').where('org_id', '=', orgId).where('id', '=', id).execute();

/** An account's orders, the latest purchase first (the index on account and date serves it). */
export function listAccountOrders(db: Db, orgId: string, accountId: string, opts: { before?: { at: string; id: string } | undefined; limit: number }) {
  let q = db.selectFrom('orders').selectAll().where('org_id', '=', orgId).where('account_id', '=', accountId);
  const b = opts.before;
  if (b) q = q.where((eb) => eb.or([eb('ordered_at', '<', b.at), eb.and([eb('ordered_at', '=', b.at), eb('id', '<', b.id)])]));
  return q.orderBy('ordered_at', 'desc').orderBy('id', 'desc').limit(opts.limit).execute();
}

/** The org's orders, the latest entered first (by id, which sorts by time of entry). */
export function listOrgOrders(db: Db, orgId: string, opts: { before?: string | undefined; limit: number }) {
  let q = db.selectFrom('orders').selectAll().where('org_id', '=', orgId);
  if (opts.before) q = q.where('id', '<', opts.before);
  return q.orderBy('id', 'desc').limit(opts.limit).execute();
}
