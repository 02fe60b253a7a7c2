/** The pricing API's reads and writes, and what they refresh. */
import type { QueryClient } from '@tanstack/react-query';
import { del, get, post, put, qs } from '../api/client.ts';
import type { Account, Page } from '../api/types.ts';
import type { Product } from '../products/types.ts';
import type { PriceRule, PricingPolicy, RuleInput, SimulateRequest, Simulation } from './types.ts';

export const RULES_KEY = ['pricing', 'rules'] as const;
export const POLICY_KEY = ['pricing', 'policy'] as const;

export const rulesQuery = { queryKey: RULES_KEY, queryFn: () => get<{ items: PriceRule[] }>('/price-rules').then((r) => r.items) };
export const policyQuery = { queryKey: POLICY_KEY, queryFn: () => get<PricingPolicy>('/settings/pricing') };

/**
 * Every product of the org, active or not, for names and pickers: a rule may
 * name a product made inactive since. Read page by page (an org's price list
 * is hundreds, not millions).
 */
export const allProductsQuery = {
  queryKey: ['products', 'all'] as const,
  queryFn: async () => {
    const all: Product[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 50; i++) {
      const page = await get<Page<Product>>(`/products${qs({ cursor, limit: 200 })}`);
      all.push(...page.items);
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    return all;
  },
};

export const findAccounts = (q: string) => get<Page<Account>>(`/accounts${qs({ q, limit: 8 })}`).then((p) => p.items);

export const createRule = (body: RuleInput) => post<PriceRule>('/price-rules', body);
export const replaceRule = (id: string, body: RuleInput) => put<PriceRule>(`/price-rules/${encodeURIComponent(id)}`, body);
export const deleteRule = (id: string) => del<void>(`/price-rules/${encodeURIComponent(id)}`);
export const savePolicy = (body: Omit<PricingPolicy, 'timeZone'>) => put<PricingPolicy>('/settings/pricing', body);
export const simulate = (body: SimulateRequest) => post<Simulation>('/prices/simulate', body);

/** A rule or the policy changed: the rules and every simulation are read again. */
export const refreshPricing = (qc: QueryClient) => Promise.all([qc.invalidateQueries({ queryKey: RULES_KEY }), qc.invalidateQueries({ queryKey: ['pricing', 'simulate'] })]);

/** A rule as the form sends it back: everything but what the server keeps. */
export function inputOf(rule: PriceRule): RuleInput {
  const { id: _id, createdAt: _c, updatedAt: _u, ...input } = rule;
  return input as RuleInput;
}
