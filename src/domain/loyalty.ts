/**
 * Loyalty tiers (DESIGN §7): recency, frequency and money of an account's
 * orders, scored 1–5 by quintile among the org's accounts with orders, and
 * a tier from those scores and the account's tenure. Pure: "today" is a
 * day number passed in, and days are whole days since 1970-01-01 in the
 * org's calendar, so the caller decides what a day is where the org is.
 */

export const TIERS = ['champion', 'at_risk', 'loyal', 'regular', 'occasional', 'new'] as const;
export type Tier = (typeof TIERS)[number];

/** The org's thresholds; scores are 1–5, days are whole days. */
export interface LoyaltySettings {
  /** champion: r, f and m all at least this */
  championMin: number;
  /** champion: customer for at least this many days */
  championDays: number;
  /** at_risk: f at least this, or m at least atRiskM, … */
  atRiskF: number;
  atRiskM: number;
  /** … and r at most this */
  atRiskMaxR: number;
  /** loyal: f at least this and customer for at least loyalDays */
  loyalF: number;
  loyalDays: number;
  /** regular: f at least this */
  regularF: number;
  /** the window F and M are counted over */
  windowMonths: number;
}

/** DESIGN §7's thresholds. */
export const DEFAULT_LOYALTY_SETTINGS: Readonly<LoyaltySettings> = Object.freeze({
  championMin: 4,
  championDays: 365,
  atRiskF: 3,
  atRiskM: 4,
  atRiskMaxR: 2,
  loyalF: 3,
  loyalDays: 365,
  regularF: 2,
  windowMonths: 24,
});

/**
 * One order of an account. All amounts of an org must be in one currency
 * (converted by the caller): M adds them up and compares them across accounts.
 */
export interface OrderFact {
  /** whole days since 1970-01-01 in the org's calendar */
  day: number;
  /** in minor units (öre, cents) */
  amountMinor: number;
}

/** An account's raw R, F, M and T on a given day. */
export interface RfmtFacts {
  /** R: days since the last order */
  recencyDays: number;
  /** F: orders in the window */
  frequency: number;
  /** M: money in the window, minor units */
  monetaryMinor: number;
  /** T: days since the first order */
  tenureDays: number;
  lastDay: number;
  firstDay: number;
}

/** Scores 1–5, 5 the best: most recent, most frequent, most money. */
export interface RfmScores {
  r: number;
  f: number;
  m: number;
}

/**
 * The window's length in days. Counted in average months (365.25 / 12 days)
 * rather than calendar months, so that the window does not depend on the
 * month today falls in, and an order's membership only on its age.
 */
const windowDays = (settings: LoyaltySettings) => (settings.windowMonths * 365.25) / 12;

/**
 * R, F, M and T of an account's orders on `today`, or null without orders.
 * Orders after `today` are ignored (not yet happened as of that day). An
 * order is in the window when its age in days is below windowMonths ×
 * 365.25 / 12: for 24 months, ages 0 to 730.
 */
export function rfmt(orders: readonly OrderFact[], today: number, settings: LoyaltySettings = DEFAULT_LOYALTY_SETTINGS): RfmtFacts | null {
  const window = windowDays(settings);
  let firstDay = Infinity;
  let lastDay = -Infinity;
  let frequency = 0;
  let monetaryMinor = 0;
  for (const o of orders) {
    if (o.day > today) continue;
    firstDay = Math.min(firstDay, o.day);
    lastDay = Math.max(lastDay, o.day);
    if (today - o.day < window) {
      frequency++;
      monetaryMinor += o.amountMinor;
    }
  }
  if (lastDay === -Infinity) return null;
  return { recencyDays: today - lastDay, frequency, monetaryMinor, tenureDays: today - firstDay, lastDay, firstDay };
}

/**
 * The four cut points between quintiles of `values`, oriented so that
 * `score` counts the cuts a value is strictly better than. Cut k (1..4) is
 * the value of the account at position ⌈k·n/5⌉ from the worst. Hence the
 * tie rule: score = 1 + ⌊5 · (accounts strictly worse) / n⌋, so equal values
 * always share a score, and a run of ties takes the lowest quintile any of
 * them would reach (a quintile is earned by beating accounts, not by
 * equalling them: when most accounts bought once, F = 1 scores 1).
 * Without values there are no cuts and every score is 1.
 * @example quintileThresholds([1, 2, 3, 4, 5]) // [1, 2, 3, 4]
 */
export function quintileThresholds(values: readonly number[], higherIsBetter = true): number[] {
  // Recency (lower is better) is the same computation on negated values.
  const sign = higherIsBetter ? 1 : -1;
  const sorted = values.map((v) => sign * v).sort((a, b) => a - b);
  const n = sorted.length;
  if (n === 0) return [];
  return [1, 2, 3, 4].map((k) => sign * (sorted[Math.ceil((k * n) / 5) - 1] as number));
}

