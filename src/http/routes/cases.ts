/**
 * Cases over HTTP (DESIGN §8): the seller's side under /api/v1 — a journey's
 * cases, one case, messages, proposals, closing without agreement, the
 * check-in, the org-wide list, the figures and the settings — and the buyer's
 * answer to a proposal under /api/portal/v1. There is no route by which a
 * seller resolves a case: only the buyer's acceptance does.
 */
import { z } from 'zod';
import { caseMetrics, listCases } from '../../app/case-lists.ts';
import { getCaseSettings, updateCaseSettings } from '../../app/case-settings.ts';
import { acceptProposal, checkIn, closeCase, getCase, listJourneyCases, openJourneyCase, postCaseMessage, proposeResolution, rejectProposal } from '../../app/cases.ts';
import { CASE_STATUSES, RESOLUTION_KINDS } from '../../domain/cases.ts';
import { TIERS } from '../../domain/loyalty.ts';
import type { RouteTable } from '../route.ts';
import { currency, cursor, id, idParams, isoDate, limit, moneyMinor, optionalText, text } from '../schemas.ts';
import { NEEDS_COOKIE, portalActor } from './portal.ts';

const TEXT_MAX = 4000;
const caseBody = z.strictObject({ topic: text(200), description: text(TEXT_MAX), quoteId: id.nullish(), orderId: id.nullish() });
const messageBody = z.strictObject({ text: text(TEXT_MAX) });

/** Kinds of resolution that are an amount of money, and so need one. */
const WITH_AMOUNT = new Set(['refund', 'credit', 'discount']);
const proposalBody = z
  .strictObject({ resolution: z.enum(RESOLUTION_KINDS), amountMinor: moneyMinor.nullish(), currency: currency.nullish(), text: text(TEXT_MAX) })
  .superRefine((b, ctx) => {
    const amount = b.amountMinor ?? null;
    if (WITH_AMOUNT.has(b.resolution) && (amount === null || amount <= 0)) ctx.addIssue({ code: 'custom', path: ['amountMinor'], message: 'must be an amount above 0 for a refund, credit or discount' });
    if (b.resolution === 'explanation' && amount !== null) ctx.addIssue({ code: 'custom', path: ['amountMinor'], message: 'must be left out for an explanation' });
    if (amount === null && b.currency != null) ctx.addIssue({ code: 'custom', path: ['currency'], message: 'must be left out without an amount' });
  });

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const hhmm = z.string().regex(HHMM, 'must be a time as HH:MM');
const hours = z
  .number()
  .gt(0, 'must be more than 0 hours')
  .max(10_000, 'must be at most 10000 hours')
  .refine((v) => Math.abs(v * 100 - Math.round(v * 100)) < 1e-6, 'must have at most two decimals');
const targets = z.strictObject({ firstResponseHours: hours, resolutionHours: hours });
const settingsBody = z.strictObject({
  businessHours: z
    .strictObject({
      days: z
        .array(z.number().int().min(1, 'must be 1 (Monday) to 7 (Sunday)').max(7, 'must be 1 (Monday) to 7 (Sunday)'))
        .min(1, 'must name at least one working day')
        .max(7),
      open: hhmm,
      close: hhmm,
    })
    .superRefine((h, ctx) => {
      // Only two real times compare; a malformed one has its own error already.
      if (HHMM.test(h.open) && HHMM.test(h.close) && h.close <= h.open) ctx.addIssue({ code: 'custom', path: ['close'], message: 'must be after the opening time' });
    }),
  holidays: z.array(isoDate).max(1000),
  targets: z.strictObject(Object.fromEntries(TIERS.map((t) => [t, targets])) as Record<(typeof TIERS)[number], typeof targets>),
});

