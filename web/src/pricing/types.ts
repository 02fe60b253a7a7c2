/** Pricing as the API answers with it (src/app/pricing.ts): multiples (3 for ×3), percentages (10 for 10 %), money in minor units. */
import type { Tier } from '../api/types.ts';
import type { Text } from '../api/pricing.ts';

export type { Adjustment, AdjustmentKind, BoundKind, PricedLine, PricedQuote, Simulation, Text } from '../api/pricing.ts';

export type DemandWindow = { type: 'absolute'; from: string; to: string } | { type: 'weekly'; weekday: number; start: string; end: string };
export type Increase = { amountMinor: number } | { percent: number };

interface RuleBase {
  id: string;
  active: boolean;
  reason: Text;
  createdAt: string;
  updatedAt: string;
}

export interface DemandRule extends RuleBase {
  kind: 'demand';
  window: DemandWindow;
  multiplier: number;
  productIds: string[] | null;
}

export interface CostRule extends RuleBase {
  kind: 'cost';
  productId: string;
  from: string;
  to: string | null;
  increase: Increase;
}

export type DiscountRule = RuleBase & { kind: 'discount'; percent: number; productIds: string[] | null } & ({ by: 'tier'; tiers: Tier[] } | { by: 'quantity'; minQuantity: number });

export type PriceRule = DemandRule | CostRule | DiscountRule;
export type RuleKind = PriceRule['kind'];
export const RULE_KINDS: RuleKind[] = ['demand', 'cost', 'discount'];

/** What a rule form sends: the rule without what the server keeps. */
type Input<R> = R extends RuleBase ? Omit<R, 'id' | 'createdAt' | 'updatedAt'> : never;
export type RuleInput = Input<PriceRule>;

export interface PricingPolicy {
  caps: Record<Tier, number>;
  ceiling: number;
  consentThreshold: number;
  emergency: boolean;
  /** the org's IANA zone: rules' times are read in it (read-only here) */
  timeZone: string;
}

export interface SimulateRequest {
  accountId?: string | null;
  tier?: Tier;
  lines: { productId: string; quantity: number }[];
  at?: string;
}

/** The tiers from a new customer up to a champion: the order the simulator and the policy show them in. */
export const TIER_LADDER: Tier[] = ['new', 'occasional', 'regular', 'at_risk', 'loyal', 'champion'];
