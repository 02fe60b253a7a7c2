/**
 * The `h2h` command as people run it: real child processes (node bin/h2h.js),
 * real files, a real port on loopback, real PostgreSQL.
 */
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { emptyPgDatabase, tempDir } from '../helpers/backends.ts';
import { cliEnv, freePort, getJson, killAll, login, runCli, startServer, type CliResult } from '../helpers/cli.ts';

const B2B_STAGES = ['need', 'explore', 'evaluate', 'decide', 'buy', 'use'];
const PASSWORD = 'correct horse battery';

const dirs: string[] = [];
const cleanups: (() => Promise<void>)[] = [];

/** A fresh data dir and a free port, as the environment of one test's children. */
async function fresh(extra: Record<string, string | undefined> = {}) {
  const dataDir = tempDir();
  dirs.push(dataDir);
  const port = await freePort();
  return { dataDir, port, env: cliEnv({ H2H_DATA_DIR: dataDir, H2H_PORT: String(port), ...extra }) };
}

afterEach(async () => {
  await killAll();
  for (const c of cleanups.splice(0)) await c();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** Fails with the whole output when the command did not succeed. */
function ok(r: CliResult): CliResult {
  if (r.code !== 0) throw new Error(`exit ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
  return r;
}

/** A failure: non-zero exit, a reason on the first line of stderr, no stack trace. */
function expectCleanFailure(r: CliResult, reason: RegExp): void {
  expect(r.code, r.stderr).not.toBe(0);
  expect(r.code).not.toBeNull();
  expect(r.stderr).not.toContain('    at ');
  const lines = r.stderr.split('\n').filter((l) => l.trim() !== '');
  expect(lines.length, r.stderr).toBeGreaterThanOrEqual(1);
  expect(lines[0]).toMatch(reason);
}

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
interface JourneyItem {
  id: string;
  title: string;
  stage: string;
}

describe('h2h --help', () => {
  it('the program and every command and subcommand print their usage and exit 0', async () => {
    const { env } = await fresh();
    const cases: [string[], RegExp][] = [
      [['--help'], /Usage: h2h/],
      [['serve', '--help'], /Usage: h2h serve[\s\S]*--demo/],
      [['migrate', '--help'], /Usage: h2h migrate[\s\S]*--status/],
      [['demo', '--help'], /Usage: h2h demo[\s\S]*--seed/],
      [['org', '--help'], /Usage: h2h org[\s\S]*add/],
      [['org', 'add', '--help'], /Usage: h2h org add[\s\S]*--admin-email/],
      [['user', '--help'], /Usage: h2h user[\s\S]*add/],
      [['user', 'add', '--help'], /Usage: h2h user add[\s\S]*--role/],
      [['token', '--help'], /Usage: h2h token[\s\S]*create/],
      [['token', 'create', '--help'], /Usage: h2h token create[\s\S]*--email/],
      [['backup', '--help'], /Usage: h2h backup[\s\S]*<file>/],
    ];
    // Two at a time: the machine has two cores.
    const results: CliResult[] = [];
    for (let i = 0; i < cases.length; i += 2) {
      results.push(...(await Promise.all(cases.slice(i, i + 2).map(([args]) => runCli(args, env)))));
    }
    cases.forEach(([args, usage], i) => {
      const r = results[i]!;
      expect(r.code, `h2h ${args.join(' ')}: ${r.stderr}`).toBe(0);
      expect(r.stdout, `h2h ${args.join(' ')}`).toMatch(usage);
      expect(r.stderr).toBe('');
    });
    // The top-level help lists every command.
    for (const cmd of ['serve', 'migrate', 'demo', 'org', 'user', 'token', 'backup']) expect(results[0]!.stdout).toContain(cmd);
  }, 60_000);
});

describe('h2h errors', () => {
  it('an unknown command, a missing required option and a bad setting exit non-zero with a one-line reason', async () => {
    const { env, dataDir } = await fresh();
    const [unknown, missing, badPort] = await Promise.all([
      runCli(['frobnicate'], env),
      runCli(['org', 'add', '--name', 'Acme AB'], env),
      runCli(['migrate'], { ...env, H2H_PORT: 'notaport' }),
    ]);
    expectCleanFailure(unknown, /unknown command 'frobnicate'/);
    expectCleanFailure(missing, /required option '--admin-email <email>' not specified/);
    expectCleanFailure(badPort, /^h2h: bad setting: H2H_PORT/);
    expect(badPort.stderr.trim().split('\n')).toHaveLength(1);
    // A bad setting stops before anything is written.
    expect(fs.existsSync(path.join(dataDir, 'h2h.sqlite'))).toBe(false);
  });
});

describe('h2h serve', () => {
  it('--demo on a new data dir: health, SQLite file, cookie login, journeys in every B2B stage, SIGTERM', async () => {
    const { env, dataDir } = await fresh({ H2H_ADMIN_EMAIL: 'boss@demo.example', H2H_ADMIN_PASSWORD: PASSWORD });
    const server = await startServer(['serve', '--demo'], env);

    const health = await getJson(`${server.url}/api/health`);
    expect(health).toEqual({ status: 200, body: { status: 'ok', database: 'sqlite' } });
    expect(fs.statSync(path.join(dataDir, 'h2h.sqlite')).isFile()).toBe(true);
    // The password was chosen, so none is printed; the demo's buyer's room link is, once, and opens the room.
    expect(server.stdout()).not.toMatch(/password/);
    const room = await waitFor(() => /See the buyer's room as .+: (http:\/\/\S+\/p\/(\S+)) \(shown once\)/.exec(server.stdout()) ?? undefined);
    expect(room[1]!.startsWith(`${server.url}/p/`)).toBe(true);
    const page = await fetch(room[1]!);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('portal');
    const opened = await fetch(`${server.url}/api/portal/v1/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: room[2] }) });
    expect(opened.status).toBe(201);

    const session = await login(server.url, 'boss@demo.example', PASSWORD);
    expect(session.status).toBe(200);
    const raw = session.setCookie.find((c) => c.startsWith('h2h_session='));
    expect(raw).toBeDefined();
    expect(raw).toMatch(/;\s*HttpOnly/i);
    expect(raw).toMatch(/;\s*SameSite=Lax/i);

    const journeys = await getJson(`${server.url}/api/v1/journeys?limit=200`, { cookie: session.cookie });
    expect(journeys.status).toBe(200);
    const stages = new Set((journeys.body as Page<JourneyItem>).items.map((j) => j.stage));
    for (const stage of B2B_STAGES) expect(stages, `a demo journey in stage ${stage}`).toContain(stage);

    const exit = await server.stop();
    expect(exit).toEqual({ code: 0, signal: null });
    // It really let go of the port.
    await expect(fetch(`${server.url}/api/health`)).rejects.toThrow();
  });

  it('without H2H_ADMIN_PASSWORD prints a generated password once; the new org is empty', async () => {
    const { env } = await fresh();
    const first = await startServer(['serve'], env);
    const password = await waitFor(() => /with the password (\S+) \(shown once/.exec(first.stdout())?.[1]);
    expect(first.stdout()).toContain('Sign in as admin@h2h.local');

    const session = await login(first.url, 'admin@h2h.local', password);
    expect(session.status).toBe(200);
    const accounts = await getJson(`${first.url}/api/v1/accounts`, { cookie: session.cookie });
    expect(accounts).toMatchObject({ status: 200, body: { items: [] } });
    expect(await first.stop()).toEqual({ code: 0, signal: null });

    const second = await startServer(['serve'], env);
    // Let any first-run line arrive before looking for it.
    expect((await login(second.url, 'admin@h2h.local', password)).status).toBe(200);
    expect(second.stdout()).not.toContain(password);
    expect(second.stdout()).not.toMatch(/password|Sign in as/);
    expect(await second.stop()).toEqual({ code: 0, signal: null });
  });

  it('on PostgreSQL (H2H_DATABASE_URL): migrates an empty database, answers health and signs in', async () => {
    const pg = await emptyPgDatabase();
    cleanups.push(() => pg.drop());
    const { env, dataDir } = await fresh({ H2H_DATABASE_URL: pg.url, H2H_ADMIN_PASSWORD: PASSWORD });
    const server = await startServer(['serve'], env);
    expect(server.stdout()).toContain('on PostgreSQL at postgres://');
    expect(server.stdout()).not.toContain(':postgres@'); // the URL's password is never printed

    expect(await getJson(`${server.url}/api/health`)).toEqual({ status: 200, body: { status: 'ok', database: 'postgres' } });
    const session = await login(server.url, 'admin@h2h.local', PASSWORD);
    expect(session.status).toBe(200);
    const me = await getJson(`${server.url}/api/v1/me`, { cookie: session.cookie });
    expect(me).toMatchObject({ status: 200, body: { user: { email: 'admin@h2h.local', role: 'admin' } } });
    // Nothing went to SQLite.
    expect(fs.existsSync(path.join(dataDir, 'h2h.sqlite'))).toBe(false);
    expect(await server.stop()).toEqual({ code: 0, signal: null });
  });
});

