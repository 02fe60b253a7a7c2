/** The buyer's stages in order, and the way to move the journey on to the next one. */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, post } from '../api/client.ts';
import type { Journey } from '../api/types.ts';
import { Field } from '../ui/field.tsx';
import { ErrorMessage } from '../ui/problem.tsx';
import { Named } from './named.tsx';
import { journeyUrl, useJourneyAction } from './api.ts';

export function StagePath({ journey }: { journey: Journey }) {
  const { t } = useTranslation('journey');
  return (
    <ol className="stage-path" aria-label={t('stagePath.label')}>
      {journey.stages.map((s, i) => (
        <li key={s.key} className={`stage stage-${s.state}`} aria-current={s.state === 'current' ? 'step' : undefined}>
          <span className="stage-mark" aria-hidden="true">
            {s.state === 'done' ? '✓' : i + 1}
          </span>
          <span className="stage-name">{s.name}</span>
          <span className="stage-state">{t(`stagePath.${s.state}`)}</span>
        </li>
      ))}
    </ol>
  );
}

/**
 * "Move to Explore". When the buyer is not done, the server answers 409 with
 * the unmet criteria: we list them, offer to record evidence, or to override
 * with a written reason that then stays on the journey.
 */
export function AdvanceControl({ journey }: { journey: Journey }) {
  const { t } = useTranslation('journey');
  const [blocked, setBlocked] = useState(false);
  const [reason, setReason] = useState('');
  const panel = useRef<HTMLDivElement>(null);
  const index = journey.stages.findIndex((s) => s.state === 'current');
  const next = journey.stages[index + 1];
  const advance = useJourneyAction(journey.id, (overrideReason?: string) => post<Journey>(journeyUrl(journey.id, '/advance'), overrideReason === undefined ? {} : { overrideReason }), {
    onSuccess: () => {
      setBlocked(false);
      setReason('');
    },
  });
  const unmetError = advance.error instanceof ApiError && advance.error.code === 'unmet_criteria' ? advance.error : null;

  useEffect(() => {
    if (blocked) panel.current?.focus();
  }, [blocked]);

  if (!next) {
    return <p className="muted advance-last">{t('advance.lastStage')}</p>;
  }
  // The panel follows the journey, not the 409: evidence recorded below ticks items off here.
  const unmet = journey.criteria.filter((c) => !c.met);
  const tryAdvance = () =>
    advance.mutate(undefined, {
      onError: (err) => {
        if (err instanceof ApiError && err.code === 'unmet_criteria') setBlocked(true);
      },
    });
  const override = (e: FormEvent) => {
    e.preventDefault();
    advance.mutate(reason);
  };
  const showEvidence = (key: string) => {
    const box = document.getElementById(`criterion-${key}`);
    box?.scrollIntoView({ block: 'center', behavior: 'smooth' });
    box?.querySelector('textarea')?.focus({ preventScroll: true });
  };

  return (
    <div className="advance">
      <div className="advance-row">
        <button type="button" className="primary" onClick={tryAdvance} disabled={advance.isPending || journey.status === 'paused'}>
          {t('advance.button', { stage: next.name })} <span aria-hidden="true">→</span>
        </button>
        <span className="muted">{t('advance.readiness', { met: journey.readiness.met, total: journey.readiness.total })}</span>
      </div>
      {journey.status === 'paused' && <p className="muted">{t('advance.paused')}</p>}
      {!unmetError && !(blocked && unmet.length > 0) && <ErrorMessage error={advance.error} />}
      {blocked && (
        <div className="advance-blocked" ref={panel} tabIndex={-1} role="group" aria-labelledby="advance-blocked-title">
          <h2 id="advance-blocked-title" className="advance-blocked-title">
            <span aria-hidden="true">⚠ </span>
            {unmet.length > 0 ? t('advance.notReady', { stage: journey.stageName, next: next.name }) : t('advance.nowReady', { next: next.name })}
          </h2>
          {unmet.length > 0 && (
            <>
              <p>{t('advance.missing')}</p>
              <ul className="advance-unmet">
                {unmet.map((c) => (
                  <li key={c.key}>
                    <span>{c.text}</span>{' '}
                    {c.derived ? (
                      <span className="badge accent">{t('criteria.derived')}</span>
                    ) : (
                      <button type="button" className="small" onClick={() => showEvidence(c.key)}>
                        <Named text={t('advance.recordEvidence')} detail={c.text} />
                      </button>
                    )}
                  </li>
                ))}
              </ul>
              <form className="advance-override" onSubmit={override}>
                <Field label={t('advance.overrideLabel', { next: next.name })} name="overrideReason" error={advance.error} hint={t('advance.overrideHint')}>
                  {(p) => <textarea {...p} required maxLength={2000} value={reason} onChange={(e) => setReason(e.target.value)} />}
                </Field>
                {advance.error && !unmetError && <ErrorMessage error={advance.error} />}
                <div className="actions">
                  <button type="submit" disabled={advance.isPending}>
                    {t('advance.override')}
                  </button>
                  <button
                    type="button"
                    onClick={() => {
                      setBlocked(false);
                      advance.reset();
                    }}
                  >
                    {t('common:cancel')}
                  </button>
                </div>
              </form>
            </>
          )}
        </div>
      )}
    </div>
  );
}
