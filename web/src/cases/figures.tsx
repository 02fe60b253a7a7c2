/**
 * The Cases page's figures (GET /cases/metrics) for a chosen period: a bar
 * chart of the median business hours to first response and to accepted
 * resolution per tier (an SVG image with a title and a description in words),
 * and tables by tier and by seller with the acceptance and reopen rates and
 * the cases closed without agreement — which never count as resolved.
 */
import { useQuery } from '@tanstack/react-query';
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { get, qs } from '../api/client.ts';
import { TIERS } from '../api/types.ts';
import { day, decimal, integer, percent } from '../loyalty/format.ts';
import { TierBadge, tierWord } from '../loyalty/tier-badge.tsx';
import { ErrorMessage } from '../ui/problem.tsx';
import type { CaseMetrics, Figures } from './api.ts';

const localToday = () => new Intl.DateTimeFormat('sv-SE').format(new Date());
const daysBefore = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);

export function CaseFigures() {
  const { t } = useTranslation('cases');
  const [period, setPeriod] = useState<{ from?: string; to?: string }>({});
  const [from, setFrom] = useState(() => daysBefore(localToday(), 89));
  const [to, setTo] = useState(localToday);
  const metrics = useQuery({
    queryKey: ['cases', 'metrics', period],
    queryFn: () => get<CaseMetrics>(`/cases/metrics${qs(period)}`),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setPeriod({ from, to });
  };
  const last = (n: number) => {
    const end = localToday();
    setFrom(daysBefore(end, n - 1));
    setTo(end);
    setPeriod({ from: daysBefore(end, n - 1), to: end });
  };
  const m = metrics.data;
  return (
    <section className="card section case-figures" aria-labelledby="case-figures-title">
      <h2 id="case-figures-title">{t('figures.title')}</h2>
      <p className="muted">{t('figures.intro')}</p>
      <form className="row case-period" onSubmit={submit} aria-label={t('figures.period')}>
        <div className="field">
          <label htmlFor="case-from">{t('figures.from')}</label>
          <input id="case-from" type="date" value={from} max={to} onChange={(e) => setFrom(e.target.value)} required />
        </div>
        <div className="field">
          <label htmlFor="case-to">{t('figures.to')}</label>
          <input id="case-to" type="date" value={to} min={from} onChange={(e) => setTo(e.target.value)} required />
        </div>
        <button type="submit" style={{ marginBottom: '0.75rem' }}>
          {t('figures.show')}
        </button>
        <span className="case-period-quick" style={{ marginBottom: '0.75rem', display: 'flex', gap: '0.4rem', flexWrap: 'wrap' }}>
          <button type="button" className="small" onClick={() => last(30)}>
            {t('figures.last30')}
          </button>
          <button type="button" className="small" onClick={() => last(90)}>
            {t('figures.last90')}
          </button>
          <button type="button" className="small" onClick={() => last(365)}>
            {t('figures.last365')}
          </button>
        </span>
      </form>
      {metrics.isPending && (
        <p className="muted" role="status">
          {t('figures.loading')}
        </p>
      )}
      <ErrorMessage error={metrics.error} />
      {m && (
        <>
          <p className="case-figures-total" role="status">
            {t('page.count', { count: m.total.cases })} · {t('figures.period')}: {day(m.from)} – {day(m.to)}
          </p>
          <MedianChart metrics={m} />
          <FiguresTable metrics={m} by="tier" />
          <FiguresTable metrics={m} by="seller" />
        </>
      )}
    </section>
  );
}

const hoursText = (v: number | null, t: (k: string, o?: Record<string, unknown>) => string) => (v === null ? t('figures.noData') : t('figures.hours', { value: decimal(v) }));

const W = 640;
const H = 240;
const PAD = { top: 12, right: 12, bottom: 44, left: 52 };
const PW = W - PAD.left - PAD.right;
const PH = H - PAD.top - PAD.bottom;

/** Two bars per tier: median hours to first response and to accepted resolution; a tier with none has no bar. */
function MedianChart({ metrics }: { metrics: CaseMetrics }) {
  const { t } = useTranslation('cases');
  const lt = useTranslation('loyalty').t;
  const id = useId();
  const rows = metrics.byTier;
  const max = Math.max(1, ...rows.flatMap((r) => [r.medianFirstResponseHours ?? 0, r.medianResolutionHours ?? 0]));
  const top = niceTop(max);
  const ticks = [0, top / 2, top];
  const slot = PW / rows.length;
  const bar = Math.min(28, slot * 0.32);
  const y = (v: number) => PAD.top + PH - (v / top) * PH;
  const details = rows
    .map((r) => t('figures.chartItem', { tier: tierWord(lt, r.tier), first: hoursText(r.medianFirstResponseHours, t), resolution: hoursText(r.medianResolutionHours, t) }))
    .join('; ');
  return (
    <figure className="case-chart" style={{ margin: '0.5rem 0 1rem' }}>
      <svg className="chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${id}-t`} aria-describedby={`${id}-d`} style={{ width: '100%', maxWidth: '44rem', height: 'auto' }}>
        <title id={`${id}-t`}>{t('figures.chartTitle')}</title>
        <desc id={`${id}-d`}>{t('figures.chartDesc', { details })}</desc>
        {ticks.map((v) => (
          <g key={v}>
            <line className="grid" x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} stroke="var(--line)" />
            <text className="tick" x={PAD.left - 6} y={y(v)} textAnchor="end" dominantBaseline="middle" fontSize="11" fill="var(--muted)">
              {decimal(v)}
            </text>
          </g>
        ))}
        {rows.map((r, i) => {
          const cx = PAD.left + slot * (i + 0.5);
          const bars: [number | null, string, string][] = [
            [r.medianFirstResponseHours, 'first', 'var(--accent)'],
            [r.medianResolutionHours, 'resolution', 'var(--ok)'],
          ];
          return (
            <g key={r.tier} data-tier={r.tier}>
              {bars.map(([v, kind, fill], k) =>
                v === null ? null : (
                  <rect key={kind} className={`bar bar-${kind}`} x={cx - bar + k * bar} width={bar - 2} y={y(v)} height={Math.max(0.5, PAD.top + PH - y(v))} fill={fill} rx={2}>
                    <title>{`${tierWord(lt, r.tier)}: ${kind === 'first' ? t('figures.legendFirst') : t('figures.legendResolution')} ${hoursText(v, t)}`}</title>
                  </rect>
                ),
              )}
              <text x={cx} y={PAD.top + PH + 16} textAnchor="middle" fontSize="11" fill="var(--text)">
                {tierWord(lt, r.tier)}
              </text>
            </g>
          );
        })}
        <line x1={PAD.left} x2={W - PAD.right} y1={PAD.top + PH} y2={PAD.top + PH} stroke="var(--muted)" />
        <text x={12} y={PAD.top + PH / 2} transform={`rotate(-90 12 ${PAD.top + PH / 2})`} textAnchor="middle" fontSize="11" fill="var(--muted)">
          {t('figures.axis')}
        </text>
        <g transform={`translate(${PAD.left} ${H - 12})`} fontSize="11" fill="var(--text)">
          <rect width="10" height="10" y="-9" fill="var(--accent)" />
          <text x="14">{t('figures.legendFirst')}</text>
          <rect x="150" width="10" height="10" y="-9" fill="var(--ok)" />
          <text x="164">{t('figures.legendResolution')}</text>
        </g>
      </svg>
    </figure>
  );
}

