/**
 * Business time: how much of the org's working week lies between two moments,
 * and when a span of working time starting at a moment ends. Case targets
 * (DESIGN §8: first response within 2 h for a champion …) are counted this
 * way: in the org's time zone, on its working days and hours, not on its
 * holidays, and not while the case waits on the buyer (pauses).
 *
 * Real elapsed time is counted, never wall-clock arithmetic: a day whose
 * open hours hold a change to or from summer time counts an hour less or
 * more. Pure: the moments and the calendar are passed in.
 */
import { instantOfWall, localTime, minuteOfDay } from './pricing-windows.ts';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/** When an org works. Holidays are local dates (YYYY-MM-DD): an org setting. */
export interface BusinessCalendar {
  timeZone: string;
  /** ISO weekdays worked, 1 Monday … 7 Sunday */
  days: readonly number[];
  /** opening and closing time, HH:MM; `close` after `open` (24:00 is midnight at the day's end) */
  open: string;
  close: string;
  holidays: ReadonlySet<string>;
}

/** DESIGN §8's default: Monday to Friday, 08–17. */
export const DEFAULT_HOURS = { days: [1, 2, 3, 4, 5], open: '08:00', close: '17:00' } as const;

/** A span of time, from `from` (inclusive) to `to` (exclusive), in ms since 1970. */
export interface Span {
  from: number;
  to: number;
}

const isoDate = (wallDayMs: number) => new Date(wallDayMs).toISOString().slice(0, 10);

/** Checks a calendar once, so the walks below cannot run forever on one that never opens. */
function hoursOf(cal: BusinessCalendar): { open: number; close: number } {
  const open = minuteOfDay(cal.open);
  const close = minuteOfDay(cal.close);
  if (!(close > open)) throw new RangeError(`closing time ${cal.close} is not after opening time ${cal.open}`);
  if (!cal.days.some((d) => Number.isInteger(d) && d >= 1 && d <= 7)) throw new RangeError('a business calendar needs at least one working day (1–7)');
  return { open, close };
}

/**
 * The open hours from the local day of `fromMs` on, in order, as real moments.
 * Endless: the caller stops. Holidays may cover weeks, but not every working
 * day for ever; a year without one open day ends the walk.
 */
function* openHours(cal: BusinessCalendar, fromMs: number): Generator<Span> {
  const { open, close } = hoursOf(cal);
  const days = new Set(cal.days);
  let wallDay = Math.floor(localTime(cal.timeZone, fromMs).wallMs / DAY_MS) * DAY_MS;
  let closedDays = 0;
  for (;;) {
    const weekday = ((((wallDay / DAY_MS + 3) % 7) + 7) % 7) + 1;
    if (days.has(weekday) && !cal.holidays.has(isoDate(wallDay))) {
      closedDays = 0;
      yield { from: instantOfWall(cal.timeZone, wallDay + open * MINUTE_MS), to: instantOfWall(cal.timeZone, wallDay + close * MINUTE_MS) };
    } else if (++closedDays > 366) {
      throw new RangeError('the business calendar has no open day in a whole year');
    }
    wallDay += DAY_MS;
  }
}

/** The parts of `span` outside every pause (pauses sorted by `from`, possibly overlapping). */
function* withoutPauses(span: Span, pauses: readonly Span[]): Generator<Span> {
  let from = span.from;
  for (const p of pauses) {
    if (p.to <= from) continue;
    if (p.from >= span.to) break;
    if (p.from > from) yield { from, to: p.from };
    from = Math.max(from, p.to);
    if (from >= span.to) return;
  }
  if (from < span.to) yield { from, to: span.to };
}

const sorted = (pauses: readonly Span[]) => [...pauses].filter((p) => p.to > p.from).sort((a, b) => a.from - b.from);

