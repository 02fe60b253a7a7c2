/**
 * The room's dialogue over HTTP: the comment thread (buyers, sellers and
 * moderated guests) and complaints. Buyer routes under /api/portal/v1; the
 * seller's side under /api/v1. Text goes in and out as plain text, exactly as
 * typed: the API never turns it into HTML.
 */
import { z } from 'zod';
import { listRoomCases, openRoomCase, postRoomCaseMessage } from '../../app/cases.ts';
import {
  GUEST_POSTS_PER_HOUR,
  defaultGuestLimiter,
  guestThread,
  listJourneyComments,
  listRoomComments,
  makeGuestLink,
  moderate,
  postGuestComment,
  postJourneyComment,
  postRoomComment,
  withdrawGuestLink,
} from '../../app/portal-dialogue.ts';
import type { RouteTable } from '../route.ts';
import { email, id, idParams, text } from '../schemas.ts';
import { NEEDS_COOKIE, portalActor } from './portal.ts';

/** How long a comment or a case message may be. */
const TEXT_MAX = 4000;
const commentBody = z.strictObject({ text: text(TEXT_MAX) });
const caseBody = z.strictObject({ topic: text(200), description: text(TEXT_MAX), quoteId: id.nullish(), orderId: id.nullish() });
const guestParams = z.strictObject({ token: z.string().min(1).max(200) });
const website = z.url({ protocol: /^https?$/, error: 'must be a web address starting with http:// or https://' }).max(500).nullish();
const guestBody = z.strictObject({ name: text(100), email, website, text: text(TEXT_MAX) });

const PLAIN_TEXT = 'Text is plain text, stored and returned exactly as typed (markup included); the API never turns it into HTML.';
const CASE_SHAPE =
  'A case: `{id, journeyId, topic, description, quoteId, orderId, status (open|proposed|resolved|closed), shownStatus (also `unanswered`: a proposal waiting 14 days), priority, openedBy: {kind, name}, openedAt, firstResponseAt, proposedAt, resolvedAt, closedAt, reopened, proposal: {id, resolution, amountMinor, currency, text, at, by} | null, steps: [{id, kind, at, by: {kind, name}, resolution, amountMinor, currency, text}], messages: [{id, author: {kind, name}, text, at}]}`; priority follows the account\'s loyalty tier when the case was opened (champion urgent, loyal high, regular normal, others low). A buyer\'s message on a proposed, resolved or closed case reopens it.';

