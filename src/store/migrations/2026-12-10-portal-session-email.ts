/**
 * A portal session remembers the e-mail an identity provider verified when it
 * was opened by an OIDC sign-in (null for a magic link's). That e-mail is what
 * lets the buyer move between the rooms of all their live invites: a magic
 * link proves only that one link, and may have been forwarded.
 */
import type { MigrationDb } from './index.ts';

export async function up(db: MigrationDb): Promise<void> {
  await db.schema.alterTable('portal_sessions').addColumn('signed_in_email', 'text').execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.alterTable('portal_sessions').dropColumn('signed_in_email').execute();
}
