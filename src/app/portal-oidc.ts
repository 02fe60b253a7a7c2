/**
 * Buyers signing in to the room with OpenID Connect (DESIGN §5): instead of
 * opening their magic link, a buyer signs in at their company's identity
 * provider. H2H is the relying party (openid-client): authorization code flow
 * with PKCE (S256), state and nonce. The issuer vouches for an e-mail; only a
 * verified one (`email_verified`) counts, and it opens the room of the newest
 * live invite of a contact with that e-mail — the same portal session a magic
 * link makes (openPortalSession). No invite, no room: OIDC never lets in
 * someone the seller did not invite.
 */
import * as client from 'openid-client';
import { emailKey } from '../domain/email.ts';
import type { AppContext } from './context.ts';
import { openPortalSession } from './portal.ts';
import { liveRooms } from './portal-rooms.ts';

export interface PortalOidcSettings {
  /** the issuer identifier (H2H_OIDC_ISSUER): https, or plain http for an issuer on loopback */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** what the sign-in button names (H2H_OIDC_NAME); unset, "your company account" in the buyer's language */
  name?: string | undefined;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Whether the issuer may be spoken to over plain http: only on this machine
 * (a local identity provider, the tests'). Anything else must be https, where
 * openid-client insists on it anyway.
 */
export const isLoopbackHttp = (url: URL): boolean => url.protocol === 'http:' && LOOPBACK.has(url.hostname);

/** What the buyer's browser carries between the start and the callback: all three are single-use randoms. */
export interface LoginTransaction {
  state: string;
  nonce: string;
  /** the PKCE code verifier; the issuer saw only its S256 challenge */
  verifier: string;
}

const PART = /^[A-Za-z0-9_-]{22,128}$/;

export const packTransaction = (t: LoginTransaction): string => `${t.state}.${t.nonce}.${t.verifier}`;

/** The transaction from its cookie, or null when it is missing or not one of ours. */
export function unpackTransaction(value: string | undefined): LoginTransaction | null {
  const [state, nonce, verifier, ...rest] = (value ?? '').split('.');
  if (rest.length > 0 || !state || !nonce || !verifier || ![state, nonce, verifier].every((p) => PART.test(p))) return null;
  return { state, nonce, verifier };
}

/** Why a sign-in that the issuer completed still does not open the room. */
export type OidcRefusal = 'no_email' | 'email_unverified';

/** One configured issuer and client. Discovery happens on first use, so H2H starts even while the issuer is down. */
export class PortalOidc {
  readonly issuer: URL;
  private discovered: Promise<client.Configuration> | null = null;

  constructor(readonly settings: PortalOidcSettings) {
    this.issuer = new URL(settings.issuer);
    if (this.issuer.protocol !== 'https:' && !isLoopbackHttp(this.issuer)) throw new Error(`portal OIDC: the issuer ${settings.issuer} is not https (plain http is allowed only on 127.0.0.1 or localhost)`);
  }

  /** The issuer's metadata, fetched once; a failed fetch is tried again next time. */
  private configuration(): Promise<client.Configuration> {
    this.discovered ??= client
      .discovery(this.issuer, this.settings.clientId, undefined, client.ClientSecretBasic(this.settings.clientSecret), {
        timeout: 10,
        // openid-client speaks only https unless told; the constructor allowed plain http for loopback alone.
        ...(isLoopbackHttp(this.issuer) && { execute: [client.allowInsecureRequests] }),
      })
      .catch((err: unknown) => {
        this.discovered = null;
        throw err;
      });
    return this.discovered;
  }

  /** Where to send the buyer's browser, and what it must bring back (kept in a short-lived cookie). */
  async begin(redirectUri: string): Promise<{ url: URL; transaction: LoginTransaction }> {
    const config = await this.configuration();
    const transaction = { state: client.randomState(), nonce: client.randomNonce(), verifier: client.randomPKCECodeVerifier() };
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: 'openid email profile',
      state: transaction.state,
      nonce: transaction.nonce,
      code_challenge: await client.calculatePKCECodeChallenge(transaction.verifier),
      code_challenge_method: 'S256',
    });
    return { url, transaction };
  }

  /**
   * Checks the issuer's answer at `callbackUrl` against the transaction (state,
   * then the code exchanged with the PKCE verifier, the ID token's signature,
   * audience and nonce) and returns the e-mail it vouches for. E-mail claims
   * missing from the ID token are asked of the userinfo endpoint, for the same
   * subject. Throws when the issuer refused or anything does not check out.
   */
  async complete(callbackUrl: URL, t: LoginTransaction): Promise<{ email: string } | { refused: OidcRefusal }> {
    const config = await this.configuration();
    const tokens = await client.authorizationCodeGrant(config, callbackUrl, { pkceCodeVerifier: t.verifier, expectedState: t.state, expectedNonce: t.nonce });
    const idToken = tokens.claims();
    if (!idToken) throw new Error('the issuer sent no ID token');
    let claims: Record<string, unknown> = { ...idToken };
    if ((claims.email === undefined || claims.email_verified === undefined) && config.serverMetadata().userinfo_endpoint) {
      claims = { ...claims, ...(await client.fetchUserInfo(config, tokens.access_token, idToken.sub)) };
    }
    const email = typeof claims.email === 'string' ? claims.email.trim() : '';
    if (!email) return { refused: 'no_email' };
    // Some issuers send the flag as the string "true"; anything else is not a verified e-mail.
    if (claims.email_verified !== true && claims.email_verified !== 'true') return { refused: 'email_unverified' };
    return { email };
  }
}

/**
 * Opens the room for a verified e-mail: a portal session for the newest live
 * invite (not revoked, not expired) of a contact with that e-mail, in any org.
 * Null when there is none.
 */
export async function signInByEmail(ctx: AppContext, email: string) {
  for (const room of await liveRooms(ctx, emailKey(email))) {
    const session = await openPortalSession(ctx, room.invite, { via: 'oidc', email });
    if (session) return session;
  }
  return null;
}