describe('h2h migrate', () => {
  it('migrates a fresh data dir; --status then shows nothing pending', async () => {
    const { env, dataDir } = await fresh();
    const applied = ok(await runCli(['migrate'], env));
    expect(applied.stdout).toMatch(/^applied \S+/);
    expect(fs.existsSync(path.join(dataDir, 'h2h.sqlite'))).toBe(true);

    const status = ok(await runCli(['migrate', '--status'], env));
    expect(status.stdout).toContain(`SQLite at ${path.join(dataDir, 'h2h.sqlite')}`);
    expect(status.stdout).toMatch(/^pending: none$/m);
    expect(status.stdout).not.toMatch(/^applied: none$/m);

    const again = ok(await runCli(['migrate'], env));
    expect(again.stdout).toContain('is up to date');
  });

  it('serve refuses a half-migrated database and one migrated by a newer H2H', async () => {
    const half = await fresh();
    const newer = await fresh();
    await Promise.all([runCli(['migrate'], half.env).then(ok), runCli(['migrate'], newer.env).then(ok)]);

    const edit = (dataDir: string, statement: string) => {
      const db = new BetterSqlite3(path.join(dataDir, 'h2h.sqlite'));
      try {
        db.prepare(statement).run();
      } finally {
        db.close();
      }
    };
    edit(half.dataDir, 'UPDATE h2h_migrations SET finished_at = NULL');
    edit(newer.dataDir, "INSERT INTO h2h_migrations VALUES ('2999-01-01-future', '2999-01-01', '2999-01-01')");

    const [halfRun, newerRun] = await Promise.all([runCli(['serve'], half.env), runCli(['serve'], newer.env)]);
    expectCleanFailure(halfRun, /half-migrated/);
    expectCleanFailure(newerRun, /newer/);
    expect(newerRun.stderr).toContain('2999-01-01-future');
    // Neither started serving.
    expect(halfRun.stdout).not.toContain('running');
    expect(newerRun.stdout).not.toContain('running');
  });
});

