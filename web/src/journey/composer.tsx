/**
 * Log a touch with the buyer. An outbound one says what it is for — an open
 * criterion, an open concern, or a written why — so the team learns which
 * tools move buyers forward. Nothing typed is lost when the server objects.
 */
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError, post } from '../api/client.ts';
import { CHANNELS, type Channel, type Journey } from '../api/types.ts';
import { Field } from '../ui/field.tsx';
import { ErrorMessage, fieldProblem, problemText } from '../ui/problem.tsx';
import { journeyUrl, useJourneyAction } from './api.ts';
import { isUnresolved } from './concerns.tsx';
import { usePeople } from './people.ts';

type Direction = 'outbound' | 'inbound';
type Purpose = { criterion: string } | { concernId: string } | { why: string };

interface InteractionBody {
  channel: Channel;
  direction: Direction;
  occurredAt: string;
  summary: string;
  contactIds: string[];
  purpose?: Purpose;
}

/** Now, as the value of a datetime-local input (local time, minutes). */
function localNow(): string {
  const d = new Date();
  d.setMinutes(d.getMinutes() - d.getTimezoneOffset());
  return d.toISOString().slice(0, 16);
}

function toIso(local: string): string {
  const d = new Date(local);
  return Number.isNaN(d.getTime()) ? local : d.toISOString();
}

