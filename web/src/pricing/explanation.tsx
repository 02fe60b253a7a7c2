/**
 * One priced line explained, as the buyer would read it: the reference price
 * and where it comes from, the list price, each adjustment with the server's
 * reason and its amount, what bound the price, the price, and whether the
 * buyer must consent.
 */
import { useTranslation } from 'react-i18next';
import type { Tier } from '../api/types.ts';
import { TierBadge } from '../loyalty/tier-badge.tsx';
import { money, signed } from './money.ts';
import type { PricedQuote, Text } from './types.ts';

export const say = (text: Text, lang: string) => (lang === 'en' ? text.en : text.sv);

interface Props {
  quote: PricedQuote;
  tier: Tier;
  who: string | null;
}

export function Explanation({ quote, tier, who }: Props) {
  const { t, i18n } = useTranslation('pricing');
  const line = quote.lines[0];
  if (!line) return null;
  const c = quote.currency;
  const lang = i18n.language;
  return (
    <section className="card section explanation" aria-labelledby="explanation-title">
      <h2 id="explanation-title">
        {who ? t('simulator.priceFor', { who }) : t('simulator.priceForTier')} <TierBadge tier={tier} />
      </h2>
      <p className="final">
        <span className="final-label">{t('simulator.unitPrice')}</span>
        <strong className="final-price" data-testid="final-price">
          {money(line.unitMinor, c)}
        </strong>
        {line.quantity > 1 && <span className="muted">{t('simulator.lineTotal', { quantity: line.quantity, total: money(line.lineTotalMinor, c) })}</span>}
      </p>
      <table className="reasons">
        <caption className="visually-hidden">{t('simulator.reasonsCaption')}</caption>
        <tbody>
          <tr>
            <th scope="row">{line.referenceFrom === 'orders' ? t('simulator.referenceOrders') : t('simulator.referenceList')}</th>
            <td className="num">{money(line.referenceUnitMinor, c)}</td>
          </tr>
          <tr>
            <th scope="row">{t('simulator.listPrice')}</th>
            <td className="num">{money(line.listUnitMinor, c)}</td>
          </tr>
          {line.adjustments.map((a, i) => (
            <tr key={i} className={`adjustment kind-${a.kind}`}>
              <th scope="row" className="reason">
                {say(a.reason, lang)}
              </th>
              <td className="num">{signed(a.amountMinor, c)}</td>
            </tr>
          ))}
          <tr className="bound">
            <th scope="row">{t('simulator.boundBy')}</th>
            <td>{t(`bound.${line.boundBy ?? 'none'}`)}</td>
          </tr>
          <tr className="total">
            <th scope="row">{t('simulator.unitPrice')}</th>
            <td className="num">{money(line.unitMinor, c)}</td>
          </tr>
        </tbody>
      </table>
      <Consent quote={quote} />
    </section>
  );
}

/** Whether the buyer must type the multiple before accepting, in words. */
export function Consent({ quote, short = false }: { quote: PricedQuote; short?: boolean }) {
  const { t, i18n } = useTranslation('pricing');
  const m = quote.consent.multiplier;
  if (!quote.consent.required || !m) return <p className="consent none">{t('simulator.noConsent')}</p>;
  const multiple = say(m, i18n.language);
  return <p className="consent needed">{short ? t('simulator.consentShort', { multiple }) : t('simulator.consent', { multiple })}</p>;
}
