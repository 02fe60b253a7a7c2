/**
 * The rules of a complaint: only the buyer's acceptance resolves it, a
 * seller's closing never counts as resolved, silence is never acceptance,
 * and the clocks stand still while the case waits on the buyer.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { businessMsBetween, DEFAULT_HOURS, type BusinessCalendar } from '../../src/domain/business-hours.ts';
import {
  applyCaseStep,
  caseClocks,
  caseFacts,
  caseFigures,
  checkInAt,
  DEFAULT_CASE_TARGETS,
  openCase,
  replayCase,
  shownStatus,
  type CaseState,
  type CaseStep,
} from '../../src/domain/cases.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const at = (iso: string) => Date.parse(iso);
const cal: BusinessCalendar = { timeZone: 'Europe/Stockholm', ...DEFAULT_HOURS, holidays: new Set(['2027-01-01', '2027-01-06']) };

// Monday 2027-01-04 09:00 in Stockholm.
const MON_9 = at('2027-01-04T08:00:00Z');

describe('a case', () => {
  it("the New Year's Eve complaint: a refund rejected, an explanation with a credit accepted, resolved with its time recorded", () => {
    const state = replayCase([
      { kind: 'opened', at: MON_9, by: 'buyer' },
      { kind: 'proposed', at: MON_9 + 1 * HOUR, resolution: 'refund', amountMinor: 50_000 },
      { kind: 'rejected', at: MON_9 + 3 * HOUR },
      { kind: 'proposed', at: MON_9 + 4 * HOUR, resolution: 'explanation', amountMinor: null },
      { kind: 'accepted', at: MON_9 + 26 * HOUR },
    ]);
    expect(state.status).toBe('resolved');
    expect(state.firstResponseAt).toBe(MON_9 + HOUR);
    const facts = caseFacts(state, cal);
    // Open 09–10 and 12–13 on Monday; the two waits on the buyer do not count.
    expect(facts.resolutionMs).toBe(2 * HOUR);
    expect(facts.firstResponseMs).toBe(HOUR);
    expect(checkInAt(state)).toBe(MON_9 + 26 * HOUR + 14 * DAY);
    const clocks = caseClocks(state, cal, DEFAULT_CASE_TARGETS.new, MON_9 + 30 * HOUR);
    expect(clocks.firstResponse.state).toBe('met');
    expect(clocks.resolution.state).toBe('met');
  });

  it('refuses what cannot happen: accepting with nothing proposed, closing without a reason, proposing twice', () => {
    const open = openCase({ kind: 'opened', at: MON_9, by: 'buyer' });
    expect(applyCaseStep(open, { kind: 'accepted', at: MON_9 + 1 })).toEqual({ refused: 'There is no proposal waiting for an answer.' });
    expect(applyCaseStep(open, { kind: 'closed', at: MON_9 + 1, reason: '  ' })).toEqual({ refused: 'Closing without agreement needs a written reason.' });
    const proposed = applyCaseStep(open, { kind: 'proposed', at: MON_9 + 1, resolution: 'credit', amountMinor: 100 }) as CaseState;
    expect(applyCaseStep(proposed, { kind: 'proposed', at: MON_9 + 2, resolution: 'redo', amountMinor: null })).toHaveProperty('refused');
  });

  it("a proposal unanswered for 14 days shows as unanswered, never as accepted; a buyer's reply reopens a resolved case", () => {
    const proposed = replayCase([
      { kind: 'opened', at: MON_9, by: 'buyer' },
      { kind: 'proposed', at: MON_9 + HOUR, resolution: 'discount', amountMinor: 20_000 },
    ]);
    expect(shownStatus(proposed, MON_9 + HOUR + 14 * DAY - 1)).toBe('proposed');
    expect(shownStatus(proposed, MON_9 + HOUR + 14 * DAY)).toBe('unanswered');
    expect(caseClocks(proposed, cal, DEFAULT_CASE_TARGETS.champion, MON_9 + 20 * DAY).resolution.state).toBe('paused');
    const reopened = applyCaseStep(applyCaseStep(proposed, { kind: 'accepted', at: MON_9 + 2 * HOUR }) as CaseState, { kind: 'message', at: MON_9 + 3 * HOUR, by: 'buyer' }) as CaseState;
    expect(reopened.status).toBe('open');
    expect(reopened.reopened).toBe(1);
    expect(checkInAt(reopened)).toBeNull();
  });

  it('closed without agreement never counts as resolved: its resolution target is missed', () => {
    const closed = replayCase([
      { kind: 'opened', at: MON_9, by: 'buyer' },
      { kind: 'message', at: MON_9 + HOUR, by: 'seller' },
      { kind: 'closed', at: MON_9 + 2 * HOUR, reason: 'The price was agreed in writing.' },
    ]);
    expect(closed.status).toBe('closed');
    expect(closed.resolvedAt).toBeNull();
    expect(caseClocks(closed, cal, DEFAULT_CASE_TARGETS.regular, MON_9 + 3 * HOUR).resolution.state).toBe('missed');
    const figures = caseFigures([caseFacts(closed, cal)]);
    expect(figures.resolved).toBe(0);
    expect(figures.closedWithoutAgreement).toBe(1);
    expect(figures.acceptanceRate).toBeNull();
  });

  it("a buyer's reply reopens a case closed without agreement, counted as a reopening, and never makes it resolved", () => {
    const closed = replayCase([
      { kind: 'opened', at: MON_9, by: 'buyer' },
      { kind: 'closed', at: MON_9 + 2 * HOUR, reason: 'Duplicate of another case.' },
    ]);
    expect(applyCaseStep(closed, { kind: 'message', at: MON_9 + 3 * HOUR, by: 'seller' })).toEqual({ refused: 'The case is closed; a buyer may still reply.' });
    const reopened = applyCaseStep(closed, { kind: 'message', at: MON_9 + 3 * HOUR, by: 'buyer' }) as CaseState;
    expect(reopened).toMatchObject({ status: 'open', reopened: 1, closedAt: null, resolvedAt: null });
    // Open again: the seller may answer and propose.
    expect(applyCaseStep(reopened, { kind: 'proposed', at: MON_9 + 4 * HOUR, resolution: 'redo', amountMinor: null })).toMatchObject({ status: 'proposed' });
    const figures = caseFigures([caseFacts(reopened, cal)]);
    expect(figures).toMatchObject({ open: 1, resolved: 0, closedWithoutAgreement: 0, reopenRate: 1 });
  });

  it('a case reopened weeks after its acceptance is not overdue: the settled weeks do not count, nor after a second acceptance', () => {
    const steps: CaseStep[] = [
      { kind: 'opened', at: MON_9, by: 'buyer' },
      { kind: 'proposed', at: MON_9 + 2 * HOUR, resolution: 'refund', amountMinor: 10_000 },
      { kind: 'accepted', at: MON_9 + 3 * HOUR },
      // Three weeks later, Monday 09:00: the buyer writes that the refund never came.
      { kind: 'message', at: MON_9 + 21 * DAY, by: 'buyer' },
    ];
    const reopened = replayCase(steps);
    const clocks = caseClocks(reopened, cal, DEFAULT_CASE_TARGETS.champion, MON_9 + 21 * DAY + HOUR);
    // 2 h before the proposal, 1 h since the reopening: 3 of the champion's 18.
    expect(clocks.resolution).toMatchObject({ state: 'running', usedMs: 3 * HOUR });
    const again = replayCase([...steps, { kind: 'proposed', at: MON_9 + 21 * DAY + 2 * HOUR, resolution: 'refund', amountMinor: 10_000 }, { kind: 'accepted', at: MON_9 + 22 * DAY }]);
    expect(caseFacts(again, cal).resolutionMs).toBe(4 * HOUR);
    // Closed without agreement, then reopened: the closed time does not count either.
    const closed = replayCase([
      { kind: 'opened', at: MON_9, by: 'buyer' },
      { kind: 'closed', at: MON_9 + HOUR, reason: 'Not our product.' },
      { kind: 'message', at: MON_9 + 7 * DAY, by: 'buyer' },
    ]);
    expect(caseClocks(closed, cal, DEFAULT_CASE_TARGETS.champion, MON_9 + 7 * DAY + HOUR).resolution).toMatchObject({ state: 'running', usedMs: 2 * HOUR });
  });

  it('a case closed before any reply stops its first-response clock at the closing: met when on time, missed when late, and no longer growing', () => {
    const opened = { kind: 'opened', at: MON_9, by: 'buyer' } as const;
    const early = replayCase([opened, { kind: 'closed', at: MON_9 + HOUR, reason: 'Duplicate of another case.' }]);
    const late = replayCase([opened, { kind: 'closed', at: MON_9 + 7 * DAY, reason: 'Not our product.' }]);
    for (const now of [MON_9 + 8 * DAY, MON_9 + 80 * DAY]) {
      expect(caseClocks(early, cal, DEFAULT_CASE_TARGETS.regular, now).firstResponse).toMatchObject({ state: 'met', usedMs: HOUR, doneAt: MON_9 + HOUR });
      // 8 h due on Monday 17:00; closed a week later, after 36 business hours (Epiphany, Wednesday, off).
      expect(caseClocks(late, cal, DEFAULT_CASE_TARGETS.regular, now).firstResponse).toMatchObject({ state: 'missed', usedMs: 36 * HOUR, doneAt: MON_9 + 7 * DAY });
    }
  });

  it('leaves the cases a seller opened out of the time to first response, and keeps them in every other figure', () => {
    const answered = (by: 'buyer' | 'seller', after: number) =>
      caseFacts(
        replayCase([
          { kind: 'opened', at: MON_9, by },
          { kind: 'proposed', at: MON_9 + after, resolution: 'redo', amountMinor: null },
          { kind: 'accepted', at: MON_9 + after + HOUR },
        ]),
        cal,
      );
    // A seller's case is answered as it opens: counted at 0 h it would make the median 2 instead of 4.
    const figures = caseFigures([answered('buyer', 4 * HOUR), answered('seller', 0), answered('seller', 2 * HOUR)]);
    expect(figures.medianFirstResponseHours).toBe(4);
    expect(figures).toMatchObject({ cases: 3, resolved: 3, acceptanceRate: 1, medianResolutionHours: 2 });
    expect(caseFigures([answered('seller', 0)]).medianFirstResponseHours).toBeNull();
  });

  it('counts the first-response target in business hours: opened Friday 16:30, due Monday 10:30 for a regular', () => {
    const friday = replayCase([{ kind: 'opened', at: at('2027-01-08T15:30:00Z'), by: 'buyer' }]);
    const clocks = caseClocks(friday, cal, DEFAULT_CASE_TARGETS.regular, at('2027-01-09T12:00:00Z'));
    // 8 h: 30 min on Friday, 7 h 30 on Monday from 08:00.
    expect(new Date(clocks.firstResponse.dueAt).toISOString()).toBe('2027-01-11T14:30:00.000Z');
    expect(clocks.firstResponse.state).toBe('running');
  });
});

const who = fc.constantFrom<'buyer' | 'seller'>('buyer', 'seller');
const stepKind = fc.constantFrom('message', 'proposed', 'accepted', 'rejected', 'closed');
/** A random history: attempted steps, an hour or so apart; those that cannot happen are skipped. */
const history = fc.tuple(who, fc.array(fc.tuple(stepKind, who, fc.integer({ min: 1, max: 30 * HOUR })), { maxLength: 25 }));

