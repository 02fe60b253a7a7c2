/**
 * Tenancy: one org never sees or touches another org's data. Org B makes one
 * of everything; org A's admin then calls every route of the OpenAPI document
 * with B's ids and must get a plain 404 — never 200, 403, 409 or 422, which
 * would tell A that the object exists.
 */
import { randomBytes } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCase, makeGuestComment, makeImport, makeOrder, makePortalInvite, makePriceRule, makeProduct, makeQuote, startTestApp, type Client, type Method, type TestApp } from '../helpers/app.ts';
import { API, fill, paramValue, pathIds, pathParams, type PathIds } from '../helpers/route-ids.ts';
import { BACKENDS } from '../helpers/backends.ts';

/** Routes a signed-in org does not call with ids: they are tried elsewhere. */
const NOT_SWEPT = new Set(['POST /auth/login', 'POST /auth/logout']);

/** One of everything an org can have, made through the API. */
interface World extends PathIds {
  orgId: string;
  adminId: string;
  accountId: string;
  accountName: string;
  contactId: string;
  contactName: string;
  journeyId: string;
  concernId: string;
  stepId: string;
  interactionId: string;
  templateId: string;
  templateKey: string;
  tokenId: string;
  userId: string;
  userEmail: string;
}

let serial = 0;
/** lower-case letters and digits, unique in this run */
const unique = () => `${randomBytes(4).toString('hex')}${++serial}`;

function json(res: LightMyRequestResponse, status: number, what: string) {
  if (res.statusCode !== status) throw new Error(`${what}: expected ${status}, got ${res.statusCode} ${res.body}`);
  return res.json();
}

const templateBody = (key: string) => ({
  key,
  name: { sv: 'Egen process', en: 'Own process' },
  stages: [
    {
      key: 'first',
      name: { sv: 'Först', en: 'First' },
      criteria: [{ key: 'problem_described', text: { sv: 'Köparen har beskrivit problemet', en: 'The buyer has described the problem' } }],
    },
    { key: 'second', name: { sv: 'Sedan', en: 'Then' }, criteria: [] },
  ],
});

async function makeWorld(c: Client, namePrefix = 'Kund'): Promise<World> {
  const tag = unique();
  const accountName = `${namePrefix}${tag} Handel AB`;
  const account = json(await c.post(`${API}/accounts`, { kind: 'company', name: accountName, website: 'https://kund.example' }), 201, 'account');
  const contactName = `${namePrefix}${tag} Karlsson`;
  const contact = json(
    await c.post(`${API}/accounts/${account.id}/contacts`, { name: contactName, email: `k-${tag}@kund.example`, buyingRole: 'champion' }),
    201,
    'contact',
  );
  const journey = json(await c.post(`${API}/journeys`, { accountId: account.id, title: 'Nytt lagersystem', valueMinor: 12_500_000 }), 201, 'journey');
  const concern = json(
    await c.post(`${API}/journeys/${journey.id}/concerns`, { topic: 'risk', text: 'Klarar det toppsäsongen?', blocking: true, contactId: contact.id }),
    201,
    'concern',
  );
  const step = json(
    await c.post(`${API}/journeys/${journey.id}/plan-steps`, { title: 'Referenssamtal', owner: { contactId: contact.id }, dueDate: '2026-12-15' }),
    201,
    'plan step',
  );
  const interaction = json(
    await c.post(`${API}/journeys/${journey.id}/interactions`, {
      channel: 'meeting',
      direction: 'outbound',
      occurredAt: '2026-11-28T14:00:00Z',
      summary: 'Genomgång av flödet i lagret',
      contactIds: [contact.id],
      purpose: { concernId: concern.id },
    }),
    201,
    'interaction',
  );
  const templateKey = `proc_${tag}`;
  const template = json(await c.post(`${API}/process-templates`, templateBody(templateKey)), 201, 'template');
  const token = json(await c.post(`${API}/tokens`, { name: `ci ${tag}` }), 201, 'token');
  const userEmail = `seller-${tag}@tenancy.example`;
  const user = json(await c.post(`${API}/users`, { email: userEmail, name: `Säljare ${tag}`, role: 'seller' }), 201, 'user');
  const productId = await makeProduct(c);
  return {
    orgId: c.orgId,
    adminId: c.userId,
    accountId: account.id,
    accountName,
    contactId: contact.id,
    contactName,
    journeyId: journey.id,
    concernId: concern.id,
    stepId: step.id,
    interactionId: interaction.id,
    templateId: template.id,
    templateKey,
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
    userEmail,
  };
}




