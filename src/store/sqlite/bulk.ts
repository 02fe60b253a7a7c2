import type BetterSqlite3 from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { ident, restoreSuspendedIndexes, type BulkSession, type Cell } from '../bulk.ts';
import type { Database } from '../schema.ts';

/**
 * Secondary indexes a big load sets aside and rebuilds at its end. Kept up row
 * by row, an index on a random key (a name) costs SQLite a page write per row;
 * built once from the finished table, it takes about a second for a million.
 * The indexes an import reads to find duplicates (e-mail, org number, name of
 * an account, order number) stay.
 */
const SUSPENDABLE: Partial<Record<keyof Database, string[]>> = {
  contacts: ['contacts_account', 'contacts_name'],
  orders: ['orders_account'],
  interactions: ['interactions_journey'],
};

/** The page cache during a load (KiB, as SQLite's negative cache_size): more cost memory (the import must stay under 300 MB) and bought no speed. */
const LOAD_CACHE_KIB = 16 * 1024;

/**
 * SQLite has one connection: Kysely's transaction and these prepared inserts
 * share it, so the rows land in the transaction the caller opened.
 */
export function sqliteBulkSession(db: Kysely<Database>, raw: BetterSqlite3.Database): BulkSession {
  const statements = new Map<string, BetterSqlite3.Statement>();
  let cacheBefore: number | null = null;
  return {
    db,
    copy: async (table, columns, rows) => {
      const sql = `insert into ${ident(table)} (${columns.map(ident).join(', ')}) values (${columns.map(() => '?').join(', ')})`;
      let insert = statements.get(sql);
      if (!insert) statements.set(sql, (insert = raw.prepare(sql)));
      for (const row of rows) insert.run(row as Cell[]);
    },
    beginLoad: async (table) => {
      cacheBefore ??= Number(raw.pragma('cache_size', { simple: true }));
      raw.pragma(`cache_size = -${LOAD_CACHE_KIB}`);
      for (const name of SUSPENDABLE[table] ?? []) {
        const found = raw.prepare("select sql from sqlite_master where type = 'index' and name = ?").get(name) as { sql: string } | undefined;
        if (!found) continue;
        // Noted before it goes, in one transaction: a process that dies mid-load leaves the way back.
        raw.transaction(() => {
          raw.prepare('insert into h2h_suspended_indexes (name, sql) values (?, ?) on conflict (name) do nothing').run(name, found.sql);
          raw.exec(`drop index ${ident(name)}`);
        })();
      }
    },
    endLoad: async () => {
      await restoreSuspendedIndexes(db);
      if (cacheBefore !== null) raw.pragma(`cache_size = ${cacheBefore}`);
      cacheBefore = null;
    },
  };
}