export function Composer({ journey }: { journey: Journey }) {
  const { t } = useTranslation('journey');
  const { t: tc } = useTranslation();
  const id = useId();
  const people = usePeople(journey);
  const [channel, setChannel] = useState<Channel>('meeting');
  const [direction, setDirection] = useState<Direction>('outbound');
  const [when, setWhen] = useState(localNow);
  const [summary, setSummary] = useState('');
  const [contactIds, setContactIds] = useState<string[]>([]);
  // '' none, 'c:<criterion key>', 'q:<concern id>', 'why'
  const [choice, setChoice] = useState('');
  const [why, setWhy] = useState('');
  const [logged, setLogged] = useState(false);

  const log = useJourneyAction(journey.id, (body: InteractionBody) => post(journeyUrl(journey.id, '/interactions'), body), {
    onSuccess: () => {
      setSummary('');
      setContactIds([]);
      setChoice('');
      setWhy('');
      setWhen(localNow());
      setLogged(true);
    },
  });

  const openCriteria = journey.criteria.filter((c) => !c.met && !c.derived);
  const openConcerns = journey.concerns.filter(isUnresolved);
  const outbound = direction === 'outbound';

  const purpose = (): Purpose | undefined => {
    if (choice.startsWith('c:')) return { criterion: choice.slice(2) };
    if (choice.startsWith('q:')) return { concernId: choice.slice(2) };
    if (choice === 'why') return { why };
    return undefined;
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setLogged(false);
    const p = purpose();
    log.mutate({ channel, direction, occurredAt: toIso(when), summary, contactIds, ...(p && { purpose: p }) });
  };
  const edited = () => setLogged(false);

  const err = log.error;
  const whyProblem = fieldProblem(err, 'purpose.why');
  const purposeProblem =
    err instanceof ApiError && err.code === 'purpose_required' ? problemText(err, tc) : whyProblem ? undefined : fieldProblem(err, 'purpose');
  const hasFieldErrors = err instanceof ApiError && (err.problem.errors?.length ?? 0) > 0;

  return (
    <form className="composer" onSubmit={submit} onChange={edited} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('composer.title')}</h3>
      <div className="row">
        <Field label={t('composer.channel')} name="channel" error={err}>
          {(p) => (
            <select {...p} value={channel} onChange={(e) => setChannel(e.target.value as Channel)}>
              {CHANNELS.map((c) => (
                <option key={c} value={c}>
                  {tc(`channel.${c}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('composer.when')} name="occurredAt" error={err}>
          {(p) => <input {...p} type="datetime-local" required value={when} onChange={(e) => setWhen(e.target.value)} />}
        </Field>
      </div>

      <fieldset className="choice direction">
        <legend>{t('composer.direction')}</legend>
        {(['outbound', 'inbound'] as const).map((d) => (
          <label key={d}>
            <input type="radio" name={`${id}-direction`} value={d} checked={direction === d} onChange={() => setDirection(d)} /> {t(`composer.${d}`)}
            <span className="muted"> — {t(`composer.${d}Hint`)}</span>
          </label>
        ))}
      </fieldset>

      <Field label={t('composer.summary')} name="summary" error={err} hint={t('composer.summaryHint')}>
        {(p) => <textarea {...p} required maxLength={5000} value={summary} onChange={(e) => setSummary(e.target.value)} />}
      </Field>

      <fieldset className="choice contacts" aria-describedby={fieldProblem(err, 'contactIds') ? `${id}-contacts-error` : undefined}>
        <legend>
          {t('composer.contacts')} <span className="muted">({tc('optional')})</span>
        </legend>
        {people.contacts.length === 0 ? (
          <p className="muted">
            {t('composer.noContacts')}{' '}
            {journey.account && <Link to={`/accounts/${journey.account.id}`}>{t('composer.addContacts')}</Link>}
          </p>
        ) : (
          <div className="check-list">
            {people.contacts.map((c) => (
              <label key={c.id}>
                <input
                  type="checkbox"
                  checked={contactIds.includes(c.id)}
                  onChange={(e) => setContactIds((ids) => (e.target.checked ? [...ids, c.id] : ids.filter((x) => x !== c.id)))}
                />{' '}
                {c.name} <span className="muted">({tc(`buyingRole.${c.buyingRole}`)})</span>
              </label>
            ))}
          </div>
        )}
        {fieldProblem(err, 'contactIds') && (
          <small id={`${id}-contacts-error`} className="field-error">
            {fieldProblem(err, 'contactIds')}
          </small>
        )}
      </fieldset>

      <fieldset
        className={`choice purpose${purposeProblem ? ' field-invalid' : ''}`}
        aria-describedby={[`${id}-purpose-why`, purposeProblem ? `${id}-purpose-error` : null].filter(Boolean).join(' ')}
      >
        <legend>
          {t('composer.purpose')} <span className="muted">({outbound ? t('composer.required') : tc('optional')})</span>
        </legend>
        <p id={`${id}-purpose-why`} className="hint purpose-why">
          {t('composer.purposeWhy')}
        </p>
        {openCriteria.length > 0 && (
          <div role="group" aria-labelledby={`${id}-pc`}>
            <p id={`${id}-pc`} className="purpose-group">
              {t('composer.purposeCriteria', { stage: journey.stageName })}
            </p>
            {openCriteria.map((c) => (
              <label key={c.key}>
                <input type="radio" name={`${id}-purpose`} value={`c:${c.key}`} checked={choice === `c:${c.key}`} onChange={() => setChoice(`c:${c.key}`)} /> {c.text}
              </label>
            ))}
          </div>
        )}
        {openConcerns.length > 0 && (
          <div role="group" aria-labelledby={`${id}-pq`}>
            <p id={`${id}-pq`} className="purpose-group">
              {t('composer.purposeConcerns')}
            </p>
            {openConcerns.map((c) => (
              <label key={c.id}>
                <input type="radio" name={`${id}-purpose`} value={`q:${c.id}`} checked={choice === `q:${c.id}`} onChange={() => setChoice(`q:${c.id}`)} />
                <span>
                  <span className="badge">{tc(`topic.${c.topic}`)}</span> {c.text}
                </span>
              </label>
            ))}
          </div>
        )}
        <div role="group" aria-labelledby={`${id}-po`}>
          <p id={`${id}-po`} className="purpose-group">
            {t('composer.purposeOther')}
          </p>
          <label>
            <input type="radio" name={`${id}-purpose`} value="why" checked={choice === 'why'} onChange={() => setChoice('why')} /> {t('composer.purposeWhyOption')}
          </label>
          {!outbound && (
            <label>
              <input type="radio" name={`${id}-purpose`} value="" checked={choice === ''} onChange={() => setChoice('')} /> {t('composer.purposeNone')}
            </label>
          )}
        </div>
        {choice === 'why' && (
          <Field label={t('composer.why')} name="purpose.why" error={err}>
            {(p) => <textarea {...p} required maxLength={1000} value={why} onChange={(e) => setWhy(e.target.value)} />}
          </Field>
        )}
        {purposeProblem && (
          <p id={`${id}-purpose-error`} className="field-error" role="alert">
            {purposeProblem}
          </p>
        )}
      </fieldset>

      {!hasFieldErrors && <ErrorMessage error={err} />}
      <div className="actions">
        <button type="submit" className="primary" disabled={log.isPending}>
          {t('composer.submit')}
        </button>
        <span role="status" className="composer-status">
          {logged && !log.isPending ? t('composer.logged') : ''}
        </span>
      </div>
    </form>
  );
}
