/** Products and their recorded costs. */
import type { Insertable, Kysely, Updateable } from 'kysely';
import { prefixUpperBound } from '../domain/swedish.ts';
import type { Database, ProductCostTable, ProductTable } from './schema.ts';

type Db = Kysely<Database>;

export const insertProduct = (db: Db, row: Insertable<ProductTable>) => db.insertInto('products').values(row).execute();

export const findProduct = (db: Db, orgId: string, id: string) =>
  db.selectFrom('products').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();

export const findProductBySku = (db: Db, orgId: string, sku: string) =>
  db.selectFrom('products').select(['id']).where('org_id', '=', orgId).where('sku', '=', sku).executeTakeFirst();

/** The org's products with these SKUs (exact). */
export const productsBySku = (db: Db, orgId: string, skus: readonly string[]) =>
  skus.length === 0 ? Promise.resolve([]) : db.selectFrom('products').select(['id', 'sku']).where('org_id', '=', orgId).where('sku', 'in', skus).execute();

export const updateProductRow = (db: Db, orgId: string, id: string, set: Updateable<ProductTable>) =>
  db.updateTable('products').set(set).where('org_id', '=', orgId).where('id', '=', id).execute();

/** Products by SKU, keyset-paged; `skuPrefix` finds SKUs that start with it, `active` keeps active or inactive ones. */
export function listProductRows(db: Db, orgId: string, opts: { skuPrefix?: string | undefined; active?: boolean | undefined; after?: string | undefined; limit: number }) {
  let q = db.selectFrom('products').selectAll().where('org_id', '=', orgId);
  if (opts.skuPrefix) q = q.where('sku', '>=', opts.skuPrefix).where('sku', '<', prefixUpperBound(opts.skuPrefix));
  if (opts.active !== undefined) q = q.where('active', '=', opts.active ? 1 : 0);
  if (opts.after) q = q.where('sku', '>', opts.after);
  return q.orderBy('sku').limit(opts.limit).execute();
}

export const insertProductCost = (db: Db, row: Insertable<ProductCostTable>) => db.insertInto('product_costs').values(row).execute();

/** A product's recorded costs, the latest effective first. */
export const listProductCosts = (db: Db, orgId: string, productId: string) =>
  db.selectFrom('product_costs').selectAll().where('org_id', '=', orgId).where('product_id', '=', productId).orderBy('effective_from', 'desc').orderBy('id', 'desc').execute();
