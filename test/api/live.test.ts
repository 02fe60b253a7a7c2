/**
 * Live updates over a real socket: the server listens on a port, the test
 * reads the event stream as a browser would, and changes journeys through
 * the API meanwhile.
 */
import http from 'node:http';
import net from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser } from '../../src/app/users.ts';
import { buildServer } from '../../src/http/server.ts';
import { EventStreams } from '../../src/http/sse.ts';
import { BACKENDS } from '../helpers/backends.ts';
import { makeJourney, PASSWORD, startTestApp, type TestApp } from '../helpers/app.ts';

interface SseEvent {
  event: string;
  data: string;
}

interface Stream {
  status: number;
  headers: Headers;
  body: string;
  /** the next `change` event, or fails after `ms` */
  nextChange(ms?: number): Promise<{ journeyId: string; kind: string }>;
  /** waits until the server ends the stream; fails after `ms` */
  ended(ms?: number): Promise<void>;
  /** waits until a comment line has come */
  comment(ms?: number): Promise<string>;
  close(): void;
}

/** Opens an event stream with fetch and parses what arrives, as EventSource would. */
async function openStream(url: string, headers: Record<string, string>): Promise<Stream> {
  const abort = new AbortController();
  const res = await fetch(url, { headers, signal: abort.signal });
  if (!res.headers.get('content-type')?.startsWith('text/event-stream')) {
    const body = await res.text();
    return { status: res.status, headers: res.headers, body, nextChange: () => Promise.reject(new Error(body)), ended: async () => {}, comment: () => Promise.reject(new Error(body)), close: () => {} };
  }
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const events: SseEvent[] = [];
  const comments: string[] = [];
  let buffer = '';
  let done = false;
  let wake: (() => void) | undefined;
  void (async () => {
    try {
      for (;;) {
        const chunk = await reader.read();
        if (chunk.done) break;
        buffer += decoder.decode(chunk.value, { stream: true });
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const e: SseEvent = { event: 'message', data: '' };
          let isEvent = false;
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) {
              comments.push(line.slice(1).trim());
            } else if (line.startsWith('event: ')) {
              e.event = line.slice(7);
              isEvent = true;
            } else if (line.startsWith('data: ')) {
              e.data += line.slice(6);
              isEvent = true;
            }
          }
          if (isEvent) events.push(e);
        }
        wake?.();
      }
    } catch {
      // aborted by close()
    }
    done = true;
    wake?.();
  })();

  const waitFor = async <T>(take: () => T | undefined, ms: number, what: string): Promise<T> => {
    const deadline = Date.now() + ms;
    for (;;) {
      const got = take();
      if (got !== undefined) return got;
      if (done) throw new Error(`the stream ended while waiting for ${what}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no ${what} within ${ms} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        wake = () => (clearTimeout(timer), resolve());
      });
    }
  };

  return {
    status: res.status,
    headers: res.headers,
    body: '',
    nextChange: async (ms = 5000) => {
      const e = await waitFor(() => events.shift(), ms, 'change event');
      expect(e.event).toBe('change');
      return JSON.parse(e.data);
    },
    comment: (ms = 5000) => waitFor(() => comments.shift(), ms, 'comment'),
    ended: async (ms = 5000) => {
      await waitFor(() => (done ? true : undefined), ms, 'the end').catch((err: Error) => {
        if (!done) throw err;
      });
    },
    close: () => abort.abort(),
  };
}

async function until(check: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe.each(BACKENDS)('live updates on %s', (backend) => {
  let t: TestApp;
  let base: string;
  let auth: Record<string, string>;
  beforeAll(async () => {
    t = await startTestApp(backend);
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    auth = { authorization: `Bearer ${t.admin.token}` };
  });
  afterAll(async () => t.close());

  it('lists both streams in the OpenAPI document and the docs page', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    for (const path of ['/api/v1/events', '/api/v1/journeys/{id}/events']) {
      const op = doc.paths[path].get;
      expect(op.tags).toEqual(['live']);
      expect(Object.keys(op.responses['200'].content)).toEqual(['text/event-stream']);
      expect(op.security).toBeDefined();
    }
    expect(doc.paths['/api/v1/journeys/{id}/events'].get.parameters).toEqual([expect.objectContaining({ name: 'id', in: 'path', required: true })]);
    expect((await t.app.inject({ method: 'GET', url: '/api/docs' })).body).toContain('/api/v1/journeys/{id}/events');
  });

  it('streams the changes of one journey as they are committed', async () => {
    const j = await makeJourney(t.admin);
    const other = await makeJourney(t.admin);
    const stream = await openStream(`${base}/api/v1/journeys/${j.id}/events`, auth);
    try {
      expect(stream.status).toBe(200);
      expect(stream.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
      expect(stream.headers.get('cache-control')).toContain('no-cache');
      expect(stream.headers.get('content-security-policy')).toContain("default-src 'none'");

      // a change to another journey is not this stream's business
      await t.admin.patch(`/api/v1/journeys/${other.id}`, { title: 'Annat' });
      expect((await t.admin.post(`/api/v1/journeys/${j.id}/criteria/problem_described`, { evidence: 'Möte' })).statusCode).toBe(200);
      expect(await stream.nextChange()).toEqual({ journeyId: j.id, kind: 'criterion_met' });
      await t.admin.post(`/api/v1/journeys/${j.id}/advance`, { overrideReason: 'Köparen har bråttom' });
      expect(await stream.nextChange()).toEqual({ journeyId: j.id, kind: 'stage_changed' });
      // a new title leaves no timeline entry, but the open page must still hear of it
      await t.admin.patch(`/api/v1/journeys/${j.id}`, { title: 'Ny titel' });
      expect(await stream.nextChange()).toEqual({ journeyId: j.id, kind: 'journey_updated' });
    } finally {
      stream.close();
    }
  });

  it('streams every change of the caller’s org, and nothing of another org', async () => {
    const stream = await openStream(`${base}/api/v1/events`, auth);
    try {
      expect(stream.status).toBe(200);
      const other = await t.otherOrg();
      await makeJourney(other);
      const mine = await makeJourney(t.admin);
      // had the other org's change been sent, it would have come first
      expect(await stream.nextChange()).toEqual({ journeyId: mine.id, kind: 'journey_created' });
      const seller = await t.user('seller');
      const theirs = await makeJourney(seller);
      expect(await stream.nextChange()).toEqual({ journeyId: theirs.id, kind: 'journey_created' });
    } finally {
      stream.close();
    }
  });

  it('answers 404 for a journey of another org, and 401 without a sign-in, before any stream starts', async () => {
    const other = await t.otherOrg();
    const theirs = await makeJourney(other);
    const notOurs = await openStream(`${base}/api/v1/journeys/${theirs.id}/events`, auth);
    expect(notOurs.status).toBe(404);
    expect(notOurs.headers.get('content-type')).toContain('application/problem+json');
    expect(JSON.parse(notOurs.body).type).toBe('/api/problems/not_found');
    expect((await openStream(`${base}/api/v1/journeys/no-such-id/events`, auth)).status).toBe(404);
    const anonymous = await openStream(`${base}/api/v1/events`, {});
    expect(anonymous.status).toBe(401);
    expect(JSON.parse(anonymous.body).type).toBe('/api/problems/unauthenticated');
  });

  it('lets go of the subscription when the client disconnects', async () => {
    const hub = t.app.h2h.live.hub;
    const before = hub.size;
    const a = await openStream(`${base}/api/v1/events`, auth);
    const j = await makeJourney(t.admin);
    const b = await openStream(`${base}/api/v1/journeys/${j.id}/events`, auth);
    expect(hub.size).toBe(before + 2);
    a.close();
    b.close();
    await until(() => hub.size === before);
    expect(t.app.h2h.live.streams.size).toBe(0);
    // the server goes on as before
    expect((await t.admin.get('/api/v1/journeys?limit=1')).statusCode).toBe(200);
  });

  it('signs in with the session cookie, beats every heartbeat, and ends the stream when the session ends', async () => {
    const email = `live-${process.pid}-${Date.now()}@test.example`;
    await addUser(t.ctx, { orgId: t.admin.orgId, userId: t.admin.userId, role: 'admin', kind: 'user' }, { email, name: 'Live Person', role: 'seller', password: PASSWORD });
    const app = await buildServer({ ctx: t.ctx, heartbeatMs: 50 });
    let closed = false;
    try {
      const url = await app.listen({ port: 0, host: '127.0.0.1' });
      const login = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: PASSWORD }) });
      expect(login.status).toBe(200);
      const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      const stream = await openStream(`${url}/api/v1/events`, { cookie });
      expect(stream.status).toBe(200);
      expect(await stream.comment()).toBe('heartbeat');
      const logout = await fetch(`${url}/api/v1/auth/logout`, { method: 'POST', headers: { cookie } });
      expect(logout.status).toBe(204);
      await stream.ended();
      await app.close();
      closed = true;
    } finally {
      if (!closed) await app.close();
    }
  });

  it('ends open streams when the server closes, and leaves other servers’ listeners in place', async () => {
    const second: FastifyInstance = await buildServer({ ctx: t.ctx });
    const url = await second.listen({ port: 0, host: '127.0.0.1' });
    const onSecond = await openStream(`${url}/api/v1/events`, auth);
    const onFirst = await openStream(`${base}/api/v1/events`, auth);
    try {
      expect(onSecond.status).toBe(200);
      const j = await makeJourney(t.admin);
      // both servers hear every commit: the second chained itself after the first
      expect(await onSecond.nextChange()).toEqual({ journeyId: j.id, kind: 'journey_created' });
      expect(await onFirst.nextChange()).toEqual({ journeyId: j.id, kind: 'journey_created' });

      // a spare connection that never sent a request (browsers open them ahead of time) must not hold up the close either
      const { port } = new URL(url);
      const spare = net.connect(Number(port), '127.0.0.1');
      await new Promise((resolve) => spare.once('connect', resolve));
      const spareClosed = new Promise((resolve) => spare.once('close', resolve));

      const started = Date.now();
      const closing = second.close();
      await onSecond.ended();
      await closing;
      await spareClosed;
      expect(Date.now() - started).toBeLessThan(5000);

      // the first server still hears changes after the second has gone
      await t.admin.post(`/api/v1/journeys/${j.id}/criteria/problem_described`, { evidence: 'x' });
      expect(await onFirst.nextChange()).toEqual({ journeyId: j.id, kind: 'criterion_met' });
    } finally {
      onFirst.close();
      onSecond.close();
    }
  });
});

describe('an event stream', () => {
  it('lets go at once of a client that left while it was being let in', async () => {
    const streams = new EventStreams();
    let ended = 0;
    const started = new Promise<void>((resolve) => {
      const server = http.createServer((req, res) => {
        // the client is gone before the stream starts, as when it hangs up during the sign-in check
        res.once('close', () => {
          const fakeReply = { hijack: () => undefined, raw: res } as unknown as Parameters<EventStreams['start']>[0];
          streams.start(fakeReply, { headers: {}, heartbeatMs: 10, onEnd: () => void ended++ });
          server.close();
          resolve();
        });
        req.socket.destroy();
      });
      server.listen(0, '127.0.0.1', () => {
        const { port } = server.address() as net.AddressInfo;
        http.get({ port, host: '127.0.0.1', path: '/' }).on('error', () => undefined);
      });
    });
    await started;
    expect(ended).toBe(1);
    expect(streams.size).toBe(0);
    await new Promise((r) => setTimeout(r, 30));
    expect(ended).toBe(1);
  });
});
