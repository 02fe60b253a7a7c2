import { z } from 'zod';
import { moveConcern, raiseConcern } from '../../app/concerns.ts';
import { logInteraction } from '../../app/interactions.ts';
import {
  advanceJourney,
  boardColumns,
  closeJourney,
  createJourney,
  getJourney,
  listJourneys,
  meetCriterion,
  unmeetCriterion,
  updateJourney,
} from '../../app/journeys.ts';
import { addPlanStep, editPlanStep, listPlan, reorderPlanSteps } from '../../app/plan.ts';
import { journeyTimeline } from '../../app/timeline.ts';
import type { RouteTable } from '../route.ts';
import {
  channel,
  concernTopic,
  currency,
  cursor,
  direction,
  id,
  idParams,
  isoDate,
  isoDateTime,
  journeyStatus,
  key,
  limit,
  moneyMinor,
  text,
} from '../schemas.ts';

const purpose = z.union([
  z.strictObject({ criterion: key }),
  z.strictObject({ concernId: id }),
  z.strictObject({ why: text(1000) }),
]);
const owner = z.union([z.strictObject({ userId: id }), z.strictObject({ contactId: id })]);
const criterionParams = z.strictObject({ id, key: z.string().min(1).max(64) });
const concernParams = z.strictObject({ id, concernId: id });
const stepParams = z.strictObject({ id, stepId: id });

