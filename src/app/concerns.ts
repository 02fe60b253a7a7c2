/** Concerns: the buyer's questions and worries, until the buyer accepts the answer. */
import { nextConcernStatus, type ConcernAction } from '../domain/journey.ts';
import type { ConcernStatus, ConcernTopic } from '../domain/vocabulary.ts';
import { findContact } from '../store/accounts.ts';
import { findConcern, insertConcern, updateConcern } from '../store/journeys.ts';
import type { ConcernRow } from '../store/schema.ts';
import { type Actor, type AppContext, write } from './context.ts';
import { AppError, invalid, notFound } from './errors.ts';
import { loadWritableJourney } from './journeys.ts';
import { concernView } from './views.ts';

export interface ConcernInput {
  topic: ConcernTopic;
  text: string;
  blocking: boolean;
  contactId?: string | undefined;
}

export async function raiseConcern(ctx: AppContext, actor: Actor, journeyId: string, input: ConcernInput) {
  const db = ctx.store.db;
  await loadWritableJourney(db, actor, journeyId);
  if (input.contactId && !(await findContact(db, actor.orgId, input.contactId))) throw invalid('body.contactId', 'No contact with that id in your organisation.');
  return write(ctx, actor, async (w) => {
    const row: ConcernRow = {
      org_id: actor.orgId,
      id: w.id(),
      journey_id: journeyId,
      topic: input.topic,
      text: input.text.trim(),
      blocking: input.blocking ? 1 : 0,
      status: 'open',
      answer: null,
      contact_id: input.contactId ?? null,
      raised_by: actor.userId,
      raised_at: w.iso,
      answered_at: null,
      closed_at: null,
    };
    await insertConcern(w.tx, row);
    await w.timeline(journeyId, 'concern_raised', row.id, { topic: row.topic, text: row.text, blocking: input.blocking });
    await w.audit('concern.raise', 'concern', row.id, null, concernView(row));
    return concernView(row);
  });
}

const TIMELINE_KIND: Record<ConcernAction, string> = {
  answer: 'concern_answered',
  accept: 'concern_accepted',
  withdraw: 'concern_withdrawn',
  reopen: 'concern_reopened',
};

/** Moves a concern along its lifecycle; an answer carries its text. */
export async function moveConcern(ctx: AppContext, actor: Actor, journeyId: string, concernId: string, action: ConcernAction, answer?: string) {
  const db = ctx.store.db;
  await loadWritableJourney(db, actor, journeyId);
  const before = await findConcern(db, actor.orgId, journeyId, concernId);
  if (!before) throw notFound('concern');
  const status = nextConcernStatus(before.status as ConcernStatus, action);
  if (!status) throw new AppError('conflict', `A concern that is ${before.status} cannot be ${action === 'answer' ? 'answered' : action + 'ed'}.`);
  return write(ctx, actor, async (w) => {
    const set = {
      status,
      ...(action === 'answer' && { answer: (answer ?? '').trim(), answered_at: w.iso }),
      ...((status === 'accepted' || status === 'withdrawn') && { closed_at: w.iso }),
      ...(status === 'open' && { closed_at: null }),
    };
    await updateConcern(w.tx, actor.orgId, concernId, set);
    const after = { ...before, ...set };
    await w.timeline(journeyId, TIMELINE_KIND[action], concernId, { topic: before.topic, text: before.text, answer: after.answer });
    await w.audit(`concern.${action}`, 'concern', concernId, concernView(before), concernView(after));
    return concernView(after);
  });
}
