/**
 * Browser tests: the real server on loopback serving the built web app, a
 * real SQLite database seeded through the use cases (not the UI), and
 * Debian's Chromium driven by playwright-core.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { defaultLoginLimits, login } from '../../src/app/auth.ts';
import type { Actor, AppContext } from '../../src/app/context.ts';
import type { Mailer } from '../../src/app/mail.ts';
import type { PortalOidcSettings } from '../../src/app/portal-oidc.ts';
import { createOrg } from '../../src/app/orgs.ts';
import { addUser } from '../../src/app/users.ts';
import type { Role } from '../../src/domain/vocabulary.ts';
import { buildServer } from '../../src/http/server.ts';
import { openTestStore, type TestStore } from '../helpers/backends.ts';

export const CHROMIUM = process.env.H2H_CHROMIUM ?? '/usr/bin/chromium';
export const WEB_DIR = path.resolve('web/dist');
export const RESULTS = path.resolve('test-results');
export const PASSWORD = 'e2e-password-123';

/** Fails loudly, never skips: the README says how to get what is missing. */
export function requireBrowserSetup(): void {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`browser tests need Chromium at ${CHROMIUM}: apt-get install -y chromium (or set H2H_CHROMIUM)`);
  if (!fs.existsSync(path.join(WEB_DIR, 'index.html'))) throw new Error('browser tests need the built web app: npm run build');
}

