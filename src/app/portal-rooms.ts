/**
 * The rooms of one e-mail: every journey with a live invite (not revoked, not
 * expired) of a contact with that e-mail, in any org. A buyer signed in with
 * OIDC moves between them; a buyer who asks for a link by e-mail gets one for
 * each (src/app/portal-link-requests.ts).
 */
import { findContact } from '../store/accounts.ts';
import { findJourney } from '../store/journeys.ts';
import { findOrg } from '../store/orgs.ts';
import { liveInvitesForEmail } from '../store/portal-oidc.ts';
import type { PortalInviteRow } from '../store/schema.ts';
import type { AppContext } from './context.ts';
import { AppError } from './errors.ts';
import { openPortalSession, type PortalActor } from './portal.ts';

export interface LiveRoom {
  /** the newest live invite into the room */
  invite: PortalInviteRow;
  org: { name: string; locale: string } | null;
  journey: { id: string; title: string };
  contact: { id: string; name: string; email: string | null };
}

/**
 * The rooms an e-mail (its key: trimmed, lower case) is invited to, newest
 * invite first, one per journey, at most `max`; a contact who left the
 * journey's account has no room there.
 */
export async function liveRooms(ctx: AppContext, emailKey: string, max = Number.POSITIVE_INFINITY): Promise<LiveRoom[]> {
  const db = ctx.store.db;
  const invites = await liveInvitesForEmail(db, emailKey, ctx.now().toISOString());
  const seen = new Set<string>();
  const rooms: LiveRoom[] = [];
  for (const invite of invites) {
    if (rooms.length >= max) break;
    const key = `${invite.org_id}/${invite.journey_id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const [org, journey, contact] = await Promise.all([findOrg(db, invite.org_id), findJourney(db, invite.org_id, invite.journey_id), findContact(db, invite.org_id, invite.contact_id)]);
    if (!journey || !contact || contact.account_id !== journey.account_id) continue;
    rooms.push({ invite, org: org ? { name: org.name, locale: org.locale } : null, journey: { id: journey.id, title: journey.title }, contact: { id: contact.id, name: contact.name, email: contact.email } });
  }
  return rooms;
}

/**
 * The rooms this buyer may move between: for a session an OIDC sign-in
 * opened, the rooms of the verified e-mail; for a magic link's session only
 * its own room (the link proves that one room, and may have been forwarded).
 */
export async function portalRooms(ctx: AppContext, p: PortalActor) {
  const rooms = p.signedInEmail === null ? [] : await liveRooms(ctx, p.signedInEmail);
  const items = rooms.map((r) => ({ id: r.invite.id, org: r.org?.name ?? null, journeyTitle: r.journey.title, current: r.invite.org_id === p.orgId && r.journey.id === p.journeyId }));
  if (!items.some((r) => r.current)) {
    const db = ctx.store.db;
    const [org, journey] = await Promise.all([findOrg(db, p.orgId), findJourney(db, p.orgId, p.journeyId)]);
    items.unshift({ id: p.inviteId, org: org?.name ?? null, journeyTitle: journey?.title ?? '', current: true });
  }
  return { signedIn: p.signedInEmail !== null, items };
}

/**
 * Moves a buyer signed in with OIDC into another room of theirs (one of
 * portalRooms): a new session for that invite, with the same verified e-mail,
 * ending no later than the session it came from — moving rooms never stretches
 * a sign-in, so someone removed at the identity provider is out in 14 days.
 * Any other invite, and any invite for a magic link's session, is not found.
 */
export async function enterRoom(ctx: AppContext, p: PortalActor, inviteId: string) {
  const email = p.signedInEmail;
  const room = email === null ? undefined : (await liveRooms(ctx, email)).find((r) => r.invite.id === inviteId);
  // Moving rooms is no new sign-in: the session ends when the one it came from would have.
  const session = room && email !== null ? await openPortalSession(ctx, room.invite, { via: 'oidc', email, notAfter: new Date(p.sessionExpiresAt) }) : null;
  if (!session) throw new AppError('not_found', 'No room of yours with that id.');
  return session;
}
