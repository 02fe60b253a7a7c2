/**
 * A real SMTP server for tests (smtp-server) on a free loopback port that
 * keeps every mail it is sent, parsed (mailparser), and can wait for the next.
 */
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface Mail {
  to: string[];
  subject: string;
  text: string;
  from: string;
}

export interface TestMailServer {
  received: Mail[];
  port: number;
  /** the first mail to `to` (waits up to `timeoutMs` for it) */
  mailTo(to: string, timeoutMs?: number): Promise<Mail>;
  close(): Promise<void>;
}

export async function startMailServer(): Promise<TestMailServer> {
  const received: Mail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, done) {
      simpleParser(stream)
        .then((m) => {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address), subject: m.subject ?? '', text: m.text ?? '', from: m.from?.text ?? '' });
          done();
        })
        .catch((err: Error) => done(err));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    received,
    port,
    mailTo: async (to, timeoutMs = 10_000) => {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const mail = received.find((m) => m.to.includes(to));
        if (mail) return mail;
        if (Date.now() > until) throw new Error(`no mail to ${to} within ${timeoutMs} ms; received: ${received.map((m) => m.to.join(',')).join('; ') || 'none'}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
