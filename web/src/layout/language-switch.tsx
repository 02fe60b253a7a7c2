import { useTranslation } from 'react-i18next';
import { chooseLanguage, LANGS, type Lang } from '../i18n/index.ts';

/** sv ↔ en; the choice is kept on this device. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <label className="lang">
      <span className="visually-hidden">{t('language')}</span>
      <select value={i18n.language} onChange={(e) => chooseLanguage(e.target.value as Lang)} aria-label={t('language')}>
        {LANGS.map((l) => (
          <option key={l} value={l}>
            {l === 'sv' ? 'Svenska' : 'English'}
          </option>
        ))}
      </select>
    </label>
  );
}