/**
 * What a demo org is made of, read straight from the SQLite file: its
 * content, without ids and times (demo.ts derives those from the wall clock
 * the command runs at, so two runs a moment apart differ there by design).
 */
function demoContents(dataDir: string) {
  const db = new BetterSqlite3(path.join(dataDir, 'h2h.sqlite'), { readonly: true });
  try {
    return {
      org: db.prepare('SELECT name, locale, time_zone FROM orgs ORDER BY name').all(),
      users: db.prepare('SELECT name, role FROM users ORDER BY name, role').all(),
      accounts: db.prepare('SELECT kind, name, org_number, website FROM accounts ORDER BY name, kind, org_number').all(),
      contacts: db
        .prepare(
          `SELECT a.name AS account, c.name, c.title, c.buying_role FROM contacts c JOIN accounts a ON a.id = c.account_id
           ORDER BY a.name, c.name, c.title, c.buying_role`,
        )
        .all(),
      journeys: db
        .prepare(
          `SELECT a.name AS account, j.title, j.stage, j.status, j.value_minor, j.currency FROM journeys j JOIN accounts a ON a.id = j.account_id
           ORDER BY a.name, j.title, j.stage, j.status, j.value_minor`,
        )
        .all() as { account: string; title: string; stage: string; status: string }[],
    };
  } finally {
    db.close();
  }
}

describe('h2h demo', () => {
  it('the same seed gives the same data; another seed gives other data', async () => {
    const a = await fresh();
    const b = await fresh();
    const c = await fresh();
    const args = (seed: number) => ['demo', '--seed', String(seed), '--admin-email', 'x@y.z', '--admin-password', PASSWORD];
    const [ra, rb] = await Promise.all([runCli(args(7), a.env), runCli(args(7), b.env)]);
    const rc = await runCli(args(8), c.env);
    for (const r of [ra, rb, rc]) {
      ok(r);
      expect(r.stdout).toMatch(/^demo org \S+: \d+ accounts, \d+ contacts, \d+ journeys/);
      expect(r.stdout).toContain('sign in as x@y.z');
      expect(r.stdout).not.toContain(PASSWORD);
    }
    // The same counts of everything (interactions, concerns and plan steps included).
    const counts = (r: CliResult) => r.stdout.split('\n')[0]!.replace(/^demo org \S+: /, '');
    expect(counts(rb)).toBe(counts(ra));

    const [da, db, dc] = [demoContents(a.dataDir), demoContents(b.dataDir), demoContents(c.dataDir)];
    expect(da.accounts.length).toBeGreaterThan(0);
    expect(da.journeys.length).toBeGreaterThan(0);
    for (const stage of B2B_STAGES) expect(da.journeys.map((j) => j.stage)).toContain(stage);
    expect(db).toEqual(da);
    expect(dc).not.toEqual(da);
    expect(dc.journeys).not.toEqual(da.journeys);
  });
});