interface RouteCase {
  /** A body that succeeds on org A's own objects; `own` is A's world, `target` the world whose ids fill the path. */
  body?: (own: World, target: World) => unknown;
  /** Puts A's own fresh objects in the state the call needs (for the control run). */
  prepare?: (c: Client, target: World) => Promise<void>;
  /** A route without ids in its path: A reads or changes its own org's settings (`read`) or makes something in it (`create`). */
  scope?: 'read' | 'create';
  /** A query string the route needs, e.g. `?templateKey=b2b` */
  query?: string;
  /** headers the call needs, e.g. the content type of a file upload */
  headers?: Record<string, string>;
}

const loyaltySettings = { championMin: 4, championDays: 365, atRiskF: 3, atRiskM: 4, atRiskMaxR: 2, loyalF: 3, loyalDays: 365, regularF: 2, windowMonths: 24 };

/** A contacts file no other call has sent (the same file again would find its earlier import). */
const csvFile = () => `Förnamn;E-post\r\nÅsa;asa-${unique()}@tenancy.example\r\n`;

const sendQuote = async (c: Client, w: World) => {
  json(await c.post(`${API}/quotes/${w.quoteId}/send`, {}), 200, 'send quote');
};

const answerConcern = async (c: Client, w: World) => {
  json(await c.post(`${API}/journeys/${w.journeyId}/concerns/${w.concernId}/answer`, { answer: 'Vi lasttestade 3× er volym' }), 200, 'answer');
};

