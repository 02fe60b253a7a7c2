/**
 * Routes are declared once with zod schemas: the same schemas validate each
 * request, type its handler and describe it in the OpenAPI document.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Actor } from '../app/context.ts';
import type { Locale } from '../domain/process.ts';
import { requestActor, requestLocale } from './auth.ts';
import { AppError, invalid } from '../app/errors.ts';
import { acceptedLocale, zodSwedish } from './messages.ts';
import { validationError } from './problem.ts';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
const EMPTY = z.strictObject({});
type Empty = typeof EMPTY;

export interface RouteSpec<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> {
  method: Method;
  url: string;
  tag: string;
  summary: string;
  description?: string;
  /** `none`: anyone may call it; default: a signed-in user or API token */
  auth?: 'none' | 'user';
  params?: P;
  query?: Q;
  body?: B;
  /** status on success; 204 sends no body */
  status?: number;
  response?: z.ZodType;
  handler(input: RouteInput<z.output<P>, z.output<Q>, z.output<B>>): Promise<unknown>;
}

export interface RouteInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  actor: Actor;
  locale: Locale;
  req: FastifyRequest;
  reply: FastifyReply;
}

export interface RegisteredRoute {
  method: Method;
  url: string;
  tag: string;
  summary: string;
  description?: string | undefined;
  auth: 'none' | 'user';
  params: z.ZodType;
  query: z.ZodType;
  body: z.ZodType | undefined;
  status: number;
  response: z.ZodType | undefined;
  /** the media type of a successful answer */
  produces: string;
  /** media types of a raw (non-JSON) request body, for uploads */
  consumes?: readonly string[] | undefined;
}

/**
 * A POST whose body is a file, not JSON: the handler gets the body as a stream
 * and reads it as it arrives, so a file of any size is never held in memory.
 * Only media types a cross-site form cannot send are taken (`text/csv`,
 * `application/octet-stream` need a CORS preflight, which H2H never grants).
 */
export interface UploadSpec<Q extends z.ZodType> {
  url: string;
  tag: string;
  summary: string;
  description?: string;
  query?: Q;
  consumes: readonly string[];
  /** status on success */
  status: number | ((result: unknown) => number);
  response?: z.ZodType;
  handler(input: RouteInput<Record<string, never>, z.output<Q>, AsyncIterable<Buffer>>): Promise<unknown>;
}

/**
 * A documented route whose answer is not JSON (an event stream, say): params
 * and query are validated and the caller authenticated as for every route,
 * then the handler takes over the reply (reply.hijack()) and writes it itself.
 */
export interface StreamSpec<P extends z.ZodType, Q extends z.ZodType> {
  url: string;
  tag: string;
  summary: string;
  description?: string;
  params?: P;
  query?: Q;
  /** `none`: the handler finds the caller itself (the buyer's room, a calendar feed's token); default: a signed-in user or API token */
  auth?: 'none' | 'user';
  /** the media type the handler answers with, for the OpenAPI document */
  produces: string;
  handler(input: RouteInput<z.output<P>, z.output<Q>, Record<string, never>>): Promise<void>;
}

/** Collects routes for one prefix, and registers them on the server. */
export class RouteTable {
  readonly routes: RegisteredRoute[] = [];

  constructor(
    private readonly app: FastifyInstance,
    readonly prefix: string,
  ) {}

  add<P extends z.ZodType = Empty, Q extends z.ZodType = Empty, B extends z.ZodType = Empty>(spec: RouteSpec<P, Q, B>): void {
    const params = spec.params ?? EMPTY;
    const query = spec.query ?? EMPTY;
    const status = spec.status ?? 200;
    const auth = spec.auth ?? 'user';
    this.routes.push({
      method: spec.method,
      url: this.prefix + spec.url,
      tag: spec.tag,
      summary: spec.summary,
      description: spec.description,
      auth,
      params,
      query,
      body: spec.body,
      status,
      response: spec.response,
      produces: 'application/json',
    });
    this.app.route({
      method: spec.method,
      url: this.prefix + spec.url,
      handler: async (req, reply) => {
        const input = await readInput(req, reply, { params, query, body: spec.body, auth });
        const result = await spec.handler(input as RouteInput<z.output<P>, z.output<Q>, z.output<B>>);
        if (status === 204) return reply.code(204).send();
        return reply.code(status).send(result);
      },
    });
  }

