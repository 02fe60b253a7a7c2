/**
 * The words a buyer reads beside a price, in sv and en: each adjustment's
 * reason, the consent multiple, and a line's explanation. Numbers are
 * formatted by Intl.NumberFormat in the buyer's locale (DESIGN §6); each
 * distinct number is formatted once and remembered, so pricing a line does
 * not call Intl.
 */
import type { Tier } from './loyalty.ts';
import { BP } from './pricing-money.ts';
import type { PricedLine, PricingLocale, Text } from './pricing-types.ts';

const INTL_LOCALE: Record<PricingLocale, string> = { sv: 'sv-SE', en: 'en-GB' };
const LOCALES = ['sv', 'en'] as const;
const MEMO_LIMIT = 10_000;

function memo<K>(make: (key: K) => Text): (key: K) => Text {
  const known = new Map<K, Text>();
  return (key) => {
    let t = known.get(key);
    if (!t) {
      if (known.size >= MEMO_LIMIT) known.clear();
      t = make(key);
      known.set(key, t);
    }
    return t;
  };
}

const both = (f: (locale: PricingLocale) => string): Text => ({ sv: f('sv'), en: f('en') });

const percentFormats = LOCALES.map((l) => new Intl.NumberFormat(INTL_LOCALE[l], { style: 'percent', signDisplay: 'always', maximumFractionDigits: 2 }));
const decimalFormats = LOCALES.map((l) => new Intl.NumberFormat(INTL_LOCALE[l], { maximumFractionDigits: 2 }));
const tenthsFormats = LOCALES.map((l) => new Intl.NumberFormat(INTL_LOCALE[l], { minimumFractionDigits: 1, maximumFractionDigits: 1, useGrouping: false }));
const at = <T>(list: readonly T[], locale: PricingLocale) => list[locale === 'sv' ? 0 : 1] as T;

/** A signed percentage of basis points: 20000 → `+200 %` (sv), `+200%` (en); −1000 → `−10 %`, `-10%`. */
export const signedPercent = memo((bp: number) => both((l) => at(percentFormats, l).format(bp / BP)));

/** A multiple in basis points: 12500 → `1,25` (sv), `1.25` (en). */
export const multiple = memo((bp: number) => both((l) => at(decimalFormats, l).format(bp / BP)));

/** A whole number of tenths with one decimal: 18 → `1,8` (sv), `1.8` (en). */
export const tenths = memo((n: number) => both((l) => at(tenthsFormats, l).format(n / 10)));

const moneyFormats = new Map<string, Intl.NumberFormat>();

/** An amount of money in the locale, e.g. `100,00 kr` (sv), `SEK 100.00` (en); `signed` adds `+`. */
export function formatMoney(minor: number, currency: string, locale: PricingLocale, signed = false): string {
  const key = `${locale}|${currency}|${signed}`;
  let f = moneyFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(INTL_LOCALE[locale], { style: 'currency', currency, signDisplay: signed ? 'exceptZero' : 'auto' });
    moneyFormats.set(key, f);
  }
  const digits = f.resolvedOptions().maximumFractionDigits ?? 2;
  return f.format(minor / 10 ** digits);
}

const signedMoney = memo((key: string) => {
  const [currency = '', minor = '0'] = key.split('|');
  return both((l) => formatMoney(Number(minor), currency, l, true));
});

/** How a tier is named to the buyer, without and with an article. At risk is not a word to say to a customer. */
const TIER_WORDS: Record<Tier, { sv: string; en: string; svA: string; enA: string }> = {
  new: { sv: 'ny kund', en: 'new customer', svA: 'en ny kund', enA: 'a new customer' },
  occasional: { sv: 'tillfällig kund', en: 'occasional customer', svA: 'en tillfällig kund', enA: 'an occasional customer' },
  regular: { sv: 'återkommande kund', en: 'regular customer', svA: 'en återkommande kund', enA: 'a regular customer' },
  at_risk: { sv: 'uppskattad kund', en: 'valued customer', svA: 'en uppskattad kund', enA: 'a valued customer' },
  loyal: { sv: 'lojal kund', en: 'loyal customer', svA: 'en lojal kund', enA: 'a loyal customer' },
  champion: { sv: 'toppkund', en: 'top customer', svA: 'en toppkund', enA: 'a top customer' },
};

/** `Due to demand (New Year's Eve): +200%`, for a multiplier in basis points. */
export function demandReason(reason: Text, multiplierBp: number): Text {
  const p = signedPercent(multiplierBp - BP);
  return { sv: `På grund av efterfrågan (${reason.sv}): ${p.sv}`, en: `Due to demand (${reason.en}): ${p.en}` };
}

