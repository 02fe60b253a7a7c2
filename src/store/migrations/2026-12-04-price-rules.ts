/**
 * Price rules (DESIGN §6) and the product an order line was for.
 *
 * - price_rules: an org's demand, cost and discount rules. The rule itself
 *   is JSON in the engine's shape (domain/pricing-types.ts) without its id;
 *   `kind` and `active` are columns so lists can filter on them.
 * - orders.product_id: which product an order was for, when known (entered
 *   with one, or made by an accepted quote): the reference price and the
 *   emergency limit read these.
 */
import type { ColumnDefinitionBuilder } from 'kysely';
import { sql } from 'kysely';
import type { MigrationDb, SqlDialect } from './index.ts';

export async function up(db: MigrationDb, dialect: SqlDialect): Promise<void> {
  const key = (c: ColumnDefinitionBuilder) => (dialect === 'postgres' ? c.modifyEnd(sql`collate "C"`) : c);
  const keyNotNull = (c: ColumnDefinitionBuilder) => key(c).notNull();

  await db.schema
    .createTable('price_rules')
    .addColumn('org_id', 'text', keyNotNull)
    .addColumn('id', 'text', keyNotNull)
    .addColumn('kind', 'text', keyNotNull)
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('price_rules_pk', ['org_id', 'id'])
    .addForeignKeyConstraint('price_rules_org_fk', ['org_id'], 'orgs', ['id'], (f) => f.onDelete('cascade'))
    .execute();

  await db.schema.alterTable('orders').addColumn('product_id', 'text', key).execute();
  await db.schema.createIndex('orders_product').on('orders').columns(['org_id', 'product_id', 'ordered_at']).execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropIndex('orders_product').execute();
  await db.schema.alterTable('orders').dropColumn('product_id').execute();
  await db.schema.dropTable('price_rules').execute();
}
