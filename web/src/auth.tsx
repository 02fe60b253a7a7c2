/** Who is signed in, and the guard around the signed-in part of the app. */
import { useQuery } from '@tanstack/react-query';
import { useEffect, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { ApiError, get } from './api/client.ts';
import type { Me } from './api/types.ts';
import i18n, { storedLanguage } from './i18n/index.ts';

export const meQuery = {
  queryKey: ['me'],
  queryFn: () => get<Me>('/me'),
  retry: (count: number, err: Error) => !(err instanceof ApiError && err.problem.status === 401) && count < 2,
  staleTime: 60_000,
};

export function useMe() {
  return useQuery(meQuery);
}

export function RequireAuth({ children }: { children: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  // Without a language chosen on this device, speak the org's.
  useEffect(() => {
    const orgLocale = me.data?.org?.locale;
    if (orgLocale && !storedLanguage() && i18n.language !== orgLocale) void i18n.changeLanguage(orgLocale);
  }, [me.data]);
  if (me.error) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  // While /me is on its way the screen already asks for its own data, in parallel;
  // what depends on who is signed in waits for `useMe().data`.
  return <>{children}</>;
}