/** Working time (ms) from `fromMs` to `toMs`, leaving out the pauses; 0 when `toMs` is not after `fromMs`. */
export function businessMsBetween(cal: BusinessCalendar, fromMs: number, toMs: number, pauses: readonly Span[] = []): number {
  hoursOf(cal);
  if (!(toMs > fromMs)) return 0;
  const ps = sorted(pauses);
  let total = 0;
  for (const day of openHours(cal, fromMs)) {
    if (day.from >= toMs) break;
    const clipped = { from: Math.max(day.from, fromMs), to: Math.min(day.to, toMs) };
    for (const part of withoutPauses(clipped, ps)) total += part.to - part.from;
  }
  return total;
}

/**
 * The moment `ms` of working time after `fromMs` has passed, leaving out the
 * pauses: when a target of that length, started at `fromMs`, falls due.
 * A span of 0 is due at once; one that runs into a pause without an end
 * (`to: Infinity`) is never due (Infinity) until the pause ends.
 */
export function addBusinessMs(cal: BusinessCalendar, fromMs: number, ms: number, pauses: readonly Span[] = []): number {
  hoursOf(cal);
  if (!(ms > 0)) return fromMs;
  const ps = sorted(pauses);
  // A pause without an end (the case waits on the buyer now): never due before it ends.
  const pausedFrom = Math.min(...ps.filter((p) => p.to === Infinity).map((p) => p.from));
  let left = ms;
  for (const day of openHours(cal, fromMs)) {
    if (day.to <= fromMs) continue;
    if (day.from >= pausedFrom) return Infinity;
    for (const part of withoutPauses({ from: Math.max(day.from, fromMs), to: day.to }, ps)) {
      const length = part.to - part.from;
      if (left <= length) return part.from + left;
      left -= length;
    }
  }
  // openHours never ends: it yields or throws.
  throw new RangeError('unreachable');
}

/** Easter Sunday of a Gregorian year (the anonymous Gregorian computus), as a UTC date's ms. */
export function easterSunday(year: number): number {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return Date.UTC(year, month - 1, day);
}

/** The first day from `month`/`day` on (within the week after) that is `weekday` (ISO). */
function weekdayFrom(year: number, month: number, day: number, weekday: number): number {
  const start = Date.UTC(year, month - 1, day);
  const startWeekday = ((new Date(start).getUTCDay() + 6) % 7) + 1;
  return start + (((weekday - startWeekday + 7) % 7) * DAY_MS);
}

/**
 * Sweden's public holidays (allmänna helgdagar) of a year, and with `eves`
 * the days most workplaces also close (midsommarafton, julafton,
 * nyårsafton) — what an org in Sweden enters as its holidays.
 */
export function swedishHolidays(year: number, opts: { eves?: boolean } = {}): { date: string; name: string }[] {
  const easter = easterSunday(year);
  const fixed = (m: number, d: number) => Date.UTC(year, m - 1, d);
  const days: [number, string][] = [
    [fixed(1, 1), 'Nyårsdagen'],
    [fixed(1, 6), 'Trettondedag jul'],
    [easter - 2 * DAY_MS, 'Långfredagen'],
    [easter, 'Påskdagen'],
    [easter + DAY_MS, 'Annandag påsk'],
    [fixed(5, 1), 'Första maj'],
    [easter + 39 * DAY_MS, 'Kristi himmelsfärds dag'],
    [easter + 49 * DAY_MS, 'Pingstdagen'],
    [fixed(6, 6), 'Sveriges nationaldag'],
    [weekdayFrom(year, 6, 20, 6), 'Midsommardagen'],
    [weekdayFrom(year, 10, 31, 6), 'Alla helgons dag'],
    [fixed(12, 25), 'Juldagen'],
    [fixed(12, 26), 'Annandag jul'],
  ];
  if (opts.eves) days.push([weekdayFrom(year, 6, 19, 5), 'Midsommarafton'], [fixed(12, 24), 'Julafton'], [fixed(12, 31), 'Nyårsafton']);
  return days.sort((a, b) => a[0] - b[0]).map(([ms, name]) => ({ date: isoDate(ms), name }));
}
