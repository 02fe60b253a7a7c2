/**
 * Cases (complaints, DESIGN §8) as pure rules: what each step does to a case,
 * how long it took in business time, and the figures across many cases.
 *
 * The one rule everything serves: a case is resolved only by the buyer
 * accepting a proposal. A seller may close a case without agreement, with a
 * written reason, and that never counts as resolved; silence is never
 * acceptance (a proposal unanswered for 14 days shows as `unanswered`).
 */
import { addBusinessMs, businessMsBetween, type BusinessCalendar, type Span } from './business-hours.ts';
import type { Tier } from './loyalty.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export const CASE_STATUSES = ['open', 'proposed', 'resolved', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const RESOLUTION_KINDS = ['explanation', 'refund', 'credit', 'discount', 'redo', 'other'] as const;
export type ResolutionKind = (typeof RESOLUTION_KINDS)[number];

/** How long a proposal may wait for an answer before it shows as `unanswered`. */
export const UNANSWERED_AFTER_DAYS = 14;
/** How long after an accepted resolution the seller is asked to check in. */
export const CHECK_IN_AFTER_DAYS = 14;

/** Who does what, and when (ms since 1970). */
export type CaseStep =
  | { kind: 'opened'; at: number; by: 'buyer' | 'seller' }
  | { kind: 'message'; at: number; by: 'buyer' | 'seller' }
  | { kind: 'proposed'; at: number; resolution: ResolutionKind; amountMinor: number | null }
  | { kind: 'accepted'; at: number }
  | { kind: 'rejected'; at: number }
  | { kind: 'closed'; at: number; reason: string };

/** What a case is after its steps. */
export interface CaseState {
  status: CaseStatus;
  openedAt: number;
  openedBy: 'buyer' | 'seller';
  /**
   * the seller's first answer (a message, a proposal, or a closing: its written
   * reason is the seller's word to the buyer), or the opening when a seller opened it
   */
  firstResponseAt: number | null;
  /** when the buyer accepted (the last time, after a reopening) */
  resolvedAt: number | null;
  closedAt: number | null;
  /** when the open proposal was made, while status is `proposed` */
  proposedAt: number | null;
  proposals: number;
  accepted: number;
  rejected: number;
  /** times a seller closed it without agreement */
  closings: number;
  /** times a buyer's reply reopened a resolved or closed case */
  reopened: number;
  /**
   * spans the resolution clock stands still: a proposal out (the last may
   * still be running, to: Infinity), and the time a case sat resolved or
   * closed until a buyer's reply reopened it
   */
  waits: Span[];
}

export type CaseStepRefusal = { refused: string };

/**
 * What a step does to a case, or why it cannot happen now. Buyer messages
 * reopen a proposed, resolved or closed case (the room invites the buyer to
 * keep writing); only a buyer's acceptance resolves.
 */
export function applyCaseStep(state: CaseState, step: CaseStep): CaseState | CaseStepRefusal {
  const s = { ...state, waits: [...state.waits] };
  const endWait = () => {
    const last = s.waits[s.waits.length - 1];
    if (last && last.to === Infinity) s.waits[s.waits.length - 1] = { from: last.from, to: step.at };
  };
  switch (step.kind) {
    case 'opened':
      return { refused: 'A case is opened once.' };
    case 'message':
      if (step.by === 'seller') {
        if (s.status === 'closed') return { refused: 'The case is closed; a buyer may still reply.' };
        s.firstResponseAt ??= step.at;
        return s;
      }
      if (s.status !== 'open') {
        // From a settled case (resolved, or closed without agreement) it counts as a reopening,
        // and the settled time is a pause: the resolution clock runs on from where it stopped.
        const settledAt = s.resolvedAt ?? s.closedAt;
        if (s.status !== 'proposed') s.reopened += 1;
        endWait();
        if (s.status !== 'proposed' && settledAt !== null) s.waits.push({ from: settledAt, to: step.at });
        s.status = 'open';
        s.proposedAt = null;
        s.resolvedAt = null;
        s.closedAt = null;
      }
      return s;
    case 'proposed':
      if (s.status !== 'open') return { refused: `A proposal needs an open case; this one is ${s.status}.` };
      s.firstResponseAt ??= step.at;
      s.status = 'proposed';
      s.proposedAt = step.at;
      s.proposals += 1;
      s.waits.push({ from: step.at, to: Infinity });
      return s;
    case 'accepted':
    case 'rejected':
      if (s.status !== 'proposed') return { refused: 'There is no proposal waiting for an answer.' };
      endWait();
      s.proposedAt = null;
      if (step.kind === 'accepted') {
        s.status = 'resolved';
        s.resolvedAt = step.at;
        s.accepted += 1;
      } else {
        s.status = 'open';
        s.rejected += 1;
      }
      return s;
    case 'closed':
      if (s.status !== 'open' && s.status !== 'proposed') return { refused: `A case that is ${s.status} cannot be closed.` };
      if (step.reason.trim() === '') return { refused: 'Closing without agreement needs a written reason.' };
      // Closed before any reply: the reason, which the buyer reads in the room, is the first
      // response, and stops that clock (met or missed by then) instead of leaving it running.
      s.firstResponseAt ??= step.at;
      endWait();
      s.status = 'closed';
      s.proposedAt = null;
      s.closedAt = step.at;
      s.closings += 1;
      return s;
  }
}

