/**
 * The room's shared work over HTTP: the plan, each member's say (criteria,
 * concerns, sign-off), the buyer declining a quote, colleagues invited by a
 * buyer, the calendar feed, and the room's own live stream. Buyer routes
 * under /api/portal/v1 (the portal cookie); the seller's view under /api/v1.
 */
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ChangeEvent } from '../../app/context.ts';
import { portalActorFromSession, portalDeclineQuote } from '../../app/portal.ts';
import {
  calendarFeedIcs,
  getSay,
  portalAcceptConcern,
  portalAddMyCriterion,
  portalAddPlanStep,
  portalConfirmCriterion,
  portalEditPlanStep,
  portalInviteColleague,
  portalMakeCalendarFeed,
  portalRaiseConcern,
  portalRemoveMyCriterion,
  portalSignOff,
  sellerPlanIcs,
} from '../../app/portal-room.ts';
import { SECURITY_HEADERS } from '../headers.ts';
import { acceptedLocale, translate } from '../messages.ts';
import type { RouteTable } from '../route.ts';
import { concernTopic, email, id, idParams, isoDate, key, optionalText, text } from '../schemas.ts';
import type { EventStream } from '../sse.ts';
import { baseUrlOf, NEEDS_COOKIE, PORTAL_COOKIE, portalActor, roomLocale } from './portal.ts';

const TAG = 'portal (buyer)';
const owner = z.union([z.strictObject({ contactId: id }), z.strictObject({ userId: id })]);
const ownerNote = "`owner` names a person of the room's `people`: a member of the buying group (`contactId`) or the journey's seller (`userId`); anyone else is 422.";

const ICS_TYPE = 'text/calendar; charset=utf-8';

/**
 * Changes the room never shows, so the buyer is not told of them either: the
 * seller's own notes and drafts, a guest's comment before approval, a link
 * withdrawn, the seller's check-in after a resolved case.
 */
const SELLER_ONLY = new Set(['interaction', 'quote_drafted', 'comment_pending', 'comment_rejected', 'portal_invite_revoked', 'case_checked_in']);

