/**
 * Server-Sent Events over a hijacked Fastify reply, and the registry of open
 * streams, so that closing the server ends them: an open stream is never
 * idle, and the HTTP server waits for every busy connection before it closes.
 */
import type { FastifyReply } from 'fastify';

/** A slow reader may fall this far behind before we drop it, rather than buffer without bound. */
const MAX_BUFFERED_BYTES = 1024 * 1024;

export interface EventStream {
  /** Sends one event; JSON data, one line. */
  send(event: string, data: unknown): void;
  /** Ends the stream (idempotent). */
  end(): void;
}

export interface OpenOptions {
  /** extra response headers (the security headers: onSend hooks do not run on a hijacked reply) */
  headers: Record<string, string>;
  /** a comment line this often keeps proxies and browsers from timing out an idle stream */
  heartbeatMs: number;
  /** asked at each heartbeat; false or an error ends the stream (say, the session was signed out) */
  stillAllowed?: () => Promise<boolean>;
  /** runs once when the stream ends, whoever ends it */
  onEnd(): void;
}

export class EventStreams {
  private readonly open = new Set<EventStream>();

  get size(): number {
    return this.open.size;
  }

  /** Takes over the reply and starts an event stream on it. */
  start(reply: FastifyReply, opts: OpenOptions): EventStream {
    reply.hijack();
    const res = reply.raw;
    let ended = false;
    let checking = false;

    const write = (chunk: string) => {
      if (ended || res.destroyed) return;
      res.write(chunk);
      if (res.writableLength > MAX_BUFFERED_BYTES) stream.end();
    };
    const heartbeat = setInterval(() => {
      write(': heartbeat\n\n');
      if (!opts.stillAllowed || checking) return;
      checking = true;
      opts
        .stillAllowed()
        .then((ok) => ok || stream.end())
        .catch(() => stream.end())
        .finally(() => (checking = false));
    }, opts.heartbeatMs);

    const stream: EventStream = {
      send: (event, data) => write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`),
      end: () => {
        if (ended) return;
        ended = true;
        clearInterval(heartbeat);
        this.open.delete(stream);
        opts.onEnd();
        if (!res.writableEnded && !res.destroyed) res.end();
      },
    };
    this.open.add(stream);
    // The client went away (closed the tab, lost the network): let go of everything.
    res.on('close', () => stream.end());
    res.on('error', () => stream.end());
    // It may have gone already, while we were checking who it is: then 'close' has been and gone.
    if (res.destroyed) {
      stream.end();
      return stream;
    }

    res.writeHead(200, {
      ...opts.headers,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      // nginx and friends would otherwise hold events back in their buffers.
      'x-accel-buffering': 'no',
    });
    // The first bytes: how long a browser waits before it reconnects; they also send the headers now.
    write('retry: 5000\n\n');
    return stream;
  }

  /** Ends every open stream: the server is closing. */
  endAll(): void {
    for (const stream of [...this.open]) stream.end();
  }
}
