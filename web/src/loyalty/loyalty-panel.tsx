/**
 * An account's loyalty on its page: the tier and why (in the UI's language),
 * R, F, M and T with their scores, how likely the account is to buy again,
 * two small charts over 36 months, and how the tier has moved.
 */
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountLoyalty, Tier } from '../api/types.ts';
import { dateTime, money } from '../format.ts';
import { ErrorMessage } from '../ui/problem.tsx';
import { OrdersChart, PAliveChart } from './charts.tsx';
import { day, decimal, month, percent } from './format.ts';
import { accountLoyaltyQuery } from './queries.ts';
import { TierBadge, tierWord } from './tier-badge.tsx';
import './loyalty.css';

const HISTORY_SHOWN = 8;

export function LoyaltyPanel({ accountId }: { accountId: string }) {
  const { t, i18n } = useTranslation('loyalty');
  const tc = useTranslation().t;
  const loyalty = useQuery(accountLoyaltyQuery(accountId));
  const said = useTierNews(accountId, loyalty.data?.tier);

  return (
    <section className="card section loyalty" aria-labelledby="loyalty-title">
      <div className="section-head">
        <h2 id="loyalty-title">{t('panel.title')}</h2>
        {loyalty.data && <TierBadge tier={loyalty.data.tier} className="tier-large" />}
      </div>
      <p className="visually-hidden" role="status">
        {said}
      </p>
      {loyalty.isPending ? (
        <p className="muted">{tc('loading')}</p>
      ) : loyalty.isError ? (
        <>
          <ErrorMessage error={loyalty.error} />
          <button type="button" onClick={() => void loyalty.refetch()}>
            {tc('retry')}
          </button>
        </>
      ) : (
        <LoyaltyBody l={loyalty.data} lang={i18n.language === 'en' ? 'en' : 'sv'} />
      )}
    </section>
  );
}

/** "From Regular to Loyal", said once when the tier on screen changes (not when another account is opened). */
function useTierNews(accountId: string, tier: Tier | undefined): string {
  const { t } = useTranslation('loyalty');
  const seen = useRef<{ accountId: string; tier: Tier } | null>(null);
  const [news, setNews] = useState('');
  useEffect(() => {
    if (tier === undefined) return;
    const was = seen.current;
    seen.current = { accountId, tier };
    if (was?.accountId !== accountId) setNews('');
    else if (was.tier !== tier) setNews(t('panel.movedLabel', { from: tierWord(t, was.tier), to: tierWord(t, tier) }));
  }, [accountId, tier, t]);
  return news;
}

function LoyaltyBody({ l, lang }: { l: AccountLoyalty; lang: 'sv' | 'en' }) {
  const { t } = useTranslation('loyalty');
  const first = l.series[0]?.month;
  const last = l.series[l.series.length - 1]?.month;
  const totalOrders = l.series.reduce((n, s) => n + s.orders, 0);
  const withP = l.series.filter((s) => s.pAlive !== null);
  const span = first && last ? { from: month(first, 'long'), to: month(last, 'long') } : { from: '—', to: '—' };

  return (
    <>
      <p className="loyalty-explanation">{l.explanation[lang] || l.explanation.sv}</p>

      {l.facts && l.scores ? (
        <div className="loyalty-figures">
          <Rfmt l={l} />
          <dl className="loyalty-odds">
            <div>
              <dt>{t('panel.pAlive')}</dt>
              <dd>
                {l.pAlive === null ? (
                  <span className="muted small">{t('panel.noModel')}</span>
                ) : (
                  <>
                    <span className="big">{percent(l.pAlive)}</span>
                    {l.pAlive90 !== null && (
                      <span className={`was${l.pAlive90 - l.pAlive >= 0.1 ? ' falling' : ''}`}>
                        {l.pAlive90 > l.pAlive && <span aria-hidden="true">↓ </span>}
                        {l.pAlive90 < l.pAlive && <span aria-hidden="true">↑ </span>}
                        {t('panel.pAlive90', { value: percent(l.pAlive90) })}
                      </span>
                    )}
                  </>
                )}
              </dd>
            </div>
            {l.expectedOrders12m !== null && (
              <div>
                <dt>{t('panel.expected')}</dt>
                <dd>
                  <span className="big">{decimal(l.expectedOrders12m)}</span>
                </dd>
              </div>
            )}
          </dl>
        </div>
      ) : (
        <p className="empty">{t('panel.noOrders')}</p>
      )}

      {l.series.length > 0 && (
        <>
          <div className="loyalty-charts">
            <figure>
              <figcaption aria-hidden="true">{t('panel.ordersChart')}</figcaption>
              <OrdersChart
                series={l.series}
                words={{
                  title: t('panel.ordersChart'),
                  desc: t('panel.ordersDesc', { ...span, total: totalOrders, max: Math.max(0, ...l.series.map((s) => s.orders)) }),
                  yLabel: t('panel.axisOrders'),
                  xLabel: t('panel.axisMonth'),
                }}
              />
            </figure>
            <figure>
              <figcaption aria-hidden={withP.length > 0 || undefined}>{t('panel.pAliveChart')}</figcaption>
              {withP.length === 0 ? (
                <p className="muted small chart-none">{t('panel.pAliveNone')}</p>
              ) : (
                <PAliveChart
                  series={l.series}
                  words={{
                    title: t('panel.pAliveChart'),
                    desc: t('panel.pAliveDesc', {
                      ...span,
                      first: percent(withP[0]!.pAlive),
                      last: percent(withP[withP.length - 1]!.pAlive),
                      min: percent(Math.min(...withP.map((s) => s.pAlive!))),
                    }),
                    yLabel: t('panel.axisPAlive'),
                    xLabel: t('panel.axisMonth'),
                  }}
                />
              )}
            </figure>
          </div>
          <SeriesTable series={l.series} />
        </>
      )}

      <TierHistory history={l.history} />
      {l.computedAt && <p className="muted small computed">{t('panel.computed', { when: dateTime(l.computedAt) })}</p>}
    </>
  );
}

