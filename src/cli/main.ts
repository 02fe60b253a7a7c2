/** The h2h command line. Every command has --help; an error exits non-zero with a one-line reason. */
import { Command, InvalidArgumentError, Option } from 'commander';
import { createApiTokenForEmail } from '../app/auth.ts';
import { AppError } from '../app/errors.ts';
import { createOrg } from '../app/orgs.ts';
import { generatePassword } from '../app/passwords.ts';
import { addUser } from '../app/users.ts';
import { ConfigError } from '../config.ts';
import { ROLES, type Role } from '../domain/vocabulary.ts';
import { MigrationStateError, migrate, migrationStatus } from '../store/migrator.ts';
import { exportCommand } from './export.ts';
import { importCommand } from './import.ts';
import { loyaltyCommand } from './loyalty.ts';
import { CliError, describeDatabase, openConfigured, resolveOrg } from './open.ts';

const program = new Command('h2h')
  .description('H2H — a buyer-centric sales workspace. Settings come from H2H_* environment variables (see README).')
  .configureOutput({ outputError: (str, write) => write(`h2h: ${str.replace(/^error: /, '').trim()} (see h2h --help)\n`) });

const seedOption = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('the seed must be a whole number ≥ 0');
  return n;
};

const nowOption = (v: string) => {
  const d = new Date(v);
  if (!/^\d{4}-\d{2}-\d{2}/.test(v) || Number.isNaN(d.getTime())) throw new InvalidArgumentError('give a date or time as ISO 8601, e.g. 2026-11-29');
  return d;
};

program
  .command('serve')
  .description('migrate the database and start the server on H2H_HOST:H2H_PORT')
  .option('--demo', 'on a new database, create the demo org instead of an empty one')
  // The server (and the demo below) load when their command runs: the other commands start lighter.
  .action(async (opts: { demo?: boolean }) => (await import('./serve.ts')).serve({ demo: opts.demo === true }));

program
  .command('migrate')
  .description('apply pending database migrations, each in its own transaction')
  .option('--status', 'only show what is applied and what is pending')
  .action(async (opts: { status?: boolean }) => {
    const { config, ctx, close } = await openConfigured({ migrate: false });
    try {
      if (opts.status) {
        const s = await migrationStatus(ctx.store.db);
        console.log(`${describeDatabase(config)}\napplied: ${s.applied.join(', ') || 'none'}\npending: ${s.pending.join(', ') || 'none'}`);
        return;
      }
      const applied = await migrate(ctx.store.db, ctx.store.dialect);
      console.log(applied.length ? `applied ${applied.join(', ')} to ${describeDatabase(config)}` : `${describeDatabase(config)} is up to date`);
    } finally {
      await close();
    }
  });

program
  .command('demo')
  .description('add a deterministic demo org (about 50 accounts, 150 contacts, 80 journeys): the same seed gives the same data, dated back from --now')
  .option('--seed <n>', 'random seed', seedOption, 1)
  .option('--now <time>', 'the moment the demo is made at (ISO 8601); default: Monday 00:00 UTC of this week', nowOption)
  .option('--admin-email <email>', 'the demo admin’s e-mail (default demo-<seed>@h2h.local)')
  .option('--admin-password <password>', 'the demo admin’s password (default: generated and printed)')
  .action(async (opts: { seed: number; now?: Date; adminEmail?: string; adminPassword?: string }) => {
    const { ctx, close } = await openConfigured();
    try {
      const password = opts.adminPassword ?? generatePassword();
      const email = opts.adminEmail ?? `demo-${opts.seed}@h2h.local`;
      const { createDemoOrg, demoAnchor } = await import('../app/demo.ts');
      const res = await createDemoOrg(ctx, { seed: opts.seed, admin: { email, name: 'Demo Admin', password }, now: opts.now ?? demoAnchor(ctx.now()) });
      const c = res.counts;
      console.log(`demo org ${res.orgId}: ${c.accounts} accounts, ${c.contacts} contacts, ${c.journeys} journeys, ${c.interactions} interactions, ${c.concerns} concerns, ${c.planSteps} plan steps`);
      console.log(`sign in as ${email}${opts.adminPassword ? '' : ` with the password ${password} (shown once)`}`);
    } finally {
      await close();
    }
  });

