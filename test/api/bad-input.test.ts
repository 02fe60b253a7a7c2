/**
 * Bad input on every write route of the OpenAPI document: whatever a client
 * sends, H2H answers with a stable problem+json and never a 5xx or a stack
 * trace, and a refused write changes nothing. Path ids are real objects of the
 * admin's own org, so validation — not a missing object — is what is tested.
 */
import { randomBytes } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BODY_LIMIT } from '../../src/http/server.ts';
import { makeCase, makeGuestComment, makeImport, makeOrder, makePortalInvite, makePriceRule, makeProduct, makeQuote, startTestApp, type Client, type Method, type TestApp } from '../helpers/app.ts';
import { API, fill, paramValue, pathParams, type PathIds } from '../helpers/route-ids.ts';
import { BACKENDS } from '../helpers/backends.ts';

const WRITE_METHODS = new Set<Method>(['POST', 'PUT', 'PATCH', 'DELETE']);
/** A well-formed UUIDv7 that no object has. */
const UNKNOWN_ID = '01900000-0000-7000-8000-000000000000';
/** Ids that are not ids at all (already URL-encoded for the path). */
const GARBAGE_IDS = ['x', '%00', '%E2%80%8B', '..%2F..', "1'%20OR%20'1'%3D'1", '%F0%9F%92%A9'];
/** Fixed, so a failure can be replayed. */
const SEED = 20261129;
const RUNS_PER_ROUTE = 25;

interface World extends PathIds {
  accountId: string;
  contactId: string;
  journeyId: string;
  concernId: string;
  stepId: string;
  templateId: string;
  tokenId: string;
  userId: string;
}

let serial = 0;
const unique = () => `${randomBytes(4).toString('hex')}${++serial}`;

function json(res: LightMyRequestResponse, status: number, what: string) {
  if (res.statusCode !== status) throw new Error(`${what}: expected ${status}, got ${res.statusCode} ${res.body}`);
  return res.json();
}

const stages = [
  { key: 'first', name: { sv: 'Först', en: 'First' }, criteria: [{ key: 'problem_described', text: { sv: 'Köparen har beskrivit problemet', en: 'The buyer described the problem' } }] },
  { key: 'second', name: { sv: 'Sedan', en: 'Then' }, criteria: [] },
];

/** One of every object, made through the API by `c`. */
async function makeWorld(c: Client): Promise<World> {
  const tag = unique();
  const account = json(await c.post(`${API}/accounts`, { kind: 'company', name: `Kund ${tag} AB` }), 201, 'account');
  const contact = json(await c.post(`${API}/accounts/${account.id}/contacts`, { name: `Karin ${tag}`, buyingRole: 'champion' }), 201, 'contact');
  const journey = json(await c.post(`${API}/journeys`, { accountId: account.id, title: 'Nytt lagersystem' }), 201, 'journey');
  const concern = json(await c.post(`${API}/journeys/${journey.id}/concerns`, { topic: 'risk', text: 'Klarar det toppsäsongen?' }), 201, 'concern');
  const step = json(await c.post(`${API}/journeys/${journey.id}/plan-steps`, { title: 'Referenssamtal', owner: { contactId: contact.id } }), 201, 'step');
  json(
    await c.post(`${API}/journeys/${journey.id}/interactions`, { channel: 'call', direction: 'inbound', occurredAt: '2026-11-28T14:00:00Z', summary: 'Köparen ringde' }),
    201,
    'interaction',
  );
  const template = json(await c.post(`${API}/process-templates`, { key: `proc_${tag}`, name: { sv: 'Egen', en: 'Own' }, stages }), 201, 'template');
  const token = json(await c.post(`${API}/tokens`, { name: `ci ${tag}` }), 201, 'token');
  const user = json(await c.post(`${API}/users`, { email: `u-${tag}@bad-input.example`, name: `Säljare ${tag}`, role: 'seller' }), 201, 'user');
  const productId = await makeProduct(c);
  return {
    accountId: account.id,
    contactId: contact.id,
    journeyId: journey.id,
    concernId: concern.id,
    stepId: step.id,
    templateId: template.id,
    tokenId: token.id,
    userId: user.id,
    importId: await makeImport(c),
    orderId: await makeOrder(c, account.id),
    productId,
    priceRuleId: await makePriceRule(c),
    quoteId: await makeQuote(c, journey.id, productId),
    portalInviteId: (await makePortalInvite(c, journey.id, contact.id)).id,
    commentId: await makeGuestComment(c, journey.id),
    caseId: await makeCase(c, journey.id),
  };
}

