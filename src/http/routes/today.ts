import { z } from 'zod';
import { today } from '../../app/today.ts';
import type { RouteTable } from '../route.ts';
import { id } from '../schemas.ts';

export function todayRoutes(api: RouteTable): void {
  api.add({
    method: 'GET',
    url: '/today',
    tag: 'today',
    summary: 'The open journeys that need a seller today (you, or ownerId), most urgent first, at most 50',
    description:
      'A journey is here when a blocking concern is open, a plan step is past its due date (in the org’s time zone) and not done, ' +
      'or nobody has been in touch for 14 days. Each item is a board card with `reasons`: kind, since, days, detail and a sentence in your language. ' +
      '`cases` lists what the seller owes on cases of their journeys: `{kind: case_first_response_overdue | case_check_in, at (the first response\'s due time, or 14 days after the acceptance), text, case: {id, topic, priority, tier, status, journeyId, journeyTitle, accountName}}`, overdue answers first.',
    query: z.strictObject({ ownerId: id.optional() }),
    handler: ({ query, actor, locale, req }) => today(req.server.h2h.ctx, actor, query, locale),
  });
}
