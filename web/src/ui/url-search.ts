/**
 * A list page's search and filters kept in the URL, so that a search can be
 * linked to and a step back undoes it. Typing settles for a moment before the
 * URL (and so the search) follows; when the URL changes by itself (back, a
 * link), the box follows the URL. A filter is a choice, not typing: it goes to
 * the URL at once.
 */
import { useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';

const DEBOUNCE_MS = 250;

export function useUrlSearch(name = 'q') {
  const [params, setParams] = useSearchParams();
  const q = params.get(name) ?? '';
  const [text, setText] = useState(q);

  const pushed = useRef(q);
  useEffect(() => {
    if (q !== pushed.current) {
      pushed.current = q;
      setText(q);
    }
  }, [q]);
  useEffect(() => {
    const v = text.trim();
    if (v === q) return;
    const timer = setTimeout(() => {
      pushed.current = v;
      setParams(
        (old) => {
          const next = new URLSearchParams(old);
          if (v) next.set(name, v);
          else next.delete(name);
          return next;
        },
        { replace: true },
      );
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, q, name, setParams]);

  /** Sets a filter in the URL at once; an empty value (or `none`) removes it. */
  const setFilter = (key: string, value: string, none = '') =>
    setParams((old) => {
      const next = new URLSearchParams(old);
      if (value && value !== none) next.set(key, value);
      else next.delete(key);
      return next;
    });

  return { q, text, setText, params, setFilter };
}
