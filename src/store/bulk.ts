/**
 * Bulk loading: many rows into one table, fast, inside a transaction the
 * caller holds. The two backends differ here (Kysely's own dialect folders
 * do the same): SQLite runs one prepared statement per row, which better-sqlite3
 * makes nearly free; PostgreSQL streams the rows through COPY.
 */
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

export type Cell = string | number | null;

export interface BulkSession {
  /** Kysely on the session's one connection: open the transaction with it. */
  db: Kysely<Database>;
  /** Appends rows (cells in `columns` order) to `table`, in the session's open transaction. */
  copy(table: keyof Database & string, columns: readonly string[], rows: readonly (readonly Cell[])[]): Promise<void>;
}

/** Quotes an identifier we wrote ourselves (a table or column name), never user input. */
export const ident = (name: string): string => {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not an identifier: ${name}`);
  return `"${name}"`;
};
