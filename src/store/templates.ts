import type { Insertable, Kysely } from 'kysely';
import type { Database, ProcessTemplateTable } from './schema.ts';
import { fixedReadOne } from './fixed-read.ts';

type Db = Kysely<Database>;

export const insertTemplate = (db: Db, row: Insertable<ProcessTemplateTable>) => db.insertInto('process_templates').values(row).execute();

export const findTemplate = fixedReadOne((db, orgId: string, id: string) =>
  db.selectFrom('process_templates').selectAll().where('org_id', '=', orgId).where('id', '=', id),
);

export const findTemplates = (db: Db, orgId: string, ids: readonly string[]) =>
  ids.length === 0 ? Promise.resolve([]) : db.selectFrom('process_templates').selectAll().where('org_id', '=', orgId).where('id', 'in', ids).execute();

export const findTemplateByKey = (db: Db, orgId: string, key: string) =>
  db.selectFrom('process_templates').selectAll().where('org_id', '=', orgId).where('key', '=', key).executeTakeFirst();

export const listTemplates = (db: Db, orgId: string) =>
  db.selectFrom('process_templates').selectAll().where('org_id', '=', orgId).orderBy('builtin', 'desc').orderBy('key').execute();

export const replaceTemplateStages = (db: Db, orgId: string, id: string, set: { name_sv: string; name_en: string; stages: string }) =>
  db.updateTable('process_templates').set(set).where('org_id', '=', orgId).where('id', '=', id).execute();
