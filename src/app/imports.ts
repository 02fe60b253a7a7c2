/**
 * Import jobs: a CSV file of accounts, contacts, orders or interactions, read
 * as a stream and written in batches.
 *
 * Nothing lost, nothing twice. A job is keyed by its file's SHA-256 and entity.
 * Each batch goes in one transaction together with the job's progress (the
 * last row committed), its rejected rows and an audit entry; a batch is in or
 * not at all. Run the same file again, after a crash or a kill, and the job
 * goes on after the last committed row; run it once it is done and nothing
 * happens. The progress update also checks the row it expects, so two runs of
 * one job at once cannot both write a batch.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { ENTITIES, FIELDS, mapHeaders, readFormat, type ColumnMap, type Entity, type ImportFormat } from '../import/columns.ts';
import { csvLine, UTF8_BOM } from '../import/csv-out.ts';
import type { RowBatch } from '../import/checked.ts';
import { isCsvError, readRows, readRowsInWorker, WORKER_BATCH_ROWS, type OnHeader, type ReadOptions } from '../import/row-source.ts';
import type { RecordOf } from '../import/rows.ts';
import { readCsv } from '../import/sniff.ts';
import type { BulkSession } from '../store/bulk.ts';
import {
  findImportJob,
  findImportJobByFile,
  insertImportJob,
  listImportJobs,
  listImportRejects,
  topRejectReasons,
  updateImportJob,
} from '../store/imports.ts';
import { fromJson, toJson } from '../store/json.ts';
import type { Database, ImportJobRow } from '../store/schema.ts';
import type { ControlledTransaction } from 'kysely';
import { findTemplateByKey } from '../store/templates.ts';
import { newId, Writer, type Actor, type AppContext } from './context.ts';
import { recomputeLoyalty } from './loyalty.ts';
import { AppError, invalid, notFound } from './errors.ts';
import { AccountCache, WRITERS, type Batch, type BatchOutcome, type OnDuplicate } from './import-writers.ts';
import { requireAdmin } from './permissions.ts';
import { templateDef } from './views.ts';

/** Rows per transaction (and per batch, but in a big load): big enough to be fast, small enough that a kill loses little work. */
export const IMPORT_BATCH = 2000;
/** The largest file the API takes. */
export const MAX_UPLOAD_BYTES = 2 * 1024 ** 3;

export type ImportStatus = 'uploaded' | 'running' | 'done' | 'failed';

export interface ImportView {
  id: string;
  entity: Entity;
  fileName: string;
  fileSize: number;
  status: ImportStatus;
  encoding: string | null;
  separator: string | null;
  /** the file's header row and the field each column fills (null: not imported) */
  columns: { header: string; field: string | null }[];
  /** fields the entity needs that no column fills yet */
  missing: string[];
  onDuplicate: OnDuplicate;
  bytesDone: number;
  rowsRead: number;
  inserted: number;
  updated: number;
  duplicates: number;
  rejected: number;
  /** the commonest reasons rows were rejected */
  /** the commonest kinds of reason, each with how many rows and one example */
  reasons: { kind: string; reason: string; count: number }[];
  error: string | null;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
}

export interface Progress {
  job: ImportView;
  /** rows per second in this run */
  rate: number;
  /** seconds to the end of the file at this run's pace, or null before the pace is known */
  secondsLeft: number | null;
}

export type OnProgress = (p: Progress) => void;

const entityOf = (e: string): Entity => (ENTITIES as readonly string[]).includes(e) ? (e as Entity) : 'contacts';

/** The job's headers and how to read its file (stored in column_map as an ImportFormat). */
function mappingOf(job: ImportJobRow): { headers: string[]; map: ColumnMap<Entity> | undefined; format: ImportFormat<Entity> } {
  const format = readFormat(entityOf(job.entity), fromJson<unknown>(job.column_map) ?? undefined);
  const f: ImportFormat<Entity> = format.ok ? format.value : { columns: undefined, separator: undefined, header: true, defaults: {} };
  return { headers: fromJson<string[]>(job.headers) ?? [], map: f.columns, format: f };
}

