/**
 * The HTTP server: built without listening, so tests can inject requests
 * and the CLI can listen on a port.
 */
import os from 'node:os';
import path from 'node:path';
import cookie from '@fastify/cookie';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { defaultLoginLimits, type LoginLimits } from '../app/auth.ts';
import type { AppContext } from '../app/context.ts';
import { AppError, ERRORS, type ErrorCode } from '../app/errors.ts';
import { attachHub, LiveHub } from '../app/live.ts';
import { defaultPortalLimits, type PortalLimits } from '../app/portal.ts';
import type { PortalOidcSettings } from '../app/portal-oidc.ts';
import { endUnusedConnectionsOnClose } from './closing.ts';
import { ROOM_CSP, SECURITY_HEADERS, WEB_CSP } from './headers.ts';
import { docsPage, openApiDocument } from './openapi.ts';
import { sendProblem } from './problem.ts';
import { RouteTable } from './route.ts';
import { accountRoutes } from './routes/accounts.ts';
import { auditRoutes } from './routes/audit.ts';
import { authRoutes } from './routes/auth.ts';
import { caseRoutes } from './routes/cases.ts';
import { exportRoutes } from './routes/exports.ts';
import { importRoutes } from './routes/imports.ts';
import { journeyRoutes } from './routes/journeys.ts';
import { loyaltyRoutes } from './routes/loyalty.ts';
import { orderRoutes } from './routes/orders.ts';
import { PORTAL_PREFIX, portalInviteRoutes, portalRoutes } from './routes/portal.ts';
import { portalDialogueRoutes } from './routes/portal-dialogue.ts';
import { portalOidcRoutes } from './routes/portal-oidc.ts';
import { portalRoomRoutes } from './routes/portal-room.ts';
import { pricingRoutes } from './routes/pricing.ts';
import { productRoutes } from './routes/products.ts';
import { quoteRoutes } from './routes/quotes.ts';
import { liveRoutes } from './routes/live.ts';
import { templateRoutes } from './routes/templates.ts';
import { todayRoutes } from './routes/today.ts';
import { userRoutes } from './routes/users.ts';
import { EventStreams } from './sse.ts';
import { DEFAULT_WEB_DIR, isApiPath, isRoomPath, registerWebApp } from './web.ts';

export const BODY_LIMIT = 1024 * 1024;

export interface ServerOptions {
  ctx: AppContext;
  logger?: FastifyServerOptions['logger'];
  /** X-Forwarded-* hops to believe (Fastify's trustProxy): none, all, the last n, or those from these addresses */
  trustProxy?: boolean | number | string[];
  limits?: LoginLimits;
  /** rate limits of portal invitations and magic links; default 50 invitations per user an hour, 30 links per address in 15 minutes */
  portalLimits?: PortalLimits;
  /** where people open H2H (H2H_PUBLIC_URL), for links in mail; default the request's protocol and host */
  publicUrl?: string | undefined;
  /** the built web app (index.html, assets/); default `<repo>/web/dist` */
  webDir?: string;
  /** where live updates are published; default a new in-process hub fed by ctx.onCommit */
  liveHub?: LiveHub;
  /** where uploaded import files are kept; default a folder in the system's temporary directory */
  uploadDir?: string;
  /** how often an idle event stream sends a comment line; default 25 s */
  heartbeatMs?: number;
  /** buyers may sign in to the room with this OpenID Connect issuer and client (H2H_OIDC_*); unset, only magic links let them in */
  portalOidc?: PortalOidcSettings | undefined;
}

const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'malformed_json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'malformed_json',
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'bad_request',
};

/** Fastify's trustProxy; a count of proxies believes the last n hops (proxy-addr counts hops from the socket). */
function trustedHops(trust: ServerOptions['trustProxy']): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (typeof trust !== 'number') return trust ?? false;
  return (_address, hop) => hop < trust;
}

