/**
 * Sending mail. Use cases see only the Mailer interface; `smtpMailer` is the
 * real one, through nodemailer's SMTP transport. When AppContext has no
 * mailer, mail is off: the seller passes links on themselves.
 */
import nodemailer from 'nodemailer';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

export interface Mailer {
  send(msg: MailMessage): Promise<void>;
}

export const DEFAULT_MAIL_FROM = 'H2H <no-reply@h2h.local>';

/**
 * A mailer that hands each message to the SMTP server of `url`
 * (`smtp://user:pass@host:587`, STARTTLS when the server offers it;
 * `smtps://host:465` for TLS from the start). A server that does not answer
 * fails the send within seconds rather than holding the request.
 */
export function smtpMailer(url: string, from: string = DEFAULT_MAIL_FROM): Mailer & { close(): void } {
  const u = new URL(url);
  const transport = nodemailer.createTransport({
    host: u.hostname,
    port: u.port ? Number(u.port) : u.protocol === 'smtps:' ? 465 : 587,
    secure: u.protocol === 'smtps:',
    ...(u.username && { auth: { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) } }),
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  return {
    async send(msg) {
      await transport.sendMail({ from, to: msg.to, subject: msg.subject, text: msg.text, ...(msg.html !== undefined && { html: msg.html }) });
    },
    close: () => transport.close(),
  };
}

/** The SMTP server of a URL, for logs: never the password. */
export function describeSmtp(url: string): string {
  const u = new URL(url);
  return `${u.protocol}//${u.host}`;
}
