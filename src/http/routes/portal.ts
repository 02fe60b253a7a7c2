/**
 * The buyer's room over HTTP. Sellers invite under /api/v1; buyers use
 * /api/portal/v1 with their own cookie, `h2h_portal`. The two never mix: the
 * portal reads only its cookie (no seller session, no API token), and the
 * seller routes never read it — it is not even sent to them (path /api/portal).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../app/errors.ts';
import {
  endPortalSession,
  inviteToPortal,
  listPortalInvites,
  portalAcceptQuote,
  portalActorFromSession,
  portalRoom,
  portalViewQuote,
  redeemMagicLink,
  revokePortalInvite,
  type PortalActor,
  type PortalLimits,
} from '../../app/portal.ts';
import type { Locale } from '../../domain/process.ts';
import { findOrg } from '../../store/orgs.ts';
import { SIGN_IN_LINK_MINUTES, takeLinkRequest } from '../../app/portal-link-requests.ts';
import { acceptedLocale, translate } from '../messages.ts';
import type { RouteTable } from '../route.ts';
import { email, id, idParams } from '../schemas.ts';

export const PORTAL_COOKIE = 'h2h_portal';
export const PORTAL_PREFIX = '/api/portal/v1';
const COOKIE_PATH = '/api/portal';

declare module 'fastify' {
  interface FastifyInstance {
    /** `publicUrl`: where people open H2H, for links in mail (H2H_PUBLIC_URL); unset, the request's own */
    h2hPortal: { limits: PortalLimits; publicUrl?: string | undefined };
  }
}

/** Where people open H2H, for links in mail: H2H_PUBLIC_URL, else the origin of the request. */
export const baseUrlOf = (req: FastifyRequest): string => req.server.h2hPortal.publicUrl ?? `${req.protocol}://${req.host}`;

export const NEEDS_COOKIE = 'Needs the portal session cookie `h2h_portal` that POST /api/portal/v1/sessions sets; seller sessions and API tokens are not accepted.';

/** The buyer behind the request's portal cookie; nothing else lets one in. */
export async function portalActor(req: FastifyRequest): Promise<PortalActor> {
  const cookie = req.cookies[PORTAL_COOKIE];
  const actor = cookie ? await portalActorFromSession(req.server.h2h.ctx, cookie) : null;
  if (!actor) throw new AppError('unauthenticated', 'Open the link in your invitation to enter the room.');
  return actor;
}

/** Sets the portal session cookie (a magic link's or an OIDC sign-in's): HttpOnly, SameSite=Lax, Secure behind TLS, sent only to /api/portal, until the session ends. */
export function setPortalCookie(req: FastifyRequest, reply: FastifyReply, session: { token: string; expiresAt: Date }): void {
  reply.setCookie(PORTAL_COOKIE, session.token, {
    path: COOKIE_PATH,
    httpOnly: true,
    sameSite: 'lax',
    secure: req.protocol === 'https',
    maxAge: Math.max(1, Math.floor((session.expiresAt.getTime() - req.server.h2h.ctx.now().getTime()) / 1000)),
  });
}

/** The buyer's language: Accept-Language when it names sv or en, else the seller's org's. */
export async function roomLocale(req: FastifyRequest, orgId: string): Promise<Locale> {
  const asked = acceptedLocale(req);
  if (asked) return asked;
  const org = await findOrg(req.server.h2h.ctx.store.db, orgId);
  return org?.locale === 'en' ? 'en' : 'sv';
}

const inviteId = z.strictObject({ id });

/** The seller's side, under /api/v1: invite, list, revoke. */
export function portalInviteRoutes(api: RouteTable): void {
  api.add({
    method: 'POST',
    url: '/journeys/:id/portal-invites',
    tag: 'portal',
    summary: "Invite a contact of the journey's account into its room: the magic link (`link`, a path `/p/…`) is in this answer only; it works for 30 days",
    description:
      'When mail is on (H2H_SMTP_URL) and the contact has an e-mail, the full link is mailed to them in the org\'s language after the invite is made: `mailed` says whether it went, `mailError` why not (the invite stands; pass the link on). Rate limited: 50 invitations per user an hour (429 with Retry-After).',
    params: idParams,
    body: z.strictObject({ contactId: id }),
    status: 201,
    handler: async ({ params, body, actor, req }) => {
      const made = await inviteToPortal(req.server.h2h.ctx, actor, req.server.h2hPortal.limits, params.id, body, { baseUrl: baseUrlOf(req) });
      if (!made.mailError) return made;
      req.log.warn({ inviteId: made.id, journeyId: made.journeyId, mailError: made.mailError }, 'portal invitation mail failed');
      return { ...made, mailError: translate(made.mailError, acceptedLocale(req) ?? 'en') };
    },
  });

  api.add({
    method: 'GET',
    url: '/journeys/:id/portal-invites',
    tag: 'portal',
    summary: "Who was invited to the journey's room, newest first: each invite's state (pending, used, expired, revoked); never the links",
    params: idParams,
    handler: ({ params, actor, req }) => listPortalInvites(req.server.h2h.ctx, actor, params.id),
  });

  api.add({
    method: 'POST',
    url: '/portal-invites/:id/revoke',
    tag: 'portal',
    summary: 'Withdraw an invite: its link stops working and the sessions it opened end at once',
    params: inviteId,
    handler: ({ params, actor, req }) => revokePortalInvite(req.server.h2h.ctx, actor, params.id),
  });
}

