/**
 * Bulk loading: many rows into one table, fast, inside a transaction the
 * caller holds. The two backends differ here (Kysely's own dialect folders
 * do the same): SQLite runs one prepared statement per row, which better-sqlite3
 * makes nearly free; PostgreSQL streams the rows through COPY.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.ts';

export type Cell = string | number | null;

export interface BulkSession {
  /** Kysely on the session's one connection: open the transaction with it. */
  db: Kysely<Database>;
  /** Appends rows (cells in `columns` order) to `table`, in the session's open transaction. */
  copy(table: keyof Database & string, columns: readonly string[], rows: readonly (readonly Cell[])[]): Promise<void>;
  /**
   * Readies `table` for a big load (SQLite: a larger page cache, and the secondary
   * indexes the load never reads set aside). Call outside a transaction; `endLoad` undoes it.
   */
  beginLoad(table: keyof Database & string): Promise<void>;
  /** Rebuilds what `beginLoad` set aside. */
  endLoad(): Promise<void>;
}

/** Rebuilds every index a load set aside and did not get to rebuild (a killed import): run at start. */
export async function restoreSuspendedIndexes(db: Kysely<Database>): Promise<string[]> {
  const rows = await db.selectFrom('h2h_suspended_indexes').selectAll().orderBy('name').execute();
  for (const r of rows) {
    await db.transaction().execute(async (tx) => {
      await sql.raw(r.sql.replace(/^CREATE INDEX /i, 'CREATE INDEX IF NOT EXISTS ')).execute(tx);
      await tx.deleteFrom('h2h_suspended_indexes').where('name', '=', r.name).execute();
    });
  }
  return rows.map((r) => r.name);
}

/** Quotes an identifier we wrote ourselves (a table or column name), never user input. */
export const ident = (name: string): string => {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not an identifier: ${name}`);
  return `"${name}"`;
};
