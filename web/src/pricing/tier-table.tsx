/**
 * The same product, quantity and moment priced for each tier, side by side: a
 * column per tier from a new customer to a champion, so what loyalty protects
 * is seen at a glance. Each column has its reasons as the server words them.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { TierBadge } from '../loyalty/tier-badge.tsx';
import { Consent, say } from './explanation.tsx';
import { money, signed } from './money.ts';
import type { Simulation } from './types.ts';

export function TierTable({ simulation }: { simulation: Simulation }) {
  const { t, i18n } = useTranslation('pricing');
  const cols = simulation.byTier.filter((b) => b.quote.lines[0]);
  const c = simulation.quote.currency;
  const lang = i18n.language;
  const row = (label: string, cell: (i: number) => ReactNode, className?: string) => (
    <tr className={className}>
      <th scope="row">{label}</th>
      {cols.map((b, i) => (
        <td key={b.tier} className={b.tier === simulation.tier ? 'this-tier' : undefined}>
          {cell(i)}
        </td>
      ))}
    </tr>
  );
  const line = (i: number) => cols[i]!.quote.lines[0]!;
  return (
    <section className="card section by-tier" aria-labelledby="by-tier-title">
      <h2 id="by-tier-title">{t('simulator.byTier')}</h2>
      <p className="muted intro">{t('simulator.byTierIntro')}</p>
      <div className="table-scroll">
        <table className="tiers">
          <caption className="visually-hidden">{t('simulator.byTier')}</caption>
          <thead>
            <tr>
              <th scope="col">
                <span className="visually-hidden">{t('simulator.what')}</span>
              </th>
              {cols.map((b) => (
                <th key={b.tier} scope="col" className={b.tier === simulation.tier ? 'this-tier' : undefined} data-tier={b.tier}>
                  <TierBadge tier={b.tier} labelled={false} />
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {row(t('simulator.unitPrice'), (i) => <strong className="tier-price">{money(line(i).unitMinor, c)}</strong>, 'price')}
            {row(t('simulator.reference'), (i) => money(line(i).referenceUnitMinor, c))}
            {row(
              t('simulator.reasons'),
              (i) =>
                line(i).adjustments.length === 0 ? (
                  <span className="muted">{t('simulator.noAdjustments')}</span>
                ) : (
                  <ul className="tier-reasons">
                    {line(i).adjustments.map((a, k) => (
                      <li key={k}>
                        <span className="reason">{say(a.reason, lang)}</span> <span className="amount">{signed(a.amountMinor, c)}</span>
                      </li>
                    ))}
                  </ul>
                ),
              'reasons',
            )}
            {row(t('simulator.boundBy'), (i) => t(`bound.${line(i).boundBy ?? 'none'}`))}
            {row(t('simulator.consentRow'), (i) => <Consent quote={cols[i]!.quote} short />, 'consent-row')}
          </tbody>
        </table>
      </div>
    </section>
  );
}
