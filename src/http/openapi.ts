/** The OpenAPI 3.1 document, made from the same zod schemas that validate requests. */
import { z } from 'zod';
import { ERRORS } from '../app/errors.ts';
import type { RegisteredRoute } from './route.ts';

type JsonSchema = Record<string, unknown>;

const toSchema = (s: z.ZodType, io: 'input' | 'output'): JsonSchema => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(s, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
};

function parameters(route: RegisteredRoute) {
  const out: unknown[] = [];
  for (const [where, schema] of [['path', route.params], ['query', route.query]] as const) {
    const js = toSchema(schema, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
    for (const [name, prop] of Object.entries(js.properties ?? {})) {
      out.push({ name, in: where, required: where === 'path' || (js.required ?? []).includes(name), schema: prop });
    }
  }
  return out;
}

export function openApiDocument(routes: readonly RegisteredRoute[]) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const path = r.url.replace(/:([A-Za-z]+)/g, '{$1}');
    const ok: Record<string, unknown> =
      r.status === 204
        ? { description: 'Done; no body' }
        : r.status >= 300 && r.status < 400
          ? { description: 'A redirect: the browser goes on to the Location', headers: { Location: { schema: { type: 'string' } } } }
          : r.produces !== 'application/json'
            ? { description: `A ${r.produces} stream`, content: { [r.produces]: { schema: { type: 'string' } } } }
            : { description: 'OK', content: { 'application/json': { schema: r.response ? toSchema(r.response, 'output') : {} } } };
    (paths[path] ??= {})[r.method.toLowerCase()] = {
      tags: [r.tag],
      summary: r.summary,
      ...(r.description && { description: r.description }),
      operationId: `${r.method.toLowerCase()}${path.replace(/[{}]/g, '').replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase())}`,
      parameters: parameters(r),
      ...(r.body && { requestBody: { required: true, content: { 'application/json': { schema: toSchema(r.body, 'input') } } } }),
      ...(r.consumes && { requestBody: { required: true, content: Object.fromEntries(r.consumes.map((t) => [t, { schema: { type: 'string', format: 'binary' } }])) } }),
      ...(r.auth === 'user' && { security: [{ session: [] }, { token: [] }] }),
      responses: {
        [String(r.status)]: ok,
        '4XX': { description: 'A problem (RFC 9457)', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'H2H API',
      version: '1',
      description: 'The buyer-centric sales workspace. Errors are RFC 9457 problem+json; their types are listed under x-problem-types.',
    },
    paths,
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'h2h_session' },
        token: { type: 'http', scheme: 'bearer', description: 'A personal API token from POST /api/v1/tokens or `h2h token create`' },
      },
      schemas: {
        Problem: {
          type: 'object',
          required: ['type', 'title', 'status', 'detail'],
          properties: {
            type: { type: 'string' },
            title: { type: 'string' },
            status: { type: 'integer' },
            detail: { type: 'string' },
            instance: { type: 'string' },
            errors: { type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } } } },
          },
        },
      },
    },
    'x-problem-types': Object.fromEntries(Object.entries(ERRORS).map(([code, e]) => [`/api/problems/${code}`, e])),
  };
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A readable page of the API, with no script and nothing fetched from elsewhere. */
export function docsPage(doc: ReturnType<typeof openApiDocument>): string {
  const sections = new Map<string, string[]>();
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops) as [string, { tags: string[]; summary: string; description?: string; requestBody?: unknown; parameters: unknown[] }][]) {
      const tag = op.tags[0] ?? 'other';
      const content = (op.requestBody as { content: Record<string, { schema: unknown }> } | undefined)?.content;
      const body = content ? `<details><summary>body</summary><pre>${escapeHtml(Object.entries(content).map(([type, c]) => `${type}: ${JSON.stringify(c.schema, null, 2)}`).join('\n'))}</pre></details>` : '';
      const params = op.parameters.length ? `<details><summary>parameters</summary><pre>${escapeHtml(JSON.stringify(op.parameters, null, 2))}</pre></details>` : '';
      const item = `<li><code class="m ${method}">${method.toUpperCase()}</code> <code>${escapeHtml(path)}</code> — ${escapeHtml(op.summary)}${op.description ? `<p>${escapeHtml(op.description)}</p>` : ''}${params}${body}</li>`;
      sections.set(tag, [...(sections.get(tag) ?? []), item]);
    }
  }
  const problems = Object.entries(doc['x-problem-types'])
    .map(([type, e]) => `<li><code>${escapeHtml(type)}</code> ${e.status} — ${escapeHtml(e.title)}</li>`)
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>H2H API</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1d2a33}h2{border-bottom:1px solid #ccd;margin-top:2rem}
li{margin:.6rem 0;list-style:none}code{font-size:.9em}.m{display:inline-block;width:4.2rem;font-weight:700}.get{color:#1a6}.post{color:#26b}.patch,.put{color:#a60}.delete{color:#b33}
pre{background:#f4f6f8;padding:.6rem;overflow:auto;font-size:.8rem}</style></head><body>
<h1>H2H API <small>v1</small></h1><p>${escapeHtml(doc.info.description)} The machine-readable document is at <a href="/api/openapi.json">/api/openapi.json</a>.</p>
<p>Sign in with <code>POST /api/v1/auth/login</code> (a session cookie), or send <code>Authorization: Bearer h2h_…</code>.</p>
${[...sections].map(([tag, items]) => `<h2>${escapeHtml(tag)}</h2><ul>${items.join('')}</ul>`).join('\n')}
<h2>Problems</h2><ul>${problems}</ul></body></html>`;
}
