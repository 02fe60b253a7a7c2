import type BetterSqlite3 from 'better-sqlite3';
import { KeyRefs } from '../../import/key-filter.ts';
import type { ContactEmails } from '../bulk.ts';

/**
 * Contacts by e-mail key while a big load has set the e-mail index aside: every
 * contact of the org as (hash of its e-mail key → rowid), read once before the
 * index goes and kept up by the load's own inserts (`record`, with the rowid
 * SQLite gives each row). A key whose hash is not there is certainly new; for
 * one that is, the rows behind the hash are read by rowid, which is the table's
 * own key, and their keys compared: exact, without the index.
 *
 * Like the filter it replaces, it knows the contacts there were when the load
 * began and those the load writes; not ones another process adds meanwhile.
 */
export class LoadContactEmails implements ContactEmails {
  readonly #refs = new KeyRefs(1 << 16);
  readonly #byRowid: BetterSqlite3.Statement<[number, string]>;

  constructor(
    readonly orgId: string,
    raw: BetterSqlite3.Database,
  ) {
    // (with the index, while it is still there: the covering index is read, not the table)
    const all = raw.prepare('select rowid, email_key from contacts where org_id = ? and email_key is not null').raw();
    for (const [rowid, key] of all.iterate(orgId) as Iterable<[number, string]>) this.#refs.add(key, rowid);
    this.#byRowid = raw.prepare('select id, email_key from contacts where rowid = ? and org_id = ?');
  }

  /** A contact the load just wrote. */
  record(key: string, rowid: number): void {
    this.#refs.add(key, rowid);
  }

  mightHave(key: string): boolean {
    return this.#refs.mightHave(key);
  }

  async find(_tx: unknown, keys: readonly string[]): Promise<{ id: string; email_key: string | null }[]> {
    const wanted = new Set(keys);
    const oldest = new Map<string, { id: string; email_key: string }>();
    // One read by rowid for each: there are few (a hash that matches, about once in
    // 4,000 rows at a million, or a true duplicate). On the one connection, so the
    // open transaction's rows are seen.
    for (const rowid of keys.flatMap((k) => this.#refs.refs(k))) {
      const c = this.#byRowid.get(rowid, this.orgId) as { id: string; email_key: string | null } | undefined;
      if (!c?.email_key || !wanted.has(c.email_key)) continue; // gone, or another key with the same hash
      const held = oldest.get(c.email_key);
      if (!held || c.id < held.id) oldest.set(c.email_key, { id: c.id, email_key: c.email_key });
    }
    return [...oldest.values()];
  }

  /** Nothing to do: `record` saw the rows as they were written. */
  added(): void {}
}
