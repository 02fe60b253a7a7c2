/**
 * Links a buyer asks for by e-mail (DESIGN §5, "link requests"): a buyer who
 * lost their invitation mail, or whose session ran out, types their e-mail in
 * the room and gets a short-lived link for each room they are invited to.
 *
 * - portal_sign_in_links: one per room and request, only the SHA-256 of its
 *   secret kept, usable once within an hour. It opens the room through its
 *   invite, so revoking or the expiry of the invite ends it too.
 */
import type { ColumnDefinitionBuilder } from 'kysely';
import { sql } from 'kysely';
import type { MigrationDb, SqlDialect } from './index.ts';

export async function up(db: MigrationDb, dialect: SqlDialect): Promise<void> {
  const keyNotNull = (c: ColumnDefinitionBuilder) => (dialect === 'postgres' ? c.modifyEnd(sql`collate "C"`) : c).notNull();
  await db.schema
    .createTable('portal_sign_in_links')
    .addColumn('org_id', 'text', keyNotNull)
    .addColumn('token_hash', 'text', keyNotNull)
    .addColumn('invite_id', 'text', keyNotNull)
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .addPrimaryKeyConstraint('portal_sign_in_links_pk', ['org_id', 'token_hash'])
    .addForeignKeyConstraint('portal_sign_in_links_invite_fk', ['org_id', 'invite_id'], 'portal_invites', ['org_id', 'id'], (f) => f.onDelete('cascade'))
    .execute();
  await db.schema.createIndex('portal_sign_in_links_invite').on('portal_sign_in_links').columns(['org_id', 'invite_id']).execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropTable('portal_sign_in_links').execute();
}
