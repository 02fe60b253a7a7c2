/** What loyalty reads and keeps: the org's orders added up per account, each account's figures, the org's cuts and model, and tier changes. */
import { sql, type Insertable, type Kysely } from 'kysely';
import type { AccountLoyaltyTable, Database, TierChangeTable } from './schema.ts';

type Db = Kysely<Database>;

/**
 * A page of the org's orders before `before` (a date, exclusive), by account then id,
 * after the (account, id) pair given: every order once, in bounded pages.
 */
export function orderDatesPage(db: Db, orgId: string, before: string, after: { accountId: string; id: string } | null, limit: number) {
  let q = db.selectFrom('orders').select(['account_id', 'id', 'ordered_at']).where('org_id', '=', orgId).where('ordered_at', '<', before);
  if (after) q = q.where((eb) => eb.or([eb('account_id', '>', after.accountId), eb.and([eb('account_id', '=', after.accountId), eb('id', '>', after.id)])]));
  return q.orderBy('account_id').orderBy('id').limit(limit).execute();
}

/** Dates as YYYY-MM-DD; an order's day is the first ten characters of `ordered_at` (UTC). */
export interface TotalsRange {
  /** orders on or after this day are left out (after "today") */
  before: string;
  /** orders from this day on count towards F and M */
  windowStart: string;
}

export interface AccountTotals {
  account_id: string;
  first_on: string;
  last_on: string;
  /** distinct days with an order */
  days: number;
  frequency: number;
  monetary: number;
}

/**
 * One pass over the org's orders (or one account's), added up per account.
 * Text comparison orders both plain dates and ISO times correctly.
 */
export async function accountTotals(db: Db, orgId: string, range: TotalsRange, accountId?: string): Promise<AccountTotals[]> {
  let q = db
    .selectFrom('orders')
    .select([
      'account_id',
      sql<string>`min(ordered_at)`.as('first_on'),
      sql<string>`max(ordered_at)`.as('last_on'),
      sql<number>`count(distinct substr(ordered_at, 1, 10))`.as('days'),
      sql<number>`sum(case when ordered_at >= ${range.windowStart} then 1 else 0 end)`.as('frequency'),
      sql<number>`sum(case when ordered_at >= ${range.windowStart} then amount_minor else 0 end)`.as('monetary'),
    ])
    .where('org_id', '=', orgId)
    .where('ordered_at', '<', range.before);
  if (accountId !== undefined) q = q.where('account_id', '=', accountId);
  const rows = await q.groupBy('account_id').execute();
  // PostgreSQL returns counts and bigint sums as strings.
  return rows.map((r) => ({
    account_id: r.account_id,
    first_on: r.first_on.slice(0, 10),
    last_on: r.last_on.slice(0, 10),
    days: Number(r.days),
    frequency: Number(r.frequency),
    monetary: Number(r.monetary),
  }));
}

/** The org's stored rows, every one. */
export const storedLoyalty = (db: Db, orgId: string) => db.selectFrom('account_loyalty').selectAll().where('org_id', '=', orgId).execute();

export const findAccountLoyalty = (db: Db, orgId: string, accountId: string) =>
  db.selectFrom('account_loyalty').selectAll().where('org_id', '=', orgId).where('account_id', '=', accountId).executeTakeFirst();

/** Rows per INSERT: under SQLite's and PostgreSQL's limits on bound values (16 columns × 1,000). */
const CHUNK = 1000;

async function insertChunked<T extends 'account_loyalty' | 'tier_changes'>(db: Db, table: T, rows: readonly Insertable<Database[T]>[]) {
  for (let i = 0; i < rows.length; i += CHUNK) await db.insertInto(table).values(rows.slice(i, i + CHUNK) as Insertable<Database[T]>[]).execute();
}

/** Removes the rows of these accounts (inside the caller's transaction). */
export async function deleteLoyaltyRows(db: Db, orgId: string, accountIds: readonly string[]) {
  for (let i = 0; i < accountIds.length; i += CHUNK) await db.deleteFrom('account_loyalty').where('org_id', '=', orgId).where('account_id', 'in', accountIds.slice(i, i + CHUNK)).execute();
}

