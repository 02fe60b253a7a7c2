/**
 * The buyer's room (DESIGN §5), getting in and looking around.
 *
 * A seller invites a contact of the journey's account: the answer carries the
 * magic link `/p/<orgId>.<secret>` once; only the SHA-256 of the secret is
 * stored. Opening the link (redeemMagicLink) makes a portal session for that
 * one journey and contact, its secret again stored only hashed. A used link
 * may be opened again until it expires or is revoked — buyers click twice, and
 * open the mail on another device — so "used" is recorded (the first time),
 * never enforced. Revoking an invite also ends the sessions it made.
 */
import { emailKey } from '../domain/email.ts';
import type { Locale } from '../domain/process.ts';
import { findContact, findContacts, listContacts } from '../store/accounts.ts';
import { findJourney } from '../store/journeys.ts';
import { findOrg } from '../store/orgs.ts';
import {
  deleteInviteSessions,
  deletePortalSession,
  findPortalInvite,
  findPortalInviteByHash,
  findPortalSession,
  findSignInLinkByHash,
  insertPortalInvite,
  insertPortalSession,
  listPortalInvites as listInviteRows,
  lockLiveInvite,
  markPortalInviteUsed,
  revokePortalInviteRow,
  spendSignInLink,
} from '../store/portal.ts';
import { findQuote, journeyQuotes } from '../store/quotes.ts';
import type { PortalInviteRow } from '../store/schema.ts';
import { findUser } from '../store/users.ts';
import { type Actor, type AppContext, type Writer, write } from './context.ts';
import { AppError, invalid, notFound } from './errors.ts';
import { getJourney, loadJourney, loadWritableJourney } from './journeys.ts';
import { newSecret, sha256 } from './passwords.ts';
import { requireJourneyWriter } from './permissions.ts';
import { openRoomJourney, roomCriteria, roomShared } from './portal-room.ts';
import { acceptQuote, declineQuote, markQuoteViewed, quoteViews, type QuoteView } from './quotes.ts';
import { FailureLimiter } from './rate-limit.ts';

const DAY_MS = 86_400_000;
/** How long a magic link works when the seller does not say. */
export const INVITE_DAYS = 30;
/** How long a portal session lasts — never beyond its invite's expiry. */
export const PORTAL_SESSION_DAYS = 14;

export interface PortalLimits {
  /** invitations one user sends */
  invitesPerUser: FailureLimiter;
  /** magic links opened from one address, whether they work or not */
  redeemPerAddress: FailureLimiter;
  /** colleagues one buyer invites (app/portal-room.ts); absent, 10 an hour */
  colleaguesPerBuyer?: FailureLimiter;
  /** guest comments from one address (app/portal-dialogue.ts); absent, 10 an hour */
  guestPostsPerAddress?: FailureLimiter;
  /** links asked for by e-mail from one address (app/portal-link-requests.ts); absent, 10 in 15 minutes */
  linkRequestsPerAddress?: FailureLimiter;
  /** links asked for one e-mail; absent, 3 an hour */
  linkRequestsPerEmail?: FailureLimiter;
}

export const defaultPortalLimits = (): PortalLimits => ({
  invitesPerUser: new FailureLimiter(50, 60 * 60_000),
  redeemPerAddress: new FailureLimiter(30, 15 * 60_000),
  colleaguesPerBuyer: new FailureLimiter(10, 60 * 60_000),
  guestPostsPerAddress: new FailureLimiter(10, 60 * 60_000),
  linkRequestsPerAddress: new FailureLimiter(10, 15 * 60_000),
  linkRequestsPerEmail: new FailureLimiter(3, 60 * 60_000),
});

/** A buyer in the room: one contact on one journey, through one invite. */
export interface PortalActor {
  orgId: string;
  journeyId: string;
  contactId: string;
  contactName: string;
  inviteId: string;
  /** the e-mail key an OIDC sign-in verified for this session; null when a magic link opened it */
  signedInEmail: string | null;
  /** when the session ends (ISO): a session moved to another room ends no later */
  sessionExpiresAt: string;
}

