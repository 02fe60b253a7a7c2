/**
 * Loyalty across the org: how many accounts each tier holds (each a way into
 * the accounts list), which accounts changed tier this quarter, and the
 * champions and loyal accounts who are drifting away. Admins and managers
 * can recompute the cuts and the model now.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { post } from '../api/client.ts';
import type { LoyaltySummary, RecomputeResult } from '../api/types.ts';
import { useMe } from '../auth.tsx';
import { dateTime } from '../format.ts';
import { day, decimal, integer, percent } from '../loyalty/format.ts';
import '../loyalty/loyalty.css';
import { refreshTiers, summaryQuery } from '../loyalty/queries.ts';
import { TierBadge, tierWord } from '../loyalty/tier-badge.tsx';
import { ErrorMessage } from '../ui/problem.tsx';

export function LoyaltyPage() {
  const { t } = useTranslation('loyalty');
  const tc = useTranslation().t;
  const me = useMe();
  const summary = useQuery(summaryQuery);
  const role = me.data?.user.role;
  const mayRecompute = role === 'admin' || role === 'manager';

  return (
    <section className="page loyalty-page" aria-labelledby="loyalty-page-title">
      <div className="page-head">
        <div>
          <h1 id="loyalty-page-title">{t('page.title')}</h1>
          <p>{t('page.intro')}</p>
        </div>
        {mayRecompute && <Recompute />}
      </div>

      {summary.isPending ? (
        <p className="loading" role="status">
          {tc('loading')}
        </p>
      ) : summary.isError ? (
        <div className="card">
          <ErrorMessage error={summary.error} />
          <button type="button" onClick={() => void summary.refetch()}>
            {tc('retry')}
          </button>
        </div>
      ) : (
        <Summary s={summary.data} />
      )}
    </section>
  );
}

function Summary({ s }: { s: LoyaltySummary }) {
  const { t } = useTranslation('loyalty');
  const period = t('page.period', { from: day(s.from), to: day(s.to) });
  return (
    <>
      <p className="model">
        {s.model ? t('page.model', { when: dateTime(s.model.fittedAt), count: s.model.customers, customers: integer(s.model.customers) }) : t('page.noModel')}
        {s.computedAt && <> {t('page.computed', { when: dateTime(s.computedAt) })}</>}
      </p>
      <div className="grid-2">
        <section className="card section" aria-labelledby="tiers-title">
          <h2 id="tiers-title">{t('page.tiers')}</h2>
          <p className="intro">{t('page.tiersCaption')}</p>
          <TierBars tiers={s.tiers} />
        </section>
        <section className="card section" aria-labelledby="moves-title">
          <h2 id="moves-title">
            {t('page.moves')} <span className="period">{period}</span>
          </h2>
          {s.moves.length === 0 ? (
            <p className="empty">{t('page.movesEmpty')}</p>
          ) : (
            <table className="list moves">
              <caption className="visually-hidden">{t('page.movesCaption', { from: day(s.from), to: day(s.to) })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('page.from')}</th>
                  <th scope="col">{t('page.to')}</th>
                  <th scope="col" className="num">
                    {t('page.count')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {s.moves.map((m) => (
                  <tr key={`${m.from ?? ''}-${m.to}`}>
                    <td>{m.from ? <TierBadge tier={m.from} labelled={false} /> : <span className="muted">{t('page.noTier')}</span>}</td>
                    <td>
                      <TierBadge tier={m.to} labelled={false} />
                    </td>
                    <td className="num">{integer(m.accounts)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </div>
      <Falling falling={s.falling} />
    </>
  );
}

/** One bar per tier, scaled to the largest; each a link to that tier's accounts. */
function TierBars({ tiers }: { tiers: LoyaltySummary['tiers'] }) {
  const { t } = useTranslation('loyalty');
  const max = Math.max(1, ...tiers.map((x) => x.accounts));
  return (
    <ul className="tier-bars">
      {tiers.map(({ tier, accounts }) => {
        const count = t('page.accounts', { count: accounts, formatted: integer(accounts) });
        return (
          <li key={tier} data-tier={tier}>
            <Link to={`/accounts?tier=${tier}`} aria-label={t('page.tierLink', { tier: tierWord(t, tier), accounts: count })}>
              <span>
                <TierBadge tier={tier} labelled={false} />
              </span>
              <span className="track" aria-hidden="true">
                <span className={`fill tier-${tier}`} style={{ width: `${(100 * accounts) / max}%` }} />
              </span>
              <span className="count">{count}</span>
            </Link>
          </li>
        );
      })}
    </ul>
  );
}

function Falling({ falling }: { falling: LoyaltySummary['falling'] }) {
  const { t } = useTranslation('loyalty');
  return (
    <section className="card section" aria-labelledby="falling-title">
      <h2 id="falling-title">{t('page.falling')}</h2>
      <p className="intro">{t('page.fallingIntro')}</p>
      {falling.length === 0 ? (
        <p className="empty">{t('page.fallingEmpty')}</p>
      ) : (
        <table className="list falling">
          <caption className="visually-hidden">{t('page.fallingCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('page.account')}</th>
              <th scope="col">{t('page.tier')}</th>
              <th scope="col" className="num">
                {t('page.before')}
              </th>
              <th scope="col" className="num">
                {t('page.now')}
              </th>
              <th scope="col">{t('page.lastOrder')}</th>
            </tr>
          </thead>
          <tbody>
            {falling.map((f) => (
              <tr key={f.accountId}>
                <th scope="row">
                  <Link to={`/accounts/${f.accountId}`}>{f.name}</Link>
                </th>
                <td>
                  <TierBadge tier={f.tier} labelled={false} />
                </td>
                <td className="num">{percent(f.pAlive90)}</td>
                <td className="num falling-now">
                  <span aria-hidden="true">↓ </span>
                  {percent(f.pAlive)}
                </td>
                <td>{day(f.lastOrderOn)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** "Recompute now": busy while it runs (focus stays on the button), then what it did. */
function Recompute() {
  const { t } = useTranslation('loyalty');
  const qc = useQueryClient();
  const run = useMutation({
    mutationFn: () => post<RecomputeResult>('/loyalty/recompute'),
    onSuccess: () => refreshTiers(qc),
  });
  const r = run.data;
  return (
    <div className="recompute">
      <button
        type="button"
        className="primary"
        // Not `disabled`: a disabled button drops the keyboard focus of whoever pressed it.
        aria-disabled={run.isPending || undefined}
        aria-describedby="recompute-hint"
        onClick={() => !run.isPending && run.mutate()}
      >
        {run.isPending ? t('page.recomputing') : t('page.recompute')}
      </button>
      <small id="recompute-hint" className="hint">
        {t('page.recomputeHint')}
      </small>
      <p role="status" className="done">
        {r && !run.isPending
          ? t('page.recomputed', { count: r.changed, accounts: integer(r.accounts), seconds: decimal(r.durationMs / 1000) })
          : ''}
      </p>
      <ErrorMessage error={run.error} />
    </div>
  );
}
