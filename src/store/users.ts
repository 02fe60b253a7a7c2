import type { Insertable, Kysely } from 'kysely';
import type { ApiTokenTable, Database, SessionTable, UserRow, UserTable } from './schema.ts';
import { fixedReadOne } from './fixed-read.ts';

type Db = Kysely<Database>;

export const insertUser = (db: Db, row: Insertable<UserTable>) => db.insertInto('users').values(row).execute();

export const findUser = fixedReadOne((db, orgId: string, id: string) =>
  db.selectFrom('users').selectAll().where('org_id', '=', orgId).where('id', '=', id),
);

/** Sign-in names only an e-mail: the one lookup across orgs (docs/decisions/0003). */
export const findUserByEmailKey = (db: Db, emailKey: string): Promise<UserRow | undefined> =>
  db.selectFrom('users').selectAll().where('email_key', '=', emailKey).executeTakeFirst();

export const listUsers = (db: Db, orgId: string) =>
  db.selectFrom('users').selectAll().where('org_id', '=', orgId).orderBy('name').orderBy('id').execute();

export const updateUser = (db: Db, orgId: string, id: string, set: Partial<Pick<UserRow, 'name' | 'role' | 'password_hash' | 'disabled_at'>>) =>
  db.updateTable('users').set(set).where('org_id', '=', orgId).where('id', '=', id).execute();

export const insertSession = (db: Db, row: Insertable<SessionTable>) => db.insertInto('sessions').values(row).execute();

export const findSession = (db: Db, orgId: string, tokenHash: string) =>
  db.selectFrom('sessions').selectAll().where('org_id', '=', orgId).where('token_hash', '=', tokenHash).executeTakeFirst();

export const deleteSession = (db: Db, orgId: string, tokenHash: string) =>
  db.deleteFrom('sessions').where('org_id', '=', orgId).where('token_hash', '=', tokenHash).execute();

export const insertApiToken = (db: Db, row: Insertable<ApiTokenTable>) => db.insertInto('api_tokens').values(row).execute();

export const findApiTokenByHash = (db: Db, orgId: string, tokenHash: string) =>
  db.selectFrom('api_tokens').selectAll().where('org_id', '=', orgId).where('token_hash', '=', tokenHash).executeTakeFirst();

export const findApiToken = (db: Db, orgId: string, id: string) =>
  db.selectFrom('api_tokens').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();

export const listApiTokens = (db: Db, orgId: string, userId: string) =>
  db.selectFrom('api_tokens').selectAll().where('org_id', '=', orgId).where('user_id', '=', userId).orderBy('id').execute();

export const touchApiToken = (db: Db, orgId: string, id: string, at: string) =>
  db.updateTable('api_tokens').set({ last_used_at: at }).where('org_id', '=', orgId).where('id', '=', id).execute();

export const revokeApiToken = (db: Db, orgId: string, id: string, at: string) =>
  db.updateTable('api_tokens').set({ revoked_at: at }).where('org_id', '=', orgId).where('id', '=', id).execute();
