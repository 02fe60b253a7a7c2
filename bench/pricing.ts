/**
 * The pricing benchmark (`npm run bench:pricing [-- --seconds S]`): prints, does not assert.
 *
 * Prices quotes of 1, 10 and 100 lines with 50 rules (20 demand rules, half
 * weekly and half absolute windows, some of them for all products; 15 cost
 * rules; 15 discount rules by tier and by quantity) for 200 accounts of every
 * tier, at moments spread over New Year's week in Europe/Stockholm, so some
 * windows hold and some do not. Each quote gets the history a store would
 * hand it: for its products, the account's order lines of the last year (12
 * a product) and everyone's of the last 60 days (20 a product). Everything is
 * built before the clock starts; the clock measures `priceQuote` alone, once
 * with the default policy and once in emergency mode.
 * Goal (issue 6): ≥ 200,000 priced lines per second.
 */
import { TIERS } from '../src/domain/loyalty.ts';
import { DEFAULT_PRICING_POLICY, compilePricing, priceCompiled, priceQuote, type PriceFact, type PriceRule, type Product, type QuoteRequest } from '../src/domain/pricing.ts';
import { createRandom } from '../src/domain/random.ts';

const args = process.argv.slice(2);
const SECONDS = args.includes('--seconds') ? Number(args[args.indexOf('--seconds') + 1]) : 2;
const GOAL = 200_000;
const DAY = 86_400_000;
const PRODUCTS = 100;
const ACCOUNTS = 200;
const QUOTES = 400;
const START = Date.parse('2025-12-27T00:00:00Z');

const rng = createRandom(6);
const products: Product[] = Array.from({ length: PRODUCTS }, (_, i) => ({
  id: `p${i}`,
  sku: `SKU-${i}`,
  names: { sv: `Vara ${i}`, en: `Item ${i}` },
  unit: 'st',
  listPriceMinor: rng.int(10, 5_000) * 100,
  currency: 'SEK',
  vatBp: rng.pick([2500, 2500, 2500, 1200, 600]),
}));
const someProducts = () => rng.shuffle(products.map((p) => p.id)).slice(0, rng.int(1, 20));
const reason = (i: number) => ({ sv: `regel ${i}`, en: `rule ${i}` });
const pad = (n: number) => String(n).padStart(2, '0');

const rules: PriceRule[] = [];
for (let i = 0; i < 10; i++) {
  rules.push({
    kind: 'demand',
    id: `weekly-${i}`,
    window: { type: 'weekly', weekday: rng.int(1, 7), start: `${pad(rng.int(0, 23))}:00`, end: `${pad(rng.int(0, 23))}:30` },
    multiplierBp: rng.int(10_500, 30_000),
    reason: reason(i),
    ...(i < 3 ? {} : { productIds: someProducts() }),
  });
}
for (let i = 0; i < 10; i++) {
  const from = START + rng.int(0, 6 * 24) * 3_600_000;
  rules.push({
    kind: 'demand',
    id: `event-${i}`,
    window: { type: 'absolute', from: new Date(from).toISOString().slice(0, 16), to: new Date(from + rng.int(2, 30) * 3_600_000).toISOString().slice(0, 16) },
    multiplierBp: rng.int(10_500, 40_000),
    reason: reason(10 + i),
    ...(i < 2 ? {} : { productIds: someProducts() }),
  });
}
for (let i = 0; i < 15; i++) {
  rules.push({
    kind: 'cost',
    id: `cost-${i}`,
    productId: rng.pick(products).id,
    from: new Date(START - rng.int(-3, 200) * DAY).toISOString().slice(0, 16),
    increase: rng.chance(0.5) ? { percentBp: rng.int(100, 1_500) } : { amountMinor: rng.int(1, 50) * 100 },
    reason: reason(20 + i),
  });
}
for (let i = 0; i < 15; i++) {
  const scope = rng.chance(0.5) ? {} : { productIds: someProducts() };
  if (i < 8) rules.push({ kind: 'discount', id: `tier-${i}`, by: 'tier', tiers: rng.shuffle([...TIERS]).slice(0, rng.int(1, 3)), percentBp: rng.int(1, 15) * 100, reason: reason(35 + i), ...scope });
  else rules.push({ kind: 'discount', id: `qty-${i}`, by: 'quantity', minQuantity: rng.int(2, 50), percentBp: rng.int(1, 10) * 100, reason: reason(35 + i), ...scope });
}

