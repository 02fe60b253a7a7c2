/** Loyalty's numbers and days in the user's language, through Intl (made once per language and kept). */
import i18n from '../i18n/index.ts';

const locale = () => (i18n.language === 'en' ? 'en-GB' : 'sv-SE');
const kept = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function cached<F extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: (l: string) => F): F {
  const l = locale();
  let f = kept.get(`${key} ${l}`);
  if (!f) kept.set(`${key} ${l}`, (f = make(l)));
  return f as F;
}

/** 0.93 → "93 %" (sv) or "93%" (en). */
export const percent = (p: number | null | undefined): string =>
  p === null || p === undefined ? '—' : cached('percent', (l) => new Intl.NumberFormat(l, { style: 'percent', maximumFractionDigits: 0 })).format(p);

/** 3.14 → "3,1" (sv) or "3.1" (en). */
export const decimal = (n: number | null | undefined): string =>
  n === null || n === undefined ? '—' : cached('decimal', (l) => new Intl.NumberFormat(l, { maximumFractionDigits: 1 })).format(n);

export const integer = (n: number): string => cached('integer', (l) => new Intl.NumberFormat(l, { maximumFractionDigits: 0 })).format(n);

/** A calendar day (YYYY-MM-DD), not an instant: "17 nov. 2026", whatever the browser's time zone. */
export const day = (d: string | null | undefined): string =>
  d ? cached('day', (l) => new Intl.DateTimeFormat(l, { dateStyle: 'medium', timeZone: 'UTC' })).format(new Date(`${d.slice(0, 10)}T00:00:00Z`)) : '—';

/** A month (YYYY-MM): "nov. 2026" (short) or "november 2026". */
export const month = (m: string, style: 'short' | 'long' = 'short'): string =>
  cached(`month ${style}`, (l) => new Intl.DateTimeFormat(l, { month: style, year: 'numeric', timeZone: 'UTC' })).format(new Date(`${m}-01T00:00:00Z`));
