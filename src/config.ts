/**
 * Settings come from the environment, checked once at start-up. A bad value
 * stops the process with a message that names the variable.
 */
import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_MAIL_FROM } from './app/mail.ts';
import { isLoopbackHttp, type PortalOidcSettings } from './app/portal-oidc.ts';

function isUrl(value: string, protocols: string[]): boolean {
  try {
    const u = new URL(value);
    return protocols.includes(u.protocol) && u.hostname !== '';
  } catch {
    return false;
  }
}

const schema = z.object({
  H2H_PORT: z.coerce.number({ error: 'must be a port number (0–65535)' }).int('must be a port number (0–65535)').min(0, 'must be a port number (0–65535)').max(65535, 'must be a port number (0–65535)').default(3000),
  H2H_HOST: z.string().min(1).default('127.0.0.1'),
  H2H_DATA_DIR: z.string().min(1).default('./data'),
  H2H_DATABASE_URL: z
    .string()
    .regex(/^(postgres(ql)?:\/\/|sqlite:)/, 'must start with postgres://, postgresql:// or sqlite:')
    .optional(),
  H2H_ADMIN_EMAIL: z.email().optional(),
  H2H_ADMIN_PASSWORD: z.string().min(8, 'must be at least 8 characters').optional(),
  H2H_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  H2H_TRUST_PROXY: z
    .string()
    .regex(/^(true|false|[1-9]|[0-9a-f.:/]+(\s*,\s*[0-9a-f.:/]+)*)$/i, 'must be false, true, the number of proxies in front (1–9), or their addresses (10.0.0.1,10.0.0.0/8)')
    .default('false'),
  H2H_SMTP_URL: z
    .string()
    .refine((v) => isUrl(v, ['smtp:', 'smtps:']), 'must be a URL such as smtp://user:pass@mail.example.com:587 or smtps://mail.example.com:465')
    .optional(),
  H2H_MAIL_FROM: z.string().min(1).default(DEFAULT_MAIL_FROM),
  H2H_PUBLIC_URL: z
    .string()
    .refine((v) => isUrl(v, ['http:', 'https:']), 'must be the address people open H2H at, such as https://h2h.example.com')
    .optional(),
  // Plain http only for an issuer on this machine: a token exchange across a network must be encrypted.
  H2H_OIDC_ISSUER: z
    .string()
    .refine((v) => isUrl(v, ['https:']) || (isUrl(v, ['http:']) && isLoopbackHttp(new URL(v))), 'must be the issuer\'s https URL, such as https://login.example.com (plain http only on 127.0.0.1 or localhost)')
    .optional(),
  H2H_OIDC_CLIENT_ID: z.string().min(1).optional(),
  H2H_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  H2H_OIDC_NAME: z.string().min(1).max(80, 'must be at most 80 characters').optional(),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  sqliteFile: string;
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  logLevel: string;
  /** which X-Forwarded-* hops to believe: none, all, the last n, or those from these addresses */
  trustProxy: boolean | number | string[];
  /** SMTP server for invitations; unset: mail is off */
  smtpUrl: string | undefined;
  mailFrom: string;
  /** the address people open H2H at, for links in mail (required with smtpUrl); unset: the request's own */
  publicUrl: string | undefined;
  /** buyers' sign-in with OpenID Connect; unset: only magic links */
  portalOidc: PortalOidcSettings | undefined;
}

export class ConfigError extends Error {}

/**
 * `true` believes every X-Forwarded-For hop, so a client can name any address
 * it likes (and walk past the per-address rate limits); a count of proxies
 * or their addresses believes only the hops those proxies added.
 */
function trustProxyOf(v: string): boolean | number | string[] {
  if (v === 'true' || v === 'false') return v === 'true';
  if (/^[1-9]$/.test(v)) return Number(v);
  return v.split(',').map((a) => a.trim());
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([k, v]) => k.startsWith('H2H_') && v !== ''));
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`bad setting: ${lines.join('; ')}`);
  }
  const e = parsed.data;
  const oidcSet = [e.H2H_OIDC_ISSUER, e.H2H_OIDC_CLIENT_ID, e.H2H_OIDC_CLIENT_SECRET].filter((v) => v !== undefined).length;
  if (oidcSet > 0 && oidcSet < 3) throw new ConfigError('bad setting: H2H_OIDC_ISSUER, H2H_OIDC_CLIENT_ID and H2H_OIDC_CLIENT_SECRET go together: set all three to let buyers sign in with OIDC, or none');
  // A link in mail built from a request's Host header would let anyone have H2H mail a real link that points at their own site.
  if (e.H2H_SMTP_URL && !e.H2H_PUBLIC_URL) throw new ConfigError('bad setting: H2H_SMTP_URL needs H2H_PUBLIC_URL, the address people open H2H at (such as https://h2h.example.com): links in mail must point there, never at an address a request names');
  const dataDir = path.resolve(e.H2H_DATA_DIR);
  const sqliteUrl = e.H2H_DATABASE_URL?.startsWith('sqlite:') ? e.H2H_DATABASE_URL.slice('sqlite:'.length) : undefined;
  return {
    port: e.H2H_PORT,
    host: e.H2H_HOST,
    dataDir,
    databaseUrl: sqliteUrl === undefined ? e.H2H_DATABASE_URL : undefined,
    sqliteFile: sqliteUrl ? path.resolve(sqliteUrl) : path.join(dataDir, 'h2h.sqlite'),
    adminEmail: e.H2H_ADMIN_EMAIL,
    adminPassword: e.H2H_ADMIN_PASSWORD,
    logLevel: e.H2H_LOG_LEVEL,
    trustProxy: trustProxyOf(e.H2H_TRUST_PROXY),
    smtpUrl: e.H2H_SMTP_URL,
    mailFrom: e.H2H_MAIL_FROM,
    publicUrl: e.H2H_PUBLIC_URL?.replace(/\/+$/, ''),
    portalOidc:
      e.H2H_OIDC_ISSUER && e.H2H_OIDC_CLIENT_ID && e.H2H_OIDC_CLIENT_SECRET
        ? { issuer: e.H2H_OIDC_ISSUER, clientId: e.H2H_OIDC_CLIENT_ID, clientSecret: e.H2H_OIDC_CLIENT_SECRET, name: e.H2H_OIDC_NAME }
        : undefined,
  };
}
