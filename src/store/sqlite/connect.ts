import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from '../schema.ts';

export interface SqliteHandle {
  db: Kysely<Database>;
  raw: BetterSqlite3.Database;
}

/** Opens (creating if needed) an SQLite file with WAL, foreign keys and a busy timeout. */
export function openSqlite(file: string): SqliteHandle {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const raw = new BetterSqlite3(file);
  raw.pragma('journal_mode = WAL');
  raw.pragma('foreign_keys = ON');
  raw.pragma('busy_timeout = 5000');
  raw.pragma('synchronous = NORMAL');
  return { db: new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }) }), raw };
}

/** A consistent online copy of the live database, safe while the server writes. */
export async function backupSqlite(raw: BetterSqlite3.Database, target: string): Promise<void> {
  fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
  await raw.backup(target);
}
