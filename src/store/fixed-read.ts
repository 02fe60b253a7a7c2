/**
 * Reads whose shape never changes (the same tables, columns and conditions;
 * only the values differ), compiled once per database: each call binds its
 * values to the kept SQL and runs it, skipping Kysely's query builder and
 * compiler. On the short reads of a page like the buyer's room those cost
 * more than SQLite's own work.
 *
 * The query is built once with marker values in place of the arguments, so
 * the SQL and the order of its parameters come from Kysely itself, in the
 * database's dialect; nothing is written by hand.
 */
import { CompiledQuery, type Compilable, type Kysely } from 'kysely';
import type { Database } from './schema.ts';

type Db = Kysely<Database>;

interface Plan {
  sql: string;
  /** for each parameter of the SQL, the index of the argument it takes */
  order: number[];
}

const marker = (i: number) => `\u0000h2h-argument-${i}\u0000`;

/**
 * A read taking string arguments, compiled once per database (its dialect's
 * adapter, shared by its transactions). Answers every row.
 */
export function fixedRead<A extends string[], R>(build: (db: Db, ...args: A) => Compilable<R>): (db: Db, ...args: A) => Promise<R[]> {
  const plans = new WeakMap<object, Plan>();
  return async (db, ...args) => {
    const adapter = db.getExecutor().adapter;
    let plan = plans.get(adapter);
    if (!plan) {
      const markers = args.map((_, i) => marker(i)) as A;
      const compiled = build(db, ...markers).compile();
      const order = compiled.parameters.map((p) => markers.indexOf(p as string));
      if (order.some((i) => i < 0)) throw new Error(`a fixed read has a value that is not one of its arguments: ${compiled.sql}`);
      plan = { sql: compiled.sql, order };
      plans.set(adapter, plan);
    }
    const { sql, order } = plan;
    return (await db.executeQuery<R>(CompiledQuery.raw(sql, order.map((i) => args[i])))).rows;
  };
}

/** The same for a read of at most one row: the row, or undefined. */
export function fixedReadOne<A extends string[], R>(build: (db: Db, ...args: A) => Compilable<R>): (db: Db, ...args: A) => Promise<R | undefined> {
  const read = fixedRead(build);
  return async (db, ...args) => (await read(db, ...args))[0];
}