/** A new case. */
export function openCase(step: Extract<CaseStep, { kind: 'opened' }>): CaseState {
  return {
    status: 'open',
    openedAt: step.at,
    openedBy: step.by,
    firstResponseAt: step.by === 'seller' ? step.at : null,
    resolvedAt: null,
    closedAt: null,
    proposedAt: null,
    proposals: 0,
    accepted: 0,
    rejected: 0,
    closings: 0,
    reopened: 0,
    waits: [],
  };
}

/** A case from its steps in order; steps that cannot happen are refused. */
export function replayCase(steps: readonly CaseStep[]): CaseState {
  const [first, ...rest] = steps;
  if (!first || first.kind !== 'opened') throw new RangeError('a case starts with its opening');
  let state = openCase(first);
  for (const step of rest) {
    const next = applyCaseStep(state, step);
    if ('refused' in next) throw new RangeError(next.refused);
    state = next;
  }
  return state;
}

/** What the buyer and seller see: a proposal waiting 14 days is `unanswered`, never accepted. */
export type ShownCaseStatus = CaseStatus | 'unanswered';

export function shownStatus(state: CaseState, nowMs: number): ShownCaseStatus {
  if (state.status === 'proposed' && state.proposedAt !== null && nowMs - state.proposedAt >= UNANSWERED_AFTER_DAYS * DAY_MS) return 'unanswered';
  return state.status;
}

/** When to check in after an accepted resolution, or null. */
export const checkInAt = (state: CaseState): number | null => (state.status === 'resolved' && state.resolvedAt !== null ? state.resolvedAt + CHECK_IN_AFTER_DAYS * DAY_MS : null);

/** Targets in business hours. */
export interface CaseTargets {
  firstResponseHours: number;
  resolutionHours: number;
}

/**
 * DESIGN §8's first-response targets by tier, and resolution targets of two,
 * three, five and ten working days (9-hour days): an org may change both.
 */
export const DEFAULT_CASE_TARGETS: Record<Tier, CaseTargets> = {
  champion: { firstResponseHours: 2, resolutionHours: 18 },
  loyal: { firstResponseHours: 4, resolutionHours: 27 },
  regular: { firstResponseHours: 8, resolutionHours: 45 },
  at_risk: { firstResponseHours: 24, resolutionHours: 90 },
  occasional: { firstResponseHours: 24, resolutionHours: 90 },
  new: { firstResponseHours: 24, resolutionHours: 90 },
};

/** A target's clock: when it is due, how much business time it has used, whether it is met or missed. */
export interface TargetClock {
  dueAt: number;
  /** business ms used so far (until done, or now) */
  usedMs: number;
  doneAt: number | null;
  /** waiting on the buyer now: the clock stands still */
  paused: boolean;
  state: 'running' | 'paused' | 'met' | 'missed' | 'overdue';
}

