/** Money and moments on quotes, through Intl in the user's language (made once and kept). */
import i18n from '../i18n/index.ts';
import type { Text } from './types.ts';

export type Lang = 'sv' | 'en';
export const lang = (): Lang => (i18n.language === 'en' ? 'en' : 'sv');
const intlLocale = (l: Lang) => (l === 'en' ? 'en-GB' : 'sv-SE');

const kept = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function cached<F extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: (locale: string) => F): F {
  const l = lang();
  let f = kept.get(`${key} ${l}`);
  if (!f) kept.set(`${key} ${l}`, (f = make(intlLocale(l))));
  return f as F;
}

/**
 * An amount with its öre, as the server words prices for buyers
 * ("200,00 kr", "SEK 200.00"); `signed` adds + to a rise and − to a cut.
 */
export function quoteMoney(minor: number, currency: string, signed = false): string {
  const f = cached(`money ${currency} ${signed}`, (l) => new Intl.NumberFormat(l, { style: 'currency', currency, signDisplay: signed ? 'exceptZero' : 'auto' }));
  const digits = f.resolvedOptions().maximumFractionDigits ?? 2;
  return f.format(minor / 10 ** digits);
}

/** A moment in the org's time zone: "31 dec. 2026 22:30". */
export const zonedDateTime = (iso: string | null, zone: string): string =>
  iso ? cached(`dateTime ${zone}`, (l) => new Intl.DateTimeFormat(l, { dateStyle: 'medium', timeStyle: 'short', timeZone: zone })).format(new Date(iso)) : '—';

/** A day in the org's time zone: "29 dec. 2026". */
export const zonedDate = (iso: string | null, zone: string): string =>
  iso ? cached(`date ${zone}`, (l) => new Intl.DateTimeFormat(l, { dateStyle: 'medium', timeZone: zone })).format(new Date(iso)) : '—';

/** A multiple such as the consent threshold: 1.5 → "1,5" (sv), "1.5" (en). */
export const multiple = (x: number): string => cached('multiple', (l) => new Intl.NumberFormat(l, { maximumFractionDigits: 2 })).format(x);

/** A text the server words in both languages, in the user's. */
export const said = (text: Text): string => text[lang()];

/** The product's name in the user's language. */
export const nameOf = (names: Text): string => names[lang()];

/** The time zone quotes are priced in: the org's, else Stockholm (the server's default). */
export const DEFAULT_ZONE = 'Europe/Stockholm';