  /** A POST that takes a file as its body; see UploadSpec. */
  upload<Q extends z.ZodType = Empty>(spec: UploadSpec<Q>): void {
    const query = spec.query ?? EMPTY;
    const status = typeof spec.status === 'number' ? spec.status : 201;
    this.routes.push({
      method: 'POST',
      url: this.prefix + spec.url,
      tag: spec.tag,
      summary: spec.summary,
      description: spec.description,
      auth: 'user',
      params: EMPTY,
      query,
      body: undefined,
      status,
      response: spec.response,
      produces: 'application/json',
      consumes: spec.consumes,
    });
    const url = this.prefix + spec.url;
    // Its own plugin context: only this route reads these media types, and as a stream.
    void this.app.register(async (child) => {
      child.addContentTypeParser([...spec.consumes], (_req, payload, done) => done(null, payload));
      child.route({
        method: 'POST',
        url,
        handler: async (req, reply) => {
          const type = String(req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
          if (!spec.consumes.includes(type)) throw new AppError('unsupported_media_type', `Send the file as ${spec.consumes.join(' or ')}.`);
          const input = await readInput(req, reply, { params: EMPTY, query, body: undefined, auth: 'user', raw: true });
          const result = await spec.handler({ ...input, params: {}, body: req.body as AsyncIterable<Buffer> } as RouteInput<Record<string, never>, z.output<Q>, AsyncIterable<Buffer>>);
          return reply.code(typeof spec.status === 'number' ? spec.status : spec.status(result)).send(result);
        },
      });
    });
  }

  /** A GET route that answers with something other than JSON; see StreamSpec. */
  stream<P extends z.ZodType = Empty, Q extends z.ZodType = Empty>(spec: StreamSpec<P, Q>): void {
    const params = spec.params ?? EMPTY;
    const query = spec.query ?? EMPTY;
    const auth = spec.auth ?? 'user';
    this.routes.push({
      method: 'GET',
      url: this.prefix + spec.url,
      tag: spec.tag,
      summary: spec.summary,
      description: spec.description,
      auth,
      params,
      query,
      body: undefined,
      status: 200,
      response: undefined,
      produces: spec.produces,
    });
    this.app.route({
      method: 'GET',
      url: this.prefix + spec.url,
      handler: async (req, reply) => {
        const input = await readInput(req, reply, { params, query, body: undefined, auth });
        await spec.handler(input as RouteInput<z.output<P>, z.output<Q>, Record<string, never>>);
        return reply;
      },
    });
  }
}

/** Validates params, query and body, and finds the caller: the same for every route. */
async function readInput(
  req: FastifyRequest,
  reply: FastifyReply,
  spec: { params: z.ZodType; query: z.ZodType; body: z.ZodType | undefined; auth: 'none' | 'user'; raw?: boolean },
): Promise<RouteInput<unknown, unknown, unknown>> {
  // An id or key in the path that does not parse cannot name anything: 404.
  // Messages zod words itself come in the caller's language; ours are translated as the problem is sent.
  const options = acceptedLocale(req) === 'sv' ? { error: zodSwedish } : undefined;
  const p = spec.params.safeParse(req.params ?? {});
  if (!p.success || hasNul(req.params)) throw new AppError('not_found', 'Nothing in your organisation has that id.');
  const q = spec.query.safeParse(req.query ?? {}, options);
  if (!q.success) throw validationError('query', q.error);
  const qNul = nulPath(req.query, 'query');
  if (qNul) throw invalid(qNul, NUL_MESSAGE);
  let body: unknown = {};
  if (spec.body) {
    if (req.body === null) throw invalid('body', 'must be a JSON object');
    const b = spec.body.safeParse(req.body === undefined ? {} : req.body, options);
    if (!b.success) throw validationError('body', b.error);
    const bNul = nulPath(req.body, 'body');
    if (bNul) throw invalid(bNul, NUL_MESSAGE);
    body = b.data;
  } else if (!spec.raw && req.body !== undefined && req.body !== null) {
    const b = EMPTY.safeParse(req.body);
    if (!b.success) throw new AppError('validation', 'This request takes no body; send none.', { errors: [{ field: 'body', message: 'must be empty' }] });
  }
  const actor = spec.auth === 'none' ? anonymous : await requestActor(req);
  const locale = await requestLocale(req, actor);
  return { params: p.data, query: q.data, body, actor, locale, req, reply };
}

const anonymous: Actor = { orgId: '', userId: null, role: 'seller', kind: 'system' };

const NUL_MESSAGE = 'must not contain the NUL character (U+0000)';

/** The path of the first string holding U+0000, which PostgreSQL text cannot store. */
function nulPath(value: unknown, path: string): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const found = nulPath(v, `${path}.${i}`);
      if (found) return found;
    }
    return null;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      const found = nulPath(k, `${path}.${k}`) ?? nulPath(v, `${path}.${k}`);
      if (found) return found;
    }
  }
  return null;
}

const hasNul = (value: unknown): boolean => nulPath(value, '') !== null;