/** `Cost increase passed on (new supplier prices): +8%` or `…: +SEK 10.00`. */
export function costReason(reason: Text, increase: { amountMinor: number } | { percentBp: number }, currency: string): Text {
  const p = 'percentBp' in increase ? signedPercent(increase.percentBp) : signedMoney(`${currency}|${increase.amountMinor}`);
  return { sv: `Kostnadsökning som förs vidare (${reason.sv}): ${p.sv}`, en: `Cost increase passed on (${reason.en}): ${p.en}` };
}

/** `Discount (loyal customers): −10%`. */
export function discountReason(reason: Text, percentBp: number): Text {
  const p = signedPercent(-percentBp);
  return { sv: `Rabatt (${reason.sv}): ${p.sv}`, en: `Discount (${reason.en}): ${p.en}` };
}

/** `Capped at 1.25 × your usual price as a loyal customer` (the list price when the buyer has no usual price). */
export const capReason = memo((key: `${Tier}|${number}|${'orders' | 'list'}`) => {
  const [tier, bp, from] = key.split('|') as [Tier, string, 'orders' | 'list'];
  const w = TIER_WORDS[tier];
  const m = multiple(Number(bp));
  const usual = from === 'orders' ? { sv: 'ditt vanliga pris', en: 'your usual price' } : { sv: 'listpriset', en: 'the list price' };
  if (Number(bp) === BP) return { sv: `Högst ${usual.sv} som ${w.sv}`, en: `Capped at ${usual.en} as ${w.enA}` };
  return { sv: `Högst ${m.sv} × ${usual.sv} som ${w.sv}`, en: `Capped at ${m.en} × ${usual.en} as ${w.enA}` };
});

/** `Capped at 2 × your usual price: no price rises more than that`. */
export const ceilingReason = memo((key: `${number}|${'orders' | 'list'}`) => {
  const [bp, from] = key.split('|') as [string, 'orders' | 'list'];
  const m = multiple(Number(bp));
  const usual = from === 'orders' ? { sv: 'ditt vanliga pris', en: 'your usual price' } : { sv: 'listpriset', en: 'the list price' };
  return { sv: `Högst ${m.sv} × ${usual.sv}: inget pris stiger mer än så`, en: `Capped at ${m.en} × ${usual.en}: no price rises more than that` };
});

/** The emergency rule's reason. */
export const EMERGENCY_REASON: Text = {
  sv: 'Krisläge: inte högre än priserna de senaste 60 dagarna',
  en: 'Emergency pricing: no higher than prices of the last 60 days',
};

/** `Never more than a new customer pays`. */
export const floorReason = memo((tier: Tier) => ({
  sv: `Aldrig mer än ${TIER_WORDS[tier].svA} betalar`,
  en: `Never more than ${TIER_WORDS[tier].enA} pays`,
}));

/**
 * A line's explanation as a buyer reads it, one sentence a row: the usual
 * price, each adjustment with its reason and amount, the price per unit.
 * @example explainLine(line, 'en') // ['Your usual price: SEK 100.00', "Due to demand (New Year's Eve): +200% (+SEK 200.00)", …, 'Your price: SEK 125.00 per st']
 */
export function explainLine(line: PricedLine, currency: string, locale: PricingLocale): string[] {
  const money = (m: number, signed = false) => formatMoney(m, currency, locale, signed);
  const sv = locale === 'sv';
  const rows: string[] = [];
  if (line.referenceFrom === 'orders') rows.push(`${sv ? 'Ditt vanliga pris' : 'Your usual price'}: ${money(line.referenceUnitMinor)}`);
  rows.push(`${sv ? 'Listpris' : 'List price'}: ${money(line.listUnitMinor)}`);
  for (const a of line.adjustments) rows.push(`${a.reason[locale]} (${money(a.amountMinor, true)})`);
  rows.push(`${sv ? 'Ditt pris' : 'Your price'}: ${money(line.unitMinor)} ${sv ? 'per' : 'per'} ${line.unit}`);
  return rows;
}

/**
 * The tenths a buyer typed as consent (`1,8`, `1.8`, `2`), or null when it
 * is not such a number. Both decimal marks are taken, whatever the locale.
 */
export function parseConsent(typed: string): number | null {
  const m = /^\s*(\d{1,4})(?:[.,](\d))?\s*$/.exec(typed);
  return m ? Number(m[1]) * 10 + Number(m[2] ?? 0) : null;
}
