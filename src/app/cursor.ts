/** Opaque keyset cursors: base64url JSON of the last row's sort key. */
import { invalid } from './errors.ts';

export const encodeCursor = (key: Record<string, string>): string => Buffer.from(JSON.stringify(key)).toString('base64url');

export function decodeCursor<K extends string>(cursor: string | undefined, fields: readonly K[]): Record<K, string> | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof parsed === 'object' && parsed !== null && fields.every((f) => typeof (parsed as Record<string, unknown>)[f] === 'string')) {
      return parsed as Record<K, string>;
    }
  } catch {
    // fall through to the error below
  }
  throw invalid('query.cursor', 'The cursor is not one this server gave out; start again without it.');
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Takes `limit + 1` rows and turns them into a page with a cursor to the next. */
export function toPage<R, T>(rows: R[], limit: number, view: (r: R) => T, keyOf: (r: R) => Record<string, string>): Page<T> {
  const more = rows.length > limit;
  const items = more ? rows.slice(0, limit) : rows;
  const last = items[items.length - 1];
  return { items: items.map(view), nextCursor: more && last !== undefined ? encodeCursor(keyOf(last)) : null };
}
