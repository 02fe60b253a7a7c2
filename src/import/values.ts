/**
 * Cell values as spreadsheets write them, read into H2H's types.
 *
 * Each parser returns `{ ok: true, value }` or `{ ok: false, reason }`, where the reason is a
 * short sentence naming the value, for the import report.
 *
 * Dates (day first whenever day and month are both numbers, the Swedish convention):
 * - `2024-03-05`, `20240305` (CDNOW), `5/3/2024`, `5/3 2024`, `05.03.2024`, `5 mars 2024`,
 *   `5 mar. 2024`, optionally after a Swedish weekday (`tisdag 5 mars 2024`), which must fit.
 * - With a time (`2024-03-05 14:30`, `5/3/2024 kl 14.30`, `2024-03-05T14:30:00+01:00`) the result is
 *   an ISO UTC instant. A time with no zone is read as UTC: the file does not say which zone it
 *   meant, and UTC at least keeps the written date and time unchanged.
 * - Years outside 1900–2199 are rejected: they are typing mistakes, not sales.
 *
 * Amounts, to integer minor units (öre, cents), without floating point:
 * - A currency mark may lead or trail: `kr`, `SEK`, `EUR`, `USD`, `$`, `€`, `£`, `:-` (`100:-`).
 * - Spaces (also U+00A0 and U+202F, which Excel and Intl write) group thousands.
 * - With both `,` and `.`, the last one is the decimal separator (`1.234,50`, `1,234.50`).
 * - A lone `,` or `.` followed by exactly three digits groups thousands (`1,234` is 1234) when what
 *   comes before could be a first group (1–3 digits, not 0) and no spaces group thousands already;
 *   otherwise it is the decimal separator (`0,125` and `1234,500` then have too many decimals).
 * - More than two decimals is rejected rather than rounded: money must not change on import.
 */
import { normalizeOrgNumber } from '../domain/swedish.ts';

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(reason: string): Parsed<T> => ({ ok: false, reason });

/** The value in quotes, cut short so a reason stays one line. */
export function quote(s: string): string {
  return `"${s.length > 40 ? `${s.slice(0, 39)}…` : s}"`;
}

const MONTHS: Record<string, number> = {
  januari: 1, jan: 1, februari: 2, feb: 2, mars: 3, mar: 3, april: 4, apr: 4, maj: 5,
  juni: 6, jun: 6, juli: 7, jul: 7, augusti: 8, aug: 8, september: 9, sep: 9, sept: 9,
  oktober: 10, okt: 10, november: 11, nov: 11, december: 12, dec: 12,
};
const WEEKDAYS: Record<string, number> = {
  söndag: 0, sön: 0, måndag: 1, mån: 1, tisdag: 2, tis: 2, onsdag: 3, ons: 3,
  torsdag: 4, tors: 4, tor: 4, fredag: 5, fre: 5, lördag: 6, lör: 6,
};

