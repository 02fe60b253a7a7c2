/**
 * The quote: every line explained as the buyer reads it (what they usually
 * pay, the list price, each adjustment with its reason, the limit that
 * protected them, their price), the totals, the consent, and accept or
 * decline in place. Opening the room with a sent quote records it as viewed.
 */
import { useEffect, useRef, useState } from 'react';
import { call } from './api.ts';
import { useAction } from './data.tsx';
import { fill, useWords } from './lang.tsx';
import { isClosed, type PricedLine, type Quote, type Room } from './types.ts';
import { ErrorLine, Field, Section } from './ui.tsx';

function Line({ line, currency }: { line: PricedLine; currency: string }) {
  const { s, money, said } = useWords();
  const name = said(line.names);
  return (
    <div className="room-line">
      <h4>
        {name} <span className="room-muted">{line.sku}</span> <span className="room-qty">× {line.quantity} {line.unit}</span>
      </h4>
      <table className="room-explain">
        <caption className="visually-hidden">{fill(s.quote.lineCaption, { name })}</caption>
        <tbody>
          {line.referenceFrom === 'orders' && (
            <tr className="reference">
              <th scope="row">
                {fill(s.quote.usual, { unit: line.unit })} <small className="room-muted">{s.quote.usualHint}</small>
              </th>
              <td>{money(line.referenceUnitMinor, currency)}</td>
            </tr>
          )}
          <tr>
            <th scope="row">
              {fill(s.quote.list, { unit: line.unit })}
              {line.referenceFrom === 'list' && <small className="room-muted"> {s.quote.listIsReference}</small>}
            </th>
            <td>{money(line.listUnitMinor, currency)}</td>
          </tr>
          {line.adjustments.map((a, i) => {
            const bound = a.kind === line.boundBy;
            return (
              <tr key={`${a.rule}-${i}`} className={`adjustment kind-${a.kind}${bound ? ' bound' : ''}`}>
                <th scope="row">
                  {said(a.reason)}
                  {bound && (
                    <>
                      {' '}
                      <span className="room-badge ok">{s.quote.protected}</span>
                    </>
                  )}
                </th>
                <td>{money(a.amountMinor, currency, true)}</td>
              </tr>
            );
          })}
          <tr className="price">
            <th scope="row">{fill(s.quote.price, { unit: line.unit })}</th>
            <td>{money(line.unitMinor, currency)}</td>
          </tr>
          <tr className="line-total">
            <th scope="row">{fill(s.quote.lineTotal, { count: line.quantity, unit: line.unit })}</th>
            <td>{money(line.lineTotalMinor, currency)}</td>
          </tr>
        </tbody>
      </table>
      {line.lowest30dUnitMinor !== null && <p className="room-muted room-small">{fill(s.quote.lowest30d, { amount: money(line.lowest30dUnitMinor, currency) })}</p>}
    </div>
  );
}

function Answer({ quote }: { quote: Quote }) {
  const { s, said } = useWords();
  const [consent, setConsent] = useState('');
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState('');
  const accept = useAction(() => call('POST', `/quotes/${quote.id}/accept`, quote.consent.required ? { consent } : {}));
  const decline = useAction(() => call('POST', `/quotes/${quote.id}/decline`, reason.trim() ? { reason: reason.trim() } : {}));
  const multiple = quote.consent.multiplier ? said(quote.consent.multiplier) : null;
  if (declining) {
    return (
      <form
        className="room-form"
        aria-label={fill(s.quote.declineTitle, { version: quote.version })}
        onSubmit={(e) => {
          e.preventDefault();
          void decline.act();
        }}
      >
        <h4>{fill(s.quote.declineTitle, { version: quote.version })}</h4>
        <Field label={s.quote.declineReason} hint={s.optional}>
          {(p) => <textarea {...p} autoFocus value={reason} maxLength={2000} rows={3} onChange={(e) => setReason(e.target.value)} />}
        </Field>
        <ErrorLine error={decline.error} />
        <div className="room-actions">
          <button type="submit" className="room-button danger" disabled={decline.busy}>
            {s.quote.declineYes}
          </button>
          <button type="button" className="room-button quiet" onClick={() => setDeclining(false)}>
            {s.cancel}
          </button>
        </div>
      </form>
    );
  }
  return (
    <form
      className="room-form room-accept"
      aria-label={s.quote.accept}
      onSubmit={(e) => {
        e.preventDefault();
        void accept.act();
      }}
    >
      {quote.consent.required && multiple && (
        <Field label={fill(s.quote.consentLabel, { multiple })}>
          {(p) => <input {...p} className="room-consent-input" value={consent} inputMode="decimal" autoComplete="off" required maxLength={20} onChange={(e) => setConsent(e.target.value)} />}
        </Field>
      )}
      <ErrorLine error={accept.error} />
      <div className="room-actions">
        <button type="submit" className="room-button primary" disabled={accept.busy}>
          {accept.busy ? s.quote.accepting : s.quote.accept}
        </button>
        <button type="button" className="room-button quiet" onClick={() => setDeclining(true)}>
          {s.quote.decline}
        </button>
      </div>
    </form>
  );
}

