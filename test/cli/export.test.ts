/** `h2h export` as people run it: a child process on a SQLite data dir with the demo org. */
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPORT_COLUMNS, EXPORT_ENTITIES } from '../../src/app/exports.ts';
import { tempDir } from '../helpers/backends.ts';
import { cliEnv, killAll, runCli, type CliResult } from '../helpers/cli.ts';

function ok(r: CliResult): CliResult {
  if (r.code !== 0) throw new Error(`exit ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
  return r;
}

/** A failure as people see it: exit 1 and one line of reason, no stack trace. */
function expectOneLineFailure(r: CliResult, reason: RegExp): void {
  expect(r.code, r.stderr).toBe(1);
  const lines = r.stderr.trim().split('\n');
  expect(lines, r.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(reason);
}

describe('h2h export', () => {
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  /** rows per entity in the demo org, counted in the database */
  const counts: Record<string, number> = {};
  /** the keys of the processes the demo's journeys follow */
  let templateKeys: Set<string>;

  beforeAll(async () => {
    dataDir = tempDir();
    env = cliEnv({ H2H_DATA_DIR: dataDir });
    ok(await runCli(['demo', '--seed', '3', '--admin-email', 'x@y.z', '--admin-password', 'correct horse battery'], env));
    const db = new BetterSqlite3(path.join(dataDir, 'h2h.sqlite'), { readonly: true });
    // A refund's negative amount among the demo's orders.
    const account = db.prepare('SELECT org_id, id, name FROM accounts ORDER BY id LIMIT 1').get() as { org_id: string; id: string; name: string };
    db.close();
    const rw = new BetterSqlite3(path.join(dataDir, 'h2h.sqlite'));
    rw.prepare(
      `INSERT INTO orders (org_id, id, account_id, ordered_at, product, quantity, amount_minor, currency, external_id, import_id, created_at, updated_at)
       VALUES (?, '00000000-0000-7000-8000-000000000001', ?, '2026-11-02', 'Återbetalning', 1, -4500, 'SEK', 'K-1', NULL, '2026-11-29T09:00:00.000Z', '2026-11-29T09:00:00.000Z')`,
    ).run(account.org_id, account.id);
    for (const e of EXPORT_ENTITIES) counts[e] = (rw.prepare(`SELECT count(*) AS n FROM ${e}`).get() as { n: number }).n;
    const used = rw.prepare('SELECT DISTINCT t.key FROM journeys j JOIN process_templates t ON t.org_id = j.org_id AND t.id = j.template_id').all() as { key: string }[];
    templateKeys = new Set(used.map((u) => u.key));
    rw.close();
  }, 60_000);
  afterAll(async () => {
    await killAll();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('--format csv writes one file per entity with the import’s headers and every row, and says how many', async () => {
    const out = path.join(dataDir, 'export-csv', 'nested');
    const r = ok(await runCli(['export', '--format', 'csv', out], env));
    expect(counts.accounts).toBeGreaterThan(10);
    expect(counts.interactions).toBeGreaterThan(10);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toEqual(EXPORT_ENTITIES.map((e) => `${path.join(out, `${e}.csv`)}: ${counts[e]} ${counts[e] === 1 ? 'row' : 'rows'}`));
    expect(fs.readdirSync(out).sort()).toEqual(EXPORT_ENTITIES.map((e) => `${e}.csv`).sort());
    for (const e of EXPORT_ENTITIES) {
      const text = fs.readFileSync(path.join(out, `${e}.csv`), 'utf8');
      expect(text.startsWith('\ufeff'), e).toBe(true);
      const [header, ...rows] = parse(text, { bom: true }) as string[][];
      expect(header, e).toEqual([...EXPORT_COLUMNS[e]]);
      expect(rows, e).toHaveLength(counts[e]!);
    }
    const orders = parse(fs.readFileSync(path.join(out, 'orders.csv'), 'utf8'), { bom: true, columns: true }) as Record<string, string>[];
    // The demo's own orders, and the refund added above, as written.
    expect(orders.length).toBeGreaterThan(100);
    expect(orders.filter((o) => o.externalId === 'K-1')).toEqual([expect.objectContaining({ amount: '-45.00', quantity: '1', orderedAt: '2026-11-02', product: 'Återbetalning' })]);
  });

  it('--format jsonl writes one JSON object per line; --entity picks the files', async () => {
    const out = path.join(dataDir, 'export-jsonl');
    const r = ok(await runCli(['export', '--format', 'jsonl', '--entity', 'contacts,journeys', out], env));
    expect(r.stdout.trim().split('\n')).toHaveLength(2);
    expect(fs.readdirSync(out).sort()).toEqual(['contacts.jsonl', 'journeys.jsonl']);
    for (const e of ['contacts', 'journeys'] as const) {
      const lines = fs.readFileSync(path.join(out, `${e}.jsonl`), 'utf8').trimEnd().split('\n');
      expect(lines, e).toHaveLength(counts[e]!);
      const first = JSON.parse(lines[0]!) as Record<string, unknown>;
      expect(Object.keys(first), e).toEqual([...EXPORT_COLUMNS[e]]);
    }
    const journeys = fs.readFileSync(path.join(out, 'journeys.jsonl'), 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as { value: string | null; process: string });
    expect(new Set(journeys.map((j) => j.process))).toEqual(templateKeys);
    for (const j of journeys) {
      if (j.value !== null) expect(j.value).toMatch(/^\d+\.\d{2}$/);
    }
  });

  it('refuses a bad format, an unknown entity and a DIR that is a file, in one line, writing nothing', async () => {
    const notDir = path.join(dataDir, 'a-file');
    fs.writeFileSync(notDir, 'x');
    const target = path.join(dataDir, 'never');
    const [xml, entity] = await Promise.all([
      runCli(['export', '--format', 'xml', target], env),
      runCli(['export', '--entity', 'accounts,users', target], env),
    ]);
    const file = await runCli(['export', notDir], env);
    expectOneLineFailure(xml, /^h2h: unknown export format "xml"; use csv or jsonl$/);
    expectOneLineFailure(entity, /^h2h: "users" is not something h2h exports/);
    expectOneLineFailure(file, /^h2h: cannot write to .*a-file \(not a directory\)$/);
    expect(fs.existsSync(target)).toBe(false);
    expect(fs.readFileSync(notDir, 'utf8')).toBe('x');
  });

  it('leaves no .tmp file, and a second export replaces the first', async () => {
    const out = path.join(dataDir, 'export-again');
    ok(await runCli(['export', '--entity', 'accounts', out], env));
    fs.writeFileSync(path.join(out, 'accounts.csv.tmp'), 'left over from a crash');
    ok(await runCli(['export', '--entity', 'accounts', out], env));
    expect(fs.readdirSync(out)).toEqual(['accounts.csv']);
    expect(parse(fs.readFileSync(path.join(out, 'accounts.csv'), 'utf8'), { bom: true })).toHaveLength(counts.accounts! + 1);
  });
});