export async function buildServer(opts: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: BODY_LIMIT,
    trustProxy: trustedHops(opts.trustProxy),
    // Never let a client see our internals; we write our own error bodies.
    return503OnClosing: true,
    // Errors the router raises before any route runs (an over-long id, a broken URL).
    frameworkErrors: (err, _req, reply) => {
      const tooLong = (err as FastifyError).code === 'FST_ERR_MAX_PARAM_LENGTH';
      void sendProblem(reply, tooLong ? new AppError('not_found', 'Nothing in your organisation has that id.') : new AppError('bad_request', 'The address could not be read.'));
    },
  });
  // Live updates: every committed change also goes to the hub, after whatever listened before.
  const hub = opts.liveHub ?? new LiveHub();
  const detachHub = attachHub(opts.ctx, hub);
  const streams = new EventStreams();
  app.decorate('h2h', {
    ctx: opts.ctx,
    limits: opts.limits ?? defaultLoginLimits(),
    live: { hub, streams, heartbeatMs: opts.heartbeatMs ?? 25_000 },
    uploadDir: opts.uploadDir ?? path.join(os.tmpdir(), 'h2h-uploads'),
  });
  app.decorate('h2hPortal', { limits: opts.portalLimits ?? defaultPortalLimits(), publicUrl: opts.publicUrl?.replace(/\/+$/, '') });
  // An open event stream is never idle, so the HTTP server would wait for it forever: end them first.
  app.addHook('preClose', async () => streams.endAll());
  endUnusedConnectionsOnClose(app);
  app.addHook('onClose', async () => detachHub());
  await app.register(cookie);
  // JSON only: no text/plain bodies, so a cross-site form cannot post to us.
  app.removeContentTypeParser('text/plain');

  app.addHook('onSend', async (req, reply, payload) => {
    reply.headers(SECURITY_HEADERS);
    // The web app's pages run its own scripts; everything else (JSON, the API docs, files) allows none.
    if (!isApiPath(req.url) && String(reply.getHeader('content-type') ?? '').startsWith('text/html')) reply.header('content-security-policy', isRoomPath(req.url) ? ROOM_CSP : WEB_CSP);
    return payload;
  });

  app.setErrorHandler((err: FastifyError | AppError | Error, req, reply) => {
    if (err instanceof AppError) return sendProblem(reply, err);
    const fastifyErr = err as FastifyError;
    const mapped = fastifyErr.code ? FASTIFY_CODES[fastifyErr.code] : undefined;
    if (mapped) {
      const detail =
        mapped === 'malformed_json'
          ? 'The body is not valid JSON. Send a JSON object with Content-Type: application/json.'
          : mapped === 'payload_too_large'
            ? `The body is larger than ${BODY_LIMIT} bytes.`
            : mapped === 'unsupported_media_type'
              ? `H2H reads only application/json bodies, not ${req.headers['content-type'] ?? 'this'}.`
              : fastifyErr.message;
      return sendProblem(reply, new AppError(mapped, detail));
    }
    if (typeof fastifyErr.statusCode === 'number' && fastifyErr.statusCode >= 400 && fastifyErr.statusCode < 500) {
      return sendProblem(reply, new AppError('bad_request', 'The request could not be read.'));
    }
    req.log.error({ err }, 'unhandled error');
    return sendProblem(reply, new AppError('internal', 'Something went wrong on our side; it has been logged. Nothing was changed.'));
  });

  const page = await registerWebApp(app, opts.webDir ?? DEFAULT_WEB_DIR);
  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0] ?? '';
    // Any other page address belongs to the web app, which routes on the client; a missing file under /assets/ stays missing.
    if ((req.method === 'GET' || req.method === 'HEAD') && !isApiPath(path) && !path.startsWith('/assets/')) return page(req, reply);
    return sendProblem(reply, new AppError('not_found', `There is no ${req.method} ${path} here.`));
  });

  app.get('/api/health', async (_req, reply) => {
    try {
      await opts.ctx.store.db.selectFrom('orgs').select('id').limit(1).execute();
      return { status: 'ok', database: opts.ctx.store.dialect };
    } catch {
      return sendProblem(reply, new AppError('unavailable', 'The database does not answer.'));
    }
  });

  const api = new RouteTable(app, '/api/v1');
  authRoutes(api);
  userRoutes(api);
  accountRoutes(api);
  templateRoutes(api);
  journeyRoutes(api);
  liveRoutes(api);
  todayRoutes(api);
  auditRoutes(api);
  importRoutes(api);
  orderRoutes(api);
  loyaltyRoutes(api);
  productRoutes(api);
  pricingRoutes(api);
  quoteRoutes(api);
  exportRoutes(api);
  portalInviteRoutes(api);
  // The buyer's room: its own prefix and its own cookie (routes/portal.ts).
  const portal = new RouteTable(app, PORTAL_PREFIX);
  portalRoutes(portal);
  portalRoomRoutes(portal, api);
  portalDialogueRoutes(portal, api);
  caseRoutes(portal, api);
  portalOidcRoutes(portal, opts.portalOidc);

  const doc = openApiDocument([...api.routes, ...portal.routes]);
  const docsHtml = docsPage(doc);
  app.get('/api/openapi.json', async () => doc);
  app.get('/api/docs', async (_req, reply) => reply.type('text/html; charset=utf-8').send(docsHtml));
  app.get<{ Params: { code: string } }>('/api/problems/:code', async (req, reply) => {
    const code = req.params.code as ErrorCode;
    if (!(code in ERRORS)) return sendProblem(reply, new AppError('not_found', `There is no problem type "${req.params.code}".`));
    return { type: `/api/problems/${code}`, ...ERRORS[code] };
  });

  return app;
}
