/**
 * The buyer's room, the seller's side (issue 7): who of the account was
 * invited into the journey's room and whether each link is pending, used,
 * expired or revoked. The journey's owner (and managers and admins) invite a
 * contact — the link is shown once, to pass on by hand until H2H sends mail —
 * and revoke invites; other sellers read the list.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { ConfirmInline } from '../ui/confirm-inline.tsx';
import { LinkOnce } from '../ui/link-once.tsx';
import { useTranslation } from 'react-i18next';
import { get, post } from '../api/client.ts';
import type { Journey } from '../api/types.ts';
import { date, dateTime } from '../format.ts';
import { Field } from '../ui/field.tsx';
import { ErrorMessage } from '../ui/problem.tsx';
import { journeyUrl, useJourneyAction } from './api.ts';
import { Named } from './named.tsx';
import { usePeople } from './people.ts';

export type InviteState = 'pending' | 'used' | 'expired' | 'revoked';

export interface PortalInvite {
  id: string;
  journeyId: string;
  contact: { id: string; name: string | null };
  email: string | null;
  state: InviteState;
  createdBy: string | null;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
  revokedAt: string | null;
}

/** The answer to an invitation: the invite and, this once, its link's path `/p/…`. */
type NewInvite = PortalInvite & { link: string; mailed: boolean; mailError?: string };

const invitesKey = (journeyId: string) => ['portal-invites', journeyId] as const;

const LOOK: Record<InviteState, { tone: string; mark: string }> = {
  pending: { tone: 'accent', mark: '○' },
  used: { tone: 'ok', mark: '✓' },
  expired: { tone: 'warn', mark: '⌛' },
  revoked: { tone: 'bad', mark: '✕' },
};

interface Props {
  journey: Journey;
  /** may invite: the journey is open and theirs (or they manage) */
  mayInvite: boolean;
  /** may revoke: the journey is theirs (or they manage), open or not */
  mayRevoke: boolean;
}

export function PortalInvitesPanel({ journey, mayInvite, mayRevoke }: Props) {
  const { t } = useTranslation('portal');
  const invites = useQuery({
    queryKey: invitesKey(journey.id),
    queryFn: () => get<{ items: PortalInvite[] }>(journeyUrl(journey.id, '/portal-invites')),
  });
  const [created, setCreated] = useState<NewInvite | null>(null);
  const items = invites.data?.items ?? [];
  return (
    <section className="card section journey-section portal-invites" aria-labelledby="portal-invites-title">
      <div className="section-head">
        <h2 id="portal-invites-title">{t('title')}</h2>
        {invites.data && <span className="badge">{t('count', { count: items.length })}</span>}
      </div>
      <p className="muted section-intro">{t('intro')}</p>
      {created && <NewLink invite={created} onDone={() => setCreated(null)} />}
      {mayInvite && <InviteForm journey={journey} onInvited={setCreated} />}
      {invites.isPending && (
        <p className="muted" role="status">
          {t('loading')}
        </p>
      )}
      <ErrorMessage error={invites.error} />
      {invites.data && items.length === 0 && <p className="muted">{t('none')}</p>}
      {items.length > 0 && (
        <ul className="portal-invite-list" aria-label={t('listLabel')} style={{ listStyle: 'none', padding: 0, margin: '1rem 0 0' }}>
          {items.map((i) => (
            <InviteItem key={i.id} journey={journey} invite={i} mayRevoke={mayRevoke} />
          ))}
        </ul>
      )}
    </section>
  );
}

