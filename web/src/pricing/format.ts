/**
 * Pricing in words and numbers for the screens: a rule's window ("Fridays
 * 22:00–03:00"), multiples and percentages in the user's language, and the
 * org's wall clock (a datetime-local input holds the org's local time; the
 * simulator sends the instant it names).
 */
import i18n from '../i18n/index.ts';
import type { DemandWindow } from './types.ts';

const locale = () => (i18n.language === 'en' ? 'en-GB' : 'sv-SE');
const kept = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function cached<F extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: (l: string) => F): F {
  const k = `${key} ${locale()}`;
  let f = kept.get(k);
  if (!f) kept.set(k, (f = make(locale())));
  return f as F;
}

/** 1.25 → "1,25" (sv) or "1.25" (en). */
export const decimal = (x: number): string => cached('decimal', (l) => new Intl.NumberFormat(l, { maximumFractionDigits: 4 })).format(x);
/** A multiple: 3 → "×3", 1.25 → "×1,25". */
export const times = (x: number): string => `×${decimal(x)}`;
/** A percentage as the API holds it: 10 → "10 %" (sv) or "10%" (en). */
export const pct = (p: number): string => cached('pct', (l) => new Intl.NumberFormat(l, { style: 'percent', maximumFractionDigits: 2 })).format(p / 100);

/** A number as a person types it, in either decimal mark: "1,25" and "1.25" are 1.25; null when it is not one. */
export function readNumber(text: string): number | null {
  const v = text.trim().replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(v)) return null;
  return Number(v);
}
/** A number back to what a person would type: 1.25 → "1,25" (sv). */
export const numberInput = (x: number): string => (i18n.language === 'en' ? String(x) : String(x).replace('.', ','));

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?$/;
const pad = (n: number) => String(n).padStart(2, '0');

function zoneParts(timeZone: string, ms: number) {
  const f = cached(`parts ${timeZone}`, () => new Intl.DateTimeFormat('en-GB', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }));
  const p = Object.fromEntries((f as Intl.DateTimeFormat).formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  return { y: Number(p.year), mo: Number(p.month), d: Number(p.day), h: Number(p.hour), mi: Number(p.minute), s: Number(p.second) };
}

/** How far the zone's wall clock is ahead of UTC at an instant, in ms. */
function offsetMs(timeZone: string, ms: number): number {
  const p = zoneParts(timeZone, ms);
  return Date.UTC(p.y, p.mo - 1, p.d, p.h, p.mi, p.s) - Math.floor(ms / 1000) * 1000;
}

/** The org's wall clock now, as a datetime-local input holds it: "2026-12-31T22:30". */
export function localNow(timeZone: string, now: Date = new Date()): string {
  const p = zoneParts(timeZone, now.getTime());
  return `${p.y}-${pad(p.mo)}-${pad(p.d)}T${pad(p.h)}:${pad(p.mi)}`;
}

/** A local date and time in the org's zone to the instant it names (ISO, Z); null when it is not one. */
export function instantOf(local: string, timeZone: string): string | null {
  const m = LOCAL.exec(local);
  if (!m) return null;
  const wall = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0));
  // Twice: the offset at the first guess may be the other side of a clock change.
  const first = wall - offsetMs(timeZone, wall);
  const ms = wall - offsetMs(timeZone, first);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/** A rule's moment (local "2026-12-31T22:00", or an instant with Z or an offset) in words, on the org's clock: "31 dec. 2026 22:00". */
export function moment(text: string, timeZone: string): string {
  const m = LOCAL.exec(text);
  if (m) {
    const f = cached('moment utc', (l) => new Intl.DateTimeFormat(l, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }));
    return f.format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]))));
  }
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) return text;
  return cached(`moment ${timeZone}`, (l) => new Intl.DateTimeFormat(l, { dateStyle: 'medium', timeStyle: 'short', timeZone })).format(new Date(ms));
}

type T = (key: string, opts?: Record<string, unknown>) => string;

/** A demand window in words: "Fridays 22:00–03:00", "31 Dec 2026, 22:00 – 1 Jan 2027, 04:00". */
export function windowWords(w: DemandWindow, timeZone: string, t: T): string {
  if (w.type === 'weekly') return t('pricing:window.weekly', { days: t(`pricing:weekdays.${w.weekday}`), start: w.start, end: w.end });
  return `${moment(w.from, timeZone)} – ${moment(w.to, timeZone)}`;
}

/** A local moment as a datetime-local input takes it ("2026-12-31T22:00"); an instant is shown on the org's clock. */
export function localInput(text: string, timeZone: string): string {
  const m = LOCAL.exec(text);
  if (m) return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}`;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? text : localNow(timeZone, new Date(ms));
}
