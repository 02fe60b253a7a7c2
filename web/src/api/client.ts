/**
 * The one way the app talks to the API: JSON in and out, the session cookie,
 * the user's language, and problems (RFC 9457) turned into ApiError.
 */
import i18n from '../i18n/index.ts';

export interface FieldError {
  field: string;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldError[];
  unmet?: { key: string; text: string; derived: boolean }[];
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail);
  }

  /** The problem's code, e.g. `unmet_criteria`. */
  get code(): string {
    return this.problem.type.split('/').pop() ?? 'internal';
  }

  /** The field error for a body field, e.g. `title` for `body.title`. */
  fieldError(name: string): FieldError | undefined {
    return this.problem.errors?.find((e) => e.field === `body.${name}` || e.field.startsWith(`body.${name}.`));
  }
}

export async function api<T>(method: string, url: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`/api/v1${url}`, {
      method,
      credentials: 'same-origin',
      headers: { 'accept-language': i18n.language, ...(body !== undefined && { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError({ type: '/api/problems/offline', title: 'offline', status: 0, detail: 'The server cannot be reached.' });
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  const data: unknown = text ? JSON.parse(text) : undefined;
  if (!res.ok) {
    const problem = (data ?? {}) as Partial<Problem>;
    throw new ApiError({ type: problem.type ?? '/api/problems/internal', title: problem.title ?? '', status: res.status, detail: problem.detail ?? res.statusText, ...problem });
  }
  return data as T;
}

export const get = <T>(url: string) => api<T>('GET', url);
export const post = <T>(url: string, body?: unknown) => api<T>('POST', url, body);
export const patch = <T>(url: string, body?: unknown) => api<T>('PATCH', url, body);
export const put = <T>(url: string, body?: unknown) => api<T>('PUT', url, body);
export const del = <T>(url: string) => api<T>('DELETE', url);

/** Builds a query string from the defined values only. */
export function qs(params: Record<string, string | number | undefined | null>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}
