/** Prices, VAT rates and days on the products screen, through Intl in the user's language (made once and kept). */
import i18n from '../i18n/index.ts';

const locale = () => (i18n.language === 'en' ? 'en-GB' : 'sv-SE');
const kept = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function cached<F extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: (l: string) => F): F {
  const l = locale();
  let f = kept.get(`${key} ${l}`);
  if (!f) kept.set(`${key} ${l}`, (f = make(l)));
  return f as F;
}

/**
 * A price in minor units, always with its öre: a price list compares prices
 * down to the öre, so 449000 is "4 490,00 kr", never "4 490 kr".
 */
export const price = (minor: number, currency: string): string =>
  cached(`price ${currency}`, (l) => new Intl.NumberFormat(l, { style: 'currency', currency, minimumFractionDigits: 2, maximumFractionDigits: 2 })).format(minor / 100);

/** A VAT rate or a margin: 0.25 → "25 %" (sv) or "25%" (en); 0.125 → "12,5 %". */
export const percent = (rate: number): string => cached('percent', (l) => new Intl.NumberFormat(l, { style: 'percent', maximumFractionDigits: 2 })).format(rate);

/** A calendar day (YYYY-MM-DD), whatever the browser's time zone: "1 mars 2027". */
export const day = (d: string): string =>
  cached('day', (l) => new Intl.DateTimeFormat(l, { dateStyle: 'medium', timeZone: 'UTC' })).format(new Date(`${d.slice(0, 10)}T00:00:00Z`));

/** Today in the browser's calendar as YYYY-MM-DD, what a date input holds. */
export function today(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The product's name in the user's language. */
export const productName = (name: { sv: string; en: string }): string => (i18n.language === 'en' ? name.en : name.sv);
