/** Numbers, file sizes and durations of the import screen, in the user's language. */
import i18n from '../i18n/index.ts';

type T = (key: string, opts?: Record<string, unknown>) => string;

const locale = () => (i18n.language === 'en' ? 'en-GB' : 'sv-SE');
const formats = new Map<string, Intl.NumberFormat>();
function numberFormat(key: string, opts: Intl.NumberFormatOptions): Intl.NumberFormat {
  const lang = locale();
  let f = formats.get(`${lang} ${key}`);
  if (!f) {
    f = new Intl.NumberFormat(lang, opts);
    formats.set(`${lang} ${key}`, f);
  }
  return f;
}

/** 12 345 rows, in the user's way of grouping digits. */
export const count = (n: number): string => numberFormat('int', { maximumFractionDigits: 0 }).format(n);

const UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;

/** 1,2 MB */
export function fileSize(bytes: number): string {
  let i = 0;
  let v = bytes;
  while (v >= 1000 && i < UNITS.length - 1) {
    v /= 1000;
    i++;
  }
  const unit = UNITS[i]!;
  return numberFormat(unit, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: i === 0 || v >= 100 ? 0 : 1 }).format(v);
}

/** About how long: "45 s", "3 min", "1 h 20 min"; rounded, as an estimate should be. */
export function duration(seconds: number, t: T): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return t('time.seconds', { count: Math.max(1, s) });
  const m = Math.round(s / 60);
  if (m < 60) return t('time.minutes', { count: m });
  return t('time.hours', { count: Math.floor(m / 60), minutes: m % 60 });
}

/** 0–100, rounded down: 100 only when it is all there. */
export const percent = (done: number, total: number): number => (total > 0 ? Math.min(100, Math.floor((done / total) * 100)) : 0);
