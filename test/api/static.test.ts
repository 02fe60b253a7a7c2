import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { API_CSP, ROOM_CSP, WEB_CSP } from '../../src/http/headers.ts';
import { loggableUrl, loggerOptions } from '../../src/http/logging.ts';
import { buildServer } from '../../src/http/server.ts';
import { DEFAULT_WEB_DIR } from '../../src/http/web.ts';
import { BACKENDS, tempDir } from '../helpers/backends.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';

const PORTAL = '<!doctype html><html lang="sv"><head><script type="module" src="/assets/portal-def456.js"></script></head><body><div id="room"></div></body></html>';
const INDEX = '<!doctype html><html lang="sv"><head><script type="module" src="/assets/index-abc123.js"></script></head><body><div id="root"></div></body></html>';

/** A web dir as Vite's build leaves it, with a secret that must never be served. */
function fakeWebDir(): string {
  const dir = tempDir();
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(path.join(dir, 'index.html'), INDEX);
  fs.writeFileSync(path.join(dir, 'portal.html'), PORTAL);
  fs.writeFileSync(path.join(dir, 'assets', 'index-abc123.js'), 'console.log("h2h")');
  fs.writeFileSync(path.join(dir, 'assets', 'index-abc123.css'), 'body{margin:0}');
  fs.writeFileSync(path.join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  fs.writeFileSync(path.join(dir, '.env'), 'SECRET=1');
  return dir;
}

describe.each(BACKENDS)('the web app on %s', (backend) => {
  let t: TestApp;
  let app: FastifyInstance;
  let dir: string;
  beforeAll(async () => {
    t = await startTestApp(backend);
    dir = fakeWebDir();
    app = await buildServer({ ctx: t.ctx, webDir: dir });
  });
  afterAll(async () => {
    await app.close();
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const get = (url: string) => app.inject({ method: 'GET', url });

  it('answers index.html for / and for every page address the app routes on the client', async () => {
    for (const url of ['/', '/journeys/123', '/accounts', '/today?ownerId=x', '/settings/users/']) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.body).toBe(INDEX);
      expect(res.headers['cache-control']).toBe('no-cache');
    }
    expect((await app.inject({ method: 'HEAD', url: '/journeys/123' })).statusCode).toBe(200);
  });

  it('gives the app’s pages a policy that lets them run their own scripts and nothing else', async () => {
    const res = await get('/journeys/123');
    expect(res.headers['content-security-policy']).toBe(WEB_CSP);
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    // index.html asked for by name is the same page
    expect((await get('/index.html')).headers['content-security-policy']).toBe(WEB_CSP);
  });

  it('serves hashed assets with a year-long immutable cache, and other files fresh', async () => {
    const js = await get('/assets/index-abc123.js');
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toContain('javascript');
    expect(js.body).toBe('console.log("h2h")');
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(js.headers['content-security-policy']).toBe(API_CSP);
    expect((await get('/assets/index-abc123.css')).headers['content-type']).toContain('text/css');
    const icon = await get('/favicon.svg');
    expect(icon.statusCode).toBe(200);
    expect(icon.headers['cache-control']).toBe('no-cache');
  });

  it('answers a missing asset with 404, not with the page', async () => {
    const res = await get('/assets/index-old999.js');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('never serves dotfiles or anything outside the web dir', async () => {
    for (const url of ['/.env', '/assets/../.env', '/assets/%2e%2e/.env', '/..%2f..%2fetc/passwd', '/assets/..%2f..%2f..%2fetc%2fpasswd']) {
      const res = await get(url);
      expect(res.body, url).not.toContain('SECRET');
      expect(res.body, url).not.toContain('root:');
    }
  });

  it('keeps the API’s answers: problems for unknown API addresses, a strict policy on the docs', async () => {
    for (const url of ['/api/nothing', '/api', '/api/v1/nothing/here']) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type'], url).toContain('application/problem+json');
    }
    const docs = await get('/api/docs');
    expect(docs.headers['content-security-policy']).toBe(API_CSP);
    const health = await get('/api/health');
    expect(health.json().status).toBe('ok');
    expect(health.headers['content-security-policy']).toBe(API_CSP);
    // only GET and HEAD get the page
    const post = await app.inject({ method: 'POST', url: '/journeys/123', payload: {} });
    expect(post.statusCode).toBe(404);
    expect(post.headers['content-type']).toContain('application/problem+json');
  });

  it('answers the buyer’s room page for every /p/… address, with its own strict policy, never cached', async () => {
    for (const url of ['/p', '/p/', '/p/anything', '/p/org1.secret-token_xyz', '/p/?signin=no_invite', '/p/g/org1.guestsecret', '/p/a/b/c']) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type'], url).toBe('text/html; charset=utf-8');
      expect(res.body, url).toBe(PORTAL);
      expect(res.headers['cache-control'], url).toBe('no-store');
      expect(res.headers['content-security-policy'], url).toBe(ROOM_CSP);
      expect(res.headers['x-frame-options'], url).toBe('DENY');
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['referrer-policy'], url).toBe('no-referrer');
    }
    // the room's policy runs its own scripts and nothing inline
    expect(ROOM_CSP).toContain("script-src 'self'");
    expect(ROOM_CSP).not.toContain('unsafe-inline');
    expect(ROOM_CSP).toContain("frame-ancestors 'none'");
    // the seller app is not the room, and addresses merely starting with p are the seller app's
    expect((await get('/pricing')).body).toBe(INDEX);
    expect((await get('/pricing')).headers['content-security-policy']).toBe(WEB_CSP);
  });

  it('keeps the buyer’s API as it was: JSON and problems, never the room page', async () => {
    const room = await get('/api/portal/v1/room');
    expect(room.statusCode).toBe(401);
    expect(room.headers['content-type']).toContain('application/problem+json');
    expect(room.headers['content-security-policy']).toBe(API_CSP);
    const missing = await get('/api/portal/v1/nothing');
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    const post = await app.inject({ method: 'POST', url: '/p/sometoken', payload: {} });
    expect(post.statusCode).toBe(404);
    expect(post.headers['content-type']).toContain('application/problem+json');
  });

  it('never writes a link’s secret to the request log', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    const logged = await buildServer({ ctx: t.ctx, webDir: dir, logger: loggerOptions('info', stream) });
    const secret = 'org1.Zq9secretLinkToken-4711';
    try {
      for (const url of [`/p/${secret}`, `/p/g/${secret}`, `/api/portal/v1/calendar/${secret}`, `/api/portal/v1/guest/${secret}`, `/api/portal/v1/guest/${secret}/comments`, `/api/portal/v1/oidc/callback?code=${secret}&state=${secret}&iss=x`]) {
        const res = await logged.inject({ method: 'GET', url });
        expect(res.statusCode, url).toBeLessThan(500);
      }
      await logged.inject({ method: 'POST', url: '/api/portal/v1/sessions', payload: { token: secret } });
    } finally {
      await logged.close();
    }
    const log = lines.join('');
    expect(lines.length).toBeGreaterThan(5);
    expect(log).not.toContain(secret);
    expect(log).not.toContain('Zq9secret');
    // the log still says which page was asked for
    expect(log).toContain('"url":"/p/[redacted]"');
    expect(log).toContain('"url":"/p/g/[redacted]"');
    expect(log).toContain('"url":"/api/portal/v1/calendar/[redacted]"');
    expect(log).toContain('"url":"/api/portal/v1/guest/[redacted]/comments"');
    expect(log).toContain('"url":"/api/portal/v1/sessions"');
    // the OIDC callback's one-time code and state
    expect(log).toContain('"url":"/api/portal/v1/oidc/callback?code=[redacted]&state=[redacted]&iss=x"');
  });

  it('keeps addresses without a secret as they are in the log', () => {
    expect(loggableUrl('/api/v1/journeys/abc?x=1')).toBe('/api/v1/journeys/abc?x=1');
    expect(loggableUrl('/p/')).toBe('/p/');
    expect(loggableUrl('/p/?signin=failed')).toBe('/p/?signin=failed');
    expect(loggableUrl('/p/tok?x=1')).toBe('/p/[redacted]?x=1');
    expect(loggableUrl('/pricing')).toBe('/pricing');
    expect(loggableUrl('/api/v1/cases?status=open&sort=due')).toBe('/api/v1/cases?status=open&sort=due');
  });

  it('says how to build the app when there is no build', async () => {
    const missing = path.join(tempDir(), 'no-dist');
    const bare = await buildServer({ ctx: t.ctx, webDir: missing });
    try {
      for (const url of ['/', '/journeys/123', '/p/sometoken']) {
        const res = await bare.inject({ method: 'GET', url });
        expect(res.statusCode, url).toBe(503);
        expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
        expect(res.body).toContain('npm run build');
        expect(res.headers['content-security-policy']).toBe(url.startsWith('/p/') ? ROOM_CSP : WEB_CSP);
      }
      const api = await bare.inject({ method: 'GET', url: '/api/nothing' });
      expect(api.statusCode).toBe(404);
      expect(api.headers['content-type']).toContain('application/problem+json');
    } finally {
      await bare.close();
    }
  });

  it('looks for the build in web/dist of the checkout by default', () => {
    expect(DEFAULT_WEB_DIR).toBe(path.resolve('web/dist'));
  });
});