export async function launchBrowser(): Promise<Browser> {
  requireBrowserSetup();
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export interface Person {
  actor: Actor;
  email: string;
  name: string;
}

export interface E2E {
  base: string;
  ctx: AppContext;
  app: FastifyInstance;
  db: TestStore;
  org: { id: string };
  admin: Person;
  /** a user of the org with a password, for this test alone */
  person(role: Role, name?: string): Promise<Person>;
  /** another org of its own, with its admin (who can sign in) and a way to add its people */
  newOrg(name: string, adminName?: string): Promise<{ admin: Person; person(role: Role, name: string): Promise<Person> }>;
  /** the API as the person calls it over the socket (signed in, answers in English): fails the test on an error */
  api(who: Person): Promise<<T>(method: string, path: string, body?: unknown) => Promise<T>>;
  /** a buyer in the room over HTTP: opens the magic link (`/p/…`) and calls /api/portal/v1 with its cookie */
  room(link: string): Promise<PortalApi>;
  /** a browser context already signed in as the person, in the given language */
  signedIn(browser: Browser, who: Person, lang?: 'sv' | 'en'): Promise<{ context: BrowserContext; page: Page }>;
  close(): Promise<void>;
}

let serial = 0;

/** The room's API over the socket: `json` fails on an error status, `fetch` gives the answer as it is. */
export interface PortalApi {
  json<T>(method: string, path: string, body?: unknown): Promise<T>;
  fetch(method: string, path: string, body?: unknown): Promise<Response>;
}

/** /api/portal/v1 as a buyer with that portal cookie, or as a guest (null: no cookie). */
export function portalApi(base: string, cookie: string | null): PortalApi {
  const call = (method: string, path: string, body?: unknown) =>
    fetch(`${base}/api/portal/v1${path}`, {
      method,
      headers: { ...(cookie && { cookie: `h2h_portal=${cookie}` }), ...(body !== undefined && { 'content-type': 'application/json' }) },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
  return {
    fetch: call,
    json: async <T,>(method: string, path: string, body?: unknown): Promise<T> => {
      const res = await call(method, path, body);
      const text = await res.text();
      if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text}`);
      return (text ? JSON.parse(text) : undefined) as T;
    },
  };
}

/** What a test may add to the server: mail (invitations go out) and buyers' OIDC sign-in. */
export interface E2EOptions {
  mailer?: Mailer;
  portalOidc?: PortalOidcSettings;
}

export async function startE2E(opts: E2EOptions = {}): Promise<E2E> {
  requireBrowserSetup();
  const db = await openTestStore('sqlite');
  const ctx: AppContext = { store: db.store, now: () => new Date(), mailer: opts.mailer };
  const app = await buildServer({ ctx, webDir: WEB_DIR, limits: defaultLoginLimits(), ...(opts.portalOidc && { portalOidc: opts.portalOidc }) });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const tag = `${process.pid}-${Date.now()}`;
  /** An org and its admin, and a way to add users to it, each with the test password. */
  const makeOrg = async (name: string, adminName: string) => {
    const adminEmail = `admin-${++serial}-${tag}@e2e.example`;
    const { orgId, adminId } = await createOrg(ctx, { name, admin: { email: adminEmail, name: adminName, password: PASSWORD } });
    const admin: Person = { actor: { orgId, userId: adminId, role: 'admin', kind: 'user' }, email: adminEmail, name: adminName };
    const person = async (role: Role, personName: string): Promise<Person> => {
      const email = `${role}-${++serial}-${tag}@e2e.example`;
      const u = await addUser(ctx, admin.actor, { email, name: personName, role, password: PASSWORD });
      return { actor: { orgId, userId: u.id, role, kind: 'user' }, email, name: personName };
    };
    return { orgId, admin, person };
  };
  const first = await makeOrg('Nordljus AB', 'Ada Admin');

  return {
    base: address,
    ctx,
    app,
    db,
    org: { id: first.orgId },
    admin: first.admin,
    person: (role, name = `${role} ${++serial}`) => first.person(role, name),
    newOrg: async (name, adminName = 'Ada Admin') => {
      const { admin, person } = await makeOrg(name, adminName);
      return { admin, person };
    },
    api: async (who) => {
      const { token } = await login(ctx, defaultLoginLimits(), { email: who.email, password: PASSWORD, address: '127.0.0.1' });
      return async <T>(method: string, apiPath: string, body?: unknown): Promise<T> => {
        const res = await fetch(`${address}/api/v1${apiPath}`, {
          method,
          headers: { cookie: `h2h_session=${token}`, 'accept-language': 'en', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        const text = await res.text();
        expect(res.ok, `${method} ${apiPath}: ${res.status} ${text}`).toBe(true);
        return (text ? JSON.parse(text) : undefined) as T;
      };
    },
    room: async (link) => {
      const opened = await fetch(`${address}/api/portal/v1/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: new URL(link, address).pathname.slice(3) }) });
      expect(opened.status, await opened.clone().text()).toBe(201);
      const cookie = /h2h_portal=([^;]+)/.exec(opened.headers.get('set-cookie') ?? '')?.[1];
      expect(cookie).toBeDefined();
      return portalApi(address, cookie!);
    },
    signedIn: async (browser, who, lang = 'sv') => {
      const { token } = await login(ctx, defaultLoginLimits(), { email: who.email, password: PASSWORD, address: '127.0.0.1' });
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: lang === 'sv' ? 'sv-SE' : 'en-GB' });
      await context.addCookies([{ name: 'h2h_session', value: token, url: address, httpOnly: true, sameSite: 'Lax' }]);
      await context.addInitScript((l) => {
        if (!localStorage.getItem('h2h.lang')) localStorage.setItem('h2h.lang', l);
      }, lang);
      return { context, page: await context.newPage() };
    },
    close: async () => {
      await app.close();
      await db.drop();
    },
  };
}

/** Text as a person reads it: no-break and narrow spaces (Intl's) as spaces, runs of space as one. */
export const plain = (s: string): string => s.replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ').trim();

/** Fails on serious or critical accessibility violations, naming each. */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  const result = await new AxeBuilder({ page }).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = bad.map((v) => `${screen}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
  expect(report).toEqual([]);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(RESULTS, { recursive: true });
  await page.screenshot({ path: path.join(RESULTS, `${name}.png`), fullPage: false });
}
