import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, type SqliteDatabase } from 'kysely';
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
  return { db: new Kysely<Database>({ dialect: new SqliteDialect({ database: keepingStatements(raw) }) }), raw };
}

/** Prepared statements kept, by SQL text: enough for every query the app writes, with room for IN lists of many lengths. */
export const STATEMENT_CACHE_SIZE = 2000;

/**
 * The database as Kysely sees it, keeping each prepared statement for the
 * next time its SQL comes. Kysely prepares every query on every run, and for
 * our short reads preparing costs as much as running (a sixth of the room's
 * time under load). Safe because Kysely runs one query at a time on the one
 * connection, so a kept statement is never busy when it is handed out again;
 * SQLite re-prepares a kept statement itself after a schema change. The
 * least recently used statement goes when the cache is full.
 */
function keepingStatements(raw: BetterSqlite3.Database, size = STATEMENT_CACHE_SIZE): SqliteDatabase {
  const kept = new Map<string, BetterSqlite3.Statement>();
  return {
    prepare(sql) {
      let stmt = kept.get(sql);
      if (stmt) {
        kept.delete(sql);
      } else {
        stmt = raw.prepare(sql);
        if (kept.size >= size) kept.delete(kept.keys().next().value as string);
      }
      kept.set(sql, stmt);
      return stmt;
    },
    close: () => raw.close(),
  };
}

/** A consistent online copy of the live database, safe while the server writes. */
export async function backupSqlite(raw: BetterSqlite3.Database, target: string): Promise<void> {
  fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
  await raw.backup(target);
}
