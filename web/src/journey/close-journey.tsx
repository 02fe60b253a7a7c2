/** Close the journey as won or lost, always with the reason: the team learns from both. */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../api/client.ts';
import type { Journey } from '../api/types.ts';
import { Field } from '../ui/field.tsx';
import { ErrorMessage } from '../ui/problem.tsx';
import { journeyUrl, useJourneyAction } from './api.ts';

type Outcome = 'won' | 'lost';

export function CloseJourney({ journey }: { journey: Journey }) {
  const { t } = useTranslation('journey');
  const [open, setOpen] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>('won');
  const [reason, setReason] = useState('');
  const first = useRef<HTMLInputElement>(null);
  const close = useJourneyAction(journey.id, (body: { outcome: Outcome; reason: string }) => post<Journey>(journeyUrl(journey.id, '/close'), body), {
    onSuccess: () => setOpen(false),
  });
  useEffect(() => {
    if (open) first.current?.focus();
  }, [open]);

  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)} aria-expanded="false">
        {t('close.open')}
      </button>
    );
  }
  const submit = (e: FormEvent) => {
    e.preventDefault();
    close.mutate({ outcome, reason });
  };
  return (
    <form className="close-journey" onSubmit={submit} aria-labelledby="close-journey-title">
      <h2 id="close-journey-title" className="form-title">
        {t('close.title')}
      </h2>
      <fieldset className="choice">
        <legend>{t('close.outcome')}</legend>
        {(['won', 'lost'] as const).map((o, i) => (
          <label key={o}>
            <input ref={i === 0 ? first : undefined} type="radio" name="outcome" value={o} checked={outcome === o} onChange={() => setOutcome(o)} />{' '}
            {t(`close.${o}`)}
          </label>
        ))}
      </fieldset>
      <Field label={t('close.reason')} name="reason" error={close.error} hint={t(outcome === 'won' ? 'close.reasonHintWon' : 'close.reasonHintLost')}>
        {(p) => <textarea {...p} required maxLength={2000} value={reason} onChange={(e) => setReason(e.target.value)} />}
      </Field>
      <ErrorMessage error={close.error} />
      <div className="actions">
        <button type="submit" className={outcome === 'won' ? 'primary' : 'danger'} disabled={close.isPending}>
          {t(outcome === 'won' ? 'close.submitWon' : 'close.submitLost')}
        </button>
        <button type="button" onClick={() => setOpen(false)}>
          {t('common:cancel')}
        </button>
      </div>
    </form>
  );
}
