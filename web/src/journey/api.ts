/** The journey page's reads and writes, and the cache keys the live stream refreshes. */
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, get, qs } from '../api/client.ts';
import type { Contact, Journey, Page, Template, TimelineItem, User } from '../api/types.ts';

export const journeyKey = (id: string) => ['journey', id] as const;
export const timelineKey = (id: string) => ['timeline', id] as const;

/** The journey in the user's language: stage names and criteria come translated from the server. */
export function useJourney(id: string) {
  const { i18n } = useTranslation();
  return useQuery({
    queryKey: [...journeyKey(id), i18n.language],
    queryFn: () => get<Journey>(`/journeys/${encodeURIComponent(id)}`),
    placeholderData: keepPreviousData,
    retry: (count, err) => !(err instanceof ApiError && [403, 404].includes(err.problem.status)) && count < 2,
  });
}

// Keys of their own: other screens may cache these lists in another shape.
export function useUsers() {
  return useQuery({ queryKey: ['journey-page', 'users'], queryFn: () => get<{ items: User[] }>('/users'), staleTime: 60_000 });
}

export function useContacts(accountId: string | undefined) {
  return useQuery({
    queryKey: ['journey-page', 'contacts', accountId],
    queryFn: () => get<Page<Contact>>(`/accounts/${encodeURIComponent(accountId ?? '')}/contacts${qs({ limit: 200 })}`),
    enabled: Boolean(accountId),
    staleTime: 60_000,
  });
}

/** The whole process, for the words of criteria in stages other than the current one. */
export function useTemplate(templateId: string | undefined) {
  return useQuery({
    queryKey: ['journey-page', 'template', templateId],
    queryFn: () => get<Template>(`/process-templates/${encodeURIComponent(templateId ?? '')}`),
    enabled: Boolean(templateId),
    staleTime: 5 * 60_000,
  });
}

export const TIMELINE_PAGE = 25;

export function useTimeline(id: string) {
  return useInfiniteQuery({
    queryKey: timelineKey(id),
    queryFn: ({ pageParam }) => get<Page<TimelineItem>>(`/journeys/${encodeURIComponent(id)}/timeline${qs({ cursor: pageParam, limit: TIMELINE_PAGE })}`),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/**
 * A write on the journey. When the server answers with the whole journey it
 * goes straight into the cache; the timeline and the journey are refetched
 * either way, so what changed shows at once.
 */
export function useJourneyAction<TVars, TResult = unknown>(id: string, fn: (vars: TVars) => Promise<TResult>, opts: { onSuccess?: (result: TResult, vars: TVars) => void } = {}) {
  const qc = useQueryClient();
  const { i18n } = useTranslation();
  return useMutation({
    mutationFn: fn,
    onSuccess: async (result, vars) => {
      if (isJourney(result, id)) qc.setQueryData([...journeyKey(id), i18n.language], result);
      opts.onSuccess?.(result, vars);
      await Promise.all([qc.invalidateQueries({ queryKey: journeyKey(id) }), qc.invalidateQueries({ queryKey: timelineKey(id) })]);
      // The board, Today and the account page show this journey too: fetched again when next shown.
      for (const key of [['journeys'], ['today'], ['account-timeline']]) void qc.invalidateQueries({ queryKey: key, refetchType: 'none' });
    },
  });
}

function isJourney(x: unknown, id: string): x is Journey {
  return typeof x === 'object' && x !== null && (x as Journey).id === id && Array.isArray((x as Journey).stages);
}

export const journeyUrl = (id: string, rest = '') => `/journeys/${encodeURIComponent(id)}${rest}`;

/** The words of any criterion of the journey's process, in the user's language. */
export function useCriterionText(journey: Journey): (key: string) => string {
  const { i18n } = useTranslation();
  const template = useTemplate(journey.template.id).data;
  const lang = i18n.language === 'en' ? 'en' : 'sv';
  return (key) =>
    journey.criteria.find((c) => c.key === key)?.text ??
    template?.stages.flatMap((s) => s.criteria).find((c) => c.key === key)?.text[lang] ??
    key;
}

/** A stage's name in the user's language, from its key. */
export const stageName = (journey: Journey, key: unknown) => journey.stages.find((s) => s.key === key)?.name ?? String(key ?? '');
