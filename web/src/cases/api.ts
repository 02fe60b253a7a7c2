/** The seller's cases: their shape as the API gives it, and the queries and keys. */
import { useQuery } from '@tanstack/react-query';
import { get, qs } from '../api/client.ts';
import type { Tier } from '../api/types.ts';

export { kronorToMinor } from './amount.ts';

export type CaseStatus = 'open' | 'proposed' | 'resolved' | 'closed';
export type ShownStatus = CaseStatus | 'unanswered';
export type CasePriority = 'urgent' | 'high' | 'normal' | 'low';
export type ResolutionKind = 'explanation' | 'refund' | 'credit' | 'discount' | 'redo' | 'other';
export const RESOLUTIONS: ResolutionKind[] = ['explanation', 'refund', 'credit', 'discount', 'redo', 'other'];
/** Kinds whose amount is required (and above 0); an explanation has none; the others may have one. */
export const AMOUNT_REQUIRED: ResolutionKind[] = ['refund', 'credit', 'discount'];
export const CASE_STATUSES: CaseStatus[] = ['open', 'proposed', 'resolved', 'closed'];

export type ClockState = 'running' | 'paused' | 'overdue' | 'met' | 'missed';
export interface Clock {
  state: ClockState;
  dueAt: string | null;
  doneAt: string | null;
  usedHours: number;
}

type By = { kind: 'contact' | 'user'; name: string };

export interface CaseStep {
  id: string;
  kind: 'opened' | 'message' | 'proposed' | 'accepted' | 'rejected' | 'closed' | 'checked_in';
  at: string;
  by: By;
  resolution: ResolutionKind | null;
  amountMinor: number | null;
  currency: string | null;
  text: string | null;
}

export interface SellerCase {
  id: string;
  journeyId: string;
  topic: string;
  description: string;
  quoteId: string | null;
  orderId: string | null;
  status: CaseStatus;
  shownStatus: ShownStatus;
  priority: CasePriority;
  openedBy: By;
  openedAt: string;
  firstResponseAt: string | null;
  proposedAt: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
  reopened: boolean;
  proposal: { id: string; resolution: ResolutionKind; amountMinor: number | null; currency: string | null; text: string; at: string; by: By } | null;
  tier: Tier;
  targets: { firstResponseHours: number; resolutionHours: number };
  clocks: { firstResponse: Clock; resolution: Clock };
  dueAt: string | null;
  checkInAt: string | null;
  checkedInAt: string | null;
  checkInDue: boolean;
}

export interface FullCase extends SellerCase {
  steps: CaseStep[];
  messages: { id: string; author: By; text: string; at: string }[];
}

export interface ListedCase extends SellerCase {
  journey: { id: string; title: string; ownerId: string };
  account: { id: string; name: string };
}

export interface Figures {
  cases: number;
  open: number;
  resolved: number;
  closedWithoutAgreement: number;
  medianFirstResponseHours: number | null;
  medianResolutionHours: number | null;
  acceptanceRate: number | null;
  reopenRate: number | null;
}

export interface CaseMetrics {
  from: string;
  to: string;
  timeZone: string;
  total: Figures;
  byTier: (Figures & { tier: Tier })[];
  bySeller: (Figures & { userId: string; name: string | null })[];
}

export interface CaseSettings {
  businessHours: { timeZone: string; days: number[]; open: string; close: string };
  holidays: string[];
  defaultHolidays: boolean;
  targets: Record<Tier, { firstResponseHours: number; resolutionHours: number }>;
}

export interface TodayCase {
  kind: 'case_first_response_overdue' | 'case_check_in';
  at: string;
  text: string;
  case: { id: string; topic: string; priority: CasePriority; tier: Tier; status: CaseStatus; journeyId: string; journeyTitle: string; accountName: string };
}

// Every cases query sits under ['cases']: an action on a case refreshes lists, figures and the case.
export const CASES_KEY = ['cases'] as const;
export const caseKey = (id: string) => ['cases', 'one', id] as const;
export const caseListKey = (q: { status?: string; ownerId?: string; accountId?: string; sort: string; limit: number }) => ['cases', 'list', q] as const;

export const caseUrl = (id: string, rest = '') => `/cases/${encodeURIComponent(id)}${rest}`;

export function useCase(id: string) {
  return useQuery({ queryKey: caseKey(id), queryFn: () => get<FullCase>(caseUrl(id)) });
}

export function useCaseList(q: { status?: CaseStatus | undefined; ownerId?: string | undefined; accountId?: string | undefined; sort: 'due' | 'opened'; limit: number; enabled?: boolean }) {
  return useQuery({
    queryKey: caseListKey({ status: q.status, ownerId: q.ownerId, accountId: q.accountId, sort: q.sort, limit: q.limit }),
    queryFn: () => get<{ items: ListedCase[]; nextCursor: string | null }>(`/cases${qs({ status: q.status, ownerId: q.ownerId, accountId: q.accountId, sort: q.sort, limit: q.limit })}`),
    enabled: q.enabled ?? true,
  });
}

