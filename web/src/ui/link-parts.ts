/** Finds the http(s) addresses in plain text, for LinkedText (kept apart from JSX so tests can import it). */

export type TextPart = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

// A candidate address runs to the next space or character that cannot end a bare URL in prose.
const CANDIDATE = /https?:\/\/[^\s<>"'`]+/gi;
// Punctuation that ends a sentence more often than it ends an address.
const TRAILING = /[.,;:!?'"»”’]+$/;

/** Splits text into plain runs and http(s) links; a closing parenthesis stays outside unless the link opened one. */
export function linkParts(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(CANDIDATE)) {
    const start = match.index;
    const candidate = trimEnd(match[0]);
    const href = safeHref(candidate);
    if (!href) continue;
    if (start > last) parts.push({ kind: 'text', text: text.slice(last, start) });
    parts.push({ kind: 'link', text: candidate, href });
    last = start + candidate.length;
  }
  if (last < text.length) parts.push({ kind: 'text', text: text.slice(last) });
  return parts;
}

function trimEnd(candidate: string): string {
  let url = candidate;
  for (;;) {
    const trimmed = url.replace(TRAILING, '');
    const unbalanced = trimmed.endsWith(')') && count(trimmed, '(') < count(trimmed, ')');
    const next = unbalanced ? trimmed.slice(0, -1) : trimmed;
    if (next === url) return url;
    url = next;
  }
}

function count(text: string, char: string): number {
  return text.split(char).length - 1;
}

function safeHref(candidate: string): string | null {
  try {
    const url = new URL(candidate);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    if (!url.hostname) return null;
    return url.href;
  } catch {
    return null;
  }
}