const CASE_SHAPE =
  'A case: `{id, journeyId, topic, description, quoteId, orderId, status (open|proposed|resolved|closed), shownStatus (also `unanswered`: a proposal waiting 14 days), priority, openedBy: {kind, name}, openedAt, firstResponseAt, proposedAt, resolvedAt, closedAt, reopened, proposal: {id, resolution, amountMinor, currency, text, at, by} | null, steps: [{id, kind, at, by: {kind, name}, resolution, amountMinor, currency, text}], messages: [{id, author: {kind, name}, text, at}]}`. ' +
  'The seller also sees `tier`, `targets: {firstResponseHours, resolutionHours}`, `clocks: {firstResponse, resolution}` (each `{state: running|paused|overdue|met|missed, dueAt, doneAt, usedHours}`, in business hours; dueAt null while paused), `dueAt` (the running clock\'s), `checkInAt`, `checkedInAt`, `checkInDue`.';
const NOT_RESOLVED = 'A seller never resolves a case: only the buyer\'s acceptance in the room does.';

export function caseRoutes(portal: RouteTable, api: RouteTable): void {
  // --- the buyer -----------------------------------------------------------------------

  portal.add({
    method: 'POST',
    url: '/cases/:id/accept',
    tag: 'portal (buyer)',
    summary: "Accept the proposal waiting on a case of the room: the case is resolved (the only way it ever is)",
    description: `${NEEDS_COOKIE} No proposal waiting: 409 conflict. Answers the case. ${CASE_SHAPE}`,
    auth: 'none',
    params: idParams,
    body: z.strictObject({ comment: optionalText(TEXT_MAX) }),
    handler: async ({ params, body, req }) => acceptProposal(req.server.h2h.ctx, await portalActor(req), params.id, body),
  });

  portal.add({
    method: 'POST',
    url: '/cases/:id/reject',
    tag: 'portal (buyer)',
    summary: 'Reject the proposal waiting on a case of the room, saying why: the case is open again',
    description: `${NEEDS_COOKIE} No proposal waiting: 409 conflict. Answers the case.`,
    auth: 'none',
    params: idParams,
    body: z.strictObject({ comment: text(TEXT_MAX) }),
    handler: async ({ params, body, req }) => rejectProposal(req.server.h2h.ctx, await portalActor(req), params.id, body),
  });

  // --- the seller ----------------------------------------------------------------------

  api.add({
    method: 'GET',
    url: '/cases',
    tag: 'cases',
    summary: "The org's cases with their journey and account, by due time (soonest first; none running last) or newest first",
    description: `Filters: status, ownerId (the journey's owner), accountId. Items are cases as below without messages and steps, plus \`journey: {id, title, ownerId}\` and \`account: {id, name}\`. ${CASE_SHAPE}`,
    query: z.strictObject({ status: z.enum(CASE_STATUSES).optional(), ownerId: id.optional(), accountId: id.optional(), sort: z.enum(['due', 'opened']).default('due'), cursor, limit }),
    handler: ({ query, actor, req }) => listCases(req.server.h2h.ctx, actor, query),
  });

  api.add({
    method: 'GET',
    url: '/cases/metrics',
    tag: 'cases',
    summary: 'Figures of the cases opened in a period: in total, by tier and by seller (the journey\'s owner)',
    description:
      'from and to are local dates in the org\'s time zone, both included (default: the 90 days to today). Each figure set: `{cases, open, resolved, closedWithoutAgreement, medianFirstResponseHours, medianResolutionHours (to the accepted resolution, waits on the buyer left out), acceptanceRate, reopenRate}`, in business hours. Answers `{from, to, timeZone, total, byTier: [{tier, …}], bySeller: [{userId, name, …}]}`.',
    query: z.strictObject({ from: isoDate.optional(), to: isoDate.optional() }),
    handler: ({ query, actor, req }) => caseMetrics(req.server.h2h.ctx, actor, query),
  });

  api.add({
    method: 'GET',
    url: '/settings/cases',
    tag: 'cases',
    summary: "Settings for cases: business hours (in the org's time zone), holidays, and targets per tier in business hours",
    description: '`{businessHours: {timeZone, days (1 Monday … 7 Sunday), open, close}, holidays: [YYYY-MM-DD], defaultHolidays, targets: {<tier>: {firstResponseHours, resolutionHours}}}`. Until saved, a Swedish org has Sweden\'s public holidays with midsommarafton, julafton and nyårsafton, last year, this year and next.',
    handler: ({ actor, req }) => getCaseSettings(req.server.h2h.ctx, actor),
  });

  api.add({
    method: 'PUT',
    url: '/settings/cases',
    tag: 'cases',
    summary: 'Change the settings for cases (admins); the time zone is the org\'s',
    body: settingsBody,
    handler: ({ body, actor, req }) => updateCaseSettings(req.server.h2h.ctx, actor, body),
  });

  api.add({
    method: 'GET',
    url: '/journeys/:id/cases',
    tag: 'cases',
    summary: "The journey's cases (complaints), oldest first, each with its messages, steps, clocks and the tier its priority came from",
    description: CASE_SHAPE,
    params: idParams,
    handler: ({ params, actor, req }) => listJourneyCases(req.server.h2h.ctx, actor, params.id),
  });

  api.add({
    method: 'POST',
    url: '/journeys/:id/cases',
    tag: 'cases',
    summary: 'Open a case for the buyer, about a quote of the journey or an order of its account if given',
    description: `A case a seller opens has its first response at the opening. ${CASE_SHAPE}`,
    params: idParams,
    body: caseBody,
    status: 201,
    handler: ({ params, body, actor, req }) => openJourneyCase(req.server.h2h.ctx, actor, params.id, body),
  });

  api.add({
    method: 'GET',
    url: '/cases/:id',
    tag: 'cases',
    summary: 'A case with its messages, steps and clocks',
    description: CASE_SHAPE,
    params: idParams,
    handler: ({ params, actor, req }) => getCase(req.server.h2h.ctx, actor, params.id),
  });

  api.add({
    method: 'POST',
    url: '/cases/:id/messages',
    tag: 'cases',
    summary: "Write on a case in the seller's own name; the first answer to a buyer's case is its first response",
    description: `A closed case takes no more messages from the seller (409). ${NOT_RESOLVED}`,
    params: idParams,
    body: messageBody,
    status: 201,
    handler: ({ params, body, actor, req }) => postCaseMessage(req.server.h2h.ctx, actor, params.id, body),
  });

  api.add({
    method: 'POST',
    url: '/cases/:id/proposals',
    tag: 'cases',
    summary: 'Propose a resolution to the buyer (explanation, refund, credit, discount, redo, other): the case waits on their answer, its resolution clock standing still',
    description: `An amount (minor units; currency default SEK) is required for a refund, credit or discount, and left out for an explanation. Only an open case (409 otherwise). ${NOT_RESOLVED} Answers the case.`,
    params: idParams,
    body: proposalBody,
    handler: ({ params, body, actor, req }) => proposeResolution(req.server.h2h.ctx, actor, params.id, body),
  });

  api.add({
    method: 'POST',
    url: '/cases/:id/close',
    tag: 'cases',
    summary: 'Close a case without the buyer\'s agreement, with a written reason: it counts as closed without agreement, never as resolved',
    description: `Only an open or proposed case (409 otherwise). ${NOT_RESOLVED} Answers the case.`,
    params: idParams,
    body: z.strictObject({ reason: text(TEXT_MAX) }),
    handler: ({ params, body, actor, req }) => closeCase(req.server.h2h.ctx, actor, params.id, body),
  });

  api.add({
    method: 'POST',
    url: '/cases/:id/check-in',
    tag: 'cases',
    summary: 'Record that you checked in with the buyer after their acceptance: the check-in leaves Today',
    description: 'Only a resolved case (409 otherwise). Today asks for a check-in 14 days after an acceptance until one is recorded. Answers the case.',
    params: idParams,
    body: z.strictObject({ note: optionalText(TEXT_MAX) }),
    handler: ({ params, body, actor, req }) => checkIn(req.server.h2h.ctx, actor, params.id, body),
  });
}
