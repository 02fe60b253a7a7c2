/**
 * Buyers signing in to the room with OpenID Connect (issuer, client id and
 * secret as settings): the verified e-mail names a contact with a live invite.
 * Start and callback are browser navigations, so every outcome is a redirect
 * to the room's page (`/p/`, or `/p/?signin=no_invite|failed`) — except when
 * OIDC is not set up at all, which is a plain 404 problem. A buyer signed in
 * this way may move between the rooms of all their live invites (/rooms).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../app/errors.ts';
import { endPortalSession } from '../../app/portal.ts';
import { PortalOidc, packTransaction, signInByEmail, unpackTransaction, type PortalOidcSettings } from '../../app/portal-oidc.ts';
import { enterRoom, portalRooms } from '../../app/portal-rooms.ts';
import { acceptedLocale } from '../messages.ts';
import type { RouteTable } from '../route.ts';
import { idParams } from '../schemas.ts';
import { baseUrlOf, NEEDS_COOKIE, PORTAL_COOKIE, PORTAL_PREFIX, portalActor, setPortalCookie } from './portal.ts';

/** The login transaction (state, nonce, PKCE verifier) between start and callback. */
export const OIDC_COOKIE = 'h2h_oidc';
/** Like the portal session's: only the portal's routes ever see it. */
const COOKIE_PATH = '/api/portal';
/** Long enough to sign in at the issuer, short enough that a forgotten tab does not keep it. */
const TRANSACTION_SECONDS = 600;

const notSetUp = () => new AppError('not_found', 'Signing in with a company account is not set up here. Open the link in your invitation instead.');

/** Where the issuer sends the browser back: on H2H_PUBLIC_URL when set, else the request's own origin. */
const callbackUrl = (req: FastifyRequest) => `${baseUrlOf(req)}${PORTAL_PREFIX}/oidc/callback`;

function redirect(reply: FastifyReply, to: string): undefined {
  reply.header('location', to);
  reply.header('cache-control', 'no-store');
  return undefined;
}

/** What an identity provider may put on the callback (RFC 6749 §4.1.2, RFC 9207); others (scope, session_state…) are let through. */
const callbackQuery = z.looseObject({
  code: z.string().max(4096).optional(),
  state: z.string().max(4096).optional(),
  iss: z.string().max(4096).optional(),
  error: z.string().max(4096).optional(),
  error_description: z.string().max(4096).optional(),
});

