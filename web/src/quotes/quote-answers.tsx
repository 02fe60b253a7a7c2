/**
 * Sending a draft, and recording the buyer's answer to a sent quote (for a
 * seller who got it by mail or phone; the portal records it itself later):
 * acceptance with the buyer's name and, when the quote needs consent, the
 * multiple the buyer typed; or a decline with the buyer's reason.
 */
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useJourneyAction } from '../journey/api.ts';
import { Field } from '../ui/field.tsx';
import { ErrorMessage } from '../ui/problem.tsx';
import { acceptQuote, declineQuote, sendQuote } from './api.ts';
import { said } from './format.ts';
import { endOfZonedDay, zonedDay } from './moment.ts';
import type { Quote } from './types.ts';

interface Props {
  quote: Quote;
  zone: string;
  onDone: () => void;
}

/** What the three forms share: a titled form, Escape to leave it, the error, and submit and cancel. */
function QuoteForm(props: {
  kind: 'send' | 'accept' | 'decline';
  quote: Quote;
  action: { error: unknown; isPending: boolean };
  onSubmit: () => void;
  onDone: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation('quotes');
  const id = useId();
  const { kind, action } = props;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    props.onSubmit();
  };
  return (
    <form className={`subform quote-${kind}`} aria-labelledby={`${id}-title`} onSubmit={submit} onKeyDown={(e) => e.key === 'Escape' && props.onDone()}>
      <h4 id={`${id}-title`} className="form-title">
        {t(`${kind}.title`, { version: props.quote.version })}
      </h4>
      {props.children}
      <ErrorMessage error={action.error} />
      <div className="actions">
        <button type="submit" className="primary" disabled={action.isPending}>
          {action.isPending ? t(kind === 'send' ? 'send.sending' : `${kind}.saving`) : t(`${kind}.submit`)}
        </button>
        <button type="button" onClick={props.onDone}>
          {t('common:cancel')}
        </button>
      </div>
    </form>
  );
}

export function SendForm({ quote, zone, onDone }: Props) {
  const { t } = useTranslation('quotes');
  const [day, setDay] = useState(() => zonedDay(new Date(), zone, 30));
  const send = useJourneyAction(quote.journeyId, (validUntil: string | null) => sendQuote(quote.id, validUntil ? { validUntil } : {}), { onSuccess: onDone });
  return (
    <QuoteForm kind="send" quote={quote} action={send} onSubmit={() => send.mutate(day ? endOfZonedDay(day, zone) : null)} onDone={onDone}>
      <Field label={t('send.validUntil')} name="validUntil" error={send.error} hint={t('send.validUntilHint', { zone })}>
        {(p) => <input {...p} autoFocus type="date" required min={zonedDay(new Date(), zone, 1)} value={day} onChange={(e) => setDay(e.target.value)} />}
      </Field>
    </QuoteForm>
  );
}

export function AcceptForm({ quote, onDone }: Omit<Props, 'zone'>) {
  const { t } = useTranslation('quotes');
  const [name, setName] = useState('');
  const [consent, setConsent] = useState('');
  const accept = useJourneyAction(quote.journeyId, (body: { name: string; consent?: string }) => acceptQuote(quote.id, body), { onSuccess: onDone });
  const needs = quote.consent.required && quote.consent.multiplier !== null;
  return (
    <QuoteForm kind="accept" quote={quote} action={accept} onSubmit={() => accept.mutate({ name, ...(needs ? { consent } : {}) })} onDone={onDone}>
      <p className="muted section-intro">{t('accept.intro')}</p>
      <Field label={t('accept.name')} name="name" error={accept.error} hint={t('accept.nameHint')}>
        {(p) => <input {...p} autoFocus required maxLength={200} autoComplete="off" value={name} onChange={(e) => setName(e.target.value)} />}
      </Field>
      {needs && (
        <Field
          label={t('accept.consent')}
          name="consent"
          error={accept.error}
          hint={t('accept.consentHint', { multiple: said(quote.consent.multiplier!) })}
        >
          {(p) => <input {...p} required maxLength={20} inputMode="decimal" autoComplete="off" className="consent-input" value={consent} onChange={(e) => setConsent(e.target.value)} />}
        </Field>
      )}
    </QuoteForm>
  );
}

export function DeclineForm({ quote, onDone }: Omit<Props, 'zone'>) {
  const { t } = useTranslation('quotes');
  const [reason, setReason] = useState('');
  const decline = useJourneyAction(quote.journeyId, (r: string) => declineQuote(quote.id, { reason: r.trim() || null }), { onSuccess: onDone });
  return (
    <QuoteForm kind="decline" quote={quote} action={decline} onSubmit={() => decline.mutate(reason)} onDone={onDone}>
      <Field label={t('decline.reason')} name="reason" error={decline.error} hint={t('decline.reasonHint')}>
        {(p) => <textarea {...p} autoFocus maxLength={2000} value={reason} onChange={(e) => setReason(e.target.value)} />}
      </Field>
    </QuoteForm>
  );
}
