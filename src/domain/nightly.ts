/**
 * When the nightly work of an org is due: once per calendar day in the org's
 * time zone, from a fixed hour of the night on. Pure: the moments are passed in.
 */
import { localDate } from './today.ts';

/** The local hour (0–23) nightly work waits for: after midnight, before anyone works. */
export const NIGHT_HOUR = 2;

/** The hour (0–23) it is at `at` in `timeZone`. */
export function localHour(at: Date, timeZone: string): number {
  return Number(new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' }).format(at));
}

/**
 * True when the work last done at `last` (null: never) is due again at `now`:
 * today's local date is past the one it was last done on, and it is past
 * NIGHT_HOUR. Never done: due at once, whatever the hour.
 */
export function nightlyDue(last: Date | null, now: Date, timeZone: string, hour = NIGHT_HOUR): boolean {
  if (last === null) return true;
  return localDate(now, timeZone) > localDate(last, timeZone) && localHour(now, timeZone) >= hour;
}
