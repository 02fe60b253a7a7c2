/**
 * The journey's quotes, the newest version first: each with its status,
 * totals and dates, its lines explained as the buyer reads them, a link to its
 * printable page, and what can be done with it now. The journey's owner (and
 * managers and admins) build, change and send drafts, and record the buyer's
 * answer to a sent quote.
 */
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Journey } from '../api/types.ts';
import { Named } from '../journey/named.tsx';
import { ErrorMessage } from '../ui/problem.tsx';
import { useJourneyQuotes, useOrgZone } from './api.ts';
import { PricingExplained } from './explanation.tsx';
import { quoteMoney, zonedDateTime } from './format.ts';
import { QuoteBuilder } from './quote-builder.tsx';
import { AcceptForm, DeclineForm, SendForm } from './quote-answers.tsx';
import { QuoteStatusBadge } from './quote-status.tsx';
import type { Quote } from './types.ts';
import './quotes.css';

interface Props {
  journey: Journey;
  /** may build, change and send quotes: the journey is open and theirs (or they manage) */
  writable: boolean;
  /** may record the buyer's answer: the journey is theirs (or they manage), open or not */
  mayAnswer: boolean;
}

export function QuotesPanel({ journey, writable, mayAnswer }: Props) {
  const { t } = useTranslation('quotes');
  const quotes = useJourneyQuotes(journey.id);
  const zone = useOrgZone();
  const [building, setBuilding] = useState(false);
  const newButton = useRef<HTMLButtonElement>(null);
  const doneBuilding = () => {
    setBuilding(false);
    // Focus goes back where it came from: the button, drawn again once the builder is gone.
    requestAnimationFrame(() => newButton.current?.focus());
  };
  const items = [...(quotes.data?.items ?? [])].sort((a, b) => b.version - a.version);
  return (
    <section className="card section journey-section quotes-panel" aria-labelledby="quotes-title">
      <div className="section-head">
        <h2 id="quotes-title">{t('title')}</h2>
        {quotes.data && <span className="badge">{t('count', { count: items.length })}</span>}
        {writable && !building && (
          <button ref={newButton} type="button" className="primary small" onClick={() => setBuilding(true)}>
            {t('new')}
          </button>
        )}
      </div>
      <p className="muted section-intro">{t('intro')}</p>
      {building && <QuoteBuilder journey={journey} zone={zone} onDone={doneBuilding} />}
      {quotes.isPending && (
        <p className="muted" role="status">
          {t('loading')}
        </p>
      )}
      <ErrorMessage error={quotes.error} />
      {quotes.data && items.length === 0 && !building && <p className="muted">{t('none')}</p>}
      {items.length > 0 && (
        <ol className="quotes" aria-label={t('listLabel')}>
          {items.map((q, i) => (
            <QuoteItem key={q.id} journey={journey} quote={q} zone={zone} newest={i === 0} writable={writable} mayAnswer={mayAnswer} />
          ))}
        </ol>
      )}
    </section>
  );
}

type Open = 'edit' | 'send' | 'accept' | 'decline' | null;

