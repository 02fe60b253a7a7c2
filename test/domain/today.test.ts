import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { localDate, NO_CONTACT_DAYS, todayReasons, type TodayFacts } from '../../src/domain/today.ts';
import { CONCERN_STATUSES } from '../../src/domain/vocabulary.ts';

const DAY = 24 * 60 * 60 * 1000;
const ZONES = ['Europe/Stockholm', 'UTC', 'America/New_York', 'Asia/Tokyo', 'Pacific/Auckland', 'Asia/Kolkata'] as const;

const nowArb = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true });
const zoneArb = fc.constantFrom(...ZONES);

/** Facts about one journey, dated around `now`: up to 90 days before, and due dates up to 30 days after. */
const factsAround = (now: Date): fc.Arbitrary<TodayFacts> => {
  const before = fc.integer({ min: 0, max: 90 * DAY }).map((ms) => new Date(now.getTime() - ms).toISOString());
  const dueDate = fc.integer({ min: -60, max: 30 }).map((d) => new Date(now.getTime() + d * DAY).toISOString().slice(0, 10));
  return fc.record({
    concerns: fc.array(fc.record({ status: fc.constantFrom(...CONCERN_STATUSES), blocking: fc.boolean(), raisedAt: before, text: fc.string({ maxLength: 20 }) }), { maxLength: 4 }),
    planSteps: fc.array(fc.record({ title: fc.string({ maxLength: 20 }), dueDate: fc.option(dueDate, { nil: null }), done: fc.boolean() }), { maxLength: 5 }),
    lastInteractionAt: fc.option(before, { nil: null }),
    createdAt: before,
  });
};

const situation = fc.tuple(nowArb, zoneArb).chain(([now, zone]) => factsAround(now).map((facts) => ({ now, zone, facts })));

const kinds = (f: TodayFacts, now: Date, zone: string) => todayReasons(f, now, zone).reasons.map((r) => r.kind);

describe('Today: which journeys need their seller', () => {
  it('never gives a done step as a reason, and gives every undone step due before today (property)', () => {
    fc.assert(
      fc.property(situation, ({ now, zone, facts }) => {
        const today = localDate(now, zone);
        const overdue = todayReasons(facts, now, zone).reasons.filter((r) => r.kind === 'overdue_step');
        const expected = facts.planSteps.filter((s) => !s.done && s.dueDate !== null && s.dueDate < today);
        expect(overdue.map((r) => r.detail).sort()).toEqual(expected.map((s) => s.title).sort());
        for (const r of overdue) expect(r.days).toBeGreaterThanOrEqual(1);
        const allDone = { ...facts, planSteps: facts.planSteps.map((s) => ({ ...s, done: true })) };
        expect(kinds(allDone, now, zone)).not.toContain('overdue_step');
      }),
      { seed: 1130 },
    );
  });

  it('gives exactly the open blocking concerns (property)', () => {
    fc.assert(
      fc.property(situation, ({ now, zone, facts }) => {
        const reasons = todayReasons(facts, now, zone).reasons.filter((r) => r.kind === 'blocking_concern');
        expect(reasons.length).toBe(facts.concerns.filter((c) => c.blocking && c.status === 'open').length);
      }),
      { seed: 1130 },
    );
  });

  it('never takes a no-contact reason away when time moves on (property)', () => {
    fc.assert(
      fc.property(situation, fc.integer({ min: 0, max: 400 * DAY }), ({ now, zone, facts }, forward) => {
        const later = new Date(now.getTime() + forward);
        if (kinds(facts, now, zone).includes('no_contact')) expect(kinds(facts, later, zone)).toContain('no_contact');
        // and a reason's age only grows
        const at = (d: Date) => todayReasons(facts, d, zone).reasons.find((r) => r.kind === 'no_contact')?.days ?? -1;
        expect(at(later)).toBeGreaterThanOrEqual(at(now));
      }),
      { seed: 1130 },
    );
  });

  it('ranks more reasons higher, always, and each added reason raises the score (property)', () => {
    fc.assert(
      fc.property(situation, situation, ({ now, zone, facts }, other) => {
        const a = todayReasons(facts, now, zone);
        const b = todayReasons(other.facts, other.now, other.zone);
        if (a.reasons.length > b.reasons.length) expect(a.score).toBeGreaterThan(b.score);
        if (a.reasons.length === 0) expect(a.score).toBe(0);
        const more = { ...facts, concerns: [...facts.concerns, { status: 'open', blocking: true, raisedAt: now.toISOString(), text: 'ny' }] };
        expect(todayReasons(more, now, zone).score).toBeGreaterThan(a.score);
      }),
      { seed: 1130 },
    );
  });

  it('lists the most serious reasons first', () => {
    fc.assert(
      fc.property(situation, ({ now, zone, facts }) => {
        const rank = { blocking_concern: 3, overdue_step: 2, no_contact: 1 };
        const ranks = todayReasons(facts, now, zone).reasons.map((r) => rank[r.kind]);
        expect(ranks).toEqual([...ranks].sort((x, y) => y - x));
      }),
      { seed: 1130 },
    );
  });

  it('counts 14 days without contact, from the start when nobody ever was in touch', () => {
    const now = new Date('2026-12-13T09:00:00.000Z');
    const base: TodayFacts = { concerns: [], planSteps: [], lastInteractionAt: null, createdAt: '2026-11-29T09:00:00.000Z' };
    expect(todayReasons(base, now, 'Europe/Stockholm').reasons).toEqual([{ kind: 'no_contact', since: base.createdAt, days: NO_CONTACT_DAYS, detail: null }]);
    expect(todayReasons(base, new Date(now.getTime() - 1), 'Europe/Stockholm').reasons).toEqual([]);
    // a touch resets the count
    expect(todayReasons({ ...base, lastInteractionAt: '2026-12-01T09:00:00.000Z' }, now, 'Europe/Stockholm').reasons).toEqual([]);
  });

  it('decides "overdue" by the date in the org’s time zone', () => {
    // 23:30 UTC on the 29th is already the 30th in Stockholm, still the 29th in UTC and New York.
    const now = new Date('2026-11-29T23:30:00.000Z');
    const facts: TodayFacts = { concerns: [], planSteps: [{ title: 'Skicka offert', dueDate: '2026-11-29', done: false }], lastInteractionAt: now.toISOString(), createdAt: now.toISOString() };
    expect(todayReasons(facts, now, 'Europe/Stockholm').reasons).toEqual([{ kind: 'overdue_step', since: '2026-11-29', days: 1, detail: 'Skicka offert' }]);
    expect(todayReasons(facts, now, 'UTC').reasons).toEqual([]);
    expect(todayReasons(facts, now, 'America/New_York').reasons).toEqual([]);
    expect(localDate(now, 'Europe/Stockholm')).toBe('2026-11-30');
  });

  it('says how long a blocking concern has been open, in whole days', () => {
    const facts: TodayFacts = {
      concerns: [{ status: 'open', blocking: true, raisedAt: '2026-11-26T10:00:00.000Z', text: 'Klarar det vår toppsäsong?' }],
      planSteps: [],
      lastInteractionAt: '2026-11-29T08:00:00.000Z',
      createdAt: '2026-11-01T08:00:00.000Z',
    };
    const verdict = todayReasons(facts, new Date('2026-11-29T11:00:00.000Z'), 'Europe/Stockholm');
    expect(verdict.reasons).toEqual([{ kind: 'blocking_concern', since: '2026-11-26T10:00:00.000Z', days: 3, detail: 'Klarar det vår toppsäsong?' }]);
    expect(verdict.score).toBeGreaterThan(0);
  });
});
