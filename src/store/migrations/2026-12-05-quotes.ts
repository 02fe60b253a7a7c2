/**
 * Quotes on a journey (DESIGN §6): priced at a moment by the engine, sent
 * (the prices then bind until valid_until), viewed, accepted or declined,
 * superseded by a newer version. Each line keeps what the engine said:
 * reference price, adjustments with their reasons, the limit that bound it,
 * so a quote explains itself forever, whatever the rules become.
 */
import type { ColumnDefinitionBuilder } from 'kysely';
import { sql } from 'kysely';
import type { MigrationDb, SqlDialect } from './index.ts';

export async function up(db: MigrationDb, dialect: SqlDialect): Promise<void> {
  const key = (c: ColumnDefinitionBuilder) => (dialect === 'postgres' ? c.modifyEnd(sql`collate "C"`) : c);
  const keyNotNull = (c: ColumnDefinitionBuilder) => key(c).notNull();
  const money = dialect === 'postgres' ? 'bigint' : 'integer';

  await db.schema
    .createTable('quotes')
    .addColumn('org_id', 'text', keyNotNull)
    .addColumn('id', 'text', keyNotNull)
    .addColumn('journey_id', 'text', keyNotNull)
    .addColumn('account_id', 'text', keyNotNull)
    .addColumn('version', 'integer', (c) => c.notNull())
    // draft | sent | viewed | accepted | declined | superseded (expired is read from valid_until)
    .addColumn('status', 'text', keyNotNull)
    .addColumn('tier', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('priced_at', 'text', (c) => c.notNull())
    .addColumn('valid_until', 'text')
    .addColumn('total_minor', money, (c) => c.notNull())
    .addColumn('vat_minor', money, (c) => c.notNull())
    .addColumn('reference_total_minor', money, (c) => c.notNull())
    .addColumn('consent_required', 'integer', (c) => c.notNull())
    .addColumn('consent_threshold_bp', 'integer', (c) => c.notNull())
    .addColumn('consent_multiplier_tenths', 'integer')
    .addColumn('sent_at', 'text')
    .addColumn('viewed_at', 'text')
    .addColumn('accepted_at', 'text')
    // JSON {name, contactId?, userId?, consentTyped?}
    .addColumn('accepted_by', 'text')
    .addColumn('declined_at', 'text')
    .addColumn('decline_reason', 'text')
    .addColumn('superseded_by', 'text', key)
    .addColumn('created_by', 'text', key)
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('quotes_pk', ['org_id', 'id'])
    .addForeignKeyConstraint('quotes_journey_fk', ['org_id', 'journey_id'], 'journeys', ['org_id', 'id'], (f) => f.onDelete('cascade'))
    .execute();
  await db.schema.createIndex('quotes_journey').unique().on('quotes').columns(['org_id', 'journey_id', 'version']).execute();

  await db.schema
    .createTable('quote_lines')
    .addColumn('org_id', 'text', keyNotNull)
    .addColumn('quote_id', 'text', keyNotNull)
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('product_id', 'text', keyNotNull)
    .addColumn('quantity', 'integer', (c) => c.notNull())
    // JSON: the engine's PricedLine (domain/pricing-types.ts)
    .addColumn('priced', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('quote_lines_pk', ['org_id', 'quote_id', 'position'])
    .addForeignKeyConstraint('quote_lines_quote_fk', ['org_id', 'quote_id'], 'quotes', ['org_id', 'id'], (f) => f.onDelete('cascade'))
    .execute();

  // The orders an accepted quote made, so the order says where it came from.
  await db.schema.alterTable('orders').addColumn('quote_id', 'text', key).execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.alterTable('orders').dropColumn('quote_id').execute();
  await db.schema.dropTable('quote_lines').execute();
  await db.schema.dropTable('quotes').execute();
}