const ISO_INSTANT = /^(\d{4})-(\d{1,2})-(\d{1,2})[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const WEEKDAY_PREFIX = /^([a-zåäö]+)\.?,?\s+(?:den\s+)?/i;
const TIME_SUFFIX = /,?\s+(?:kl\.?\s*)?(\d{1,2})[:.](\d{2})(?::(\d{2})(?:[.,](\d+))?)?$/i;
const DATE_FORMS: { re: RegExp; ymd: (m: RegExpMatchArray) => [string, string, string] }[] = [
  { re: /^(\d{4})-(\d{1,2})-(\d{1,2})$/, ymd: (m) => [m[1]!, m[2]!, m[3]!] },
  { re: /^(\d{4})(\d{2})(\d{2})$/, ymd: (m) => [m[1]!, m[2]!, m[3]!] },
  { re: /^(\d{1,2})\/(\d{1,2})[/ ](\d{4})$/, ymd: (m) => [m[3]!, m[2]!, m[1]!] },
  { re: /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/, ymd: (m) => [m[3]!, m[2]!, m[1]!] },
  { re: /^(\d{1,2})(?::[ae])?\s([a-zåäö]+)\.?\s(\d{4})$/i, ymd: (m) => [m[3]!, String(MONTHS[m[2]!.toLowerCase()] ?? 0), m[1]!] },
];

interface Parts { y: number; mo: number; d: number; time?: { h: number; mi: number; s: number; ms: number; offsetMin: number } }

/** Epoch milliseconds of valid parts, or null for a day or time that does not exist. */
function toEpoch(p: Parts): number | null {
  if (p.y < 1900 || p.y > 2199 || p.mo < 1 || p.mo > 12 || p.d < 1) return null;
  if (p.d > new Date(Date.UTC(p.y, p.mo, 0)).getUTCDate()) return null;
  const t = p.time ?? { h: 0, mi: 0, s: 0, ms: 0, offsetMin: 0 };
  if (t.h > 23 || t.mi > 59 || t.s > 59) return null;
  return Date.UTC(p.y, p.mo - 1, p.d, t.h, t.mi, t.s, t.ms) - t.offsetMin * 60_000;
}

function offsetMinutes(zone: string | undefined): number {
  if (zone === undefined || zone.toUpperCase() === 'Z') return 0;
  const digits = zone.slice(1).replace(':', '');
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0');
  return zone.startsWith('-') ? -minutes : minutes;
}

const milliseconds = (fraction: string | undefined) => Number((fraction ?? '').slice(0, 3).padEnd(3, '0'));

/**
 * A date (`YYYY-MM-DD`) or, when a time is given, an ISO UTC instant; see the file comment for the forms.
 * @example parseDate('5 mars 2024') // { ok: true, value: '2024-03-05' }
 */
export function parseDate(s: string): Parsed<string> {
  const text = s.trim().replace(/\s+/g, ' ');
  const notDate = fail<string>(`${quote(s)} is not a date`);
  let parts: Parts | undefined;
  let weekday: number | undefined;
  const iso = ISO_INSTANT.exec(text);
  if (iso) {
    const time = { h: Number(iso[4]), mi: Number(iso[5]), s: Number(iso[6] ?? 0), ms: milliseconds(iso[7]), offsetMin: offsetMinutes(iso[8]) };
    parts = { y: Number(iso[1]), mo: Number(iso[2]), d: Number(iso[3]), time };
  } else {
    let rest = text;
    const prefix = WEEKDAY_PREFIX.exec(rest);
    if (prefix && WEEKDAYS[prefix[1]!.toLowerCase()] !== undefined) {
      weekday = WEEKDAYS[prefix[1]!.toLowerCase()];
      rest = rest.slice(prefix[0].length);
    } else if (/^den\s/i.test(rest)) rest = rest.slice(4);
    const tm = TIME_SUFFIX.exec(rest);
    if (tm) rest = rest.slice(0, tm.index);
    for (const form of DATE_FORMS) {
      const m = form.re.exec(rest);
      if (!m) continue;
      const [y, mo, d] = form.ymd(m).map(Number) as [number, number, number];
      const time = tm ? { h: Number(tm[1]), mi: Number(tm[2]), s: Number(tm[3] ?? 0), ms: milliseconds(tm[4]), offsetMin: 0 } : undefined;
      parts = time ? { y, mo, d, time } : { y, mo, d };
      break;
    }
  }
  if (!parts) return notDate;
  const epoch = toEpoch(parts);
  if (epoch === null) return notDate;
  if (weekday !== undefined && new Date(Date.UTC(parts.y, parts.mo - 1, parts.d)).getUTCDay() !== weekday) {
    return fail(`${quote(s)} names the wrong weekday for that date`);
  }
  if (!parts.time) return ok(`${String(parts.y).padStart(4, '0')}-${String(parts.mo).padStart(2, '0')}-${String(parts.d).padStart(2, '0')}`);
  return ok(new Date(epoch).toISOString());
}

const SPACE = /[ \u00a0\u202f\u2009]/;
const SPACES = /[ \u00a0\u202f\u2009]/g;
const CURRENCY_BEFORE = /^(?:sek|eur|usd|kr\.?|[$€£])\s*/i;
const CURRENCY_AFTER = /\s*(?:sek|eur|usd|kr\.?|[$€£]|:-)$/i;

/** Whether `groups` (split on a thousands separator) are 1–3 digits followed by groups of exactly 3. */
function wellGrouped(groups: string[]): boolean {
  return groups.every((g, i) => (i === 0 ? /^\d{1,3}$/.test(g) : /^\d{3}$/.test(g)));
}

/** Splits a plain number into integer digits and decimal digits, or null when it is malformed. */
function splitNumber(t: string, ambiguousThree: 'thousands' | 'reject'): { int: string; dec: string } | 'ambiguous' | null {
  if (!/^\d[\d.,\u00a0\u202f\u2009 ]*$/.test(t) || !/\d$/.test(t)) return null;
  const spaced = SPACE.test(t);
  const commas = t.split(',').length - 1;
  const dots = t.split('.').length - 1;
  let decimal: ',' | '.' | null = null;
  let thousands: string | null = spaced ? ' ' : null;
  if (commas > 0 && dots > 0) {
    if (spaced) return null;
    decimal = t.lastIndexOf(',') > t.lastIndexOf('.') ? ',' : '.';
    thousands = decimal === ',' ? '.' : ',';
    if ((decimal === ',' ? commas : dots) > 1) return null;
  } else if (commas + dots > 0) {
    const sep = commas > 0 ? ',' : '.';
    const after = t.slice(t.lastIndexOf(sep) + 1);
    if (commas + dots > 1) {
      if (spaced) return null;
      thousands = sep;
    } else if (after.length === 3 && !spaced && /^[1-9]\d{0,2}[.,]\d{3}$/.test(t)) {
      if (ambiguousThree === 'reject') return 'ambiguous';
      thousands = sep;
    } else decimal = sep;
  }
  const normal = t.replace(SPACES, ' ');
  const [intPart, dec = ''] = decimal ? normal.split(decimal) as [string, string?] : [normal];
  const groups = thousands ? intPart.split(thousands) : [intPart];
  if (thousands && !wellGrouped(groups)) return null;
  if (!thousands && !/^\d+$/.test(intPart)) return null;
  if (!/^\d*$/.test(dec)) return null;
  return { int: groups.join(''), dec };
}

const MAX_MINOR = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * An amount in integer minor units (öre, cents); see the file comment for the forms.
 * @example parseAmountMinor('1 234,50 kr') // { ok: true, value: 123450 }
 */
export function parseAmountMinor(s: string): Parsed<number> {
  let t = s.trim().replace(CURRENCY_AFTER, '');
  let negative = false;
  const takeSign = () => {
    const sign = /^[-−+]\s*/.exec(t);
    if (!sign) return;
    negative = sign[0].startsWith('+') ? negative : true;
    t = t.slice(sign[0].length);
  };
  takeSign();
  t = t.replace(CURRENCY_BEFORE, '');
  if (!negative) takeSign(); // `$-45.00`
  const parts = splitNumber(t, 'thousands');
  if (parts === null || parts === 'ambiguous') return fail(`${quote(s)} is not an amount`);
  if (parts.dec.length > 2) return fail(`${quote(s)} has more than two decimals`);
  const minor = BigInt(parts.int + parts.dec.padEnd(2, '0'));
  if (minor > MAX_MINOR) return fail(`${quote(s)} is too large an amount`);
  const value = Number(minor);
  return ok(negative && value !== 0 ? -value : value);
}

/**
 * A positive quantity, with a decimal comma or point and at most three decimals; `5 st` is 5.
 * A lone separator followed by three digits (`1,250`) is rejected as ambiguous: quantities,
 * unlike money, may well have three decimals.
 */
export function parseQuantity(s: string): Parsed<number> {
  const t = s.trim().replace(/\s*(?:st\.?|pcs)$/i, '');
  if (/^[-−]/.test(t)) return fail(`${quote(s)} is not a quantity more than zero`);
  const parts = splitNumber(t.replace(/^\+/, ''), 'reject');
  if (parts === 'ambiguous') return fail(`${quote(s)} is ambiguous: write 1250, or 1,25 for a fraction`);
  if (parts === null) return fail(`${quote(s)} is not a quantity`);
  if (parts.dec.length > 3) return fail(`${quote(s)} has more than three decimals`);
  const value = Number(`${parts.int}.${parts.dec || '0'}`);
  if (value <= 0) return fail(`${quote(s)} is not a quantity more than zero`);
  if (value > 1e9) return fail(`${quote(s)} is too large a quantity`);
  return ok(value);
}

/** An e-mail address as written (trimmed), and the lower-case key it is matched by. */
export function parseEmail(s: string): Parsed<{ value: string; key: string }> {
  const value = s.trim();
  const shape = /^[^\s@]+@([^\s@]+)$/.exec(value);
  const domain = shape?.[1];
  if (!domain || value.length > 254 || !/^[^.]+(\.[^.]+)+$/.test(domain)) return fail(`${quote(s)} is not an e-mail address`);
  return ok({ value, key: value.toLowerCase() });
}

/**
 * A Swedish organisation number in the form `domain/swedish.ts` keeps (`556036-0793`); also
 * accepts `5560360793`, the 12-digit form and the VAT number `SE556036079301`.
 */
export function parseOrgNumber(s: string): Parsed<string> {
  const compact = s.replace(/\s/g, '');
  const vat = /^SE(\d{6}-?\d{4})01$/i.exec(compact);
  const candidate = vat ? vat[1]! : compact;
  const normal = normalizeOrgNumber(candidate);
  if (normal !== null) return ok(normal);
  if (/^\d{10}(\d{2})?$/.test(candidate.replace(/-/g, ''))) return fail(`${quote(s)} is not an organisation number: the check digit is wrong`);
  return fail(`${quote(s)} is not an organisation number`);
}
