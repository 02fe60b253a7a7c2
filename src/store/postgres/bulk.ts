import { Kysely, PostgresDialect } from 'kysely';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { ident, indexedContactEmails, type BulkSession, type Cell } from '../bulk.ts';
import type { Database } from '../schema.ts';

/** COPY's text format: tab between cells, \N for null, and \ escapes for what would break a line. */
function copyCell(cell: Cell): string {
  if (cell === null) return '\\N';
  if (typeof cell === 'number') return String(cell);
  return cell.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

const ROWS_PER_CHUNK = 1000;

function* lines(rows: readonly (readonly Cell[])[]): Generator<string> {
  for (let i = 0; i < rows.length; i += ROWS_PER_CHUNK) {
    let chunk = '';
    for (const row of rows.slice(i, i + ROWS_PER_CHUNK)) chunk += `${row.map(copyCell).join('\t')}\n`;
    yield chunk;
  }
}

/**
 * One client from the pool for the whole session: Kysely runs on it (its
 * "pool" hands out only this client), and COPY streams through it, so both
 * share the transaction the caller opens with `db.transaction()`.
 *
 * A COPY is not awaited: the server takes the rows while the caller reads and
 * checks its next batch (two processes, two cores). Any next statement on the
 * client (a lookup, the next COPY, the commit) first waits for it, so order
 * and errors are as if it had been awaited.
 */
export async function postgresBulkSession<T>(pool: pg.Pool, fn: (session: BulkSession) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken = false;
  let copying: Promise<void> = Promise.resolve();
  const settled = async () => {
    const p = copying;
    copying = Promise.resolve();
    await p;
  };
  // Kysely releases what it is given after each query (this view ignores that), and a
  // query waits for the COPY in flight.
  const view = new Proxy(client, {
    get(target, prop) {
      if (prop === 'release') return () => {};
      if (prop === 'query') return async (...args: unknown[]) => (await settled(), (target.query as (...a: unknown[]) => unknown)(...args));
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  const single = { connect: async () => view, end: async () => {} } as unknown as pg.Pool;
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: single }) });
  try {
    const result = await fn({
      db,
      copy: async (table, columns, rows) => {
        if (rows.length === 0) return;
        await settled();
        const stream = client.query(copyFrom(`copy ${ident(table)} (${columns.map(ident).join(', ')}) from stdin`));
        copying = pipeline(Readable.from(lines(rows)), stream);
        // Not unhandled while nobody waits on it yet: the next statement will see the error.
        copying.catch(() => undefined);
      },
      // COPY keeps PostgreSQL's indexes up well enough; nothing to set aside.
      beginLoad: async () => ({ end: async () => {} }),
      contactEmails: (orgId) => indexedContactEmails(db, orgId),
    });
    await settled();
    return result;
  } catch (err) {
    broken = true;
    throw err;
  } finally {
    // A client whose COPY failed half-way is not handed back to others.
    client.release(broken ? true : undefined);
  }
}