export function portalOidcRoutes(portal: RouteTable, settings?: PortalOidcSettings): void {
  const oidc = settings ? new PortalOidc(settings) : null;

  portal.add({
    method: 'GET',
    url: '/oidc',
    tag: 'portal (buyer)',
    summary: 'Whether buyers may sign in with OIDC here, and the name of the account the sign-in button offers',
    description: '`{enabled: false, name: null}` when OIDC is not set up (H2H_OIDC_ISSUER). `name` is H2H_OIDC_NAME, or "your company account" in the buyer\'s language.',
    auth: 'none',
    handler: async ({ req }) => ({
      enabled: oidc !== null,
      name: oidc ? (oidc.settings.name ?? (acceptedLocale(req) === 'sv' ? 'ditt företagskonto' : 'your company account')) : null,
    }),
  });

  portal.add({
    method: 'GET',
    url: '/oidc/start',
    tag: 'portal (buyer)',
    summary: "Sign in with OIDC: redirects the browser to the identity provider (authorization code flow with PKCE, state and nonce)",
    description:
      'Sets the short-lived cookie `h2h_oidc` (HttpOnly, 10 minutes, Path=/api/portal) holding the login transaction. When the identity provider cannot be reached: 302 to `/p/?signin=failed`. Not set up: 404.',
    auth: 'none',
    status: 302,
    handler: async ({ req, reply }) => {
      if (!oidc) throw notSetUp();
      let begun: Awaited<ReturnType<PortalOidc['begin']>>;
      try {
        begun = await oidc.begin(callbackUrl(req));
      } catch (err) {
        req.log.warn({ err, issuer: oidc.settings.issuer }, 'portal OIDC sign-in could not start: the issuer did not answer its discovery');
        return redirect(reply, '/p/?signin=failed');
      }
      reply.setCookie(OIDC_COOKIE, packTransaction(begun.transaction), { path: COOKIE_PATH, httpOnly: true, sameSite: 'lax', secure: req.protocol === 'https', maxAge: TRANSACTION_SECONDS });
      return redirect(reply, begun.url.href);
    },
  });

  portal.add({
    method: 'GET',
    url: '/oidc/callback',
    tag: 'portal (buyer)',
    summary: 'Where the identity provider sends the browser back: checks the answer and opens the room of the newest live invite for the verified e-mail',
    description:
      'Redirects to `/p/` with the portal session cookie set (as a magic link does; the journey\'s timeline says `portal_joined` the first time). No live invite of a contact with that e-mail: `/p/?signin=no_invite`. A refusal at the provider, a state that does not match the `h2h_oidc` cookie, a failed code exchange or ID token check, or an e-mail the provider has not verified (`email_verified`): `/p/?signin=failed`. Not set up: 404.',
    auth: 'none',
    query: callbackQuery,
    status: 302,
    handler: async ({ req, reply }) => {
      if (!oidc) throw notSetUp();
      const transaction = unpackTransaction(req.cookies[OIDC_COOKIE]);
      // One use only, whatever happens next.
      reply.clearCookie(OIDC_COOKIE, { path: COOKIE_PATH });
      if (!transaction) return redirect(reply, '/p/?signin=failed');
      // The answer's parameters exactly as the provider sent them, on the redirect URI the start named.
      const here = new URL(callbackUrl(req));
      here.search = req.url.includes('?') ? req.url.slice(req.url.indexOf('?')) : '';
      let outcome: Awaited<ReturnType<PortalOidc['complete']>>;
      try {
        outcome = await oidc.complete(here, transaction);
      } catch (err) {
        req.log.warn({ err }, 'portal OIDC sign-in failed');
        return redirect(reply, '/p/?signin=failed');
      }
      if ('refused' in outcome) {
        req.log.warn({ reason: outcome.refused }, 'portal OIDC sign-in refused');
        return redirect(reply, '/p/?signin=failed');
      }
      const session = await signInByEmail(req.server.h2h.ctx, outcome.email);
      if (!session) return redirect(reply, '/p/?signin=no_invite');
      setPortalCookie(req, reply, session);
      return redirect(reply, '/p/');
    },
  });

  portal.add({
    method: 'GET',
    url: '/rooms',
    tag: 'portal (buyer)',
    summary: "The rooms the buyer may move between: after an OIDC sign-in, every journey with a live invite for the verified e-mail; after a magic link, only this one",
    description: `${NEEDS_COOKIE} \`{signedIn, items: [{id, org, journeyTitle, current}]}\`: \`signedIn\` says an OIDC sign-in opened the session; \`id\` is the invite that POST /rooms/{id}/enter opens; the room the session is in has \`current: true\`. Newest invite first, one per journey, in any org.`,
    auth: 'none',
    handler: async ({ req }) => portalRooms(req.server.h2h.ctx, await portalActor(req)),
  });

  portal.add({
    method: 'POST',
    url: '/rooms/:id/enter',
    tag: 'portal (buyer)',
    summary: 'Move into another of the rooms GET /rooms lists: a new portal session for that room, with the same verified e-mail',
    description: `${NEEDS_COOKIE} Ends the session it came from, sets the portal session cookie for the other room and answers \`{expiresAt, journeyId, contact}\` (as POST /sessions). An invite that is not one of the buyer's live invites, or any invite after a magic link (which proves one room only), is 404; the session stays where it was.`,
    auth: 'none',
    params: idParams,
    handler: async ({ params, req, reply }) => {
      const ctx = req.server.h2h.ctx;
      const session = await enterRoom(ctx, await portalActor(req), params.id);
      // The session left behind ends: one browser, one room at a time.
      await endPortalSession(ctx, req.cookies[PORTAL_COOKIE] ?? '');
      setPortalCookie(req, reply, session);
      return { expiresAt: session.expiresAt.toISOString(), journeyId: session.journeyId, contact: session.contact };
    },
  });
}