/** One account's order lines of one product in the last year, and everyone's of the last 60 days. */
function historyOf(accountId: string, productIds: readonly string[], atMs: number): PriceFact[] {
  const facts: PriceFact[] = [];
  for (const productId of productIds) {
    const list = (products[Number(productId.slice(1))] as Product).listPriceMinor;
    for (let k = 0; k < 12; k++) {
      const quantity = rng.int(1, 10);
      facts.push({ accountId, productId, atMs: atMs - rng.int(1, 364) * DAY, quantity, amountMinor: Math.round(list * quantity * rng.float(0.8, 1.2)) });
    }
    for (let k = 0; k < 20; k++) {
      const quantity = rng.int(1, 10);
      facts.push({ accountId: `other-${rng.int(0, 999)}`, productId, atMs: atMs - rng.int(1, 59) * DAY, quantity, amountMinor: Math.round(list * quantity * rng.float(0.8, 1.5)) });
    }
  }
  return facts;
}

interface Job {
  request: QuoteRequest;
  history: PriceFact[];
  at: Date;
}

function jobs(lines: number): Job[] {
  return Array.from({ length: QUOTES }, (_, i) => {
    const accountId = `a${rng.int(0, ACCOUNTS - 1)}`;
    const atMs = START + rng.int(0, 7 * 24 * 60) * 60_000;
    const chosen = rng.shuffle(products).slice(0, lines);
    const request: QuoteRequest = { accountId, tier: TIERS[i % TIERS.length] ?? 'new', currency: 'SEK', lines: chosen.map((product) => ({ product, quantity: rng.int(1, 60) })) };
    return { request, history: historyOf(accountId, chosen.map((p) => p.id), atMs), at: new Date(atMs) };
  });
}

/**
 * Lines and quotes per second of CPU time (user + system of this process),
 * pricing every job over and over for SECONDS of it: on a shared machine,
 * wall time measures the neighbours too. The wall-clock rate is given beside.
 */
function measure(list: Job[], price: (j: Job) => number): { linesPerSecond: number; quotesPerSecond: number; wallLinesPerSecond: number } {
  let sink = 0;
  // Warm up: the JIT, and the time zone's offsets for the week.
  for (let k = 0; k < 3; k++) for (const j of list) sink += price(j);
  let quotes = 0;
  let lines = 0;
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  let cpuMs = 0;
  while (cpuMs < SECONDS * 1000) {
    for (const j of list) {
      sink += price(j);
      lines += j.request.lines.length;
    }
    quotes += list.length;
    const used = process.cpuUsage(cpu0);
    cpuMs = (used.user + used.system) / 1000;
  }
  const wallMs = performance.now() - wall0;
  if (sink === -1) console.log(sink);
  return { linesPerSecond: (lines * 1000) / cpuMs, quotesPerSecond: (quotes * 1000) / cpuMs, wallLinesPerSecond: (lines * 1000) / wallMs };
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const emergency = { ...DEFAULT_PRICING_POLICY, emergency: true };
let compiled = compilePricing(rules, DEFAULT_PRICING_POLICY);
const t0 = performance.now();
for (let i = 0; i < 1000; i++) compiled = compilePricing(rules, DEFAULT_PRICING_POLICY);
const compileUs = (performance.now() - t0) / 1000 * 1000;
const compiledEmergency = compilePricing(rules, emergency);

console.log(`Pricing benchmark: ${rules.length} rules, ${PRODUCTS} products, ${ACCOUNTS} accounts, ${QUOTES} quotes per size, ${SECONDS} s per row, node ${process.version}`);
console.log(`  compilePricing (${rules.length} rules): ${compileUs.toFixed(1)} µs, once per rule set`);
console.log('  per second of CPU time       lines/quote     quotes/s     lines/s   µs/line  goal ≥ 200,000 lines/s   lines/s by the wall clock');
const rows: [string, (j: Job) => number][] = [
  ['priceCompiled', (j) => priceCompiled(compiled, j.request, j.history, j.at).totalMinor],
  ['priceCompiled, emergency', (j) => priceCompiled(compiledEmergency, j.request, j.history, j.at).totalMinor],
  ['priceQuote (compiles each)', (j) => priceQuote(j.request, rules, DEFAULT_PRICING_POLICY, j.history, j.at).totalMinor],
];
for (const size of [1, 10, 100]) {
  const list = jobs(size);
  const facts = list.reduce((s, j) => s + j.history.length, 0) / list.length;
  console.log(`  quotes of ${size} ${size === 1 ? 'line' : 'lines'}, ${fmt(facts)} history facts a quote`);
  for (const [name, price] of rows) {
    const r = measure(list, price);
    console.log(
      `  ${name.padEnd(27)} ${String(size).padStart(11)} ${fmt(r.quotesPerSecond).padStart(12)} ${fmt(r.linesPerSecond).padStart(11)} ${(1e6 / r.linesPerSecond).toFixed(2).padStart(9)}  ${(r.linesPerSecond >= GOAL ? 'met' : 'not met').padEnd(22)} ${fmt(r.wallLinesPerSecond).padStart(11)}`,
    );
  }
}
