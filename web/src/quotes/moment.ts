/**
 * Moments in the org's time zone. Price rules are read in the org's zone (a
 * New Year's Eve window is 22:00 in Stockholm, wherever the seller's browser
 * is), so the moment a quote is priced at is typed and shown in that zone too.
 * Pure, apart from Intl; formatters are made once per zone and kept.
 */
const partsFormats = new Map<string, Intl.DateTimeFormat>();

function partsIn(ms: number, zone: string): Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number> {
  let f = partsFormats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    partsFormats.set(zone, f);
  }
  const out = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const p of f.formatToParts(new Date(ms))) if (p.type in out) out[p.type as keyof typeof out] = Number(p.value);
  return out;
}

/** How far the zone's wall clock is ahead of UTC at an instant, in ms. */
function offsetAt(ms: number, zone: string): number {
  const p = partsIn(ms, zone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(ms / 1000) * 1000;
}

const DAY_MS = 86_400_000;
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** A datetime-local value (`2026-12-31T22:30`) read in the zone, as an ISO instant; null when it is not one. */
export function zonedToIso(local: string, zone: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local);
  if (!m) return null;
  const wall = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0));
  if (Number.isNaN(wall)) return null;
  // Near a change of clocks the offset differs on either side. As the server reads rule times
  // (like Temporal's 'compatible'): a time shown twice is the first; a skipped time moves on by the gap.
  const before = offsetAt(wall - DAY_MS, zone);
  const after = offsetAt(wall + DAY_MS, zone);
  const fits = [wall - before, wall - after].filter((at) => offsetAt(at, zone) === wall - at);
  return new Date(fits.length > 0 ? Math.min(...fits) : wall - before).toISOString();
}

/** An instant as a datetime-local value in the zone, to the minute. */
export function isoToZoned(iso: string | Date, zone: string): string {
  const p = partsIn(new Date(iso).getTime(), zone);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
}

/** The zone's calendar day, `days` after the instant, as YYYY-MM-DD (a date input's value). */
export function zonedDay(now: Date, zone: string, days = 0): string {
  const p = partsIn(now.getTime(), zone);
  const d = new Date(Date.UTC(p.year, p.month - 1, p.day + days));
  return d.toISOString().slice(0, 10);
}

/** The last minute of a calendar day in the zone, as an ISO instant: what "valid until 29 Dec" means. */
export const endOfZonedDay = (day: string, zone: string): string | null => zonedToIso(`${day}T23:59:59`, zone);
