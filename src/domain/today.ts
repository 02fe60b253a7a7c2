/**
 * Today: why an open journey needs its seller now. Pure: the clock and the
 * org's time zone are parameters.
 *
 * A journey needs its seller when
 * - a blocking concern is open (the buyer waits for an answer);
 * - a step of the mutual plan is past its due date and not done: due before
 *   today, where "today" is the date in the org's time zone, since a step is
 *   due on a calendar day where the buyer is, not at a UTC instant;
 * - nobody has touched the buyer for 14 days (counted from the journey's
 *   start when nobody ever has). Counted in elapsed time, so that moving the
 *   clock forward never takes the reason away.
 */

export const NO_CONTACT_DAYS = 14;

const DAY_MS = 24 * 60 * 60 * 1000;

export type ReasonKind = 'blocking_concern' | 'overdue_step' | 'no_contact';

export interface TodayFacts {
  /** the journey's concerns; only open blocking ones are reasons */
  concerns: readonly { status: string; blocking: boolean; raisedAt: string; text: string }[];
  planSteps: readonly { title: string; dueDate: string | null; done: boolean }[];
  /** ISO time of the latest interaction, or null when there was none */
  lastInteractionAt: string | null;
  createdAt: string;
}

export interface TodayReason {
  kind: ReasonKind;
  /** since when: the concern's raising, the step's due date (YYYY-MM-DD), the last touch (or the start) */
  since: string;
  /** whole days since then (for a step: days past its due date, at least 1) */
  days: number;
  /** the concern's text or the step's title; null for no contact */
  detail: string | null;
}

export interface TodayVerdict {
  reasons: TodayReason[];
  score: number;
}

/** Most serious first. */
const KIND_RANK: Record<ReasonKind, number> = { blocking_concern: 3, overdue_step: 2, no_contact: 1 };

/** The calendar date (YYYY-MM-DD) it is at `at` in `timeZone`. */
export function localDate(at: Date, timeZone: string): string {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** Whole calendar days from one YYYY-MM-DD date to another. */
export function daysBetweenDates(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

const wholeDaysSince = (since: string, now: Date) => Math.max(0, Math.floor((now.getTime() - Date.parse(since)) / DAY_MS));

/** The reasons a journey needs its seller today, most serious first, and its rank score. */
export function todayReasons(facts: TodayFacts, now: Date, timeZone: string): TodayVerdict {
  const today = localDate(now, timeZone);
  const reasons: TodayReason[] = [];

  const blocking = facts.concerns.filter((c) => c.blocking && c.status === 'open').sort((a, b) => a.raisedAt.localeCompare(b.raisedAt));
  for (const c of blocking) reasons.push({ kind: 'blocking_concern', since: c.raisedAt, days: wholeDaysSince(c.raisedAt, now), detail: c.text });

  const overdue = facts.planSteps
    .filter((s): s is typeof s & { dueDate: string } => !s.done && s.dueDate !== null && s.dueDate < today)
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate));
  for (const s of overdue) reasons.push({ kind: 'overdue_step', since: s.dueDate, days: daysBetweenDates(s.dueDate, today), detail: s.title });

  const lastTouch = facts.lastInteractionAt ?? facts.createdAt;
  if (now.getTime() - Date.parse(lastTouch) >= NO_CONTACT_DAYS * DAY_MS) {
    reasons.push({ kind: 'no_contact', since: lastTouch, days: wholeDaysSince(lastTouch, now), detail: null });
  }

  return { reasons, score: score(reasons) };
}

/**
 * More reasons rank higher, always. Among journeys with as many, the most
 * serious kind ranks higher, then the one that has waited longest (capped at
 * 99 days, so that the tie-break never outweighs one more reason).
 */
export function score(reasons: readonly TodayReason[]): number {
  if (reasons.length === 0) return 0;
  const worst = Math.max(...reasons.map((r) => KIND_RANK[r.kind]));
  const waited = Math.max(...reasons.filter((r) => KIND_RANK[r.kind] === worst).map((r) => Math.min(99, r.days)));
  return reasons.length * 1000 + worst * 100 + waited;
}
