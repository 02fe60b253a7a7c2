/** Quotes and prices as the API answers with them (src/app/quotes.ts, src/app/pricing.ts): money in minor units, net of VAT. */
import type { Tier } from '../api/types.ts';

import type { PricedLine, PricedQuote, Simulation, Text } from '../api/pricing.ts';

export type { Adjustment, AdjustmentKind, BoundKind, PricedLine, PricedQuote, Text } from '../api/pricing.ts';
/** The price simulator's answer. */
export type Simulated = Simulation;

export type QuoteStatus = 'draft' | 'sent' | 'viewed' | 'accepted' | 'declined' | 'superseded' | 'expired';
export const QUOTE_STATUSES: QuoteStatus[] = ['draft', 'sent', 'viewed', 'accepted', 'declined', 'superseded', 'expired'];

export interface Quote {
  id: string;
  journeyId: string;
  accountId: string;
  version: number;
  status: QuoteStatus;
  tier: Tier;
  currency: string;
  pricedAt: string;
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
  acceptedBy: { name: string; contactId?: string; userId?: string | null; consentTyped?: string } | null;
  declinedAt: string | null;
  declineReason: string | null;
  supersededBy: string | null;
  createdAt: string;
  updatedAt: string;
}

/** What the explanation and totals need, whether from a stored quote or a preview. */
export interface Pricing {
  currency: string;
  lines: PricedLine[];
  totalMinor: number;
  vatMinor: number;
  grossMinor: number;
  referenceTotalMinor: number;
  consent: { required: boolean; threshold: number; multiplier: Text | null };
}

export const previewPricing = (q: PricedQuote): Pricing => ({
  ...q,
  consent: { required: q.consent.required, threshold: q.consent.thresholdBp / 10_000, multiplier: q.consent.multiplier },
});

export interface LineInput {
  productId: string;
  quantity: number;
}
