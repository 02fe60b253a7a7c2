/**
 * The buyer's room benchmark (`npm run bench:portal`, which builds first): prints, does not assert.
 *
 * 1. The room's page as a browser loads it: the scripts, preloads and styles
 *    web/dist/portal.html names, gzipped. Budget 100 kB (React included; the
 *    seller app's code must not be in it).
 * 2. GET /api/portal/v1/room under 200 concurrent connections (autocannon on
 *    loopback, in a process of its own, 10 s after a 2 s warm-up), against a bare Fastify route doing
 *    the same database reads, measured in the same run on the same SQLite
 *    file. "The same reads" is exact: one GET /room is run with every SQL
 *    statement recorded, and the bare route replays those SELECTs through
 *    better-sqlite3 and returns their rows as JSON — no session checks,
 *    shaping, or wording. The ratio is what the room costs over the reads
 *    themselves (goal ≥ 50 % of the bare throughput). The machine is shared
 *    and noisy: the ratio means more than the numbers.
 *
 * The room: a journey with a buying group of 6, 8 plan steps, a sent quote of
 * 5 lines, 20 comments, each member's criteria and sign-off.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import type { Result } from 'autocannon';
import BetterSqlite3 from 'better-sqlite3';
import Fastify from 'fastify';
import { Kysely, SqliteDialect } from 'kysely';
import { defaultLoginLimits, login } from '../src/app/auth.ts';
import type { AppContext } from '../src/app/context.ts';
import { createOrg } from '../src/app/orgs.ts';
import { addUser } from '../src/app/users.ts';
import { buildServer } from '../src/http/server.ts';
import { openStore } from '../src/store/connect.ts';
import { migrate } from '../src/store/migrator.ts';
import type { Database } from '../src/store/schema.ts';

const WEB_DIR = path.resolve('web/dist');
const BUNDLE_BUDGET = 100_000;
const RATIO_GOAL = 0.5;
const CONNECTIONS = 200;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const PASSWORD = 'bench-password-123';
const AUTOCANNON = path.join(path.dirname(createRequire(import.meta.url).resolve('autocannon/package.json')), 'autocannon.js');
const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

// --- 1. The room's bundle ---------------------------------------------------

function roomBundle() {
  const file = path.join(WEB_DIR, 'portal.html');
  if (!fs.existsSync(file)) throw new Error('no web/dist/portal.html: run npm run build (npm run bench:portal does)');
  const html = fs.readFileSync(file, 'utf8');
  const refs = [...html.matchAll(/<(?:script[^>]*\bsrc|link[^>]*\bhref)="(\/assets\/[^"]+)"/g)].map((m) => m[1]!);
  const files = refs.map((ref) => {
    const body = fs.readFileSync(path.join(WEB_DIR, ref));
    return { file: ref, raw: body.length, gzip: zlib.gzipSync(body, { level: 9 }).length };
  });
  return { files, total: files.reduce((n, f) => n + f.gzip, 0) };
}

// --- 2. The room's API against the bare reads ---------------------------------

async function seed(ctx: AppContext, base: string) {
  const { adminId, orgId } = await createOrg(ctx, { name: 'Bänk AB', admin: { email: 'bench-portal@h2h.local', name: 'Bea Bänk', password: PASSWORD } });
  const admin = { orgId, userId: adminId, role: 'admin' as const, kind: 'user' as const };
  await addUser(ctx, admin, { email: 'seller-portal@h2h.local', name: 'Sam Säljare', role: 'seller', password: PASSWORD });
  const { token } = await login(ctx, defaultLoginLimits(), { email: 'seller-portal@h2h.local', password: PASSWORD, address: '127.0.0.1' });
  const { token: adminToken } = await login(ctx, defaultLoginLimits(), { email: 'bench-portal@h2h.local', password: PASSWORD, address: '127.0.0.1' });
  const call = async <T>(who: string, method: string, url: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${base}/api/v1${url}`, {
      method,
      headers: { cookie: `h2h_session=${who}`, 'accept-language': 'en', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
  const products = [];
  for (let i = 0; i < 5; i++) {
    products.push(await call<{ id: string }>(adminToken, 'POST', '/products', { sku: `BENCH-${i}`, name: { sv: `Vara ${i}`, en: `Item ${i}` }, unit: 'st', listPriceMinor: 10_000 + i * 2_500 }));
  }
  const account = await call<{ id: string }>(token, 'POST', '/accounts', { kind: 'company', name: 'Rumsbolaget AB' });
  const contacts = [];
  for (let i = 0; i < 6; i++) {
    contacts.push(await call<{ id: string }>(token, 'POST', `/accounts/${account.id}/contacts`, { name: `Köpare ${i}`, email: `kopare-${i}@rumsbolaget.example`, title: 'Inköp', buyingRole: i === 0 ? 'decision_maker' : 'influencer' }));
  }
  const journey = await call<{ id: string }>(token, 'POST', '/journeys', { accountId: account.id, title: 'Bänkresan' });
  for (let i = 0; i < 8; i++) {
    await call(token, 'POST', `/journeys/${journey.id}/plan-steps`, { title: `Steg ${i}`, owner: { contactId: contacts[i % contacts.length]!.id }, dueDate: `2027-01-${String(10 + i).padStart(2, '0')}` });
  }
  const quote = await call<{ id: string }>(token, 'POST', `/journeys/${journey.id}/quotes`, { lines: products.map((p, i) => ({ productId: p.id, quantity: i + 1 })) });
  await call(token, 'POST', `/quotes/${quote.id}/send`, {});
  for (let i = 0; i < 20; i++) await call(token, 'POST', `/journeys/${journey.id}/comments`, { text: `Kommentar ${i}: https://example.com/${i}` });
  const invite = await call<{ link: string }>(token, 'POST', `/journeys/${journey.id}/portal-invites`, { contactId: contacts[0]!.id });
  // The buyer opens the link: the portal cookie the load test sends.
  const opened = await fetch(`${base}/api/portal/v1/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: new URL(invite.link, base).pathname.slice(3) }) });
  const cookie = (opened.headers.get('set-cookie') ?? '').split(';')[0]!;
  if (opened.status !== 201 || !cookie.startsWith('h2h_portal=')) throw new Error(`the link did not open: ${opened.status}`);
  // Each member's say, as the buyers would leave it.
  const say = async (method: string, url: string, body?: unknown) => {
    const res = await fetch(`${base}/api/portal/v1${url}`, { method, headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify(body ?? {}) });
    if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
  };
  await say('POST', '/my-criteria', { text: 'Fungerar med vårt affärssystem' });
  await say('POST', '/my-criteria', { text: 'Leverans före februari' });
  await say('PUT', '/sign-off', { state: 'not_yet', reason: 'Ekonomi har inte sagt sitt' });
  return { cookie };
}

interface Statement {
  sql: string;
  parameters: readonly unknown[];
}

/** autocannon in a process of its own (so the load does not share the servers' event loop); its JSON result. */
function cannon(url: string, seconds: number, headers: Record<string, string>): Promise<Result> {
  const args = [AUTOCANNON, '--json', '--connections', String(CONNECTIONS), '--duration', String(seconds), ...Object.entries(headers).flatMap(([k, v]) => ['--headers', `${k}=${v}`]), url];
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { maxBuffer: 16 * 1024 * 1024 }, (err, stdout) => {
      if (err) return reject(err);
      resolve(JSON.parse(stdout) as Result);
    });
  });
}

