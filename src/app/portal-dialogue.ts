/**
 * The room's dialogue (DESIGN §5): one comment thread per journey.
 *
 * Buyers in the room and sellers post under their own names, published at
 * once. A guest — someone with the journey's guest link, like a blog's
 * comment form — gives a name, an e-mail and maybe a website; their comment
 * waits (`pending`) until a seller approves or rejects it, and only
 * published comments are shown to buyers and guests. Text is plain text,
 * stored and returned exactly as typed: nothing here turns it into HTML, and
 * the pages render it as text with only http(s) links made clickable.
 */
import { findJourney } from '../store/journeys.ts';
import { findOrg } from '../store/orgs.ts';
import {
  deleteGuestLink,
  findComment,
  findGuestLink,
  findGuestLinkByHash,
  insertComment,
  journeyComments,
  moderateComment,
  putGuestLink,
} from '../store/portal-dialogue.ts';
import type { CommentRow } from '../store/schema.ts';
import { findUser } from '../store/users.ts';
import { write, type Actor, type AppContext, type Db, type Writer } from './context.ts';
import { AppError, notFound } from './errors.ts';
import { loadJourney } from './journeys.ts';
import { newSecret, sha256 } from './passwords.ts';
import { requireJourneyWriter } from './permissions.ts';
import { asActor, rateLimited, type PortalActor } from './portal.ts';
import { FailureLimiter } from './rate-limit.ts';

/** Guest comments one address may post in an hour. */
export const GUEST_POSTS_PER_HOUR = 10;
export const defaultGuestLimiter = () => new FailureLimiter(GUEST_POSTS_PER_HOUR, 60 * 60_000);

/** How much of a comment the journey's timeline repeats. */
const EXCERPT = 280;
export const excerpt = (text: string) => (text.length > EXCERPT ? `${text.slice(0, EXCERPT - 1)}…` : text);

export type CommentStatus = 'published' | 'pending' | 'rejected';
type AuthorKind = 'contact' | 'user' | 'guest';

/** A comment as buyers and guests see it: never a guest's e-mail. */
const publicView = (r: CommentRow) => ({
  id: r.id,
  author: { kind: r.author_kind as AuthorKind, name: r.author_name, website: r.author_website },
  text: r.text,
  createdAt: r.created_at,
  status: r.status as CommentStatus,
});

/** The seller's view adds a guest's e-mail and who moderated it. */
const sellerView = (r: CommentRow, moderator: string | null) => ({
  ...publicView(r),
  author: { kind: r.author_kind as AuthorKind, name: r.author_name, website: r.author_website, email: r.author_email },
  moderatedAt: r.moderated_at,
  moderatedBy: r.moderated_by ? { id: r.moderated_by, name: moderator } : null,
});

export type CommentView = ReturnType<typeof publicView>;
export type SellerCommentView = ReturnType<typeof sellerView>;

/** The name a seller writes under: their own, or the org's for a token without a person. */
export async function sellerName(db: Db, actor: Actor): Promise<string> {
  const user = actor.userId ? await findUser(db, actor.orgId, actor.userId) : undefined;
  return user?.name ?? (await findOrg(db, actor.orgId))?.name ?? 'H2H';
}

async function sellerViews(db: Db, orgId: string, rows: readonly CommentRow[]): Promise<SellerCommentView[]> {
  const ids = [...new Set(rows.flatMap((r) => (r.moderated_by ? [r.moderated_by] : [])))];
  const names = new Map((await Promise.all(ids.map((id) => findUser(db, orgId, id)))).flatMap((u) => (u ? [[u.id, u.name] as const] : [])));
  return rows.map((r) => sellerView(r, r.moderated_by ? (names.get(r.moderated_by) ?? null) : null));
}

// --- the buyer ---------------------------------------------------------------

/** The thread as the buyer sees it: published comments, oldest first. */
export async function listRoomComments(ctx: AppContext, p: PortalActor) {
  const rows = await journeyComments(ctx.store.db, p.orgId, p.journeyId, ['published']);
  return { items: rows.map(publicView) };
}