/** Path parameters that name an object (and so can name an unknown one). */
const ID_PARAMS = new Set(['id', 'concernId', 'stepId']);



/**
 * A body that passes the route's schema, keyed `METHOD path` (path without
 * /api/v1). Every route with a requestBody must have one: the tests break it
 * one field at a time.
 */
const VALID: Record<string, (w: World) => Record<string, unknown>> = {
  'POST /auth/login': () => ({ email: 'nobody@bad-input.example', password: 'not the password' }),
  'POST /tokens': () => ({ name: 'Integration' }),
  'POST /imports/{id}/start': () => ({ onDuplicate: 'update' }),
  'POST /orders': (w) => ({ accountId: w.accountId, orderedAt: '2025-03-05', product: 'Armatur', quantity: 2, amountMinor: 123450, currency: 'SEK', externalId: `O-${unique()}` }),
  'PATCH /orders/{id}': () => ({ orderedAt: '2025-03-06T10:00:00Z', product: 'Lampa', quantity: 1.5, amountMinor: -4500, currency: 'EUR', externalId: `O-${unique()}` }),
  'POST /products': () => ({ sku: `SKU-${unique()}`, name: { sv: 'Lampa', en: 'Lamp' }, unit: 'st', listPriceMinor: 12_500, currency: 'SEK', vatRate: 0.25, active: true }),
  'PATCH /products/{id}': () => ({ sku: `SKU-${unique()}`, name: { sv: 'Lampa', en: 'Lamp' }, unit: 'h', listPriceMinor: 9_900, currency: 'EUR', vatRate: 0.12, active: false }),
  'POST /products/{id}/costs': () => ({ costMinor: 4_000, effectiveFrom: '2026-11-01', note: 'Leverantören höjde' }),
  'PUT /settings/pricing': () => ({ caps: { champion: 1, at_risk: 1.25, loyal: 1.25, regular: 1.5, occasional: 2, new: 2 }, ceiling: 2, consentThreshold: 1.5, emergency: false }),
  'POST /price-rules': () => ({ kind: 'demand', reason: { sv: 'Nyår', en: 'New Year' }, window: { type: 'weekly', weekday: 5, start: '22:00', end: '03:00' }, multiplier: 1.5, productIds: null, active: true }),
  'PUT /price-rules/{id}': () => ({ kind: 'demand', reason: { sv: 'Nyår', en: 'New Year' }, window: { type: 'weekly', weekday: 6, start: '20:00', end: '23:00' }, multiplier: 2, productIds: null, active: false }),
  'POST /journeys/{id}/quotes': (w) => ({ lines: [{ productId: w.productId, quantity: 2 }], at: '2026-12-31T21:30:00Z' }),
  'PATCH /quotes/{id}': (w) => ({ lines: [{ productId: w.productId, quantity: 4 }], at: '2026-12-30T10:00:00Z' }),
  'POST /quotes/{id}/send': () => ({ validUntil: '2027-01-31T12:00:00Z' }),
  'POST /quotes/{id}/accept': () => ({ name: 'Karin Köpare', contactId: null, consent: '1,0' }),
  'POST /quotes/{id}/decline': () => ({ reason: 'För dyrt' }),
  'POST /journeys/{id}/portal-invites': (w) => ({ contactId: w.contactId }),
  'POST /journeys/{id}/comments': () => ({ text: 'Hej från säljaren' }),
  'POST /journeys/{id}/cases': (w) => ({ topic: 'Fel färg', description: 'Lamporna kom i svart.', quoteId: w.quoteId, orderId: w.orderId }),
  'POST /cases/{id}/messages': () => ({ text: 'Vi byter dem.' }),
  'POST /cases/{id}/proposals': () => ({ resolution: 'credit', amountMinor: 50_000, currency: 'SEK', text: 'Vi krediterar halva beloppet.' }),
  'POST /cases/{id}/close': () => ({ reason: 'Kunden svarar inte.' }),
  'POST /cases/{id}/check-in': () => ({ note: 'Ringde, allt väl.' }),
  'PUT /settings/cases': () => ({
    businessHours: { days: [1, 2, 3, 4, 5], open: '08:00', close: '17:00' },
    holidays: ['2026-12-24'],
    targets: Object.fromEntries(['champion', 'at_risk', 'loyal', 'regular', 'occasional', 'new'].map((t) => [t, { firstResponseHours: 4, resolutionHours: 36 }])),
  }),
  'POST /prices/simulate': (w) => ({ accountId: w.accountId, tier: 'loyal', lines: [{ productId: w.productId, quantity: 3 }], at: '2026-12-31T21:30:00Z' }),
  'PUT /settings/loyalty': () => ({ championMin: 4, championDays: 365, atRiskF: 3, atRiskM: 4, atRiskMaxR: 2, loyalF: 3, loyalDays: 365, regularF: 2, windowMonths: 24 }),
  'POST /users': () => ({ email: `new-${unique()}@bad-input.example`, name: 'Nina Ny', role: 'seller', password: 'a long enough password' }),
  'PATCH /users/{id}': () => ({ name: 'Sara Säljare', role: 'manager', disabled: false, password: 'a long enough password' }),
  'POST /accounts': () => ({ kind: 'company', name: 'Ny Kund AB', orgNumber: '556016-0680', website: 'https://kund.example' }),
  'PATCH /accounts/{id}': () => ({ kind: 'person', name: 'Per Persson', orgNumber: null, website: 'https://per.example' }),
  'POST /accounts/{id}/contacts': () => ({ name: 'Karin Köpare', email: 'karin@kund.example', phone: '+46 70 123 45 67', title: 'Inköpschef', buyingRole: 'economic_buyer' }),
  'PATCH /contacts/{id}': () => ({ name: 'Karin Köpare', email: null, phone: null, title: 'Inköpschef', buyingRole: 'decision_maker' }),
  'POST /process-templates': () => ({ key: `own_${unique()}`, name: { sv: 'Egen', en: 'Own' }, stages }),
  'PUT /process-templates/{id}': () => ({ name: { sv: 'Omdöpt', en: 'Renamed' }, stages }),
  'POST /journeys': (w) => ({ accountId: w.accountId, title: 'Ny affär', templateKey: 'b2b', valueMinor: 100, currency: 'SEK', ownerId: w.userId }),
  'PATCH /journeys/{id}': (w) => ({ title: 'Omdöpt', valueMinor: 5_000_000, currency: 'EUR', ownerId: w.userId, status: 'paused' }),
  'POST /journeys/{id}/criteria/{key}': () => ({ evidence: 'Mejl 3 nov' }),
  'POST /journeys/{id}/advance': () => ({ overrideReason: 'Köparen har redan en upphandling igång' }),
  'POST /journeys/{id}/close': () => ({ outcome: 'lost', reason: 'Valde att vänta ett år' }),
  'POST /journeys/{id}/interactions': (w) => ({
    channel: 'email',
    direction: 'outbound',
    occurredAt: '2026-11-28T15:00:00+01:00',
    summary: 'Skickade ett referenscase',
    contactIds: [w.contactId],
    purpose: { criterion: 'problem_described' },
  }),
  'POST /journeys/{id}/concerns': (w) => ({ topic: 'price', text: 'Är det för dyrt?', blocking: true, contactId: w.contactId }),
  'POST /journeys/{id}/concerns/{concernId}/answer': () => ({ answer: 'Återbetalning på åtta månader' }),
  'POST /journeys/{id}/plan-steps': (w) => ({ title: 'Pilot i ett lager', owner: { userId: w.userId }, dueDate: '2026-12-10' }),
  'PATCH /journeys/{id}/plan-steps/{stepId}': (w) => ({ title: 'Referenssamtal', owner: { contactId: w.contactId }, dueDate: null, done: true }),
  'PUT /journeys/{id}/plan-steps/order': (w) => ({ stepIds: [w.stepId] }),
};