function clock(cal: BusinessCalendar, from: number, hours: number, doneAt: number | null, waits: readonly Span[], nowMs: number): TargetClock {
  const until = doneAt ?? nowMs;
  const usedMs = businessMsBetween(cal, from, until, waits);
  const dueAt = addBusinessMs(cal, from, hours * HOUR_MS, waits);
  const paused = doneAt === null && waits.some((w) => w.to === Infinity && w.from <= nowMs);
  const state = doneAt !== null ? (doneAt <= dueAt ? 'met' : 'missed') : paused ? 'paused' : nowMs > dueAt ? 'overdue' : 'running';
  return { dueAt, usedMs, doneAt, paused, state };
}

/**
 * The case's two clocks. First response runs from the opening to the
 * seller's first answer (a closing's reason, if nothing came before). Resolution runs from the opening to the buyer's
 * acceptance, standing still while a proposal waits on the buyer and while
 * the case sat resolved or closed before a reply reopened it; a case closed
 * without agreement never meets it (its clock stops, `missed`).
 */
export function caseClocks(state: CaseState, cal: BusinessCalendar, targets: CaseTargets, nowMs: number): { firstResponse: TargetClock; resolution: TargetClock } {
  const firstResponse = clock(cal, state.openedAt, targets.firstResponseHours, state.firstResponseAt, [], nowMs);
  if (state.status === 'closed' && state.closedAt !== null) {
    const stopped = clock(cal, state.openedAt, targets.resolutionHours, state.closedAt, state.waits, nowMs);
    return { firstResponse, resolution: { ...stopped, doneAt: null, state: 'missed' } };
  }
  return { firstResponse, resolution: clock(cal, state.openedAt, targets.resolutionHours, state.resolvedAt, state.waits, nowMs) };
}

/** One case's part in the figures. */
export interface CaseFacts {
  state: CaseState;
  /**
   * business ms from opening to first response — null when a seller opened the
   * case: nobody waited for an answer, and its 0 would pull the median down —
   * and to accepted resolution
   */
  firstResponseMs: number | null;
  resolutionMs: number | null;
}

export function caseFacts(state: CaseState, cal: BusinessCalendar): CaseFacts {
  return {
    state,
    firstResponseMs: state.firstResponseAt === null || state.openedBy === 'seller' ? null : businessMsBetween(cal, state.openedAt, state.firstResponseAt),
    resolutionMs: state.resolvedAt === null ? null : businessMsBetween(cal, state.openedAt, state.resolvedAt, state.waits),
  };
}

/** The figures of a group of cases (a tier, a seller, everything). */
export interface CaseFigures {
  cases: number;
  open: number;
  /** median business hours, null without any; first response only of the cases a buyer opened */
  medianFirstResponseHours: number | null;
  medianResolutionHours: number | null;
  /** accepted proposals among answered ones (accepted + rejected), null without any */
  acceptanceRate: number | null;
  /** cases a buyer's reply reopened after an acceptance or a closing, among cases ever resolved or closed */
  reopenRate: number | null;
  resolved: number;
  closedWithoutAgreement: number;
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const v = [...values].sort((a, b) => a - b);
  const mid = Math.floor(v.length / 2);
  return v.length % 2 === 1 ? (v[mid] ?? 0) : ((v[mid - 1] ?? 0) + (v[mid] ?? 0)) / 2;
}

const ratio = (n: number, d: number) => (d === 0 ? null : n / d);

export function caseFigures(cases: readonly CaseFacts[]): CaseFigures {
  const answered = cases.reduce((n, c) => n + c.state.accepted + c.state.rejected, 0);
  const accepted = cases.reduce((n, c) => n + c.state.accepted, 0);
  const everSettled = cases.filter((c) => c.state.accepted > 0 || c.state.closings > 0).length;
  const hours = (ms: number | null) => (ms === null ? [] : [ms / HOUR_MS]);
  return {
    cases: cases.length,
    open: cases.filter((c) => c.state.status === 'open' || c.state.status === 'proposed').length,
    medianFirstResponseHours: median(cases.flatMap((c) => hours(c.firstResponseMs))),
    medianResolutionHours: median(cases.flatMap((c) => hours(c.resolutionMs))),
    acceptanceRate: ratio(accepted, answered),
    reopenRate: ratio(cases.filter((c) => c.state.reopened > 0).length, everSettled),
    resolved: cases.filter((c) => c.state.status === 'resolved').length,
    closedWithoutAgreement: cases.filter((c) => c.state.status === 'closed').length,
  };
}