export function portalRoomRoutes(portal: RouteTable, api: RouteTable): void {
  const ctxOf = (req: FastifyRequest) => req.server.h2h.ctx;

  portal.add({
    method: 'POST',
    url: '/plan-steps',
    tag: TAG,
    summary: 'Add a step to the shared plan, assigned to a named person, with an optional due date',
    description: `${NEEDS_COOKIE} ${ownerNote} Answers the step as the room shows it (its owner named); the seller's timeline names the buyer.`,
    auth: 'none',
    body: z.strictObject({ title: text(200), owner, dueDate: isoDate.nullish() }),
    status: 201,
    handler: async ({ body, req }) => portalAddPlanStep(ctxOf(req), await portalActor(req), body),
  });

  portal.add({
    method: 'PATCH',
    url: '/plan-steps/:id',
    tag: TAG,
    summary: "Edit, reassign, re-date, complete or reopen a step of the room's plan",
    description: `${NEEDS_COOKIE} ${ownerNote} A step of another journey is 404.`,
    auth: 'none',
    params: idParams,
    body: z.strictObject({ title: text(200).optional(), owner: owner.optional(), dueDate: isoDate.nullish(), done: z.boolean().optional() }),
    handler: async ({ params, body, req }) => portalEditPlanStep(ctxOf(req), await portalActor(req), params.id, body),
  });

  portal.add({
    method: 'POST',
    url: '/criteria/:key/confirm',
    tag: TAG,
    summary: "Confirm a criterion of the journey's current stage as the buyer: it is met, confirmed by the buyer's name",
    description: `${NEEDS_COOKIE} Answers the room's \`criteria\` list. Only a criterion that is \`confirmable\` (not computed, not yet met): a computed one is 422 derived_criterion, a met one 409, one that is not of the current stage 404.`,
    auth: 'none',
    params: z.strictObject({ key }),
    body: z.strictObject({ evidence: optionalText(2000) }),
    handler: async ({ params, body, req }) => {
      const p = await portalActor(req);
      return portalConfirmCriterion(ctxOf(req), p, params.key, body, await roomLocale(req, p.orgId));
    },
  });

  portal.add({
    method: 'PUT',
    url: '/sign-off',
    tag: TAG,
    summary: "The buyer's sign-off: `ready`, or `not_yet` with the reason",
    description: `${NEEDS_COOKIE} A \`reason\` is needed for \`not_yet\` (422 without one). Answers the buyer's member entry of \`say\`.`,
    auth: 'none',
    body: z.strictObject({ state: z.enum(['ready', 'not_yet']), reason: optionalText(1000) }),
    handler: async ({ body, req }) => portalSignOff(ctxOf(req), await portalActor(req), body),
  });

  portal.add({
    method: 'POST',
    url: '/my-criteria',
    tag: TAG,
    summary: 'Record one of the buyer’s own criteria for the deal, in their words',
    description: NEEDS_COOKIE,
    auth: 'none',
    body: z.strictObject({ text: text(500) }),
    status: 201,
    handler: async ({ body, req }) => portalAddMyCriterion(ctxOf(req), await portalActor(req), body),
  });

  portal.add({
    method: 'DELETE',
    url: '/my-criteria/:id',
    tag: TAG,
    summary: 'Remove one of the buyer’s own criteria',
    description: `${NEEDS_COOKIE} Another member's criterion, or one of another journey, is 404.`,
    auth: 'none',
    params: idParams,
    status: 204,
    handler: async ({ params, req }) => portalRemoveMyCriterion(ctxOf(req), await portalActor(req), params.id),
  });

  portal.add({
    method: 'POST',
    url: '/concerns',
    tag: TAG,
    summary: "Raise a concern in the buyer's own name",
    description: NEEDS_COOKIE,
    auth: 'none',
    body: z.strictObject({ topic: concernTopic, text: text(2000) }),
    status: 201,
    handler: async ({ body, req }) => portalRaiseConcern(ctxOf(req), await portalActor(req), body),
  });

  portal.add({
    method: 'POST',
    url: '/concerns/:id/accept',
    tag: TAG,
    summary: "Accept the seller's answer to one of the buyer's own concerns",
    description: `${NEEDS_COOKIE} Only the buyer's own concerns (others' are 404); only an answered one (else 409).`,
    auth: 'none',
    params: idParams,
    handler: async ({ params, req }) => portalAcceptConcern(ctxOf(req), await portalActor(req), params.id),
  });

  portal.add({
    method: 'POST',
    url: '/quotes/:id/decline',
    tag: TAG,
    summary: 'Decline a quote of the room, with a reason if the buyer gives one',
    description: `${NEEDS_COOKIE} An expired, declined or accepted quote: 409.`,
    auth: 'none',
    params: idParams,
    body: z.strictObject({ reason: optionalText(1000) }),
    handler: async ({ params, body, req }) => portalDeclineQuote(ctxOf(req), await portalActor(req), params.id, body),
  });

  portal.add({
    method: 'POST',
    url: '/colleagues',
    tag: TAG,
    summary: 'Invite a colleague into the room: the account’s contact with that e-mail, or a new contact of the account',
    description: `${NEEDS_COOKIE} Answers \`{contact, mailed, mailError?}\`. The magic link goes only to the colleague's own mailbox, never back to the buyer who invites: a link in the answer would let one buyer act in the room as another. Without mail (\`mailed: false\`) the seller sees the new invite and passes a link on. The seller's timeline shows \`portal_invited\` by the buyer. Rate limited: 10 invitations per buyer an hour (429 with Retry-After).`,
    auth: 'none',
    body: z.strictObject({ name: text(200), email, title: optionalText(200) }),
    status: 201,
    handler: async ({ body, req }) => {
      const made = await portalInviteColleague(ctxOf(req), await portalActor(req), req.server.h2hPortal.limits, body, { baseUrl: baseUrlOf(req) });
      if (!made.mailError) return made;
      req.log.warn({ contactId: made.contact.id, mailError: made.mailError }, 'colleague invitation mail failed');
      return { ...made, mailError: translate(made.mailError, acceptedLocale(req) ?? 'en') };
    },
  });

  portal.add({
    method: 'POST',
    url: '/calendar',
    tag: TAG,
    summary: 'A new calendar-feed address (ICS) of the plan for this buyer, shown this once; an earlier one stops working',
    description: `${NEEDS_COOKIE} Subscribe to \`url\` in a calendar: GET it without a cookie (the address is the key).`,
    auth: 'none',
    status: 201,
    handler: async ({ req }) => portalMakeCalendarFeed(ctxOf(req), await portalActor(req), { baseUrl: baseUrlOf(req) }),
  });

  portal.stream({
    url: '/calendar/:token',
    tag: TAG,
    summary: "The plan's steps with due dates as an iCalendar feed (all-day events)",
    description:
      'No cookie: the address made by POST /calendar is the key; a replaced or unknown one is 404. Each step with a due date is an all-day VEVENT: SUMMARY its title, DESCRIPTION its owner (and when it was done).',
    auth: 'none',
    params: z.strictObject({ token: z.string().min(1).max(200) }),
    produces: 'text/calendar',
    handler: async ({ params, req, reply }) => {
      const ics = await calendarFeedIcs(ctxOf(req), params.token, acceptedLocale(req));
      await reply.header('content-type', ICS_TYPE).header('cache-control', 'no-store').send(ics);
    },
  });

  portal.stream({
    url: '/events',
    tag: TAG,
    summary: "The room's changes as Server-Sent Events: the open room fetches itself again on each",
    description: `${NEEDS_COOKIE} Each change is \`event: change\` with \`data: {"kind": "…"}\` (kind as in the timeline; not the seller's own notes and drafts, which the room does not show). A comment line every 25 seconds keeps the connection open; the stream ends when the portal session does.`,
    auth: 'none',
    produces: 'text/event-stream',
    handler: async ({ req, reply }) => {
      const p = await portalActor(req);
      const live = req.server.h2h.live;
      const to: { stream?: EventStream } = {};
      const stop = live.hub.subscribe(p.orgId, p.journeyId, (e: ChangeEvent) => {
        if (!SELLER_ONLY.has(e.kind)) to.stream?.send('change', { kind: e.kind });
      });
      const cookie = req.cookies[PORTAL_COOKIE] ?? '';
      to.stream = live.streams.start(reply, {
        headers: { ...SECURITY_HEADERS },
        heartbeatMs: live.heartbeatMs,
        stillAllowed: async () => (await portalActorFromSession(ctxOf(req), cookie))?.journeyId === p.journeyId,
        onEnd: stop,
      });
    },
  });

  api.add({
    method: 'GET',
    url: '/journeys/:id/say',
    tag: 'portal',
    summary: "Each member of the buying group's say: their criteria, concerns and sign-off, and how many are ready",
    params: idParams,
    handler: ({ params, actor, req }) => getSay(ctxOf(req), actor, params.id),
  });

  api.stream({
    url: '/journeys/:id/plan.ics',
    tag: 'portal',
    summary: "The journey's plan steps with due dates as an iCalendar file (all-day events), as the buyer's feed has them",
    params: idParams,
    produces: 'text/calendar',
    handler: async ({ params, actor, locale, req, reply }) => {
      const ics = await sellerPlanIcs(ctxOf(req), actor, params.id, locale);
      await reply.header('content-type', ICS_TYPE).header('content-disposition', 'attachment; filename="plan.ics"').send(ics);
    },
  });
}
