/** A quote as the buyer gets it on paper: who, which version, when, each line explained, totals with VAT apart, the consent it needs. */
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../api/client.ts';
import { useMe } from '../auth.tsx';
import { useOrgZone, useQuote, useQuoteJourney } from '../quotes/api.ts';
import { PricingExplained } from '../quotes/explanation.tsx';
import { zonedDate, zonedDateTime } from '../quotes/format.ts';
import { QuoteStatusBadge } from '../quotes/quote-status.tsx';
import '../quotes/print.css';
import { ErrorMessage } from '../ui/problem.tsx';

export function QuotePrintPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('quotes');
  const quote = useQuote(id);
  const journey = useQuoteJourney(quote.data?.journeyId);
  const org = useMe().data?.org;
  const zone = useOrgZone();

  if (quote.isPending) {
    return (
      <section className="page quote-print" aria-busy="true">
        <p className="loading" role="status">
          {t('printPage.loading')}
        </p>
      </section>
    );
  }
  if (!quote.data) {
    const missing = quote.error instanceof ApiError && quote.error.problem.status === 404;
    return (
      <section className="page quote-print">
        <h1>{missing ? t('printPage.notFound') : t('printPage.title')}</h1>
        {!missing && <ErrorMessage error={quote.error} />}
      </section>
    );
  }
  const q = quote.data;
  const j = journey.data;
  return (
    <article className="page quote-print" aria-labelledby="quote-print-title">
      <div className="print-tools no-print">
        <Link to={`/journeys/${encodeURIComponent(q.journeyId)}`}>← {t('printPage.back')}</Link>
        <button type="button" className="primary" onClick={() => window.print()}>
          {t('printPage.print')}
        </button>
      </div>
      <div className="card sheet">
        <header className="sheet-head">
          <div>
            <h1 id="quote-print-title">
              {t('printPage.title')} {j?.title ? <span className="muted">· {j.title}</span> : null}
            </h1>
            <QuoteStatusBadge status={q.status} />
          </div>
          <dl className="quote-meta">
            <dt>{t('printPage.version')}</dt>
            <dd>{q.version}</dd>
            <dt>{t('printPage.date')}</dt>
            <dd>{zonedDate(q.sentAt ?? q.createdAt, zone)}</dd>
            <dt>{t('printPage.validUntil')}</dt>
            <dd className="valid-until">{q.validUntil ? zonedDateTime(q.validUntil, zone) : '—'}</dd>
            <dt>{t('printPage.pricedAt')}</dt>
            <dd>{zonedDateTime(q.pricedAt, zone)}</dd>
          </dl>
        </header>
        <dl className="parties">
          <div>
            <dt>{t('printPage.from')}</dt>
            <dd className="party-from">{org?.name ?? '—'}</dd>
          </div>
          <div>
            <dt>{t('printPage.to')}</dt>
            <dd className="party-to">{j?.account?.name ?? '—'}</dd>
          </div>
        </dl>
        {q.status === 'draft' && <p className="notice">{t('printPage.notSent')}</p>}
        {q.status === 'accepted' && q.acceptedBy && <p className="notice">{t('printPage.accepted', { name: q.acceptedBy.name, when: zonedDateTime(q.acceptedAt, zone) })}</p>}
        <h2>{t('printPage.lines')}</h2>
        <PricingExplained pricing={q} audience="buyer" headingLevel={3} />
        <p className="muted fair-price">{t('printPage.fairPrice')}</p>
      </div>
    </article>
  );
}