interface JsonSchema {
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
}
interface Operation {
  parameters: { name: string; in: string; schema?: { type?: string } }[];
  requestBody?: { content: { 'application/json'?: { schema: JsonSchema } } };
}
interface OpenApi {
  paths: Record<string, Record<string, Operation>>;
}
interface Route {
  method: Method;
  /** without /api/v1 */
  path: string;
  key: string;
  schema: JsonSchema | undefined;
  /** names of its string query parameters */
  textQuery: string[];
}

function routesOf(doc: OpenApi): Route[] {
  const out: Route[] = [];
  for (const [fullPath, ops] of Object.entries(doc.paths)) {
    // Only /api/v1: the buyer's room (/api/portal/v1) never lets an org admin in, and its writes need a
    // portal session and a quote of its journey; test/api/portal.test.ts sends its routes bad input.
    if (!fullPath.startsWith(`${API}/`)) continue;
    const path = fullPath.slice(API.length);
    for (const [m, op] of Object.entries(ops)) {
      const method = m.toUpperCase() as Method;
      const textQuery = op.parameters.filter((p) => p.in === 'query' && p.schema?.type === 'string').map((p) => p.name);
      // A file upload's body is not JSON: the JSON sweeps treat it as a route without a JSON body.
      out.push({ method, path, key: `${method} ${path}`, schema: op.requestBody?.content['application/json']?.schema, textQuery });
    }
  }
  return out;
}

