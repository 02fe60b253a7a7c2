/**
 * Products and their recorded costs (DESIGN §6).
 *
 * - products: what an org sells, with its list price in minor units, currency
 *   and VAT rate in basis points (2500 = 25 %). The SKU is unique in the org.
 *   A product is never deleted (quotes and orders will point at it); it is
 *   made inactive instead.
 * - product_costs: cost changes per product from a date, so that a cost rule
 *   can pass a recorded increase on, labelled as such.
 */
import type { ColumnDefinitionBuilder } from 'kysely';
import { sql } from 'kysely';
import type { MigrationDb, SqlDialect } from './index.ts';

export async function up(db: MigrationDb, dialect: SqlDialect): Promise<void> {
  const key = (c: ColumnDefinitionBuilder) => (dialect === 'postgres' ? c.modifyEnd(sql`collate "C"`) : c);
  const keyNotNull = (c: ColumnDefinitionBuilder) => key(c).notNull();
  const money = dialect === 'postgres' ? 'bigint' : 'integer';

  await db.schema
    .createTable('products')
    .addColumn('org_id', 'text', keyNotNull)
    .addColumn('id', 'text', keyNotNull)
    .addColumn('sku', 'text', keyNotNull)
    .addColumn('name_sv', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('list_price_minor', money, (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('vat_rate_bp', 'integer', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('products_pk', ['org_id', 'id'])
    .addForeignKeyConstraint('products_org_fk', ['org_id'], 'orgs', ['id'], (f) => f.onDelete('cascade'))
    .execute();
  await db.schema.createIndex('products_sku').unique().on('products').columns(['org_id', 'sku']).execute();

  await db.schema
    .createTable('product_costs')
    .addColumn('org_id', 'text', keyNotNull)
    .addColumn('id', 'text', keyNotNull)
    .addColumn('product_id', 'text', keyNotNull)
    .addColumn('cost_minor', money, (c) => c.notNull())
    // YYYY-MM-DD: the cost holds from this day on
    .addColumn('effective_from', 'text', keyNotNull)
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('product_costs_pk', ['org_id', 'id'])
    .addForeignKeyConstraint('product_costs_product_fk', ['org_id', 'product_id'], 'products', ['org_id', 'id'], (f) => f.onDelete('cascade'))
    .execute();
  await db.schema.createIndex('product_costs_product').on('product_costs').columns(['org_id', 'product_id', 'effective_from']).execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropTable('product_costs').execute();
  await db.schema.dropTable('products').execute();
}
