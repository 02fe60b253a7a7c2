/**
 * The one error catalogue. Every error H2H shows a client has a code here, a
 * status and a title; HTTP renders them as RFC 9457 problem+json with
 * `type: /api/problems/<code>` and docs/errors.md explains each one.
 */

export const ERRORS = {
  bad_request: { status: 400, title: 'The request could not be read' },
  malformed_json: { status: 400, title: 'The body is not valid JSON' },
  unauthenticated: { status: 401, title: 'Sign in first' },
  invalid_credentials: { status: 401, title: 'Wrong e-mail or password' },
  portal_link_invalid: { status: 401, title: 'This link is not valid' },
  forbidden: { status: 403, title: 'Your role does not allow this' },
  not_found: { status: 404, title: 'Not found' },
  method_not_allowed: { status: 405, title: 'Method not allowed' },
  conflict: { status: 409, title: 'This conflicts with the current state' },
  unmet_criteria: { status: 409, title: 'The buyer has not finished this stage' },
  journey_closed: { status: 409, title: 'The journey is closed' },
  last_stage: { status: 409, title: 'The journey is at its last stage' },
  portal_link_expired: { status: 410, title: 'This link has expired' },
  portal_link_revoked: { status: 410, title: 'This link was withdrawn' },
  portal_link_spent: { status: 410, title: 'This link was used already' },
  payload_too_large: { status: 413, title: 'The body is too large' },
  unsupported_media_type: { status: 415, title: 'Send JSON' },
  validation: { status: 422, title: 'Some fields are not valid' },
  derived_criterion: { status: 422, title: 'This criterion is computed from data' },
  purpose_required: { status: 422, title: 'An outbound interaction needs a purpose' },
  rate_limited: { status: 429, title: 'Too many attempts' },
  internal: { status: 500, title: 'Something went wrong on our side' },
  unavailable: { status: 503, title: 'The database is not reachable' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof ERRORS;

export interface FieldError {
  /** JSON pointer-ish path such as `body.purpose.why` */
  field: string;
  message: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly title: string;
  readonly extra: Record<string, unknown>;

  constructor(code: ErrorCode, detail: string, extra: Record<string, unknown> = {}) {
    super(detail);
    this.code = code;
    this.status = ERRORS[code].status;
    this.title = ERRORS[code].title;
    this.extra = extra;
  }
}

export const notFound = (what: string) => new AppError('not_found', `No ${what} with that id in your organisation.`);
export const invalid = (field: string, message: string) =>
  new AppError('validation', message, { errors: [{ field, message }] satisfies FieldError[] });