program
  .command('org')
  .description('manage orgs')
  .command('add')
  .description('add another org with its first admin')
  .requiredOption('--name <name>', 'the org’s name')
  .requiredOption('--admin-email <email>', 'its first admin’s e-mail')
  .option('--admin-name <name>', 'its first admin’s name', 'Admin')
  .option('--admin-password <password>', 'its first admin’s password (default: generated and printed)')
  .addOption(new Option('--locale <locale>', 'language of the org').choices(['sv', 'en']).default('sv'))
  .option('--time-zone <tz>', 'the org’s time zone', 'Europe/Stockholm')
  .action(async (opts: { name: string; adminEmail: string; adminName: string; adminPassword?: string; locale: 'sv' | 'en'; timeZone: string }) => {
    if (!Intl.supportedValuesOf('timeZone').includes(opts.timeZone) && opts.timeZone !== 'UTC') throw new CliError(`unknown time zone "${opts.timeZone}"`);
    if (opts.adminPassword !== undefined && opts.adminPassword.length < 8) throw new CliError('the admin password must be at least 8 characters');
    const { ctx, close } = await openConfigured();
    try {
      const password = opts.adminPassword ?? generatePassword();
      const res = await createOrg(ctx, { name: opts.name, locale: opts.locale, timeZone: opts.timeZone, admin: { email: opts.adminEmail, name: opts.adminName, password } });
      console.log(`org ${res.orgId} "${opts.name}" added; its admin ${opts.adminEmail}${opts.adminPassword ? '' : ` signs in with ${password} (shown once)`}`);
    } finally {
      await close();
    }
  });

program
  .command('user')
  .description('manage users')
  .command('add')
  .description('add a user to an org')
  .requiredOption('--email <email>', 'e-mail, used to sign in')
  .requiredOption('--name <name>', 'full name')
  .addOption(new Option('--role <role>', 'role').choices([...ROLES]).default('seller'))
  .option('--password <password>', 'password (default: generated and printed)')
  .option('--org <id>', 'the org id (needed when the database has more than one org)')
  .action(async (opts: { email: string; name: string; role: Role; password?: string; org?: string }) => {
    if (opts.password !== undefined && opts.password.length < 8) throw new CliError('the password must be at least 8 characters');
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(opts.email)) throw new CliError(`"${opts.email}" is not an e-mail address`);
    const { ctx, close } = await openConfigured();
    try {
      const org = await resolveOrg(ctx, opts.org);
      const password = opts.password ?? generatePassword();
      const user = await addUser(ctx, { orgId: org.id, userId: null, role: 'admin', kind: 'system' }, { email: opts.email, name: opts.name, role: opts.role, password });
      console.log(`user ${user.id} ${user.email} (${user.role}) added to ${org.name}${opts.password ? '' : `; password ${password} (shown once)`}`);
    } finally {
      await close();
    }
  });

program
  .command('token')
  .description('personal API tokens')
  .command('create')
  .description('create an API token for a user; prints it once')
  .requiredOption('--email <email>', 'the user the token acts as')
  .option('--name <name>', 'what the token is for', 'cli')
  .action(async (opts: { email: string; name: string }) => {
    const { ctx, close } = await openConfigured();
    try {
      const t = await createApiTokenForEmail(ctx, opts.email, opts.name);
      console.log(t.token);
    } finally {
      await close();
    }
  });

importCommand(program);
exportCommand(program);
loyaltyCommand(program);

program
  .command('backup')
  .description('write a consistent copy of the SQLite database to FILE, safe while the server runs')
  .argument('<file>', 'where to write the copy')
  .action(async (file: string) => {
    const { config, ctx, close } = await openConfigured({ migrate: false, mustExist: true });
    try {
      if (ctx.store.dialect === 'postgres') {
        throw new CliError(`H2H runs on ${describeDatabase(config)}; back it up with pg_dump: pg_dump --format=custom --file=${file} "$H2H_DATABASE_URL"`);
      }
      await ctx.store.backup(file);
      console.log(`backed up ${describeDatabase(config)} to ${file}`);
    } finally {
      await close();
    }
  });

function reason(e: unknown): string {
  if (e instanceof CliError || e instanceof ConfigError || e instanceof MigrationStateError || e instanceof AppError) return e.message;
  if (e instanceof Error && 'code' in e && typeof e.code === 'string') {
    if (e.code === 'ECONNREFUSED') return `cannot reach the database (${e.message})`;
    if (e.code === 'EADDRINUSE') return `the port is taken (${e.message}); set H2H_PORT to another`;
    if (e.code === 'SQLITE_CANTOPEN') return `cannot open the SQLite file (${e.message}); check H2H_DATA_DIR`;
  }
  return e instanceof Error ? e.message : String(e);
}

try {
  await program.parseAsync(process.argv);
} catch (e) {
  process.stderr.write(`h2h: ${reason(e).split('\n')[0]}\n`);
  process.exit(1);
}
