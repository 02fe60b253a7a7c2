/**
 * The buyer's room (DESIGN §5): getting in.
 *
 * - portal_invites: a magic link for one contact to one journey. Only the
 *   SHA-256 of its secret is kept; it expires (default 30 days), can be
 *   revoked, and remembers when it was first used.
 * - portal_sessions: what a redeemed link becomes — a session for that one
 *   journey and contact, its secret again stored only as a hash. Revoking the
 *   invite deletes the sessions it made (invite_id).
 */
import type { ColumnDefinitionBuilder } from 'kysely';
import { sql } from 'kysely';
import type { MigrationDb, SqlDialect } from './index.ts';

export async function up(db: MigrationDb, dialect: SqlDialect): Promise<void> {
  const key = (c: ColumnDefinitionBuilder) => (dialect === 'postgres' ? c.modifyEnd(sql`collate "C"`) : c);
  const keyNotNull = (c: ColumnDefinitionBuilder) => key(c).notNull();

  await db.schema
    .createTable('portal_invites')
    .addColumn('org_id', 'text', keyNotNull)
    .addColumn('id', 'text', keyNotNull)
    .addColumn('journey_id', 'text', keyNotNull)
    .addColumn('contact_id', 'text', keyNotNull)
    .addColumn('email', 'text')
    .addColumn('token_hash', 'text', keyNotNull)
    .addColumn('created_by', 'text', key)
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .addColumn('revoked_at', 'text')
    .addPrimaryKeyConstraint('portal_invites_pk', ['org_id', 'id'])
    .addForeignKeyConstraint('portal_invites_journey_fk', ['org_id', 'journey_id'], 'journeys', ['org_id', 'id'], (f) => f.onDelete('cascade'))
    .addForeignKeyConstraint('portal_invites_contact_fk', ['org_id', 'contact_id'], 'contacts', ['org_id', 'id'], (f) => f.onDelete('cascade'))
    .execute();
  await db.schema.createIndex('portal_invites_token').unique().on('portal_invites').columns(['org_id', 'token_hash']).execute();
  await db.schema.createIndex('portal_invites_journey').on('portal_invites').columns(['org_id', 'journey_id', 'id']).execute();

  await db.schema
    .createTable('portal_sessions')
    .addColumn('org_id', 'text', keyNotNull)
    .addColumn('token_hash', 'text', keyNotNull)
    .addColumn('invite_id', 'text', keyNotNull)
    .addColumn('journey_id', 'text', keyNotNull)
    .addColumn('contact_id', 'text', keyNotNull)
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('portal_sessions_pk', ['org_id', 'token_hash'])
    .addForeignKeyConstraint('portal_sessions_invite_fk', ['org_id', 'invite_id'], 'portal_invites', ['org_id', 'id'], (f) => f.onDelete('cascade'))
    .execute();
  await db.schema.createIndex('portal_sessions_invite').on('portal_sessions').columns(['org_id', 'invite_id']).execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropTable('portal_sessions').execute();
  await db.schema.dropTable('portal_invites').execute();
}