/** A format as stored: the plain facts, so that readFormat reads it back the same. */
const storedFormat = (f: ImportFormat<Entity>) =>
  toJson({ columns: f.columns ?? {}, ...(f.separator && { separator: f.separator === '\t' ? 'tab' : f.separator }), header: f.header, defaults: f.defaults });

/** The user's map (`--map`, or the page's `columns`) as a format; a clear 422 when it is wrong. */
function formatOf(entity: Entity, json: unknown): ImportFormat<Entity> {
  const format = readFormat(entity, json);
  if (!format.ok) throw invalid('body.columns', format.reason);
  return format.value;
}

async function view(ctx: AppContext, job: ImportJobRow): Promise<ImportView> {
  const reasons = job.rows_rejected > 0 ? await topRejectReasons(ctx.store.db, job.org_id, job.id, 5) : [];
  return { ...staticView(job), reasons: reasons.map((r) => ({ kind: r.reason_kind, reason: String(r.reason), count: Number(r.count) })) };
}

/** The job as its row says, without the reasons for rejects (which take a query). */
function staticView(job: ImportJobRow): ImportView {
  const entity = entityOf(job.entity);
  const { headers, map } = mappingOf(job);
  const mapping = headers.length > 0 ? mapHeaders(entity, headers, map) : undefined;
  return {
    id: job.id,
    entity,
    fileName: job.file_name,
    fileSize: Number(job.file_size),
    status: job.status as ImportStatus,
    encoding: job.encoding,
    separator: job.separator,
    columns: headers.map((header, i) => ({ header, field: mapping?.columns[i] ?? null })),
    missing: mapping?.missing ?? [],
    onDuplicate: job.on_duplicate as OnDuplicate,
    bytesDone: Number(job.bytes_done),
    rowsRead: Number(job.rows_read),
    inserted: Number(job.rows_inserted),
    updated: Number(job.rows_updated),
    duplicates: Number(job.rows_duplicate),
    rejected: Number(job.rows_rejected),
    reasons: [],
    error: job.error,
    createdAt: job.created_at,
    updatedAt: job.updated_at,
    finishedAt: job.finished_at,
  };
}

/** SHA-256 and size of a file, read as a stream. */
async function fingerprint(file: string): Promise<{ hash: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of fs.createReadStream(file) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    size += chunk.length;
  }
  return { hash: hash.digest('hex'), size };
}

/** The header row of a file, its encoding and separator, without reading the rest. */
async function readHead(file: string, format?: ImportFormat<Entity>) {
  const reader = readCsv(fs.createReadStream(file), { separator: format?.separator });
  try {
    for await (const row of reader) {
      const headers = format?.header === false ? row.cells.map((_, i) => String(i + 1)) : row.cells.map((c) => c.trim());
      return { headers, encoding: reader.encoding ?? null, separator: reader.separator ?? null };
    }
  } catch (err) {
    const problem = csvProblem(err);
    if (problem !== null) throw invalid('body', problem);
    throw err;
  }
  return { headers: [] as string[], encoding: reader.encoding ?? null, separator: reader.separator ?? null };
}

/** Checks a user's map against the entity and the file: a clear 422 for a field that is not there or still missing. */
function checkedMap(entity: Entity, headers: readonly string[], map: ColumnMap<Entity> | undefined): { missing: string[] } {
  const mapping = mapHeaders(entity, headers, map);
  if (mapping.unusedMapKeys.length > 0) throw invalid('body.columns', `The file has no column ${mapping.unusedMapKeys.map((k) => `"${k}"`).join(', ')}.`);
  return { missing: mapping.missing };
}

const missingMessage = (entity: Entity, missing: readonly string[]) =>
  `No column fills ${missing.map((m) => `"${m}"`).join(', ')}, which ${entity} need; map one (fields: ${FIELDS[entity].fields.join(', ')}).`;

// --- running a job ---------------------------------------------------------

/** Jobs running in this process, so that a second start of one waits instead of racing. */
const active = new Map<string, Promise<ImportView>>();

