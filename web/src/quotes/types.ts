/** Quotes and prices as the API answers with them (src/app/quotes.ts, src/app/pricing.ts): money in minor units, net of VAT. */
import type { Tier } from '../api/types.ts';

/** A text the server words in both languages. */
export interface Text {
  sv: string;
  en: string;
}

export type AdjustmentKind = 'cost' | 'demand' | 'cap' | 'ceiling' | 'emergency' | 'discount' | 'loyalty_floor';
export type BoundKind = 'cap' | 'ceiling' | 'emergency' | 'loyalty_floor';

/** One change to a unit price, per unit and signed, with the buyer's reason. */
export interface Adjustment {
  rule: string;
  kind: AdjustmentKind;
  amountMinor: number;
  reason: Text;
}

/** One priced line (the engine's PricedLine): listUnitMinor + Σ adjustments = unitMinor. */
export interface PricedLine {
  productId: string;
  sku: string;
  names: Text;
  unit: string;
  quantity: number;
  listUnitMinor: number;
  referenceUnitMinor: number;
  referenceFrom: 'orders' | 'list';
  unitMinor: number;
  lineTotalMinor: number;
  vatBp: number;
  vatMinor: number;
  adjustments: Adjustment[];
  boundBy: BoundKind | null;
  lowest30dUnitMinor: number | null;
}

/** The engine's quote, as the price simulator returns it. */
export interface PricedQuote {
  currency: string;
  tier: Tier;
  at: string;
  lines: PricedLine[];
  totalMinor: number;
  vatMinor: number;
  grossMinor: number;
  referenceTotalMinor: number;
  ratioToReference: number | null;
  consent: { required: boolean; thresholdBp: number; multiplierTenths: number | null; multiplier: Text | null };
}

export interface Simulated {
  at: string;
  tier: Tier;
  quote: PricedQuote;
  byTier: { tier: Tier; quote: PricedQuote }[];
}

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
