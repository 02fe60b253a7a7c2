import { z } from 'zod';
import { createApiToken, listOwnApiTokens, login, logout, revokeOwnApiToken, SESSION_DAYS } from '../../app/auth.ts';
import { getUser } from '../../app/users.ts';
import { findOrg } from '../../store/orgs.ts';
import { SESSION_COOKIE } from '../auth.ts';
import type { RouteTable } from '../route.ts';
import { email, idParams, text } from '../schemas.ts';

export function authRoutes(api: RouteTable): void {
  api.add({
    method: 'POST',
    url: '/auth/login',
    tag: 'auth',
    summary: 'Sign in with e-mail and password; sets the session cookie',
    auth: 'none',
    body: z.strictObject({ email, password: z.string().min(1).max(200) }),
    handler: async ({ body, req, reply }) => {
      const { ctx, limits } = req.server.h2h;
      const session = await login(ctx, limits, { email: body.email, password: body.password, address: req.ip });
      reply.setCookie(SESSION_COOKIE, session.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: req.protocol === 'https',
        maxAge: SESSION_DAYS * 86400,
      });
      return { expiresAt: session.expiresAt.toISOString() };
    },
  });

  api.add({
    method: 'POST',
    url: '/auth/logout',
    tag: 'auth',
    summary: 'Sign out: ends the session',
    auth: 'none',
    status: 204,
    handler: async ({ req, reply }) => {
      const cookie = req.cookies[SESSION_COOKIE];
      if (cookie) await logout(req.server.h2h.ctx, cookie);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
    },
  });

  api.add({
    method: 'GET',
    url: '/me',
    tag: 'auth',
    summary: 'The signed-in user and their org',
    handler: async ({ actor, req, locale }) => {
      const ctx = req.server.h2h.ctx;
      const org = await findOrg(ctx.store.db, actor.orgId);
      const user = await getUser(ctx, actor, actor.userId ?? '');
      return { user, org: org ? { id: org.id, name: org.name, locale: org.locale, timeZone: org.time_zone } : null, locale, via: actor.kind };
    },
  });

  api.add({
    method: 'POST',
    url: '/tokens',
    tag: 'auth',
    summary: 'Create a personal API token; the token is shown only in this answer',
    body: z.strictObject({ name: text(100) }),
    status: 201,
    handler: ({ body, actor, req }) => createApiToken(req.server.h2h.ctx, actor, body.name.trim()),
  });

  api.add({
    method: 'GET',
    url: '/tokens',
    tag: 'auth',
    summary: 'Your API tokens (never their secrets)',
    handler: async ({ actor, req }) => ({ items: await listOwnApiTokens(req.server.h2h.ctx, actor) }),
  });

  api.add({
    method: 'DELETE',
    url: '/tokens/:id',
    tag: 'auth',
    summary: 'Revoke an API token',
    params: idParams,
    status: 204,
    handler: ({ params, actor, req }) => revokeOwnApiToken(req.server.h2h.ctx, actor, params.id),
  });
}
