/**
 * `h2h import` as people run it: a real child process on a real file, killed
 * with SIGKILL in the middle and run again, on SQLite and on PostgreSQL.
 */
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { emptyPgDatabase, tempDir } from '../helpers/backends.ts';
import { cliEnv, killAll, runCli, startCli, type CliResult } from '../helpers/cli.ts';

const dirs: string[] = [];
const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  await killAll();
  // Last made, first undone: a pool closes before its database is dropped.
  for (const c of cleanups.splice(0).reverse()) await c();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function ok(r: CliResult): CliResult {
  if (r.code !== 0) throw new Error(`exit ${r.code} ${r.signal ?? ''}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
  return r;
}

const ROWS = 120_000;
const isBad = (i: number) => i % 1000 === 999;
const isRepeat = (i: number) => i % 777 === 776;

/**
 * Contacts as Swedish Excel writes them (`;`, Windows-1252 bytes for å ä ö): every
 * 1000th row has a broken e-mail, every 777th repeats an earlier row's e-mail.
 * Returns the file and what a correct import must end with.
 */
function contactsFile(dir: string) {
  const file = path.join(dir, 'kontakter.csv');
  const lines = ['Förnamn;Efternamn;E-post;Företag'];
  const emails = new Set<string>();
  let bad = 0;
  let repeats = 0;
  for (let i = 0; i < ROWS; i++) {
    if (isBad(i)) {
      bad++;
      lines.push(`Åsa;Öberg;inte-en-adress-${i};Bygg ${i % 50} AB`);
    } else if (isRepeat(i)) {
      repeats++;
      lines.push(`Åsa;Öberg;PERSON${i - 100}@EXEMPEL.SE;Bygg ${i % 50} AB`);
    } else {
      emails.add(`person${i}@exempel.se`);
      lines.push(`Åsa;Öberg;person${i}@exempel.se;Bygg ${i % 50} AB`);
    }
  }
  // Latin-1 covers å ä ö, and Windows-1252 agrees with it there.
  fs.writeFileSync(file, Buffer.from(`${lines.join('\r\n')}\r\n`, 'latin1'));
  return { file, good: emails.size, bad, repeats };
}

/** The size from which a file is a big load (BIG_LOAD_BYTES in src/app/imports.ts): the store sets indexes aside. */
const BIG_LOAD_BYTES = 16 * 1024 * 1024;
const BIG_ROWS = 240_000;

/**
 * A big load's file (over BIG_LOAD_BYTES): contacts with a title, every 1000th with a
 * broken e-mail, every 97th repeating the e-mail of a row 5,000 before (so a later batch,
 * often a later transaction, than the row it repeats), in upper case. `earlier` is a small
 * file of some of the same people, imported first: their rows in the big file are duplicates
 * of contacts that were there before the load began.
 */
function bigContactsFile(dir: string) {
  const file = path.join(dir, 'stora-kontakter.csv');
  const earlier = path.join(dir, 'tidigare.csv');
  const header = 'Förnamn;Efternamn;E-post;Företag;Titel';
  const email = (i: number) => (i % 97 === 96 && i >= 5000 ? `PERSON${i - 5000}@EXEMPEL.SE` : i % 1000 === 999 ? `inte-en-adress-${i}` : `person${i}@exempel.se`);
  const lines = [header];
  const keys = new Set<string>();
  let bad = 0;
  let repeats = 0;
  for (let i = 0; i < BIG_ROWS; i++) {
    const e = email(i);
    lines.push(`Åsa;Öberg;${e};Bygg ${i % 50} AB;Inköpsansvarig för lokaler och fastigheter i region ${i % 21}`);
    if (!e.includes('@')) bad++;
    else if (keys.has(e.toLowerCase())) repeats++;
    else keys.add(e.toLowerCase());
  }
  fs.writeFileSync(file, Buffer.from(`${lines.join('\r\n')}\r\n`, 'latin1'));
  // About 300 of the same people, imported before: every 800th row's address (if it has its own), written in another case.
  const before = [header];
  for (let i = 0; i < BIG_ROWS; i += 800) if (email(i) === `person${i}@exempel.se`) before.push(`Åsa;Öberg;Person${i}@Exempel.se;Bygg 1 AB;Tidigare`);
  fs.writeFileSync(earlier, Buffer.from(`${before.join('\r\n')}\r\n`, 'latin1'));
  return { file, earlier, earlierRows: before.length - 1, distinct: keys.size, bad, repeats };
}

interface Db {
  job(): Promise<{ status: string; next_row: number } | undefined>;
  counts(): Promise<{ contacts: number; distinctEmails: number; rejects: number; accounts: number }>;
  /** The big load's job: what it counted. */
  outcome(): Promise<{ inserted: number; duplicates: number; rejected: number }>;
  close(): Promise<void>;
}

function sqliteDb(file: string): Db {
  const open = () => new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  const read = <T>(fn: (db: BetterSqlite3.Database) => T): T => {
    const db = open();
    try {
      db.pragma('busy_timeout = 2000');
      return fn(db);
    } finally {
      db.close();
    }
  };
  return {
    job: async () => read((db) => db.prepare('select status, next_row from import_jobs order by id desc limit 1').get() as { status: string; next_row: number } | undefined),
    counts: async () =>
      read((db) => ({
        contacts: (db.prepare('select count(*) n from contacts').get() as { n: number }).n,
        distinctEmails: (db.prepare('select count(distinct email_key) n from contacts').get() as { n: number }).n,
        rejects: (db.prepare('select count(*) n from import_rejects').get() as { n: number }).n,
        accounts: (db.prepare("select count(*) n from accounts where name like 'Bygg %'").get() as { n: number }).n,
      })),
    outcome: async () =>
      read((db) => db.prepare('select rows_inserted inserted, rows_duplicate duplicates, rows_rejected rejected from import_jobs order by id desc limit 1').get() as { inserted: number; duplicates: number; rejected: number }),
    close: async () => {},
  };
}

function postgresDb(url: string): Db {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  pool.on('error', () => {});
  const one = async (q: string) => Number(Object.values((await pool.query(q)).rows[0] as Record<string, unknown>)[0]);
  return {
    job: async () => {
      const r = await pool.query('select status, next_row from import_jobs order by id desc limit 1');
      const row = r.rows[0] as { status: string; next_row: string } | undefined;
      return row && { status: row.status, next_row: Number(row.next_row) };
    },
    counts: async () => ({
      contacts: await one('select count(*) from contacts'),
      distinctEmails: await one('select count(distinct email_key) from contacts'),
      rejects: await one('select count(*) from import_rejects'),
      accounts: await one("select count(*) from accounts where name like 'Bygg %'"),
    }),
    outcome: async () => {
      const r = await pool.query('select rows_inserted, rows_duplicate, rows_rejected from import_jobs order by id desc limit 1');
      const row = r.rows[0] as Record<string, string>;
      return { inserted: Number(row.rows_inserted), duplicates: Number(row.rows_duplicate), rejected: Number(row.rows_rejected) };
    },
    close: () => pool.end(),
  };
}

async function setUp(backend: 'sqlite' | 'postgres') {
  const dataDir = tempDir();
  dirs.push(dataDir);
  let env = cliEnv({ H2H_DATA_DIR: dataDir });
  let db: Db;
  if (backend === 'postgres') {
    const pgDb = await emptyPgDatabase();
    cleanups.push(() => pgDb.drop());
    env = cliEnv({ H2H_DATA_DIR: dataDir, H2H_DATABASE_URL: pgDb.url });
    db = postgresDb(pgDb.url);
  } else {
    db = sqliteDb(path.join(dataDir, 'h2h.sqlite'));
  }
  cleanups.push(() => db.close());
  ok(await runCli(['org', 'add', '--name', 'Import AB', '--admin-email', `admin-${backend}@import.example`, '--admin-password', 'import-password-1'], env, 60_000));
  return { dataDir, env, db };
}

/** Starts `h2h import contacts FILE`, kills it with SIGKILL once `ready` says so, and returns the row it had committed. */
async function killWhen(db: Db, file: string, env: NodeJS.ProcessEnv, ready: (job: { status: string; next_row: number }) => boolean): Promise<number> {
  const first = startCli(['import', 'contacts', file], env);
  let killedAt = 0;
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    const job = await db.job().catch(() => undefined);
    if (job && job.status === 'running' && ready(job)) {
      first.child.kill('SIGKILL');
      killedAt = job.next_row;
      break;
    }
    if (first.child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 5));
  }
  const killed = await first.result;
  expect(killed.signal, `the import ended before it could be killed: ${killed.stdout} ${killed.stderr}`).toBe('SIGKILL');
  return killedAt;
}

describe.each(['sqlite', 'postgres'] as const)('h2h import on %s', (backend) => {
  it('finishes after a SIGKILL in the middle, with every good row exactly once', async () => {
    const { dataDir, env, db } = await setUp(backend);
    const { file, good, bad, repeats } = contactsFile(dataDir);

    // Start, wait until some batches are committed and more are to come, then kill.
    const killedAt = await killWhen(db, file, env, (job) => job.next_row > 0);
    expect(killedAt).toBeGreaterThan(1);
    expect(killedAt).toBeLessThan(ROWS + 1);
    const partial = await db.counts();
    expect(partial.contacts).toBeGreaterThan(0);
    expect(partial.contacts).toBeLessThan(good);

    // The same command again goes on where the last committed batch ended.
    const second = ok(await runCli(['import', 'contacts', file], env, 120_000));
    expect(second.stdout).toContain('went on with the import');
    // Not on a terminal: progress as plain lines, with the pace.
    expect(second.stderr).toMatch(/^\d+% · [\d,]+ rows · [\d,]+ rows\/s/m);
    expect(second.stdout).toMatch(new RegExp(`${good.toLocaleString('en-US')}|\\d`));
    const after = await db.counts();
    expect(after.contacts).toBe(good);
    expect(after.distinctEmails).toBe(good);
    expect(after.rejects).toBe(bad);
    // Fifty companies named in the file: each made once, whichever run met it first.
    expect(after.accounts).toBe(50);
    expect(await db.job()).toEqual({ status: 'done', next_row: ROWS + 1 });
    expect(repeats).toBeGreaterThan(0);

    // The rejects file names each bad row by its line, with the reason.
    const rejects = fs.readFileSync(`${file}.rejects.csv`, 'utf8').replace(/^\ufeff/, '').trim().split('\r\n');
    expect(rejects[0]).toBe('row,reason,Förnamn,Efternamn,E-post,Företag');
    expect(rejects).toHaveLength(bad + 1);
    expect(rejects[1]).toBe('1001,"email: ""inte-en-adress-999"" is not an e-mail address",Åsa,Öberg,inte-en-adress-999,Bygg 49 AB');

    // A third run finds the file done and changes nothing.
    const third = ok(await runCli(['import', 'contacts', file], env, 60_000));
    expect(third.stdout).toContain('was imported already');
    expect(await db.counts()).toEqual(after);
  }, 180_000);

  it('a big file: killed in the middle of a load and run again, every good row once and every duplicate found', async () => {
    const { dataDir, env, db } = await setUp(backend);
    const { file, earlier, earlierRows, distinct, bad, repeats } = bigContactsFile(dataDir);
    expect(fs.statSync(file).size).toBeGreaterThan(BIG_LOAD_BYTES);
    ok(await runCli(['import', 'contacts', earlier], env));

    // Killed after its first transaction (100,000 rows), with more to come.
    const killedAt = await killWhen(db, file, env, (job) => job.next_row > 0);
    expect(killedAt).toBeGreaterThan(1);
    expect(killedAt).toBeLessThan(BIG_ROWS + 1);

    const second = ok(await runCli(['import', 'contacts', file], env, 120_000));
    expect(second.stdout).toContain('went on with the import');
    // The people imported before, and the rows repeating an earlier row, are duplicates; each address once.
    expect(await db.outcome()).toEqual({ inserted: distinct - earlierRows, duplicates: repeats + earlierRows, rejected: bad });
    const after = await db.counts();
    expect(after.contacts).toBe(distinct);
    expect(after.distinctEmails).toBe(distinct);
    expect(await db.job()).toEqual({ status: 'done', next_row: BIG_ROWS + 1 });

    if (backend === 'sqlite') {
      // The indexes the load set aside are back, and nothing is left noted as set aside.
      const sqlite = new BetterSqlite3(path.join(dataDir, 'h2h.sqlite'), { readonly: true });
      try {
        const indexes = (sqlite.prepare("select name from sqlite_master where type = 'index' and tbl_name = 'contacts'").all() as { name: string }[]).map((r) => r.name);
        expect(indexes).toEqual(expect.arrayContaining(['contacts_account', 'contacts_name', 'contacts_email']));
        expect(sqlite.prepare('select count(*) n from h2h_suspended_indexes').get()).toEqual({ n: 0 });
      } finally {
        sqlite.close();
      }
    }
  }, 240_000);
});

describe('h2h import, what a user gets wrong', () => {
  it('says plainly what is wrong with the file, the map or the entity, and exits 1', async () => {
    const { dataDir, env } = await setUp('sqlite');
    const csv = path.join(dataDir, 'konton.csv');
    fs.writeFileSync(csv, 'Webbplats;Hemsida\nhttps://a.se;b.se\n');
    const noName = await runCli(['import', 'accounts', csv], env);
    expect(noName.code).toBe(1);
    expect(noName.stderr.trim()).toBe('h2h: No column fills "name", which accounts need; map one (fields: name, kind, orgNumber, website).');

    const map = path.join(dataDir, 'map.json');
    fs.writeFileSync(map, JSON.stringify({ Webbplats: 'homepage' }));
    const badMap = await runCli(['import', 'accounts', csv, '--map', map], env);
    expect(badMap.code).toBe(1);
    expect(badMap.stderr).toMatch(/^h2h: .*homepage/);
    expect(badMap.stderr.trim().split('\n')).toHaveLength(1);

    const missing = await runCli(['import', 'accounts', path.join(dataDir, 'nope.csv')], env);
    expect(missing.stderr.trim()).toBe(`h2h: there is no file ${path.join(dataDir, 'nope.csv')}`);
    const entity = await runCli(['import', 'ships', csv], env);
    expect(entity.code).toBe(1);
    expect(entity.stderr).toMatch(/ships.*accounts, contacts, orders, interactions/);

    // With a map naming the name column, the same file goes in.
    fs.writeFileSync(map, JSON.stringify({ Webbplats: 'name', Hemsida: 'website' }));
    const mapped = ok(await runCli(['import', 'accounts', csv, '--map', map], env));
    expect(mapped.stdout).toMatch(/1 new/);
  });
});
