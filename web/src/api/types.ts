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
  account: { id: string; name: string } | null;
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
