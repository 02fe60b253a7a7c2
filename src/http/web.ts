/**
 * The seller web app: the static files Vite builds into web/dist, served by
 * the same process as the API. Every page address the app routes on the
 * client (/journeys/123, /accounts, …) answers index.html.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export const DEFAULT_WEB_DIR = fileURLToPath(new URL('../../web/dist', import.meta.url));

/** Vite names every file under assets/ by its content hash: it never changes, so browsers may keep it a year. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** Addresses of the API: never answered with the web app. */
export const isApiPath = (url: string): boolean => {
  const p = url.split('?')[0] ?? '';
  return p === '/api' || p.startsWith('/api/');
};

const NOT_BUILT = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>H2H</title></head>
<body style="font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem">
<h1>H2H</h1><p>The web app is not built. In the checkout, run <code>npm run build</code>, then start H2H again.</p>
<p>The API works meanwhile: see <a href="/api/docs">/api/docs</a>.</p></body></html>`;

/** What a page address gets: index.html, or a page saying how to build the app. */
export type PageHandler = (req: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply>;

/** The buyer's room: /p, /p/ and every /p/… address (a magic link /p/<token>, the guest page /p/g/<token>). */
export const isRoomPath = (url: string): boolean => {
  const p = url.split('?')[0] ?? '';
  return p === '/p' || p.startsWith('/p/');
};

/** A room address may carry a secret (its link's token): never kept by a browser or a proxy. */
const ROOM_CACHE = 'no-store';

/**
 * Serves the files of `webDir` when it holds a built app, and returns the
 * handler for page addresses that are not files (the not-found handler calls it).
 * The buyer's room, portal.html, answers every /p/… address.
 */
export async function registerWebApp(app: FastifyInstance, webDir: string): Promise<PageHandler> {
  const indexFile = path.join(webDir, 'index.html');
  const portalFile = path.join(webDir, 'portal.html');
  const notBuilt: PageHandler = async (_req, reply) => reply.code(503).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(NOT_BUILT);
  const servePortal: PageHandler = async (req, reply) => {
    let html: Buffer;
    try {
      html = await fs.promises.readFile(portalFile);
    } catch {
      return notBuilt(req, reply);
    }
    return reply.code(200).type('text/html; charset=utf-8').header('cache-control', ROOM_CACHE).send(html);
  };
  app.get('/p', servePortal);
  app.get('/p/*', servePortal);
  // Decided once at start: `npm run build` first, then start H2H (npm start does both).
  if (!fs.existsSync(indexFile)) return notBuilt;

  const assetsDir = path.join(path.resolve(webDir), 'assets') + path.sep;
  await app.register(fastifyStatic, {
    root: path.resolve(webDir),
    prefix: '/',
    // Page addresses are no files: they fall through to the not-found handler, which answers index.html (/ has its route below).
    index: false,
    dotfiles: 'ignore',
    decorateReply: false,
    cacheControl: false,
    setHeaders: (reply, filePath) => {
      reply.header('cache-control', filePath.startsWith(assetsDir) ? IMMUTABLE : 'no-cache');
    },
  });

  const serveIndex: PageHandler = async (req, reply) => {
    let html: Buffer;
    try {
      // Read each time: a new build replaces index.html (and the hashed names it points to) under a running server.
      html = await fs.promises.readFile(indexFile);
    } catch {
      return notBuilt(req, reply);
    }
    // no-cache: the browser asks again each time, so a new build is seen on the next load.
    return reply.code(200).type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(html);
  };
  // The static route would take / for a directory listing, which it refuses; / is the app's first page.
  app.get('/', serveIndex);
  return serveIndex;
}