function play([openedBy, attempts]: [string, [string, 'buyer' | 'seller', number][]]) {
  let t = MON_9;
  let state = openCase({ kind: 'opened', at: t, by: openedBy as 'buyer' | 'seller' });
  const done: CaseStep[] = [];
  for (const [kind, by, gap] of attempts) {
    t += gap;
    const step: CaseStep =
      kind === 'message'
        ? { kind, at: t, by }
        : kind === 'proposed'
          ? { kind, at: t, resolution: 'credit', amountMinor: 1000 }
          : kind === 'closed'
            ? { kind, at: t, reason: 'no agreement' }
            : { kind: kind as 'accepted' | 'rejected', at: t };
    const next = applyCaseStep(state, step);
    if ('refused' in next) continue;
    state = next;
    done.push(step);
  }
  return { state, done, end: t };
}

describe('case rules, for any history', () => {
  it('resolved means the last thing that moved the case was the buyer accepting a proposal', () => {
    fc.assert(
      fc.property(history, (h) => {
        const { state, done, end } = play(h);
        const moves = done.filter((s) => s.kind !== 'message' || s.by === 'buyer');
        const lastMove = moves[moves.length - 1];
        if (state.status === 'resolved') expect(lastMove?.kind).toBe('accepted');
        if (state.status === 'closed') expect(state.resolvedAt).toBeNull();
        expect(state.accepted).toBe(done.filter((s) => s.kind === 'accepted').length);
        // A buyer who writes always finds the case open again, whatever it was.
        if (done.at(-1)?.kind === 'message' && (done.at(-1) as { by: string }).by === 'buyer') expect(state.status).toBe('open');
        expect(state.reopened).toBeLessThanOrEqual(state.accepted + state.closings);
        // A first-response clock runs (or is overdue) only on a case still open to the seller.
        if (state.status === 'resolved' || state.status === 'closed') expect(['met', 'missed']).toContain(caseClocks(state, cal, DEFAULT_CASE_TARGETS.champion, end + 60 * DAY).firstResponse.state);
      }),
    );
  });

  it('the resolution clock never counts time waiting on the buyer, nor more than passed', () => {
    fc.assert(
      fc.property(history, (h) => {
        const { state, end } = play(h);
        const clocks = caseClocks(state, cal, DEFAULT_CASE_TARGETS.loyal, end);
        const waited = state.waits.reduce((n, w) => n + (Math.min(w.to, end) - w.from), 0);
        expect(clocks.resolution.usedMs).toBeLessThanOrEqual(Math.max(0, end - state.openedAt - waited));
        if (state.status === 'proposed') expect(clocks.resolution.state).toBe('paused');
        // Waits never overlap and only the last may still run.
        for (const [i, w] of state.waits.entries()) {
          expect(w.to).toBeGreaterThanOrEqual(w.from);
          if (i < state.waits.length - 1) expect(w.to).toBeLessThanOrEqual(state.waits[i + 1]?.from ?? Infinity);
        }
      }),
    );
  });

  it("a case's used resolution time is the business time of its stretches open to the seller: not waiting on the buyer, not settled", () => {
    fc.assert(
      fc.property(history, (h) => {
        const { state, done, end } = play(h);
        // The status between one step and the next, from the opening on.
        let s = openCase({ kind: 'opened', at: MON_9, by: h[0] as 'buyer' | 'seller' });
        let from = MON_9;
        let open = 0;
        for (const step of done) {
          if (s.status === 'open') open += businessMsBetween(cal, from, step.at);
          s = applyCaseStep(s, step) as CaseState;
          from = step.at;
        }
        if (s.status === 'open') open += businessMsBetween(cal, from, end);
        expect(caseClocks(state, cal, DEFAULT_CASE_TARGETS.loyal, end).resolution.usedMs).toBe(open);
        if (state.status === 'resolved') expect(caseFacts(state, cal).resolutionMs).toBe(open);
      }),
      { numRuns: 300 },
    );
  });

  it('figures stay within their bounds for any set of cases', () => {
    fc.assert(
      fc.property(fc.array(history, { maxLength: 8 }), (hs) => {
        const figures = caseFigures(hs.map((h) => caseFacts(play(h).state, cal)));
        for (const r of [figures.acceptanceRate, figures.reopenRate]) if (r !== null) expect(r >= 0 && r <= 1).toBe(true);
        expect(figures.resolved + figures.closedWithoutAgreement + figures.open).toBe(figures.cases);
      }),
    );
  });
});