describe('h2h org add / user add / token create', () => {
  it('adds an org and a seller; the seller’s token works on a running server; user add needs --org with two orgs', async () => {
    const { env } = await fresh();
    const org = ok(await runCli(['org', 'add', '--name', 'Acme AB', '--admin-email', 'ada@acme.example', '--admin-password', PASSWORD], env));
    const orgId = /^org (\S+) "Acme AB" added/.exec(org.stdout)?.[1];
    expect(orgId, org.stdout).toBeDefined();
    expect(org.stdout).not.toContain(PASSWORD);

    const user = ok(await runCli(['user', 'add', '--email', 'sam@acme.example', '--name', 'Sam Seller', '--role', 'seller', '--org', orgId!], env));
    expect(user.stdout).toMatch(/user \S+ sam@acme\.example \(seller\) added to Acme AB; password \S+ \(shown once\)/);

    const token = ok(await runCli(['token', 'create', '--email', 'sam@acme.example'], env));
    const secret = token.stdout.trim();
    expect(secret).toMatch(/^h2h_\S+$/);

    const server = await startServer(['serve'], env);
    // The database already had an org: no first-run org, no password.
    expect(server.stdout()).not.toMatch(/Sign in as/);
    const me = await getJson(`${server.url}/api/v1/me`, { authorization: `Bearer ${secret}` });
    expect(me).toMatchObject({ status: 200, body: { user: { email: 'sam@acme.example', role: 'seller' }, org: { id: orgId, name: 'Acme AB' } } });
    const bad = await getJson(`${server.url}/api/v1/me`, { authorization: `Bearer ${secret}x` });
    expect(bad.status).toBe(401);
    expect(await server.stop()).toEqual({ code: 0, signal: null });

    ok(await runCli(['org', 'add', '--name', 'Beta AB', '--admin-email', 'bo@beta.example', '--admin-password', PASSWORD], env));
    const ambiguous = await runCli(['user', 'add', '--email', 'kim@acme.example', '--name', 'Kim'], env);
    expectCleanFailure(ambiguous, /has 2 orgs; name one with --org/);
  }, 60_000);
});

describe('h2h backup', () => {
  it('copies the live SQLite database while serve runs', async () => {
    const { env, dataDir } = await fresh({ H2H_ADMIN_PASSWORD: PASSWORD });
    const server = await startServer(['serve', '--demo'], env);
    const session = await login(server.url, 'admin@h2h.local', PASSWORD);
    expect(session.status).toBe(200);
    // One more write through the server, so the copy must include fresh data.
    const created = await fetch(`${server.url}/api/v1/accounts`, {
      method: 'POST',
      headers: { cookie: session.cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'company', name: 'Backup Probe AB' }),
    });
    expect(created.status).toBe(201);

    const file = path.join(dataDir, 'copies', 'h2h-backup.sqlite');
    const r = ok(await runCli(['backup', file], env));
    expect(r.stdout).toContain(`to ${file}`);

    const count = (f: string, readonly: boolean) => {
      const db = new BetterSqlite3(f, { readonly, fileMustExist: true });
      try {
        const row = db.prepare('SELECT count(*) AS n FROM accounts').get() as { n: number };
        const probe = db.prepare("SELECT count(*) AS n FROM accounts WHERE name = 'Backup Probe AB'").get() as { n: number };
        return { accounts: row.n, probe: probe.n };
      } finally {
        db.close();
      }
    };
    const copy = count(file, true);
    const live = count(path.join(dataDir, 'h2h.sqlite'), true);
    expect(copy.accounts).toBeGreaterThan(1);
    expect(copy).toEqual(live);
    expect(copy.probe).toBe(1);
    expect(await server.stop()).toEqual({ code: 0, signal: null });
  });

  it('refuses to back up a database that does not exist, and creates none', async () => {
    const { env, dataDir } = await fresh({});
    const r = await runCli(['backup', path.join(dataDir, 'copy.sqlite')], env);
    expectCleanFailure(r, /no database/);
    expect(fs.existsSync(path.join(dataDir, 'h2h.sqlite'))).toBe(false);
  });

  it('on PostgreSQL refuses and points to pg_dump, without printing the password', async () => {
    // The pool connects lazily: backup must refuse before it ever talks to the server.
    const { env } = await fresh({ H2H_DATABASE_URL: 'postgres://h2h:s3cret-pw@127.0.0.1:1/h2h' });
    const r = await runCli(['backup', 'out.dump'], env);
    expectCleanFailure(r, /pg_dump/);
    expect(r.stderr).not.toContain('s3cret-pw');
    expect(fs.existsSync(path.join(process.cwd(), 'out.dump'))).toBe(false);
  });
});

/** Polls until fn returns a value (for output that arrives a moment later). */
async function waitFor<T>(fn: () => T | undefined, timeoutMs = 5_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = fn();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}
