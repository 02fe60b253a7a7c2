/**
 * An import file's rows, checked, in batches: read here, or, for a big file, on a
 * second core by a worker thread (parse-worker.ts) while this one writes. Either
 * way the same code reads and checks the rows (checked.ts), and the batches are
 * the same.
 *
 * The worker runs ahead of the writer by AHEAD batches at most, so memory stays
 * flat however large the file.
 */
import fs from 'node:fs';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { RowChecker, unpack, type PackedBatch, type RowBatch } from './checked.ts';
import type { Entity, Field, ImportFormat } from './columns.ts';
import type { Encoding } from './decode.ts';
import type { RecordOf } from './rows.ts';
import { readCsv, type CsvRow, type FileChunks, type Separator } from './sniff.ts';

export interface ReadOptions<E extends Entity> {
  entity: E;
  separator: Separator | 'whitespace' | undefined;
  /** Whether the first row names the columns (else they are 1, 2, 3 … and the first row is data). */
  header: boolean;
  defaults: ImportFormat<E>['defaults'];
  /** Rows up to this one were written by an earlier run: read past them. */
  after: number;
  /** Rows a batch holds. */
  batchRows: number;
}

/** What the file turned out to be, as far as it has been read. */
export interface Found {
  encoding?: Encoding | undefined;
  separator?: Separator | 'whitespace' | undefined;
}

/** Called with the header row (and what was found by then); answers with the field each column fills, or throws to stop. */
export type OnHeader<E extends Entity> = (headers: string[], found: Found) => Promise<readonly (Field<E> | null)[]>;

export interface RowSource<E extends Entity> extends AsyncIterable<RowBatch<RecordOf[E]>> {
  /** What the file turned out to be; final once every batch has been read. */
  readonly found: Found;
  /** Stops reading (and the worker, if any); safe to call more than once. */
  close(): Promise<void>;
}

/** Whether an error is the CSV parser's (a quote never closed …): the rows before it are good. */
export const isCsvError = (err: unknown): err is Error & { code: string } =>
  err instanceof Error && 'code' in err && typeof err.code === 'string' && err.code.startsWith('CSV_');

/** A checked batch, and the rows it was checked from. */
export interface Checked<E extends Entity> {
  batch: RowBatch<RecordOf[E]>;
  rows: CsvRow[];
}

/**
 * The checked batches of a file's bytes. A file that breaks part-way (a quote
 * never closed) gives the rows before the break as a last batch, then the error.
 */
export async function* checkedBatches<E extends Entity>(chunks: FileChunks, opts: ReadOptions<E>, onHeader: OnHeader<E>, found: Found): AsyncGenerator<Checked<E>> {
  let bytes = 0;
  async function* counted(): AsyncGenerator<Uint8Array> {
    for await (const chunk of chunks) {
      bytes += chunk.length;
      yield chunk;
    }
  }
  const reader = readCsv(counted(), { separator: opts.separator });
  let checker: RowChecker<E> | null = null;
  let pending: CsvRow[] = [];
  const cut = (): Checked<E> => {
    const rows = pending;
    pending = [];
    return { batch: checker!.check(rows, bytes), rows };
  };
  try {
    for await (const rows of reader.batches()) {
      for (const r of rows) {
        if (checker === null) {
          found.encoding = reader.encoding;
          found.separator = reader.separator;
          const columns = await onHeader(opts.header ? r.cells.map((c) => c.trim()) : r.cells.map((_, i) => String(i + 1)), found);
          // A currency the format gives, for a file without a currency column.
          const currency = opts.defaults.currency && !columns.includes('currency' as Field<E>) ? opts.defaults.currency : undefined;
          checker = new RowChecker({ entity: opts.entity, columns, currency });
          // Without a header row, the first row is data too.
          if (opts.header) continue;
        }
        if (r.row <= opts.after) continue;
        pending.push(r);
        if (pending.length >= opts.batchRows) yield cut();
      }
    }
  } catch (err) {
    if (isCsvError(err) && checker !== null && pending.length > 0) yield cut();
    throw err;
  }
  if (pending.length > 0) yield cut();
  found.encoding = reader.encoding;
  found.separator = reader.separator;
}

/** The file's batches, read and checked in this thread: for files too small to be worth a thread. */
export function readRows<E extends Entity>(file: string, opts: ReadOptions<E>, onHeader: OnHeader<E>): RowSource<E> {
  const found: Found = {};
  // (the file is opened when the first batch is asked for)
  const chunks = async function* () {
    yield* fs.createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>;
  };
  const checked = checkedBatches(chunks(), opts, onHeader, found);
  async function* batches(): AsyncGenerator<RowBatch<RecordOf[E]>> {
    for await (const { batch } of checked) yield batch;
  }
  const iterator = batches();
  return {
    found,
    [Symbol.asyncIterator]: () => iterator,
    close: async () => {
      await iterator.return(undefined);
      await checked.return(undefined);
    },
  };
}

