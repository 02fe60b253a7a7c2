/**
 * The buyer's room, the shared work (DESIGN §5): each member's say and what
 * a buyer confirms.
 *
 * - room_sign_offs: one per member of the buying group and journey: `ready`,
 *   or `not_yet` with its reason; changed in place, the timeline keeps the history.
 * - room_member_criteria: what one member needs from the deal, in their words.
 * - room_criterion_confirmations: a stage criterion a buyer confirmed in the
 *   room (the criterion itself is met in journey_criteria as usual); it counts
 *   while that criterion's met_at is not later than confirmed_at.
 * - room_calendar_feeds: a buyer's calendar-feed address, stored only as the
 *   SHA-256 of its secret; one per buyer and journey, a new one replaces it.
 */
import type { ColumnDefinitionBuilder } from 'kysely';
import { sql } from 'kysely';
import type { MigrationDb, SqlDialect } from './index.ts';

export async function up(db: MigrationDb, dialect: SqlDialect): Promise<void> {
  const key = (c: ColumnDefinitionBuilder) => (dialect === 'postgres' ? c.modifyEnd(sql`collate "C"`) : c);
  const keyNotNull = (c: ColumnDefinitionBuilder) => key(c).notNull();
  const journeyFk = ['org_id', 'journey_id'] as const;
  const contactFk = ['org_id', 'contact_id'] as const;

  await db.schema
    .createTable('room_sign_offs')
    .addColumn('org_id', 'text', keyNotNull)
    .addColumn('journey_id', 'text', keyNotNull)
    .addColumn('contact_id', 'text', keyNotNull)
    // ready | not_yet
    .addColumn('state', 'text', keyNotNull)
    .addColumn('reason', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('room_sign_offs_pk', ['org_id', 'journey_id', 'contact_id'])
    .addForeignKeyConstraint('room_sign_offs_journey_fk', [...journeyFk], 'journeys', ['org_id', 'id'], (f) => f.onDelete('cascade'))
    .addForeignKeyConstraint('room_sign_offs_contact_fk', [...contactFk], 'contacts', ['org_id', 'id'], (f) => f.onDelete('cascade'))
    .execute();

  await db.schema
    .createTable('room_member_criteria')
    .addColumn('org_id', 'text', keyNotNull)
    .addColumn('id', 'text', keyNotNull)
    .addColumn('journey_id', 'text', keyNotNull)
    .addColumn('contact_id', 'text', keyNotNull)
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('room_member_criteria_pk', ['org_id', 'id'])
    .addForeignKeyConstraint('room_member_criteria_journey_fk', [...journeyFk], 'journeys', ['org_id', 'id'], (f) => f.onDelete('cascade'))
    .addForeignKeyConstraint('room_member_criteria_contact_fk', [...contactFk], 'contacts', ['org_id', 'id'], (f) => f.onDelete('cascade'))
    .execute();
  await db.schema.createIndex('room_member_criteria_journey').on('room_member_criteria').columns(['org_id', 'journey_id', 'id']).execute();

  await db.schema
    .createTable('room_criterion_confirmations')
    .addColumn('org_id', 'text', keyNotNull)
    .addColumn('journey_id', 'text', keyNotNull)
    .addColumn('stage', 'text', keyNotNull)
    .addColumn('criterion_key', 'text', keyNotNull)
    .addColumn('contact_id', 'text', keyNotNull)
    .addColumn('confirmed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('room_criterion_confirmations_pk', ['org_id', 'journey_id', 'stage', 'criterion_key'])
    .addForeignKeyConstraint('room_criterion_confirmations_journey_fk', [...journeyFk], 'journeys', ['org_id', 'id'], (f) => f.onDelete('cascade'))
    .addForeignKeyConstraint('room_criterion_confirmations_contact_fk', [...contactFk], 'contacts', ['org_id', 'id'], (f) => f.onDelete('cascade'))
    .execute();

  await db.schema
    .createTable('room_calendar_feeds')
    .addColumn('org_id', 'text', keyNotNull)
    .addColumn('token_hash', 'text', keyNotNull)
    .addColumn('journey_id', 'text', keyNotNull)
    .addColumn('contact_id', 'text', keyNotNull)
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('room_calendar_feeds_pk', ['org_id', 'token_hash'])
    .addForeignKeyConstraint('room_calendar_feeds_journey_fk', [...journeyFk], 'journeys', ['org_id', 'id'], (f) => f.onDelete('cascade'))
    .addForeignKeyConstraint('room_calendar_feeds_contact_fk', [...contactFk], 'contacts', ['org_id', 'id'], (f) => f.onDelete('cascade'))
    .execute();
  await db.schema.createIndex('room_calendar_feeds_buyer').unique().on('room_calendar_feeds').columns(['org_id', 'journey_id', 'contact_id']).execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropTable('room_calendar_feeds').execute();
  await db.schema.dropTable('room_criterion_confirmations').execute();
  await db.schema.dropTable('room_member_criteria').execute();
  await db.schema.dropTable('room_sign_offs').execute();
}
