/**
 * A real H2H server on a real database, driven through inject(): the same
 * routing, validation and serialisation as over a socket, without a port.
 */
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { createApiToken } from '../../src/app/auth.ts';
import type { Actor, AppContext } from '../../src/app/context.ts';
import type { Mailer } from '../../src/app/mail.ts';
import { createOrg } from '../../src/app/orgs.ts';
import type { PortalLimits } from '../../src/app/portal.ts';
import type { PortalOidcSettings } from '../../src/app/portal-oidc.ts';
import { FailureLimiter } from '../../src/app/rate-limit.ts';
import { addUser } from '../../src/app/users.ts';
import type { Role } from '../../src/domain/vocabulary.ts';
import { settleImports } from '../../src/app/imports.ts';
import { buildServer } from '../../src/http/server.ts';
import { openTestStore, type Backend, type TestStore } from './backends.ts';

export class Clock {
  constructor(public current = new Date('2026-11-29T09:00:00.000Z')) {}
  now = (): Date => new Date(this.current);
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface Client {
  token: string;
  userId: string;
  orgId: string;
  request(method: Method, url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  put(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  del(url: string): Promise<LightMyRequestResponse>;
}

export interface TestApp {
  app: FastifyInstance;
  ctx: AppContext;
  clock: Clock;
  db: TestStore;
  /** the first org's admin */
  admin: Client;
  /** a client for a user of `role` in the admin's org (or another org's admin) */
  user(role: Role, orgAdmin?: Client): Promise<Client>;
  /** the admin of a second, separate org */
  otherOrg(): Promise<Client>;
  close(): Promise<void>;
}

let serial = 0;
const uniqueEmail = (prefix: string) => `${prefix}-${process.pid}-${++serial}-${Math.random().toString(36).slice(2, 8)}@test.example`;

export function client(app: FastifyInstance, actor: { token: string; userId: string; orgId: string }): Client {
  const request = (method: Method, url: string, body?: unknown, headers: Record<string, string> = {}) => {
    const opts: InjectOptions = { method, url, headers: { authorization: `Bearer ${actor.token}`, ...headers } };
    if (body !== undefined) opts.payload = body as InjectOptions['payload'];
    return app.inject(opts);
  };
  return {
    ...actor,
    request,
    get: (url) => request('GET', url),
    post: (url, body) => request('POST', url, body),
    patch: (url, body) => request('PATCH', url, body),
    put: (url, body) => request('PUT', url, body),
    del: (url) => request('DELETE', url),
  };
}

export const PASSWORD = 'correct horse battery';

/**
 * Portal limits high enough for the sweeps, which invite once per world they
 * make and open links from one address; test/api/portal.test.ts tries the real ones.
 */
const roomyPortalLimits = (): PortalLimits => ({ invitesPerUser: new FailureLimiter(100_000, 60_000), redeemPerAddress: new FailureLimiter(100_000, 60_000), guestPostsPerAddress: new FailureLimiter(100_000, 60_000) });

export async function startTestApp(backend: Backend, opts: { portalLimits?: PortalLimits; mailer?: Mailer; publicUrl?: string; portalOidc?: PortalOidcSettings } = {}): Promise<TestApp> {
  const db = await openTestStore(backend);
  const clock = new Clock();
  const ctx: AppContext = { store: db.store, now: clock.now, ...(opts.mailer && { mailer: opts.mailer }) };
  const app = await buildServer({ ctx, portalLimits: opts.portalLimits ?? roomyPortalLimits(), publicUrl: opts.publicUrl, portalOidc: opts.portalOidc });

  const orgAdmin = async (): Promise<Client> => {
    const { orgId, adminId } = await createOrg(ctx, { name: 'Test AB', admin: { email: uniqueEmail('admin'), name: 'Ada Admin', password: PASSWORD } });
    const actor: Actor = { orgId, userId: adminId, role: 'admin', kind: 'user' };
    const { token } = await createApiToken(ctx, actor, 'test');
    return client(app, { token, userId: adminId, orgId });
  };
  const admin = await orgAdmin();

  return {
    app,
    ctx,
    clock,
    db,
    admin,
    otherOrg: orgAdmin,
    user: async (role, owner = admin) => {
      const actor: Actor = { orgId: owner.orgId, userId: owner.userId, role: 'admin', kind: 'user' };
      const u = await addUser(ctx, actor, { email: uniqueEmail(role), name: `${role} person`, role });
      const { token } = await createApiToken(ctx, { orgId: owner.orgId, userId: u.id, role, kind: 'user' }, 'test');
      return client(app, { token, userId: u.id, orgId: owner.orgId });
    },
    close: async () => {
      await app.close();
      // An import started in the background must end before its database goes.
      await settleImports();
      await db.drop();
    },
  };
}

/** An account and a journey on it, through the API. */
export async function makeJourney(c: Client, extra: Record<string, unknown> = {}) {
  const account = await c.post('/api/v1/accounts', { kind: 'company', name: `Kund ${++serial} AB` });
  if (account.statusCode !== 201) throw new Error(`account: ${account.body}`);
  const res = await c.post('/api/v1/journeys', { accountId: account.json().id, title: 'Nytt lagersystem', valueMinor: 12_500_000, ...extra });
  if (res.statusCode !== 201) throw new Error(`journey: ${res.body}`);
  return res.json() as JourneyBody;
}

let importSerial = 0;

/** Uploads a small contacts file of its own (unique, so never "the same file again") and returns the import's id. */
export async function makeImport(c: Client): Promise<string> {
  const csv = `Förnamn;Efternamn;E-post\r\nÅsa;Öberg;asa-${process.pid}-${++importSerial}-${Date.now()}@import.example\r\n`;
  const res = await c.request('POST', '/api/v1/imports?entity=contacts&fileName=kontakter.csv', csv, { 'content-type': 'text/csv' });
  if (res.statusCode !== 201) throw new Error(`import: ${res.statusCode} ${res.body}`);
  return (res.json() as { id: string }).id;
}

/** An order on the account, entered through the API; returns its id. */
export async function makeOrder(c: Client, accountId: string, externalId?: string): Promise<string> {
  const res = await c.post('/api/v1/orders', { accountId, orderedAt: '2025-03-05', product: 'Armatur', quantity: 2, amountMinor: 123_450, ...(externalId && { externalId }) });
  if (res.statusCode !== 201) throw new Error(`order: ${res.statusCode} ${res.body}`);
  return (res.json() as { id: string }).id;
}

export interface JourneyBody {
  id: string;
  accountId: string;
  stage: string;
  status: string;
  ownerId: string;
  criteria: { key: string; text: string; met: boolean; derived: boolean; evidence: string | null }[];
  concerns: { id: string; status: string; blocking: boolean }[];
  planSteps: { id: string; title: string; position: number; done: boolean }[];
  overrides: { from: string; to: string; reason: string }[];
}

let productSerial = 0;

/** A product of its own (a unique SKU), through the API; returns its id. */
export async function makeProduct(c: Client): Promise<string> {
  const res = await c.post('/api/v1/products', { sku: `LAMP-${process.pid}-${++productSerial}`, name: { sv: 'Taklampa', en: 'Ceiling lamp' }, listPriceMinor: 10_000 });
  if (res.statusCode !== 201) throw new Error(`product: ${res.statusCode} ${res.body}`);
  return (res.json() as { id: string }).id;
}

/** A quantity discount rule, through the API; returns its id. */
export async function makePriceRule(c: Client): Promise<string> {
  const res = await c.post('/api/v1/price-rules', { kind: 'discount', reason: { sv: 'Mängdrabatt', en: 'Volume discount' }, percent: 5, by: 'quantity', minQuantity: 10 });
  if (res.statusCode !== 201) throw new Error(`price rule: ${res.statusCode} ${res.body}`);
  return (res.json() as { id: string }).id;
}

/** A draft quote of one line on the journey, through the API; returns its id. */
export async function makeQuote(c: Client, journeyId: string, productId: string): Promise<string> {
  const res = await c.post(`/api/v1/journeys/${journeyId}/quotes`, { lines: [{ productId, quantity: 2 }] });
  if (res.statusCode !== 201) throw new Error(`quote: ${res.statusCode} ${res.body}`);
  return (res.json() as { id: string }).id;
}

/** A guest's comment on the journey, waiting for approval: a guest link and a post through it, through the API; returns its id. */
export async function makeGuestComment(c: Client, journeyId: string): Promise<string> {
  const link = await c.post(`/api/v1/journeys/${journeyId}/guest-link`);
  if (link.statusCode !== 201) throw new Error(`guest link: ${link.statusCode} ${link.body}`);
  const token = (link.json() as { link: string }).link.replace(/^\/p\/g\//, '');
  // The guest route takes no credentials; the client's token is simply not read.
  const res = await c.post(`/api/portal/v1/guest/${token}/comments`, { name: 'Gustav Gäst', email: 'gustav@gast.example', text: 'Hur gick det med lagret?' });
  if (res.statusCode !== 202) throw new Error(`guest comment: ${res.statusCode} ${res.body}`);
  const list = (await c.get(`/api/v1/journeys/${journeyId}/comments`)).json() as { items: { id: string; status: string }[] };
  const pending = list.items.filter((i) => i.status === 'pending').at(-1);
  if (!pending) throw new Error('guest comment: not in the list');
  return pending.id;
}

/** A case on the journey opened by the seller, through the API; returns its id. */
export async function makeCase(c: Client, journeyId: string): Promise<string> {
  const res = await c.post(`/api/v1/journeys/${journeyId}/cases`, { topic: 'Fel färg', description: 'Lamporna kom i svart.' });
  if (res.statusCode !== 201) throw new Error(`case: ${res.statusCode} ${res.body}`);
  return (res.json() as { id: string }).id;
}

/** An invitation of the contact into the journey's room, through the API; returns its id and magic link. */
export async function makePortalInvite(c: Client, journeyId: string, contactId: string): Promise<{ id: string; link: string }> {
  const res = await c.post(`/api/v1/journeys/${journeyId}/portal-invites`, { contactId });
  if (res.statusCode !== 201) throw new Error(`portal invite: ${res.statusCode} ${res.body}`);
  return res.json() as { id: string; link: string };
}