/** Messages from the worker. */
export type FromWorker =
  | { type: 'header'; headers: string[]; found: Found }
  | { type: 'batch'; batch: PackedBatch }
  | { type: 'end'; found: Found }
  | { type: 'error'; message: string; code: string | undefined };

/** Messages to the worker: the columns (after the header), or that a batch has been taken. */
export type ToWorker<E extends Entity> = { type: 'columns'; columns: readonly (Field<E> | null)[] } | { type: 'taken' };

/** What the worker is started with. */
export interface WorkerInput<E extends Entity> {
  file: string;
  opts: ReadOptions<E>;
  /** where it sends its messages (FromWorker), each followed by a ping on its parent port */
  port: MessagePort;
  /** the module it runs, and tsx's loader to run TypeScript with (file URLs) */
  entry: string;
  tsx: string;
}

/**
 * Batches the worker may have sent that the writer has not taken yet (16,000 rows,
 * a few MB waiting copied out of both heaps): enough that neither thread waits for
 * the other through the writer's commits and either one's garbage collections.
 */
export const AHEAD = 32;

/**
 * Rows in a batch from the worker. Small enough that no array or string of a
 * batch reaches V8's large-object size (128 KiB): large objects are freed only
 * by a full collection, and between two of those a million rows' worth piles up.
 */
export const WORKER_BATCH_ROWS = 500;

/**
 * The worker's start: TypeScript runs through tsx (as bin/h2h.js runs the app),
 * and a worker does not inherit the loader, so it registers its own first.
 */
const BOOT = `
const { workerData } = require('node:worker_threads');
import(workerData.tsx).then((tsx) => { tsx.register(); return import(workerData.entry); });
`;

/**
 * The file's batches, read and checked by a worker thread: the writer's thread
 * only unpacks them. The worker starts at once, so it is ready by the time the
 * caller has readied the database.
 *
 * A batch is taken off its port only when the writer asks for it (a ping on
 * the worker's own port says one is there): a listener would copy in every
 * batch waiting at once, and batches waiting as objects outlive young garbage
 * collections and pile up in the old generation.
 */
export function readRowsInWorker<E extends Entity>(file: string, opts: ReadOptions<E>, onHeader: OnHeader<E>): RowSource<E> {
  const channel = new MessageChannel();
  const input: WorkerInput<E> = {
    file,
    opts,
    port: channel.port2,
    entry: new URL('./parse-worker.ts', import.meta.url).href,
    tsx: import.meta.resolve('tsx/esm/api'),
  };
  const worker = new Worker(BOOT, {
    eval: true,
    workerData: input,
    transferList: [channel.port2],
    // A small heap: what the worker keeps is a few batches and its caches. V8's default young
    // generation (up to 48 MiB) would cost the import that much memory for garbage, and a
    // bound on the old one makes V8 grow it more sparingly (about 40 MB less at the peak).
    resourceLimits: { maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: 256 },
  });
  const found: Found = {};
  let waiting = 0;
  let failed: Error | null = null;
  let wake: (() => void) | null = null;
  const ping = () => {
    waiting++;
    wake?.();
  };
  const fail = (err: Error) => {
    failed ??= err;
    wake?.();
  };
  worker.on('message', ping);
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`the import's reader stopped (exit code ${code})`)));
  const next = async (): Promise<FromWorker> => {
    // (what the worker sent before it failed still counts: its last message may say why)
    while (waiting === 0 && !failed) await new Promise<void>((resolve) => (wake = resolve));
    wake = null;
    if (waiting === 0) throw failed!;
    waiting--;
    return receiveMessageOnPort(channel.port1)!.message as FromWorker;
  };
  const tell = (m: ToWorker<E>) => worker.postMessage(m);
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await worker.terminate();
    channel.port1.close();
  };

  async function* batches(): AsyncGenerator<RowBatch<RecordOf[E]>> {
    try {
      for (;;) {
        const m = await next();
        if (m.type === 'header') {
          Object.assign(found, m.found);
          tell({ type: 'columns', columns: await onHeader(m.headers, found) });
        } else if (m.type === 'batch') {
          yield unpack(opts.entity, m.batch);
          tell({ type: 'taken' });
        } else if (m.type === 'end') {
          Object.assign(found, m.found);
          return;
        } else {
          throw Object.assign(new Error(m.message), m.code === undefined ? {} : { code: m.code });
        }
      }
    } finally {
      await close();
    }
  }
  const iterator = batches();
  return { found, [Symbol.asyncIterator]: () => iterator, close };
}