/** Rows per transaction in a big load: several batches, so SQLite writes each index page once for many rows. */
export const BIG_LOAD_TX_ROWS = 100_000;
/** A file at least this big is a big load: the store may set secondary indexes aside while it runs (store/sqlite/bulk.ts). */
export const BIG_LOAD_BYTES = 16 * 1024 * 1024;

interface Counts {
  next_row: number;
  bytes_done: number;
  rows_read: number;
  rows_inserted: number;
  rows_updated: number;
  rows_duplicate: number;
  rows_rejected: number;
}

const countsOf = (job: ImportJobRow): Counts => ({
  next_row: Number(job.next_row),
  bytes_done: Number(job.bytes_done),
  rows_read: Number(job.rows_read),
  rows_inserted: Number(job.rows_inserted),
  rows_updated: Number(job.rows_updated),
  rows_duplicate: Number(job.rows_duplicate),
  rows_rejected: Number(job.rows_rejected),
});

/**
 * Reads the file from its start and writes every row after the last committed
 * one: batches of IMPORT_BATCH rows, each transaction ending with the job's
 * progress. In a big load a transaction holds BIG_LOAD_TX_ROWS rows, and on
 * SQLite the rows are read and checked on a second core (import/row-source.ts),
 * in smaller batches, while this one writes.
 */
