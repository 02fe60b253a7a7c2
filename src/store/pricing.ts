/** What pricing reads and keeps: the org's price rules, and the order lines a price's history is made of. */
import type { Insertable, Kysely, Updateable } from 'kysely';
import type { Database, PriceRuleTable } from './schema.ts';

type Db = Kysely<Database>;

export const insertPriceRule = (db: Db, row: Insertable<PriceRuleTable>) => db.insertInto('price_rules').values(row).execute();

export const findPriceRule = (db: Db, orgId: string, id: string) =>
  db.selectFrom('price_rules').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();

export const updatePriceRuleRow = (db: Db, orgId: string, id: string, set: Updateable<PriceRuleTable>) =>
  db.updateTable('price_rules').set(set).where('org_id', '=', orgId).where('id', '=', id).execute();

export const deletePriceRuleRow = (db: Db, orgId: string, id: string) => db.deleteFrom('price_rules').where('org_id', '=', orgId).where('id', '=', id).execute();

/** The org's rules, oldest first; `kind` and `active` filter. An org keeps tens of rules, not thousands: no paging. */
export function listPriceRuleRows(db: Db, orgId: string, f: { kind?: string | undefined; active?: boolean | undefined } = {}) {
  let q = db.selectFrom('price_rules').selectAll().where('org_id', '=', orgId);
  if (f.kind) q = q.where('kind', '=', f.kind);
  if (f.active !== undefined) q = q.where('active', '=', f.active ? 1 : 0);
  return q.orderBy('id').execute();
}

/**
 * Order lines for these products from `since` (a date or time, inclusive) up to
 * `until` (exclusive), of one account or (accountId null) of everyone.
 */
export function productOrders(db: Db, orgId: string, productIds: readonly string[], since: string, until: string, accountId: string | null) {
  let q = db
    .selectFrom('orders')
    .select(['id', 'account_id', 'product_id', 'ordered_at', 'quantity', 'amount_minor'])
    .where('org_id', '=', orgId)
    .where('product_id', 'in', productIds)
    .where('ordered_at', '>=', since)
    .where('ordered_at', '<', until);
  if (accountId !== null) q = q.where('account_id', '=', accountId);
  return q.execute();
}
