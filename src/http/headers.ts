/**
 * Security headers. The API's pages (JSON, the docs) allow nothing to run;
 * the web app's pages load their own scripts and styles and talk to this
 * origin only.
 */

export const API_CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

export const WEB_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; font-src 'self'; " +
  "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/**
 * The buyer's room (/p/…): its own scripts and styles only, not even inline
 * styles; it talks to this origin only and is never framed. A comment shown
 * there is text, and could not run if it were not.
 */
export const ROOM_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; manifest-src 'self'; " +
  "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/** On every response: set by an onSend hook, and by hand on hijacked replies (event streams). */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'content-security-policy': API_CSP,
};
