/**
 * Buying processes: ordered buyer stages, each with exit criteria stated from
 * the buyer's side (DESIGN.md §4). Pure rules, no I/O.
 */

export type Locale = 'sv' | 'en';
export type Text = Record<Locale, string>;

export interface CriterionDef {
  key: string;
  text: Text;
}

export interface StageDef {
  key: string;
  name: Text;
  criteria: CriterionDef[];
}

export interface TemplateDef {
  key: string;
  name: Text;
  stages: StageDef[];
}

/**
 * Criteria that H2H computes from data; nobody may tick them by hand.
 * `price_explained` and `quote_accepted` come from quotes (a later issue):
 * until then they are never met, and a seller passes them only by override.
 */
export const DERIVED_CRITERIA = ['concerns_answered', 'no_blocking_concerns', 'price_explained', 'quote_accepted'] as const;
export type DerivedCriterion = (typeof DERIVED_CRITERIA)[number];

export function isDerived(key: string): key is DerivedCriterion {
  return (DERIVED_CRITERIA as readonly string[]).includes(key);
}

/** The facts about a journey that derived criteria are computed from. */
export interface DerivedFacts {
  openConcerns: number;
  unresolvedBlockingConcerns: number;
  quoteViewed: boolean;
  quoteAccepted: boolean;
}

export function derivedMet(key: DerivedCriterion, facts: DerivedFacts): boolean {
  switch (key) {
    case 'concerns_answered':
      return facts.openConcerns === 0;
    case 'no_blocking_concerns':
      return facts.unresolvedBlockingConcerns === 0;
    case 'price_explained':
      return facts.quoteViewed;
    case 'quote_accepted':
      return facts.quoteAccepted;
  }
}

const c = (key: string, en: string, sv: string): CriterionDef => ({ key, text: { en, sv } });

export const B2B_TEMPLATE: TemplateDef = {
  key: 'b2b',
  name: { en: 'B2B buying process', sv: 'B2B-köpprocess' },
  stages: [
    {
      key: 'need',
      name: { en: 'Need', sv: 'Behov' },
      criteria: [
        c('problem_described', 'The buyer has described the problem in their own words', 'Köparen har beskrivit problemet med egna ord'),
        c('cost_of_inaction', 'The buyer has said what doing nothing costs them', 'Köparen har sagt vad det kostar att inte göra något'),
      ],
    },
    {
      key: 'explore',
      name: { en: 'Explore', sv: 'Utforska' },
      criteria: [
        c('requirements_confirmed', 'The buyer has confirmed their written requirements', 'Köparen har bekräftat sina skrivna krav'),
        c('decision_process_known', 'We know who decides, how and when', 'Vi vet vem som beslutar, hur och när'),
      ],
    },
    {
      key: 'evaluate',
      name: { en: 'Evaluate', sv: 'Utvärdera' },
      criteria: [
        c('fit_shown', 'The buyer has seen it work on their own case', 'Köparen har sett det fungera i sitt eget fall'),
        c('alternatives_known', 'We know which alternatives the buyer weighs', 'Vi vet vilka alternativ köparen väger'),
        c('concerns_answered', 'No concern is left unanswered', 'Ingen fråga är obesvarad'),
      ],
    },
    {
      key: 'decide',
      name: { en: 'Decide', sv: 'Besluta' },
      criteria: [
        c('price_explained', 'A quote was sent and the buyer opened it', 'En offert är skickad och köparen har öppnat den'),
        c('no_blocking_concerns', 'No blocking concern remains', 'Inga blockerande frågor återstår'),
        c('decision_date_confirmed', 'The buyer has confirmed the decision date', 'Köparen har bekräftat beslutsdatum'),
      ],
    },
    {
      key: 'buy',
      name: { en: 'Buy', sv: 'Köpa' },
      criteria: [c('quote_accepted', 'The buyer has accepted a quote', 'Köparen har accepterat en offert')],
    },
    {
      key: 'use',
      name: { en: 'Use', sv: 'Använda' },
      criteria: [
        c('onboarded', 'The buyer is up and running', 'Köparen är igång'),
        c('value_confirmed', 'The buyer says the expected value is reached', 'Köparen säger att det förväntade värdet är nått'),
      ],
    },
  ],
};