export const insertLoyaltyRows = (db: Db, rows: readonly Insertable<AccountLoyaltyTable>[]) => insertChunked(db, 'account_loyalty', rows);

export async function putAccountLoyalty(db: Db, row: Insertable<AccountLoyaltyTable>) {
  await db.deleteFrom('account_loyalty').where('org_id', '=', row.org_id).where('account_id', '=', row.account_id).execute();
  await db.insertInto('account_loyalty').values(row).execute();
}

export const deleteAccountLoyalty = (db: Db, orgId: string, accountId: string) =>
  db.deleteFrom('account_loyalty').where('org_id', '=', orgId).where('account_id', '=', accountId).execute();

export const insertTierChanges = (db: Db, rows: readonly Insertable<TierChangeTable>[]) => insertChunked(db, 'tier_changes', rows);

export const findLoyaltyState = (db: Db, orgId: string) => db.selectFrom('loyalty_state').selectAll().where('org_id', '=', orgId).executeTakeFirst();

export async function saveLoyaltyState(db: Db, row: { org_id: string; cuts: string; model: string | null; accounts: number; computed_at: string }) {
  await db
    .insertInto('loyalty_state')
    .values(row)
    .onConflict((oc) => oc.column('org_id').doUpdateSet({ cuts: row.cuts, model: row.model, accounts: row.accounts, computed_at: row.computed_at }))
    .execute();
}

/** An account's tier changes, newest first. */
export const accountTierChanges = (db: Db, orgId: string, accountId: string, limit: number) =>
  db
    .selectFrom('tier_changes')
    .select(['from_tier', 'to_tier', 'at', 'cause'])
    .where('org_id', '=', orgId)
    .where('account_id', '=', accountId)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();

/** An account's order days and amounts from a day on (YYYY-MM-DD), oldest first. */
export const accountOrderDays = (db: Db, orgId: string, accountId: string) =>
  db.selectFrom('orders').select(['ordered_at', 'amount_minor']).where('org_id', '=', orgId).where('account_id', '=', accountId).orderBy('ordered_at').execute();

/** Accounts per stored tier (accounts without a row are `new`, counted by the caller). */
export const tierCounts = (db: Db, orgId: string) =>
  db.selectFrom('account_loyalty').select(['tier', (eb) => eb.fn.countAll<number>().as('n')]).where('org_id', '=', orgId).groupBy('tier').execute();

export const accountCount = async (db: Db, orgId: string) =>
  Number((await db.selectFrom('accounts').select((eb) => eb.fn.countAll<number>().as('n')).where('org_id', '=', orgId).executeTakeFirstOrThrow()).n);

/** Tier changes in [from, to), by account then time: what the summary's moves are made of. */
export const tierChangesBetween = (db: Db, orgId: string, from: string, to: string) =>
  db
    .selectFrom('tier_changes')
    .select(['account_id', 'from_tier', 'to_tier'])
    .where('org_id', '=', orgId)
    .where('at', '>=', from)
    .where('at', '<', to)
    .orderBy('account_id')
    .orderBy('at')
    .orderBy('id')
    .execute();

/** Accounts of the given tiers whose last order is before `lastBefore`: those whose pAlive can only have fallen since. */
export const quietAccounts = (db: Db, orgId: string, tiers: readonly string[], lastBefore: string) =>
  db
    .selectFrom('account_loyalty as l')
    .innerJoin('accounts as a', (j) => j.onRef('a.org_id', '=', 'l.org_id').onRef('a.id', '=', 'l.account_id'))
    .select(['l.account_id', 'a.name', 'l.tier', 'l.first_order_on', 'l.last_order_on', 'l.order_days'])
    .where('l.org_id', '=', orgId)
    .where('l.tier', 'in', tiers)
    .where('l.last_order_on', '<', lastBefore)
    .execute();