async function run(ctx: AppContext, actor: Actor, jobId: string, file: string, onProgress?: OnProgress): Promise<ImportView> {
  const db = ctx.store.db;
  const job = await findImportJob(db, actor.orgId, jobId);
  if (!job) throw notFound('import');
  const entity = entityOf(job.entity);
  const { map, format } = mappingOf(job);
  const onDuplicate = job.on_duplicate as OnDuplicate;
  const size = Number(job.file_size);
  const big = size >= BIG_LOAD_BYTES;
  const started = Date.now();
  let readThisRun = 0;

  const journeyDefaults = await interactionDefaults(ctx, actor);
  const accounts = new AccountCache();
  // What is committed, and what the open transaction adds to it.
  let committed = countsOf(job);
  let open: Counts = { ...committed };
  const report = () => onProgress?.(progressOf(job, open, readThisRun, started, open.bytes_done, size));

  const onHeader: OnHeader<Entity> = async (headers, found) => {
    const mapping = mapHeaders(entity, headers, map);
    if (mapping.missing.length > 0) throw new AppError('validation', missingMessage(entity, mapping.missing));
    await updateImportJob(db, actor.orgId, jobId, { headers: toJson(headers), encoding: found.encoding ?? null, separator: found.separator ?? null });
    return mapping.columns;
  };
  // A worker reads a big load on SQLite, whose writing takes this thread's core; on PostgreSQL
  // the server's process writes on the other core, and a worker there cost memory and bought
  // no speed. (Started before the database is readied, so that the worker is ready when it is.)
  const inWorker = big && ctx.store.dialect === 'sqlite';
  const readOptions: ReadOptions<Entity> = {
    entity,
    separator: format.separator,
    header: format.header,
    defaults: format.defaults,
    after: committed.next_row,
    batchRows: inWorker ? WORKER_BATCH_ROWS : IMPORT_BATCH,
  };
  const source = inWorker ? readRowsInWorker(file, readOptions, onHeader) : readRows(file, readOptions, onHeader);

  try {
    await ctx.store.bulk(async (session) => {
      // A smaller file commits every batch: finer progress, and less to redo after a stop.
      const txRows = big ? BIG_LOAD_TX_ROWS : IMPORT_BATCH;
      const load = big ? await session.beginLoad(entity, actor.orgId) : null;
      try {
        // (after beginLoad: a load of contacts finds them without the e-mail index it set aside)
        const emails = entity === 'contacts' ? await session.contactEmails(actor.orgId) : null;
        // The open transaction, if any (a holder: the closures below change it).
        const current: { trx: ControlledTransaction<Database> | null } = { trx: null };
        let events: Writer['events'] = [];
        let inTx = 0;

        const write = async (batch: RowBatch<RecordOf[Entity]>) => {
          current.trx ??= await session.db.startTransaction().execute();
          const w = new Writer(current.trx, actor, ctx.now());
          const outcome = await writeBatch(w, session, job, entity, batch, { onDuplicate, accounts, emails, journeyDefaults });
          events = events.concat(w.events);
          open = {
            next_row: batch.lastRow,
            bytes_done: batch.bytes,
            rows_read: open.rows_read + batch.size,
            rows_inserted: open.rows_inserted + outcome.inserted,
            rows_updated: open.rows_updated + outcome.updated,
            rows_duplicate: open.rows_duplicate + outcome.duplicates,
            rows_rejected: open.rows_rejected + outcome.rejected,
          };
          readThisRun += batch.size;
          inTx += batch.size;
          report();
        };
        const commit = async () => {
          const tx = current.trx;
          if (!tx) return;
          try {
            // Only from the row this run expects: another run of the same job that got here first wins.
            const moved = await tx
              .updateTable('import_jobs')
              .set({ ...open, status: 'running', updated_at: ctx.now().toISOString() })
              .where('org_id', '=', actor.orgId)
              .where('id', '=', jobId)
              .where('next_row', '=', committed.next_row)
              .executeTakeFirst();
            if (Number(moved.numUpdatedRows) !== 1) throw new AppError('conflict', 'Another run of this import is writing the same rows; this one stops.');
            // One audit entry for what this transaction wrote (one per row would double the work).
            await new Writer(tx, actor, ctx.now()).audit('import.rows', 'import_job', jobId, null, {
              entity,
              afterRow: committed.next_row,
              throughRow: open.next_row,
              inserted: open.rows_inserted - committed.rows_inserted,
              updated: open.rows_updated - committed.rows_updated,
              duplicates: open.rows_duplicate - committed.rows_duplicate,
              rejected: open.rows_rejected - committed.rows_rejected,
            });
            await tx.commit().execute();
          } catch (err) {
            await tx.rollback().execute();
            throw err;
          } finally {
            current.trx = null;
          }
          committed = { ...open };
          inTx = 0;
          if (events.length > 0) ctx.onCommit?.(events);
          events = [];
        };

        try {
          try {
            for await (const batch of source) {
              await write(batch);
              if (inTx >= txRows) await commit();
            }
          } catch (err) {
            // A file that breaks part-way (a quote never closed) keeps the good rows before the break.
            if (isCsvError(err)) await commit();
            throw err;
          }
          await commit();
        } finally {
          if (current.trx) await current.trx.rollback().execute();
        }
        const iso = ctx.now().toISOString();
        await updateImportJob(db, actor.orgId, jobId, { status: 'done', bytes_done: size, encoding: source.found.encoding ?? null, updated_at: iso, finished_at: iso, error: null });
      } finally {
        await load?.end();
      }
    });
  } catch (err) {
    const known = err instanceof AppError ? err.message : csvProblem(err);
    await updateImportJob(db, actor.orgId, jobId, {
      status: 'failed',
      error: known ?? 'The import stopped on an unexpected error; run it again to go on where it stopped.',
      updated_at: ctx.now().toISOString(),
    });
    if (known === null) throw err;
  } finally {
    await source.close();
  }
  const done = await view(ctx, (await findImportJob(db, actor.orgId, jobId))!);
  onProgress?.({ job: done, rate: rateOf(readThisRun, started), secondsLeft: 0 });
  return done;
}

/** A file that cannot be read as CSV, said plainly; null for any other error. */
function csvProblem(err: unknown): string | null {
  return isCsvError(err) ? `The file cannot be read as CSV: ${err.message}` : null;
}

const rateOf = (rows: number, started: number) => {
  const s = (Date.now() - started) / 1000;
  return s > 0 ? rows / s : 0;
};

