/** An amount in kronor as a seller types it, to öre (minor units). */

/**
 * "1 500", "1500,50", "1 500.5 kr" → 150000, 150050, 150050; null when it is
 * not a plain non-negative number of kronor with at most two decimals (no
 * signs, no thousands commas, no letters but a trailing "kr").
 */
export function kronorToMinor(text: string): number | null {
  const s = text
    .trim()
    .replace(/\s*kr\.?$/i, '')
    .replace(/[\s\u00a0\u202f]/g, '')
    .replace(',', '.');
  if (!/^\d+(\.\d{1,2})?$/.test(s)) return null;
  const [whole, frac = ''] = s.split('.');
  return Number(whole) * 100 + Number(frac.padEnd(2, '0'));
}