/** For failure messages: short, with long runs of one character folded. */
const brief = (text: string, max = 240) => {
  const folded = text.replace(/(.)\1{19,}/g, (run, ch: string) => `${ch}…(×${run.length})`);
  return folded.length > max ? `${folded.slice(0, max)}…` : folded;
};

interface Problem {
  type?: unknown;
  title?: unknown;
  status?: unknown;
  detail?: unknown;
  errors?: { field?: unknown; message?: unknown }[];
}

/** What is wrong with `res` as an RFC 9457 answer of `status` (any 4xx when omitted) and `type`; empty when nothing. */
function problemFaults(res: LightMyRequestResponse, want: { status?: number; type?: string } = {}): string[] {
  const faults: string[] = [];
  const ct = String(res.headers['content-type'] ?? '');
  if (want.status !== undefined ? res.statusCode !== want.status : res.statusCode < 400 || res.statusCode >= 500) faults.push(`status ${res.statusCode}`);
  if (!ct.startsWith('application/problem+json')) faults.push(`content-type ${ct}`);
  let p: Problem;
  try {
    p = JSON.parse(res.body) as Problem;
  } catch {
    return [...faults, 'body is not JSON'];
  }
  if (typeof p.type !== 'string' || !p.type.startsWith('/api/problems/')) faults.push(`type ${String(p.type)}`);
  if (want.type !== undefined && p.type !== want.type) faults.push(`type ${String(p.type)} is not ${want.type}`);
  if (typeof p.title !== 'string' || p.title === '') faults.push('no title');
  if (typeof p.detail !== 'string' || p.detail === '') faults.push('no detail');
  if (p.status !== res.statusCode) faults.push(`body status ${String(p.status)} ≠ HTTP ${res.statusCode}`);
  if (p.type === '/api/problems/validation') {
    if (!Array.isArray(p.errors) || p.errors.length === 0) faults.push('validation without errors');
    else if (!p.errors.every((e) => typeof e.field === 'string' && typeof e.message === 'string' && e.message !== '')) faults.push('errors are not {field, message}');
  }
  return faults.length > 0 ? [...faults, brief(res.body)] : [];
}

const STACK_MARKERS = ['    at ', 'node_modules', '.ts:'];
/** Markers of a stack trace in the answer that the request did not put there itself. */
const stackMarkers = (res: LightMyRequestResponse, sent: string) => STACK_MARKERS.filter((m) => res.body.includes(m) && !sent.includes(m));

/** Every node of a JSON value with its dotted path (`stages.0.name.sv`), the root excluded. */
function nodes(value: unknown, prefix: string[] = []): { path: string[]; value: unknown }[] {
  const out: { path: string[]; value: unknown }[] = [];
  if (Array.isArray(value)) {
    value.forEach((v, i) => out.push({ path: [...prefix, String(i)], value: v }, ...nodes(v, [...prefix, String(i)])));
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) out.push({ path: [...prefix, k], value: v }, ...nodes(v, [...prefix, k]));
  }
  return out;
}