/** Progress from what this run has counted so far, without asking the database (its connection may be busy). */
function progressOf(job: ImportJobRow, counts: Counts, rows: number, started: number, bytes: number, size: number): Progress {
  const seconds = (Date.now() - started) / 1000;
  const left = bytes > 0 && seconds > 0.5 ? ((size - bytes) / bytes) * seconds : null;
  return {
    job: {
      ...staticView(job),
      status: 'running',
      bytesDone: counts.bytes_done,
      rowsRead: counts.rows_read,
      inserted: counts.rows_inserted,
      updated: counts.rows_updated,
      duplicates: counts.rows_duplicate,
      rejected: counts.rows_rejected,
    },
    rate: rateOf(rows, started),
    secondsLeft: left === null ? null : Math.max(0, left),
  };
}

/** A reason with the values it quotes left out, so that rows refused for the same thing count together. */
export const reasonKind = (reason: string): string => reason.replace(/: "(?:[^"\\]|\\.)*"/g, ': "…"');

/** One batch of checked rows written by the entity's writer, rejects with them (the audit entry is the transaction's). */
async function writeBatch(
  w: Writer,
  session: BulkSession,
  job: ImportJobRow,
  entity: Entity,
  batch: RowBatch<RecordOf[Entity]>,
  rules: Pick<Batch<unknown>, 'onDuplicate' | 'accounts' | 'emails' | 'journeyDefaults'>,
): Promise<{ inserted: number; updated: number; duplicates: number; rejected: number }> {
  const writer = WRITERS[entity] as (b: Batch<RecordOf[Entity]>) => Promise<BatchOutcome>;
  const outcome = batch.good.length > 0 ? await writer({ ...rules, w, jobId: job.id, copy: session.copy, rows: batch.good }) : { inserted: 0, updated: 0, duplicates: 0, rejects: [] };
  const all = batch.rejects.concat(outcome.rejects.map((r) => ({ ...r, cells: batch.cellsOf(r.row) })));
  await session.copy(
    'import_rejects',
    ['org_id', 'job_id', 'row', 'cells', 'reason', 'reason_kind'],
    all.map((r) => [w.actor.orgId, job.id, r.row, toJson(r.cells), r.reason, reasonKind(r.reason)]),
  );
  return { inserted: outcome.inserted, updated: outcome.updated, duplicates: outcome.duplicates, rejected: all.length };
}

/** Journeys that interaction history starts: the org's B2B process (or its first), at its first stage. */
async function interactionDefaults(ctx: AppContext, actor: Actor): Promise<Batch<unknown>['journeyDefaults']> {
  const db = ctx.store.db;
  const template = (await findTemplateByKey(db, actor.orgId, 'b2b')) ?? (await db.selectFrom('process_templates').selectAll().where('org_id', '=', actor.orgId).orderBy('id').executeTakeFirst());
  const owner =
    actor.userId ??
    (await db.selectFrom('users').select('id').where('org_id', '=', actor.orgId).where('role', '=', 'admin').where('disabled_at', 'is', null).orderBy('id').executeTakeFirst())?.id;
  return { templateId: template?.id ?? '', stage: template ? (templateDef(template).stages[0]?.key ?? '') : '', ownerId: owner ?? '' };
}

function runOnce(ctx: AppContext, actor: Actor, jobId: string, file: string, onProgress?: OnProgress): Promise<ImportView> {
  const running = active.get(jobId);
  if (running) return running;
  const p = run(ctx, actor, jobId, file, onProgress)
    .then(async (job) => {
      // New orders or accounts move the quintile cuts and the model: refit them now, not at night.
      if (job.status === 'done' && (job.entity === 'orders' || job.entity === 'accounts')) await recomputeLoyalty(ctx, { ...actor, role: 'admin', kind: 'system' });
      return job;
    })
    .finally(() => active.delete(jobId));
  active.set(jobId, p);
  return p;
}

// --- the use cases ---------------------------------------------------------

export interface ImportFileInput {
  entity: Entity;
  file: string;
  onDuplicate?: OnDuplicate | undefined;
  /** the user's header → field map (`--map`) */
  map?: unknown;
}

export interface ImportFileResult {
  job: ImportView;
  /** the file was imported before: nothing was done */
  alreadyDone: boolean;
  /** an earlier run of this file stopped part-way; this one went on from there */
  resumed: boolean;
}

