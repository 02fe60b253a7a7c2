/**
 * A case's target clock on screen: its state in words (never colour only),
 * the due time, and the time left counting down live, or how late it is in
 * red. A paused clock says it waits on the customer.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { dateTime } from '../format.ts';
import type { Clock, ClockState, SellerCase, ShownStatus } from './api.ts';

/** The time now, renewed every `ms` while mounted (one interval per hook). */
export function useNow(ms = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(id);
  }, [ms]);
  return now;
}

type T = (key: string, opts?: Record<string, unknown>) => string;

/** "2 d 3 h", "3 h 12 min", "12 min 5 s": the larger units while far, seconds when close. */
export function leftWords(t: T, ms: number): string {
  const s = Math.max(0, Math.floor(Math.abs(ms) / 1000));
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (d > 0) return t('left.d', { d, h });
  if (h > 0) return t('left.h', { h, m });
  return t('left.m', { m, s: s % 60 });
}

const TONE: Record<ClockState, string> = { running: 'accent', paused: '', overdue: 'bad', met: 'ok', missed: 'bad' };

/** The clock that matters now: first response until answered, then resolution. */
export const currentClock = (c: SellerCase): { which: 'firstResponse' | 'resolution'; clock: Clock } =>
  c.firstResponseAt === null ? { which: 'firstResponse', clock: c.clocks.firstResponse } : { which: 'resolution', clock: c.clocks.resolution };

/** One clock, live: state, due time and the countdown (or how late). */
export function ClockView({ clock, which, now, compact = false }: { clock: Clock; which: 'firstResponse' | 'resolution'; now: number; compact?: boolean }) {
  const { t } = useTranslation('cases');
  const due = clock.dueAt ? Date.parse(clock.dueAt) : null;
  // The server said running; the browser's clock may have passed the due time since.
  const state: ClockState = clock.state === 'running' && due !== null && due <= now ? 'overdue' : clock.state;
  const left = due === null ? null : due - now;
  return (
    <span className={`case-clock clock-${state}`} data-clock={which} data-state={state}>
      <span className={`badge ${TONE[state]}`}>
        {!compact && <>{t(`clock.${which}`)}: </>}
        {t(`clock.${state}`)}
      </span>{' '}
      {left !== null && ((state === 'running' && left >= 0) || (state === 'overdue' && left < 0)) && (
        <span className="case-countdown" role="timer" aria-live="off">
          {left >= 0 ? t('clock.dueIn', { left: leftWords(t, left) }) : t('clock.overdueBy', { left: leftWords(t, left) })}
        </span>
      )}{' '}
      {clock.dueAt && (state === 'running' || state === 'overdue') && (
        <time className="muted small case-due" dateTime={clock.dueAt}>
          ({t('clock.dueAt', { when: dateTime(clock.dueAt) })})
        </time>
      )}
      {clock.doneAt && (state === 'met' || state === 'missed') && (
        <time className="muted small" dateTime={clock.doneAt}>
          {t('clock.doneAt', { when: dateTime(clock.doneAt) })}
        </time>
      )}
    </span>
  );
}

/** A list row's timer: the running clock, or why none runs. */
export function CaseTimer({ item, now }: { item: SellerCase; now: number }) {
  const { t } = useTranslation('cases');
  const { which, clock } = currentClock(item);
  if (item.status === 'proposed')
    return (
      <span className="case-clock clock-paused" data-state="paused">
        <span className="badge">{t('clock.paused')}</span>
      </span>
    );
  if (item.status === 'open') return <ClockView clock={clock} which={which} now={now} />;
  return <ClockView clock={item.clocks.resolution} which="resolution" now={now} />;
}

const STATUS_TONE: Record<ShownStatus, string> = { open: 'warn', proposed: 'accent', unanswered: 'bad', resolved: 'ok', closed: '' };

/** The case's shown status; an unanswered proposal is said plainly, never as accepted. */
export function StatusBadge({ status }: { status: ShownStatus }) {
  const { t } = useTranslation('cases');
  return (
    <span className={`badge case-status ${STATUS_TONE[status]}`} data-status={status} title={status === 'unanswered' ? t('unansweredHint') : undefined}>
      {status === 'unanswered' && <span aria-hidden="true">⚠ </span>}
      {t(`status.${status}`)}
    </span>
  );
}

const PRIORITY_TONE: Record<string, string> = { urgent: 'bad', high: 'warn', normal: 'accent', low: '' };

export function PriorityBadge({ priority }: { priority: string }) {
  const { t } = useTranslation('cases');
  return (
    <span className={`badge ${PRIORITY_TONE[priority] ?? ''}`} data-priority={priority}>
      <span className="visually-hidden">{t('priorityLabel')}: </span>
      {t(`priority.${priority}`)}
    </span>
  );
}