const clone = <T>(v: T): T => structuredClone(v);
function setAt(body: Record<string, unknown>, path: string[], value: unknown): Record<string, unknown> {
  const copy = clone(body);
  let node: Record<string, unknown> = copy;
  for (const k of path.slice(0, -1)) node = node[k] as Record<string, unknown>;
  const last = path[path.length - 1] ?? '';
  if (value === undefined) {
    if (Array.isArray(node)) node.splice(Number(last), 1);
    else delete node[last];
  } else node[last] = value;
  return copy;
}

/** A value of another JSON type than `v`. */
function wrongType(v: unknown): unknown {
  if (typeof v === 'string') return 12345;
  if (typeof v === 'number') return 'twelve';
  if (typeof v === 'boolean') return 'yes';
  if (v === null) return 12345;
  if (Array.isArray(v)) return 'not a list';
  return 'not an object';
}

/** The schema of the node at `path`, when it is a plain (non-union) object or array schema all the way. */
function schemaAt(schema: JsonSchema | undefined, path: string[]): JsonSchema | undefined {
  let s = schema;
  for (const k of path) {
    if (!s || s.anyOf) return undefined;
    s = /^\d+$/.test(k) && s.items ? s.items : s.properties?.[k];
  }
  return s && !s.anyOf ? s : undefined;
}

/**
 * True when the validation errors point at `field` (or, for a union, at the
 * member that holds it), and only there.
 */
function errorsPointAt(res: LightMyRequestResponse, field: string): boolean {
  const errors = (res.json() as Problem).errors ?? [];
  const related = (f: string) => f === field || field.startsWith(`${f}.`) || f.startsWith(`${field}.`);
  return errors.length > 0 && errors.every((e) => typeof e.field === 'string' && e.field.startsWith('body') && related(e.field));
}

async function auditIds(c: Client): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const page = json(await c.get(`${API}/audit?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`), 200, 'audit') as {
      items: { id: string; action: string }[];
      nextCursor: string | null;
    };
    ids.push(...page.items.map((i) => `${i.id} ${i.action}`));
    cursor = page.nextCursor;
  } while (cursor);
  return ids;
}

