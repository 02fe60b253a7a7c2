import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nextConcernStatus } from '../../src/domain/journey.ts';
import { B2B_TEMPLATE, CONSUMER_TEMPLATE, decideAdvance, isDerived, stageCriteria, templateProblems, type DerivedFacts } from '../../src/domain/process.ts';
import { CONCERN_STATUSES } from '../../src/domain/vocabulary.ts';

const facts = fc.record({
  openConcerns: fc.nat(3),
  unresolvedBlockingConcerns: fc.nat(3),
  quoteViewed: fc.boolean(),
  quoteAccepted: fc.boolean(),
}) satisfies fc.Arbitrary<DerivedFacts>;

describe('the buying process', () => {
  it('has the stages of DESIGN.md §4 in order', () => {
    expect(B2B_TEMPLATE.stages.map((s) => s.key)).toEqual(['need', 'explore', 'evaluate', 'decide', 'buy', 'use']);
    expect(CONSUMER_TEMPLATE.stages.map((s) => s.key)).toEqual(['need', 'compare', 'buy', 'use']);
    expect(templateProblems(B2B_TEMPLATE)).toEqual([]);
  });

  it('moves on only when every criterion is met, or with a written reason (property)', () => {
    const stageIndex = fc.integer({ min: 0, max: B2B_TEMPLATE.stages.length - 1 });
    fc.assert(
      fc.property(stageIndex, facts, fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }), fc.option(fc.string()), (i, f, ticks, reason) => {
        const stage = B2B_TEMPLATE.stages[i]!;
        const met = stage.criteria.filter((c, k) => ticks[k] && !isDerived(c.key)).map((c) => ({ key: c.key, evidence: 'e', metAt: 't', metBy: null }));
        const criteria = stageCriteria(stage, met, f);
        const decision = decideAdvance(B2B_TEMPLATE, criteria, stage.key, reason ?? undefined);
        const allMet = criteria.every((c) => c.met);
        const isLast = i === B2B_TEMPLATE.stages.length - 1;
        if (isLast) expect(decision).toEqual({ ok: false, reason: 'last_stage' });
        else if (allMet) expect(decision).toMatchObject({ ok: true, to: B2B_TEMPLATE.stages[i + 1], overridden: [] });
        else if (reason && reason.trim()) expect(decision).toMatchObject({ ok: true, overridden: criteria.filter((c) => !c.met) });
        else expect(decision).toMatchObject({ ok: false, reason: 'unmet', unmet: criteria.filter((c) => !c.met) });
      }),
      { seed: 1129 },
    );
  });

  it('derives concerns_answered and no_blocking_concerns from concerns only', () => {
    const evaluate = B2B_TEMPLATE.stages[2]!;
    const ticks = [{ key: 'concerns_answered', evidence: 'by hand', metAt: 't', metBy: null }];
    const open = stageCriteria(evaluate, ticks, { openConcerns: 1, unresolvedBlockingConcerns: 0, quoteViewed: false, quoteAccepted: false });
    expect(open.find((c) => c.key === 'concerns_answered')?.met).toBe(false);
    const none = stageCriteria(evaluate, [], { openConcerns: 0, unresolvedBlockingConcerns: 0, quoteViewed: false, quoteAccepted: false });
    expect(none.find((c) => c.key === 'concerns_answered')?.met).toBe(true);
  });

  it('finds duplicate keys and too few stages in a custom process', () => {
    const stage = { key: 'a', name: { sv: 'A', en: 'A' }, criteria: [] };
    expect(templateProblems({ key: 'x', name: { sv: 'x', en: 'x' }, stages: [stage] })).toContain('a process needs at least two stages');
    expect(templateProblems({ key: 'x', name: { sv: 'x', en: 'x' }, stages: [stage, stage] })).toContain('stage "a" appears twice');
  });
});

describe('the concern lifecycle', () => {
  it('never leaves accepted or withdrawn except by reopening an accepted one', () => {
    for (const from of CONCERN_STATUSES) {
      for (const action of ['answer', 'accept', 'withdraw', 'reopen'] as const) {
        const to = nextConcernStatus(from, action);
        if (from === 'withdrawn') expect(to).toBeNull();
        if (from === 'accepted') expect(to).toBe(action === 'reopen' ? 'open' : null);
      }
    }
    expect(nextConcernStatus('open', 'accept')).toBeNull();
    expect(nextConcernStatus('answered', 'accept')).toBe('accepted');
  });
});
