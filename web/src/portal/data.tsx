/**
 * The room's data: each part read with one GET, read again when anything in
 * the room changes (the buyer's own action, or a live event from the server).
 * An answer keeps showing while the next one is on its way.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { call, PortalError } from './api.ts';
import { useWords } from './lang.tsx';

interface Freshness {
  version: number;
  refresh(): void;
}

const Ctx = createContext<Freshness>({ version: 0, refresh: () => undefined });

export function FreshnessProvider({ children }: { children: ReactNode }) {
  const [version, setVersion] = useState(0);
  const refresh = useCallback(() => setVersion((v) => v + 1), []);
  const value = useMemo(() => ({ version, refresh }), [version, refresh]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export const useRefresh = (): (() => void) => useContext(Ctx).refresh;

export interface Resource<T> {
  data: T | undefined;
  error: PortalError | undefined;
}

/** GET path, again whenever the room changes or the language does. */
export function useResource<T>(path: string): Resource<T> {
  const { version } = useContext(Ctx);
  const { lang, chosen } = useWords();
  const [state, setState] = useState<Resource<T>>({ data: undefined, error: undefined });
  useEffect(() => {
    let live = true;
    call<T>('GET', path).then(
      (data) => live && setState({ data, error: undefined }),
      (error: unknown) => live && setState((s) => ({ data: s.data, error: error instanceof PortalError ? error : new PortalError(0, 'internal', '') })),
    );
    return () => {
      live = false;
    };
    // the language is sent as Accept-Language only once chosen: read again then
  }, [path, version, chosen ? lang : '']);
  return state;
}

/** An action of the buyer's: running, its error, and on success the room read again. */
export function useAction<A extends unknown[], R>(run: (...args: A) => Promise<R>) {
  const refresh = useRefresh();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<PortalError | undefined>();
  const act = async (...args: A): Promise<R | undefined> => {
    setBusy(true);
    setError(undefined);
    try {
      const r = await run(...args);
      refresh();
      return r;
    } catch (e) {
      setError(e instanceof PortalError ? e : new PortalError(0, 'internal', ''));
      return undefined;
    } finally {
      setBusy(false);
    }
  };
  return { act, busy, error, clear: () => setError(undefined) };
}