/** The actor the shared use cases (quotes) see: no user, kind `portal`. */
export const asActor = (p: { orgId: string; contactId?: string; contactName?: string }): Actor => ({
  orgId: p.orgId,
  userId: null,
  role: 'seller',
  kind: 'portal',
  ...(p.contactId && { contact: { id: p.contactId, name: p.contactName ?? '' } }),
});

/** A magic link or portal session: `<orgId>.<secret>`, so its lookup starts with org_id. */
export const pack = (orgId: string, secret: string) => `${orgId}.${secret}`;
export function unpack(token: string): { orgId: string; secret: string } | null {
  const m = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{43})$/.exec(token);
  return m && m[1] && m[2] ? { orgId: m[1], secret: m[2] } : null;
}

export function rateLimited(limiter: FailureLimiter, key: string, nowMs: number, what: string): void {
  const wait = limiter.retryAfter(key, nowMs);
  if (wait > 0) throw new AppError('rate_limited', `Too many ${what} in a short time. Try again in ${Math.ceil(wait / 60_000)} minutes.`, { retryAfterSeconds: Math.ceil(wait / 1000) });
}

export type InviteState = 'pending' | 'used' | 'expired' | 'revoked';

function inviteState(i: PortalInviteRow, now: Date): InviteState {
  if (i.revoked_at) return 'revoked';
  if (i.expires_at <= now.toISOString()) return 'expired';
  return i.used_at ? 'used' : 'pending';
}

const inviteView = (i: PortalInviteRow, contactName: string | null, now: Date) => ({
  id: i.id,
  journeyId: i.journey_id,
  contact: { id: i.contact_id, name: contactName },
  email: i.email,
  state: inviteState(i, now),
  createdBy: i.created_by,
  createdAt: i.created_at,
  expiresAt: i.expires_at,
  usedAt: i.used_at,
  revokedAt: i.revoked_at,
});

export type PortalInviteView = ReturnType<typeof inviteView>;

/** A new invite: its view, the link (this once), and whether it was mailed. */
export type PortalInviteMade = PortalInviteView & { link: string; mailed: boolean; mailError?: string };

/**
 * Invites a contact of the journey's account into its room. The link is in
 * this answer only; what is stored is its hash. With a mailer and the
 * contact's e-mail, the full link (`baseUrl` + `/p/…`) is also mailed, after
 * the commit: `mailed` says whether it went, `mailError` why not.
 */
export async function inviteToPortal(ctx: AppContext, actor: Actor, limits: PortalLimits, journeyId: string, input: { contactId: string }, opts: { baseUrl?: string } = {}): Promise<PortalInviteMade> {
  const db = ctx.store.db;
  const journey = await loadWritableJourney(db, actor, journeyId);
  const contact = await findContact(db, actor.orgId, input.contactId);
  if (!contact || contact.account_id !== journey.account_id) throw invalid('body.contactId', "No contact of the journey's account has that id.");
  const nowMs = ctx.now().getTime();
  const who = actor.userId ?? actor.orgId;
  rateLimited(limits.invitesPerUser, who, nowMs, 'invitations');
  limits.invitesPerUser.fail(who, nowMs);
  const made = await write(ctx, actor, (w) => makeInvite(w, journey, contact));
  return mailInvite(ctx, actor, made, { title: journey.title, contact, baseUrl: opts.baseUrl });
}

/** A new invite of the contact into the journey's room, inside the caller's transaction: its view and the link. */
export async function makeInvite(w: Writer, journey: { id: string }, contact: { id: string; name: string; email: string | null }) {
  const actor = w.actor;
  const secret = newSecret();
  const row: PortalInviteRow = {
    org_id: actor.orgId,
    id: w.id(),
    journey_id: journey.id,
    contact_id: contact.id,
    email: contact.email,
    token_hash: sha256(secret),
    created_by: actor.userId,
    created_at: w.iso,
    expires_at: new Date(w.at.getTime() + INVITE_DAYS * DAY_MS).toISOString(),
    used_at: null,
    revoked_at: null,
  };
  await insertPortalInvite(w.tx, row);
  const view = inviteView(row, contact.name, w.at);
  await w.audit('portal_invite.create', 'portal_invite', row.id, null, view);
  await w.timeline(journey.id, 'portal_invited', row.id, { contactId: contact.id, name: contact.name, expiresAt: row.expires_at });
  return { ...view, link: `/p/${pack(actor.orgId, secret)}` };
}

