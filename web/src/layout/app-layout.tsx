/** The frame of the signed-in app: navigation, language switch, sign-out. */
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet, useNavigate } from 'react-router';
import { post } from '../api/client.ts';
import { useMe } from '../auth.tsx';
import { LanguageSwitch } from './language-switch.tsx';

export function AppLayout() {
  const { t } = useTranslation();
  const me = useMe();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const signOut = async () => {
    await post('/auth/logout').catch(() => undefined);
    qc.clear();
    void navigate('/login');
  };
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t('skipToContent', { defaultValue: 'Skip to content' })}
      </a>
      <header className="topbar">
        <span className="brand" aria-label="H2H">
          H2H
        </span>
        <nav aria-label={t('nav.label', { defaultValue: 'Main' })}>
          <NavLink to="/today">{t('nav.today')}</NavLink>
          <NavLink to="/board">{t('nav.board')}</NavLink>
          <NavLink to="/accounts">{t('nav.accounts')}</NavLink>
          <NavLink to="/cases">{t('cases:nav')}</NavLink>
          <NavLink to="/loyalty">{t('loyalty:nav')}</NavLink>
          <NavLink to="/products">{t('products:nav')}</NavLink>
          <NavLink to="/pricing">{t('pricing:nav')}</NavLink>
          {me.data?.user.role === 'admin' && <NavLink to="/imports">{t('imports:nav')}</NavLink>}
          {me.data?.user.role === 'admin' && <NavLink to="/settings">{t('nav.settings')}</NavLink>}
        </nav>
        <div className="topbar-end">
          <LanguageSwitch />
          <span className="who" title={me.data?.user.email}>
            {me.data?.user.name}
          </span>
          <button type="button" className="link" onClick={() => void signOut()}>
            {t('signOut')}
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
