/**
 * Time in the org's time zone for pricing rules: the local weekday and time
 * of a moment, the moment of a local date and time, and whether a demand
 * window holds a moment. Pure: moments are passed in.
 *
 * Speed: a quote is priced at one moment, but a server prices many quotes,
 * and Intl is slow (microseconds a call). So the zone's offset from UTC is
 * read from Intl once per zone and UTC day and kept: the offsets at the
 * day's start and end, and when they differ, the second the offset changes
 * (found by bisection). This assumes at most one change of offset per UTC
 * day, true of every zone in the tz database. The caches only remember what
 * Intl said; they never change a result.
 */

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/** Entries kept per cache before it is emptied (a long-running server). */
const CACHE_LIMIT = 50_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The zone's offset from UTC at `ms` (whole seconds), in ms, asked of Intl. */
export function intlOffsetMs(timeZone: string, ms: number): number {
  const s = Math.floor(ms / 1000) * 1000;
  const v: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(s))) if (p.type !== 'literal') v[p.type] = Number(p.value);
  const local = Date.UTC(v.year ?? 1970, (v.month ?? 1) - 1, v.day ?? 1, v.hour ?? 0, v.minute ?? 0, v.second ?? 0);
  return local - s;
}

/** A UTC day's offsets: `before` until `switchMs`, `after` from then on. */
interface DayOffsets {
  switchMs: number;
  before: number;
  after: number;
}

const days = new Map<string, Map<number, DayOffsets>>();

function dayOffsets(timeZone: string, day: number): DayOffsets {
  const start = day * DAY_MS;
  const end = start + DAY_MS - 1000;
  const before = intlOffsetMs(timeZone, start);
  const after = intlOffsetMs(timeZone, end);
  if (before === after) return { switchMs: Infinity, before, after };
  // Offsets change on whole seconds: bisect to the first second with `after`.
  let lo = start;
  let hi = end;
  while (hi - lo > 1000) {
    const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
    if (intlOffsetMs(timeZone, mid) === before) lo = mid;
    else hi = mid;
  }
  return { switchMs: hi, before, after };
}

/** The zone's offset from UTC at `ms`, in ms (positive east of Greenwich), from the cache. */
export function offsetMs(timeZone: string, ms: number): number {
  let zone = days.get(timeZone);
  if (!zone) {
    zone = new Map();
    days.set(timeZone, zone);
  }
  const day = Math.floor(ms / DAY_MS);
  let d = zone.get(day);
  if (!d) {
    if (zone.size >= CACHE_LIMIT) zone.clear();
    d = dayOffsets(timeZone, day);
    zone.set(day, d);
  }
  return ms < d.switchMs ? d.before : d.after;
}

/** A moment as the clock on the wall shows it in a time zone. */
export interface LocalTime {
  /** ISO weekday: 1 Monday … 7 Sunday */
  weekday: number;
  /** minutes since local midnight, 0–1439 */
  minute: number;
  /** the local date and time as if it were UTC, in ms (for date arithmetic) */
  wallMs: number;
}

/** The local weekday and time of `ms` in `timeZone`. */
export function localTime(timeZone: string, ms: number): LocalTime {
  const wallMs = ms + offsetMs(timeZone, ms);
  const day = Math.floor(wallMs / DAY_MS);
  // 1970-01-01 was a Thursday (ISO weekday 4).
  const weekday = ((((day + 3) % 7) + 7) % 7) + 1;
  return { weekday, minute: Math.floor((wallMs - day * DAY_MS) / MINUTE_MS), wallMs };
}

/**
 * The moment a local wall time (as if UTC, in ms) happens in `timeZone`.
 * Like Temporal's "compatible": a time the clock shows twice (autumn) is the
 * first of the two; a time it skips (spring) is moved on by the gap, so
 * 02:30 on the spring Sunday in Stockholm is 03:30 summer time.
 */
export function instantOfWall(timeZone: string, wallMs: number): number {
  const early = offsetMs(timeZone, wallMs - DAY_MS);
  const late = offsetMs(timeZone, wallMs + DAY_MS);
  const a = wallMs - early;
  const b = wallMs - late;
  const aOk = offsetMs(timeZone, a) === early;
  const bOk = offsetMs(timeZone, b) === late;
  if (aOk && bOk) return Math.min(a, b);
  if (bOk) return b;
  return a; // valid, or in the gap: the earlier offset lands after the gap
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;
const ZONED = /(?:Z|[+-]\d{2}:\d{2})$/;
const moments = new Map<string, number>();

/**
 * The moment a rule's date-time string names, in ms since 1970: an ISO
 * instant with `Z` or an offset as it is (`2025-12-31T21:00:00Z`), or a local
 * date and time without one (`2025-12-31T22:00`), read in `timeZone`.
 * Throws a RangeError for anything else.
 */
export function momentOf(text: string, timeZone: string): number {
  const key = `${timeZone}|${text}`;
  const known = moments.get(key);
  if (known !== undefined) return known;
  let ms: number;
  const m = LOCAL.exec(text);
  if (m) {
    const [, y, mo, d, h, mi, s] = m;
    const wall = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0));
    const back = new Date(wall);
    if (back.getUTCDate() !== Number(d) || Number(h) > 23 || Number(mi) > 59) throw new RangeError(`not a local date and time: ${text}`);
    ms = instantOfWall(timeZone, wall);
  } else if (ZONED.test(text) && !Number.isNaN(Date.parse(text))) {
    ms = Date.parse(text);
  } else {
    throw new RangeError(`not a date and time: ${text}`);
  }
  if (moments.size >= CACHE_LIMIT) moments.clear();
  moments.set(key, ms);
  return ms;
}

/** Minutes since midnight of `HH:MM` (00:00–24:00). */
export function minuteOfDay(hhmm: string): number {
  const m = /^(\d{2}):(\d{2})$/.exec(hhmm);
  const minutes = m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
  if (!m || Number(m[2]) > 59 || !(minutes <= 1440)) throw new RangeError(`not a time of day (HH:MM): ${hhmm}`);
  return minutes;
}

/**
 * Whether a weekly window holds a local time. The window opens on `weekday`
 * at `start` and closes at `end`, by the wall clock: when `end` is not after
 * `start` it closes on the next day (22:00–04:00 is a night; 00:00–00:00 is
 * a whole day), and `end` 24:00 is midnight at the end of `weekday`. Read by
 * the wall clock, a window loses the hour the clock skips in spring and
 * holds the hour it repeats in autumn twice.
 */
export function weeklyHolds(weekday: number, start: number, end: number, t: LocalTime): boolean {
  if (end > start) return t.weekday === weekday && t.minute >= start && t.minute < end;
  const dayBefore = t.weekday === 1 ? 7 : t.weekday - 1;
  return (t.weekday === weekday && t.minute >= start) || (dayBefore === weekday && t.minute < end);
}
