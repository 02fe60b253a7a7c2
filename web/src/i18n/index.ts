/**
 * i18next with Swedish and English. Each area keeps its words in its own
 * namespace file (common, board, journey, accounts, today, settings, imports, loyalty, products, pricing, quotes, portal, dialogue, cases).
 */
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { accounts } from './accounts.ts';
import { board } from './board.ts';
import { cases } from './cases.ts';
import { common } from './common.ts';
import { dialogue } from './dialogue.ts';
import { imports } from './imports.ts';
import { journey } from './journey.ts';
import { loyalty } from './loyalty.ts';
import { portal } from './portal.ts';
import { pricing } from './pricing.ts';
import { products } from './products.ts';
import { quotes } from './quotes.ts';
import { settings } from './settings.ts';
import { today } from './today.ts';

export type Lang = 'sv' | 'en';
export const LANGS: Lang[] = ['sv', 'en'];
const STORED = 'h2h.lang';

const namespaces = { common, board, journey, accounts, today, settings, imports, loyalty, products, quotes, pricing, portal, dialogue, cases };

/** The language chosen on this device, if any; else the org's (set after sign-in). */
export const storedLanguage = (): Lang | null => {
  const v = localStorage.getItem(STORED);
  return v === 'sv' || v === 'en' ? v : null;
};

export function chooseLanguage(lang: Lang): void {
  localStorage.setItem(STORED, lang);
  void i18n.changeLanguage(lang);
}

void i18n.use(initReactI18next).init({
  resources: Object.fromEntries(LANGS.map((l) => [l, Object.fromEntries(Object.entries(namespaces).map(([ns, r]) => [ns, r[l]]))])),
  lng: storedLanguage() ?? (navigator.language.startsWith('en') ? 'en' : 'sv'),
  fallbackLng: 'en',
  ns: Object.keys(namespaces),
  defaultNS: 'common',
  interpolation: { escapeValue: false },
});

i18n.on('languageChanged', (lng) => document.documentElement.setAttribute('lang', lng));
document.documentElement.setAttribute('lang', i18n.language);

export default i18n;