/** R, F, M and T: what each is, its value, and its score as five marks and in words. */
function Rfmt({ l }: { l: AccountLoyalty }) {
  const { t } = useTranslation('loyalty');
  const f = l.facts!;
  const s = l.scores!;
  const rows: { letter: string; name: string; value: string; score: number | null }[] = [
    {
      letter: 'R',
      name: t('panel.recency'),
      value: `${f.recencyDays === 0 ? t('panel.today') : t('panel.daysAgo', { count: f.recencyDays })} (${day(f.lastOrderOn)})`,
      score: s.r,
    },
    { letter: 'F', name: t('panel.frequency', { count: l.windowMonths }), value: t('panel.ordersCount', { count: f.frequency }), score: s.f },
    { letter: 'M', name: t('panel.monetary', { count: l.windowMonths }), value: money(f.monetaryMinor), score: s.m },
    { letter: 'T', name: t('panel.tenure'), value: `${day(f.firstOrderOn)} (${t('panel.tenureDays', { count: f.tenureDays })})`, score: null },
  ];
  return (
    <table className="list rfmt">
      <caption className="visually-hidden">{t('panel.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('panel.measure')}</th>
          <th scope="col">{t('panel.value')}</th>
          <th scope="col">{t('panel.score')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.letter} data-measure={r.letter}>
            <th scope="row">
              <span className="letter">{r.letter}</span>{' '}
              {r.name}
            </th>
            <td className="value">{r.value}</td>
            <td className="score">
              {r.score === null ? (
                <span className="muted">{t('panel.noScore')}</span>
              ) : (
                <>
                  <span className="pips" aria-hidden="true">
                    {[1, 2, 3, 4, 5].map((p) => (
                      <span key={p} className={p <= r.score! ? 'on' : undefined} />
                    ))}
                  </span>
                  <span className="score-text">{t('panel.scoreOf', { score: r.score })}</span>
                </>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The charts' figures, for those who read rather than look (and for anyone who wants the numbers). */
function SeriesTable({ series }: { series: AccountLoyalty['series'] }) {
  const { t } = useTranslation('loyalty');
  return (
    <details className="series-table">
      <summary>{t('panel.showTable')}</summary>
      {/* Scrolls on its own: focusable, so a keyboard can scroll it too. */}
      <div className="table-scroll" tabIndex={0} role="region" aria-label={t('panel.tableCaption')}>
        <table className="list">
          <caption className="visually-hidden">{t('panel.tableCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('panel.month')}</th>
              <th scope="col" className="num">
                {t('panel.orders')}
              </th>
              <th scope="col" className="num">
                {t('panel.amount')}
              </th>
              <th scope="col" className="num">
                {t('panel.axisPAlive')}
              </th>
            </tr>
          </thead>
          <tbody>
            {[...series].reverse().map((s) => (
              <tr key={s.month}>
                <th scope="row">{month(s.month, 'long')}</th>
                <td className="num">{s.orders}</td>
                <td className="num">{s.orders === 0 && s.amountMinor === 0 ? '—' : money(s.amountMinor)}</td>
                <td className="num">{percent(s.pAlive)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

function TierHistory({ history }: { history: AccountLoyalty['history'] }) {
  const { t } = useTranslation('loyalty');
  const [all, setAll] = useState(false);
  const shown = all ? history : history.slice(0, HISTORY_SHOWN);
  return (
    <div className="tier-history">
      <h3>{t('panel.history')}</h3>
      {history.length === 0 ? (
        <p className="empty">{t('panel.historyEmpty')}</p>
      ) : (
        <>
          <ol>
            {shown.map((h) => (
              <li key={`${h.at}-${h.to}`}>
                <span className="move">
                  {h.from === null ? (
                    <>
                      <span className="visually-hidden">{t('panel.firstTier', { to: tierWord(t, h.to) })}</span>
                      <span aria-hidden="true" className="move-badges">
                        <span className="first">{t('panel.first')}</span>
                        <TierBadge tier={h.to} labelled={false} />
                      </span>
                    </>
                  ) : (
                    <>
                      <span className="visually-hidden">{t('panel.movedLabel', { from: tierWord(t, h.from), to: tierWord(t, h.to) })}</span>
                      <span aria-hidden="true" className="move-badges">
                        <TierBadge tier={h.from} labelled={false} />
                        <span className="arrow">→</span>
                        <TierBadge tier={h.to} labelled={false} />
                      </span>
                    </>
                  )}
                </span>
                <span className="when">
                  <time dateTime={h.at}>{dateTime(h.at)}</time>, {t(`cause.${h.cause}`, { defaultValue: h.cause })}
                </span>
              </li>
            ))}
          </ol>
          {history.length > HISTORY_SHOWN && (
            <button type="button" className="link small" aria-expanded={all} onClick={() => setAll((a) => !a)}>
              {all ? t('panel.historyFewer') : t('panel.historyAll', { count: history.length })}
            </button>
          )}
        </>
      )}
    </div>
  );
}
