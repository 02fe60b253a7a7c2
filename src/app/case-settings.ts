/**
 * The org's settings for cases (org_settings key `cases`): when it works
 * (business hours in the org's time zone, and its holidays), and the
 * first-response and resolution targets per loyalty tier. Case clocks count
 * in this calendar (src/domain/business-hours.ts).
 *
 * Holidays not set: an org whose language is Swedish gets Sweden's public
 * holidays with the eves most workplaces close (swedishHolidays, last year,
 * this year and next, in the org's time zone); any other org none. Last
 * year's too, because clocks are counted in today's settings: in January a
 * case from December still needs its Christmas off, or it flips from met to
 * missed on New Year's Day. Once an org saves its own list, that list is what
 * counts.
 */
import { DEFAULT_HOURS, swedishHolidays, type BusinessCalendar } from '../domain/business-hours.ts';
import { DEFAULT_CASE_TARGETS, type CaseTargets } from '../domain/cases.ts';
import { TIERS, type Tier } from '../domain/loyalty.ts';
import { localDate } from '../domain/today.ts';
import { fromJson, toJson } from '../store/json.ts';
import { findOrg } from '../store/orgs.ts';
import { findSetting, saveSetting } from '../store/settings.ts';
import { write, type Actor, type AppContext, type Db } from './context.ts';
import { AppError } from './errors.ts';

const SETTINGS_KEY = 'cases';

export interface CaseSettingsInput {
  businessHours: { days: number[]; open: string; close: string };
  holidays: string[];
  targets: Record<Tier, CaseTargets>;
}

export interface CaseSettings {
  businessHours: { timeZone: string; days: number[]; open: string; close: string };
  holidays: string[];
  /** true when the holidays are the default (not saved by the org) */
  defaultHolidays: boolean;
  targets: Record<Tier, CaseTargets>;
}

/** The org's settings for cases, stored over the defaults, as of `now`. */
export async function caseSettings(db: Db, orgId: string, now: Date): Promise<CaseSettings> {
  const [row, org] = await Promise.all([findSetting(db, orgId, SETTINGS_KEY), findOrg(db, orgId)]);
  const stored = fromJson<Partial<CaseSettingsInput>>(row?.value ?? null) ?? {};
  const timeZone = org?.time_zone ?? 'Europe/Stockholm';
  const year = Number(localDate(now, timeZone).slice(0, 4));
  const holidays = stored.holidays ?? (org?.locale === 'sv' ? [year - 1, year, year + 1].flatMap((y) => swedishHolidays(y, { eves: true }).map((h) => h.date)) : []);
  return {
    businessHours: { timeZone, days: stored.businessHours?.days ?? [...DEFAULT_HOURS.days], open: stored.businessHours?.open ?? DEFAULT_HOURS.open, close: stored.businessHours?.close ?? DEFAULT_HOURS.close },
    holidays,
    defaultHolidays: stored.holidays === undefined,
    targets: Object.fromEntries(TIERS.map((t) => [t, { ...DEFAULT_CASE_TARGETS[t], ...stored.targets?.[t] }])) as Record<Tier, CaseTargets>,
  };
}

/** The business calendar the clocks count in. */
export const calendarOf = (s: CaseSettings): BusinessCalendar => ({ ...s.businessHours, holidays: new Set(s.holidays) });

export const getCaseSettings = (ctx: AppContext, actor: Actor) => caseSettings(ctx.store.db, actor.orgId, ctx.now());

/** Saves the org's settings for cases (admins). */
export async function updateCaseSettings(ctx: AppContext, actor: Actor, input: CaseSettingsInput): Promise<CaseSettings> {
  if (actor.role !== 'admin') throw new AppError('forbidden', 'Only an admin may change the settings for cases.');
  const stored: CaseSettingsInput = {
    businessHours: { days: [...new Set(input.businessHours.days)].sort((a, b) => a - b), open: input.businessHours.open, close: input.businessHours.close },
    holidays: [...new Set(input.holidays)].sort(),
    targets: input.targets,
  };
  return write(ctx, actor, async (w) => {
    const before = await caseSettings(w.tx, actor.orgId, w.at);
    await saveSetting(w.tx, { org_id: actor.orgId, key: SETTINGS_KEY, value: toJson(stored), updated_at: w.iso });
    const after = await caseSettings(w.tx, actor.orgId, w.at);
    await w.audit('settings.cases', 'org', actor.orgId, before, after);
    return after;
  });
}