/** The buyer's side, under /api/portal/v1. */
export function portalRoutes(portal: RouteTable): void {
  portal.add({
    method: 'POST',
    url: '/sessions',
    tag: 'portal (buyer)',
    summary: 'Open a magic link: sets the portal session cookie for its journey and contact',
    description:
      'Send the link\'s token (what follows `/p/`). Unknown or tampered: 401 portal_link_invalid; expired: 410 portal_link_expired; withdrawn: 410 portal_link_revoked. An invitation\'s link may be opened again until it expires; a link the buyer asked for by e-mail (POST /link-requests) works once, within an hour, and after that is 410 portal_link_spent. Rate limited: 30 attempts per address in 15 minutes.',
    auth: 'none',
    body: z.strictObject({ token: z.string().min(1).max(200) }),
    status: 201,
    handler: async ({ body, req, reply }) => {
      const session = await redeemMagicLink(req.server.h2h.ctx, req.server.h2hPortal.limits, body.token, req.ip);
      setPortalCookie(req, reply, session);
      return { expiresAt: session.expiresAt.toISOString(), journeyId: session.journeyId, contact: session.contact };
    },
  });

  portal.add({
    method: 'POST',
    url: '/sessions/end',
    tag: 'portal (buyer)',
    summary: 'Leave the room: ends the portal session',
    auth: 'none',
    status: 204,
    handler: async ({ req, reply }) => {
      const cookie = req.cookies[PORTAL_COOKIE];
      if (cookie) await endPortalSession(req.server.h2h.ctx, cookie);
      reply.clearCookie(PORTAL_COOKIE, { path: COOKIE_PATH });
    },
  });

  portal.add({
    method: 'GET',
    url: '/link-requests',
    tag: 'portal (buyer)',
    summary: 'Whether a buyer may ask for a link to their rooms by e-mail here (mail is set up)',
    description: '`{enabled}`: true when H2H sends mail (H2H_SMTP_URL).',
    auth: 'none',
    handler: async ({ req }) => ({ enabled: req.server.h2h.ctx.mailer !== undefined }),
  });

  portal.add({
    method: 'POST',
    url: '/link-requests',
    tag: 'portal (buyer)',
    summary: 'Ask for a link by e-mail: one mail with a link into each room the e-mail is invited to, each usable once within an hour',
    description: `Answers 202 \`{email}\` whether or not the e-mail has a room, so nobody learns who is invited where. A link opens its room as an invitation's does (POST /sessions), once, within ${SIGN_IN_LINK_MINUTES} minutes, and only while the invite is live; used again or later: 410 portal_link_spent. Rate limited: 10 requests per address in 15 minutes, 3 per e-mail an hour (429). Mail not set up: 404.`,
    auth: 'none',
    body: z.strictObject({ email }),
    status: 202,
    handler: async ({ body, req }) => {
      const taken = takeLinkRequest(req.server.h2h.ctx, req.server.h2hPortal.limits, body, { address: req.ip, locale: acceptedLocale(req), baseUrl: baseUrlOf(req) });
      // After the answer: its timing must not tell whether the e-mail has a room.
      setImmediate(() => {
        taken.send().then(
          (done) => done.mailError && req.log.warn({ rooms: done.rooms, reason: done.mailError }, 'portal link request: the mail could not be sent'),
          (err: unknown) => req.log.error({ err }, 'portal link request failed'),
        );
      });
      return { email: taken.email };
    },
  });

  portal.add({
    method: 'GET',
    url: '/room',
    tag: 'portal (buyer)',
    summary: "The room: the journey's stage path in the buyer's words, what is done and next, the plan, the buying group, and the sent quotes with their priced lines",
    description: NEEDS_COOKIE,
    auth: 'none',
    handler: async ({ req }) => {
      const p = await portalActor(req);
      return portalRoom(req.server.h2h.ctx, p, acceptedLocale(req));
    },
  });

  portal.add({
    method: 'POST',
    url: '/quotes/:id/view',
    tag: 'portal (buyer)',
    summary: "Record that the buyer opened a quote of the room: the journey's price_explained is met",
    description: NEEDS_COOKIE,
    auth: 'none',
    params: idParams,
    handler: async ({ params, req }) => portalViewQuote(req.server.h2h.ctx, await portalActor(req), params.id),
  });

  portal.add({
    method: 'POST',
    url: '/quotes/:id/accept',
    tag: 'portal (buyer)',
    summary: "Accept a quote of the room in the buyer's own name; `consent` is the multiple shown when the quote asks for it",
    description: `${NEEDS_COOKIE} Without the right multiple where consent is asked: 422; an expired, declined or accepted quote: 409.`,
    auth: 'none',
    params: idParams,
    body: z.strictObject({ consent: z.string().max(20).nullish() }),
    handler: async ({ params, body, req }) => portalAcceptQuote(req.server.h2h.ctx, await portalActor(req), params.id, body),
  });
}