/** `h2h import`: imports a file on this machine, or goes on with its earlier, unfinished import. */
export async function importFile(ctx: AppContext, actor: Actor, input: ImportFileInput, onProgress?: OnProgress): Promise<ImportFileResult> {
  requireAdmin(actor);
  const { hash, size } = await fingerprint(input.file);
  const earlier = await findImportJobByFile(ctx.store.db, actor.orgId, input.entity, hash);
  if (earlier?.status === 'done') return { job: await view(ctx, earlier), alreadyDone: true, resumed: false };
  const format = formatOf(input.entity, input.map);
  const head = await readHead(input.file, format);
  const { missing } = checkedMap(input.entity, head.headers, format.columns);
  if (missing.length > 0) throw new AppError('validation', missingMessage(input.entity, missing));
  let jobId: string;
  if (earlier) {
    jobId = earlier.id;
  } else {
    jobId = await createJob(ctx, actor, { entity: input.entity, fileName: path.basename(input.file), hash, size, filePath: null, head });
  }
  // A resumed job keeps the map and duplicate rule its committed rows were written with.
  if (!earlier || earlier.next_row === 0) {
    await updateImportJob(ctx.store.db, actor.orgId, jobId, { column_map: storedFormat(format), on_duplicate: input.onDuplicate ?? 'skip', status: 'running' });
  }
  const job = await runOnce(ctx, actor, jobId, input.file, onProgress);
  return { job, alreadyDone: false, resumed: Boolean(earlier && earlier.next_row > 0) };
}

async function createJob(ctx: AppContext, actor: Actor, f: { entity: Entity; fileName: string; hash: string; size: number; filePath: string | null; head: Awaited<ReturnType<typeof readHead>> }) {
  const id = newId(ctx.now());
  const iso = ctx.now().toISOString();
  await insertImportJob(ctx.store.db, {
    org_id: actor.orgId,
    id,
    entity: f.entity,
    file_name: f.fileName,
    file_hash: f.hash,
    file_size: f.size,
    file_path: f.filePath,
    encoding: f.head.encoding,
    separator: f.head.separator,
    headers: toJson(f.head.headers),
    column_map: null,
    on_duplicate: 'skip',
    status: 'uploaded',
    next_row: 0,
    bytes_done: 0,
    rows_read: 0,
    rows_inserted: 0,
    rows_updated: 0,
    rows_duplicate: 0,
    rows_rejected: 0,
    error: null,
    created_by: actor.userId,
    created_at: iso,
    updated_at: iso,
    finished_at: null,
  });
  return id;
}

/**
 * `POST /imports`: stores an uploaded file and proposes which column fills which
 * field. The same file again (by hash) gives back its earlier job instead.
 */
export async function uploadImport(
  ctx: AppContext,
  actor: Actor,
  input: { entity: Entity; fileName: string; body: AsyncIterable<Buffer>; uploadDir: string },
): Promise<{ job: ImportView; created: boolean }> {
  requireAdmin(actor);
  await fsp.mkdir(input.uploadDir, { recursive: true });
  const id = newId(ctx.now());
  const part = path.join(input.uploadDir, `${id}.part`);
  const hash = createHash('sha256');
  let size = 0;
  const out = fs.createWriteStream(part);
  try {
    for await (const chunk of input.body) {
      size += chunk.length;
      if (size > MAX_UPLOAD_BYTES) throw new AppError('payload_too_large', `The file is larger than ${MAX_UPLOAD_BYTES / 1024 ** 3} GiB.`);
      hash.update(chunk);
      if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    }
    await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  } catch (err) {
    out.destroy();
    await fsp.rm(part, { force: true });
    throw err;
  }
  if (size === 0) {
    await fsp.rm(part, { force: true });
    throw invalid('body', 'The file is empty.');
  }
  const digest = hash.digest('hex');
  const earlier = await findImportJobByFile(ctx.store.db, actor.orgId, input.entity, digest);
  if (earlier) {
    await fsp.rm(part, { force: true });
    return { job: await view(ctx, earlier), created: false };
  }
  const file = path.join(input.uploadDir, `${id}.csv`);
  await fsp.rename(part, file);
  const head = await readHead(file).catch(async (err: unknown) => {
    await fsp.rm(file, { force: true });
    throw err;
  });
  if (head.headers.length === 0) {
    await fsp.rm(file, { force: true });
    throw invalid('body', 'The file has no header row.');
  }
  const jobId = await createJob(ctx, actor, { entity: input.entity, fileName: input.fileName, hash: digest, size, filePath: file, head });
  return { job: await getImport(ctx, actor, jobId), created: true };
}