/** The world's case resolved: the seller proposes, the buyer accepts in the room (only the buyer resolves a case). */
const resolveCase = async (c: Client, w: World) => {
  json(await c.post(`${API}/cases/${w.caseId}/proposals`, { resolution: 'redo', text: 'Vi gör om det.' }), 200, 'propose');
  const invite = await makePortalInvite(c, w.journeyId, w.contactId);
  const session = await c.post('/api/portal/v1/sessions', { token: invite.link.replace(/^\/p\//, '') });
  const cookie = session.cookies.find((k) => k.name === 'h2h_portal')?.value ?? '';
  json(await c.request('POST', `/api/portal/v1/cases/${w.caseId}/accept`, {}, { cookie: `h2h_portal=${cookie}` }), 200, 'accept');
};

const caseTargets = Object.fromEntries(['champion', 'at_risk', 'loyal', 'regular', 'occasional', 'new'].map((t) => [t, { firstResponseHours: 4, resolutionHours: 36 }]));

/** Every route of the OpenAPI document, keyed `METHOD path` (path without /api/v1). A new route must be added here. */
const ROUTES: Record<string, RouteCase> = {
  'GET /me': { scope: 'read' },
  'POST /tokens': { scope: 'create', body: () => ({ name: 'Integration' }) },
  'GET /tokens': { scope: 'read' },
  'DELETE /tokens/{id}': {},
  'GET /users': { scope: 'read' },
  'POST /users': { scope: 'create', body: () => ({ email: `new-${unique()}@tenancy.example`, name: 'Nina Ny', role: 'seller' }) },
  'GET /users/{id}': {},
  'PATCH /users/{id}': { body: () => ({ name: 'Sara Säljare', role: 'manager' }) },
  'GET /accounts': { scope: 'read' },
  'POST /accounts': { scope: 'create', body: () => ({ kind: 'company', name: 'Egen Kund AB' }) },
  'GET /accounts/{id}': {},
  'PATCH /accounts/{id}': { body: () => ({ name: 'Nytt Namn AB', website: 'https://nytt.example' }) },
  'GET /accounts/{id}/contacts': {},
  'GET /accounts/{id}/timeline': {},
  'POST /accounts/{id}/contacts': { body: () => ({ name: 'Karin Köpare', buyingRole: 'economic_buyer' }) },
  'GET /contacts': { scope: 'read' },
  'GET /contacts/{id}': {},
  'PATCH /contacts/{id}': { body: () => ({ title: 'Inköpschef', buyingRole: 'decision_maker' }) },
  'GET /process-templates': { scope: 'read' },
  'POST /process-templates': { scope: 'create', body: () => templateBody(`own_${unique()}`) },
  'GET /process-templates/{id}': {},
  'PUT /process-templates/{id}': { body: () => ({ name: { sv: 'Omdöpt', en: 'Renamed' }, stages: templateBody('x').stages }) },
  'GET /journeys': { scope: 'read' },
  'GET /board': { scope: 'read', query: '?templateKey=b2b' },
  'POST /journeys': { scope: 'create', body: (own) => ({ accountId: own.accountId, title: 'Ny affär', valueMinor: 100, currency: 'SEK', ownerId: own.userId }) },
  'GET /journeys/{id}': {},
  'PATCH /journeys/{id}': { body: (own) => ({ title: 'Omdöpt', valueMinor: 5_000_000, currency: 'EUR', ownerId: own.userId, status: 'paused' }) },
  'POST /journeys/{id}/criteria/{key}': { body: () => ({ evidence: 'Mejl 3 nov: "plocket tar för lång tid"' }) },
  'DELETE /journeys/{id}/criteria/{key}': {},
  'POST /journeys/{id}/advance': { body: () => ({ overrideReason: 'Köparen har redan en upphandling igång' }) },
  'POST /journeys/{id}/close': { body: () => ({ outcome: 'lost', reason: 'Valde att vänta ett år' }) },
  'GET /journeys/{id}/timeline': {},
  'GET /journeys/{id}/events': {},
  'POST /journeys/{id}/interactions': {
    body: (own) => ({
      channel: 'email',
      direction: 'outbound',
      occurredAt: '2026-11-28T15:00:00+01:00',
      summary: 'Skickade ett referenscase',
      contactIds: [own.contactId],
      purpose: { criterion: 'problem_described' },
    }),
  },
  'POST /journeys/{id}/concerns': { body: (own) => ({ topic: 'price', text: 'Är det för dyrt?', blocking: true, contactId: own.contactId }) },
  'POST /journeys/{id}/concerns/{concernId}/answer': { body: () => ({ answer: 'Återbetalning på åtta månader' }) },
  'POST /journeys/{id}/concerns/{concernId}/accept': { prepare: answerConcern },
  'POST /journeys/{id}/concerns/{concernId}/withdraw': {},
  'POST /journeys/{id}/concerns/{concernId}/reopen': { prepare: answerConcern },
  'GET /journeys/{id}/plan-steps': {},
  'POST /journeys/{id}/plan-steps': { body: (own) => ({ title: 'Pilot i ett lager', owner: { userId: own.userId }, dueDate: '2026-12-10' }) },
  'PATCH /journeys/{id}/plan-steps/{stepId}': { body: (own) => ({ title: 'Referenssamtal', owner: { contactId: own.contactId }, dueDate: null, done: true }) },
  'POST /journeys/{id}/plan-steps/{stepId}/complete': {},
  'PUT /journeys/{id}/plan-steps/order': { body: (_own, target) => ({ stepIds: [target.stepId] }) },
  'GET /audit': { scope: 'read' },
  'GET /today': { scope: 'read' },
  'GET /events': { scope: 'read' },
  'POST /imports': { scope: 'create', query: '?entity=contacts&fileName=kontakter.csv', headers: { 'content-type': 'text/csv' }, body: () => csvFile() },
  'GET /imports': { scope: 'read' },
  'GET /imports/{id}': {},
  'POST /imports/{id}/start': { body: () => ({ onDuplicate: 'skip' }) },
  'GET /imports/{id}/rejects': {},
  'GET /exports/{entity}': { scope: 'read' },
  'GET /orders': { scope: 'read' },
  'POST /orders': { scope: 'create', body: (own) => ({ accountId: own.accountId, orderedAt: '2025-04-01', amountMinor: 9900 }) },
  'GET /orders/{id}': {},
  'PATCH /orders/{id}': { body: () => ({ product: 'Lampa', amountMinor: 5000, orderedAt: '2025-04-02T10:00:00Z' }) },
  'DELETE /orders/{id}': {},
  'GET /accounts/{id}/loyalty': {},
  'GET /loyalty/summary': { scope: 'read' },
  'POST /loyalty/recompute': { scope: 'read' },
  'GET /settings/loyalty': { scope: 'read' },
  'PUT /settings/loyalty': { scope: 'read', body: () => loyaltySettings },
  'GET /products': { scope: 'read' },
  'POST /products': { scope: 'create', body: () => ({ sku: `EGEN-${unique()}`, name: { sv: 'Lampa', en: 'Lamp' }, listPriceMinor: 5000 }) },
  'GET /products/{id}': {},
  'PATCH /products/{id}': { body: () => ({ listPriceMinor: 6000, active: false }) },
  'GET /products/{id}/costs': {},
  'POST /products/{id}/costs': { body: () => ({ costMinor: 3000, effectiveFrom: '2026-11-01' }) },
  'GET /settings/pricing': { scope: 'read' },
  'PUT /settings/pricing': { scope: 'read', body: () => ({ caps: { champion: 1, at_risk: 1.25, loyal: 1.25, regular: 1.5, occasional: 2, new: 2 }, ceiling: 2, consentThreshold: 1.5, emergency: false }) },
  'GET /price-rules': { scope: 'read' },
  'POST /price-rules': { scope: 'create', body: (own) => ({ kind: 'demand', reason: { sv: 'Nyår', en: 'New Year' }, window: { type: 'absolute', from: '2026-12-31T22:00', to: '2027-01-01T04:00' }, multiplier: 3, productIds: [own.productId] }) },
  'GET /price-rules/{id}': {},
  'PUT /price-rules/{id}': { body: () => ({ kind: 'discount', reason: { sv: 'Mängd', en: 'Volume' }, percent: 7.5, by: 'quantity', minQuantity: 5 }) },
  'DELETE /price-rules/{id}': {},
  'GET /journeys/{id}/quotes': {},
  'POST /journeys/{id}/quotes': { body: (own) => ({ lines: [{ productId: own.productId, quantity: 1 }] }) },
  'GET /quotes/{id}': {},
  'PATCH /quotes/{id}': { body: (own) => ({ lines: [{ productId: own.productId, quantity: 3 }] }) },
  'POST /quotes/{id}/send': { body: () => ({ validUntil: '2027-01-31T12:00:00Z' }) },
  'POST /quotes/{id}/accept': { prepare: sendQuote, body: () => ({ name: 'Karin Köpare' }) },
  'POST /quotes/{id}/decline': { prepare: sendQuote, body: () => ({ reason: 'Vi väntar ett år' }) },
  'POST /journeys/{id}/portal-invites': { body: (_own, target) => ({ contactId: target.contactId }) },
  'GET /journeys/{id}/portal-invites': {},
  'POST /portal-invites/{id}/revoke': {},
  'GET /journeys/{id}/say': {},
  'GET /journeys/{id}/plan.ics': {},
  'POST /journeys/{id}/guest-link': {},
  'DELETE /journeys/{id}/guest-link': {},
  'GET /journeys/{id}/comments': {},
  'POST /journeys/{id}/comments': { body: () => ({ text: 'Hej från säljaren' }) },
  'POST /comments/{id}/approve': {},
  'POST /comments/{id}/reject': {},
  'GET /journeys/{id}/cases': {},
  'POST /journeys/{id}/cases': { body: () => ({ topic: 'Fel färg', description: 'Lamporna kom i svart.' }) },
  'GET /cases/{id}': {},
  'POST /cases/{id}/messages': { body: () => ({ text: 'Vi byter dem.' }) },
  'POST /cases/{id}/proposals': { body: () => ({ resolution: 'credit', amountMinor: 50_000, currency: 'SEK', text: 'Vi krediterar halva beloppet.' }) },
  'POST /cases/{id}/close': { body: () => ({ reason: 'Kunden svarar inte.' }) },
  'POST /cases/{id}/check-in': { prepare: resolveCase, body: () => ({ note: 'Ringde, allt väl.' }) },
  'GET /cases': { scope: 'read' },
  'GET /cases/metrics': { scope: 'read' },
  'GET /settings/cases': { scope: 'read' },
  'PUT /settings/cases': { scope: 'read', body: () => ({ businessHours: { days: [1, 2, 3, 4, 5], open: '08:00', close: '17:00' }, holidays: ['2026-12-24'], targets: caseTargets }) },
  'POST /prices/simulate': { scope: 'read', body: (own) => ({ accountId: own.accountId, lines: [{ productId: own.productId, quantity: 2 }], at: '2026-12-31T21:30:00Z' }) },
};

interface Operation {
  requestBody?: unknown;
  responses: Record<string, { content?: Record<string, unknown> }>;
}
interface OpenApi {
  paths: Record<string, Record<string, Operation>>;
}
interface Route {
  method: Method;
  /** without /api/v1, as in ROUTES */
  path: string;
  key: string;
  success: number;
  hasBody: boolean;
  /** answers with an event stream that stays open */
  streams: boolean;
}

function routesOf(doc: OpenApi): Route[] {
  const out: Route[] = [];
  for (const [fullPath, ops] of Object.entries(doc.paths)) {
    // The buyer's room (/api/portal/v1) is in the document too, but an org admin cannot call it at all:
    // its own cookie, its own scoping (one journey), swept with other journeys' and orgs' ids in test/api/portal.test.ts.
    if (!fullPath.startsWith(`${API}/`)) continue;
    const path = fullPath.slice(API.length);
    for (const [m, op] of Object.entries(ops)) {
      const method = m.toUpperCase() as Method;
      const key = `${method} ${path}`;
      if (NOT_SWEPT.has(key)) continue;
      const successKey = Object.keys(op.responses).find((s) => /^2\d\d$/.test(s));
      const success = Number(successKey ?? NaN);
      const streams = Object.keys((successKey && op.responses[successKey]?.content) || {}).includes('text/event-stream');
      out.push({ method, path, key, success, hasBody: op.requestBody !== undefined, streams });
    }
  }
  return out;
}

/** What the sweeps read of an answer. */
interface Answer {
  statusCode: number;
  headers: Record<string, unknown>;
  body: string;
  json(): unknown;
}

/**
 * Calls a route as `c`. An event stream never ends by itself, so for a route
 * that streams, the answer's body is what came first (or the whole problem),
 * and then the stream is let go.
 */
async function send(app: TestApp['app'], c: Client, r: Route, url: string, body: unknown, headers?: Record<string, string>): Promise<Answer> {
  if (!r.streams) return c.request(r.method, url, body, headers);
  const res = await app.inject({ method: r.method, url, headers: { authorization: `Bearer ${c.token}` }, payloadAsStream: true });
  const stream = res.stream();
  const isStream = String(res.headers['content-type'] ?? '').startsWith('text/event-stream');
  let text = '';
  for await (const chunk of stream) {
    text += String(chunk);
    if (isStream) break;
  }
  if (isStream) (res.raw.res as unknown as { destroy(): void }).destroy();
  return { statusCode: res.statusCode, headers: res.headers, body: text, json: () => JSON.parse(text) };
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const isProblem = (res: Answer) => String(res.headers['content-type'] ?? '').startsWith('application/problem+json');

async function allPages(c: Client, url: string): Promise<string> {
  const texts: string[] = [];
  let cursor: string | null = null;
  do {
    const res = await c.get(`${url}${url.includes('?') ? '&' : '?'}limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    const page = json(res, 200, url) as { nextCursor?: string | null };
    texts.push(res.body);
    cursor = page.nextCursor ?? null;
  } while (cursor);
  return texts.join('\n');
}

describe.each(BACKENDS)('tenancy on %s', (backend) => {
  let t: TestApp;
  let a: Client;
  let b: Client;
  let A: World;
  let B: World;
  let routes: Route[];
  /** every id org B has, taken from B's own answers */
  let bIds: Set<string>;
  /** what B sees of its objects before A tries anything */
  let bSnapshot: Record<string, string>;

  const bReads = (w: World) => [
    `${API}/journeys/${w.journeyId}`,
    `${API}/journeys/${w.journeyId}/timeline`,
    `${API}/journeys/${w.journeyId}/plan-steps`,
    `${API}/accounts/${w.accountId}`,
    `${API}/accounts/${w.accountId}/contacts`,
    `${API}/contacts/${w.contactId}`,
    `${API}/users/${w.userId}`,
    `${API}/process-templates/${w.templateId}`,
    `${API}/tokens`,
  ];
  const snapshot = async (c: Client, w: World) => {
    const out: Record<string, string> = {};
    for (const url of bReads(w)) {
      const res = await c.get(url);
      json(res, 200, url);
      out[url] = res.body;
    }
    return out;
  };

  beforeAll(async () => {
    t = await startTestApp(backend);
    a = t.admin;
    b = await t.otherOrg();
    A = await makeWorld(a, 'Alfa');
    B = await makeWorld(b, 'Zqb');
    routes = routesOf(json(await a.get('/api/openapi.json'), 200, 'openapi') as OpenApi);
    const bTexts = [
      await allPages(b, `${API}/accounts`),
      await allPages(b, `${API}/contacts`),
      await allPages(b, `${API}/journeys`),
      await allPages(b, `${API}/audit`),
      await allPages(b, `${API}/journeys/${B.journeyId}/timeline`),
      await allPages(b, `${API}/accounts/${B.accountId}/timeline`),
      (await b.get(`${API}/users`)).body,
      (await b.get(`${API}/process-templates`)).body,
      (await b.get(`${API}/tokens`)).body,
      (await b.get(`${API}/journeys/${B.journeyId}`)).body,
    ];
    bIds = new Set([B.orgId, B.adminId, B.interactionId, ...bTexts.flatMap((s) => s.match(UUID) ?? [])]);
    bSnapshot = await snapshot(b, B);
  });
  afterAll(async () => t.close());

  /** Names of A's problems with one answer: it must say nothing about B's objects. */
  const leaks = (text: string) => [...bIds].filter((id) => text.includes(id)).concat([B.accountName, B.contactName, B.userEmail, B.templateKey].filter((s) => text.includes(s)));

  it('has a case for every route of the OpenAPI document, and no stale ones', () => {
    const inDoc = routes.map((r) => r.key);
    expect(inDoc.length).toBeGreaterThan(30);
    expect(inDoc.filter((k) => !(k in ROUTES)), 'routes with no entry in ROUTES').toEqual([]);
    expect(Object.keys(ROUTES).filter((k) => !inDoc.includes(k)), 'entries in ROUTES for routes that do not exist').toEqual([]);
    for (const r of routes) {
      const c = ROUTES[r.key];
      expect(Number.isInteger(r.success), `${r.key} documents a 2xx answer`).toBe(true);
      expect(c?.body !== undefined, `${r.key}: a body in ROUTES exactly when the route takes one`).toBe(r.hasBody);
      if (pathIds(r.path).length === 0) expect(c?.scope, `${r.key} has no ids in its path, so it needs a scope`).toBeDefined();
      else for (const p of pathParams(r.path)) expect(() => paramValue(r.path, p, A)).not.toThrow();
    }
  });

  it('control: every call succeeds on A’s own objects, so a 404 below is about tenancy, not the body', async () => {
    const failures: string[] = [];
    for (const r of routes.filter((x) => pathIds(x.path).length > 0)) {
      const c = ROUTES[r.key] ?? {};
      const fresh = await makeWorld(a, 'Kontroll');
      await c.prepare?.(a, fresh);
      const res = await send(t.app, a, r, fill(r.path, fresh), c.body?.(A, fresh));
      if (res.statusCode !== r.success) failures.push(`${r.key}: ${res.statusCode} ${res.body.slice(0, 300)}`);
    }
    expect(failures).toEqual([]);
  });

  it('answers 404 problem+json to A on every route that names one of B’s objects', async () => {
    const failures: string[] = [];
    const swept: string[] = [];
    for (const r of routes) {
      const c = ROUTES[r.key];
      if (!c) {
        failures.push(`${r.key}: no entry in ROUTES`);
        continue;
      }
      if (pathIds(r.path).length === 0) continue;
      const url = fill(r.path, B);
      const res = await send(t.app, a, r, url, c.body?.(A, B));
      swept.push(r.key);
      const problem = isProblem(res) ? (res.json() as { type?: string; detail?: string; status?: number }) : undefined;
      if (res.statusCode !== 404 || !problem) {
        failures.push(`${r.method} ${url}: ${res.statusCode} ${String(res.headers['content-type'])} ${res.body.slice(0, 300)}`);
        continue;
      }
      // the route was found, and the object was not: not Fastify's "no such route"
      if (problem.type !== '/api/problems/not_found' || problem.status !== 404 || !/with that id in your organisation/.test(problem.detail ?? '')) {
        failures.push(`${r.method} ${url}: an unexpected 404: ${res.body}`);
      }
      const named = [B.accountName, B.contactName, B.userEmail, B.templateKey].filter((s) => res.body.includes(s));
      if (named.length > 0) failures.push(`${r.method} ${url}: the 404 names B's data: ${named.join(', ')}`);
    }
    expect(failures).toEqual([]);
    expect(swept.length).toBeGreaterThan(25);
  });

  it('answers 404 when A names its own journey with B’s concern or plan step', async () => {
    const failures: string[] = [];
    const mixed: World = { ...A, concernId: B.concernId, stepId: B.stepId };
    let tried = 0;
    for (const r of routes.filter((x) => x.path.includes('{concernId}') || x.path.includes('{stepId}'))) {
      const c = ROUTES[r.key] ?? {};
      const url = fill(r.path, mixed);
      const res = await a.request(r.method, url, c.body?.(A, mixed));
      tried++;
      if (res.statusCode !== 404 || !isProblem(res) || res.json().type !== '/api/problems/not_found') {
        failures.push(`${r.method} ${url}: ${res.statusCode} ${res.body.slice(0, 300)}`);
      }
    }
    expect(failures).toEqual([]);
    expect(tried).toBeGreaterThanOrEqual(6);
  });

  it('routes without ids: A reads only its own org, and what A makes stays in A', async () => {
    const failures: string[] = [];
    for (const r of routes.filter((x) => pathIds(x.path).length === 0)) {
      const c = ROUTES[r.key] ?? {};
      const res = await send(t.app, a, r, fill(r.path, A) + (c.query ?? ''), c.body?.(A, B), c.headers);
      if (res.statusCode !== r.success) {
        failures.push(`${r.key}: ${res.statusCode} ${res.body.slice(0, 300)}`);
        continue;
      }
      const leaked = leaks(res.body);
      if (leaked.length > 0) failures.push(`${r.key}: A's answer contains B's ${leaked.join(', ')}`);
      if (c.scope === 'create') {
        const id = (res.json() as { id: string }).id;
        const seenByB = (await b.get(fill(r.path, B))).body;
        if (seenByB.includes(id)) failures.push(`${r.key}: B's GET ${r.path} lists what A just made (${id})`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('never lists B’s objects in A’s lists, whatever the filter', async () => {
    const lists = [
      `${API}/journeys`,
      `${API}/journeys?ownerId=${B.adminId}`,
      `${API}/journeys?status=open&stage=need`,
      `${API}/board?templateKey=b2b`,
      `${API}/board?templateKey=b2b&ownerId=${B.adminId}`,
      `${API}/imports`,
      `${API}/orders`,
      `${API}/orders?accountId=${B.accountId}`,
      `${API}/products`,
      `${API}/products?active=true`,
      `${API}/price-rules`,
      `${API}/exports/accounts?format=jsonl`,
      `${API}/exports/contacts`,
      `${API}/exports/journeys`,
      `${API}/exports/interactions`,
      `${API}/accounts`,
      `${API}/accounts?tier=new`,
      `${API}/accounts?tier=occasional`,
      `${API}/loyalty/summary?from=2020-01-01`,
      `${API}/contacts`,
      `${API}/users`,
      `${API}/process-templates`,
      `${API}/tokens`,
      `${API}/me`,
      `${API}/audit`,
      `${API}/audit?entity=journey`,
      `${API}/today`,
      `${API}/accounts/${A.accountId}/timeline`,
      `${API}/journeys/${A.journeyId}/portal-invites`,
    ];
    const failures: string[] = [];
    for (const url of lists) {
      const res = await a.get(url);
      if (res.statusCode !== 200) failures.push(`${url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
      const leaked = leaks(res.body);
      if (leaked.length > 0) failures.push(`${url}: contains B's ${leaked.join(', ')}`);
    }
    expect(failures).toEqual([]);
    // and the lists are not empty by accident: they do show A's own objects
    // (the control run made a world per route, so A's first journey is far down: a long page)
    const own: [string, string][] = [
      [`${API}/journeys?limit=200`, A.journeyId],
      [`${API}/accounts`, A.accountId],
      [`${API}/contacts`, A.contactId],
      [`${API}/users`, A.userId],
      [`${API}/process-templates`, A.templateId],
      [`${API}/tokens`, A.tokenId],
      [`${API}/audit?entityId=${A.journeyId}`, A.journeyId],
    ];
    for (const [url, id] of own) expect((await a.get(url)).body.includes(id), `${url} lists A's ${id}`).toBe(true);
  });

  it('filters by B’s ids give A an empty list or a 404, never B’s data', async () => {
    const filters = [
      `${API}/journeys?accountId=${B.accountId}`,
      `${API}/journeys?ownerId=${B.adminId}`,
      `${API}/journeys?ownerId=${B.userId}`,
      `${API}/journeys?q=${encodeURIComponent(B.accountName)}`,
      `${API}/contacts?accountId=${B.accountId}`,
      `${API}/audit?entityId=${B.journeyId}`,
      `${API}/audit?entity=journey&entityId=${B.journeyId}`,
      `${API}/audit?entityId=${B.accountId}`,
      `${API}/audit?entityId=${B.userId}`,
      `${API}/accounts?q=${encodeURIComponent(B.accountName.slice(0, 8))}`,
      `${API}/contacts?q=${encodeURIComponent(B.contactName.slice(0, 8))}`,
    ];
    const failures: string[] = [];
    for (const url of filters) {
      const res = await a.get(url);
      const empty = res.statusCode === 200 && (res.json() as { items: unknown[] }).items.length === 0;
      const notFound = res.statusCode === 404 && isProblem(res);
      if (!empty && !notFound) failures.push(`${url}: ${res.statusCode} ${res.body.slice(0, 300)}`);
      const leaked = leaks(res.body);
      if (leaked.length > 0) failures.push(`${url}: contains B's ${leaked.join(', ')}`);
    }
    expect(failures).toEqual([]);
  });

  it('finds B’s account by its unique name prefix only for B', async () => {
    const prefix = encodeURIComponent(B.accountName.slice(0, 10));
    const forB = (await b.get(`${API}/accounts?q=${prefix}`)).json() as { items: { id: string }[] };
    expect(forB.items.map((i) => i.id)).toEqual([B.accountId]);
    const forA = await a.get(`${API}/accounts?q=${prefix}`);
    expect(forA.statusCode).toBe(200);
    expect(forA.json()).toEqual({ items: [], nextCursor: null });
  });

  it('refuses B’s ids inside the bodies A sends about its own objects', async () => {
    const before = (await a.get(`${API}/journeys/${A.journeyId}`)).body;
    const j = `${API}/journeys/${A.journeyId}`;
    const interaction = { channel: 'email', direction: 'inbound', occurredAt: '2026-11-28T14:00:00Z', summary: 'Svar från köparen' };
    const cases: [Method, string, unknown, string][] = [
      ['POST', `${API}/journeys`, { accountId: B.accountId, title: 'Kapad affär' }, 'body.accountId'],
      ['POST', `${API}/journeys`, { accountId: A.accountId, title: 'Kapad affär', ownerId: B.adminId }, 'body.ownerId'],
      ['POST', `${API}/journeys`, { accountId: A.accountId, title: 'Kapad affär', templateKey: B.templateKey }, 'body.templateKey'],
      ['PATCH', j, { ownerId: B.userId }, 'body.ownerId'],
      ['POST', `${j}/concerns`, { topic: 'risk', text: 'x', contactId: B.contactId }, 'body.contactId'],
      ['POST', `${j}/plan-steps`, { title: 'x', owner: { userId: B.userId } }, 'body.owner.userId'],
      ['POST', `${j}/plan-steps`, { title: 'x', owner: { contactId: B.contactId } }, 'body.owner.contactId'],
      ['PATCH', `${j}/plan-steps/${A.stepId}`, { owner: { userId: B.adminId } }, 'body.owner.userId'],
      ['PATCH', `${j}/plan-steps/${A.stepId}`, { owner: { contactId: B.contactId } }, 'body.owner.contactId'],
      ['POST', `${j}/interactions`, { ...interaction, contactIds: [B.contactId] }, 'body.contactIds'],
      ['POST', `${j}/interactions`, { ...interaction, contactIds: [A.contactId, B.contactId] }, 'body.contactIds'],
      ['POST', `${j}/interactions`, { ...interaction, purpose: { concernId: B.concernId } }, 'body.purpose.concernId'],
      ['PUT', `${j}/plan-steps/order`, { stepIds: [B.stepId] }, 'body.stepIds'],
    ];
    const failures: string[] = [];
    for (const [method, url, body, field] of cases) {
      const res = await a.request(method, url, body);
      const label = `${method} ${url} ${JSON.stringify(body)}`;
      if (![404, 422].includes(res.statusCode) || !isProblem(res)) {
        failures.push(`${label}: ${res.statusCode} ${res.body.slice(0, 300)}`);
        continue;
      }
      const problem = res.json() as { errors?: { field: string }[] };
      if (res.statusCode === 422 && !problem.errors?.some((e) => e.field === field)) failures.push(`${label}: expected an error on ${field}, got ${res.body}`);
      const named = [B.accountName, B.contactName, B.userEmail].filter((s) => res.body.includes(s));
      if (named.length > 0) failures.push(`${label}: the answer names B's ${named.join(', ')}`);
    }
    expect(failures).toEqual([]);
    expect((await a.get(`${API}/journeys/${A.journeyId}`)).body).toBe(before);
  });

  it('leaves every one of B’s objects as it was, and B still reads its own journey', async () => {
    const res = await b.get(`${API}/journeys/${B.journeyId}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: B.journeyId, stage: 'need', status: 'open', accountId: B.accountId });
    expect(await snapshot(b, B)).toEqual(bSnapshot);
    // B's extra API token was not revoked by A's DELETE
    const tokens = (await b.get(`${API}/tokens`)).json() as { items: { id: string; revoked: boolean }[] };
    expect(tokens.items.find((i) => i.id === B.tokenId)?.revoked).toBe(false);
  });
});
