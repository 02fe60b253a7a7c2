import { z } from 'zod';
import { createPriceRule, deletePriceRule, getPriceRule, getPricingPolicy, listPriceRules, replacePriceRule, simulatePrice, updatePricingPolicy } from '../../app/pricing.ts';
import { TIERS } from '../../domain/loyalty.ts';
import type { RouteTable } from '../route.ts';
import { id, idParams, isoDateTime, localizedText, moneyMinor } from '../schemas.ts';

/** A multiple such as 1.25 or 3: at least 1, whole basis points. */
const multiple = (max: number) =>
  z
    .number()
    .min(1, 'must be at least 1 (1× the reference price)')
    .max(max, `must be at most ${max}`)
    .refine((v) => Math.abs(v * 10_000 - Math.round(v * 10_000)) < 1e-6, 'must have at most four decimals');
const percent = z
  .number()
  .gt(0, 'must be more than 0 %')
  .max(100, 'must be at most 100 %')
  .refine((v) => Math.abs(v * 100 - Math.round(v * 100)) < 1e-6, 'must have at most two decimals');
const tier = z.enum(TIERS);
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'must be a time as HH:MM');
/** A local date and time (read in the org's time zone) or an ISO instant with Z or an offset. */
const when = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/, 'must be a date and time: 2026-12-31T22:00 (local) or 2026-12-31T21:00:00Z');
const productIds = z.array(id).max(500).nullish();

const demandRule = z.strictObject({
  kind: z.literal('demand'),
  reason: localizedText(200),
  window: z.discriminatedUnion('type', [
    z.strictObject({ type: z.literal('absolute'), from: when, to: when }),
    z.strictObject({ type: z.literal('weekly'), weekday: z.number().int().min(1, 'must be 1 (Monday) to 7 (Sunday)').max(7, 'must be 1 (Monday) to 7 (Sunday)'), start: hhmm, end: hhmm }),
  ]),
  multiplier: multiple(10),
  productIds,
  active: z.boolean().optional(),
});
const costRule = z.strictObject({
  kind: z.literal('cost'),
  reason: localizedText(200),
  productId: id,
  from: when,
  to: when.nullish(),
  increase: z.union([z.strictObject({ amountMinor: moneyMinor }), z.strictObject({ percent })]),
  active: z.boolean().optional(),
});
const discountBase = { kind: z.literal('discount'), reason: localizedText(200), percent, productIds, active: z.boolean().optional() };
const discountRule = z.discriminatedUnion('by', [
  z.strictObject({ ...discountBase, by: z.literal('tier'), tiers: z.array(tier).min(1, 'must name at least one tier') }),
  z.strictObject({ ...discountBase, by: z.literal('quantity'), minQuantity: z.number().int().min(1, 'must be at least 1').max(1_000_000) }),
]);
const ruleBody = z.union([demandRule, costRule, discountRule]);

const policyBody = z.strictObject({
  caps: z.strictObject(Object.fromEntries(TIERS.map((t) => [t, multiple(100)])) as Record<(typeof TIERS)[number], ReturnType<typeof multiple>>),
  ceiling: multiple(100),
  consentThreshold: multiple(100),
  emergency: z.boolean(),
});

export function pricingRoutes(api: RouteTable): void {
  api.add({
    method: 'GET',
    url: '/settings/pricing',
    tag: 'pricing',
    summary: "The pricing policy: each tier's cap and the ceiling (multiples of the reference price), the consent threshold, emergency mode, and the org's time zone",
    handler: ({ actor, req }) => getPricingPolicy(req.server.h2h.ctx, actor),
  });

  api.add({
    method: 'PUT',
    url: '/settings/pricing',
    tag: 'pricing',
    summary: 'Change the pricing policy (admins)',
    body: policyBody,
    handler: ({ body, actor, req }) => updatePricingPolicy(req.server.h2h.ctx, actor, body),
  });

  api.add({
    method: 'GET',
    url: '/price-rules',
    tag: 'pricing',
    summary: "The org's demand, cost and discount rules, oldest first; `kind` and `active` filter",
    query: z.strictObject({ kind: z.enum(['demand', 'cost', 'discount']).optional(), active: z.enum(['true', 'false']).optional() }),
    handler: ({ query, actor, req }) => listPriceRules(req.server.h2h.ctx, actor, { kind: query.kind, active: query.active === undefined ? undefined : query.active === 'true' }),
  });

  api.add({
    method: 'POST',
    url: '/price-rules',
    tag: 'pricing',
    summary: 'Add a rule (admins and managers): demand (a window and a multiplier ≥ 1), cost (a recorded increase passed on) or discount (by tier or quantity)',
    description: "Demand rules never compound: where several hold, the largest applies. Every price stays under its tier's cap and the ceiling.",
    body: ruleBody,
    status: 201,
    handler: ({ body, actor, req }) => createPriceRule(req.server.h2h.ctx, actor, body),
  });

  api.add({
    method: 'GET',
    url: '/price-rules/:id',
    tag: 'pricing',
    summary: 'One rule',
    params: idParams,
    handler: ({ params, actor, req }) => getPriceRule(req.server.h2h.ctx, actor, params.id),
  });

  api.add({
    method: 'PUT',
    url: '/price-rules/:id',
    tag: 'pricing',
    summary: 'Replace a rule (admins and managers); quotes already priced keep their adjustments',
    params: idParams,
    body: ruleBody,
    handler: ({ params, body, actor, req }) => replacePriceRule(req.server.h2h.ctx, actor, params.id, body),
  });

  api.add({
    method: 'DELETE',
    url: '/price-rules/:id',
    tag: 'pricing',
    summary: 'Delete a rule (admins and managers)',
    params: idParams,
    status: 204,
    handler: ({ params, actor, req }) => deletePriceRule(req.server.h2h.ctx, actor, params.id),
  });

  api.add({
    method: 'POST',
    url: '/prices/simulate',
    tag: 'pricing',
    summary: 'Price products for an account (or a tier) at a moment: every line with its reference price, each adjustment and its reason, the cap that bound it, and the same for each tier side by side',
    body: z.strictObject({
      accountId: id.nullish(),
      tier: tier.optional(),
      lines: z.array(z.strictObject({ productId: id, quantity: z.number().int('must be a whole quantity').min(1, 'must be at least 1').max(1_000_000) })).min(1, 'must have at least one line').max(100),
      at: isoDateTime.optional(),
    }),
    handler: ({ body, actor, req }) => simulatePrice(req.server.h2h.ctx, actor, body),
  });
}
