/** Live updates: Server-Sent Events from the API refresh what is on screen. */
import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useEffect } from 'react';

/** While mounted, refetches `keys` whenever the stream at `url` says something changed. */
export function useLive(url: string | null, keys: QueryKey[]): void {
  const qc = useQueryClient();
  const signature = JSON.stringify(keys);
  useEffect(() => {
    if (!url) return;
    const source = new EventSource(url, { withCredentials: true });
    const refresh = () => {
      for (const key of JSON.parse(signature) as QueryKey[]) void qc.invalidateQueries({ queryKey: key });
    };
    source.addEventListener('change', refresh);
    return () => source.close();
  }, [url, signature, qc]);
}
