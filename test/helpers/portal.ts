/**
 * The buyer's side of the API tests: requests with the portal cookie, and a
 * magic link opened into that cookie, on the test app.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { Method } from './app.ts';

export const PORTAL = '/api/portal/v1';

/** What follows `/p/` (or `/p/g/` for a guest link): the token the room posts. */
export const tokenOf = (link: string) => link.replace(/^\/p\/(g\/)?/, '');

/** The answer's JSON, after checking its status (the body in the message when it is another). */
export function expectJson(res: LightMyRequestResponse, status: number) {
  expect(res.statusCode, res.body).toBe(status);
  return res.json();
}

/** Requests as a buyer in the room; `app` is asked for each time, since tests make it in beforeAll. */
export function buyerRequests(app: () => FastifyInstance) {
  /** A buyer's request, with the portal cookie when there is one. */
  const asBuyer = (cookie: string | null, method: Method, url: string, body?: unknown, headers: Record<string, string> = {}) =>
    app().inject({ method, url, headers: { ...(cookie && { cookie: `h2h_portal=${cookie}` }), ...headers }, ...(body !== undefined && { payload: body as string }) });
  /** Opens the magic link and returns the portal cookie's value. */
  const enter = async (link: string): Promise<string> => {
    const res = await app().inject({ method: 'POST', url: `${PORTAL}/sessions`, payload: { token: tokenOf(link) } });
    expect(res.statusCode, res.body).toBe(201);
    const cookie = res.cookies.find((c) => c.name === 'h2h_portal');
    expect(cookie).toBeDefined();
    return cookie!.value;
  };
  return { asBuyer, enter };
}
