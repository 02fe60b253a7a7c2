/**
 * A real OpenID Connect issuer for tests: oidc-provider on 127.0.0.1 (a free
 * port), with one confidential client for H2H and the accounts a test names.
 * Its sign-in page is a plain HTML form (label "E-mail", buttons "Sign in" and
 * "Cancel"), so a browser test fills it like a person; an API test walks it
 * over plain HTTP with signIn() or cancel(). No consent screen: the client is
 * first-party, consent is granted as it is asked for.
 *
 *   const idp = await startTestIssuer({ accounts: [{ email: 'karin@kund.example' }], redirectUris: [CALLBACK] });
 *   const t = await startTestApp(backend, { publicUrl: 'http://h2h.test', portalOidc: idp.settings() });
 *   // GET /api/portal/v1/oidc/start → 302 to the issuer and the h2h_oidc cookie
 *   const back = await idp.signIn(start.headers.location, 'karin@kund.example');
 *   // GET back.pathname + back.search on H2H, with the h2h_oidc cookie → 302 /p/ and h2h_portal
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Adapter, AdapterPayload, Configuration, default as ProviderClass } from 'oidc-provider';
import type { PortalOidcSettings } from '../../src/app/portal-oidc.ts';

export interface TestAccount {
  email: string;
  /** default true; false makes an issuer that vouches for an unverified e-mail */
  emailVerified?: boolean;
  name?: string;
}

export interface TestIssuer {
  /** the issuer identifier, `http://127.0.0.1:<port>` */
  url: string;
  clientId: string;
  clientSecret: string;
  /** ServerOptions.portalOidc (startTestApp's `portalOidc`) for an H2H that signs buyers in here */
  settings(name?: string): PortalOidcSettings;
  /** lets the client come back to `uri` too: H2H's `<origin>/api/portal/v1/oidc/callback`, once its port is known */
  allowRedirect(uri: string): void;
  /** an account more (or one replaced, by e-mail) */
  addAccount(account: TestAccount): void;
  /**
   * Signs in as `email` the way a browser would, over plain HTTP: from the
   * authorization URL (where H2H's /oidc/start redirected) through the sign-in
   * form, following the issuer's own redirects. Returns where the issuer sends
   * the browser back — H2H's callback with `code`, `state` and `iss` — without
   * going there. Throws when the form does not take the e-mail.
   */
  signIn(authorizationUrl: string | URL, email: string): Promise<URL>;
  /** As signIn, but the person presses Cancel: the callback URL carries `error=access_denied`. */
  cancel(authorizationUrl: string | URL): Promise<URL>;
  close(): Promise<void>;
}

/**
 * oidc-provider warns, as it is imported, that Node 20 is older than it
 * supports. The tests run it on Node 20 (the project's runtime) and pass; only
 * that one line is dropped, any other warning still fails a test.
 */
async function loadProvider(): Promise<typeof ProviderClass> {
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (!String(args[0]).includes('Unsupported runtime')) warn(...args);
  };
  try {
    return (await import('oidc-provider')).default;
  } finally {
    console.warn = warn;
  }
}

/** oidc-provider's storage, in memory: one map for every model, entries keyed by model and id. */
class MemoryAdapter implements Adapter {
  constructor(
    private readonly model: string,
    private readonly rows: Map<string, { payload: AdapterPayload; expiresAt: number }>,
    private readonly client: (id: string) => AdapterPayload | undefined,
  ) {}

  private key = (id: string) => `${this.model}:${id}`;

  private live(): AdapterPayload[] {
    const now = Date.now();
    return [...this.rows.entries()].filter(([k, r]) => k.startsWith(`${this.model}:`) && r.expiresAt > now).map(([, r]) => r.payload);
  }

  async upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void> {
    this.rows.set(this.key(id), { payload, expiresAt: expiresIn ? Date.now() + expiresIn * 1000 : Number.POSITIVE_INFINITY });
  }

  async find(id: string): Promise<AdapterPayload | undefined> {
    // The client is read fresh each time, so allowRedirect() counts at once.
    if (this.model === 'Client') return this.client(id);
    const row = this.rows.get(this.key(id));
    return row && row.expiresAt > Date.now() ? row.payload : undefined;
  }

