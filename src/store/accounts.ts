import type { Insertable, Kysely, Updateable } from 'kysely';
import { prefixUpperBound } from '../domain/swedish.ts';
import type { AccountTable, ContactTable, Database } from './schema.ts';
import { fixedReadOne } from './fixed-read.ts';

type Db = Kysely<Database>;

export interface NameCursor {
  nameKey: string;
  id: string;
}

export const insertAccount = (db: Db, row: Insertable<AccountTable>) => db.insertInto('accounts').values(row).execute();

export const findAccount = fixedReadOne((db, orgId: string, id: string) =>
  db.selectFrom('accounts').selectAll().where('org_id', '=', orgId).where('id', '=', id),
);

export const updateAccount = (db: Db, orgId: string, id: string, set: Updateable<AccountTable>) =>
  db.updateTable('accounts').set(set).where('org_id', '=', orgId).where('id', '=', id).execute();

/** Accounts in Swedish order, optionally those whose name starts with a prefix key, keyset-paged. */
/** Accounts by name with their loyalty tier (null: no orders, `new`); `tier` keeps one tier. */
export function listAccounts(db: Db, orgId: string, opts: { prefixKey?: string | undefined; tier?: string | undefined; after?: NameCursor | undefined; limit: number }) {
  let q = db
    .selectFrom('accounts as a')
    .leftJoin('account_loyalty as l', (j) => j.onRef('l.org_id', '=', 'a.org_id').onRef('l.account_id', '=', 'a.id'))
    .selectAll('a')
    .select('l.tier')
    .where('a.org_id', '=', orgId);
  if (opts.prefixKey) q = q.where('a.name_key', '>=', opts.prefixKey).where('a.name_key', '<', prefixUpperBound(opts.prefixKey));
  if (opts.tier) q = opts.tier === 'new' ? q.where('l.tier', 'is', null) : q.where('l.tier', '=', opts.tier);
  const after = opts.after;
  if (after) q = q.where((eb) => eb.or([eb('a.name_key', '>', after.nameKey), eb.and([eb('a.name_key', '=', after.nameKey), eb('a.id', '>', after.id)])]));
  return q.orderBy('a.name_key').orderBy('a.id').limit(opts.limit).execute();
}

/** An account's stored loyalty tier; `new` without orders. */
const accountTierRow = fixedReadOne((db, orgId: string, accountId: string) => db.selectFrom('account_loyalty').select('tier').where('org_id', '=', orgId).where('account_id', '=', accountId));

export const findAccountTier = async (db: Db, orgId: string, accountId: string): Promise<string> => (await accountTierRow(db, orgId, accountId))?.tier ?? 'new';

export const insertContact = (db: Db, row: Insertable<ContactTable>) => db.insertInto('contacts').values(row).execute();

export const findContact = fixedReadOne((db, orgId: string, id: string) =>
  db.selectFrom('contacts').selectAll().where('org_id', '=', orgId).where('id', '=', id),
);

export const findContacts = (db: Db, orgId: string, ids: readonly string[]) =>
  ids.length === 0 ? Promise.resolve([]) : db.selectFrom('contacts').selectAll().where('org_id', '=', orgId).where('id', 'in', ids).execute();

export const updateContact = (db: Db, orgId: string, id: string, set: Updateable<ContactTable>) =>
  db.updateTable('contacts').set(set).where('org_id', '=', orgId).where('id', '=', id).execute();

export function listContacts(db: Db, orgId: string, opts: { accountId?: string | undefined; prefixKey?: string | undefined; after?: NameCursor | undefined; limit: number }) {
  let q = db.selectFrom('contacts').selectAll().where('org_id', '=', orgId);
  if (opts.accountId) q = q.where('account_id', '=', opts.accountId);
  if (opts.prefixKey) q = q.where('name_key', '>=', opts.prefixKey).where('name_key', '<', prefixUpperBound(opts.prefixKey));
  const after = opts.after;
  if (after) q = q.where((eb) => eb.or([eb('name_key', '>', after.nameKey), eb.and([eb('name_key', '=', after.nameKey), eb('id', '>', after.id)])]));
  return q.orderBy('name_key').orderBy('id').limit(opts.limit).execute();
}