/** 1, 2, 5 × 10^n at or above the largest value. */
function niceTop(max: number): number {
  const p = 10 ** Math.floor(Math.log10(max));
  for (const f of [1, 2, 5, 10]) if (f * p >= max) return f * p;
  return 10 * p;
}

function FiguresTable({ metrics, by }: { metrics: CaseMetrics; by: 'tier' | 'seller' }) {
  const { t } = useTranslation('cases');
  const rows: { key: string; head: ReactNode; f: Figures }[] =
    by === 'tier'
      ? metrics.byTier.filter((r) => TIERS.includes(r.tier)).map((r) => ({ key: r.tier, head: <TierBadge tier={r.tier} labelled={false} />, f: r }))
      : metrics.bySeller.map((r) => ({ key: r.userId, head: r.name ?? t('figures.unknownSeller'), f: r }));
  return (
    <div className="case-figures-table" style={{ overflowX: 'auto' }}>
      <h3>{by === 'tier' ? t('figures.byTier') : t('figures.bySeller')}</h3>
      <table className="list">
        <caption className="visually-hidden">{t(by === 'tier' ? 'figures.caption' : 'figures.captionSeller', { from: day(metrics.from), to: day(metrics.to) })}</caption>
        <thead>
          <tr>
            <th scope="col">{by === 'tier' ? t('figures.tier') : t('figures.seller')}</th>
            <th scope="col" className="num">{t('figures.cases')}</th>
            <th scope="col" className="num">{t('figures.open')}</th>
            <th scope="col" className="num">{t('figures.resolved')}</th>
            <th scope="col" className="num">{t('figures.closed')}</th>
            <th scope="col" className="num">{t('figures.firstResponse')}</th>
            <th scope="col" className="num">{t('figures.resolution')}</th>
            <th scope="col" className="num">{t('figures.acceptance')}</th>
            <th scope="col" className="num">{t('figures.reopen')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ key, head, f }) => (
            <FigureRow key={key} head={head} f={f} />
          ))}
          <FigureRow head={<strong>{t('figures.total')}</strong>} f={metrics.total} />
        </tbody>
      </table>
    </div>
  );
}

function FigureRow({ head, f }: { head: ReactNode; f: Figures }) {
  const { t } = useTranslation('cases');
  const none = t('figures.none');
  return (
    <tr>
      <th scope="row">{head}</th>
      <td className="num">{integer(f.cases)}</td>
      <td className="num">{integer(f.open)}</td>
      <td className="num">{integer(f.resolved)}</td>
      <td className="num">{integer(f.closedWithoutAgreement)}</td>
      <td className="num">{f.medianFirstResponseHours === null ? none : decimal(f.medianFirstResponseHours)}</td>
      <td className="num">{f.medianResolutionHours === null ? none : decimal(f.medianResolutionHours)}</td>
      <td className="num">{f.acceptanceRate === null ? none : percent(f.acceptanceRate)}</td>
      <td className="num">{f.reopenRate === null ? none : percent(f.reopenRate)}</td>
    </tr>
  );
}