export const CONSUMER_TEMPLATE: TemplateDef = {
  key: 'consumer',
  name: { en: 'Consumer buying process', sv: 'Konsumentens köpprocess' },
  stages: [
    {
      key: 'need',
      name: { en: 'Need', sv: 'Behov' },
      criteria: [c('problem_described', 'The buyer has described what they need', 'Köparen har beskrivit vad hen behöver')],
    },
    {
      key: 'compare',
      name: { en: 'Compare', sv: 'Jämföra' },
      criteria: [
        c('alternatives_known', 'We know which alternatives the buyer compares', 'Vi vet vilka alternativ köparen jämför'),
        c('concerns_answered', 'No concern is left unanswered', 'Ingen fråga är obesvarad'),
      ],
    },
    {
      key: 'buy',
      name: { en: 'Buy', sv: 'Köpa' },
      criteria: [c('quote_accepted', 'The buyer has accepted a quote', 'Köparen har accepterat en offert')],
    },
    {
      key: 'use',
      name: { en: 'Use', sv: 'Använda' },
      criteria: [c('value_confirmed', 'The buyer says the expected value is reached', 'Köparen säger att det förväntade värdet är nått')],
    },
  ],
};

export const BUILTIN_TEMPLATES: readonly TemplateDef[] = [B2B_TEMPLATE, CONSUMER_TEMPLATE];

/** One criterion of a stage as a journey sees it. */
export interface CriterionState {
  key: string;
  text: Text;
  derived: boolean;
  met: boolean;
  evidence: string | null;
  metAt: string | null;
  metBy: string | null;
}

export interface MetCriterion {
  key: string;
  evidence: string;
  metAt: string;
  metBy: string | null;
}

export function findStage(template: TemplateDef, stageKey: string): StageDef | undefined {
  return template.stages.find((s) => s.key === stageKey);
}

export function nextStage(template: TemplateDef, stageKey: string): StageDef | undefined {
  const i = template.stages.findIndex((s) => s.key === stageKey);
  return i < 0 ? undefined : template.stages[i + 1];
}

/** The criteria of one stage, each met or not, derived ones computed from facts. */
export function stageCriteria(stage: StageDef, met: readonly MetCriterion[], facts: DerivedFacts): CriterionState[] {
  return stage.criteria.map((def) => {
    if (isDerived(def.key)) {
      return { key: def.key, text: def.text, derived: true, met: derivedMet(def.key, facts), evidence: null, metAt: null, metBy: null };
    }
    const row = met.find((m) => m.key === def.key);
    return {
      key: def.key,
      text: def.text,
      derived: false,
      met: row !== undefined,
      evidence: row?.evidence ?? null,
      metAt: row?.metAt ?? null,
      metBy: row?.metBy ?? null,
    };
  });
}

export type AdvanceDecision =
  | { ok: true; to: StageDef; overridden: CriterionState[] }
  | { ok: false; reason: 'last_stage' }
  | { ok: false; reason: 'unmet'; unmet: CriterionState[] };

/**
 * Whether a journey may move on from its stage: only when every criterion is
 * met, or when the seller gives a written reason to override.
 */
export function decideAdvance(template: TemplateDef, criteria: readonly CriterionState[], stageKey: string, overrideReason?: string): AdvanceDecision {
  const to = nextStage(template, stageKey);
  if (!to) return { ok: false, reason: 'last_stage' };
  const unmet = criteria.filter((cr) => !cr.met);
  if (unmet.length === 0) return { ok: true, to, overridden: [] };
  if (overrideReason && overrideReason.trim().length > 0) return { ok: true, to, overridden: unmet };
  return { ok: false, reason: 'unmet', unmet };
}

/** Problems with a custom template, as human sentences; empty when valid. */
export function templateProblems(t: TemplateDef): string[] {
  const problems: string[] = [];
  if (t.stages.length < 2) problems.push('a process needs at least two stages');
  const stageKeys = new Set<string>();
  for (const s of t.stages) {
    if (stageKeys.has(s.key)) problems.push(`stage "${s.key}" appears twice`);
    stageKeys.add(s.key);
    const keys = new Set<string>();
    for (const cr of s.criteria) {
      if (keys.has(cr.key)) problems.push(`criterion "${cr.key}" appears twice in stage "${s.key}"`);
      keys.add(cr.key);
    }
  }
  return problems;
}
