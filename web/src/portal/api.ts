/**
 * The room's calls to /api/portal/v1: JSON in, JSON out, the portal cookie
 * sent by the browser (path /api/portal). An error is RFC 9457 problem+json,
 * worded by the server in the language asked for (Accept-Language).
 */
export const PORTAL_API = '/api/portal/v1';

export interface FieldError {
  field: string;
  message: string;
}

/** A refused call: the problem's code (the last part of its type), status, detail and field errors. */
export class PortalError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly errors: readonly FieldError[] = [],
  ) {
    super(detail);
  }
  fieldError(field: string): string | undefined {
    return this.errors.find((e) => e.field === field)?.message;
  }
}

let language: 'sv' | 'en' | null = null;
/** The language the server words its answers in; null: the browser's own Accept-Language. */
export function setApiLanguage(lang: 'sv' | 'en' | null): void {
  language = lang;
}

export async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (language) headers['accept-language'] = language;
  if (body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(path.startsWith('/') && !path.startsWith(PORTAL_API) ? `${PORTAL_API}${path}` : path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new PortalError(0, 'network', '');
  }
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: a proxy's error page; the status still says what happened
  }
  if (!res.ok) {
    const p = (json ?? {}) as { type?: string; detail?: string; errors?: FieldError[] };
    const code = typeof p.type === 'string' ? (p.type.split('/').pop() ?? 'internal') : 'internal';
    throw new PortalError(res.status, code, typeof p.detail === 'string' ? p.detail : '', Array.isArray(p.errors) ? p.errors : []);
  }
  return json as T;
}