/** The buyer posts under their own name: published at once. */
export async function postRoomComment(ctx: AppContext, p: PortalActor, input: { text: string }): Promise<CommentView> {
  const row = await write(ctx, asActor(p), (w) => insertNewComment(w, p.journeyId, { kind: 'contact', contactId: p.contactId, name: p.contactName }, input.text));
  return publicView(row);
}

interface CommentAuthor {
  kind: 'contact' | 'user' | 'guest';
  contactId?: string | null;
  userId?: string | null;
  name: string;
  email?: string | null;
  website?: string | null;
}

/**
 * Writes a new comment on the journey's thread, whoever writes it: published,
 * or pending for a guest until a seller approves. Audited, and on the
 * timeline (`comment_posted`, or `comment_pending` for a guest's).
 */
async function insertNewComment(w: Writer, journeyId: string, author: CommentAuthor, text: string): Promise<CommentRow> {
  const status = author.kind === 'guest' ? 'pending' : 'published';
  const row: CommentRow = {
    org_id: w.actor.orgId,
    id: w.id(),
    journey_id: journeyId,
    author_kind: author.kind,
    author_contact_id: author.contactId ?? null,
    author_user_id: author.userId ?? null,
    author_name: author.name,
    author_email: author.email ?? null,
    author_website: author.website ?? null,
    text,
    status,
    created_at: w.iso,
    moderated_by: null,
    moderated_at: null,
  };
  await insertComment(w.tx, row);
  await w.audit('comment.create', 'comment', row.id, null, publicView(row));
  await w.timeline(journeyId, status === 'pending' ? 'comment_pending' : 'comment_posted', row.id, { author: { kind: author.kind, name: author.name }, excerpt: excerpt(text) });
  return row;
}

// --- the seller --------------------------------------------------------------

/** Every comment of the journey, pending and rejected ones too, with a guest's e-mail; and whether a guest link exists. */
export async function listJourneyComments(ctx: AppContext, actor: Actor, journeyId: string) {
  const db = ctx.store.db;
  await loadJourney(db, actor, journeyId);
  const [rows, link] = await Promise.all([journeyComments(db, actor.orgId, journeyId), findGuestLink(db, actor.orgId, journeyId)]);
  return { items: await sellerViews(db, actor.orgId, rows), guestLink: link ? { createdAt: link.created_at } : null };
}

/**
 * The seller posts under their own name. A closed journey's thread stays
 * open: a won deal's buyer still talks to the seller.
 */
export async function postJourneyComment(ctx: AppContext, actor: Actor, journeyId: string, input: { text: string }): Promise<SellerCommentView> {
  const db = ctx.store.db;
  requireJourneyWriter(actor, await loadJourney(db, actor, journeyId));
  const name = await sellerName(db, actor);
  const row = await write(ctx, actor, (w) => insertNewComment(w, journeyId, { kind: 'user', userId: actor.userId, name }, input.text));
  return sellerView(row, null);
}

/** Approves (publishes) or rejects a guest's pending comment; anything else is a conflict. */
export async function moderate(ctx: AppContext, actor: Actor, commentId: string, decision: 'approve' | 'reject'): Promise<SellerCommentView> {
  const db = ctx.store.db;
  const before = await findComment(db, actor.orgId, commentId);
  if (!before) throw notFound('comment');
  requireJourneyWriter(actor, await loadJourney(db, actor, before.journey_id));
  const status: CommentStatus = decision === 'approve' ? 'published' : 'rejected';
  const pendingOnly = () =>
    new AppError('conflict', `Only a comment waiting for approval can be approved or rejected; this one is ${before.status === 'published' ? 'published' : 'rejected'}.`);
  if (before.status !== 'pending') throw pendingOnly();
  const name = await sellerName(db, actor);
  return write(ctx, actor, async (w) => {
    // Two sellers deciding at once: the second finds it no longer pending.
    const changed = await moderateComment(w.tx, actor.orgId, commentId, { status, moderated_by: actor.userId, moderated_at: w.iso });
    if (changed === 0) throw pendingOnly();
    const after: CommentRow = { ...before, status, moderated_by: actor.userId, moderated_at: w.iso };
    await w.audit(`comment.${decision}`, 'comment', commentId, publicView(before), publicView(after));
    await w.timeline(before.journey_id, decision === 'approve' ? 'comment_approved' : 'comment_rejected', commentId, {
      author: { kind: before.author_kind, name: before.author_name },
      excerpt: excerpt(before.text),
    });
    return sellerView(after, actor.userId ? name : null);
  });
}

