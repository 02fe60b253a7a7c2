import { Kysely, PostgresDialect } from 'kysely';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { ident, type BulkSession, type Cell } from '../bulk.ts';
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
 */
export async function postgresBulkSession<T>(pool: pg.Pool, fn: (session: BulkSession) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken = false;
  // Kysely releases what it is given after each query; this view of the client ignores that.
  const view = new Proxy(client, {
    get(target, prop) {
      if (prop === 'release') return () => {};
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  const single = { connect: async () => view, end: async () => {} } as unknown as pg.Pool;
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: single }) });
  try {
    return await fn({
      db,
      copy: async (table, columns, rows) => {
        if (rows.length === 0) return;
        const stream = client.query(copyFrom(`copy ${ident(table)} (${columns.map(ident).join(', ')}) from stdin`));
        await pipeline(Readable.from(lines(rows)), stream);
      },
      // COPY keeps PostgreSQL's indexes up well enough; nothing to set aside.
      beginLoad: async () => {},
      endLoad: async () => {},
    });
  } catch (err) {
    broken = true;
    throw err;
  } finally {
    // A client whose COPY failed half-way is not handed back to others.
    client.release(broken ? true : undefined);
  }
}
