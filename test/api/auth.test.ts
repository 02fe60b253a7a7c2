import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../src/app/auth.ts';
import { addUser } from '../../src/app/users.ts';
import { loggerOptions } from '../../src/http/logging.ts';
import { buildServer } from '../../src/http/server.ts';
import { BACKENDS } from '../helpers/backends.ts';
import { PASSWORD, startTestApp, type TestApp } from '../helpers/app.ts';

describe.each(BACKENDS)('sign-in, sessions and tokens on %s', (backend) => {
  let t: TestApp;
  let email: string;
  beforeAll(async () => {
    t = await startTestApp(backend);
    email = (await t.admin.get('/api/v1/me')).json().user.email;
  });
  afterAll(async () => t.close());

  const login = (body: unknown, headers: Record<string, string> = {}) => t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: body as object, headers });

  it('signs in with e-mail and password and sets an HttpOnly, SameSite=Lax session cookie', async () => {
    const res = await login({ email: email.toUpperCase(), password: PASSWORD });
    expect(res.statusCode).toBe(200);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/^h2h_session=/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie).not.toContain('Secure');
    const value = cookie.split(';')[0]!;
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: value } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ user: { email, role: 'admin' }, org: { name: 'Test AB', locale: 'sv' }, via: 'user' });

    const out = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie: value } });
    expect(out.statusCode).toBe(204);
    const after = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: value } });
    expect(after.statusCode).toBe(401);
    expect(after.json().type).toBe('/api/problems/unauthenticated');
  });

  it('marks the cookie Secure behind TLS', async () => {
    const app = await buildServer({ ctx: t.ctx, trustProxy: true });
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: PASSWORD }, headers: { 'x-forwarded-proto': 'https' } });
    expect(String(res.headers['set-cookie'])).toContain('Secure');
    await app.close();
  });

  it('says only that the e-mail or password is wrong', async () => {
    const wrong = await login({ email, password: 'not the password' }, { 'x-forwarded-for': '1' });
    const unknown = await login({ email: 'nobody@test.example', password: 'whatever1' });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().detail).toBe(unknown.json().detail);
  });

  it('rate-limits failed sign-ins per e-mail, then lets the right password in after the window', async () => {
    const admin = { orgId: t.admin.orgId, userId: t.admin.userId, role: 'admin' as const, kind: 'user' as const };
    const victim = await addUser(t.ctx, admin, { email: `victim-${backend}@test.example`, name: 'V', role: 'seller', password: PASSWORD });
    for (let i = 0; i < 5; i++) expect((await login({ email: victim.email, password: `guess-${i}-xx` })).statusCode).toBe(401);
    const locked = await login({ email: victim.email, password: PASSWORD });
    expect(locked.statusCode).toBe(429);
    expect(locked.json().type).toBe('/api/problems/rate_limited');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    t.clock.advance(16 * 60_000);
    expect((await login({ email: victim.email, password: PASSWORD })).statusCode).toBe(200);
  });

  it('rate-limits failed sign-ins per address across e-mails', async () => {
    const app = await buildServer({ ctx: t.ctx });
    const remoteAddress = '10.9.8.7';
    for (let i = 0; i < 20; i++) {
      await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: `spray${i}@test.example`, password: 'password1' }, remoteAddress });
    }
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: PASSWORD }, remoteAddress });
    expect(res.statusCode).toBe(429);
    const other = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: PASSWORD }, remoteAddress: '10.9.8.8' });
    expect(other.statusCode).toBe(200);
    await app.close();
  });

  it('refuses a disabled user', async () => {
    const seller = await t.admin.post('/api/v1/users', { email: `gone-${backend}@test.example`, name: 'Gone', role: 'seller', password: PASSWORD });
    expect(seller.statusCode).toBe(201);
    expect((await login({ email: `gone-${backend}@test.example`, password: PASSWORD })).statusCode).toBe(200);
    await t.admin.patch(`/api/v1/users/${seller.json().id}`, { disabled: true });
    expect((await login({ email: `gone-${backend}@test.example`, password: PASSWORD })).statusCode).toBe(401);
  });

  it('makes personal API tokens that work as Bearer, are listed without secrets, and can be revoked', async () => {
    const made = await t.admin.post('/api/v1/tokens', { name: 'skript' });
    expect(made.statusCode).toBe(201);
    const { token, id } = made.json();
    expect(token).toMatch(/^h2h_/);
    const auth = { authorization: `Bearer ${token}` };
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: auth })).json().via).toBe('token');
    const list = await t.admin.get('/api/v1/tokens');
    expect(list.body).not.toContain(token.split('.')[1]);
    expect(list.json().items.some((x: { id: string; name: string }) => x.id === id && x.name === 'skript')).toBe(true);
    expect((await t.admin.del(`/api/v1/tokens/${id}`)).statusCode).toBe(204);
    const revoked = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: auth });
    expect(revoked.statusCode).toBe(401);
  });

  it('refuses tampered and unknown tokens', async () => {
    const { token } = await createApiToken(t.ctx, { orgId: t.admin.orgId, userId: t.admin.userId, role: 'admin', kind: 'user' }, 'x');
    for (const bad of [token.slice(0, -2) + 'xx', 'h2h_nonsense', 'Basic abc']) {
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: bad.startsWith('Basic') ? bad : `Bearer ${bad}` } });
      expect(res.statusCode).toBe(401);
    }
  });

  it('keeps passwords, tokens and cookies out of the logs', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const app = await buildServer({ ctx: t.ctx, logger: loggerOptions('trace', stream) });
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: PASSWORD } });
    const cookie = String(res.headers['set-cookie']).split(';')[0]!;
    await app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie, authorization: `Bearer ${t.admin.token}` } });
    await app.close();
    const log = lines.join('');
    expect(log.length).toBeGreaterThan(0);
    expect(log).not.toContain(PASSWORD);
    expect(log).not.toContain(cookie.split('=')[1]);
    expect(log).not.toContain(t.admin.token);
  });

  it('stores passwords as argon2id hashes', async () => {
    const row = await t.ctx.store.db.selectFrom('users').select('password_hash').where('id', '=', t.admin.userId).executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
  });
});
