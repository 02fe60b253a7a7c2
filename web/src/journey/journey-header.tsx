/** Who the buyer is, what the journey is worth, who owns it, and where the buyer stands. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { patch } from '../api/client.ts';
import type { Journey } from '../api/types.ts';
import { date, daysSince, money } from '../format.ts';
import { TierBadge } from '../loyalty/tier-badge.tsx';
import { Field } from '../ui/field.tsx';
import { ErrorMessage } from '../ui/problem.tsx';
import { journeyUrl, stageName, useCriterionText, useJourneyAction } from './api.ts';
import { CloseJourney } from './close-journey.tsx';
import { usePeople } from './people.ts';
import { AdvanceControl, StagePath } from './stage-path.tsx';

const STATUS_BADGE = { open: 'accent', won: 'ok', lost: 'bad', paused: 'warn' } as const;

export function JourneyHeader({ journey, writable, readOnly }: { journey: Journey; writable: boolean; readOnly: boolean }) {
  const { t } = useTranslation('journey');
  const people = usePeople(journey);
  const [editing, setEditing] = useState(false);
  const pause = useJourneyAction(journey.id, (status: 'open' | 'paused') => patch<Journey>(journeyUrl(journey.id), { status }));
  const closed = journey.status === 'won' || journey.status === 'lost';

  return (
    <header className="card journey-head">
      <div className="journey-head-top">
        <div>
          <p className="journey-account">
            {journey.account ? (
              <>
                <Link to={`/accounts/${journey.account.id}`}>{journey.account.name}</Link> <TierBadge tier={journey.account.tier} />
              </>
            ) : (
              <span className="muted">{t('noAccount')}</span>
            )}
          </p>
          <h1 id="journey-title">{journey.title}</h1>
        </div>
        <p className="journey-status">
          <span className={`badge ${STATUS_BADGE[journey.status]}`}>
            <span className="visually-hidden">{t('statusLabel')}: </span>
            {t(`common:status.${journey.status}`)}
          </span>
        </p>
      </div>

      {editing ? (
        <EditJourney journey={journey} onDone={() => setEditing(false)} />
      ) : (
        <dl className="journey-facts">
          <div>
            <dt>{t('value')}</dt>
            <dd>{money(journey.valueMinor, journey.currency)}</dd>
          </div>
          <div>
            <dt>{t('owner')}</dt>
            <dd>{people.userName(journey.ownerId) ?? '—'}</dd>
          </div>
          <div>
            <dt>{t('stage')}</dt>
            <dd>
              {journey.stageName}{' '}
              {!closed && <span className="muted">({t('common:daysInStage', { count: daysSince(journey.stageEnteredAt) })})</span>}
            </dd>
          </div>
          <div>
            <dt>{t('process')}</dt>
            <dd>{journey.template.name}</dd>
          </div>
          <div>
            <dt>{t('started')}</dt>
            <dd>{date(journey.createdAt)}</dd>
          </div>
        </dl>
      )}

      {writable && !editing && (
        <div className="journey-tools">
          <button type="button" onClick={() => setEditing(true)}>
            {t('editJourney')}
          </button>
          <button type="button" onClick={() => pause.mutate(journey.status === 'paused' ? 'open' : 'paused')} disabled={pause.isPending}>
            {journey.status === 'paused' ? t('resume') : t('pause')}
          </button>
          <CloseJourney journey={journey} />
        </div>
      )}
      <ErrorMessage error={pause.error} />

      {closed && (
        <p className={`journey-closed ${journey.status}`}>
          <span aria-hidden="true">{journey.status === 'won' ? '✓ ' : '✕ '}</span>
          {t(journey.status === 'won' ? 'closedWon' : 'closedLost', { date: date(journey.closedAt) })}
          {journey.closeReason && (
            <>
              {' '}
              <q>{journey.closeReason}</q>
            </>
          )}
        </p>
      )}
      {journey.status === 'paused' && <p className="notice">{t('pausedNotice')}</p>}
      {readOnly && !closed && <p className="notice">{t('readOnly', { owner: people.userName(journey.ownerId) ?? '—' })}</p>}

      <StagePath journey={journey} />
      {writable && <AdvanceControl journey={journey} />}
      <Overrides journey={journey} />
    </header>
  );
}

/** Every time a stage was passed without all its criteria: what was missing and why. */
function Overrides({ journey }: { journey: Journey }) {
  const { t } = useTranslation('journey');
  const criterionText = useCriterionText(journey);
  const people = usePeople(journey);
  if (journey.overrides.length === 0) return null;
  return (
    <div className="overrides">
      <h2 className="overrides-title">{t('overrides.title')}</h2>
      <ul>
        {journey.overrides.map((o) => (
          <li key={`${o.at}-${o.from}`}>
            <span className="override-icon" aria-hidden="true">
              ⚠
            </span>
            <span>
              {t('overrides.line', {
                stage: stageName(journey, o.from),
                missing: o.overridden.map(criterionText).join('; ') || '—',
              })}{' '}
              <strong>{t('overrides.because')}</strong> <q>{o.reason}</q>{' '}
              <span className="muted">
                ({[people.userName(o.actorId), date(o.at)].filter(Boolean).join(', ')})
              </span>
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}

function EditJourney({ journey, onDone }: { journey: Journey; onDone: () => void }) {
  const { t } = useTranslation('journey');
  const people = usePeople(journey);
  const [title, setTitle] = useState(journey.title);
  const [value, setValue] = useState(journey.valueMinor === null ? '' : String(journey.valueMinor / 100));
  const [ownerId, setOwnerId] = useState(journey.ownerId);
  const save = useJourneyAction(
    journey.id,
    (body: { title: string; valueMinor: number | null; ownerId: string }) => patch<Journey>(journeyUrl(journey.id), body),
    { onSuccess: onDone },
  );
  const parsed = parseMoney(value);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({ title, valueMinor: parsed ?? null, ownerId });
  };
  const users = people.users.filter((u) => !u.disabled || u.id === journey.ownerId);
  return (
    <form className="journey-edit" onSubmit={submit} aria-label={t('editJourney')}>
      <div className="row">
        <Field label={t('title')} name="title" error={save.error}>
          {(p) => <input {...p} required maxLength={200} value={title} onChange={(e) => setTitle(e.target.value)} />}
        </Field>
        <Field label={t('valueIn', { currency: journey.currency })} name="valueMinor" error={save.error} hint={parsed === undefined ? t('valueHint') : undefined}>
          {(p) => <input {...p} inputMode="decimal" value={value} onChange={(e) => setValue(e.target.value)} aria-invalid={p['aria-invalid'] || parsed === undefined} />}
        </Field>
        <Field label={t('owner')} name="ownerId" error={save.error}>
          {(p) => (
            <select {...p} value={ownerId} onChange={(e) => setOwnerId(e.target.value)}>
              {users.length === 0 && <option value={journey.ownerId}>{t('common:loading')}</option>}
              {users.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <ErrorMessage error={save.error} />
      <div className="actions">
        <button type="submit" className="primary" disabled={save.isPending || parsed === undefined}>
          {t('common:save')}
        </button>
        <button type="button" onClick={onDone}>
          {t('common:cancel')}
        </button>
      </div>
    </form>
  );
}

/** "125 000,50" → 12500050 minor units; "" → null; anything else → undefined. */
function parseMoney(text: string): number | null | undefined {
  const clean = text.replace(/[\s\u00a0]/g, '').replace(',', '.');
  if (clean === '') return null;
  if (!/^\d+(\.\d{1,2})?$/.test(clean)) return undefined;
  return Math.round(Number(clean) * 100);
}
