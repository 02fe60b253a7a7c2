/**
 * Loyalty (DESIGN §7) and org settings.
 *
 * - org_settings: one JSON document per org and topic (`loyalty` now, the
 *   pricing policy later), so a new setting needs no new table.
 * - account_loyalty: each account's order totals, R/F/M scores and tier as
 *   last computed (pAlive and expected orders follow from these and the
 *   model when read). An account without a row has no orders and is `new`.
 * - loyalty_state: per org, the quintile cuts the scores were made against
 *   and the BG/NBD model last fitted, so that one changed order can be scored
 *   at once without looking at every other account.
 * - tier_changes: every change of an account's tier, with its cause.
 */
import type { ColumnDefinitionBuilder } from 'kysely';
import { sql } from 'kysely';
import type { MigrationDb, SqlDialect } from './index.ts';

export async function up(db: MigrationDb, dialect: SqlDialect): Promise<void> {
  const key = (c: ColumnDefinitionBuilder) => (dialect === 'postgres' ? c.modifyEnd(sql`collate "C"`) : c);
  const keyNotNull = (c: ColumnDefinitionBuilder) => key(c).notNull();
  const money = dialect === 'postgres' ? 'bigint' : 'integer';

  await db.schema
    .createTable('org_settings')
    .addColumn('org_id', 'text', keyNotNull)
    .addColumn('key', 'text', keyNotNull)
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('org_settings_pk', ['org_id', 'key'])
    .addForeignKeyConstraint('org_settings_org_fk', ['org_id'], 'orgs', ['id'], (f) => f.onDelete('cascade'))
    .execute();

  await db.schema
    .createTable('account_loyalty')
    .addColumn('org_id', 'text', keyNotNull)
    .addColumn('account_id', 'text', keyNotNull)
    .addColumn('tier', 'text', keyNotNull)
    .addColumn('first_order_on', 'text', (c) => c.notNull())
    .addColumn('last_order_on', 'text', (c) => c.notNull())
    // distinct purchase days: BG/NBD's repeat purchases are this less one
    .addColumn('order_days', 'integer', (c) => c.notNull())
    .addColumn('frequency', 'integer', (c) => c.notNull())
    .addColumn('monetary_minor', money, (c) => c.notNull())
    .addColumn('r', 'integer', (c) => c.notNull())
    .addColumn('f', 'integer', (c) => c.notNull())
    .addColumn('m', 'integer', (c) => c.notNull())
    .addColumn('computed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('account_loyalty_pk', ['org_id', 'account_id'])
    .addForeignKeyConstraint('account_loyalty_account_fk', ['org_id', 'account_id'], 'accounts', ['org_id', 'id'], (f) => f.onDelete('cascade'))
    .execute();
  await db.schema.createIndex('account_loyalty_tier').on('account_loyalty').columns(['org_id', 'tier']).execute();

  await db.schema
    .createTable('loyalty_state')
    .addColumn('org_id', 'text', (c) => key(c).primaryKey())
    // JSON {r: [...], f: [...], m: [...]}: the quintile cuts (domain/loyalty.ts)
    .addColumn('cuts', 'text', (c) => c.notNull())
    // JSON BG/NBD fit in weeks, or null before there was anything to fit
    .addColumn('model', 'text')
    .addColumn('accounts', 'integer', (c) => c.notNull())
    .addColumn('computed_at', 'text', (c) => c.notNull())
    .addForeignKeyConstraint('loyalty_state_org_fk', ['org_id'], 'orgs', ['id'], (f) => f.onDelete('cascade'))
    .execute();

  await db.schema
    .createTable('tier_changes')
    .addColumn('org_id', 'text', keyNotNull)
    .addColumn('id', 'text', keyNotNull)
    .addColumn('account_id', 'text', keyNotNull)
    .addColumn('from_tier', 'text', (c) => c.notNull())
    .addColumn('to_tier', 'text', (c) => c.notNull())
    .addColumn('at', 'text', keyNotNull)
    // order | recompute | settings
    .addColumn('cause', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('tier_changes_pk', ['org_id', 'id'])
    .addForeignKeyConstraint('tier_changes_account_fk', ['org_id', 'account_id'], 'accounts', ['org_id', 'id'], (f) => f.onDelete('cascade'))
    .execute();
  await db.schema.createIndex('tier_changes_account').on('tier_changes').columns(['org_id', 'account_id', 'at']).execute();
  await db.schema.createIndex('tier_changes_at').on('tier_changes').columns(['org_id', 'at']).execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropTable('tier_changes').execute();
  await db.schema.dropTable('loyalty_state').execute();
  await db.schema.dropTable('account_loyalty').execute();
  await db.schema.dropTable('org_settings').execute();
}