/**
 * `POST /imports/:id/start`: sets the map and the duplicate rule and starts (or
 * resumes) the job in the background; poll GET /imports/:id for progress.
 */
export async function startImport(ctx: AppContext, actor: Actor, id: string, input: { columns?: Record<string, string | null> | undefined; onDuplicate?: OnDuplicate | undefined }): Promise<ImportView> {
  requireAdmin(actor);
  const job = await findImportJob(ctx.store.db, actor.orgId, id);
  if (!job) throw notFound('import');
  if (job.status === 'done') throw new AppError('conflict', 'This import is done; upload the file again only if it changed.');
  if (!job.file_path || !fs.existsSync(job.file_path)) throw new AppError('conflict', 'The uploaded file is no longer on the server; upload it again.');
  const entity = entityOf(job.entity);
  if (!active.has(id)) {
    if (Number(job.next_row) === 0) {
      const { headers } = mappingOf(job);
      const format = formatOf(entity, input.columns ?? null);
      const { missing } = checkedMap(entity, headers, format.columns);
      if (missing.length > 0) throw invalid('body.columns', missingMessage(entity, missing));
      await updateImportJob(ctx.store.db, actor.orgId, id, { column_map: storedFormat(format), on_duplicate: input.onDuplicate ?? 'skip' });
    }
    await updateImportJob(ctx.store.db, actor.orgId, id, { status: 'running', error: null, updated_at: ctx.now().toISOString() });
    // The upload's own request ends now; the job goes on, and records its own failure.
    runOnce(ctx, actor, id, job.file_path).catch(() => undefined);
  }
  return getImport(ctx, actor, id);
}

export async function getImport(ctx: AppContext, actor: Actor, id: string): Promise<ImportView> {
  requireAdmin(actor);
  const job = await findImportJob(ctx.store.db, actor.orgId, id);
  if (!job) throw notFound('import');
  return view(ctx, job);
}

export async function listImports(ctx: AppContext, actor: Actor, q: { before?: string | undefined; limit: number }) {
  requireAdmin(actor);
  const rows = await listImportJobs(ctx.store.db, actor.orgId, { before: q.before, limit: q.limit + 1 });
  const items = await Promise.all(rows.slice(0, q.limit).map((r) => view(ctx, r)));
  return { items, nextCursor: rows.length > q.limit ? (rows[q.limit - 1]?.id ?? null) : null };
}

/** The rejected rows as CSV: `row`, `reason` (worded by `word`: the caller's language), then the file's own columns, in file order. */
export async function* rejectsCsv(ctx: AppContext, actor: Actor, id: string, word: (reason: string) => string = (r) => r): AsyncGenerator<string> {
  requireAdmin(actor);
  const job = await findImportJob(ctx.store.db, actor.orgId, id);
  if (!job) throw notFound('import');
  const { headers } = mappingOf(job);
  yield UTF8_BOM + csvLine(['row', 'reason', ...headers]);
  let after = 0;
  for (;;) {
    const page = await listImportRejects(ctx.store.db, actor.orgId, id, after, 1000);
    for (const r of page) yield csvLine([Number(r.row), word(r.reason), ...(fromJson<string[]>(r.cells) ?? [])]);
    if (page.length < 1000) return;
    after = Number(page[page.length - 1]!.row);
  }
}

/** Waits for the jobs running in this process (a server closing, a test ending). */
export async function settleImports(): Promise<void> {
  await Promise.allSettled([...active.values()]);
}
