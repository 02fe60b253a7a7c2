/**
 * The room's language: sv or en. Until the buyer chooses, the room's own
 * (the API's `locale`, itself the browser's language or the seller's org's);
 * a choice is kept in this browser and sent as Accept-Language, so the
 * server words stage names and messages in it too.
 */
import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import { setApiLanguage } from './api.ts';
import { STRINGS, type Strings } from './strings.ts';
import type { Lang, Text } from './types.ts';

const KEY = 'h2h.room.lang';

function stored(): Lang | null {
  try {
    const v = localStorage.getItem(KEY);
    return v === 'sv' || v === 'en' ? v : null;
  } catch {
    return null;
  }
}

/** The browser's language when it is sv or en; else Swedish. */
export function browserLang(): Lang {
  const langs = navigator.languages?.length ? navigator.languages : [navigator.language];
  for (const l of langs) {
    const base = l.toLowerCase().slice(0, 2);
    if (base === 'sv' || base === 'en') return base;
  }
  return 'sv';
}

/** `{{name}}` in a text filled in from vars. */
export function fill(template: string, vars: Record<string, string | number> = {}): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_m, k: string) => String(vars[k] ?? ''));
}

const locales = { sv: 'sv-SE', en: 'en-GB' } as const;

export interface Words {
  lang: Lang;
  /** the buyer chose it (else it follows the room's locale) */
  chosen: boolean;
  s: Strings;
  setLang(lang: Lang): void;
  /** follow the room's language unless the buyer chose one */
  adopt(lang: Lang): void;
  money(minor: number, currency: string, signed?: boolean): string;
  date(iso: string | null): string;
  /** a moment: the date and the time of day */
  when(iso: string | null): string;
  day(isoDay: string | null): string;
  said(text: Text): string;
  multiple(n: number): string;
}

const Ctx = createContext<Words | null>(null);

export function LangProvider({ children }: { children: ReactNode }) {
  const [choice, setChoice] = useState<Lang | null>(() => stored());
  const [roomLang, setRoomLang] = useState<Lang>(() => browserLang());
  const lang = choice ?? roomLang;
  setApiLanguage(choice);
  const words = useMemo<Words>(() => {
    const loc = locales[lang];
    const dateFmt = new Intl.DateTimeFormat(loc, { dateStyle: 'medium' });
    const whenFmt = new Intl.DateTimeFormat(loc, { dateStyle: 'medium', timeStyle: 'short' });
    const dayFmt = new Intl.DateTimeFormat(loc, { dateStyle: 'medium', timeZone: 'UTC' });
    const moneyFmts = new Map<string, Intl.NumberFormat>();
    const moneyFmt = (currency: string, digits: number) => {
      const key = `${currency} ${digits}`;
      let f = moneyFmts.get(key);
      if (!f) {
        f = new Intl.NumberFormat(loc, { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits });
        moneyFmts.set(key, f);
      }
      return f;
    };
    return {
      lang,
      chosen: choice !== null,
      s: STRINGS[lang],
      setLang: (l) => {
        try {
          localStorage.setItem(KEY, l);
        } catch {
          // a private window may refuse: the choice holds until the page closes
        }
        setApiLanguage(l);
        setChoice(l);
      },
      adopt: (l) => setRoomLang(l),
      money: (minor, currency, signed = false) => {
        const text = moneyFmt(currency, minor % 100 === 0 ? 0 : 2).format(Math.abs(minor) / 100);
        if (minor < 0) return `−${text}`;
        return signed && minor > 0 ? `+${text}` : text;
      },
      date: (iso) => (iso ? dateFmt.format(new Date(iso)) : '—'),
      when: (iso) => (iso ? whenFmt.format(new Date(iso)) : '—'),
      day: (isoDay) => (isoDay ? dayFmt.format(new Date(`${isoDay.slice(0, 10)}T00:00:00Z`)) : '—'),
      said: (text) => text[lang],
      multiple: (n) => new Intl.NumberFormat(loc, { maximumFractionDigits: 2 }).format(n),
    };
  }, [lang, choice]);
  return <Ctx.Provider value={words}>{children}</Ctx.Provider>;
}

export function useWords(): Words {
  const w = useContext(Ctx);
  if (!w) throw new Error('useWords outside LangProvider');
  return w;
}

/** sv | en, as buttons: the one in use is pressed. */
export function LangSwitch() {
  const { lang, s, setLang } = useWords();
  return (
    <div className="room-lang" role="group" aria-label={s.language}>
      {(['sv', 'en'] as const).map((l) => (
        <button key={l} type="button" className="room-lang-button" aria-pressed={lang === l} lang={l} onClick={() => setLang(l)}>
          {l === 'sv' ? 'Svenska' : 'English'}
        </button>
      ))}
    </div>
  );
}
