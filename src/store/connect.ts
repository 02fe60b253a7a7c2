/**
 * One entry to storage: SQLite at a file by default, PostgreSQL when the URL
 * says so. Everything above this file sees only `Store`.
 */
import type { Kysely } from 'kysely';
import type { SqlDialect } from './migrations/index.ts';
import { backupSqlite, openSqlite } from './sqlite/connect.ts';
import { openPostgres } from './postgres/connect.ts';
import type { Database } from './schema.ts';

export interface Store {
  db: Kysely<Database>;
  dialect: SqlDialect;
  /** A consistent copy of the live database; only SQLite can do this itself. */
  backup(target: string): Promise<void>;
  close(): Promise<void>;
}

export function openStore(opts: { databaseUrl?: string | undefined; sqliteFile: string }): Store {
  const url = opts.databaseUrl;
  if (url && /^postgres(ql)?:\/\//.test(url)) {
    const db = openPostgres(url);
    return {
      db,
      dialect: 'postgres',
      backup: async () => {
        throw new Error('backup of PostgreSQL is done by pg_dump: pg_dump --format=custom --file=FILE "$H2H_DATABASE_URL"');
      },
      close: () => db.destroy(),
    };
  }
  const { db, raw } = openSqlite(opts.sqliteFile);
  return { db, dialect: 'sqlite', backup: (target) => backupSqlite(raw, target), close: () => db.destroy() };
}
