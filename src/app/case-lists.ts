/**
 * Cases across the org: the list sorted by due time, the figures (time to
 * first response and to accepted resolution, acceptance and reopen rates,
 * closed without agreement — by tier, by seller and in total), and what a
 * seller's Today shows of cases: a check-in 14 days after an acceptance, and
 * cases whose first response is overdue.
 *
 * Due times and figures are counted in business time from each case's
 * replayed steps (src/domain/cases.ts), so the cases whose clock can run are
 * sorted in memory: they are few, and a due time depends on the calendar of
 * today's settings, which no stored column could follow.
 */
import { caseClocks, caseFacts, caseFigures, type CaseStatus } from '../domain/cases.ts';
import { TIERS, type Tier } from '../domain/loyalty.ts';
import type { Locale } from '../domain/process.ts';
import { localDate } from '../domain/today.ts';
import { instantOfWall } from '../domain/pricing-windows.ts';
import { orgCases, ownerCasesForToday, type CaseWithJourney } from '../store/cases.ts';
import { findOrg } from '../store/orgs.ts';
import { listUsers } from '../store/users.ts';
import { caseRules, loadCases, runningDue, sellerViews, type CaseRules, type Loaded } from './cases.ts';
import type { Actor, AppContext } from './context.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { invalid } from './errors.ts';

const DAY_MS = 86_400_000;
const CHECK_IN_MS = 14 * DAY_MS;

const dueOf = (rules: CaseRules, r: CaseWithJourney, state: Parameters<typeof caseClocks>[0]) =>
  runningDue(state, caseClocks(state, rules.calendar, rules.targets[r.tier as Tier] ?? rules.targets.new, rules.nowMs));

/** A sort key that compares as text: the due time's ms padded, or `~` (after every digit) when no clock runs. */
const dueKey = (due: number | null) => (due === null ? '~' : String(due).padStart(16, '0'));

export interface CaseListQuery {
  status?: CaseStatus | undefined;
  ownerId?: string | undefined;
  accountId?: string | undefined;
  sort: 'due' | 'opened';
  limit: number;
  cursor?: string | undefined;
}

/** Only a case that is open or waits on a proposal can have a running clock; resolved and closed ones sort after those, by id. */
const ACTIVE: readonly CaseStatus[] = ['open', 'proposed'];
const SETTLED: readonly CaseStatus[] = ['resolved', 'closed'];
const NO_DUE = `${dueKey(null)}|`;

/**
 * The org's cases, each as the seller sees it (without messages and steps)
 * with its journey and account: by due time, soonest first and cases with no
 * running clock last (`due`), or newest first (`opened`). Newest first is one
 * page read by id. By due time, the cases whose clock can run (open or
 * proposed: few) are all replayed and sorted, and the resolved and closed ones
 * after them are one page read by id, so neither grows with the org's history.
 */
export async function listCases(ctx: AppContext, actor: Actor, q: CaseListQuery) {
  const db = ctx.store.db;
  const orgId = actor.orgId;
  const after = decodeCursor(q.cursor, ['key'] as const)?.key;
  const filter = { ownerId: q.ownerId, accountId: q.accountId };
  const only = (group: readonly CaseStatus[]) => group.filter((s) => q.status === undefined || q.status === s);
  const rules = await caseRules(ctx, db, orgId);

  let candidates: { r: CaseWithJourney; key: string; c?: Loaded }[];
  if (q.sort === 'opened') {
    const rows = await orgCases(db, orgId, { ...filter, statuses: q.status ? [q.status] : undefined, page: { order: 'desc', after, limit: q.limit + 1 } });
    candidates = rows.map((r) => ({ r, key: r.id }));
  } else {
    const settledAfter = after?.startsWith(NO_DUE) ? after.slice(NO_DUE.length) : undefined;
    const [active, settled] = await Promise.all([
      only(ACTIVE).length > 0 ? orgCases(db, orgId, { ...filter, statuses: only(ACTIVE) }) : [],
      only(SETTLED).length > 0 ? orgCases(db, orgId, { ...filter, statuses: only(SETTLED), page: { order: 'asc', after: settledAfter, limit: q.limit + 1 } }) : [],
    ]);
    const loaded = await loadCases(db, orgId, active, { messages: false });
    candidates = [
      ...loaded.map((c, i) => ({ r: active[i]!, c, key: `${dueKey(dueOf(rules, active[i]!, c.state))}|${c.row.id}` })),
      ...settled.map((r) => ({ r, key: `${NO_DUE}${r.id}` })),
    ].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }
  const rest = after === undefined ? candidates : candidates.filter((k) => (q.sort === 'due' ? k.key > after : k.key < after));
  const page = rest.slice(0, q.limit);
  const unloaded = await loadCases(
    db,
    orgId,
    page.flatMap((p) => (p.c ? [] : [p.r])),
    { messages: false },
  );
  const loadedById = new Map(unloaded.map((c) => [c.row.id, c]));
  const views = sellerViews(
    page.map((p) => p.c ?? loadedById.get(p.r.id)!),
    rules,
  );
  const last = page.at(-1);
  return {
    items: views.map(({ messages: _m, steps: _s, ...v }, i) => {
      const r = page[i]!.r;
      return { ...v, journey: { id: r.journey_id, title: r.journey_title, ownerId: r.owner_id }, account: { id: r.account_id, name: r.account_name } };
    }),
    nextCursor: rest.length > q.limit && last ? encodeCursor({ key: last.key }) : null,
  };
}

