/**
 * Bulk loading: many rows into one table, fast, inside a transaction the
 * caller holds. The two backends differ here (Kysely's own dialect folders
 * do the same): SQLite runs one prepared statement per row, which better-sqlite3
 * makes nearly free; PostgreSQL streams the rows through COPY.
 */
import { sql, type Kysely } from 'kysely';
import { KeyFilter } from '../import/key-filter.ts';
import { contactEmailKeysPage, contactsByEmailKey } from './imports.ts';
import type { Database } from './schema.ts';

export type Cell = string | number | null;

/**
 * The org's contacts by e-mail key, as an import of contacts asks for them:
 * nearly every row is new, so `mightHave` rules most out from memory and only
 * the rest are looked up.
 */
export interface ContactEmails {
  /** False: no contact of the org has this key. True: one may; `find` tells. */
  mightHave(key: string): boolean;
  /** The oldest contact with each of these keys that one has, exactly, read in the open transaction. */
  find(tx: Kysely<Database>, keys: readonly string[]): Promise<{ id: string; email_key: string | null }[]>;
  /** Notes the keys of contacts just written, so that later rows find them. */
  added(keys: readonly string[]): void;
}

/** A big load under way (see `BulkSession.beginLoad`). */
export interface Load {
  /** Rebuilds what the load set aside. */
  end(): Promise<void>;
}

export interface BulkSession {
  /** Kysely on the session's one connection: open the transaction with it. */
  db: Kysely<Database>;
  /** Appends rows (cells in `columns` order) to `table`, in the session's open transaction. */
  copy(table: keyof Database & string, columns: readonly string[], rows: readonly (readonly Cell[])[]): Promise<void>;
  /**
   * Readies `table` for a big load into the org (SQLite: a larger page cache, and
   * the secondary indexes set aside, e-mail's included). Call outside a transaction,
   * and `end` the load whatever happens.
   */
  beginLoad(table: keyof Database & string, orgId: string): Promise<Load>;
  /** The org's contacts by e-mail key; during a load of contacts, found without the e-mail index. */
  contactEmails(orgId: string): Promise<ContactEmails>;
}

/** Contacts by e-mail key through the e-mail index, with a filter of every key the org has in front of it. */
export async function indexedContactEmails(db: Kysely<Database>, orgId: string): Promise<ContactEmails> {
  const filter = new KeyFilter(1 << 16);
  for (let after = ''; ; ) {
    const page = await contactEmailKeysPage(db, orgId, after, 10_000);
    for (const c of page) if (c.email_key) filter.add(c.email_key);
    if (page.length < 10_000) break;
    after = page[page.length - 1]!.id;
  }
  return {
    mightHave: (key) => filter.mightHave(key),
    find: (tx, keys) => contactsByEmailKey(tx, orgId, keys),
    added: (keys) => keys.forEach((k) => filter.add(k)),
  };
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
