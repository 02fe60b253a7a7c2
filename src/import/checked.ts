/**
 * A file's rows checked and made ready to write, in batches: all of an import
 * that needs no database, so that a big load can run it on a second core
 * (row-source.ts) while the first one writes.
 */
import { nameKey } from '../domain/swedish.ts';
import type { Entity, Field } from './columns.ts';
import { toRecord, type RecordOf } from './rows.ts';
import type { CsvRow } from './sniff.ts';

export interface GoodRow<R> {
  row: number;
  record: R;
  /** The Swedish name key of the record's name (accounts, contacts), else null. */
  nameKey: string | null;
  /** The Swedish name key of the account the record names by name, else null. */
  accountKey: string | null;
}

export interface Reject {
  row: number;
  cells: string[];
  reason: string;
}

export interface RowBatch<R = unknown> {
  good: GoodRow<R>[];
  rejects: Reject[];
  /** The last row of the file in the batch: what the job's progress says once it is written. */
  lastRow: number;
  /** How many of the file's rows the batch holds, good and rejected. */
  size: number;
  /** Bytes of the file read when the batch was cut. */
  bytes: number;
  /** A row's cells as the file has them (for a row the writer refuses after all). */
  cellsOf(row: number): string[];
}

/** How to check a file's rows: the field each column fills, and a currency for files without a currency column. */
export interface RowRules<E extends Entity> {
  entity: E;
  columns: readonly (Field<E> | null)[];
  currency?: string | undefined;
}

/** The index of `row` in an ascending list of row numbers. */
function indexOfRow(rows: ArrayLike<number>, row: number): number {
  let lo = 0;
  let hi = rows.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (rows[mid]! < row) lo = mid + 1;
    else hi = mid;
  }
  if (rows[lo] !== row) throw new Error(`row ${row} is not in the batch`);
  return lo;
}

/**
 * Name keys of the account names seen: a file names each company on many rows,
 * and a name key takes a microsecond or so. Bounded, like the writer's account cache.
 */
class AccountKeys {
  static readonly LIMIT = 200_000;
  readonly #keys = new Map<string, string>();

  of(name: string): string {
    let key = this.#keys.get(name);
    if (key === undefined) {
      if (this.#keys.size >= AccountKeys.LIMIT) this.#keys.clear();
      this.#keys.set(name, (key = nameKey(name)));
    }
    return key;
  }
}

/** Checks a file's rows batch by batch: each becomes a record to write, with its keys, or a reject with every reason. */
export class RowChecker<E extends Entity> {
  readonly #accountKeys = new AccountKeys();

  constructor(readonly rules: RowRules<E>) {}

