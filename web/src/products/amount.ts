/**
 * Amounts as a person types them in kronor, to öre, exactly. The digits are
 * joined as text and read as one integer, never scaled as a float: "1 234,50"
 * is 123450, and so is "1234.50"; "0,1" is 10. Pure, so the browser test can
 * check it without a page.
 */

export type AmountProblem = 'empty' | 'negative' | 'decimals' | 'tooLarge' | 'notAmount';
export type ParsedAmount = { ok: true; minor: number } | { ok: false; problem: AmountProblem };

/** Thirteen digits of kronor (under 10 000 billion) keep every öre inside Number.MAX_SAFE_INTEGER. */
const MAX_KRONOR_DIGITS = 13;

/**
 * Kronor to öre: whole kronor written plain ("1234") or in groups of three
 * split by spaces ("1 234", any kind of space), then at most two decimals
 * after "," or "." ("1 234,5", "1234.50"). A trailing "kr" or ":-" is allowed,
 * so a price shown by the app can be pasted back. "1.234,50" and "1,234.50"
 * are refused rather than guessed at.
 */
export function parseAmount(input: string): ParsedAmount {
  let v = input.trim().replace(/\s*(?:kr|sek|:-)$/i, '');
  if (v === '') return { ok: false, problem: 'empty' };
  if (/^[-\u2212\u2013]/.test(v)) return { ok: false, problem: 'negative' };
  v = v.replace(/[\u00a0\u202f\u2009]/g, ' ');
  const m = /^(\d+|\d{1,3}(?: \d{3})+)(?:[.,](\d*))?$/.exec(v);
  if (!m) return { ok: false, problem: 'notAmount' };
  const whole = m[1]!.replace(/ /g, '').replace(/^0+(?=\d)/, '');
  const decimals = m[2] ?? '';
  if (decimals.length > 2) return { ok: false, problem: 'decimals' };
  if (m[2] !== undefined && decimals === '') return { ok: false, problem: 'notAmount' };
  if (whole.length > MAX_KRONOR_DIGITS) return { ok: false, problem: 'tooLarge' };
  return { ok: true, minor: Number(`${whole}${decimals.padEnd(2, '0')}`) };
}

/** Öre back to what a person would type, in the form parseAmount reads: 449000 → "4 490,00" (sv) or "4 490.00" (en). */
export function amountInput(minor: number, lang: string): string {
  const s = String(Math.abs(Math.trunc(minor))).padStart(3, '0');
  const whole = s.slice(0, -2).replace(/\B(?=(\d{3})+$)/g, ' ');
  return `${whole}${lang === 'en' ? '.' : ','}${s.slice(-2)}`;
}
