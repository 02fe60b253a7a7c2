/** Interactions: every touch with the buyer, and what it was for. */
import type { Channel, Direction } from '../domain/vocabulary.ts';
import { findContacts } from '../store/accounts.ts';
import { findConcern, insertInteraction } from '../store/journeys.ts';
import { toJson } from '../store/json.ts';
import { findTemplate } from '../store/templates.ts';
import { type Actor, type AppContext, write } from './context.ts';
import { AppError, invalid } from './errors.ts';
import { loadWritableJourney } from './journeys.ts';
import { templateDef } from './views.ts';

export type Purpose = { criterion: string } | { concernId: string } | { why: string };

export interface InteractionInput {
  channel: Channel;
  direction: Direction;
  occurredAt: string;
  summary: string;
  contactIds?: string[] | undefined;
  purpose?: Purpose | undefined;
}

export const PURPOSE_REQUIRED =
  'An outbound interaction needs a purpose: the buyer criterion or concern it serves, or a written why. ' +
  'H2H asks so that every touch is for the buyer, and so that your team can learn which tools actually move buyers forward.';

export async function logInteraction(ctx: AppContext, actor: Actor, journeyId: string, input: InteractionInput) {
  const db = ctx.store.db;
  const journey = await loadWritableJourney(db, actor, journeyId);
  const purpose = input.purpose;
  if (input.direction === 'outbound' && !purpose) throw new AppError('purpose_required', PURPOSE_REQUIRED, { errors: [{ field: 'body.purpose', message: PURPOSE_REQUIRED }] });
  if (purpose && 'criterion' in purpose) {
    const template = await findTemplate(db, actor.orgId, journey.template_id);
    const known = template ? templateDef(template).stages.flatMap((s) => s.criteria.map((c) => c.key)) : [];
    if (!known.includes(purpose.criterion)) throw invalid('body.purpose.criterion', `"${purpose.criterion}" is not a criterion of this journey's process.`);
  }
  if (purpose && 'concernId' in purpose && !(await findConcern(db, actor.orgId, journeyId, purpose.concernId))) {
    throw invalid('body.purpose.concernId', 'No concern with that id on this journey.');
  }
  if (purpose && 'why' in purpose && purpose.why.trim() === '') throw invalid('body.purpose.why', 'Write why, in a few words.');
  const contactIds = [...new Set(input.contactIds ?? [])];
  const contacts = await findContacts(db, actor.orgId, contactIds);
  if (contacts.length !== contactIds.length) throw invalid('body.contactIds', 'One or more contacts are not in your organisation.');
  return write(ctx, actor, async (w) => {
    const row = {
      org_id: actor.orgId,
      id: w.id(),
      journey_id: journeyId,
      channel: input.channel,
      direction: input.direction,
      occurred_at: new Date(input.occurredAt).toISOString(),
      summary: input.summary.trim(),
      contact_ids: toJson(contactIds),
      purpose_criterion: purpose && 'criterion' in purpose ? purpose.criterion : null,
      purpose_concern_id: purpose && 'concernId' in purpose ? purpose.concernId : null,
      purpose_why: purpose && 'why' in purpose ? purpose.why.trim() : null,
      stage: journey.stage,
      created_by: actor.userId,
      created_at: w.iso,
    };
    await insertInteraction(w.tx, row);
    const view = {
      id: row.id,
      journeyId,
      channel: row.channel,
      direction: row.direction,
      occurredAt: row.occurred_at,
      summary: row.summary,
      contactIds,
      purpose: purpose ?? null,
      stage: row.stage,
      createdBy: row.created_by,
      createdAt: row.created_at,
    };
    await w.timeline(journeyId, 'interaction', row.id, view, row.occurred_at);
    await w.audit('interaction.create', 'interaction', row.id, null, view);
    return view;
  });
}