/** The first moment of a local date (YYYY-MM-DD) in the time zone. */
const startOfDate = (date: string, timeZone: string) => instantOfWall(timeZone, Date.parse(`${date}T00:00:00Z`));
/** A local date `n` days on. */
const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

/**
 * Figures of the cases opened from `from` to `to` (local dates in the org's
 * time zone, both included; default the last 90 days): in total, by the tier
 * the case was opened at, and by seller (the journey's owner).
 */
export async function caseMetrics(ctx: AppContext, actor: Actor, q: { from?: string | undefined; to?: string | undefined }) {
  const db = ctx.store.db;
  const org = await findOrg(db, actor.orgId);
  const timeZone = org?.time_zone ?? 'Europe/Stockholm';
  const to = q.to ?? localDate(ctx.now(), timeZone);
  const from = q.from ?? addDays(to, -89);
  if (from > to) throw invalid('query.from', 'The period must start on or before its end (to).');
  const openedFrom = new Date(startOfDate(from, timeZone)).toISOString();
  const openedBefore = new Date(startOfDate(addDays(to, 1), timeZone)).toISOString();
  const [rows, rules, users] = await Promise.all([orgCases(db, actor.orgId, { openedFrom, openedBefore }), caseRules(ctx, db, actor.orgId), listUsers(db, actor.orgId)]);
  const loaded = await loadCases(db, actor.orgId, rows, { messages: false });
  const facts = loaded.map((c, i) => ({ row: rows[i]!, facts: caseFacts(c.state, rules.calendar) }));
  const names = new Map(users.map((u) => [u.id, u.name]));
  const owners = [...new Set(rows.map((r) => r.owner_id))];
  return {
    from,
    to,
    timeZone,
    total: caseFigures(facts.map((f) => f.facts)),
    byTier: TIERS.map((tier) => ({ tier, ...caseFigures(facts.filter((f) => f.row.tier === tier).map((f) => f.facts)) })),
    bySeller: owners
      .map((ownerId) => ({ userId: ownerId, name: names.get(ownerId) ?? null, ...caseFigures(facts.filter((f) => f.row.owner_id === ownerId).map((f) => f.facts)) }))
      .sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '', 'sv') || a.userId.localeCompare(b.userId)),
  };
}

export type TodayCaseKind = 'case_check_in' | 'case_first_response_overdue';

/**
 * What a seller's Today shows of the cases on their journeys: a check-in 14
 * days after an acceptance until they record one, and every case whose first
 * response is overdue. Most pressing first: overdue answers, then check-ins,
 * each oldest first.
 */
export async function todayCases(ctx: AppContext, orgId: string, ownerId: string, locale: Locale) {
  const db = ctx.store.db;
  const now = ctx.now();
  const rows = await ownerCasesForToday(db, orgId, ownerId, new Date(now.getTime() - CHECK_IN_MS).toISOString());
  // Most days a seller owes nothing on cases: one query, not the settings and steps too.
  if (rows.length === 0) return [];
  const [rules, loaded] = await Promise.all([caseRules(ctx, db, orgId), loadCases(db, orgId, rows, { messages: false })]);
  const items: { kind: TodayCaseKind; at: string; text: string; case: { id: string; topic: string; priority: string; tier: string; status: string; journeyId: string; journeyTitle: string; accountName: string } }[] = [];
  loaded.forEach((c, i) => {
    const r = rows[i]!;
    const about = { id: r.id, topic: r.topic, priority: r.priority, tier: r.tier, status: c.state.status, journeyId: r.journey_id, journeyTitle: r.journey_title, accountName: r.account_name };
    const sv = locale === 'sv';
    if (c.state.status === 'resolved' && c.state.resolvedAt !== null) {
      items.push({ kind: 'case_check_in', at: new Date(c.state.resolvedAt + CHECK_IN_MS).toISOString(), case: about, text: sv ? `Hör av dig till ${r.account_name}: löste det sig med "${r.topic}"?` : `Check in with ${r.account_name}: did "${r.topic}" stay solved?` });
      return;
    }
    const clocks = caseClocks(c.state, rules.calendar, rules.targets[r.tier as Tier] ?? rules.targets.new, rules.nowMs);
    if (c.state.firstResponseAt === null && clocks.firstResponse.state === 'overdue') {
      items.push({ kind: 'case_first_response_overdue', at: new Date(clocks.firstResponse.dueAt).toISOString(), case: about, text: sv ? `Ärendet "${r.topic}" från ${r.account_name} väntar på ett första svar` : `The case "${r.topic}" from ${r.account_name} is waiting for a first answer` });
    }
  });
  const rank = (k: TodayCaseKind) => (k === 'case_first_response_overdue' ? 0 : 1);
  return items.sort((a, b) => rank(a.kind) - rank(b.kind) || a.at.localeCompare(b.at));
}
