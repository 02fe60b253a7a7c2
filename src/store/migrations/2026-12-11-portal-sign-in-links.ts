/**
 * Links a buyer asks for by e-mail (DESIGN §5, "link requests"): a buyer who
 * lost their invitation mail, or whose session ran out, types their e-mail in
 * the room and gets a short-lived link for each room they are invited to.
 *
 * - portal_sign_in_links: one per room and request, only the SHA-256 of its
 *   secret kept, usable once within an hour. It opens the room through its
 *   invite, so revoking or the expiry of the invite ends it too.
 * - indexes to find an e-mail's rooms in any org (a link request, an OIDC
 *   sign-in): contacts by e-mail key, invites by contact.
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
  // The rooms of an e-mail are looked up across orgs (a link request, an OIDC sign-in): by e-mail, then each contact's invites.
  await db.schema.createIndex('contacts_email_any_org').on('contacts').column('email_key').execute();
  await db.schema.createIndex('portal_invites_contact').on('portal_invites').columns(['org_id', 'contact_id']).execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropIndex('portal_invites_contact').execute();
  await db.schema.dropIndex('contacts_email_any_org').execute();
  await db.schema.dropTable('portal_sign_in_links').execute();
}