function InviteForm({ journey, onInvited }: { journey: Journey; onInvited: (invite: NewInvite) => void }) {
  const { t } = useTranslation('portal');
  const qc = useQueryClient();
  const { contacts } = usePeople(journey);
  const [contactId, setContactId] = useState('');
  const invite = useJourneyAction(journey.id, (body: { contactId: string }) => post<NewInvite>(journeyUrl(journey.id, '/portal-invites'), body), {
    onSuccess: (result) => {
      onInvited(result);
      setContactId('');
      void qc.invalidateQueries({ queryKey: invitesKey(journey.id) });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (contactId) invite.mutate({ contactId });
  };
  return (
    <form className="subform portal-invite-form" onSubmit={submit} aria-labelledby="portal-invite-form-title">
      <h3 id="portal-invite-form-title">{t('inviteTitle')}</h3>
      {contacts.length === 0 ? (
        <p className="muted">{t('noContacts')}</p>
      ) : (
        <div className="row" style={{ alignItems: 'end' }}>
          <Field label={t('contact')} name="contactId" error={invite.error}>
            {(p) => (
              <select {...p} required value={contactId} onChange={(e) => setContactId(e.target.value)}>
                <option value="">{t('chooseContact')}</option>
                {contacts.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.title ? `${c.name} (${c.title})` : c.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <button type="submit" className="primary" disabled={invite.isPending || !contactId} style={{ marginBottom: '0.9rem' }}>
            {t('invite')}
          </button>
        </div>
      )}
      <ErrorMessage error={invite.error} />
    </form>
  );
}

/** The link, once: a full address to copy and pass on, and whether it was mailed. Gone when dismissed or the page is left. */
function NewLink({ invite, onDone }: { invite: NewInvite; onDone: () => void }) {
  const { t } = useTranslation('portal');
  const name = invite.contact.name ?? t('unknownContact');
  const words = { title: t('linkTitle', { name }), once: t('linkOnce'), label: t('linkLabel'), copy: t('copy'), copied: t('copied'), copyManually: t('copyManually'), done: t('done') };
  return (
    <LinkOnce id="portal-link" className="portal-new-link" link={invite.link} words={words} onDone={onDone}>
      <p className="portal-link-note">
        {invite.mailed
          ? t('mailSent', { name, email: invite.email, date: date(invite.expiresAt) })
          : invite.mailError
            ? invite.mailError
            : invite.email
              ? t('mailOff', { name, date: date(invite.expiresAt) })
              : t('mailNoAddress', { name, date: date(invite.expiresAt) })}
      </p>
    </LinkOnce>
  );
}

function InviteItem({ journey, invite: i, mayRevoke }: { journey: Journey; invite: PortalInvite; mayRevoke: boolean }) {
  const { t } = useTranslation('portal');
  const qc = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const revokeButton = useRef<HTMLButtonElement>(null);
  const name = i.contact.name ?? t('unknownContact');
  const revoke = useJourneyAction(journey.id, () => post<PortalInvite>(`/portal-invites/${encodeURIComponent(i.id)}/revoke`), {
    onSuccess: () => {
      setConfirming(false);
      void qc.invalidateQueries({ queryKey: invitesKey(journey.id) });
    },
  });
  const look = LOOK[i.state];
  const revocable = i.state === 'pending' || i.state === 'used';
  const cancel = () => {
    setConfirming(false);
    requestAnimationFrame(() => revokeButton.current?.focus());
  };
  return (
    <li className={`portal-invite state-${i.state}`} data-invite={i.id} aria-labelledby={`invite-${i.id}-name`} style={{ borderTop: '1px solid var(--line)', padding: '0.6rem 0' }}>
      <div style={{ display: 'flex', gap: '0.5rem', alignItems: 'center', flexWrap: 'wrap' }}>
        <strong id={`invite-${i.id}-name`}>{name}</strong>
        <span className={`badge portal-invite-status ${look.tone}`} data-status={i.state}>
          <span aria-hidden="true">{look.mark} </span>
          <span className="visually-hidden">{t('status.label')}: </span>
          {t(`status.${i.state}`)}
        </span>
      </div>
      <dl className="portal-invite-facts muted" style={{ display: 'flex', gap: '0 1.25rem', flexWrap: 'wrap', margin: '0.3rem 0', fontSize: '0.9rem' }}>
        <Fact term={t('sent')} value={dateTime(i.createdAt)} />
        {i.usedAt && <Fact term={t('used')} value={dateTime(i.usedAt)} />}
        {i.state === 'revoked' && i.revokedAt && <Fact term={t('revokedAt')} value={dateTime(i.revokedAt)} />}
        {i.state !== 'revoked' && <Fact term={i.state === 'expired' ? t('expired') : t('expires')} value={date(i.expiresAt)} />}
      </dl>
      {mayRevoke && revocable && (
        <div className="actions">
          {confirming ? (
            <ConfirmInline label={t('confirmLabel', { name })} question={t('confirm')} yes={t('confirmYes')} pending={revoke.isPending} onYes={() => revoke.mutate(undefined)} onNo={cancel} />
          ) : (
            <button ref={revokeButton} type="button" className="small" onClick={() => setConfirming(true)}>
              <Named text={t('revoke')} detail={name} />
            </button>
          )}
        </div>
      )}
      <ErrorMessage error={revoke.error} />
    </li>
  );
}

function Fact({ term, value }: { term: string; value: string }) {
  return (
    <div style={{ display: 'flex', gap: '0.3rem' }}>
      <dt>{term}:</dt>
      <dd style={{ margin: 0 }}>{value}</dd>
    </div>
  );
}