function QuoteCard({ quote, closed }: { quote: Quote; closed: boolean }) {
  const { s, money, said, date, multiple } = useWords();
  const open = !closed && (quote.status === 'sent' || quote.status === 'viewed');
  const m = quote.consent.multiplier ? said(quote.consent.multiplier) : null;
  return (
    <article className={`room-quote status-${quote.status}`} aria-labelledby={`quote-${quote.id}`}>
      <div className="room-quote-head">
        <h3 id={`quote-${quote.id}`}>{fill(s.quote.version, { version: quote.version })}</h3>
        <span className={`room-badge ${quote.status === 'accepted' ? 'ok' : open ? 'warn' : ''}`}>{s.quote.status[quote.status]}</span>
      </div>
      {open && quote.validUntil && <p className="room-muted">{fill(s.quote.validUntil, { date: date(quote.validUntil) })}</p>}
      {quote.lines.map((l, i) => (
        <Line key={`${l.productId}-${i}`} line={l} currency={quote.currency} />
      ))}
      <dl className="room-totals">
        <div>
          <dt>{s.quote.net}</dt>
          <dd>{money(quote.totalMinor, quote.currency)}</dd>
        </div>
        <div>
          <dt>{s.quote.vat}</dt>
          <dd>{money(quote.vatMinor, quote.currency)}</dd>
        </div>
        <div className="gross">
          <dt>{s.quote.gross}</dt>
          <dd>{money(quote.grossMinor, quote.currency)}</dd>
        </div>
      </dl>
      <p className="room-muted">{fill(s.quote.reference, { amount: money(quote.referenceTotalMinor, quote.currency) })}</p>
      {open && quote.consent.required && m && (
        <div className="room-consent" role="note">
          <strong>{s.quote.consentTitle}</strong>{' '}
          {fill(s.quote.consentText, { threshold: multiple(quote.consent.threshold), reference: money(quote.referenceTotalMinor, quote.currency), multiple: m })}
        </div>
      )}
      {open && <Answer quote={quote} />}
      {quote.status === 'accepted' && quote.acceptedAt && (
        <p className="room-done" role="status">
          ✓ {fill(s.quote.acceptedBy, { name: quote.acceptedBy?.name ?? '', date: date(quote.acceptedAt) })}
        </p>
      )}
      {quote.status === 'declined' && quote.declinedAt && <p className="room-muted">{fill(s.quote.declinedAt, { date: date(quote.declinedAt) })}</p>}
    </article>
  );
}

export function QuotesSection({ room }: { room: Room }) {
  const { s } = useWords();
  const viewed = useRef(new Set<string>());
  const view = useAction((id: string) => call('POST', `/quotes/${id}/view`));
  // Opening the room shows the quote: the seller learns it was seen (and the journey's "price explained" is met).
  useEffect(() => {
    if (isClosed(room)) return;
    for (const q of room.quotes) {
      if (q.status === 'sent' && !viewed.current.has(q.id)) {
        viewed.current.add(q.id);
        void view.act(q.id);
      }
    }
  });
  const quotes = [...room.quotes].sort((a, b) => b.version - a.version);
  return (
    <Section id="quote" title={s.quote.title}>
      {quotes.length === 0 ? <p className="room-muted">{s.quote.none}</p> : quotes.map((q) => <QuoteCard key={q.id} quote={q} closed={isClosed(room)} />)}
    </Section>
  );
}
