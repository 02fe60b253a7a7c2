/** Sign-in, sessions and personal API tokens. Secrets are stored only as SHA-256 hashes. */
import type { Role } from '../domain/vocabulary.ts';
import {
  deleteSession,
  findApiToken,
  findApiTokenByHash,
  findSession,
  findUser,
  findUserByEmailKey,
  insertApiToken,
  insertSession,
  listApiTokens,
  revokeApiToken,
  touchApiToken,
} from '../store/users.ts';
import { type Actor, type AppContext, write } from './context.ts';
import { AppError, notFound } from './errors.ts';
import { emailKey } from '../domain/email.ts';
import { newSecret, sha256, verifyPassword } from './passwords.ts';
import { FailureLimiter } from './rate-limit.ts';

export const SESSION_DAYS = 14;
const FIFTEEN_MINUTES = 15 * 60 * 1000;

export interface LoginLimits {
  perEmail: FailureLimiter;
  perAddress: FailureLimiter;
}

export const defaultLoginLimits = (): LoginLimits => ({
  perEmail: new FailureLimiter(5, FIFTEEN_MINUTES),
  perAddress: new FailureLimiter(20, FIFTEEN_MINUTES),
});

/** A session cookie or API token: `<orgId>.<secret>`, so its lookup starts with org_id. */
const packToken = (orgId: string, secret: string) => `${orgId}.${secret}`;
function unpackToken(token: string): { orgId: string; secret: string } | null {
  const m = /^(?:h2h_)?([0-9a-f-]{36})\.([A-Za-z0-9_-]{20,100})$/.exec(token);
  return m && m[1] && m[2] ? { orgId: m[1], secret: m[2] } : null;
}

export async function login(ctx: AppContext, limits: LoginLimits, input: { email: string; password: string; address: string }) {
  const nowMs = ctx.now().getTime();
  const key = emailKey(input.email);
  const wait = Math.max(limits.perEmail.retryAfter(key, nowMs), limits.perAddress.retryAfter(input.address, nowMs));
  if (wait > 0) {
    throw new AppError('rate_limited', `Too many failed sign-ins. Try again in ${Math.ceil(wait / 60000)} minutes.`, { retryAfterSeconds: Math.ceil(wait / 1000) });
  }
  const user = await findUserByEmailKey(ctx.store.db, key);
  const ok = user !== undefined && user.disabled_at === null && (await verifyPassword(user.password_hash, input.password));
  if (!ok || !user) {
    limits.perEmail.fail(key, nowMs);
    limits.perAddress.fail(input.address, nowMs);
    throw new AppError('invalid_credentials', 'The e-mail or the password is wrong.');
  }
  limits.perEmail.clear(key);
  const secret = newSecret();
  const expires = new Date(nowMs + SESSION_DAYS * 86400_000);
  await write(ctx, { orgId: user.org_id, userId: user.id, role: user.role as Role, kind: 'user' }, async (w) => {
    await insertSession(w.tx, { org_id: user.org_id, token_hash: sha256(secret), user_id: user.id, created_at: w.iso, expires_at: expires.toISOString() });
    await w.audit('session.create', 'user', user.id, null, null);
  });
  return { token: packToken(user.org_id, secret), expiresAt: expires };
}

export async function logout(ctx: AppContext, token: string): Promise<void> {
  const t = unpackToken(token);
  if (t) await deleteSession(ctx.store.db, t.orgId, sha256(t.secret));
}

/** The actor behind a session cookie, or null when it is unknown, expired or its user disabled. */
export async function actorFromSession(ctx: AppContext, token: string): Promise<Actor | null> {
  const t = unpackToken(token);
  if (!t) return null;
  const session = await findSession(ctx.store.db, t.orgId, sha256(t.secret));
  if (!session || session.expires_at <= ctx.now().toISOString()) return null;
  const user = await findUser(ctx.store.db, t.orgId, session.user_id);
  if (!user || user.disabled_at) return null;
  return { orgId: user.org_id, userId: user.id, role: user.role as Role, kind: 'user' };
}

export async function actorFromApiToken(ctx: AppContext, token: string): Promise<Actor | null> {
  const t = unpackToken(token);
  if (!t || !token.startsWith('h2h_')) return null;
  const row = await findApiTokenByHash(ctx.store.db, t.orgId, sha256(t.secret));
  if (!row || row.revoked_at) return null;
  const user = await findUser(ctx.store.db, t.orgId, row.user_id);
  if (!user || user.disabled_at) return null;
  await touchApiToken(ctx.store.db, t.orgId, row.id, ctx.now().toISOString());
  return { orgId: user.org_id, userId: user.id, role: user.role as Role, kind: 'token' };
}

const tokenView = (t: { id: string; name: string; created_at: string; last_used_at: string | null; revoked_at: string | null }) => ({
  id: t.id,
  name: t.name,
  createdAt: t.created_at,
  lastUsedAt: t.last_used_at,
  revoked: t.revoked_at !== null,
});

/** A personal API token for the actor's own user. The secret is shown once, here. */
export async function createApiToken(ctx: AppContext, actor: Actor, name: string) {
  if (!actor.userId) throw new AppError('forbidden', 'Only a user can own an API token.');
  const userId = actor.userId;
  const secret = newSecret();
  return write(ctx, actor, async (w) => {
    const id = w.id();
    const row = { org_id: actor.orgId, id, user_id: userId, name, token_hash: sha256(secret), created_at: w.iso, last_used_at: null, revoked_at: null };
    await insertApiToken(w.tx, row);
    await w.audit('token.create', 'api_token', id, null, { name });
    return { ...tokenView(row), token: `h2h_${packToken(actor.orgId, secret)}` };
  });
}

export async function listOwnApiTokens(ctx: AppContext, actor: Actor) {
  if (!actor.userId) return [];
  return (await listApiTokens(ctx.store.db, actor.orgId, actor.userId)).map(tokenView);
}

export async function revokeOwnApiToken(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  const row = await findApiToken(ctx.store.db, actor.orgId, id);
  if (!row || (row.user_id !== actor.userId && actor.role !== 'admin')) throw notFound('API token');
  await write(ctx, actor, async (w) => {
    await revokeApiToken(w.tx, actor.orgId, id, w.iso);
    await w.audit('token.revoke', 'api_token', id, tokenView(row), { ...tokenView(row), revoked: true });
  });
}

/** Used by the CLI: a token for the user with this e-mail, whatever their org. */
export async function createApiTokenForEmail(ctx: AppContext, email: string, name: string) {
  const user = await findUserByEmailKey(ctx.store.db, emailKey(email));
  if (!user) throw new AppError('not_found', `No user has the e-mail ${email}.`);
  return createApiToken(ctx, { orgId: user.org_id, userId: user.id, role: user.role as Role, kind: 'system' }, name);
}
