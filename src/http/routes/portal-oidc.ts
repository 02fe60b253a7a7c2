/**
 * Buyers signing in to the room with OpenID Connect (issuer, client id and
 * secret as settings): the verified e-mail names a contact with a live invite.
 */
import type { FastifyInstance } from 'fastify';

export async function portalOidcRoutes(_app: FastifyInstance): Promise<void> {}
