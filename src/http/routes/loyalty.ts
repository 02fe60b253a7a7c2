import { z } from 'zod';
import { accountLoyalty, getLoyaltySettings, loyaltySummary, recomputeLoyalty, updateLoyaltySettings } from '../../app/loyalty.ts';
import type { RouteTable } from '../route.ts';
import { idParams, isoDate } from '../schemas.ts';

const scoreField = z.number().int('must be a whole score').min(1, 'must be a score from 1 to 5').max(5, 'must be a score from 1 to 5');
const daysField = z.number().int('must be a whole number of days').min(0, 'must be 0 days or more').max(3650, 'must be at most 3650 days');

const loyaltySettingsBody = z.strictObject({
  championMin: scoreField,
  championDays: daysField,
  atRiskF: scoreField,
  atRiskM: scoreField,
  atRiskMaxR: scoreField,
  loyalF: scoreField,
  loyalDays: daysField,
  regularF: scoreField,
  windowMonths: z.number().int('must be a whole number of months').min(1, 'must be at least 1 month').max(120, 'must be at most 120 months'),
});

export function loyaltyRoutes(api: RouteTable): void {
  api.add({
    method: 'GET',
    url: '/accounts/:id/loyalty',
    tag: 'loyalty',
    summary: "An account's loyalty: tier, R/F/M/T and their scores, pAlive, expected orders, the explanation in sv and en, tier history and 36 months of orders",
    params: idParams,
    handler: ({ params, actor, req }) => accountLoyalty(req.server.h2h.ctx, actor, params.id),
  });

  api.add({
    method: 'GET',
    url: '/loyalty/summary',
    tag: 'loyalty',
    summary: 'Accounts per tier, moves between tiers in a period (default: this quarter so far), and loyal and champion accounts whose pAlive is falling',
    query: z.strictObject({ from: isoDate.optional(), to: isoDate.optional() }),
    handler: ({ query, actor, req }) => loyaltySummary(req.server.h2h.ctx, actor, query),
  });

  api.add({
    method: 'POST',
    url: '/loyalty/recompute',
    tag: 'loyalty',
    summary: 'Refit the quintile cuts and the model and recompute every tier now (admins and managers)',
    handler: ({ actor, req }) => recomputeLoyalty(req.server.h2h.ctx, actor, 'recompute'),
  });

  api.add({
    method: 'GET',
    url: '/settings/loyalty',
    tag: 'loyalty',
    summary: 'The tier thresholds (DESIGN §7)',
    handler: ({ actor, req }) => getLoyaltySettings(req.server.h2h.ctx, actor),
  });

  api.add({
    method: 'PUT',
    url: '/settings/loyalty',
    tag: 'loyalty',
    summary: 'Change the tier thresholds (admins); every tier is recomputed against them at once',
    body: loyaltySettingsBody,
    handler: ({ body, actor, req }) => updateLoyaltySettings(req.server.h2h.ctx, actor, body),
  });
}
