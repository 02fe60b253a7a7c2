import { z } from 'zod';
import { acceptQuote, createQuote, declineQuote, getQuote, listJourneyQuotes, sendQuote, updateQuote } from '../../app/quotes.ts';
import type { RouteTable } from '../route.ts';
import { id, idParams, isoDateTime, optionalText, text } from '../schemas.ts';

const lines = z
  .array(z.strictObject({ productId: id, quantity: z.number().int('must be a whole quantity').min(1, 'must be at least 1').max(1_000_000) }))
  .min(1, 'must have at least one line')
  .max(100);

export function quoteRoutes(api: RouteTable): void {
  api.add({
    method: 'GET',
    url: '/journeys/:id/quotes',
    tag: 'quotes',
    summary: "A journey's quotes, the newest version first",
    params: idParams,
    handler: ({ params, actor, req }) => listJourneyQuotes(req.server.h2h.ctx, actor, params.id),
  });

  api.add({
    method: 'POST',
    url: '/journeys/:id/quotes',
    tag: 'quotes',
    summary: "A draft quote on the journey, priced at `at` (default now) for its account as its tier stands: each line's reference price, adjustments with reasons, and the limit that bound it",
    params: idParams,
    body: z.strictObject({ lines, at: isoDateTime.optional() }),
    status: 201,
    handler: ({ params, body, actor, req }) => createQuote(req.server.h2h.ctx, actor, params.id, body),
  });

  api.add({
    method: 'GET',
    url: '/quotes/:id',
    tag: 'quotes',
    summary: 'One quote; a sent quote past its validUntil reads as expired',
    params: idParams,
    handler: ({ params, actor, req }) => getQuote(req.server.h2h.ctx, actor, params.id),
  });

  api.add({
    method: 'PATCH',
    url: '/quotes/:id',
    tag: 'quotes',
    summary: 'Price a draft again: new lines, or another moment',
    params: idParams,
    body: z.strictObject({ lines: lines.optional(), at: isoDateTime.optional() }),
    handler: ({ params, body, actor, req }) => updateQuote(req.server.h2h.ctx, actor, params.id, body),
  });

  api.add({
    method: 'POST',
    url: '/quotes/:id/send',
    tag: 'quotes',
    summary: 'Send a draft: its prices bind until validUntil (default 30 days); older open versions are superseded',
    params: idParams,
    body: z.strictObject({ validUntil: isoDateTime.optional() }),
    handler: ({ params, body, actor, req }) => sendQuote(req.server.h2h.ctx, actor, params.id, body),
  });

  api.add({
    method: 'POST',
    url: '/quotes/:id/accept',
    tag: 'quotes',
    summary: "Record the buyer's acceptance (the portal's own call later): who, and the multiple typed when consent is asked; the lines become orders",
    description: 'When the total exceeds the consent threshold times the reference total, `consent` must be the multiple shown (`1,8` or `1.8`): 422 otherwise. An expired, declined or superseded quote is 409.',
    params: idParams,
    body: z.strictObject({ name: text(200), contactId: id.nullish(), consent: z.string().max(20).nullish() }),
    handler: ({ params, body, actor, req }) => acceptQuote(req.server.h2h.ctx, actor, params.id, body),
  });

  api.add({
    method: 'POST',
    url: '/quotes/:id/decline',
    tag: 'quotes',
    summary: "Record that the buyer declined, with their reason",
    params: idParams,
    body: z.strictObject({ reason: optionalText(2000) }),
    handler: ({ params, body, actor, req }) => declineQuote(req.server.h2h.ctx, actor, params.id, body),
  });
}
