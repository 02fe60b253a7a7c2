import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERRORS } from '../../src/app/errors.ts';
import { BACKENDS } from '../helpers/backends.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';

describe.each(BACKENDS)('the API describes itself on %s', (backend) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(backend);
  });
  afterAll(async () => t.close());

  it('answers health with the database it runs on', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.json()).toEqual({ status: 'ok', database: backend });
  });

  it('publishes OpenAPI 3.1 with every route and the schemas that validate it', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.openapi).toBe('3.1.0');
    const ops = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([p, m]) => Object.keys(m).map((k) => `${k.toUpperCase()} ${p}`));
    expect(ops).toEqual(
      expect.arrayContaining([
        'POST /api/v1/auth/login',
        'GET /api/v1/me',
        'POST /api/v1/journeys',
        'GET /api/v1/journeys/{id}',
        'POST /api/v1/journeys/{id}/criteria/{key}',
        'DELETE /api/v1/journeys/{id}/criteria/{key}',
        'POST /api/v1/journeys/{id}/advance',
        'POST /api/v1/journeys/{id}/close',
        'POST /api/v1/journeys/{id}/interactions',
        'GET /api/v1/journeys/{id}/timeline',
        'GET /api/v1/audit',
      ]),
    );
    const create = doc.paths['/api/v1/journeys'].post.requestBody.content['application/json'].schema;
    expect(create.required).toEqual(expect.arrayContaining(['accountId', 'title']));
    expect(create.additionalProperties).toBe(false);
    expect(Object.keys(create.properties)).toEqual(expect.arrayContaining(['templateKey', 'valueMinor', 'currency']));
    const channel = doc.paths['/api/v1/journeys/{id}/interactions'].post.requestBody.content['application/json'].schema.properties.channel;
    expect(channel.enum).toContain('cold_call');
  });

  it('serves readable docs at /api/docs', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs' });
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('/api/v1/journeys/{id}/advance');
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
  });

  it('explains each problem type at its own address', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/problems/unmet_criteria' });
    expect(res.json()).toMatchObject({ status: 409, title: ERRORS.unmet_criteria.title });
    expect((await t.app.inject({ method: 'GET', url: '/api/problems/nope' })).statusCode).toBe(404);
  });

  it('answers unknown addresses with a problem, not an HTML page', async () => {
    const res = await t.admin.get('/api/v1/nothing-here');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });
});

describe('the error catalogue', () => {
  it('documents every error code in docs/errors.md', () => {
    const doc = fs.readFileSync('docs/errors.md', 'utf8');
    for (const [code, e] of Object.entries(ERRORS)) expect(doc).toContain(`| \`${code}\` | ${e.status} |`);
  });
});
