/**
 * The web app's benchmark (`npm run bench:web`, after a build): prints, does not assert.
 *
 * 1. The seller app's initial JavaScript, gzipped: the entry script and its
 *    modulepreload links in web/dist/index.html. Budget 200 kB.
 * 2. The board with 2 000 open journeys in headless Chromium: from navigation
 *    start until the first page of cards is on screen in every column and a
 *    card's move button is enabled; median of 5 cold runs (a new browser
 *    context each, so nothing is cached). Goal 500 ms. In the same run, the
 *    same browser renders a bare static page with the same cards as plain
 *    divs, from a tiny node:http server: the ratio is what the app costs
 *    over plain HTML (the machine is shared and noisy; ratios mean more
 *    than milliseconds).
 * 3. Every GET /api/v1/board and /api/v1/journeys the board made carried a limit ≤ 200
 *    (per column).
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { createAccount } from '../src/app/accounts.ts';
import { defaultLoginLimits, login } from '../src/app/auth.ts';
import { newId, write, type Actor, type AppContext } from '../src/app/context.ts';
import { createOrg } from '../src/app/orgs.ts';
import { addUser } from '../src/app/users.ts';
import { B2B_TEMPLATE } from '../src/domain/process.ts';
import { nameKey } from '../src/domain/swedish.ts';
import { buildServer } from '../src/http/server.ts';
import type { JourneyRow } from '../src/store/schema.ts';
import { findTemplateByKey } from '../src/store/templates.ts';
import { openStore } from '../src/store/connect.ts';
import { migrate } from '../src/store/migrator.ts';

const WEB_DIR = path.resolve('web/dist');
const CHROMIUM = process.env.H2H_CHROMIUM ?? '/usr/bin/chromium';
const JS_BUDGET = 200_000;
const BOARD_GOAL_MS = 500;
const JOURNEYS = 2000;
const RUNS = 5;
// The board's page per column, read from the app so the two never drift apart.
const PAGE_SIZE = Number(/export const PAGE_SIZE = (\d+)/.exec(fs.readFileSync(path.resolve('web/src/board/board-data.ts'), 'utf8'))?.[1] ?? NaN);
if (!Number.isInteger(PAGE_SIZE)) throw new Error('cannot read PAGE_SIZE from web/src/board/board-data.ts');
const MAX_LIMIT = 200; // what the API accepts (src/http/schemas.ts)
/** How the 2 000 open journeys spread over the B2B stages: more early, fewer late. */
const SPREAD = [0.25, 0.22, 0.2, 0.15, 0.1, 0.08];
const PASSWORD = 'bench-password-123';

const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

// --- 1. Initial JavaScript -------------------------------------------------

