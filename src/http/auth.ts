/** Who is calling: a session cookie or a personal API token, and in which language. */
import type { FastifyRequest } from 'fastify';
import { actorFromApiToken, actorFromSession, type LoginLimits } from '../app/auth.ts';
import type { Actor, AppContext } from '../app/context.ts';
import type { LiveHub } from '../app/live.ts';
import { AppError } from '../app/errors.ts';
import type { Locale } from '../domain/process.ts';
import { findOrg } from '../store/orgs.ts';
import { acceptedLocale } from './messages.ts';
import type { EventStreams } from './sse.ts';

export const SESSION_COOKIE = 'h2h_session';

export interface HttpDeps {
  ctx: AppContext;
  limits: LoginLimits;
  live: { hub: LiveHub; streams: EventStreams; heartbeatMs: number };
  /** where uploaded import files wait while they are imported */
  uploadDir: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    h2h: HttpDeps;
  }
  interface FastifyRequest {
    h2hActor?: Actor;
  }
}

export async function requestActor(req: FastifyRequest): Promise<Actor> {
  if (req.h2hActor) return req.h2hActor;
  const { ctx } = req.server.h2h;
  const header = req.headers.authorization;
  let actor: Actor | null;
  if (header !== undefined) {
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    actor = m?.[1] ? await actorFromApiToken(ctx, m[1]) : null;
    if (!actor) throw new AppError('unauthenticated', 'The API token is unknown, revoked or malformed. Create one with POST /api/v1/tokens or `h2h token create`.');
  } else {
    const cookie = req.cookies[SESSION_COOKIE];
    actor = cookie ? await actorFromSession(ctx, cookie) : null;
    if (!actor) throw new AppError('unauthenticated', 'Sign in with POST /api/v1/auth/login, or send an API token as "Authorization: Bearer …".');
  }
  req.h2hActor = actor;
  return actor;
}

/**
 * Whether the caller's session or token still holds: a long-lived stream asks
 * now and then, so that signing out (or an expired session) ends it.
 */
export async function stillSignedIn(req: FastifyRequest): Promise<boolean> {
  req.h2hActor = undefined;
  try {
    await requestActor(req);
    return true;
  } catch (err) {
    if (err instanceof AppError && err.code === 'unauthenticated') return false;
    throw err;
  }
}

/** The caller's language: Accept-Language when it names sv or en, else the org's locale. */
export async function requestLocale(req: FastifyRequest, actor: Actor): Promise<Locale> {
  const asked = acceptedLocale(req);
  if (asked) return asked;
  if (!actor.orgId) return 'en';
  const org = await findOrg(req.server.h2h.ctx.store.db, actor.orgId);
  return org?.locale === 'en' ? 'en' : 'sv';
}
