/** RFC 9457 problem+json: the one way every error leaves the server. */
import type { FastifyReply } from 'fastify';
import type { ZodError } from 'zod';
import { AppError, ERRORS, type ErrorCode, type FieldError } from '../app/errors.ts';
import { acceptedLocale, translate } from './messages.ts';

export const PROBLEM_TYPE_BASE = '/api/problems/';

export function problemBody(code: ErrorCode, detail: string, instance: string, extra: Record<string, unknown> = {}) {
  const { status, title } = ERRORS[code];
  return { type: `${PROBLEM_TYPE_BASE}${code}`, title, status, detail, instance, ...extra };
}

export function sendProblem(reply: FastifyReply, err: AppError): FastifyReply {
  const locale = acceptedLocale(reply.request) ?? 'en';
  const extra = Array.isArray(err.extra.errors)
    ? { ...err.extra, errors: (err.extra.errors as FieldError[]).map((e) => ({ ...e, message: translate(e.message, locale) })) }
    : err.extra;
  const body = problemBody(err.code, translate(err.message, locale), reply.request.url.split('?')[0] ?? '', extra);
  if (err.code === 'rate_limited' && typeof err.extra.retryAfterSeconds === 'number') reply.header('retry-after', String(err.extra.retryAfterSeconds));
  return reply.code(body.status).type('application/problem+json').send(body);
}

/** Zod issues as field errors with paths like `body.purpose.why`. */
export function fieldErrors(where: 'body' | 'query' | 'params', error: ZodError): FieldError[] {
  const all = error.issues.flatMap((issue) => {
    const base = [where, ...issue.path.map(String)].join('.');
    if (issue.code === 'unrecognized_keys') return issue.keys.map((k) => ({ field: `${base}.${k}`, message: 'is not a field H2H knows here' }));
    return [{ field: base, message: issue.message }];
  });
  return all.filter((e, i) => all.findIndex((o) => o.field === e.field && o.message === e.message) === i);
}

export function validationError(where: 'body' | 'query' | 'params', error: ZodError): AppError {
  const errors = fieldErrors(where, error);
  const detail = errors.length === 1 && errors[0] ? `${errors[0].field}: ${errors[0].message}` : `${errors.length} fields are not valid; see errors.`;
  return new AppError('validation', detail, { errors });
}
