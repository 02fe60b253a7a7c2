/**
 * CDNOW end to end: the real purchases go in through the order import (with the
 * mapping file kept beside them), and `h2h loyalty model` fits the BG/NBD model on
 * them as of 1997-09-30, in weeks, reproducing the published parameters.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { emptyPgDatabase, tempDir } from '../helpers/backends.ts';
import { cliEnv, killAll, REPO_ROOT, runCli, type CliResult } from '../helpers/cli.ts';

const CDNOW = path.join(REPO_ROOT, 'test/fixtures/cdnow');
const PUBLISHED = { r: 0.242593, alpha: 4.413532, a: 0.792886, b: 2.425752 };

const dirs: string[] = [];
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await killAll();
  for (const c of cleanups.splice(0).reverse()) await c();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function ok(r: CliResult): CliResult {
  if (r.code !== 0) throw new Error(`exit ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
  return r;
}

describe.each(['sqlite', 'postgres'] as const)('CDNOW through import and the loyalty model on %s', (backend) => {
  it('imports the 6,919 purchases of 2,357 customers and fits r, alpha, a and b within 0.5 % of the published values', async () => {
    const dataDir = tempDir();
    dirs.push(dataDir);
    let env = cliEnv({ H2H_DATA_DIR: dataDir });
    if (backend === 'postgres') {
      const db = await emptyPgDatabase();
      cleanups.push(() => db.drop());
      env = cliEnv({ H2H_DATA_DIR: dataDir, H2H_DATABASE_URL: db.url });
    }
    ok(await runCli(['org', 'add', '--name', 'CDNOW', '--admin-email', `cdnow-${backend}@h2h.example`, '--admin-password', 'cdnow-password-1'], env, 60_000));
    const imported = ok(await runCli(['import', 'orders', path.join(CDNOW, 'CDNOW_sample.txt'), '--map', path.join(CDNOW, 'orders.map.json')], env, 60_000));
    expect(imported.stdout).toContain('6,919 rows read: 6,919 new, 0 updated, 0 duplicates skipped, 0 rejected');

    const fit = JSON.parse(ok(await runCli(['loyalty', 'model', '--as-of', '1997-09-30', '--unit', 'week', '--json'], env, 60_000)).stdout) as Record<string, number | string | boolean>;
    expect(fit).toMatchObject({ asOf: '1997-09-30', unit: 'week', customers: 2357, converged: true });
    for (const [k, v] of Object.entries(PUBLISHED)) expect(Math.abs((fit[k] as number) / v - 1), `${k} = ${fit[k]}, published ${v}`).toBeLessThan(0.005);
    expect(fit.logLikelihood as number).toBeCloseTo(-9582.4, 0);

    // For a person: the same numbers in a sentence; a bad date is one clear line.
    const human = ok(await runCli(['loyalty', 'model', '--as-of', '1997-09-30'], env, 60_000));
    expect(human.stdout).toMatch(/^BG\/NBD on 2,357 customers' orders up to 1997-09-30, in weeks:\n {2}r 0\.2425\d+ {2}alpha 4\.41\d+/);
    // Every account's tier now: the import already ranked them; a recompute says what it found.
    const recomputed = ok(await runCli(['loyalty', 'recompute'], env, 60_000));
    expect(recomputed.stdout).toMatch(/^Recomputed loyalty for 2,357 accounts with orders in \d+\.\d s; 0 changed tier\.\n/);
    const counts = [...recomputed.stdout.matchAll(/(champion|at_risk|loyal|regular|occasional|new) ([\d,]+)/g)].map((m) => Number(m[2]!.replace(/,/g, '')));
    expect(counts).toHaveLength(6);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(2357);

    const bad = await runCli(['loyalty', 'model', '--as-of', '30/9 1997'], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim()).toBe('h2h: --as-of must be a date as YYYY-MM-DD, not "30/9 1997"');
  }, 120_000);
});
