/** The portal's invites and sessions. Every lookup starts with org_id. */
import type { Insertable, Kysely } from 'kysely';
import type { Database, PortalInviteTable, PortalSessionTable, PortalSignInLinkTable } from './schema.ts';
import { fixedReadOne } from './fixed-read.ts';

type Db = Kysely<Database>;

export const insertPortalInvite = (db: Db, row: Insertable<PortalInviteTable>) => db.insertInto('portal_invites').values(row).execute();

export const findPortalInvite = (db: Db, orgId: string, id: string) =>
  db.selectFrom('portal_invites').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();

export const findPortalInviteByHash = (db: Db, orgId: string, tokenHash: string) =>
  db.selectFrom('portal_invites').selectAll().where('org_id', '=', orgId).where('token_hash', '=', tokenHash).executeTakeFirst();

export const listPortalInvites = (db: Db, orgId: string, journeyId: string) =>
  db.selectFrom('portal_invites').selectAll().where('org_id', '=', orgId).where('journey_id', '=', journeyId).orderBy('id', 'desc').execute();

export const markPortalInviteUsed = (db: Db, orgId: string, id: string, at: string) =>
  db.updateTable('portal_invites').set({ used_at: at }).where('org_id', '=', orgId).where('id', '=', id).where('used_at', 'is', null).execute();

export const revokePortalInviteRow = (db: Db, orgId: string, id: string, at: string) =>
  db.updateTable('portal_invites').set({ revoked_at: at }).where('org_id', '=', orgId).where('id', '=', id).execute();

export const insertPortalSession = (db: Db, row: Insertable<PortalSessionTable>) => db.insertInto('portal_sessions').values(row).execute();

export const findPortalSession = fixedReadOne((db, orgId: string, tokenHash: string) =>
  db.selectFrom('portal_sessions').selectAll().where('org_id', '=', orgId).where('token_hash', '=', tokenHash),
);

export const deletePortalSession = (db: Db, orgId: string, tokenHash: string) =>
  db.deleteFrom('portal_sessions').where('org_id', '=', orgId).where('token_hash', '=', tokenHash).execute();

export const deleteInviteSessions = (db: Db, orgId: string, inviteId: string) =>
  db.deleteFrom('portal_sessions').where('org_id', '=', orgId).where('invite_id', '=', inviteId).execute();

export const insertSignInLink = (db: Db, row: Insertable<PortalSignInLinkTable>) => db.insertInto('portal_sign_in_links').values(row).execute();

export const findSignInLinkByHash = (db: Db, orgId: string, tokenHash: string) =>
  db.selectFrom('portal_sign_in_links').selectAll().where('org_id', '=', orgId).where('token_hash', '=', tokenHash).executeTakeFirst();

/** Marks a sign-in link used; false when it was used already (two clicks at once: one wins). */
export async function spendSignInLink(db: Db, orgId: string, tokenHash: string, at: string): Promise<boolean> {
  const r = await db.updateTable('portal_sign_in_links').set({ used_at: at }).where('org_id', '=', orgId).where('token_hash', '=', tokenHash).where('used_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Whether the contact still has a live invite (not revoked, not expired) to the journey's room. */
export async function hasLiveInvite(db: Db, orgId: string, journeyId: string, contactId: string, nowIso: string): Promise<boolean> {
  const row = await db
    .selectFrom('portal_invites')
    .select('id')
    .where('org_id', '=', orgId)
    .where('journey_id', '=', journeyId)
    .where('contact_id', '=', contactId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', nowIso)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Takes the invite's row lock when it is live (not revoked, not expired at
 * `nowIso`): true then. A session opened under it cannot slip past a revoke
 * that runs at the same moment — one waits for the other.
 */
export async function lockLiveInvite(db: Db, orgId: string, id: string, nowIso: string): Promise<boolean> {
  const r = await db
    .updateTable('portal_invites')
    .set((eb) => ({ used_at: eb.ref('used_at') }))
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', nowIso)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
