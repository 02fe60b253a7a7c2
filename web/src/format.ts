/** Money and dates through Intl, in the user's language. */
import i18n from './i18n/index.ts';

const locale = () => (i18n.language === 'en' ? 'en-GB' : 'sv-SE');

/**
 * Making an Intl formatter costs far more than using one (tens of µs each: a
 * board draws hundreds of amounts, a timeline hundreds of dates), so each kind
 * is made once per language and kept.
 */
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function cached<F extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => F): F {
  let f = formatters.get(key);
  if (!f) {
    f = make();
    formatters.set(key, f);
  }
  return f as F;
}

/** Minor units (öre) to a display string: 125 000,00 kr. */
export function money(minor: number | null, currency = 'SEK'): string {
  if (minor === null) return '—';
  const lang = locale();
  const digits = minor % 100 === 0 ? 0 : 2;
  return cached(`money ${lang} ${currency} ${digits}`, () => new Intl.NumberFormat(lang, { style: 'currency', currency, maximumFractionDigits: digits })).format(minor / 100);
}

export function date(iso: string | null): string {
  if (!iso) return '—';
  const lang = locale();
  return cached(`date ${lang}`, () => new Intl.DateTimeFormat(lang, { dateStyle: 'medium' })).format(new Date(iso));
}

export function dateTime(iso: string | null): string {
  if (!iso) return '—';
  const lang = locale();
  return cached(`dateTime ${lang}`, () => new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' })).format(new Date(iso));
}

/** Whole days between an instant and now. */
export function daysSince(iso: string, now: Date = new Date()): number {
  return Math.max(0, Math.floor((now.getTime() - new Date(iso).getTime()) / 86_400_000));
}