/** Mails a committed invite's link when mail is on and the contact has an e-mail; says whether it went. */
export async function mailInvite(
  ctx: AppContext,
  actor: Actor,
  made: PortalInviteView & { link: string },
  m: { title: string; contact: { name: string; email: string | null }; baseUrl?: string | undefined },
): Promise<PortalInviteMade> {
  const contact = m.contact;
  // Mail goes out only once the invite is committed; a failed send loses nothing, the link is still in this answer.
  if (!ctx.mailer || !contact.email) return { ...made, mailed: false };
  const url = `${(m.baseUrl ?? '').replace(/\/+$/, '')}${made.link}`;
  try {
    await ctx.mailer.send(await inviteMail(ctx, actor, { title: m.title, contactName: contact.name, to: contact.email, url, expiresAt: made.expiresAt }));
    return { ...made, mailed: true };
  } catch (err) {
    const why = err instanceof Error && err.message ? err.message.replace(/[.\s]+$/, '') : 'the mail server did not take it';
    return { ...made, mailed: false, mailError: `The invitation was made, but the mail to ${contact.email} could not be sent (${why}). Pass the link on yourself, or revoke this invite and try again later.` };
  }
}

/** The invitation in the org's language: who invites, to what, the full link and until when it works. */
async function inviteMail(ctx: AppContext, actor: Actor, m: { title: string; contactName: string; to: string; url: string; expiresAt: string }) {
  const db = ctx.store.db;
  const [org, user] = await Promise.all([findOrg(db, actor.orgId), actor.userId ? findUser(db, actor.orgId, actor.userId) : null]);
  const orgName = org?.name ?? 'H2H';
  // A buyer inviting a colleague is named alone: they are not of the seller's org.
  const inviter = user?.name ?? actor.contact?.name ?? orgName;
  const from = { en: actor.contact ? inviter : `${inviter} at ${orgName}`, sv: actor.contact ? inviter : `${inviter} på ${orgName}` };
  const until = m.expiresAt.slice(0, 10);
  if (org?.locale === 'en') {
    return {
      to: m.to,
      subject: `${inviter} invites you to “${m.title}”`,
      text: [
        `Hello ${m.contactName},`,
        '',
        `${from.en} invites you to the buyer's room for “${m.title}”: where the deal stands, what is done and what comes next, and the quote.`,
        '',
        'Open the room with this link:',
        m.url,
        '',
        `The link works until ${until}. It is yours alone: please do not pass it on.`,
      ].join('\n'),
    };
  }
  return {
    to: m.to,
    subject: `${inviter} bjuder in dig till ”${m.title}”`,
    text: [
      `Hej ${m.contactName},`,
      '',
      `${from.sv} bjuder in dig till köparens rum för ”${m.title}”: var affären står, vad som är gjort och vad som kommer härnäst, och offerten.`,
      '',
      'Öppna rummet med den här länken:',
      m.url,
      '',
      `Länken gäller till och med ${until}. Den är din egen: skicka den inte vidare.`,
    ].join('\n'),
  };
}

/** Who was invited to the journey's room, and whether each link was used, revoked or has expired. */
export async function listPortalInvites(ctx: AppContext, actor: Actor, journeyId: string) {
  const db = ctx.store.db;
  await loadJourney(db, actor, journeyId);
  const rows = await listInviteRows(db, actor.orgId, journeyId);
  const names = new Map((await findContacts(db, actor.orgId, [...new Set(rows.map((r) => r.contact_id))])).map((c) => [c.id, c.name]));
  const now = ctx.now();
  return { items: rows.map((r) => inviteView(r, names.get(r.contact_id) ?? null, now)) };
}

