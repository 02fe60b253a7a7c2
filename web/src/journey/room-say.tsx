/**
 * The buying group's say, the seller's side (issue 7): how many of the group
 * have signed off ("2 of 5 ready"), and each member's own criteria, concerns
 * and sign-off as they recorded them in the room; the stage criteria a buyer
 * confirmed; and the plan as a calendar file. Read-only: the say is the
 * buyers'. The journey page's live stream refetches it (sayKey).
 */
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get } from '../api/client.ts';
import type { Journey } from '../api/types.ts';
import { dateTime } from '../format.ts';
import { ErrorMessage } from '../ui/problem.tsx';
import { journeyUrl } from './api.ts';

export interface SayMember {
  contactId: string;
  name: string;
  title: string | null;
  buyingRole: string;
  you: boolean;
  criteria: { id: string; text: string }[];
  concerns: { id: string; topic: string; text: string; status: string; answer: string | null }[];
  signOff: { state: 'ready' | 'not_yet'; reason: string | null; at: string } | null;
}

export interface Say {
  ready: number;
  total: number;
  members: SayMember[];
}

export const sayKey = (journeyId: string) => ['journey-say', journeyId] as const;

export function RoomSayPanel({ journey }: { journey: Journey }) {
  const { t } = useTranslation('portal');
  const say = useQuery({ queryKey: sayKey(journey.id), queryFn: () => get<Say>(journeyUrl(journey.id, '/say')) });
  const confirmed = journey.criteria.filter((c) => c.confirmedBy);
  const s = say.data;
  return (
    <section className="card section journey-section room-say" aria-labelledby="room-say-title">
      <div className="section-head">
        <h2 id="room-say-title">{t('say.title')}</h2>
        {s && s.total > 0 && <span className={`badge ${s.ready === s.total ? 'ok' : 'accent'}`}>{t('say.ready', { ready: s.ready, total: s.total })}</span>}
      </div>
      <p className="muted section-intro">{t('say.intro')}</p>
      {say.isPending && (
        <p className="muted" role="status">
          {t('say.loading')}
        </p>
      )}
      <ErrorMessage error={say.error} />
      {s && s.members.length === 0 && <p className="muted">{t('say.noMembers')}</p>}
      {s && s.members.length > 0 && (
        <ul className="room-say-members" aria-label={t('say.membersLabel')} style={{ listStyle: 'none', padding: 0, margin: '1rem 0 0', display: 'grid', gap: '0.75rem' }}>
          {s.members.map((m) => (
            <Member key={m.contactId} member={m} />
          ))}
        </ul>
      )}
      {confirmed.length > 0 && (
        <div className="room-say-confirmed" style={{ marginTop: '1rem' }}>
          <h3>{t('say.confirmedTitle')}</h3>
          <ul>
            {confirmed.map((c) => (
              <li key={c.key}>
                {c.text} — <span className="badge accent">{t('say.confirmedBy', { name: c.confirmedBy?.name ?? '' })}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
      <p style={{ marginTop: '1rem' }}>
        <a href={`/api/v1${journeyUrl(journey.id, '/plan.ics')}`} download="plan.ics">
          {t('say.planIcs')}
        </a>{' '}
        <span className="muted small">{t('say.planIcsHint')}</span>
      </p>
    </section>
  );
}

function Member({ member: m }: { member: SayMember }) {
  const { t } = useTranslation('portal');
  const headingId = `say-member-${m.contactId}`;
  return (
    <li className="room-say-member" aria-labelledby={headingId} style={{ border: '1px solid var(--line)', borderRadius: 'var(--radius)', padding: '0.75rem 1rem' }}>
      <div className="section-head" style={{ gap: '0.5rem', flexWrap: 'wrap' }}>
        <h3 id={headingId} style={{ margin: 0 }}>
          {m.name}
          {(m.title || m.buyingRole !== 'unknown') && (
            <span className="muted small" style={{ fontWeight: 'normal' }}>
              {' '}
              · {[m.title, m.buyingRole !== 'unknown' ? t(`common:buyingRole.${m.buyingRole}`, { defaultValue: m.buyingRole }) : null].filter(Boolean).join(', ')}
            </span>
          )}
        </h3>
        <SignOffBadge signOff={m.signOff} />
      </div>
      {m.signOff?.state === 'not_yet' && m.signOff.reason && (
        <p className="room-say-reason">
          <strong>{t('say.whyNotYet')}</strong> <q>{m.signOff.reason}</q>
        </p>
      )}
      {m.signOff && <p className="muted small">{t('say.signedAt', { at: dateTime(m.signOff.at) })}</p>}
      {m.criteria.length > 0 && (
        <>
          <h4 style={{ margin: '0.5rem 0 0.25rem' }}>{t('say.criteria')}</h4>
          <ul className="room-say-criteria">
            {m.criteria.map((c) => (
              <li key={c.id}>{c.text}</li>
            ))}
          </ul>
        </>
      )}
      {m.concerns.length > 0 && (
        <>
          <h4 style={{ margin: '0.5rem 0 0.25rem' }}>{t('say.concerns')}</h4>
          <ul className="room-say-concerns">
            {m.concerns.map((c) => (
              <li key={c.id}>
                <span className="badge">{t(`common:topic.${c.topic}`, { defaultValue: c.topic })}</span> <q>{c.text}</q>{' '}
                <span className={`badge ${c.status === 'open' ? 'warn' : c.status === 'accepted' ? 'ok' : ''}`}>{t(`common:concernStatus.${c.status}`, { defaultValue: c.status })}</span>
                {c.answer && (
                  <p className="muted small" style={{ margin: '0.25rem 0 0' }}>
                    {t('say.answer')} {c.answer}
                  </p>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      {m.criteria.length === 0 && m.concerns.length === 0 && <p className="muted small">{t('say.nothingYet')}</p>}
    </li>
  );
}

function SignOffBadge({ signOff }: { signOff: SayMember['signOff'] }) {
  const { t } = useTranslation('portal');
  if (!signOff) return <span className="badge">{t('say.noSignOff')}</span>;
  return signOff.state === 'ready' ? (
    <span className="badge ok">
      <span aria-hidden="true">✓ </span>
      {t('say.stateReady')}
    </span>
  ) : (
    <span className="badge warn">
      <span aria-hidden="true">… </span>
      {t('say.stateNotYet')}
    </span>
  );
}
