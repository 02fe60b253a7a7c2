/** Import jobs, their rejected rows, and the lookups an import batch makes. */
import type { Insertable, Kysely, Updateable } from 'kysely';
import type { Database, ImportJobTable } from './schema.ts';

type Db = Kysely<Database>;

export const insertImportJob = (db: Db, row: Insertable<ImportJobTable>) => db.insertInto('import_jobs').values(row).execute();

export const findImportJob = (db: Db, orgId: string, id: string) =>
  db.selectFrom('import_jobs').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();

/** The latest job for this file (by hash) and entity, if any. */
export const findImportJobByFile = (db: Db, orgId: string, entity: string, fileHash: string) =>
  db
    .selectFrom('import_jobs')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('entity', '=', entity)
    .where('file_hash', '=', fileHash)
    .where('status', '!=', 'failed')
    .orderBy('id', 'desc')
    .executeTakeFirst();

export const updateImportJob = (db: Db, orgId: string, id: string, set: Updateable<ImportJobTable>) =>
  db.updateTable('import_jobs').set(set).where('org_id', '=', orgId).where('id', '=', id).execute();

export const listImportJobs = (db: Db, orgId: string, opts: { before?: string | undefined; limit: number }) => {
  let q = db.selectFrom('import_jobs').selectAll().where('org_id', '=', orgId);
  if (opts.before) q = q.where('id', '<', opts.before);
  return q.orderBy('id', 'desc').limit(opts.limit).execute();
};

/** Rejected rows in file order, after `afterRow`. */
export const listImportRejects = (db: Db, orgId: string, jobId: string, afterRow: number, limit: number) =>
  db
    .selectFrom('import_rejects')
    .select(['row', 'cells', 'reason'])
    .where('org_id', '=', orgId)
    .where('job_id', '=', jobId)
    .where('row', '>', afterRow)
    .orderBy('row')
    .limit(limit)
    .execute();

/** The most common kinds of reason rows were rejected for, with how many each and one example. */
export const topRejectReasons = (db: Db, orgId: string, jobId: string, limit: number) =>
  db
    .selectFrom('import_rejects')
    .select((eb) => ['reason_kind', eb.fn.min('reason').as('reason'), eb.fn.countAll<number>().as('count')])
    .where('org_id', '=', orgId)
    .where('job_id', '=', jobId)
    .groupBy('reason_kind')
    .orderBy('count', 'desc')
    .orderBy('reason_kind')
    .limit(limit)
    .execute();

/** Values per IN list: well under either backend's limit on bound parameters. */
const CHUNK = 500;

async function inChunks<K, R>(keys: readonly K[], query: (chunk: K[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < keys.length; i += CHUNK) out.push(...(await query(keys.slice(i, i + CHUNK))));
  return out;
}

export const accountsByOrgNumber = (db: Db, orgId: string, numbers: readonly string[]) =>
  inChunks(numbers, (chunk) =>
    db.selectFrom('accounts').select(['id', 'org_number', 'name_key']).where('org_id', '=', orgId).where('org_number', 'in', chunk).execute(),
  );

/**
 * Ids sort by age: keeps the oldest row per key, so the same key always finds the same row.
 * (Sorted here, not in SQL: an ORDER BY id would lead SQLite to walk the whole org by primary key.)
 */
function oldestPerKey<R extends { id: string }>(rows: R[], keyOf: (r: R) => string | null): R[] {
  const best = new Map<string, R>();
  for (const r of rows) {
    const k = keyOf(r);
    if (k === null) continue;
    const held = best.get(k);
    if (!held || r.id < held.id) best.set(k, r);
  }
  return [...best.values()];
}

/** Accounts by name key, the oldest per name. */
export const accountsByNameKey = async (db: Db, orgId: string, keys: readonly string[]) =>
  oldestPerKey(
    await inChunks(keys, (chunk) => db.selectFrom('accounts').select(['id', 'org_number', 'name_key']).where('org_id', '=', orgId).where('name_key', 'in', chunk).execute()),
    (a) => a.name_key,
  );

/** Contacts by e-mail key, the oldest per address. */
export const contactsByEmailKey = async (db: Db, orgId: string, keys: readonly string[]) =>
  oldestPerKey(
    await inChunks(keys, (chunk) => db.selectFrom('contacts').select(['id', 'email_key']).where('org_id', '=', orgId).where('email_key', 'in', chunk).execute()),
    (c) => c.email_key,
  );

export const ordersByExternalId = (db: Db, orgId: string, ids: readonly string[]) =>
  inChunks(ids, (chunk) => db.selectFrom('orders').select(['id', 'external_id']).where('org_id', '=', orgId).where('external_id', 'in', chunk).execute());

/** The accounts' journeys, the oldest per account and title key. */
export const journeysByTitleKey = async (db: Db, orgId: string, pairs: readonly { accountId: string; titleKey: string }[]) =>
  oldestPerKey(
    await inChunks([...new Set(pairs.map((p) => p.accountId))], (chunk) =>
      db.selectFrom('journeys').select(['id', 'account_id', 'title_key', 'stage']).where('org_id', '=', orgId).where('account_id', 'in', chunk).execute(),
    ),
    (j) => `${j.account_id}\u0000${j.title_key}`,
  );

/** A page of the org's contacts' e-mail keys, by id after `after` (to fill an import's duplicate filter). */
export const contactEmailKeysPage = (db: Db, orgId: string, after: string, limit: number) =>
  db
    .selectFrom('contacts')
    .select(['id', 'email_key'])
    .where('org_id', '=', orgId)
    .where('id', '>', after)
    .orderBy('id')
    .limit(limit)
    .execute();
