import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <section className="page">
      <h1>{t('notFound')}</h1>
      <Link to="/today">{t('backHome')}</Link>
    </section>
  );
}
