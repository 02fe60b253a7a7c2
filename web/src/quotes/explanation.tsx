/**
 * A quote's lines as the buyer reads them (the server's explainLine, row by
 * row): what they usually pay, the list price, each adjustment with its reason
 * in the user's language and its amount, the limit that protected them, and
 * their price; then the totals with VAT apart, and the consent the quote needs.
 * The reasons come worded from the server; only the labels around them are ours.
 */
import { useTranslation } from 'react-i18next';
import { multiple, nameOf, quoteMoney, said } from './format.ts';
import type { PricedLine, Pricing } from './types.ts';
import './explanation.css';

type Audience = 'seller' | 'buyer';

export function LineExplanation({ line, currency, headingLevel = 4 }: { line: PricedLine; currency: string; headingLevel?: 2 | 3 | 4 | 5 }) {
  const { t } = useTranslation('quotes');
  const money = (m: number, signed = false) => quoteMoney(m, currency, signed);
  const H = `h${headingLevel}` as const;
  const name = nameOf(line.names);
  return (
    <section className="quote-line" aria-label={t('line.label', { name, sku: line.sku })} data-product={line.productId}>
      <H className="quote-line-head">
        <span>{name}</span> <span className="muted sku">{line.sku}</span>
        <span className="quote-line-qty">{t('line.quantity', { count: line.quantity, unit: line.unit })}</span>
      </H>
      <table className="explain">
        <caption className="visually-hidden">{t('line.caption', { name })}</caption>
        <tbody>
          {line.referenceFrom === 'orders' && (
            <tr className="explain-reference">
              <th scope="row">
                {t('line.usual')} <small className="muted">{t('line.usualHint')}</small>
              </th>
              <td>{money(line.referenceUnitMinor)}</td>
            </tr>
          )}
          <tr className="explain-list">
            <th scope="row">
              {t('line.list')}
              {line.referenceFrom === 'list' && <small className="muted"> {t('line.listIsReference')}</small>}
            </th>
            <td>{money(line.listUnitMinor)}</td>
          </tr>
          {line.adjustments.map((a, i) => {
            const bound = a.kind === line.boundBy;
            return (
              <tr key={`${a.rule}-${i}`} className={`explain-adjustment kind-${a.kind}${bound ? ' explain-bound' : ''}`} data-kind={a.kind}>
                <th scope="row">
                  <span className="reason">{said(a.reason)}</span>
                  {bound && (
                    <>
                      {' '}
                      <span className="badge ok bound-badge">{t('line.bound')}</span>
                    </>
                  )}
                </th>
                <td>{money(a.amountMinor, true)}</td>
              </tr>
            );
          })}
          <tr className="explain-price">
            <th scope="row">{t('line.price', { unit: line.unit })}</th>
            <td>{money(line.unitMinor)}</td>
          </tr>
          <tr className="explain-total">
            <th scope="row">{t('line.total', { count: line.quantity, unit: line.unit })}</th>
            <td>{money(line.lineTotalMinor)}</td>
          </tr>
        </tbody>
      </table>
      {line.lowest30dUnitMinor !== null && <p className="muted small-print">{t('line.lowest30d', { amount: money(line.lowest30dUnitMinor) })}</p>}
    </section>
  );
}

export function Totals({ pricing }: { pricing: Pricing }) {
  const { t } = useTranslation('quotes');
  const money = (m: number) => quoteMoney(m, pricing.currency);
  const vatRates = [...new Set(pricing.lines.map((l) => l.vatBp))];
  const vatLabel = vatRates.length === 1 ? t('totals.vatAt', { rate: multiple(vatRates[0]! / 100) }) : t('totals.vat');
  return (
    <dl className="quote-totals">
      <div>
        <dt>{t('totals.net')}</dt>
        <dd className="total-net">{money(pricing.totalMinor)}</dd>
      </div>
      <div>
        <dt>{vatLabel}</dt>
        <dd className="total-vat">{money(pricing.vatMinor)}</dd>
      </div>
      <div className="gross">
        <dt>{t('totals.gross')}</dt>
        <dd className="total-gross">{money(pricing.grossMinor)}</dd>
      </div>
    </dl>
  );
}

/** "The buyer must type 2,0 to accept": shown whenever the quote needs consent. */
export function ConsentNote({ pricing, audience }: { pricing: Pricing; audience: Audience }) {
  const { t } = useTranslation('quotes');
  const c = pricing.consent;
  if (!c.required || !c.multiplier) return null;
  const vars = { multiple: said(c.multiplier), threshold: multiple(c.threshold), reference: quoteMoney(pricing.referenceTotalMinor, pricing.currency) };
  return (
    <div className="notice consent-note">
      <strong>{t('consent.title')}</strong> {t(`consent.${audience}`, vars)}
    </div>
  );
}

/** Every line explained, then the totals and the consent. */
export function PricingExplained({ pricing, audience, headingLevel }: { pricing: Pricing; audience: Audience; headingLevel?: 2 | 3 | 4 | 5 }) {
  return (
    <div className="pricing-explained">
      {pricing.lines.map((l, i) => (
        <LineExplanation key={`${l.productId}-${i}`} line={l} currency={pricing.currency} headingLevel={headingLevel} />
      ))}
      <Totals pricing={pricing} />
      <ConsentNote pricing={pricing} audience={audience} />
    </div>
  );
}
