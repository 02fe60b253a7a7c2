/**
 * One entry to storage: SQLite at a file by default, PostgreSQL when the URL
 * says so. Everything above this file sees only `Store`.
 */
import type { Kysely } from 'kysely';
import type { SqlDialect } from './migrations/index.ts';
import { backupSqlite, openSqlite } from './sqlite/connect.ts';
import type { BulkSession } from './bulk.ts';
import { postgresBulkSession } from './postgres/bulk.ts';
import { openPostgres } from './postgres/connect.ts';
import { sqliteBulkSession } from './sqlite/bulk.ts';
import type { Database } from './schema.ts';

export interface Store {
  db: Kysely<Database>;
  dialect: SqlDialect;
  /** Runs `fn` with a session for bulk loading (imports): one connection, and a fast way to append rows. */
  bulk<T>(fn: (session: BulkSession) => Promise<T>): Promise<T>;
  /** A consistent copy of the live database; only SQLite can do this itself. */
  backup(target: string): Promise<void>;
  close(): Promise<void>;
}

export function openStore(opts: { databaseUrl?: string | undefined; sqliteFile: string }): Store {
  const url = opts.databaseUrl;
  if (url && /^postgres(ql)?:\/\//.test(url)) {
    const { db, pool } = openPostgres(url);
    return {
      db,
      dialect: 'postgres',
      bulk: (fn) => postgresBulkSession(pool, fn),
      backup: async () => {
        throw new Error('backup of PostgreSQL is done by pg_dump: pg_dump --format=custom --file=FILE "$H2H_DATABASE_URL"');
      },
      close: () => db.destroy(),
    };
  }
  const { db, raw } = openSqlite(opts.sqliteFile);
  const session = sqliteBulkSession(db, raw);
  return { db, dialect: 'sqlite', bulk: (fn) => fn(session), backup: (target) => backupSqlite(raw, target), close: () => db.destroy() };
}
