import type BetterSqlite3 from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { ident, indexedContactEmails, restoreSuspendedIndexes, type BulkSession, type Cell } from '../bulk.ts';
import type { Database } from '../schema.ts';
import { LoadContactEmails } from './contact-emails.ts';

/**
 * Secondary indexes a big load sets aside and rebuilds at its end. Kept up row
 * by row, an index on a random key (a name, an e-mail) costs SQLite a page write
 * per row; built once from the finished table, it takes about a second for a
 * million. Duplicate contacts are found without the e-mail index meanwhile
 * (contact-emails.ts); the indexes an import reads for accounts and orders
 * (org number, name of an account, order number) stay.
 */
const SUSPENDABLE: Partial<Record<keyof Database, string[]>> = {
  contacts: ['contacts_account', 'contacts_name', 'contacts_email'],
  orders: ['orders_account'],
  interactions: ['interactions_journey'],
};

/** Helper threads SQLite may sort with while it rebuilds the set-aside indexes: the machine's second core. */
const REBUILD_THREADS = 2;

/** The page cache during a load (KiB, as SQLite's negative cache_size): more cost memory (the import must stay under 300 MB) and bought no speed. */
const LOAD_CACHE_KIB = 16 * 1024;

/**
 * SQLite has one connection: Kysely's transaction and these prepared inserts
 * share it, so the rows land in the transaction the caller opened.
 */
export function sqliteBulkSession(db: Kysely<Database>, raw: BetterSqlite3.Database): BulkSession {
  const statements = new Map<string, BetterSqlite3.Statement>();
  let cacheBefore: number | null = null;
  /** Loads of contacts under way: each hears of the contacts written to its org. */
  const contactLoads = new Set<LoadContactEmails>();

  /** Inserts contacts, telling each load of their org the e-mail key and rowid of each. */
  const insertContacts = (insert: BetterSqlite3.Statement, columns: readonly string[], rows: readonly (readonly Cell[])[]) => {
    const org = columns.indexOf('org_id');
    const key = columns.indexOf('email_key');
    for (const row of rows) {
      const { lastInsertRowid } = insert.run(row as Cell[]);
      const k = row[key];
      if (typeof k !== 'string') continue;
      for (const load of contactLoads) if (load.orgId === row[org]) load.record(k, Number(lastInsertRowid));
    }
  };

  return {
    db,
    copy: async (table, columns, rows) => {
      const sql = `insert into ${ident(table)} (${columns.map(ident).join(', ')}) values (${columns.map(() => '?').join(', ')})`;
      let insert = statements.get(sql);
      if (!insert) statements.set(sql, (insert = raw.prepare(sql)));
      if (table === 'contacts' && contactLoads.size > 0) return insertContacts(insert, columns, rows);
      for (const row of rows) insert.run(row as Cell[]);
    },
    beginLoad: async (table, orgId) => {
      cacheBefore ??= Number(raw.pragma('cache_size', { simple: true }));
      raw.pragma(`cache_size = -${LOAD_CACHE_KIB}`);
      // The org's e-mail keys are read before their index goes.
      const contacts = table === 'contacts' ? new LoadContactEmails(orgId, raw) : null;
      if (contacts) contactLoads.add(contacts);
      for (const name of SUSPENDABLE[table] ?? []) {
        const found = raw.prepare("select sql from sqlite_master where type = 'index' and name = ?").get(name) as { sql: string } | undefined;
        if (!found) continue;
        // Noted before it goes, in one transaction: a process that dies mid-load leaves the way back.
        raw.transaction(() => {
          raw.prepare('insert into h2h_suspended_indexes (name, sql) values (?, ?) on conflict (name) do nothing').run(name, found.sql);
          raw.exec(`drop index ${ident(name)}`);
        })();
      }
      return {
        end: async () => {
          if (contacts) contactLoads.delete(contacts);
          // CREATE INDEX sorts its keys; with a helper thread SQLite sorts on the second core too (about 0.6 s of 14 for a million contacts).
          raw.pragma(`threads = ${REBUILD_THREADS}`);
          try {
            await restoreSuspendedIndexes(db);
          } finally {
            raw.pragma('threads = 0');
          }
          if (cacheBefore !== null) raw.pragma(`cache_size = ${cacheBefore}`);
          cacheBefore = null;
        },
      };
    },
    contactEmails: async (orgId) => [...contactLoads].find((l) => l.orgId === orgId) ?? indexedContactEmails(db, orgId),
  };
}
