/**
 * The loyalty panel's two small charts, hand-drawn in SVG: orders per month
 * (bars) and the probability the account buys again (a line). Each is an
 * image with a title and a description that says what it shows in words;
 * the figures themselves are in the table beside them.
 */
import { useId, type ReactNode } from 'react';
import type { AccountLoyalty } from '../api/types.ts';
import { month, percent } from './format.ts';

type Series = AccountLoyalty['series'];

const W = 360;
const H = 150;
const PAD = { top: 10, right: 8, bottom: 34, left: 52 };
const PLOT_W = W - PAD.left - PAD.right;
const PLOT_H = H - PAD.top - PAD.bottom;

interface Frame {
  title: string;
  desc: string;
  yLabel: string;
  xLabel: string;
  /** tick values and their labels, bottom to top */
  yTicks: { value: number; label: string }[];
  yMax: number;
  series: Series;
  className: string;
  children: ReactNode;
}

const x = (i: number, n: number) => PAD.left + ((i + 0.5) * PLOT_W) / Math.max(1, n);
const y = (v: number, max: number) => PAD.top + PLOT_H - (v / max) * PLOT_H;

/** Axes, grid lines, tick labels, each January marked with its year, and the axis titles. */
function ChartFrame({ title, desc, yLabel, xLabel, yTicks, yMax, series, className, children }: Frame) {
  const id = useId();
  const n = series.length;
  const years = series.flatMap((s, i) => (s.month.endsWith('-01') ? [{ i, year: s.month.slice(0, 4) }] : []));
  return (
    <svg className={`chart ${className}`} viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${id}-t`} aria-describedby={`${id}-d`} preserveAspectRatio="xMidYMid meet">
      <title id={`${id}-t`}>{title}</title>
      <desc id={`${id}-d`}>{desc}</desc>
      {yTicks.map((tk) => (
        <g key={tk.value}>
          <line className="grid" x1={PAD.left} x2={W - PAD.right} y1={y(tk.value, yMax)} y2={y(tk.value, yMax)} />
          <text className="tick" x={PAD.left - 5} y={y(tk.value, yMax)} textAnchor="end" dominantBaseline="middle">
            {tk.label}
          </text>
        </g>
      ))}
      {children}
      <line className="axis" x1={PAD.left} x2={W - PAD.right} y1={PAD.top + PLOT_H} y2={PAD.top + PLOT_H} />
      {years.map(({ i, year }) => (
        <g key={year}>
          <line className="axis" x1={x(i, n) - PLOT_W / n / 2} x2={x(i, n) - PLOT_W / n / 2} y1={PAD.top + PLOT_H} y2={PAD.top + PLOT_H + 4} />
          <text className="tick" x={x(i, n) - PLOT_W / n / 2 + 2} y={PAD.top + PLOT_H + 13}>
            {year}
          </text>
        </g>
      ))}
      <text className="axis-label" x={PAD.left + PLOT_W / 2} y={H - 4} textAnchor="middle">
        {xLabel}
      </text>
      <text className="axis-label" transform={`translate(10 ${PAD.top + PLOT_H / 2}) rotate(-90)`} textAnchor="middle">
        {yLabel}
      </text>
    </svg>
  );
}

interface Words {
  title: string;
  desc: string;
  yLabel: string;
  xLabel: string;
}

/** Orders per month as bars; the scale's top is the busiest month (at least 1). */
export function OrdersChart({ series, words }: { series: Series; words: Words }) {
  const n = series.length;
  const max = Math.max(1, ...series.map((s) => s.orders));
  const ticks = max === 1 ? [0, 1] : max % 2 === 0 ? [0, max / 2, max] : [0, max];
  const bar = Math.max(1, (PLOT_W / Math.max(1, n)) * 0.7);
  return (
    <ChartFrame {...words} series={series} yMax={max} yTicks={ticks.map((v) => ({ value: v, label: String(v) }))} className="chart-orders">
      {series.map((s, i) =>
        s.orders > 0 ? (
          <rect key={s.month} className="bar" x={x(i, n) - bar / 2} width={bar} y={y(s.orders, max)} height={PAD.top + PLOT_H - y(s.orders, max)} rx={1}>
            <title>{`${month(s.month)}: ${s.orders}`}</title>
          </rect>
        ) : null,
      )}
    </ChartFrame>
  );
}

/** The probability month by month as a line from 0 to 100 %; a month without one breaks the line. */
export function PAliveChart({ series, words }: { series: Series; words: Words }) {
  const n = series.length;
  const segments: string[] = [];
  let current = '';
  series.forEach((s, i) => {
    if (s.pAlive === null) {
      if (current) segments.push(current);
      current = '';
      return;
    }
    current += `${current ? 'L' : 'M'}${x(i, n).toFixed(1)} ${y(s.pAlive, 1).toFixed(1)}`;
  });
  if (current) segments.push(current);
  let lastIndex = series.length - 1;
  while (lastIndex >= 0 && series[lastIndex]?.pAlive === null) lastIndex--;
  const last = series[lastIndex];
  return (
    <ChartFrame
      {...words}
      series={series}
      yMax={1}
      yTicks={[0, 0.5, 1].map((v) => ({ value: v, label: percent(v) }))}
      className="chart-palive"
    >
      {segments.map((d) => (
        <path key={d} className="line" d={d} />
      ))}
      {last && last.pAlive !== null && <circle className="dot" cx={x(lastIndex, n)} cy={y(last.pAlive, 1)} r={3} />}
    </ChartFrame>
  );
}