export function portalDialogueRoutes(portal: RouteTable, api: RouteTable): void {
  // --- the buyer ----------------------------------------------------------------

  portal.add({
    method: 'GET',
    url: '/comments',
    tag: 'portal (buyer)',
    summary: "The journey's comment thread: published comments, oldest first",
    description: `${NEEDS_COOKIE} A guest's comment shows here only once the seller approved it. ${PLAIN_TEXT}`,
    auth: 'none',
    handler: async ({ req }) => listRoomComments(req.server.h2h.ctx, await portalActor(req)),
  });

  portal.add({
    method: 'POST',
    url: '/comments',
    tag: 'portal (buyer)',
    summary: "Post a comment in the buyer's own name, published at once",
    description: `${NEEDS_COOKIE} ${PLAIN_TEXT}`,
    auth: 'none',
    body: commentBody,
    status: 201,
    handler: async ({ body, req }) => postRoomComment(req.server.h2h.ctx, await portalActor(req), body),
  });

  portal.add({
    method: 'GET',
    url: '/cases',
    tag: 'portal (buyer)',
    summary: "The journey's cases (complaints), oldest first, each with its messages",
    description: `${NEEDS_COOKIE} ${CASE_SHAPE}`,
    auth: 'none',
    handler: async ({ req }) => listRoomCases(req.server.h2h.ctx, await portalActor(req)),
  });

  portal.add({
    method: 'POST',
    url: '/cases',
    tag: 'portal (buyer)',
    summary: "Raise a case (a complaint) in the buyer's own name, about a quote of the room or an order if they like",
    description: `${NEEDS_COOKIE} ${CASE_SHAPE}`,
    auth: 'none',
    body: caseBody,
    status: 201,
    handler: async ({ body, req }) => openRoomCase(req.server.h2h.ctx, await portalActor(req), body),
  });

  portal.add({
    method: 'POST',
    url: '/cases/:id/messages',
    tag: 'portal (buyer)',
    summary: 'Write on a case of the room',
    description: `${NEEDS_COOKIE} Another journey's case is not found. ${PLAIN_TEXT}`,
    auth: 'none',
    params: idParams,
    body: commentBody,
    status: 201,
    handler: async ({ params, body, req }) => postRoomCaseMessage(req.server.h2h.ctx, await portalActor(req), params.id, body),
  });

  // --- guests (no cookie: the link's token is the key) ---------------------------------

  portal.add({
    method: 'GET',
    url: '/guest/:token',
    tag: 'portal (guest)',
    summary: "A guest link's page: the journey's title, the seller's org and the published thread",
    description: 'The token is what follows `/p/g/` in the guest link. Unknown, tampered or withdrawn: 401 portal_link_invalid.',
    auth: 'none',
    params: guestParams,
    handler: ({ params, req }) => guestThread(req.server.h2h.ctx, params.token),
  });

  const fallbackLimiter = defaultGuestLimiter();
  portal.add({
    method: 'POST',
    url: '/guest/:token/comments',
    tag: 'portal (guest)',
    summary: "A guest's comment, like a blog's comment form: name and e-mail required, website optional; it waits for the seller's approval",
    description: `Answers 202 \`{status: "pending"}\`: the comment is shown once a seller approves it. The e-mail is shown only to the seller. Rate limited: ${GUEST_POSTS_PER_HOUR} comments per address an hour (429 with Retry-After). ${PLAIN_TEXT}`,
    auth: 'none',
    params: guestParams,
    body: guestBody,
    status: 202,
    handler: ({ params, body, req }) => postGuestComment(req.server.h2h.ctx, req.server.h2hPortal.limits.guestPostsPerAddress ?? fallbackLimiter, params.token, body, req.ip),
  });

  // --- the seller -------------------------------------------------------------------

  api.add({
    method: 'POST',
    url: '/journeys/:id/guest-link',
    tag: 'dialogue',
    summary: "Make the journey's guest link for its comment thread (`link`, a path `/p/g/…`), shown in this answer only; an earlier one stops working",
    params: idParams,
    status: 201,
    handler: ({ params, actor, req }) => makeGuestLink(req.server.h2h.ctx, actor, params.id),
  });

  api.add({
    method: 'DELETE',
    url: '/journeys/:id/guest-link',
    tag: 'dialogue',
    summary: "Withdraw the journey's guest link: guests can no longer read the thread or post",
    params: idParams,
    status: 204,
    handler: ({ params, actor, req }) => withdrawGuestLink(req.server.h2h.ctx, actor, params.id),
  });

  api.add({
    method: 'GET',
    url: '/journeys/:id/comments',
    tag: 'dialogue',
    summary: "The journey's whole comment thread, oldest first: pending and rejected comments too, with a guest's e-mail; and `guestLink: {createdAt}` when one exists",
    description: PLAIN_TEXT,
    params: idParams,
    handler: ({ params, actor, req }) => listJourneyComments(req.server.h2h.ctx, actor, params.id),
  });

  api.add({
    method: 'POST',
    url: '/journeys/:id/comments',
    tag: 'dialogue',
    summary: "Post a comment in the seller's own name, published at once (also on a closed journey)",
    description: PLAIN_TEXT,
    params: idParams,
    body: commentBody,
    status: 201,
    handler: ({ params, body, actor, req }) => postJourneyComment(req.server.h2h.ctx, actor, params.id, body),
  });

  api.add({
    method: 'POST',
    url: '/comments/:id/approve',
    tag: 'dialogue',
    summary: "Approve a guest's pending comment: it is published to the room and the guest page",
    description: 'Only a pending comment: a published or rejected one is 409.',
    params: idParams,
    handler: ({ params, actor, req }) => moderate(req.server.h2h.ctx, actor, params.id, 'approve'),
  });

  api.add({
    method: 'POST',
    url: '/comments/:id/reject',
    tag: 'dialogue',
    summary: "Reject a guest's pending comment: it is never shown outside the seller's view",
    description: 'Only a pending comment: a published or rejected one is 409.',
    params: idParams,
    handler: ({ params, actor, req }) => moderate(req.server.h2h.ctx, actor, params.id, 'reject'),
  });
  // The seller's side of cases: src/http/routes/cases.ts.
}