async function load(url: string, headers: Record<string, string>) {
  await cannon(url, 2, headers);
  const r = await cannon(url, SECONDS, headers);
  const codes = Object.entries(r.statusCodeStats ?? {})
    .filter(([code]) => !code.startsWith('2'))
    .map(([code, n]) => `${n.count}× ${code}`);
  if (r.timeouts) codes.push(`${r.timeouts} timed out`);
  return { rps: r.requests.average, p99: r.latency.p99, ok: r['2xx'], bad: r.non2xx + r.errors, why: codes.join(', ') };
}

async function main() {
  const bundle = roomBundle();
  console.log('1. The room page, gzipped:');
  for (const f of bundle.files) console.log(`   ${f.file.padEnd(34)} ${kB(f.raw).padStart(9)} raw ${kB(f.gzip).padStart(9)} gzip`);
  console.log(`   total ${kB(bundle.total)} (budget ${kB(BUNDLE_BUDGET)}): ${bundle.total <= BUNDLE_BUDGET ? 'within' : 'OVER'}`);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'h2h-bench-portal-'));
  const file = path.join(dir, 'portal.sqlite');
  const store = openStore({ sqliteFile: file });
  await migrate(store.db, store.dialect);
  const ctx: AppContext = { store, now: () => new Date() };
  const app = await buildServer({ ctx, webDir: WEB_DIR, portalLimits: undefined });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    const { cookie } = await seed(ctx, base);
    const roomUrl = `${base}/api/portal/v1/room`;
    const first = await fetch(roomUrl, { headers: { cookie } });
    const roomBody = await first.text();
    if (first.status !== 200) throw new Error(`GET /room: ${first.status} ${roomBody}`);

    // One GET /room with every statement recorded: a second server on the same file, its queries logged.
    const raw = new BetterSqlite3(file);
    raw.pragma('busy_timeout = 5000');
    const recorded: Statement[] = [];
    const logged = new Kysely<Database>({
      dialect: new SqliteDialect({ database: raw }),
      log: (event) => {
        if (event.level === 'query') recorded.push({ sql: event.query.sql, parameters: event.query.parameters });
      },
    });
    const recorder = await buildServer({ ctx: { store: { ...store, db: logged }, now: ctx.now }, webDir: WEB_DIR });
    const probe = await recorder.inject({ method: 'GET', url: '/api/portal/v1/room', headers: { cookie } });
    if (probe.statusCode !== 200) throw new Error(`recorded GET /room: ${probe.statusCode}`);
    await recorder.close();
    const reads = recorded.filter((s) => /^\s*(select|with)\b/i.test(s.sql));
    const writes = recorded.length - reads.length;
    // `npm run bench:portal -- --sql`: the statements one GET /room makes, to see what could be read together.
    if (process.argv.includes('--sql')) for (const r of recorded) console.log(`   ${r.sql.replace(/\s+/g, ' ').slice(0, 200)}`);

    // The bare route: the same SELECTs, prepared once, their rows as JSON.
    const prepared = reads.map((s) => ({ stmt: raw.prepare(s.sql), parameters: s.parameters as unknown[] }));
    const bare = Fastify({ logger: false });
    bare.get('/room', async () => prepared.map((p) => p.stmt.all(...p.parameters)));
    const bareBase = await bare.listen({ port: 0, host: '127.0.0.1' });

    console.log(`\n2. GET /api/portal/v1/room (${kB(Buffer.byteLength(roomBody))} JSON, ${reads.length} reads${writes ? ` and ${writes} writes` : ''}), ${CONNECTIONS} connections, ${SECONDS} s each:`);
    const barely = await load(`${bareBase}/room`, {});
    const room = await load(roomUrl, { cookie });
    await bare.close();
    raw.close();
    const row = (name: string, r: { rps: number; p99: number; ok: number; bad: number; why: string }) =>
      console.log(`   ${name.padEnd(30)} ${r.rps.toFixed(0).padStart(7)} req/s   p99 ${String(r.p99).padStart(5)} ms   (${r.ok} ok${r.bad ? `, ${r.bad} not: ${r.why}` : ''})`);
    row('bare Fastify, same reads', barely);
    row('the room', room);
    const ratio = room.rps / barely.rps;
    console.log(`   ratio ${(ratio * 100).toFixed(0)} % of the bare throughput (goal ≥ ${RATIO_GOAL * 100} %): ${ratio >= RATIO_GOAL ? 'met' : 'NOT met'}`);
  } finally {
    await app.close();
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
