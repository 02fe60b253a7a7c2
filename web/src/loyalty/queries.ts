/** Loyalty's reads, and what to refresh when an account's tier may have moved. */
import type { QueryClient } from '@tanstack/react-query';
import { get } from '../api/client.ts';
import type { AccountLoyalty, LoyaltySettings, LoyaltySummary } from '../api/types.ts';

export const accountLoyaltyQuery = (accountId: string) => ({
  queryKey: ['loyalty', 'account', accountId] as const,
  queryFn: () => get<AccountLoyalty>(`/accounts/${encodeURIComponent(accountId)}/loyalty`),
});

export const summaryQuery = {
  queryKey: ['loyalty', 'summary'] as const,
  queryFn: () => get<LoyaltySummary>('/loyalty/summary'),
};

export const SETTINGS_KEY = ['loyalty', 'settings'] as const;
export const settingsQuery = { queryKey: SETTINGS_KEY, queryFn: () => get<LoyaltySettings>('/settings/loyalty') };

/**
 * An order changed (or the thresholds, or a recompute ran): the tiers it may
 * have moved are refetched where they are on screen now, and marked stale
 * where they are not (the board's and Today's cards, journey pages).
 */
export async function refreshTiers(qc: QueryClient, accountId?: string): Promise<void> {
  for (const key of [['journeys'], ['today'], ['journey']]) void qc.invalidateQueries({ queryKey: key, refetchType: 'none' });
  await Promise.all([
    qc.invalidateQueries({ queryKey: ['loyalty'], predicate: (q) => q.queryKey[1] !== 'settings' }),
    qc.invalidateQueries({ queryKey: accountId ? ['account', accountId] : ['account'] }),
    qc.invalidateQueries({ queryKey: ['accounts'] }),
  ]);
}