function initialJs(): { files: { file: string; raw: number; gzip: number }[]; total: number } {
  const html = fs.readFileSync(path.join(WEB_DIR, 'index.html'), 'utf8');
  const srcs = new Set<string>();
  for (const m of html.matchAll(/<script\b[^>]*\btype="module"[^>]*\bsrc="([^"]+)"/g)) srcs.add(m[1]!);
  for (const m of html.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+)"/g)) srcs.add(m[1]!);
  for (const m of html.matchAll(/<link\b[^>]*\bhref="([^"]+)"[^>]*\brel="modulepreload"/g)) srcs.add(m[1]!);
  const files = [...srcs].map((src) => {
    const buf = fs.readFileSync(path.join(WEB_DIR, src.replace(/^\//, '')));
    return { file: src, raw: buf.length, gzip: zlib.gzipSync(buf).length };
  });
  return { files, total: files.reduce((n, f) => n + f.gzip, 0) };
}

// --- 2. Seeding ------------------------------------------------------------

async function seed(ctx: AppContext) {
  const { orgId, adminId } = await createOrg(ctx, { name: 'Bänk AB', admin: { email: 'bench-web@h2h.local', name: 'Bea Bänk', password: PASSWORD } });
  const admin: Actor = { orgId, userId: adminId, role: 'admin', kind: 'user' };
  const sellers: string[] = [];
  for (const name of ['Sara Holm', 'Erik Nyström', 'Anna Lindqvist', 'Amir Haddad']) {
    sellers.push((await addUser(ctx, admin, { email: `${nameKey(name).replace(/\s/g, '.')}@bench.h2h.local`, name, role: 'seller' })).id);
  }
  const accounts: { id: string; name: string }[] = [];
  for (let i = 0; i < 200; i++) {
    const a = await createAccount(ctx, admin, { kind: 'company', name: `${['Norrlands', 'Göta', 'Mälardalens', 'Skånska', 'Värmlands'][i % 5]} ${['Bygg', 'Energi', 'Logistik', 'Snickeri', 'Glas'][Math.floor(i / 5) % 5]} ${i} AB` });
    accounts.push({ id: a.id, name: a.name });
  }
  const template = await findTemplateByKey(ctx.store.db, orgId, 'b2b');
  if (!template) throw new Error('no b2b template');
  const stages = B2B_TEMPLATE.stages;
  const perStage = SPREAD.map((f) => Math.round(f * JOURNEYS));
  perStage[0]! += JOURNEYS - perStage.reduce((a, b) => a + b, 0);

  // Batched inserts in one transaction, as the demo org does; a criterion met on every third journey,
  // a concern on every seventh (every third of those blocking), so that cards show readiness and concerns.
  const start = Date.now() - 90 * 86_400_000;
  await write(ctx, admin, async (w) => {
    const journeys: JourneyRow[] = [];
    const criteria: { org_id: string; journey_id: string; stage: string; criterion_key: string; evidence: string; met_at: string; met_by: string }[] = [];
    const concerns: { org_id: string; id: string; journey_id: string; topic: string; text: string; blocking: number; status: string; answer: null; contact_id: null; raised_by: string; raised_at: string; answered_at: null; closed_at: null }[] = [];
    let n = 0;
    stages.forEach((stage, s) => {
      for (let k = 0; k < perStage[s]!; k++, n++) {
        const at = new Date(start + n * 3_600_000).toISOString();
        const account = accounts[n % accounts.length]!;
        const title = `${['Armaturbyte', 'LED-byte', 'Ljusstyrning', 'Nödbelysning', 'Utomhusbelysning'][n % 5]} ${n}`;
        const id = newId(new Date(at));
        const owner = sellers[n % sellers.length]!;
        journeys.push({
          org_id: orgId, id, account_id: account.id, template_id: template.id, title, title_key: nameKey(title), stage: stage.key, status: 'open',
          owner_id: owner, value_minor: (50 + (n % 40) * 25) * 1000_00, currency: 'SEK', stage_entered_at: at, created_at: at, updated_at: at, closed_at: null, close_reason: null,
        });
        const manual = stage.criteria.find((c) => !['concerns_answered', 'no_blocking_concerns', 'price_explained', 'quote_accepted'].includes(c.key));
        if (n % 3 === 0 && manual) criteria.push({ org_id: orgId, journey_id: id, stage: stage.key, criterion_key: manual.key, evidence: 'Sa det i mötet.', met_at: at, met_by: owner });
        if (n % 7 === 0) concerns.push({ org_id: orgId, id: newId(new Date(at)), journey_id: id, topic: 'price', text: 'Är det värt priset?', blocking: n % 21 === 0 ? 1 : 0, status: 'open', answer: null, contact_id: null, raised_by: owner, raised_at: at, answered_at: null, closed_at: null });
      }
    });
    for (let i = 0; i < journeys.length; i += 500) await w.tx.insertInto('journeys').values(journeys.slice(i, i + 500)).execute();
    for (let i = 0; i < criteria.length; i += 500) await w.tx.insertInto('journey_criteria').values(criteria.slice(i, i + 500)).execute();
    for (let i = 0; i < concerns.length; i += 500) await w.tx.insertInto('concerns').values(concerns.slice(i, i + 500)).execute();
  });
  return { admin, perStage, stageNames: stages.map((s) => s.name.sv) };
}

// --- 3. Measuring ----------------------------------------------------------

/**
 * Injected into every page: checks every animation frame and stamps `window.__ready`
 * with performance.now() (ms since navigation start) at the first frame in which
 * every column shows its expected number of cards and a move button is
 * enabled and on screen. The same detector runs on the app and on the baseline.
 * Plain JavaScript in a string: a function compiled by tsx would carry its
 * helpers (`__name`) into the page, where they do not exist.
 */
const detector = (expected: number[]) => `(() => {
  const expected = ${JSON.stringify(expected)};
  const done = () => {
    const cols = document.querySelectorAll('section.bcol');
    if (cols.length !== expected.length) return false;
    for (let i = 0; i < cols.length; i++) if (cols[i].querySelectorAll('.bcol-list > li').length !== expected[i]) return false;
    const button = document.querySelector('button.jcard-move:not([disabled]):not([aria-disabled="true"])');
    if (!button) return false;
    const r = button.getBoundingClientRect();
    return r.width > 0 && r.top < innerHeight;
  };
  // Checked once a frame, just before the frame is painted: cheap, and it does not slow the page it measures.
  const frame = () => {
    if (done()) window.__ready = performance.now();
    else requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
})();`;

async function timeRuns(browser: Browser, url: string, expected: number[], prepare?: (c: BrowserContext) => Promise<void>, onRequest?: (url: string) => void) {
  const times: { ms: number; arrived: Record<string, number> }[] = [];
  for (let run = 0; run <= RUNS; run++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'sv-SE' });
    if (prepare) await prepare(context);
    await context.addInitScript({ content: detector(expected) });
    const page = await context.newPage();
    if (onRequest) page.on('request', (r) => onRequest(r.url()));
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(url);
    try {
      await page.waitForFunction(() => (window as unknown as { __ready?: number }).__ready !== undefined, undefined, { timeout: 30_000 });
    } catch (err) {
      const seen = await page.evaluate(() => [...document.querySelectorAll('section.bcol')].map((c) => c.querySelectorAll('.bcol-list > li').length).join(' / '));
      throw new Error(`${url} never became ready (now at ${page.url()}; cards per column: ${seen || 'no columns'}; expected ${expected.join(' / ')})`, { cause: err });
    }
    const ms = await page.evaluate(() => (window as unknown as { __ready: number }).__ready);
    // Where the time went: when the script, the session, the processes and the last column's cards had arrived.
    const arrived = (await page.evaluate(`(() => {
      const end = (re) => Math.max(0, ...performance.getEntriesByType('resource').filter((e) => re.test(e.name)).map((e) => e.responseEnd));
      return { script: end(/\\/assets\\/.*\\.js$/), me: end(/\\/api\\/v1\\/me$/), templates: end(/\\/api\\/v1\\/process-templates/), journeys: end(/\\/api\\/v1\\/(board|journeys)\\?/) };
    })()`)) as Record<string, number>;
    if (errors.length > 0) throw new Error(`the page threw: ${errors.join('; ')}`);
    // The first run warms the browser and the server up; it is not counted.
    if (run > 0) times.push({ ms, arrived });
    await context.close();
  }
  return times;
}

/** A bare page: the same cards as plain divs, no script, a few lines of CSS. */
function staticBoard(columns: { name: string; cards: number }[]): string {
  const card = (c: number, i: number) =>
    `<li class="jcard"><p>Göta Bygg ${i} AB</p><h3><a href="#">Armaturbyte ${c}-${i}</a></h3><p>250 000 kr · 12 dagar i steget</p>` +
    `<p><span class="bar"><span style="width:50%"></span></span> 1/2 · 1 öppen fråga</p><p>Ansvarig: Sara Holm</p>` +
    `<button type="button" class="jcard-move">Flytta till nästa steg →</button></li>`;
  const cols = columns
    .map((col, c) => `<section class="bcol"><h2>${c + 1} ${col.name} <span class="bcol-count">${col.cards}</span></h2><ol class="bcol-list">${Array.from({ length: col.cards }, (_, i) => card(c, i)).join('')}</ol></section>`)
    .join('');
  return `<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Tavla</title><style>
body{font:14px system-ui,sans-serif;margin:0;padding:16px;background:#f4f6f8}
.board{display:grid;grid-template-columns:repeat(${columns.length},1fr);gap:8px}
.bcol{background:#e9edf1;border-radius:6px;padding:6px;min-width:0}
.bcol-list{list-style:none;margin:0;padding:0}
.jcard{background:#fff;border-radius:6px;padding:8px;margin:0 0 6px}
.jcard p,.jcard h3{margin:0 0 4px}.bar{display:inline-block;width:40px;height:4px;background:#ddd}.bar span{display:block;height:4px;background:#1d5fbf}
</style></head><body><h1>Resor</h1><div class="board">${cols}</div></body></html>`;
}

// --- main ------------------------------------------------------------------

if (!fs.existsSync(path.join(WEB_DIR, 'index.html'))) throw new Error('no built web app: npm run build');
if (!fs.existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install -y chromium (or set H2H_CHROMIUM)`);

const js = initialJs();
console.log('Initial JavaScript of the seller app (entry script + modulepreload, gzip level 6)');
for (const f of js.files) console.log(`  ${f.file.padEnd(34)} ${kB(f.raw).padStart(10)} raw ${kB(f.gzip).padStart(10)} gzipped`);
console.log(`  total ${kB(js.total)} gzipped; budget ${kB(JS_BUDGET)} → ${js.total <= JS_BUDGET ? 'PASS' : 'OVER'}\n`);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'h2h-bench-web-'));
const store = openStore({ sqliteFile: path.join(dir, 'bench.sqlite') });
await migrate(store.db, 'sqlite');
const ctx: AppContext = { store, now: () => new Date() };
process.stdout.write(`seeding ${JOURNEYS} open journeys… `);
const t0 = Date.now();
const { perStage, stageNames } = await seed(ctx);
console.log(`${Date.now() - t0} ms (${perStage.join(' / ')} across ${stageNames.join(', ')})`);

const app = await buildServer({ ctx, webDir: WEB_DIR, limits: defaultLoginLimits() });
const base = await app.listen({ port: 0, host: '127.0.0.1' });
const firstPages = perStage.map((n) => Math.min(n, PAGE_SIZE));
const pages = {
  first: staticBoard(stageNames.map((name, i) => ({ name, cards: firstPages[i]! }))),
  all: staticBoard(stageNames.map((name, i) => ({ name, cards: perStage[i]! }))),
};
const bare = http.createServer((req, res) => {
  const body = req.url === '/all' ? pages.all : pages.first;
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
});
await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
const bareBase = `http://127.0.0.1:${(bare.address() as AddressInfo).port}`;

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const api: string[] = [];
try {
  const { token } = await login(ctx, defaultLoginLimits(), { email: 'bench-web@h2h.local', password: PASSWORD, address: '127.0.0.1' });
  const signIn = async (c: BrowserContext) => {
    await c.addCookies([{ name: 'h2h_session', value: token, url: base, httpOnly: true, sameSite: 'Lax' }]);
    await c.addInitScript(() => localStorage.setItem('h2h.lang', 'sv'));
  };
  const board = await timeRuns(browser, `${base}/board`, firstPages, signIn, (u) => u.startsWith(`${base}/api/`) && api.push(u));
  const plain = await timeRuns(browser, `${bareBase}/first`, firstPages);
  const plainAll = await timeRuns(browser, `${bareBase}/all`, perStage);

  const ms = (runs: { ms: number }[]) => runs.map((r) => r.ms);
  const list = (runs: { ms: number }[]) => ms(runs).map((x) => x.toFixed(0)).join(', ');
  const appMs = median(ms(board));
  const bareMs = median(ms(plain));
  const cards = firstPages.reduce((a, b) => a + b, 0);
  console.log(`\nBoard with ${JOURNEYS} open journeys (the first ${PAGE_SIZE} per column: ${cards} cards), headless Chromium 1280×800, median of ${RUNS} cold runs`);
  console.log(`  H2H board, rendered and usable       ${appMs.toFixed(0).padStart(5)} ms  (runs: ${list(board)}); goal ${BOARD_GOAL_MS} ms → ${appMs <= BOARD_GOAL_MS ? 'MET' : 'MISSED'}`);
  console.log(`  bare static HTML, the same ${cards} cards ${bareMs.toFixed(0).padStart(5)} ms  (runs: ${list(plain)})`);
  console.log(`  ratio H2H / bare                     ${(appMs / bareMs).toFixed(1).padStart(5)}×`);
  console.log(`  (bare static HTML with all ${JOURNEYS} cards, what an unpaged board would draw: ${median(ms(plainAll)).toFixed(0)} ms)`);
  const at = (key: string) => median(board.map((r) => r.arrived[key] ?? 0)).toFixed(0).padStart(5);
  console.log('  where the board\'s time goes (medians, ms since navigation start):');
  console.log(`    script loaded ${at('script')} → session (/me) ${at('me')} → processes ${at('templates')} → the cards (/board) ${at('journeys')} → drawn ${appMs.toFixed(0).padStart(5)}`);

  // --- the board's API requests ---
  const journeyLists = api.filter((u) => ['/api/v1/journeys', '/api/v1/board'].includes(new URL(u).pathname));
  const unbounded = journeyLists.filter((u) => {
    const limit = new URL(u).searchParams.get('limit');
    return limit === null || !(Number(limit) >= 1 && Number(limit) <= MAX_LIMIT);
  });
  const byPath = new Map<string, number>();
  for (const u of api) byPath.set(new URL(u).pathname, (byPath.get(new URL(u).pathname) ?? 0) + 1);
  const runs = RUNS + 1;
  console.log(`\nAPI requests the board made (per load, over ${runs} loads): ${[...byPath].map(([p, n]) => `${p} ×${n / runs}`).join(', ')}`);
  const limits = [...new Set(journeyLists.map((u) => new URL(u).searchParams.get('limit')))];
  console.log(`  GET /api/v1/board and /api/v1/journeys: ${journeyLists.length} requests, limits seen: ${limits.join(', ')}; ${unbounded.length === 0 ? `every one paged (limit ≤ ${MAX_LIMIT}) → PASS` : `UNBOUNDED: ${unbounded.join(' ')}`}`);
} finally {
  await browser.close();
  await app.close();
  await new Promise((resolve) => bare.close(resolve));
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