/** A value's score 1–5 against cuts from `quintileThresholds` made with the same `higherIsBetter`. */
export function score(value: number, thresholds: readonly number[], higherIsBetter = true): number {
  let s = 1;
  for (const t of thresholds) if (higherIsBetter ? value > t : value < t) s++;
  return s;
}

/** The quintile cuts of R, F and M that scores are made against (see `quintileThresholds`). */
export interface RfmCuts {
  r: number[];
  f: number[];
  m: number[];
}

/** The cuts over the accounts with orders only (an account without orders would drag every cut down). */
export function cutsOf(present: readonly RfmtFacts[]): RfmCuts {
  return {
    r: quintileThresholds(present.map((f) => f.recencyDays), false),
    f: quintileThresholds(present.map((f) => f.frequency)),
    m: quintileThresholds(present.map((f) => f.monetaryMinor)),
  };
}

/** An account's scores against cuts made earlier: how one changed order is scored without re-ranking every account. */
export const scoresOf = (facts: RfmtFacts, cuts: RfmCuts): RfmScores => ({
  r: score(facts.recencyDays, cuts.r, false),
  f: score(facts.frequency, cuts.f),
  m: score(facts.monetaryMinor, cuts.m),
});

/** Scores of each account, in input order, against the cuts of these accounts; null for an account without orders. */
export function scoreAll(accounts: readonly { id: string; facts: RfmtFacts | null }[]): { id: string; scores: RfmScores | null }[] {
  const cuts = cutsOf(accounts.flatMap((a) => (a.facts ? [a.facts] : [])));
  return accounts.map(({ id, facts }) => ({ id, scores: facts && scoresOf(facts, cuts) }));
}

/**
 * The first day inside the window on `today`: an order counts towards F and M
 * when its day is on or after this (the same rule as `rfmt`), so a database
 * can add them up itself.
 */
export const windowStartDay = (today: number, settings: LoyaltySettings = DEFAULT_LOYALTY_SETTINGS): number => Math.floor(today - windowDays(settings)) + 1;

/** What a database adds up per account: the days of the first and last order, and F and M from `windowStartDay` on. */
export interface OrderTotals {
  firstDay: number;
  lastDay: number;
  frequency: number;
  monetaryMinor: number;
}

/** R, F, M and T from totals a database added up (orders after `today` left out, as `rfmt` leaves them). */
export const rfmtOfTotals = (t: OrderTotals, today: number): RfmtFacts => ({
  recencyDays: today - t.lastDay,
  frequency: t.frequency,
  monetaryMinor: t.monetaryMinor,
  tenureDays: today - t.firstDay,
  lastDay: t.lastDay,
  firstDay: t.firstDay,
});

/** The tier for an account's scores (null: no orders) and tenure in days; first match wins, in DESIGN §7's order. */
export function tierOf(scores: RfmScores | null, tenureDays: number | null, settings: LoyaltySettings = DEFAULT_LOYALTY_SETTINGS): Tier {
  if (scores === null) return 'new';
  const { r, f, m } = scores;
  const tenure = tenureDays ?? 0;
  const s = settings;
  if (r >= s.championMin && f >= s.championMin && m >= s.championMin && tenure >= s.championDays) return 'champion';
  if ((f >= s.atRiskF || m >= s.atRiskM) && r <= s.atRiskMaxR) return 'at_risk';
  if (f >= s.loyalF && tenure >= s.loyalDays) return 'loyal';
  if (f >= s.regularF) return 'regular';
  return 'occasional';
}

export type LoyaltyLocale = 'sv' | 'en';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * One sentence naming the numbers behind a tier, in the locale.
 * `todayDay` should be the `today` the facts were computed for.
 * @example explain('loyal', facts, 'en', today) // "7 orders in 24 months, the last 12 days ago, customer since 2021."
 */
export function explain(
  tier: Tier,
  facts: RfmtFacts | null,
  locale: LoyaltyLocale,
  todayDay: number,
  settings: LoyaltySettings = DEFAULT_LOYALTY_SETTINGS,
): string {
  if (tier === 'new' || facts === null) return locale === 'sv' ? 'Inga köp än.' : 'No orders yet.';
  const f = facts.frequency;
  const months = settings.windowMonths;
  const ago = Math.max(0, todayDay - facts.lastDay);
  const since = new Date(facts.firstDay * DAY_MS).getUTCFullYear();
  if (locale === 'sv') {
    // "köp" is the same in singular and plural.
    const last = ago === 0 ? 'i dag' : `för ${ago} ${ago === 1 ? 'dag' : 'dagar'} sedan`;
    return `${f} köp på ${months} ${months === 1 ? 'månad' : 'månader'}, senast ${last}, kund sedan ${since}.`;
  }
  const last = ago === 0 ? 'today' : `${ago} ${ago === 1 ? 'day' : 'days'} ago`;
  return `${f} ${f === 1 ? 'order' : 'orders'} in ${months} ${months === 1 ? 'month' : 'months'}, the last ${last}, customer since ${since}.`;
}
