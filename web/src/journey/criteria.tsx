/** The current stage's exit criteria, from the buyer's side: met with evidence, or still open. */
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { del, post } from '../api/client.ts';
import type { Criterion, Journey } from '../api/types.ts';
import { dateTime } from '../format.ts';
import { fieldProblem, ErrorMessage } from '../ui/problem.tsx';
import { journeyUrl, useJourneyAction } from './api.ts';
import { Named } from './named.tsx';
import { usePeople } from './people.ts';

export function CriteriaSection({ journey, writable }: { journey: Journey; writable: boolean }) {
  const { t } = useTranslation('journey');
  const { met, total } = journey.readiness;
  return (
    <section className="card section journey-section" aria-labelledby="criteria-title">
      <div className="section-head">
        <h2 id="criteria-title">{t('criteria.title', { stage: journey.stageName })}</h2>
        <span className={`badge ${met === total ? 'ok' : 'warn'}`}>{t('criteria.readiness', { met, total })}</span>
      </div>
      <p className="muted section-intro">{t('criteria.intro')}</p>
      {journey.criteria.length === 0 ? (
        <p className="muted">{t('criteria.none')}</p>
      ) : (
        <ul className="criteria">
          {journey.criteria.map((c) => (
            <CriterionItem key={`${journey.stage}-${c.key}`} journey={journey} criterion={c} writable={writable} />
          ))}
        </ul>
      )}
    </section>
  );
}

function CriterionItem({ journey, criterion: c, writable }: { journey: Journey; criterion: Criterion; writable: boolean }) {
  const { t } = useTranslation('journey');
  const people = usePeople(journey);
  const id = useId();
  const [evidence, setEvidence] = useState('');
  const meet = useJourneyAction(journey.id, (text: string) => post<Journey>(journeyUrl(journey.id, `/criteria/${encodeURIComponent(c.key)}`), { evidence: text }), {
    onSuccess: () => setEvidence(''),
  });
  const unmeet = useJourneyAction(journey.id, () => del<Journey>(journeyUrl(journey.id, `/criteria/${encodeURIComponent(c.key)}`)));
  const state = c.met ? 'met' : 'unmet';
  const submit = (e: FormEvent) => {
    e.preventDefault();
    meet.mutate(evidence);
  };
  const evidenceProblem = fieldProblem(meet.error, 'evidence');

  return (
    <li className={`criterion criterion-${state}${c.derived ? ' criterion-derived' : ''}`} id={`criterion-${c.key}`}>
      <span className="criterion-mark" aria-hidden="true">
        {c.met ? '✓' : ''}
      </span>
      <div className="criterion-body">
        <div className="criterion-head">
          <p className="criterion-text" id={`${id}-text`}>
            {c.text}
          </p>
          <span className={`badge ${c.met ? 'ok' : 'warn'}`}>{t(c.met ? 'criteria.met' : 'criteria.unmet')}</span>
          {c.derived && <span className="badge accent">{t('criteria.derived')}</span>}
        </div>

        {c.derived && <p className="muted criterion-note">{t('criteria.derivedHint')}</p>}

        {c.met && !c.derived && (
          <div className="criterion-evidence">
            <p>
              <strong>{t('criteria.evidence')}:</strong> {c.evidence}
            </p>
            <p className="muted">
              {[c.confirmedBy ? t('criteria.confirmedBy', { name: c.confirmedBy.name }) : people.userName(c.metBy), dateTime(c.metAt)].filter(Boolean).join(' · ')}
            </p>
            {writable && (
              <>
                <button type="button" className="small" onClick={() => unmeet.mutate(undefined)} disabled={unmeet.isPending}>
                  <Named text={t('criteria.unmeet')} detail={c.text} />
                </button>
                <ErrorMessage error={unmeet.error} />
              </>
            )}
          </div>
        )}

        {!c.met && !c.derived && writable && (
          <form className="criterion-form" onSubmit={submit}>
            <textarea
              aria-labelledby={`${id}-text`}
              aria-describedby={[`${id}-hint`, evidenceProblem ? `${id}-error` : null].filter(Boolean).join(' ')}
              aria-invalid={Boolean(evidenceProblem)}
              required
              maxLength={2000}
              value={evidence}
              onChange={(e) => setEvidence(e.target.value)}
              placeholder={t('criteria.evidencePlaceholder')}
            />
            <small id={`${id}-hint`} className="muted">
              {t('criteria.evidenceHint')}
            </small>
            {evidenceProblem && (
              <small id={`${id}-error`} className="field-error">
                {evidenceProblem}
              </small>
            )}
            {!evidenceProblem && <ErrorMessage error={meet.error} />}
            <div>
              <button type="submit" className="primary small" disabled={meet.isPending}>
                <Named text={t('criteria.save')} detail={c.text} />
              </button>
            </div>
          </form>
        )}
      </div>
    </li>
  );
}
