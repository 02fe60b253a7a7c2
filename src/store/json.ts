/** JSON columns are text on both backends. */
export const toJson = (v: unknown): string => JSON.stringify(v);
export function fromJson<T>(text: string | null): T | null {
  return text === null ? null : (JSON.parse(text) as T);
}
