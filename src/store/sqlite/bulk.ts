import type BetterSqlite3 from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { ident, type BulkSession, type Cell } from '../bulk.ts';
import type { Database } from '../schema.ts';

/**
 * SQLite has one connection: Kysely's transaction and these prepared inserts
 * share it, so the rows land in the transaction the caller opened.
 */
export function sqliteBulkSession(db: Kysely<Database>, raw: BetterSqlite3.Database): BulkSession {
  const statements = new Map<string, BetterSqlite3.Statement>();
  return {
    db,
    copy: async (table, columns, rows) => {
      const sql = `insert into ${ident(table)} (${columns.map(ident).join(', ')}) values (${columns.map(() => '?').join(', ')})`;
      let insert = statements.get(sql);
      if (!insert) statements.set(sql, (insert = raw.prepare(sql)));
      for (const row of rows) insert.run(row as Cell[]);
    },
  };
}
