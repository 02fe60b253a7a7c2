/**
 * Benchmarks: H2H's use cases against the bare driver doing the same SQL in
 * the same run, printed as ratios (the machine is shared and noisy: absolute
 * times mean little, ratios mean more). Run with `npm run bench`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { createAccount } from '../src/app/accounts.ts';
import type { Actor, AppContext } from '../src/app/context.ts';
import { createJourney, getJourney, listJourneys } from '../src/app/journeys.ts';
import { createOrg } from '../src/app/orgs.ts';
import { openStore } from '../src/store/connect.ts';
import { migrate } from '../src/store/migrator.ts';

async function time(n: number, fn: (i: number) => unknown): Promise<number> {
  for (let i = 0; i < Math.min(50, n); i++) await fn(i);
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await fn(i);
  return Number(process.hrtime.bigint() - start) / 1e6 / n;
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'h2h-bench-'));
const file = path.join(dir, 'bench.sqlite');
const store = openStore({ sqliteFile: file });
await migrate(store.db, 'sqlite');
const ctx: AppContext = { store, now: () => new Date() };
const { orgId, adminId } = await createOrg(ctx, { name: 'Bench AB', admin: { email: 'bench@h2h.local', name: 'B', password: 'benchmark-pw' } });
const actor: Actor = { orgId, userId: adminId, role: 'admin', kind: 'user' };
const account = await createAccount(ctx, actor, { kind: 'company', name: 'Kund AB' });
const seed = 2000;
process.stdout.write(`seeding ${seed} journeys… `);
const ids: string[] = [];
for (let i = 0; i < seed; i++) ids.push((await createJourney(ctx, actor, { accountId: account.id, title: `Affär ${i}` }, 'sv')).id);
console.log('done');

const raw = new BetterSqlite3(file, { readonly: false });
raw.pragma('journal_mode = WAL');
const rawList = raw.prepare('select * from journeys where org_id = ? and status = ? order by id desc limit 51');
const rawGet = raw.prepare('select * from journeys where org_id = ? and id = ?');
const rawInsert = raw.prepare(
  `insert into journeys (org_id, id, account_id, template_id, title, stage, status, owner_id, value_minor, currency, stage_entered_at, created_at, updated_at)
   select org_id, ? , account_id, template_id, title, stage, status, owner_id, value_minor, currency, stage_entered_at, created_at, updated_at from journeys where org_id = ? and id = ?`,
);

const rows: [string, number, number][] = [];
const n = 500;
rows.push(['list a page of 50 journeys', await time(n, () => listJourneys(ctx, actor, { status: 'open', limit: 50 })), await time(n, () => rawList.all(orgId, 'open'))]);
rows.push(['read one journey with its criteria', await time(n, (i) => getJourney(ctx, actor, ids[i % ids.length]!, 'sv')), await time(n, (i) => rawGet.get(orgId, ids[i % ids.length]))]);
rows.push([
  'create a journey (audit + timeline, one transaction)',
  await time(200, (i) => createJourney(ctx, actor, { accountId: account.id, title: `Ny ${i}` }, 'sv')),
  await time(200, (i) => rawInsert.run(`bench-${i}-${Math.random()}`, orgId, ids[0])),
]);

console.log('\nH2H vs bare better-sqlite3, same SQLite file, same run (ratio = H2H / bare)');
console.log('operation'.padEnd(54), 'H2H ms'.padStart(9), 'bare ms'.padStart(9), 'ratio'.padStart(8));
for (const [name, ours, bare] of rows) console.log(name.padEnd(54), ours.toFixed(3).padStart(9), bare.toFixed(3).padStart(9), `${(ours / bare).toFixed(1)}×`.padStart(8));
raw.close();
await store.close();
fs.rmSync(dir, { recursive: true, force: true });
