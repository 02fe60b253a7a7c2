import type { Kysely } from 'kysely';
import type { Database, OrgRow } from './schema.ts';
import { fixedReadOne } from './fixed-read.ts';

type Db = Kysely<Database>;

export const insertOrg = (db: Db, row: OrgRow) => db.insertInto('orgs').values(row).execute();

export const findOrg = fixedReadOne((db, id: string) => db.selectFrom('orgs').selectAll().where('id', '=', id));

export const listOrgs = (db: Db) => db.selectFrom('orgs').selectAll().orderBy('created_at').orderBy('id').execute();
