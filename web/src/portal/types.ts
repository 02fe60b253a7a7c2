/**
 * What the room's API answers (GET /api/portal/v1/room and the dialogue's
 * routes), as the room reads it. Parts that later slices add (`people`,
 * `say`, `calendar`) are optional: a room without them shows what it has.
 */
export type Lang = 'sv' | 'en';
export type { Text } from '../../../src/domain/pricing-types.ts';
import type { Text } from '../../../src/domain/pricing-types.ts';

export interface Stage {
  key: string;
  name: string;
  state: 'done' | 'current' | 'ahead';
}

export interface Criterion {
  key: string;
  text: string;
  met: boolean;
  confirmable?: boolean;
  confirmedBy?: { name: string } | null;
}

export interface Person {
  kind: 'contact' | 'user';
  id: string;
  name: string | null;
}

export interface PlanStep {
  id: string;
  title: string;
  position: number;
  owner: Person | null;
  dueDate: string | null;
  done: boolean;
  doneAt: string | null;
}

// The engine's own types (type-only: nothing of the server's code comes into the bundle).
export type { Adjustment, PricedLine } from '../../../src/domain/pricing-types.ts';
import type { PricedLine } from '../../../src/domain/pricing-types.ts';

export type QuoteStatus = 'sent' | 'viewed' | 'accepted' | 'declined' | 'superseded' | 'expired' | 'draft';

export interface Quote {
  id: string;
  version: number;
  status: QuoteStatus;
  currency: string;
  validUntil: string | null;
  totalMinor: number;
  vatMinor: number;
  grossMinor: number;
  referenceTotalMinor: number;
  consent: { required: boolean; threshold: number; multiplier: Text | null };
  lines: PricedLine[];
  sentAt: string | null;
  viewedAt: string | null;
  acceptedAt: string | null;
  acceptedBy: { name: string } | null;
  declinedAt: string | null;
}

export interface Concern {
  id: string;
  topic: string;
  text: string;
  status: string;
  answer: string | null;
}

export interface Member {
  contactId: string;
  name: string;
  title: string | null;
  buyingRole: string | null;
  you: boolean;
  criteria: { id: string; text: string }[];
  concerns: Concern[];
  signOff: { state: 'ready' | 'not_yet'; reason: string | null; at: string } | null;
}

/** A won or lost journey's room can be read, not changed (the API refuses with journey_closed). */
export const isClosed = (room: Room): boolean => room.journey.status === 'won' || room.journey.status === 'lost';

export interface Room {
  you: { contactId: string; name: string };
  seller: { org: string | null; name: string | null };
  locale: Lang;
  journey: { id: string; title: string; status: string };
  stages: Stage[];
  currentStage: { key: string; name: string };
  criteria: Criterion[];
  readiness: { met: number; total: number };
  planSteps: PlanStep[];
  buyingGroup: { id: string; name: string; title: string | null; buyingRole: string | null; you: boolean }[];
  quotes: Quote[];
  people?: Person[];
  say?: { ready: number; total: number; members: Member[] };
  calendar?: { hasFeed: boolean };
}

export interface Comment {
  id: string;
  author: { kind: 'contact' | 'user' | 'guest'; name: string; website: string | null };
  text: string;
  createdAt: string;
  status: 'published' | 'pending' | 'rejected';
}

export interface Case {
  id: string;
  journeyId: string;
  topic: string;
  description: string;
  quoteId: string | null;
  orderId: string | null;
  status: 'open' | 'proposed' | 'resolved' | 'closed';
  /** `unanswered`: a proposal that has waited 14 days, still waiting, never accepted */
  shownStatus: 'open' | 'proposed' | 'resolved' | 'closed' | 'unanswered';
  priority: string;
  openedBy: { kind: 'contact' | 'user'; name: string };
  openedAt: string;
  resolvedAt: string | null;
  closedAt: string | null;
  reopened: number;
  /** the proposal waiting for the buyer's answer */
  proposal: { id: string; resolution: string; amountMinor: number | null; currency: string | null; text: string; at: string; by: { kind: string; name: string } } | null;
  /** everything that happened, in time order */
  steps: CaseStep[];
  messages: { id: string; author: { kind: string; name: string }; text: string; at: string }[];
}

export interface CaseStep {
  id: string;
  kind: 'opened' | 'message' | 'proposed' | 'accepted' | 'rejected' | 'closed';
  at: string;
  by: { kind: 'contact' | 'user'; name: string };
  resolution: string | null;
  amountMinor: number | null;
  currency: string | null;
  text: string | null;
}