function QuoteItem({ journey, quote: q, zone, newest, writable, mayAnswer }: { journey: Journey; quote: Quote; zone: string; newest: boolean } & Omit<Props, 'journey'>) {
  const { t } = useTranslation('quotes');
  const [open, setOpen] = useState<Open>(null);
  const actions = useRef<HTMLDivElement>(null);
  const title = t('version', { version: q.version });
  const money = (m: number) => quoteMoney(m, q.currency);
  const answerable = q.status === 'sent' || q.status === 'viewed';
  const close = () => {
    setOpen(null);
    // Back to the quote's first action (after an answer, its print link).
    requestAnimationFrame(() => actions.current?.querySelector<HTMLElement>('a, button')?.focus());
  };
  if (open === 'edit') {
    return (
      <li className="quote-item editing">
        <QuoteBuilder journey={journey} zone={zone} draft={q} onDone={close} />
      </li>
    );
  }
  return (
    <li className={`quote-item status-${q.status}`} aria-labelledby={`quote-${q.id}-title`} data-quote={q.id}>
      <div className="quote-item-head">
        <h3 id={`quote-${q.id}-title`}>{title}</h3>
        <QuoteStatusBadge status={q.status} />
        {q.consent.required && q.consent.multiplier && <span className="badge warn">{t('consentBadge')}</span>}
        <span className="quote-item-total">
          {money(q.grossMinor)} <small className="muted">{t('inclVat')}</small>
        </span>
      </div>
      <dl className="quote-facts">
        <div>
          <dt>{t('facts.pricedAt')}</dt>
          <dd>{zonedDateTime(q.pricedAt, zone)}</dd>
        </div>
        <div>
          <dt>{t('facts.net')}</dt>
          <dd>{money(q.totalMinor)}</dd>
        </div>
        {q.sentAt && (
          <div>
            <dt>{t('facts.sentAt')}</dt>
            <dd>{zonedDateTime(q.sentAt, zone)}</dd>
          </div>
        )}
        {q.validUntil && (q.status === 'sent' || q.status === 'viewed' || q.status === 'expired') && (
          <div>
            <dt>{q.status === 'expired' ? t('facts.expired') : t('facts.boundUntil')}</dt>
            <dd className="bound-until">{zonedDateTime(q.validUntil, zone)}</dd>
          </div>
        )}
        {q.viewedAt && (
          <div>
            <dt>{t('facts.viewedAt')}</dt>
            <dd>{zonedDateTime(q.viewedAt, zone)}</dd>
          </div>
        )}
      </dl>
      {q.status === 'accepted' && q.acceptedBy && (
        <p className="quote-outcome accepted">
          <span aria-hidden="true">✓ </span>
          {t('acceptedBy', { name: q.acceptedBy.name, when: zonedDateTime(q.acceptedAt, zone) })}
          {q.acceptedBy.consentTyped && <> {t('acceptedConsent', { typed: q.acceptedBy.consentTyped })}</>}
        </p>
      )}
      {q.status === 'declined' && (
        <p className="quote-outcome declined">
          {t('declinedAt', { when: zonedDateTime(q.declinedAt, zone) })}
          {q.declineReason && (
            <>
              {' '}
              <q>{q.declineReason}</q>
            </>
          )}
        </p>
      )}
      {q.status === 'superseded' && <p className="muted">{t('supersededNote')}</p>}
      <details className="quote-details" open={newest && q.status !== 'superseded'}>
        <summary>{t('explanation', { count: q.lines.length })}</summary>
        <PricingExplained pricing={q} audience="seller" />
      </details>
      <div className="actions quote-actions" ref={actions}>
        <Link className="button small" to={`/quotes/${encodeURIComponent(q.id)}/print`}>
          <Named text={t('print')} detail={title} />
        </Link>
        {writable && q.status === 'draft' && open === null && (
          <>
            <button type="button" className="small" onClick={() => setOpen('edit')}>
              <Named text={t('edit')} detail={title} />
            </button>
            <button type="button" className="small primary" onClick={() => setOpen('send')}>
              <Named text={t('send.open')} detail={title} />
            </button>
          </>
        )}
        {mayAnswer && answerable && open === null && (
          <>
            <button type="button" className="small primary" onClick={() => setOpen('accept')}>
              <Named text={t('accept.open')} detail={title} />
            </button>
            <button type="button" className="small" onClick={() => setOpen('decline')}>
              <Named text={t('decline.open')} detail={title} />
            </button>
          </>
        )}
      </div>
      {open === 'send' && <SendForm quote={q} zone={zone} onDone={close} />}
      {open === 'accept' && <AcceptForm quote={q} onDone={close} />}
      {open === 'decline' && <DeclineForm quote={q} onDone={close} />}
    </li>
  );
}
