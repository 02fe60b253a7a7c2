/** What the board reads: its filters (kept in the URL), the processes and the users. */
import { useQuery } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { get } from '../api/client.ts';
import type { JourneyStatus, Template, User } from '../api/types.ts';

// A column shows about three cards on screen; the next page comes as it is scrolled
// (or with "Show more"). Small pages draw fast.
export const PAGE_SIZE = 12;
export const STATUSES: JourneyStatus[] = ['open', 'won', 'lost', 'paused'];

export interface BoardFilters {
  /** the process template's key */
  process: string;
  /** '' for everyone, 'me', or a user id */
  owner: string;
  status: JourneyStatus;
  q: string;
}

const DEFAULTS: BoardFilters = { process: 'b2b', owner: '', status: 'open', q: '' };

/** The board's filters as the URL gives them; anything unknown falls back to the default. */
export function filtersFrom(params: URLSearchParams): BoardFilters {
  const status = params.get('status');
  return {
    process: params.get('process') || DEFAULTS.process,
    owner: params.get('owner') ?? DEFAULTS.owner,
    status: STATUSES.includes(status as JourneyStatus) ? (status as JourneyStatus) : DEFAULTS.status,
    q: params.get('q') ?? DEFAULTS.q,
  };
}

/** The filters live in the URL so that a board can be shared and survives a reload. */
export function useBoardFilters(): [BoardFilters, (patch: Partial<BoardFilters>) => void] {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFrom(params), [params]);
  const update = useCallback(
    (patch: Partial<BoardFilters>) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(patch) as [keyof BoardFilters, string][]) {
            if (v === DEFAULTS[k] || v === '') next.delete(k);
            else next.set(k, v);
          }
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );
  return [filters, update];
}

export const templatesQuery = {
  queryKey: ['process-templates', 'list'],
  queryFn: () => get<{ items: Template[] }>('/process-templates'),
  staleTime: 5 * 60_000,
};

export function useTemplates() {
  return useQuery({ ...templatesQuery, select: (d) => d.items });
}

export const usersQuery = {
  queryKey: ['users', 'list'],
  queryFn: () => get<{ items: User[] }>('/users'),
  staleTime: 5 * 60_000,
};

export function useUsers() {
  return useQuery({ ...usersQuery, select: (d) => d.items });
}

/** A stage's name in the current language. */
export const stageName = (names: { sv: string; en: string }, lang: string): string => (lang === 'en' ? names.en : names.sv);
