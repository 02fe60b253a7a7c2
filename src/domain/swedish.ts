/**
 * Swedish text rules: how names sort and match, and organisation numbers.
 *
 * Å, Ä and Ö are letters of their own that come after Z; other accents are
 * variants of their base letter (é is e, ü is y, æ is ä, ø is ö).
 */

const OWN_LETTERS: Record<string, string> = { å: '{', ä: '|', ö: '}', æ: '|', ø: '}' };
const VARIANTS: Record<string, string> = { ü: 'y', ß: 'ss' };

/**
 * A key whose plain binary (code point) order is Swedish alphabetical order,
 * and whose prefixes are Swedish case-insensitive prefixes.
 * @example nameKey('Ångström AB') // '{ngstr}m ab'
 */
export function nameKey(name: string): string {
  // Most names are plain ASCII: lower case and single spaces is all they need.
  if (ASCII.test(name)) return name.toLowerCase().trim().replace(/ +/g, ' ');
  return name
    .normalize('NFC')
    .toLowerCase()
    .trim()
    .replace(/\s+/g, ' ')
    .replace(OWN_OR_VARIANT, (ch) => OWN_LETTERS[ch] ?? VARIANTS[ch] ?? ch)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
}

const ASCII = /^[\x20-\x7e]*$/;
const OWN_OR_VARIANT = new RegExp(`[${Object.keys(OWN_LETTERS).join('')}${Object.keys(VARIANTS).join('')}]`, 'g');

/** The smallest string greater than every string that starts with `prefix`. */
export function prefixUpperBound(prefix: string): string {
  const last = prefix.charCodeAt(prefix.length - 1);
  return prefix.slice(0, -1) + String.fromCharCode(last + 1);
}

/** Luhn check over a string of digits. */
function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/**
 * Normalises a Swedish organisation number (or a sole trader's personnummer)
 * to `NNNNNN-NNNN`, or returns null when it is malformed or its check digit is wrong.
 * Accepts `5560360793`, `556036-0793` and the 12-digit form `16556036-0793`.
 * @example normalizeOrgNumber('5560360793') // '556036-0793'
 */
export function normalizeOrgNumber(input: string): string | null {
  const compact = input.trim().replace(/[\s-]/g, '');
  if (!/^\d{10}(\d{2})?$/.test(compact)) return null;
  const ten = compact.length === 12 ? compact.slice(2) : compact;
  if (!luhnValid(ten)) return null;
  return `${ten.slice(0, 6)}-${ten.slice(6)}`;
}
