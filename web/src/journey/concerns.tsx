/** The buyer's questions and worries, until the buyer accepts the answer or lets it go. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../api/client.ts';
import { CONCERN_TOPICS, type Concern, type ConcernStatus, type ConcernTopic, type Journey } from '../api/types.ts';
import { date } from '../format.ts';
import { Field } from '../ui/field.tsx';
import { ErrorMessage } from '../ui/problem.tsx';
import { Named } from './named.tsx';
import { journeyUrl, useJourneyAction } from './api.ts';

const STATUS_BADGE: Record<ConcernStatus, string> = { open: 'warn', answered: 'accent', accepted: 'ok', withdrawn: '' };
const ORDER: Record<ConcernStatus, number> = { open: 0, answered: 1, accepted: 2, withdrawn: 3 };

/** Unresolved first, blocking before the rest, newest first within. */
function sorted(concerns: Concern[]): Concern[] {
  return [...concerns].sort(
    (a, b) =>
      ORDER[a.status] - ORDER[b.status] ||
      Number(b.blocking && isUnresolved(b)) - Number(a.blocking && isUnresolved(a)) ||
      b.raisedAt.localeCompare(a.raisedAt),
  );
}

export const isUnresolved = (c: Concern) => c.status === 'open' || c.status === 'answered';

export function ConcernsSection({ journey, writable }: { journey: Journey; writable: boolean }) {
  const { t } = useTranslation('journey');
  const unresolved = journey.concerns.filter(isUnresolved);
  const blocking = unresolved.filter((c) => c.blocking).length;
  return (
    <section className="card section journey-section" aria-labelledby="concerns-title">
      <div className="section-head">
        <h2 id="concerns-title">{t('concerns.title')}</h2>
        <span className="badge">{t('concerns.unresolved', { count: unresolved.length })}</span>
        {blocking > 0 && (
          <span className="badge bad">
            <span aria-hidden="true">⚠ </span>
            {t('concerns.blockingCount', { count: blocking })}
          </span>
        )}
      </div>
      <p className="muted section-intro">{t('concerns.intro')}</p>
      {journey.concerns.length === 0 ? (
        <p className="muted">{t('concerns.none')}</p>
      ) : (
        <ul className="concerns">
          {sorted(journey.concerns).map((c) => (
            <ConcernItem key={c.id} journey={journey} concern={c} writable={writable} />
          ))}
        </ul>
      )}
      {writable && <RaiseConcern journey={journey} />}
    </section>
  );
}

type Move = 'accept' | 'withdraw' | 'reopen';

