/** Org settings: one JSON document per org and topic. */
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

type Db = Kysely<Database>;

export const findSetting = (db: Db, orgId: string, key: string) =>
  db.selectFrom('org_settings').select(['value', 'updated_at']).where('org_id', '=', orgId).where('key', '=', key).executeTakeFirst();

export const saveSetting = (db: Db, row: { org_id: string; key: string; value: string; updated_at: string }) =>
  db
    .insertInto('org_settings')
    .values(row)
    .onConflict((oc) => oc.columns(['org_id', 'key']).doUpdateSet({ value: row.value, updated_at: row.updated_at }))
    .execute();