describe.each(BACKENDS)('bad input on %s', (backend) => {
  let t: TestApp;
  let c: Client;
  let w: World;
  let writes: Route[];
  let withIds: Route[];
  let auditBefore: string[];
  let reads: Route[];

  const send = (method: Method, url: string, payload: string, contentType = 'application/json') =>
    c.request(method, url, payload, { 'content-type': contentType });
  const sendJson = (r: Route, body: unknown, url = fill(r.path, w)) => send(r.method, url, JSON.stringify(body));
  const withBody = () => writes.filter((r) => r.schema !== undefined);
  const validBody = (r: Route) => {
    const make = VALID[r.key];
    if (!make) throw new Error(`no valid body for ${r.key} in VALID`);
    return make(w);
  };

  beforeAll(async () => {
    t = await startTestApp(backend);
    c = t.admin;
    w = await makeWorld(c);
    const routes = routesOf(json(await c.get('/api/openapi.json'), 200, 'openapi') as OpenApi);
    writes = routes.filter((r) => WRITE_METHODS.has(r.method));
    withIds = routes.filter((r) => pathParams(r.path).some((p) => ID_PARAMS.has(p)));
    reads = routes.filter((r) => r.method === 'GET');
    auditBefore = await auditIds(c);
  });
  afterAll(async () => t.close());

  it('knows every write route of the OpenAPI document: a valid body for each that takes one, and its path ids', () => {
    expect(writes.length).toBeGreaterThan(25);
    expect(withBody().filter((r) => !VALID[r.key]).map((r) => r.key), 'write routes with a requestBody but no entry in VALID').toEqual([]);
    expect(Object.keys(VALID).filter((k) => !withBody().some((r) => r.key === k)), 'entries in VALID for no route with a body').toEqual([]);
    for (const r of [...writes, ...withIds]) for (const p of pathParams(r.path)) expect(() => paramValue(r.path, p, w)).not.toThrow();
  });

  it('answers malformed JSON with 400 malformed_json', async () => {
    const faults: string[] = [];
    for (const r of writes) {
      for (const payload of ['{"a":', '{name: "x"}', "{'a': 1}", '[1, 2', '{"a": 1}}', '\u00ff\u00fe']) {
        const res = await send(r.method, fill(r.path, w), payload);
        const f = problemFaults(res, { status: 400, type: '/api/problems/malformed_json' });
        if (f.length > 0) faults.push(`${r.key} ${JSON.stringify(payload)}: ${f.join('; ')}`);
      }
    }
    expect(faults).toEqual([]);
  });

  it('answers a body over 1 MiB with 413 payload_too_large', async () => {
    const big = JSON.stringify({ name: 'x'.repeat(BODY_LIMIT + 1) });
    const faults: string[] = [];
    for (const r of writes) {
      const res = await send(r.method, fill(r.path, w), big);
      const f = problemFaults(res, { status: 413, type: '/api/problems/payload_too_large' });
      if (f.length > 0) faults.push(`${r.key}: ${f.join('; ')}`);
    }
    expect(faults).toEqual([]);
  });

  it('answers text/plain and form bodies with 415 unsupported_media_type', async () => {
    const faults: string[] = [];
    for (const r of writes) {
      for (const [type, payload] of [
        ['text/plain', JSON.stringify(VALID[r.key]?.(w) ?? {})],
        ['text/plain;charset=UTF-8', '{}'],
        ['application/x-www-form-urlencoded', 'name=x&title=y'],
        ['multipart/form-data; boundary=b', '--b\r\nContent-Disposition: form-data; name="name"\r\n\r\nx\r\n--b--\r\n'],
      ] as const) {
        const res = await send(r.method, fill(r.path, w), payload, type);
        const f = problemFaults(res, { status: 415, type: '/api/problems/unsupported_media_type' });
        if (f.length > 0) faults.push(`${r.key} ${type}: ${f.join('; ')}`);
      }
    }
    expect(faults).toEqual([]);
  });

  it('answers a field of the wrong type with 422 naming that field', async () => {
    const faults: string[] = [];
    let tried = 0;
    for (const r of withBody()) {
      const valid = validBody(r);
      for (const bad of [[], 'a string', 42, true]) {
        const res = await sendJson(r, bad);
        const f = problemFaults(res, { status: 422, type: '/api/problems/validation' });
        if (f.length > 0) faults.push(`${r.key} body ${JSON.stringify(bad)}: ${f.join('; ')}`);
      }
      for (const node of nodes(valid)) {
        const field = ['body', ...node.path].join('.');
        const res = await sendJson(r, setAt(valid, node.path, wrongType(node.value)));
        tried++;
        const f = problemFaults(res, { status: 422, type: '/api/problems/validation' });
        if (f.length > 0) faults.push(`${r.key} ${field}: ${f.join('; ')}`);
        else if (!errorsPointAt(res, field)) faults.push(`${r.key} ${field}: the errors point elsewhere: ${brief(res.body)}`);
      }
    }
    expect(faults).toEqual([]);
    expect(tried).toBeGreaterThan(50);
  });

  it('answers a missing required field with 422 naming that field', async () => {
    const faults: string[] = [];
    let tried = 0;
    for (const r of withBody()) {
      const valid = validBody(r);
      const objects = [{ path: [] as string[], value: valid as unknown }, ...nodes(valid)];
      for (const o of objects) {
        const schema = o.path.length === 0 ? r.schema : schemaAt(r.schema, o.path);
        for (const name of schema?.required ?? []) {
          const path = [...o.path, name];
          const field = ['body', ...path].join('.');
          const res = await sendJson(r, setAt(valid, path, undefined));
          tried++;
          const f = problemFaults(res, { status: 422, type: '/api/problems/validation' });
          if (f.length > 0) faults.push(`${r.key} without ${field}: ${f.join('; ')}`);
          else if (!errorsPointAt(res, field)) faults.push(`${r.key} without ${field}: the errors point elsewhere: ${brief(res.body)}`);
        }
      }
    }
    expect(faults).toEqual([]);
    expect(tried).toBeGreaterThan(20);
  });

  it('answers an unknown field with 422 naming it', async () => {
    const faults: string[] = [];
    for (const r of withBody()) {
      const valid = validBody(r);
      const objects = [{ path: [] as string[], value: valid as unknown }, ...nodes(valid)].filter(
        (o) => o.value !== null && typeof o.value === 'object' && !Array.isArray(o.value),
      );
      for (const o of objects) {
        const path = [...o.path, 'unexpectedField'];
        const field = ['body', ...path].join('.');
        const res = await sendJson(r, setAt(valid, path, 'surprise'));
        const f = problemFaults(res, { status: 422, type: '/api/problems/validation' });
        if (f.length > 0) faults.push(`${r.key} ${field}: ${f.join('; ')}`);
        else if (!errorsPointAt(res, field)) faults.push(`${r.key} ${field}: the errors point elsewhere: ${brief(res.body)}`);
      }
    }
    expect(faults).toEqual([]);
  });

  it('answers a body sent to a write route that takes none with 4xx, instead of ignoring it and writing', async () => {
    const faults: string[] = [];
    const bodiless = writes.filter((r) => r.schema === undefined);
    expect(bodiless.length).toBeGreaterThan(0);
    for (const r of bodiless) {
      for (const bad of [{ unexpectedField: 'surprise' }, ['a', 'list'], 'a string', 42]) {
        const res = await sendJson(r, bad);
        const f = problemFaults(res);
        if (f.length > 0) faults.push(`${r.key} body ${JSON.stringify(bad)}: ${f.join('; ')}`);
      }
    }
    expect(faults).toEqual([]);
  });

  it('answers over-long strings (100 000 characters) with 422 naming the field', async () => {
    const long = 'x'.repeat(100_000);
    const faults: string[] = [];
    let tried = 0;
    for (const r of withBody()) {
      const valid = validBody(r);
      for (const node of nodes(valid).filter((n) => typeof n.value === 'string')) {
        const field = ['body', ...node.path].join('.');
        const res = await sendJson(r, setAt(valid, node.path, long));
        tried++;
        const f = problemFaults(res, { status: 422, type: '/api/problems/validation' });
        if (f.length > 0) faults.push(`${r.key} ${field}: ${f.join('; ')}`);
        else if (!errorsPointAt(res, field)) faults.push(`${r.key} ${field}: the errors point elsewhere: ${brief(res.body)}`);
        else if (res.body.includes(long.slice(0, 1000))) faults.push(`${r.key} ${field}: the answer echoes the long string`);
      }
    }
    expect(faults).toEqual([]);
    expect(tried).toBeGreaterThan(40);
  });

  it('answers unknown and garbage ids in paths with 404 not_found, on reads and writes', async () => {
    const faults: string[] = [];
    let tried = 0;
    for (const r of withIds) {
      const body = r.schema ? JSON.stringify(validBody(r)) : undefined;
      for (const p of pathParams(r.path).filter((x) => ID_PARAMS.has(x))) {
        for (const bad of [UNKNOWN_ID, ...GARBAGE_IDS]) {
          const url = fill(r.path, w, { [p]: bad });
          const res = body === undefined ? await c.request(r.method, url) : await send(r.method, url, body);
          tried++;
          const f = problemFaults(res, { status: 404, type: '/api/problems/not_found' });
          if (f.length > 0) faults.push(`${r.method} ${brief(url, 160)}: ${f.join('; ')}`);
        }
      }
      if (r.path.includes('{key}')) {
        const url = fill(r.path, w, { key: 'no_such_criterion' });
        const res = body === undefined ? await c.request(r.method, url) : await send(r.method, url, body);
        const f = problemFaults(res, { status: 404, type: '/api/problems/not_found' });
        if (f.length > 0) faults.push(`${r.method} ${brief(url, 160)}: ${f.join('; ')}`);
      }
    }
    expect(faults).toEqual([]);
    expect(tried).toBeGreaterThan(100);
  });

  it('answers an over-long id in a path with a problem+json 4xx', async () => {
    // one line per kind of failure, naming the routes that fail that way
    const byFault = new Map<string, string[]>();
    for (const r of withIds) {
      for (const length of [65, 100, 101, 1000]) {
        const url = fill(r.path, w, { [pathParams(r.path)[0] ?? 'id']: 'a'.repeat(length) });
        const res = r.schema ? await send(r.method, url, JSON.stringify(validBody(r))) : await c.request(r.method, url);
        const f = problemFaults(res);
        if (f.length > 0) {
          const key = `a ${length}-character id: ${f.join('; ')}`.replace(/'[^']*' is exceeding/, "'…' is exceeding");
          byFault.set(key, [...(byFault.get(key) ?? []), `${r.method} ${r.path}`]);
        }
      }
    }
    expect([...byFault].map(([fault, routes]) => `${fault} — on ${routes.length} routes: ${routes.join(', ')}`)).toEqual([]);
  });

  it('changed nothing: the audit log has no entry beyond those of the set-up', async () => {
    const after = await auditIds(c);
    expect(after.filter((e) => !auditBefore.includes(e)), 'audit entries written by refused requests').toEqual([]);
    expect(after.length).toBe(auditBefore.length);
  });

  // From here on, requests may be valid and write: each route gets objects of its own.

  it('never answers a NUL or a lone surrogate in a string field or query with a 5xx', async () => {
    const faults: string[] = [];
    let tried = 0;
    for (const r of withBody()) {
      // one set of objects per route: a write that succeeds leaves them usable for the next
      const own = await makeWorld(c);
      for (const node of nodes(validBody(r)).filter((n) => typeof n.value === 'string')) {
        for (const odd of ['a\u0000b', 'a\ud800b']) {
          const body = setAt(VALID[r.key]?.(own) ?? {}, node.path, odd);
          const res = await sendJson(r, body, fill(r.path, own));
          tried++;
          if (res.statusCode >= 500 || (res.statusCode >= 400 && problemFaults(res).length > 0)) {
            faults.push(`${r.method} ${r.path} body.${node.path.join('.')}=${JSON.stringify(odd)}: ${res.statusCode} ${brief(res.body)}`);
          }
        }
      }
    }
    for (const r of reads) {
      for (const name of r.textQuery) {
        const url = `${fill(r.path, w)}?${name}=a%00b`;
        const res = await c.get(url);
        tried++;
        if (res.statusCode >= 500 || (res.statusCode >= 400 && problemFaults(res).length > 0)) faults.push(`GET ${url}: ${res.statusCode} ${brief(res.body)}`);
      }
    }
    expect(faults).toEqual([]);
    expect(tried).toBeGreaterThan(100);
  });

  it(
    'never answers generated bodies with a 5xx or a stack trace, and every 4xx is a complete problem+json (property)',
    async () => {
      const value = (valid: unknown) =>
        fc.oneof(
          { arbitrary: fc.constant(valid), weight: 4 },
          { arbitrary: fc.jsonValue({ maxDepth: 2 }), weight: 2 },
          { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 2 },
          { arbitrary: fc.string({ unit: 'grapheme', maxLength: 300 }), weight: 1 },
          {
            arbitrary: fc.constantFrom<unknown>('', ' ', '\u0000', 'a\u0000b', '\ud800', '\u202e', 'x'.repeat(70_000), -1, 0.5, 2 ** 53, 1e308, -0, [], {}, null),
            weight: 2,
          },
        );
      const failures: string[] = [];
      for (const [i, r] of writes.entries()) {
        const own = await makeWorld(c);
        const valid: Record<string, unknown> = r.schema ? validBody(r) : {};
        const names = Object.keys(r.schema?.properties ?? {});
        const shaped = fc.record(Object.fromEntries(names.map((n) => [n, value(valid[n])])), { requiredKeys: [] });
        const bodies = names.length > 0 ? fc.oneof(fc.jsonValue(), fc.object(), shaped, shaped) : fc.oneof(fc.jsonValue(), fc.object());
        const url = fill(r.path, own);
        try {
          await fc.assert(
            fc.asyncProperty(bodies, async (body) => {
              const sent = JSON.stringify(body) ?? 'null';
              const res = await send(r.method, url, sent);
              const faults: string[] = [];
              if (res.statusCode >= 500) faults.push(`a ${res.statusCode}, never allowed`);
              if (res.statusCode >= 400) faults.push(...problemFaults(res));
              const markers = stackMarkers(res, sent);
              if (markers.length > 0) faults.push(`stack trace markers ${JSON.stringify(markers)}`, brief(res.body));
              if (faults.length > 0) {
                const err = new Error(`${r.method} ${url} ${brief(sent)} → ${faults.join('; ')}`);
                err.stack = err.message;
                throw err;
              }
            }),
            { numRuns: RUNS_PER_ROUTE, seed: SEED + i, includeErrorInReport: true },
          );
        } catch (e) {
          // keep going, so one run reports every route that fails
          failures.push(`${r.key}: ${(e as Error).message}`);
        }
      }
      expect(failures).toEqual([]);
    },
    120_000,
  );
});
