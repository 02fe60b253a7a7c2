/** The quotes API's reads and writes. Quotes are cached under the journey, so the journey's live stream refreshes them too. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { ApiError, get, patch, post, qs } from '../api/client.ts';
import type { Journey, Page } from '../api/types.ts';
import { useMe } from '../auth.tsx';
import type { Product } from '../products/types.ts';
import { DEFAULT_ZONE } from './format.ts';
import type { LineInput, Quote, Simulated } from './types.ts';

export const quotesKey = (journeyId: string) => ['journey', journeyId, 'quotes'] as const;
export const quoteKey = (id: string) => ['quote', id] as const;
const quoteUrl = (id: string, rest = '') => `/quotes/${encodeURIComponent(id)}${rest}`;

export function useJourneyQuotes(journeyId: string) {
  return useQuery({
    queryKey: quotesKey(journeyId),
    queryFn: () => get<{ items: Quote[] }>(`/journeys/${encodeURIComponent(journeyId)}/quotes`),
    // A buyer may answer (through the portal) while the seller is elsewhere: read again whenever shown.
    staleTime: 0,
  });
}

export function useQuote(id: string) {
  return useQuery({
    queryKey: quoteKey(id),
    queryFn: () => get<Quote>(quoteUrl(id)),
    staleTime: 0,
    retry: (count, err) => !(err instanceof ApiError && [403, 404].includes(err.problem.status)) && count < 2,
  });
}

/** The journey a quote belongs to (its account's name, its title), for the printable page. */
export function useQuoteJourney(journeyId: string | undefined) {
  return useQuery({
    queryKey: ['quote-journey', journeyId],
    queryFn: () => get<Journey>(`/journeys/${encodeURIComponent(journeyId ?? '')}`),
    enabled: Boolean(journeyId),
    staleTime: 60_000,
  });
}

/** Active products whose SKU starts with `q` (all active ones, first by SKU, when it is empty). */
export function useProductSearch(q: string) {
  return useQuery({
    queryKey: ['quote-products', q.trim()],
    queryFn: () => get<Page<Product>>(`/products${qs({ active: 'true', q: q.trim(), limit: 8 })}`),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

/**
 * The lines priced for the account at the moment, as the buyer would read
 * them: asked again on every change, once the input has rested for a moment.
 */
export function usePricePreview(accountId: string, lines: LineInput[], at: string | null) {
  const input = useDebounced({ accountId, lines, at }, 300);
  return useQuery({
    queryKey: ['price-preview', input],
    queryFn: () => post<Simulated>('/prices/simulate', { accountId: input.accountId, lines: input.lines, ...(input.at ? { at: input.at } : {}) }),
    enabled: input.lines.length > 0 && input.lines.every((l) => Number.isInteger(l.quantity) && l.quantity >= 1),
    placeholderData: keepPreviousData,
    retry: false,
    staleTime: 5_000,
  });
}

/** A value that follows `value` once it has stayed the same for `ms` (compared as JSON: a new array of the same lines is the same). */
function useDebounced<T>(value: T, ms: number): T {
  const key = JSON.stringify(value);
  const [settled, setSettled] = useState({ key, value });
  useEffect(() => {
    if (key === settled.key) return;
    const timer = setTimeout(() => setSettled({ key, value }), ms);
    return () => clearTimeout(timer);
  }, [key, ms, settled.key, value]);
  return settled.value;
}

export const createQuote = (journeyId: string, body: { lines: LineInput[]; at?: string }) => post<Quote>(`/journeys/${encodeURIComponent(journeyId)}/quotes`, body);
export const updateQuote = (id: string, body: { lines: LineInput[]; at?: string }) => patch<Quote>(quoteUrl(id), body);
export const sendQuote = (id: string, body: { validUntil?: string }) => post<Quote>(quoteUrl(id, '/send'), body);
export const acceptQuote = (id: string, body: { name: string; consent?: string | null }) => post<Quote>(quoteUrl(id, '/accept'), body);
export const declineQuote = (id: string, body: { reason: string | null }) => post<Quote>(quoteUrl(id, '/decline'), body);

/** The org's time zone, which rules and quotes are read in. */
export function useOrgZone(): string {
  return useMe().data?.org?.timeZone ?? DEFAULT_ZONE;
}