/** Withdraws a link: it no longer opens the room, and the sessions it made end now. */
export async function revokePortalInvite(ctx: AppContext, actor: Actor, inviteId: string) {
  const db = ctx.store.db;
  const before = await findPortalInvite(db, actor.orgId, inviteId);
  if (!before) throw notFound('portal invite');
  // A closed journey's links may still be withdrawn: only the right to change it is asked.
  requireJourneyWriter(actor, await loadJourney(db, actor, before.journey_id));
  const name = (await findContact(db, actor.orgId, before.contact_id))?.name ?? null;
  if (before.revoked_at) return inviteView(before, name, ctx.now());
  return write(ctx, actor, async (w) => {
    await revokePortalInviteRow(w.tx, actor.orgId, inviteId, w.iso);
    await deleteInviteSessions(w.tx, actor.orgId, inviteId);
    const after = { ...before, revoked_at: w.iso };
    await w.audit('portal_invite.revoke', 'portal_invite', inviteId, inviteView(before, name, w.at), inviteView(after, name, w.at));
    await w.timeline(before.journey_id, 'portal_invite_revoked', inviteId, { contactId: before.contact_id, name });
    return inviteView(after, name, w.at);
  });
}

const linkInvalid = () => new AppError('portal_link_invalid', 'This link is not valid: it may be mistyped or cut short. Ask the seller for a new one.');

/**
 * Opens a magic link: a new portal session for its journey and contact.
 * Unknown or tampered links, expired ones and revoked ones are refused, each
 * with its own problem type. Every attempt counts against the address.
 */