  async findByUid(uid: string): Promise<AdapterPayload | undefined> {
    return this.live().find((p) => p.uid === uid);
  }

  async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
    return this.live().find((p) => p.userCode === userCode);
  }

  async consume(id: string): Promise<void> {
    const row = this.rows.get(this.key(id));
    if (row) row.payload.consumed = Math.floor(Date.now() / 1000);
  }

  async destroy(id: string): Promise<void> {
    this.rows.delete(this.key(id));
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    for (const [k, r] of this.rows) if (r.payload.grantId === grantId) this.rows.delete(k);
  }
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function signInPage(uid: string, error?: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Test identity provider — sign in</title></head>
<body><main>
<h1>Sign in</h1>
${error ? `<p role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="/interaction/${escapeHtml(uid)}/login">
<label>E-mail <input type="email" name="email" autocomplete="username" required autofocus></label>
<button type="submit">Sign in</button>
</form>
<form method="post" action="/interaction/${escapeHtml(uid)}/abort"><button type="submit">Cancel</button></form>
</main></body></html>`;
}

async function formBody(req: http.IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/** Starts the issuer; `redirectUris` are where its client may send the browser back (more with allowRedirect). */
export async function startTestIssuer(opts: { accounts: TestAccount[]; redirectUris?: string[] }): Promise<TestIssuer> {
  const Provider = await loadProvider();
  const clientId = 'h2h-portal';
  const clientSecret = randomBytes(24).toString('base64url');
  const redirectUris = new Set(opts.redirectUris ?? []);
  const accounts = new Map<string, TestAccount & { sub: string }>();
  let serial = 0;
  const addAccount = (a: TestAccount) => {
    const key = a.email.toLowerCase();
    accounts.set(key, { ...a, sub: accounts.get(key)?.sub ?? `account-${++serial}` });
  };
  opts.accounts.forEach(addAccount);
  const bySub = (sub: string) => [...accounts.values()].find((a) => a.sub === sub);

  // The port first: the issuer identifier names it.
  let handle: http.RequestListener = (_req, res) => res.writeHead(503).end();
  const server = http.createServer((req, res) => handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const rows = new Map<string, { payload: AdapterPayload; expiresAt: number }>();
  const client = (id: string): AdapterPayload | undefined =>
    id === clientId
      ? {
          client_id: clientId,
          client_secret: clientSecret,
          redirect_uris: [...redirectUris],
          grant_types: ['authorization_code'],
          response_types: ['code'],
          token_endpoint_auth_method: 'client_secret_basic',
        }
      : undefined;
  const jwk = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
  const configuration: Configuration = {
    adapter: (model: string) => new MemoryAdapter(model, rows, client),
    jwks: { keys: [{ ...jwk, kid: 'test-key', alg: 'RS256', use: 'sig' }] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    features: { devInteractions: { enabled: false } },
    pkce: { required: () => true },
    ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Session: 600, Grant: 600 },
    findAccount: (_ctx, sub) => {
      const a = bySub(sub);
      return a && { accountId: sub, claims: () => ({ sub, email: a.email, email_verified: a.emailVerified ?? true, name: a.name ?? a.email }) };
    },
    renderError: (ctx, out) => {
      ctx.type = 'text/plain';
      ctx.body = `${String(out.error)}: ${String(out.error_description ?? '')}`;
    },
  };
  const provider = new Provider(url, configuration);
  const oidcHandler = provider.callback();

  /** The sign-in form and its two answers; consent is given as soon as it is asked for. */
  async function interaction(req: http.IncomingMessage, res: http.ServerResponse, uid: string, action: string | undefined): Promise<void> {
    const details = await provider.interactionDetails(req, res);
    if (details.uid !== uid) throw new Error(`interaction ${uid} is not the one in progress`);
    if (req.method === 'GET' && !action) {
      if (details.prompt.name === 'login') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(signInPage(uid));
        return;
      }
      const accountId = details.session?.accountId;
      if (!accountId) throw new Error('consent asked without a signed-in account');
      const grant = details.grantId ? await provider.Grant.find(details.grantId) : new provider.Grant({ accountId, clientId: String(details.params.client_id) });
      if (!grant) throw new Error(`grant ${details.grantId} is gone`);
      grant.addOIDCScope(String(details.params.scope));
      await provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
      return;
    }
    if (req.method === 'POST' && action === 'abort') {
      await provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'The person cancelled the sign-in.' }, { mergeWithLastSubmission: false });
      return;
    }
    if (req.method === 'POST' && action === 'login') {
      const email = (await formBody(req)).get('email')?.trim() ?? '';
      const account = accounts.get(email.toLowerCase());
      if (!account) {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(signInPage(uid, `No account for ${email} here.`));
        return;
      }
      await provider.interactionFinished(req, res, { login: { accountId: account.sub } }, { mergeWithLastSubmission: false });
      return;
    }
    res.writeHead(404).end();
  }

  handle = (req, res) => {
    const m = /^\/interaction\/([\w-]+)(?:\/(login|abort))?$/.exec((req.url ?? '').split('?')[0] ?? '');
    if (!m) return void oidcHandler(req, res);
    interaction(req, res, m[1]!, m[2]).catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(400, { 'content-type': 'text/plain' });
      res.end(`test issuer: ${err instanceof Error ? err.message : String(err)}`);
    });
  };

  /** Walks the issuer as a browser: its cookies kept, its own redirects followed, a page or a redirect elsewhere returned. */
  function browser() {
    const jar = new Map<string, string>();
    const request = async (method: 'GET' | 'POST', target: URL, form?: URLSearchParams) => {
      const res = await fetch(target, {
        method,
        redirect: 'manual',
        headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '), ...(form && { 'content-type': 'application/x-www-form-urlencoded' }) },
        ...(form && { body: form.toString() }),
      });
      for (const line of res.headers.getSetCookie()) {
        const [pair = '', ...attrs] = line.split(';');
        const name = pair.slice(0, pair.indexOf('='));
        const value = pair.slice(pair.indexOf('=') + 1);
        const gone = value === '' || attrs.some((a) => /^\s*expires=Thu, 01 Jan 1970/i.test(a) || /^\s*max-age=0$/i.test(a));
        if (gone) jar.delete(name);
        else jar.set(name, value);
      }
      return res;
    };
    /** Follows redirects while they stay at the issuer; ends at a page of it or at a URL elsewhere. */
    const go = async (method: 'GET' | 'POST', target: URL, form?: URLSearchParams): Promise<{ page: string; at: URL } | { away: URL }> => {
      let res = await request(method, target, form);
      let at = target;
      for (let hops = 0; res.status >= 300 && res.status < 400; hops++) {
        if (hops > 10) throw new Error('the test issuer redirected in circles');
        at = new URL(res.headers.get('location') ?? '', at);
        if (at.origin !== url) return { away: at };
        res = await request('GET', at);
      }
      const page = await res.text();
      if (res.status !== 200) throw new Error(`the test issuer answered ${res.status} at ${at.pathname}: ${page}`);
      return { page, at };
    };
    return go;
  }

  async function walk(authorizationUrl: string | URL, action: 'login' | 'abort', email = ''): Promise<URL> {
    const go = browser();
    const start = new URL(authorizationUrl);
    if (start.origin !== url) throw new Error(`${start.href} is not at the test issuer ${url}`);
    const form = await go('GET', start);
    if ('away' in form) return form.away;
    const target = new RegExp(`action="(/interaction/[\\w-]+/${action})"`).exec(form.page)?.[1];
    if (!target) throw new Error(`the test issuer showed no sign-in form: ${form.page}`);
    const done = await go('POST', new URL(target, url), new URLSearchParams(action === 'login' ? { email } : {}));
    if ('away' in done) return done.away;
    const alert = /<p role="alert">([^<]*)<\/p>/.exec(done.page)?.[1];
    throw new Error(`the test issuer did not sign in ${email}: ${alert ?? done.page}`);
  }

  return {
    url,
    clientId,
    clientSecret,
    settings: (name) => ({ issuer: url, clientId, clientSecret, ...(name !== undefined && { name }) }),
    allowRedirect: (uri) => void redirectUris.add(uri),
    addAccount,
    signIn: (authorizationUrl, email) => walk(authorizationUrl, 'login', email),
    cancel: (authorizationUrl) => walk(authorizationUrl, 'abort'),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    },
  };
}
