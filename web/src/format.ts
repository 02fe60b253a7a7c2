/** Money and dates through Intl, in the user's language. */
import i18n from './i18n/index.ts';

const locale = () => (i18n.language === 'en' ? 'en-GB' : 'sv-SE');

/** Minor units (öre) to a display string: 125 000,00 kr. */
export function money(minor: number | null, currency = 'SEK'): string {
  if (minor === null) return '—';
  return new Intl.NumberFormat(locale(), { style: 'currency', currency, maximumFractionDigits: minor % 100 === 0 ? 0 : 2 }).format(minor / 100);
}

export function date(iso: string | null): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium' }).format(new Date(iso));
}

export function dateTime(iso: string | null): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

/** Whole days between an instant and now. */
export function daysSince(iso: string, now: Date = new Date()): number {
  return Math.max(0, Math.floor((now.getTime() - new Date(iso).getTime()) / 86_400_000));
}