// --- guests ------------------------------------------------------------------

/** A guest link: `<orgId>.<secret>`, so its lookup starts with org_id, as the magic links do. */
function unpackGuestToken(token: string): { orgId: string; secret: string } | null {
  const m = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{43})$/.exec(token.trim().replace(/^\/?p\/g\//, ''));
  return m && m[1] && m[2] ? { orgId: m[1], secret: m[2] } : null;
}

/** Makes the journey's guest link, shown this once; an earlier one stops working. */
export async function makeGuestLink(ctx: AppContext, actor: Actor, journeyId: string) {
  const db = ctx.store.db;
  requireJourneyWriter(actor, await loadJourney(db, actor, journeyId));
  const secret = newSecret();
  return write(ctx, actor, async (w) => {
    await putGuestLink(w.tx, { org_id: actor.orgId, journey_id: journeyId, token_hash: sha256(secret), created_by: actor.userId, created_at: w.iso });
    await w.audit('guest_link.create', 'journey', journeyId, null, { createdAt: w.iso });
    return { link: `/p/g/${actor.orgId}.${secret}`, createdAt: w.iso };
  });
}

/** Withdraws the journey's guest link: guests can no longer read or post. Nothing to withdraw is fine. */
export async function withdrawGuestLink(ctx: AppContext, actor: Actor, journeyId: string): Promise<void> {
  const db = ctx.store.db;
  requireJourneyWriter(actor, await loadJourney(db, actor, journeyId));
  await write(ctx, actor, async (w) => {
    if ((await deleteGuestLink(w.tx, actor.orgId, journeyId)) > 0) await w.audit('guest_link.delete', 'journey', journeyId, null, null);
  });
}

const guestLinkInvalid = () => new AppError('portal_link_invalid', 'This link is not valid: it may be mistyped or cut short. Ask the seller for a new one.');

async function guestJourney(ctx: AppContext, token: string) {
  const t = unpackGuestToken(token);
  if (!t) throw guestLinkInvalid();
  const db = ctx.store.db;
  const link = await findGuestLinkByHash(db, t.orgId, sha256(t.secret));
  const journey = link ? await findJourney(db, t.orgId, link.journey_id) : undefined;
  if (!journey) throw guestLinkInvalid();
  return journey;
}

/** What a guest sees: the journey's title, the seller's org and the published thread. */
export async function guestThread(ctx: AppContext, token: string) {
  const journey = await guestJourney(ctx, token);
  const db = ctx.store.db;
  const [org, rows] = await Promise.all([findOrg(db, journey.org_id), journeyComments(db, journey.org_id, journey.id, ['published'])]);
  return { journey: { title: journey.title }, seller: { org: org?.name ?? null }, items: rows.map(publicView) };
}

export interface GuestComment {
  name: string;
  email: string;
  website?: string | null | undefined;
  text: string;
}

/**
 * A guest's comment: it waits for a seller's approval. At most
 * GUEST_POSTS_PER_HOUR per address: every attempt counts, at once, before
 * anything is awaited, so comments sent in parallel cannot slip past the count.
 */
export async function postGuestComment(ctx: AppContext, limiter: FailureLimiter, token: string, input: GuestComment, address: string): Promise<{ status: 'pending' }> {
  const nowMs = ctx.now().getTime();
  rateLimited(limiter, address, nowMs, 'comments from this address');
  limiter.fail(address, nowMs);
  const journey = await guestJourney(ctx, token);
  const name = input.name.trim();
  await write(ctx, asActor({ orgId: journey.org_id }), (w) =>
    insertNewComment(w, journey.id, { kind: 'guest', name, email: input.email.trim(), website: input.website?.trim() || null }, input.text),
  );
  return { status: 'pending' };
}
