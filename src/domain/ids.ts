/**
 * Sortable ids in UUIDv7 layout: 48 bits of milliseconds, then random bits.
 * Pure: the caller supplies the time and the random bytes, so a seeded demo
 * can make the same ids every time.
 */
export function formatId(ms: number, random: Uint8Array): string {
  if (random.length < 10) throw new Error('formatId needs 10 random bytes');
  const time = Math.max(0, Math.floor(ms)).toString(16).padStart(12, '0').slice(-12);
  // Imports make a million of these: a byte-to-hex table, not a string per byte.
  let hex = '';
  for (let i = 0; i < 10; i++) hex += HEX[random[i]!]!;
  const variant = ((parseInt(hex[3]!, 16) & 0x3) | 0x8).toString(16);
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${hex.slice(0, 3)}-${variant}${hex.slice(4, 7)}-${hex.slice(8, 20)}`;
}

const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

export const ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
