/**
 * The invites of an e-mail, for an OIDC sign-in and a link asked for by
 * e-mail (app/portal-rooms.ts). The one lookup here that does not start with
 * org_id: an issuer or a mailbox vouches for an e-mail, not for an org, so
 * every org's invites of a contact with that e-mail are candidates.
 */
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

type Db = Kysely<Database>;

/**
 * Live invites (not revoked, not expired at `nowIso`) of contacts whose e-mail
 * is `emailKey` (lower case, as contacts.email_key keeps it), newest first.
 */
export const liveInvitesForEmail = (db: Db, emailKey: string, nowIso: string) =>
  db
    .selectFrom('portal_invites as i')
    .innerJoin('contacts as c', (j) => j.onRef('c.org_id', '=', 'i.org_id').onRef('c.id', '=', 'i.contact_id'))
    .selectAll('i')
    .where('c.email_key', '=', emailKey)
    .where('i.revoked_at', 'is', null)
    .where('i.expires_at', '>', nowIso)
    .orderBy('i.created_at', 'desc')
    .orderBy('i.id', 'desc')
    // Room lists group these one per journey; invites sent again and again to one room must not crowd out the others.
    .limit(500)
    .execute();