function ConcernItem({ journey, concern: c, writable }: { journey: Journey; concern: Concern; writable: boolean }) {
  const { t } = useTranslation('journey');
  const [answering, setAnswering] = useState(false);
  const [answer, setAnswer] = useState(c.answer ?? '');
  const url = (action: string) => journeyUrl(journey.id, `/concerns/${encodeURIComponent(c.id)}/${action}`);
  const answerIt = useJourneyAction(journey.id, (text: string) => post(url('answer'), { answer: text }), { onSuccess: () => setAnswering(false) });
  const move = useJourneyAction(journey.id, (action: Move) => post(url(action)));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    answerIt.mutate(answer);
  };
  const blocking = c.blocking && isUnresolved(c);
  const short = c.text.length > 60 ? `${c.text.slice(0, 57)}…` : c.text;
  const moves: Move[] = c.status === 'open' ? ['withdraw'] : c.status === 'answered' ? ['accept', 'withdraw', 'reopen'] : c.status === 'accepted' ? ['reopen'] : [];

  return (
    <li className={`concern concern-${c.status}${blocking ? ' concern-blocking' : ''}`}>
      <div className="concern-head">
        <span className="badge">{t(`common:topic.${c.topic}`)}</span>
        <span className={`badge ${STATUS_BADGE[c.status]}`}>
          <span className="visually-hidden">{t('concerns.status')}: </span>
          {t(`common:concernStatus.${c.status}`)}
        </span>
        {c.blocking && (
          <span className={`badge ${blocking ? 'bad' : ''}`}>
            <span aria-hidden="true">{blocking ? '⚠ ' : ''}</span>
            {t('concerns.blocking')}
          </span>
        )}
        <span className="muted concern-date">{t('concerns.raised', { date: date(c.raisedAt) })}</span>
      </div>
      <p className="concern-text">{c.text}</p>
      {c.answer && !answering && (
        <p className="concern-answer">
          <strong>{t('concerns.answer')}:</strong> {c.answer}
        </p>
      )}

      {writable && answering && (
        <form className="concern-answer-form" onSubmit={submit}>
          <Field label={t('concerns.answerLabel', { text: short })} name="answer" error={answerIt.error}>
            {(p) => <textarea {...p} autoFocus required maxLength={5000} value={answer} onChange={(e) => setAnswer(e.target.value)} />}
          </Field>
          <ErrorMessage error={answerIt.error} />
          <div className="actions">
            <button type="submit" className="primary small" disabled={answerIt.isPending}>
              {t('concerns.saveAnswer')}
            </button>
            <button type="button" className="small" onClick={() => setAnswering(false)}>
              {t('common:cancel')}
            </button>
          </div>
        </form>
      )}

      {writable && !answering && (c.status === 'open' || moves.length > 0) && (
        <div className="actions concern-actions">
          {(c.status === 'open' || c.status === 'answered') && (
            <button type="button" className={`small${c.status === 'open' ? ' primary' : ''}`} onClick={() => setAnswering(true)}>
              <Named text={t(c.status === 'open' ? 'concerns.answerIt' : 'concerns.changeAnswer')} detail={short} />
            </button>
          )}
          {moves.map((m) => (
            <button key={m} type="button" className="small" onClick={() => move.mutate(m)} disabled={move.isPending}>
              <Named text={t(`concerns.${m}`)} detail={short} />
            </button>
          ))}
        </div>
      )}
      <ErrorMessage error={move.error} />
    </li>
  );
}

function RaiseConcern({ journey }: { journey: Journey }) {
  const { t } = useTranslation('journey');
  const [topic, setTopic] = useState<ConcernTopic>('price');
  const [text, setText] = useState('');
  const [blocking, setBlocking] = useState(false);
  const raise = useJourneyAction(journey.id, (body: { topic: ConcernTopic; text: string; blocking: boolean }) => post(journeyUrl(journey.id, '/concerns'), body), {
    onSuccess: () => {
      setText('');
      setBlocking(false);
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    raise.mutate({ topic, text, blocking });
  };
  return (
    <form className="subform raise-concern" onSubmit={submit} aria-labelledby="raise-concern-title">
      <h3 id="raise-concern-title">{t('concerns.raiseTitle')}</h3>
      <div className="row">
        <Field label={t('concerns.topic')} name="topic" error={raise.error}>
          {(p) => (
            <select {...p} value={topic} onChange={(e) => setTopic(e.target.value as ConcernTopic)}>
              {CONCERN_TOPICS.map((k) => (
                <option key={k} value={k}>
                  {t(`common:topic.${k}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <label className="check blocking-check">
          <input type="checkbox" checked={blocking} onChange={(e) => setBlocking(e.target.checked)} /> {t('concerns.blockingLabel')}
        </label>
      </div>
      <Field label={t('concerns.text')} name="text" error={raise.error} hint={t('concerns.textHint')}>
        {(p) => <textarea {...p} required maxLength={2000} value={text} onChange={(e) => setText(e.target.value)} />}
      </Field>
      <ErrorMessage error={raise.error} />
      <button type="submit" className="primary" disabled={raise.isPending}>
        {t('concerns.raise')}
      </button>
    </form>
  );
}
