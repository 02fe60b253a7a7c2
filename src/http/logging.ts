/** Server logs: JSON lines (pino) with every secret redacted. */
import type { FastifyServerOptions } from 'fastify';

export const REDACT = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'req.body.password',
  'req.body.token',
  '*.password',
  '*.token',
];

/**
 * Addresses that carry a secret in their path: a magic link (/p/<token>), the
 * guest page (/p/g/<token>), a calendar feed and a guest's thread under
 * /api/portal/v1. The log keeps the shape of the address, not the secret.
 */
const SECRET_PATHS: readonly RegExp[] = [
  /^(\/p\/g\/)[^/?#]+/,
  /^(\/p\/)(?!g\/)[^/?#]+/,
  /^(\/api\/portal\/v1\/calendar\/)[^/?#]+/,
  /^(\/api\/portal\/v1\/guest\/)[^/?#]+/,
];

/** Query parameters that carry a secret: the OIDC callback's one-time code and its state. */
const SECRET_PARAMS = /([?&](?:code|state)=)[^&#]*/g;

/** A request's address as the log may keep it: a secret in the path or the query becomes `[redacted]`. */
export function loggableUrl(url: string): string {
  const path = SECRET_PATHS.reduce((u, re) => (re.test(u) ? u.replace(re, '$1[redacted]') : u), url);
  return path.replace(SECRET_PARAMS, '$1[redacted]');
}

interface LoggedRequest {
  method: string;
  url: string;
  host?: string;
  ip?: string;
  socket?: { remotePort?: number } | null;
}

/** Fastify's own request fields (method, url, host, remote address and port), with the url made loggable. */
const serializeRequest = (req: LoggedRequest) => ({
  method: req.method,
  url: loggableUrl(req.url),
  host: req.host,
  remoteAddress: req.ip,
  remotePort: req.socket?.remotePort,
});

export function loggerOptions(level: string, stream?: NodeJS.WritableStream): FastifyServerOptions['logger'] {
  return { level, redact: { paths: REDACT, censor: '[redacted]' }, serializers: { req: serializeRequest }, ...(stream && { stream }) };
}