  check(rows: readonly CsvRow[], bytes: number): RowBatch<RecordOf[E]> {
    const { entity, columns, currency } = this.rules;
    const good: GoodRow<RecordOf[E]>[] = [];
    const rejects: Reject[] = [];
    for (const { row, cells } of rows) {
      const parsed = toRecord(entity, columns, cells);
      if (!parsed.ok) {
        rejects.push({ row, cells, reason: parsed.reason });
        continue;
      }
      const r = parsed.value as Partial<Record<'name' | 'account' | 'currency', unknown>>;
      if (currency && 'currency' in r) r.currency = currency;
      good.push({
        row,
        record: parsed.value,
        nameKey: typeof r.name === 'string' ? nameKey(r.name) : null,
        accountKey: typeof r.account === 'string' ? this.#accountKeys.of(r.account) : null,
      });
    }
    const numbers = rows.map((r) => r.row);
    return { good, rejects, lastRow: numbers[numbers.length - 1] ?? 0, size: rows.length, bytes, cellsOf: (row) => rows[indexOfRow(numbers, row)]!.cells };
  }
}

/** Every key a record of each entity may have, in the order toRecord gives them. */
const RECORD_KEYS: { [E in Entity]: readonly (keyof RecordOf[E])[] } = {
  accounts: ['name', 'kind', 'orgNumber', 'website'],
  contacts: ['name', 'firstName', 'lastName', 'email', 'emailKey', 'phone', 'title', 'buyingRole', 'account', 'accountOrgNumber'],
  orders: ['account', 'accountOrgNumber', 'orderedAt', 'product', 'quantity', 'amountMinor', 'currency', 'externalId'],
  interactions: ['account', 'accountOrgNumber', 'journey', 'contactEmail', 'channel', 'direction', 'occurredAt', 'summary', 'purpose'],
};

/**
 * A batch as it crosses between threads: flat arrays of strings and numbers,
 * not objects. A structured clone builds objects property by property, which
 * for a million rows costs the receiving thread seconds; flat arrays cost it
 * a fraction. The cells, wanted only for the rare row refused, travel as one
 * string and are cut out when asked for.
 */
export interface PackedBatch {
  /** the good rows: numbers, record values (RECORD_KEYS of each, in turn), keys */
  rows: number[];
  values: unknown[];
  nameKeys: (string | null)[];
  accountKeys: (string | null)[];
  rejects: { row: number; reason: string }[];
  /** every row of the batch (good and rejected, in file order): number, how many cells, each cell's length, the cells end to end */
  cellRows: number[];
  cellCounts: number[];
  cellLengths: number[];
  cellText: string;
  lastRow: number;
  size: number;
  bytes: number;
}

export function pack<E extends Entity>(entity: E, batch: RowBatch<RecordOf[E]>, rows: readonly CsvRow[]): PackedBatch {
  const keys = RECORD_KEYS[entity];
  const { good } = batch;
  const values: unknown[] = [];
  for (const g of good) for (const k of keys) values.push(g.record[k]);
  const cellLengths: number[] = [];
  const text: string[] = [];
  for (const { cells } of rows) {
    for (const c of cells) {
      cellLengths.push(c.length);
      text.push(c);
    }
  }
  return {
    rows: good.map((g) => g.row),
    values,
    nameKeys: good.map((g) => g.nameKey),
    accountKeys: good.map((g) => g.accountKey),
    rejects: batch.rejects.map((r) => ({ row: r.row, reason: r.reason })),
    cellRows: rows.map((r) => r.row),
    cellCounts: rows.map((r) => r.cells.length),
    cellLengths,
    cellText: text.join(''),
    lastRow: batch.lastRow,
    size: batch.size,
    bytes: batch.bytes,
  };
}

export function unpack<E extends Entity>(entity: E, p: PackedBatch): RowBatch<RecordOf[E]> {
  const keys = RECORD_KEYS[entity] as readonly string[];
  const k = keys.length;
  const good: GoodRow<RecordOf[E]>[] = new Array(p.rows.length);
  for (let i = 0; i < good.length; i++) {
    const record: Record<string, unknown> = {};
    for (let j = 0; j < k; j++) {
      const v = p.values[i * k + j];
      if (v !== undefined) record[keys[j]!] = v;
    }
    good[i] = { row: p.rows[i]!, record: record as unknown as RecordOf[E], nameKey: p.nameKeys[i]!, accountKey: p.accountKeys[i]! };
  }
  // Where each row's cells start (in cells, and in the text): worked out the first time a row is asked for.
  let starts: { cell: number[]; text: number[] } | null = null;
  const cellsOf = (row: number): string[] => {
    if (!starts) {
      starts = { cell: [0], text: [0] };
      let c = 0;
      let t = 0;
      for (const count of p.cellCounts) {
        for (let j = 0; j < count; j++) t += p.cellLengths[c + j]!;
        c += count;
        starts.cell.push(c);
        starts.text.push(t);
      }
    }
    const i = indexOfRow(p.cellRows, row);
    const cells: string[] = [];
    for (let c = starts.cell[i]!, t = starts.text[i]!; c < starts.cell[i + 1]!; t += p.cellLengths[c]!, c++) cells.push(p.cellText.slice(t, t + p.cellLengths[c]!));
    return cells;
  };
  const rejects = p.rejects.map((r) => ({ row: r.row, reason: r.reason, cells: cellsOf(r.row) }));
  return { good, rejects, lastRow: p.lastRow, size: p.size, bytes: p.bytes, cellsOf };
}
