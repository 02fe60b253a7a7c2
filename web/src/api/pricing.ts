/**
 * What the engine answers with (src/domain/pricing-types.ts), as the API
 * sends it: priced lines and quotes. Imported as types only, so the web
 * bundle takes none of the server's code, and one shape serves the price
 * simulator, the quote builder and the printable quote.
 */
import type { Tier } from './types.ts';

export type { Adjustment, AdjustmentKind, BoundKind, PricedLine, PricedQuote, Text } from '../../../src/domain/pricing-types.ts';
import type { PricedQuote } from '../../../src/domain/pricing-types.ts';

/** POST /prices/simulate: the request's own tier, and every tier side by side. */
export interface Simulation {
  at: string;
  tier: Tier;
  quote: PricedQuote;
  byTier: { tier: Tier; quote: PricedQuote }[];
}
