/** `h2h serve`: migrate, make the first org on a new database, listen, and stop cleanly. */
import path from 'node:path';
import { describeSmtp, smtpMailer } from '../app/mail.ts';
import { runNightly } from '../app/nightly.ts';
import { ensureFirstOrg } from '../app/setup.ts';
import { loggerOptions } from '../http/logging.ts';
import { buildServer } from '../http/server.ts';
import { describeDatabase, openConfigured } from './open.ts';

const HOUR_MS = 3_600_000;

export async function serve(opts: { demo: boolean }): Promise<void> {
  const { config, ctx, close } = await openConfigured();
  const first = await ensureFirstOrg(ctx, { demo: opts.demo, adminEmail: config.adminEmail, adminPassword: config.adminPassword });
  // Say the first admin's password before anything else can fail: it is shown only once.
  if (first) {
    console.log(`${first.demo ? 'Created the demo org' : 'Created a new org'}. Sign in as ${first.adminEmail}` + (first.generatedPassword ? ` with the password ${first.generatedPassword} (shown once; set H2H_ADMIN_PASSWORD to choose your own)` : ''));
  }
  const mailer = config.smtpUrl ? smtpMailer(config.smtpUrl, config.mailFrom) : undefined;
  if (mailer) ctx.mailer = mailer;
  const app = await buildServer({ ctx, trustProxy: config.trustProxy, logger: loggerOptions(config.logLevel), uploadDir: path.join(config.dataDir, 'uploads'), publicUrl: config.publicUrl, portalOidc: config.portalOidc });
  if (config.smtpUrl) app.log.info(`mail is on: invitations go through ${describeSmtp(config.smtpUrl)} from ${config.mailFrom}`);
  else app.log.warn('mail is off: set H2H_SMTP_URL to send invitations');
  if (config.portalOidc) app.log.info(`buyers may sign in with OIDC at ${config.portalOidc.issuer}`);
  const address = await app.listen({ port: config.port, host: config.host });
  console.log(`H2H is running at ${address} on ${describeDatabase(config)}`);
  // The demo's buyer's room, seen as the buyer sees it: its link exists only in this line.
  if (first?.room) console.log(`See the buyer's room as ${first.room.buyer} (“${first.room.journeyTitle}”): ${config.publicUrl ?? address}${first.room.link} (shown once)`);
  // Nightly work (loyalty): checked now and every hour; each org's turn comes once a local night.
  const nightly = async () => {
    for (const o of await runNightly(ctx)) {
      if (o.error) app.log.error({ orgId: o.orgId, err: o.error }, 'nightly loyalty recompute failed');
      else app.log.info({ orgId: o.orgId }, 'nightly loyalty recompute done');
    }
  };
  const timer = setInterval(() => void nightly().catch((err: unknown) => app.log.error({ err }, 'nightly work failed')), HOUR_MS);
  timer.unref();
  void nightly().catch((err: unknown) => app.log.error({ err }, 'nightly work failed'));
  const stop = async () => {
    clearInterval(timer);
    await app.close();
    mailer?.close();
    await close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}