export function journeyRoutes(api: RouteTable): void {
  api.add({
    method: 'GET',
    url: '/journeys',
    tag: 'journeys',
    summary: 'Journey cards for the board, newest first, paged by cursor; `q` finds text in the title or the account name',
    description:
      'Each card has the account name, readiness (criteria of the current stage met / total, derived ones computed), open concerns, ' +
      'blocking concerns (open or answered, not yet accepted) and the time of the last interaction. `q` matches anywhere in the ' +
      'title or account name, ignoring case and accents but keeping å, ä and ö apart from a and o.',
    query: z.strictObject({
      stage: key.optional(),
      status: journeyStatus.optional(),
      ownerId: id.optional(),
      accountId: id.optional(),
      templateKey: key.optional(),
      q: z.string().max(200).optional(),
      cursor,
      limit,
    }),
    handler: ({ query, actor, req }) => listJourneys(req.server.h2h.ctx, actor, query),
  });

  api.add({
    method: 'GET',
    url: '/board',
    tag: 'journeys',
    summary: "The board's first page of journey cards in every stage of a process, in one request",
    description:
      'One column per stage, in the process order, each with the same cards and `nextCursor` as `GET /journeys` with that `stage` ' +
      '(fetch further pages there). The filters are those of `GET /journeys`; `limit` is per column.',
    query: z.strictObject({
      templateKey: key,
      status: journeyStatus.optional(),
      ownerId: id.optional(),
      q: z.string().max(200).optional(),
      limit,
    }),
    handler: ({ query, actor, req }) => boardColumns(req.server.h2h.ctx, actor, query),
  });

  api.add({
    method: 'POST',
    url: '/journeys',
    tag: 'journeys',
    summary: 'Start a buying journey for an account; it begins at the first stage of its process',
    body: z.strictObject({
      accountId: id,
      title: text(200),
      templateKey: key.optional(),
      valueMinor: moneyMinor.nullish(),
      currency: currency.optional(),
      ownerId: id.optional(),
    }),
    status: 201,
    handler: ({ body, actor, locale, req }) => createJourney(req.server.h2h.ctx, actor, body, locale),
  });

  api.add({
    method: 'GET',
    url: '/journeys/:id',
    tag: 'journeys',
    summary: 'One journey: stage, status, the current stage’s criteria, concerns and plan',
    params: idParams,
    handler: ({ params, actor, locale, req }) => getJourney(req.server.h2h.ctx, actor, params.id, locale),
  });

  api.add({
    method: 'PATCH',
    url: '/journeys/:id',
    tag: 'journeys',
    summary: 'Change title, value, owner, or pause and resume',
    params: idParams,
    body: z.strictObject({
      title: text(200).optional(),
      valueMinor: moneyMinor.nullish(),
      currency: currency.optional(),
      ownerId: id.optional(),
      status: z.enum(['open', 'paused']).optional(),
    }),
    handler: ({ params, body, actor, locale, req }) => updateJourney(req.server.h2h.ctx, actor, params.id, body, locale),
  });

  api.add({
    method: 'POST',
    url: '/journeys/:id/criteria/:key',
    tag: 'journeys',
    summary: 'Meet a criterion of the current stage, with evidence',
    params: criterionParams,
    body: z.strictObject({ evidence: text(2000) }),
    handler: ({ params, body, actor, locale, req }) => meetCriterion(req.server.h2h.ctx, actor, params.id, params.key, body.evidence, locale),
  });

  api.add({
    method: 'DELETE',
    url: '/journeys/:id/criteria/:key',
    tag: 'journeys',
    summary: 'Un-meet a criterion of the current stage',
    params: criterionParams,
    handler: ({ params, actor, locale, req }) => unmeetCriterion(req.server.h2h.ctx, actor, params.id, params.key, locale),
  });

  api.add({
    method: 'POST',
    url: '/journeys/:id/advance',
    tag: 'journeys',
    summary: 'Move to the next stage: 409 lists the unmet criteria unless a written override reason is given',
    params: idParams,
    body: z.strictObject({ overrideReason: text(2000).optional() }),
    handler: ({ params, body, actor, locale, req }) => advanceJourney(req.server.h2h.ctx, actor, params.id, body.overrideReason, locale),
  });

  api.add({
    method: 'POST',
    url: '/journeys/:id/close',
    tag: 'journeys',
    summary: 'Close a journey as won or lost, with the reason',
    params: idParams,
    body: z.strictObject({ outcome: z.enum(['won', 'lost']), reason: text(2000) }),
    handler: ({ params, body, actor, locale, req }) => closeJourney(req.server.h2h.ctx, actor, params.id, body.outcome, body.reason, locale),
  });

  api.add({
    method: 'GET',
    url: '/journeys/:id/timeline',
    tag: 'journeys',
    summary: 'Everything that happened on the journey, newest first, paged by cursor',
    params: idParams,
    query: z.strictObject({ cursor, limit }),
    handler: ({ params, query, actor, req }) => journeyTimeline(req.server.h2h.ctx, actor, params.id, query),
  });

  api.add({
    method: 'POST',
    url: '/journeys/:id/interactions',
    tag: 'interactions',
    summary: 'Log a touch with the buyer; an outbound one needs a purpose',
    description: 'purpose is one of {criterion}, {concernId} or {why}. H2H asks what each outbound touch is for, so that the team learns which tools move buyers forward.',
    params: idParams,
    body: z.strictObject({
      channel,
      direction,
      occurredAt: isoDateTime,
      summary: text(5000),
      contactIds: z.array(id).max(50).optional(),
      purpose: purpose.optional(),
    }),
    status: 201,
    handler: ({ params, body, actor, req }) => logInteraction(req.server.h2h.ctx, actor, params.id, body),
  });

  api.add({
    method: 'POST',
    url: '/journeys/:id/concerns',
    tag: 'concerns',
    summary: 'Raise a concern the buyer has',
    params: idParams,
    body: z.strictObject({ topic: concernTopic, text: text(2000), blocking: z.boolean().default(false), contactId: id.optional() }),
    status: 201,
    handler: ({ params, body, actor, req }) => raiseConcern(req.server.h2h.ctx, actor, params.id, body),
  });

  api.add({
    method: 'POST',
    url: '/journeys/:id/concerns/:concernId/answer',
    tag: 'concerns',
    summary: 'Answer a concern',
    params: concernParams,
    body: z.strictObject({ answer: text(5000) }),
    handler: ({ params, body, actor, req }) => moveConcern(req.server.h2h.ctx, actor, params.id, params.concernId, 'answer', body.answer),
  });

  for (const [action, summary] of [
    ['accept', 'Record that the buyer accepted the answer'],
    ['withdraw', 'Record that the buyer withdrew the concern'],
    ['reopen', 'Open an answered or accepted concern again'],
  ] as const) {
    api.add({
      method: 'POST',
      url: `/journeys/:id/concerns/:concernId/${action}`,
      tag: 'concerns',
      summary,
      params: concernParams,
      handler: ({ params, actor, req }) => moveConcern(req.server.h2h.ctx, actor, params.id, params.concernId, action),
    });
  }

  api.add({
    method: 'GET',
    url: '/journeys/:id/plan-steps',
    tag: 'plan',
    summary: 'The mutual plan, in order',
    params: idParams,
    handler: async ({ params, actor, req }) => ({ items: await listPlan(req.server.h2h.ctx, actor, params.id) }),
  });

  api.add({
    method: 'POST',
    url: '/journeys/:id/plan-steps',
    tag: 'plan',
    summary: 'Add a step to the mutual plan; it names a person (a user or a contact)',
    params: idParams,
    body: z.strictObject({ title: text(500), owner, dueDate: isoDate.nullish() }),
    status: 201,
    handler: ({ params, body, actor, req }) => addPlanStep(req.server.h2h.ctx, actor, params.id, body),
  });

  api.add({
    method: 'PATCH',
    url: '/journeys/:id/plan-steps/:stepId',
    tag: 'plan',
    summary: 'Edit a plan step, or complete it with {done: true}',
    params: stepParams,
    body: z.strictObject({ title: text(500).optional(), owner: owner.optional(), dueDate: isoDate.nullish(), done: z.boolean().optional() }),
    handler: ({ params, body, actor, req }) => editPlanStep(req.server.h2h.ctx, actor, params.id, params.stepId, body),
  });

  api.add({
    method: 'POST',
    url: '/journeys/:id/plan-steps/:stepId/complete',
    tag: 'plan',
    summary: 'Complete a plan step',
    params: stepParams,
    handler: ({ params, actor, req }) => editPlanStep(req.server.h2h.ctx, actor, params.id, params.stepId, { done: true }),
  });

  api.add({
    method: 'PUT',
    url: '/journeys/:id/plan-steps/order',
    tag: 'plan',
    summary: 'Reorder the plan: name every step once, in the new order',
    params: idParams,
    body: z.strictObject({ stepIds: z.array(id).max(500) }),
    handler: async ({ params, body, actor, req }) => ({ items: await reorderPlanSteps(req.server.h2h.ctx, actor, params.id, body.stepIds) }),
  });
}
