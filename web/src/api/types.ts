/** The shapes the API answers with (see /api/openapi.json). */

export type Role = 'admin' | 'manager' | 'seller';
export type JourneyStatus = 'open' | 'won' | 'lost' | 'paused';
export type Channel = 'cold_call' | 'call' | 'email' | 'social' | 'meeting' | 'demo' | 'event' | 'letter' | 'portal' | 'other';
export type ConcernTopic = 'price' | 'risk' | 'fit' | 'timing' | 'trust' | 'other';
export type ConcernStatus = 'open' | 'answered' | 'accepted' | 'withdrawn';
export type BuyingRole = 'decision_maker' | 'economic_buyer' | 'user' | 'influencer' | 'champion' | 'gatekeeper' | 'unknown';

export const CHANNELS: Channel[] = ['meeting', 'call', 'email', 'demo', 'social', 'event', 'letter', 'portal', 'cold_call', 'other'];
export const CONCERN_TOPICS: ConcernTopic[] = ['price', 'risk', 'fit', 'timing', 'trust', 'other'];
export const BUYING_ROLES: BuyingRole[] = ['decision_maker', 'economic_buyer', 'champion', 'influencer', 'user', 'gatekeeper', 'unknown'];
export const ROLES: Role[] = ['seller', 'manager', 'admin'];

/** How loyal an account is (DESIGN §7), best first as the rules try them. */
export type Tier = 'champion' | 'at_risk' | 'loyal' | 'regular' | 'occasional' | 'new';
export const TIERS: Tier[] = ['champion', 'at_risk', 'loyal', 'regular', 'occasional', 'new'];

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  disabled: boolean;
  createdAt: string;
}

export interface Me {
  user: User;
  org: { id: string; name: string; locale: 'sv' | 'en'; timeZone: string } | null;
  locale: 'sv' | 'en';
  via: string;
}

export interface Account {
  id: string;
  kind: 'company' | 'person';
  name: string;
  orgNumber: string | null;
  website: string | null;
  tier: Tier;
  createdAt: string;
  updatedAt: string;
}

export interface Contact {
  id: string;
  accountId: string;
  name: string;
  email: string | null;
  phone: string | null;
  title: string | null;
  buyingRole: BuyingRole;
}

/** A purchase by an account; `imported` when it came from an import. */
export interface Order {
  id: string;
  accountId: string;
  /** YYYY-MM-DD, or an ISO time (UTC) */
  orderedAt: string;
  product: string | null;
  quantity: number;
  /** the order's total in minor units (öre); negative for a refund */
  amountMinor: number;
  currency: string;
  /** the order number, unique in the org */
  externalId: string | null;
  imported: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface Localized {
  sv: string;
  en: string;
}

export interface Template {
  id: string;
  key: string;
  name: Localized;
  builtin: boolean;
  stages: { key: string; name: Localized; criteria: { key: string; text: Localized }[] }[];
}

export interface JourneySummary {
  id: string;
  accountId: string;
  title: string;
  stage: string;
  status: JourneyStatus;
  ownerId: string;
  valueMinor: number | null;
  currency: string;
  stageEnteredAt: string;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  closeReason: string | null;
}

/** A journey as the board and Today show it. */
export interface JourneyCard extends JourneySummary {
  accountName: string;
  accountTier: Tier;
  templateKey: string | null;
  readiness: { met: number; total: number };
  openConcerns: number;
  blockingConcerns: number;
  lastInteractionAt: string | null;
}

export interface Criterion {
  key: string;
  text: string;
  met: boolean;
  derived: boolean;
  evidence: string | null;
  metAt: string | null;
  metBy: string | null;
  /** a buyer who confirmed it in the room */
  confirmedBy?: { name: string } | null;
}

export interface Concern {
  id: string;
  topic: ConcernTopic;
  text: string;
  blocking: boolean;
  status: ConcernStatus;
  answer: string | null;
  raisedAt: string;
  answeredAt: string | null;
}

export interface PlanStep {
  id: string;
  title: string;
  position: number;
  owner: { userId: string } | { contactId: string } | null;
  dueDate: string | null;
  done: boolean;
}

export interface Journey extends JourneySummary {
  account: { id: string; name: string; tier: Tier } | null;
  template: { id: string; key: string; name: string };
  stageName: string;
  stages: { key: string; name: string; state: 'done' | 'current' | 'ahead' }[];
  readiness: { met: number; total: number };
  criteria: Criterion[];
  overrides: { from: string; to: string; reason: string; overridden: string[]; actorId: string | null; at: string }[];
  concerns: Concern[];
  planSteps: PlanStep[];
}

export interface TimelineItem {
  id: string;
  at: string;
  kind: string;
  entityId: string | null;
  actorId: string | null;
  data: Record<string, unknown>;
  journeyId?: string;
  journeyTitle?: string;
}

export interface TodayItem extends JourneyCard {
  reasons: { kind: 'blocking_concern' | 'overdue_step' | 'no_contact'; since: string; text: string }[];
}

export interface ApiToken {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  revoked: boolean;
  token?: string;
}

/** An account's loyalty: its tier, the numbers behind it, and whether it is drifting away. */
export interface AccountLoyalty {
  accountId: string;
  tier: Tier;
  /** R, F, M and T; null without orders */
  facts: {
    recencyDays: number;
    frequency: number;
    monetaryMinor: number;
    tenureDays: number;
    /** YYYY-MM-DD */
    firstOrderOn: string;
    lastOrderOn: string;
  } | null;
  scores: { r: number; f: number; m: number } | null;
  /** the probability the account still buys, 0–1; null without orders or before the model is fitted */
  pAlive: number | null;
  /** pAlive 90 days before computedAt */
  pAlive90: number | null;
  expectedOrders12m: number | null;
  explanation: Localized;
  /** newest first; `from` null for the first tier the account had */
  history: { from: Tier | null; to: Tier; at: string; cause: 'order' | 'recompute' | 'settings' }[];
  /** the last 36 months, oldest first; `month` is YYYY-MM */
  series: { month: string; orders: number; amountMinor: number; pAlive: number | null }[];
  windowMonths: number;
  /** null before loyalty was ever computed for the org */
  computedAt: string | null;
}

/** The org's loyalty over a period (default: this quarter so far). */
export interface LoyaltySummary {
  from: string;
  to: string;
  computedAt: string | null;
  model: { r: number; alpha: number; a: number; b: number; customers: number; unit: string; fittedAt: string } | null;
  tiers: { tier: Tier; accounts: number }[];
  moves: { from: Tier | null; to: Tier; accounts: number }[];
  falling: { accountId: string; name: string; tier: Tier; pAlive: number; pAlive90: number; lastOrderOn: string | null }[];
}

/** The org's tier thresholds: scores 1–5, days 0–3650, months 1–120. */
export interface LoyaltySettings {
  championMin: number;
  championDays: number;
  atRiskF: number;
  atRiskM: number;
  atRiskMaxR: number;
  loyalF: number;
  loyalDays: number;
  regularF: number;
  windowMonths: number;
}

export interface RecomputeResult {
  accounts: number;
  changed: number;
  durationMs: number;
}