export async function redeemMagicLink(ctx: AppContext, limits: PortalLimits, token: string, address: string) {
  const db = ctx.store.db;
  const now = ctx.now();
  rateLimited(limits.redeemPerAddress, address, now.getTime(), 'attempts to open a link from this address');
  limits.redeemPerAddress.fail(address, now.getTime());
  const t = unpack(token.trim().replace(/^\/?p\//, ''));
  if (!t) throw linkInvalid();
  const hash = sha256(t.secret);
  const invite = (await findPortalInviteByHash(db, t.orgId, hash)) ?? (await inviteOfSignInLink(db, t.orgId, hash, now.toISOString()));
  if (!invite) throw linkInvalid();
  if (invite.revoked_at) throw new AppError('portal_link_revoked', `This link was withdrawn by the seller on ${invite.revoked_at.slice(0, 10)}. Ask them for a new one if you still need to get in.`);
  if (invite.expires_at <= now.toISOString()) throw new AppError('portal_link_expired', `This link expired on ${invite.expires_at.slice(0, 10)}. Ask the seller for a new one.`);
  const session = await openPortalSession(ctx, invite, { via: 'link' });
  if (!session) throw linkInvalid();
  return session;
}

/**
 * The invite behind a link the buyer asked for by e-mail
 * (app/portal-link-requests.ts), spent by this use when the invite is live;
 * a link used before or past its hour is refused. The invite's own checks
 * (revoked, expired) follow as for its magic link.
 */
async function inviteOfSignInLink(db: AppContext['store']['db'], orgId: string, hash: string, nowIso: string) {
  const link = await findSignInLinkByHash(db, orgId, hash);
  if (!link) return undefined;
  const spent = () => new AppError('portal_link_spent', 'This link was used already or is more than an hour old. Ask for a new one.');
  if (link.used_at || link.expires_at <= nowIso) throw spent();
  const invite = await findPortalInvite(db, orgId, link.invite_id);
  const live = invite && !invite.revoked_at && invite.expires_at > nowIso;
  if (live && !(await spendSignInLink(db, orgId, hash, nowIso))) throw spent();
  return invite;
}

/**
 * A new portal session for an invite, reached by its magic link or by an
 * OIDC sign-in (`via`, with the e-mail the issuer verified; `notAfter` caps
 * a session moved from another). The invite is checked live under its row
 * lock. The first time it is used the journey's timeline says
 * `portal_joined`; every session is audited. Null when the invite's journey
 * or contact is gone, the contact left the journey's account, or the invite
 * is revoked or expired.
 */
export async function openPortalSession(ctx: AppContext, invite: PortalInviteRow, how: { via: 'link' } | { via: 'oidc'; email: string; notAfter?: Date }) {
  const db = ctx.store.db;
  const [journey, contact] = await Promise.all([findJourney(db, invite.org_id, invite.journey_id), findContact(db, invite.org_id, invite.contact_id)]);
  if (!journey || !contact || contact.account_id !== journey.account_id) return null;
  const secret = newSecret();
  const expiresAt = new Date(
    Math.min(ctx.now().getTime() + PORTAL_SESSION_DAYS * DAY_MS, new Date(invite.expires_at).getTime(), how.via === 'oidc' && how.notAfter ? how.notAfter.getTime() : Number.POSITIVE_INFINITY),
  );
  const opened = await write(ctx, asActor({ orgId: invite.org_id, contactId: contact.id, contactName: contact.name }), async (w) => {
    // Still live, and held so: a revoke at this very moment waits, then ends this session too.
    if (!(await lockLiveInvite(w.tx, invite.org_id, invite.id, w.iso))) return false;
    await insertPortalSession(w.tx, {
      org_id: invite.org_id,
      token_hash: sha256(secret),
      invite_id: invite.id,
      journey_id: invite.journey_id,
      contact_id: invite.contact_id,
      created_at: w.iso,
      expires_at: expiresAt.toISOString(),
      signed_in_email: how.via === 'oidc' ? emailKey(how.email) : null,
    });
    await w.audit('portal_session.create', 'portal_invite', invite.id, null, { contactId: contact.id, name: contact.name, ...(how.via === 'oidc' && { via: how.via }) });
    // The seller hears who joined once; opening the link again is only audited.
    if (!invite.used_at) {
      await markPortalInviteUsed(w.tx, invite.org_id, invite.id, w.iso);
      await w.timeline(invite.journey_id, 'portal_joined', invite.id, { contactId: contact.id, name: contact.name });
    }
    return true;
  });
  if (!opened) return null;
  return { token: pack(invite.org_id, secret), expiresAt, journeyId: journey.id, contact: { id: contact.id, name: contact.name } };
}

/** The buyer behind a portal session, or null when it is unknown, expired, or its contact gone. */
export async function portalActorFromSession(ctx: AppContext, token: string): Promise<PortalActor | null> {
  const t = unpack(token);
  if (!t) return null;
  const db = ctx.store.db;
  const session = await findPortalSession(db, t.orgId, sha256(t.secret));
  if (!session || session.expires_at <= ctx.now().toISOString()) return null;
  const contact = await findContact(db, t.orgId, session.contact_id);
  if (!contact) return null;
  return {
    orgId: t.orgId,
    journeyId: session.journey_id,
    contactId: contact.id,
    contactName: contact.name,
    inviteId: session.invite_id,
    signedInEmail: session.signed_in_email,
    sessionExpiresAt: session.expires_at,
  };
}

export async function endPortalSession(ctx: AppContext, token: string): Promise<void> {
  const t = unpack(token);
  if (t) await deletePortalSession(ctx.store.db, t.orgId, sha256(t.secret));
}

/** Drafts are the seller's, and a superseded version is replaced by the newer one: neither is in the room. */
const inRoom = (status: string) => status !== 'draft' && status !== 'superseded';

/** A quote as the buyer sees it: prices, every adjustment with its reason, consent; not the seller's internals. */
const buyerQuote = (q: QuoteView) => ({
  id: q.id,
  version: q.version,
  status: q.status,
  currency: q.currency,
  validUntil: q.validUntil,
  totalMinor: q.totalMinor,
  vatMinor: q.vatMinor,
  grossMinor: q.grossMinor,
  referenceTotalMinor: q.referenceTotalMinor,
  consent: q.consent,
  lines: q.lines,
  sentAt: q.sentAt,
  viewedAt: q.viewedAt,
  acceptedAt: q.acceptedAt,
  acceptedBy: q.acceptedBy ? { name: q.acceptedBy.name } : null,
  declinedAt: q.declinedAt,
});

/**
 * What the buyer sees: where the journey is, the plan, the buying group and
 * the quotes, in the language they asked for (null: the seller's org's).
 */
export async function portalRoom(ctx: AppContext, p: PortalActor, asked: Locale | null) {
  const db = ctx.store.db;
  const actor = asActor(p);
  const org = await findOrg(db, p.orgId);
  const locale: Locale = asked ?? (org?.locale === 'en' ? 'en' : 'sv');
  const journey = await getJourney(ctx, actor, p.journeyId, locale);
  const [owner, group, quoteRows] = await Promise.all([
    findUser(db, p.orgId, journey.ownerId),
    listContacts(db, p.orgId, { accountId: journey.accountId, limit: 200 }),
    journeyQuotes(db, p.orgId, p.journeyId),
  ]);
  const contactNames = new Map(group.map((c) => [c.id, c.name]));
  const userIds = [...new Set(journey.planSteps.flatMap((s) => (s.owner?.userId ? [s.owner.userId] : [])))];
  const userNames = new Map((await Promise.all(userIds.map((id) => findUser(db, p.orgId, id)))).flatMap((u) => (u ? [[u.id, u.name] as const] : [])));
  const quotes = (await quoteViews(ctx, quoteRows.filter((q) => inRoom(q.status)))).map(buyerQuote);
  return {
    you: { contactId: p.contactId, name: p.contactName },
    seller: { org: org?.name ?? null, name: owner?.name ?? null },
    locale,
    journey: { id: journey.id, title: journey.title, status: journey.status },
    stages: journey.stages,
    currentStage: { key: journey.stage, name: journey.stageName },
    criteria: roomCriteria(journey.criteria),
    readiness: journey.readiness,
    planSteps: journey.planSteps.map((s) => ({
      id: s.id,
      title: s.title,
      position: s.position,
      owner: s.owner?.contactId
        ? { kind: 'contact' as const, id: s.owner.contactId, name: contactNames.get(s.owner.contactId) ?? null }
        : s.owner?.userId
          ? { kind: 'user' as const, id: s.owner.userId, name: userNames.get(s.owner.userId) ?? null }
          : null,
      dueDate: s.dueDate,
      done: s.done,
      doneAt: s.doneAt,
    })),
    buyingGroup: group.map((c) => ({ id: c.id, name: c.name, title: c.title, buyingRole: c.buying_role, you: c.id === p.contactId })),
    quotes,
    ...(await roomShared(db, p, group, owner ?? null, journey.concerns)),
  };
}

/** A quote of the session's journey that the room shows; anything else is not found. */
async function roomQuote(ctx: AppContext, p: PortalActor, quoteId: string) {
  const q = await findQuote(ctx.store.db, p.orgId, quoteId);
  if (!q || q.journey_id !== p.journeyId || !inRoom(q.status)) throw new AppError('not_found', 'No quote with that id in this room.');
  return q;
}

/** The buyer opened the quote: the journey's `price_explained` is met. */
export async function portalViewQuote(ctx: AppContext, p: PortalActor, quoteId: string) {
  await roomQuote(ctx, p, quoteId);
  return buyerQuote(await markQuoteViewed(ctx, asActor(p), quoteId));
}

/** The buyer declines a quote of the room in place, with a reason when they give one. */
export async function portalDeclineQuote(ctx: AppContext, p: PortalActor, quoteId: string, input: { reason?: string | null | undefined }) {
  await roomQuote(ctx, p, quoteId);
  await openRoomJourney(ctx.store.db, p);
  return buyerQuote(await declineQuote(ctx, asActor(p), quoteId, input));
}

/** The buyer accepts in their own name, typing the multiple shown when consent is asked. */
export async function portalAcceptQuote(ctx: AppContext, p: PortalActor, quoteId: string, input: { consent?: string | null | undefined }) {
  await roomQuote(ctx, p, quoteId);
  await openRoomJourney(ctx.store.db, p);
  return buyerQuote(await acceptQuote(ctx, asActor(p), quoteId, { name: p.contactName, contactId: p.contactId, consent: input.consent }));
}
