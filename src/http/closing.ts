/**
 * Closing the server promptly. Node's server.close() ends idle keep-alive
 * connections, but not those that never sent a request (browsers and fetch
 * open such spare sockets ahead of time): they would hold up close() until
 * the headers timeout, a minute or more. No request can be lost on them, so
 * they are ended as soon as the server starts closing.
 */
import type { Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';

export function endUnusedConnectionsOnClose(app: FastifyInstance): void {
  const unused = new Set<Socket>();
  app.server.on('connection', (socket: Socket) => {
    unused.add(socket);
    socket.once('close', () => unused.delete(socket));
  });
  app.server.on('request', (req: { socket: Socket }) => unused.delete(req.socket));
  app.addHook('preClose', async () => {
    for (const socket of unused) socket.destroy();
    unused.clear();
  });
}
