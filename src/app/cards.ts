/**
 * Journey cards: a journey as the board and Today show it, with its account's
 * name, readiness, concerns and last touch. Built for a whole page at once
 * with a fixed handful of queries (journey-facts.ts, quotes), never one per journey.
 */
import { groupBy } from '../domain/collections.ts';
import { isUnresolved } from '../domain/journey.ts';
import { findStage, stageCriteria, type DerivedFacts, type TemplateDef } from '../domain/process.ts';
import type { ConcernStatus } from '../domain/vocabulary.ts';
import { concernCounts, lastInteractions, metCriteriaAtCurrentStage } from '../store/journey-facts.ts';
import type { JourneyWithAccount } from '../store/journeys.ts';
import { quoteFactsOf } from '../store/quotes.ts';
import { findTemplates } from '../store/templates.ts';
import type { Db } from './context.ts';
import { journeySummaryView, templateDef } from './views.ts';

export type JourneyCard = ReturnType<typeof journeySummaryView> & {
  accountName: string;
  /** the account's loyalty tier */
  accountTier: string;
  /** the process the journey follows; processes share stage keys */
  templateKey: string | null;
  readiness: { met: number; total: number };
  openConcerns: number;
  blockingConcerns: number;
  lastInteractionAt: string | null;
};

/** Counts of a journey's concerns as the derived criteria see them. */
export interface ConcernTally {
  open: number;
  unresolvedBlocking: number;
}

/** Tallies concerns one at a time: the journey page passes its concerns, the board its grouped counts. */
export function tallyConcerns(concerns: readonly { status: string; blocking: number; n?: number }[]): ConcernTally {
  const tally = { open: 0, unresolvedBlocking: 0 };
  for (const c of concerns) {
    const n = c.n ?? 1;
    if (c.status === 'open') tally.open += n;
    if (c.blocking === 1 && isUnresolved(c.status as ConcernStatus)) tally.unresolvedBlocking += n;
  }
  return tally;
}

/** What a journey's quotes tell the derived criteria: the buyer opened a sent one; one was accepted. */
export interface QuoteFacts {
  viewed: boolean;
  accepted: boolean;
}

const NO_QUOTES: QuoteFacts = { viewed: false, accepted: false };

/** What the derived criteria are computed from: the concern tally and the quotes. */
export function derivedFactsOf(tally: ConcernTally, quotes: QuoteFacts = NO_QUOTES): DerivedFacts {
  return { openConcerns: tally.open, unresolvedBlockingConcerns: tally.unresolvedBlocking, quoteViewed: quotes.viewed, quoteAccepted: quotes.accepted };
}

/** Quote facts of each journey, for a page of them in one query. */
export async function quoteFactsByJourney(db: Db, orgId: string, journeyIds: readonly string[]): Promise<Map<string, QuoteFacts>> {
  const rows = await quoteFactsOf(db, orgId, journeyIds);
  return new Map(rows.map((r) => [r.journey_id, { viewed: Number(r.viewed) === 1, accepted: Number(r.accepted) === 1 }]));
}

/** Cards for the rows, in the same order. Five queries, however many rows. */
export async function journeyCards(db: Db, orgId: string, rows: readonly JourneyWithAccount[]): Promise<JourneyCard[]> {
  if (rows.length === 0) return [];
  const scope = { ids: rows.map((r) => r.id) };
  const [templates, met, counts, last, quotes] = await Promise.all([
    findTemplates(db, orgId, [...new Set(rows.map((r) => r.template_id))]),
    metCriteriaAtCurrentStage(db, orgId, scope),
    concernCounts(db, orgId, scope),
    lastInteractions(db, orgId, scope),
    quoteFactsByJourney(db, orgId, scope.ids),
  ]);
  const defs = new Map<string, TemplateDef>(templates.map((t) => [t.id, templateDef(t)]));
  const metBy = groupBy(
    met.map((m) => ({ journeyId: m.journey_id, key: m.criterion_key, evidence: m.evidence, metAt: m.met_at, metBy: m.met_by })),
    (m) => m.journeyId,
  );
  const tallies = new Map([...groupBy(counts, (c) => c.journey_id)].map(([id, cs]) => [id, tallyConcerns(cs)]));
  const lastAt = new Map(last.map((l) => [l.journey_id, l.last_at]));

  return rows.map((row) => {
    const tally = tallies.get(row.id) ?? { open: 0, unresolvedBlocking: 0 };
    const template = defs.get(row.template_id);
    const stage = template ? findStage(template, row.stage) : undefined;
    // The same rule as the journey page (app/journeys.ts): derived criteria from the concern tally.
    const criteria = stage ? stageCriteria(stage, metBy.get(row.id) ?? [], derivedFactsOf(tally, quotes.get(row.id))) : [];
    return {
      ...journeySummaryView(row),
      accountName: row.account_name,
      accountTier: row.account_tier ?? 'new',
      templateKey: template?.key ?? null,
      readiness: { met: criteria.filter((c) => c.met).length, total: criteria.length },
      openConcerns: tally.open,
      blockingConcerns: tally.unresolvedBlocking,
      lastInteractionAt: lastAt.get(row.id) ?? null,
    };
  });
}
