/** Settings, for admins: users and roles, API tokens, process templates, loyalty tiers, the pricing policy, cases. */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import '../accounts/accounts.css';
import { useMe } from '../auth.tsx';
import { CaseSettingsSection } from '../settings/case-settings.tsx';
import { LoyaltySettingsSection } from '../settings/loyalty-settings.tsx';
import { PricingSettingsSection } from '../settings/pricing-settings.tsx';
import { TemplatesSection } from '../settings/templates.tsx';
import { TokensSection } from '../settings/tokens.tsx';
import { UsersSection } from '../settings/users.tsx';
import '../settings/settings.css';

export function SettingsPage() {
  const { t } = useTranslation('settings');
  const tc = useTranslation().t;
  const me = useMe();

  if (me.isPending) {
    return (
      <section className="page">
        <p className="loading" role="status">
          {tc('loading')}
        </p>
      </section>
    );
  }

  if (me.data?.user.role !== 'admin') {
    return (
      <section className="page settings-page" aria-labelledby="settings-title">
        <h1 id="settings-title">{t('title')}</h1>
        <div className="card only-admins">
          <p>{t('onlyAdmins')}</p>
          <p>
            <Link to="/today">{tc('backHome')}</Link>
          </p>
        </div>
      </section>
    );
  }

  return (
    <section className="page settings-page" aria-labelledby="settings-title">
      <div className="page-head">
        <h1 id="settings-title">{t('title')}</h1>
        <nav aria-label={t('sections')} className="settings-nav">
          <a href="#users">{t('users.title')}</a>
          <a href="#tokens">{t('tokens.title')}</a>
          <a href="#templates">{t('templates.title')}</a>
          <a href="#loyalty">{t('loyalty:settings.title')}</a>
          <a href="#pricing">{t('pricing:policy.title')}</a>
          <a href="#cases">{t('cases:settings.title')}</a>
        </nav>
      </div>
      <UsersSection />
      <TokensSection />
      <TemplatesSection />
      <LoyaltySettingsSection />
      <PricingSettingsSection />
      <CaseSettingsSection />
    </section>
  );
}
