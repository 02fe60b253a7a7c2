/**
 * Today: the open journeys of one seller that need them now, each with the
 * reasons in words, ranked by the rule in domain/today.ts. A fixed handful of
 * queries, however many journeys the seller has.
 */
import { groupBy } from '../domain/collections.ts';
import type { Locale } from '../domain/process.ts';
import { todayReasons, type TodayReason } from '../domain/today.ts';
import { concernsIn, lastInteractions, undoneDatedSteps } from '../store/journey-facts.ts';
import { listJourneys as listJourneyRows, type JourneyWithAccount } from '../store/journeys.ts';
import { findOrg } from '../store/orgs.ts';
import { findUser } from '../store/users.ts';
import { todayCases } from './case-lists.ts';
import { journeyCards } from './cards.ts';
import type { Actor, AppContext } from './context.ts';
import { invalid } from './errors.ts';

/** Today shows at most this many journeys: the ones that need the seller most. */
export const TODAY_LIMIT = 50;

export async function today(ctx: AppContext, actor: Actor, q: { ownerId?: string | undefined }, locale: Locale) {
  const db = ctx.store.db;
  const ownerId = q.ownerId ?? actor.userId;
  if (!ownerId) throw invalid('query.ownerId', 'Name the user whose day to show.');
  if (q.ownerId !== undefined && !(await findUser(db, actor.orgId, q.ownerId))) throw invalid('query.ownerId', 'No user with that id in your organisation.');
  const org = await findOrg(db, actor.orgId);
  const timeZone = org?.time_zone ?? 'Europe/Stockholm';
  const now = ctx.now();

  // Paused journeys wait on purpose; closed ones are done. Only open ones.
  const scope = { ownerId, status: 'open' };
  const [rows, concerns, steps, touches] = await Promise.all([
    listJourneyRows(db, actor.orgId, { ownerId, status: 'open' }),
    concernsIn(db, actor.orgId, scope, ['open']),
    undoneDatedSteps(db, actor.orgId, scope),
    lastInteractions(db, actor.orgId, scope),
  ]);
  const lastAt = new Map(touches.map((t) => [t.journey_id, t.last_at]));
  const concernsOf = groupBy(concerns, (c) => c.journey_id);
  const stepsOf = groupBy(steps, (s) => s.journey_id);

  const ranked: { row: JourneyWithAccount; reasons: TodayReason[]; score: number }[] = [];
  for (const row of rows) {
    const verdict = todayReasons(
      {
        concerns: (concernsOf.get(row.id) ?? []).map((c) => ({ status: c.status, blocking: c.blocking === 1, raisedAt: c.raised_at, text: c.text })),
        planSteps: (stepsOf.get(row.id) ?? []).map((s) => ({ title: s.title, dueDate: s.due_date, done: s.done_at !== null })),
        lastInteractionAt: lastAt.get(row.id) ?? null,
        createdAt: row.created_at,
      },
      now,
      timeZone,
    );
    if (verdict.reasons.length > 0) ranked.push({ row, ...verdict });
  }
  // Highest score first; among equals the newest journey, so the order is stable.
  ranked.sort((a, b) => b.score - a.score || (a.row.id < b.row.id ? 1 : a.row.id > b.row.id ? -1 : 0));
  const top = ranked.slice(0, TODAY_LIMIT);

  const [cards, cases] = await Promise.all([journeyCards(db, actor.orgId, top.map((r) => r.row)), todayCases(ctx, actor.orgId, ownerId, locale)]);
  return {
    ownerId,
    items: cards.map((card, i) => {
      const { reasons, score } = top[i] ?? { reasons: [], score: 0 };
      return { ...card, score, reasons: reasons.map((r) => ({ ...r, text: reasonText(r, card.lastInteractionAt === null, locale) })) };
    }),
    // Cases on the seller's journeys (any journey status: a complaint often comes after the deal): src/app/case-lists.ts.
    cases,
  };
}

const days = (n: number, locale: Locale) => (locale === 'sv' ? `${n} ${n === 1 ? 'dag' : 'dagar'}` : `${n} ${n === 1 ? 'day' : 'days'}`);

/** A reason as a sentence the seller reads, in their language. */
export function reasonText(r: TodayReason, neverContacted: boolean, locale: Locale): string {
  const sv = locale === 'sv';
  switch (r.kind) {
    case 'blocking_concern': {
      const since = r.days === 0 ? (sv ? 'sedan i dag' : 'since today') : sv ? `sedan ${days(r.days, locale)}` : `for ${days(r.days, locale)}`;
      return sv ? `Blockerande fråga öppen ${since}: ${r.detail ?? ''}` : `Blocking concern open ${since}: ${r.detail ?? ''}`;
    }
    case 'overdue_step':
      return sv ? `Steg i planen försenat ${days(r.days, locale)}: ${r.detail ?? ''}` : `Plan step ${days(r.days, locale)} overdue: ${r.detail ?? ''}`;
    case 'no_contact':
      if (neverContacted) return sv ? `Ingen kontakt sedan starten för ${days(r.days, locale)} sedan` : `No contact since the journey started ${days(r.days, locale)} ago`;
      return sv ? `Ingen kontakt på ${days(r.days, locale)}` : `No contact for ${days(r.days, locale)}`;
  }
}
