/**
 * The room's dialogue, the seller's side (issue 7): the journey's comment
 * thread with the guests' comments waiting for approval, the guest link, and
 * the journey's complaints with their messages. The journey's owner (and
 * managers and admins) write, approve and reply; other sellers read.
 * Everything people typed is shown through LinkedText: as text, with only
 * http(s) addresses as links. The queries sit under the journey's key, so the
 * page's live stream refetches them when a buyer or guest writes.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState, type FormEvent } from 'react';
import { ConfirmInline } from '../ui/confirm-inline.tsx';
import { LinkOnce } from '../ui/link-once.tsx';
import { useTranslation } from 'react-i18next';
import { del, get, post } from '../api/client.ts';
import type { Journey } from '../api/types.ts';
import { date, dateTime } from '../format.ts';
import { useJourneyQuotes } from '../quotes/api.ts';
import { Field } from '../ui/field.tsx';
import { LinkedText } from '../ui/linked-text.tsx';
import { ErrorMessage } from '../ui/problem.tsx';
import { journeyKey, journeyUrl, useJourneyAction } from './api.ts';
import { Named } from './named.tsx';
import type { FullCase } from '../cases/api.ts';
import { CaseTimer, StatusBadge, useNow } from '../cases/timer.tsx';
import { Link } from 'react-router';

type AuthorKind = 'contact' | 'user' | 'guest';

export interface Comment {
  id: string;
  author: { kind: AuthorKind; name: string; website: string | null; email: string | null };
  text: string;
  createdAt: string;
  status: 'published' | 'pending' | 'rejected';
  moderatedAt: string | null;
  moderatedBy: { id: string; name: string | null } | null;
}

/** A case as the seller sees it, with its messages (src/app/cases.ts). */
export type Case = FullCase;

// Under the journey's key: the live stream and every journey action refetch them.
export const commentsKey = (journeyId: string) => [...journeyKey(journeyId), 'comments'] as const;
export const casesKey = (journeyId: string) => [...journeyKey(journeyId), 'cases'] as const;

const PRIORITY_TONE: Record<Case['priority'], string> = { urgent: 'bad', high: 'warn', normal: 'accent', low: '' };
const TEXT_MAX = 4000;
const textStyle = { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', margin: '0.3rem 0 0' } as const;

interface Props {
  journey: Journey;
  /** may write, approve and reply: the journey is theirs (or they manage), open or closed */
  mayWrite: boolean;
}

export function RoomDialoguePanel({ journey, mayWrite }: Props) {
  return (
    <>
      <CommentsSection journey={journey} mayWrite={mayWrite} />
      <CasesSection journey={journey} mayWrite={mayWrite} />
    </>
  );
}

// --- comments ---------------------------------------------------------------------

function CommentsSection({ journey, mayWrite }: Props) {
  const { t } = useTranslation('dialogue');
  const comments = useQuery({
    queryKey: commentsKey(journey.id),
    queryFn: () => get<{ items: Comment[]; guestLink: { createdAt: string } | null }>(journeyUrl(journey.id, '/comments')),
  });
  const items = comments.data?.items ?? [];
  const published = items.filter((c) => c.status === 'published');
  const pending = items.filter((c) => c.status === 'pending');
  const rejected = items.filter((c) => c.status === 'rejected');
  return (
    <section className="card section journey-section room-comments" aria-labelledby="room-comments-title">
      <div className="section-head">
        <h2 id="room-comments-title">{t('comments.title')}</h2>
        {comments.data && <span className="badge">{t('comments.count', { count: published.length })}</span>}
        {pending.length > 0 && <span className="badge warn">{t('comments.pendingTitle', { count: pending.length })}</span>}
      </div>
      <p className="muted section-intro">{t('comments.intro')}</p>
      {comments.isPending && (
        <p className="muted" role="status">
          {t('comments.loading')}
        </p>
      )}
      <ErrorMessage error={comments.error} />
      {pending.length > 0 && (
        <div className="room-comments-pending" style={{ border: '1px solid var(--warn)', background: 'var(--warn-soft)', borderRadius: 'var(--radius)', padding: '0.75rem 1rem', margin: '0 0 1rem' }}>
          <h3 style={{ marginTop: 0 }}>{t('comments.pendingTitle', { count: pending.length })}</h3>
          <ul aria-label={t('comments.pendingLabel')} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {pending.map((c) => (
              <CommentItem key={c.id} journey={journey} comment={c} mayModerate={mayWrite} />
            ))}
          </ul>
        </div>
      )}
      {comments.data && published.length === 0 && <p className="muted">{t('comments.none')}</p>}
      {published.length > 0 && (
        <ol className="room-comment-list" aria-label={t('comments.listLabel')} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {published.map((c) => (
            <CommentItem key={c.id} journey={journey} comment={c} mayModerate={false} />
          ))}
        </ol>
      )}
      {rejected.length > 0 && (
        <details className="room-comments-rejected" style={{ marginTop: '0.75rem' }}>
          <summary>{t('comments.rejectedTitle', { count: rejected.length })}</summary>
          <ul style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {rejected.map((c) => (
              <CommentItem key={c.id} journey={journey} comment={c} mayModerate={false} />
            ))}
          </ul>
        </details>
      )}
      {mayWrite ? <CommentForm journey={journey} /> : <p className="muted small">{t('comments.readOnly')}</p>}
      <GuestLink journey={journey} exists={comments.data?.guestLink ?? null} mayWrite={mayWrite} />
    </section>
  );
}

function CommentItem({ journey, comment: c, mayModerate }: { journey: Journey; comment: Comment; mayModerate: boolean }) {
  const { t } = useTranslation('dialogue');
  const qc = useQueryClient();
  const decide = useJourneyAction(journey.id, (decision: 'approve' | 'reject') => post<Comment>(`/comments/${encodeURIComponent(c.id)}/${decision}`), {
    onSuccess: () => void qc.invalidateQueries({ queryKey: commentsKey(journey.id) }),
  });
  const nameId = `comment-${c.id}-name`;
  return (
    <li className={`room-comment status-${c.status} by-${c.author.kind}`} data-comment={c.id} aria-labelledby={nameId} style={{ borderTop: '1px solid var(--line)', padding: '0.6rem 0' }}>
      <div style={{ display: 'flex', gap: '0.5rem', alignItems: 'baseline', flexWrap: 'wrap' }}>
        <strong id={nameId}>{c.author.name}</strong>
        <span className={`badge ${c.author.kind === 'contact' ? 'accent' : ''}`}>{t(`comments.kind.${c.author.kind}`)}</span>
        <time className="muted small" dateTime={c.createdAt}>
          {dateTime(c.createdAt)}
        </time>
        {c.status === 'rejected' && c.moderatedBy?.name && <span className="muted small">{t('comments.rejectedBy', { name: c.moderatedBy.name })}</span>}
      </div>
      {c.author.kind === 'guest' && (c.author.email || c.author.website) && (
        <p className="muted small" style={{ margin: '0.2rem 0 0', overflowWrap: 'anywhere' }}>
          {c.author.email && (
            <span>
              {t('comments.email')}: {c.author.email}
            </span>
          )}
          {c.author.email && c.author.website && ' · '}
          {c.author.website && (
            <span>
              {t('comments.website')}: <LinkedText text={c.author.website} />
            </span>
          )}
        </p>
      )}
      <p className="room-comment-text" style={textStyle}>
        <LinkedText text={c.text} />
      </p>
      {mayModerate && (
        <div className="actions" style={{ marginTop: '0.4rem' }}>
          <button type="button" className="small primary" disabled={decide.isPending} onClick={() => decide.mutate('approve')}>
            <Named text={t('comments.approve')} detail={c.author.name} />
          </button>
          <button type="button" className="small danger" disabled={decide.isPending} onClick={() => decide.mutate('reject')}>
            <Named text={t('comments.reject')} detail={c.author.name} />
          </button>
        </div>
      )}
      <ErrorMessage error={decide.error} />
    </li>
  );
}

function CommentForm({ journey }: { journey: Journey }) {
  const { t } = useTranslation('dialogue');
  const qc = useQueryClient();
  const [text, setText] = useState('');
  const send = useJourneyAction(journey.id, (body: { text: string }) => post<Comment>(journeyUrl(journey.id, '/comments'), body), {
    onSuccess: () => {
      setText('');
      void qc.invalidateQueries({ queryKey: commentsKey(journey.id) });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (text.trim()) send.mutate({ text });
  };
  return (
    <form className="subform room-comment-form" onSubmit={submit} aria-labelledby="room-comment-form-title">
      <h3 id="room-comment-form-title">{t('comments.postTitle')}</h3>
      <Field label={t('comments.text')} name="text" error={send.error} hint={t('comments.textHint')}>
        {(p) => <textarea {...p} required maxLength={TEXT_MAX} rows={3} value={text} onChange={(e) => setText(e.target.value)} />}
      </Field>
      <ErrorMessage error={send.error} />
      <button type="submit" className="primary" disabled={send.isPending || !text.trim()}>
        {t('comments.post')}
      </button>
    </form>
  );
}

// --- the guest link -------------------------------------------------------------------

function GuestLink({ journey, exists, mayWrite }: { journey: Journey; exists: { createdAt: string } | null; mayWrite: boolean }) {
  const { t } = useTranslation('dialogue');
  const qc = useQueryClient();
  const [made, setMade] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const withdrawButton = useRef<HTMLButtonElement>(null);
  const refresh = () => void qc.invalidateQueries({ queryKey: commentsKey(journey.id) });
  const make = useJourneyAction(journey.id, () => post<{ link: string }>(journeyUrl(journey.id, '/guest-link')), {
    onSuccess: (r) => {
      setMade(r.link);
      refresh();
    },
  });
  const withdraw = useJourneyAction(journey.id, () => del<void>(journeyUrl(journey.id, '/guest-link')), {
    onSuccess: () => {
      setConfirming(false);
      setMade(null);
      refresh();
    },
  });
  const cancel = () => {
    setConfirming(false);
    requestAnimationFrame(() => withdrawButton.current?.focus());
  };
  return (
    <div className="room-guest-link subform" role="group" aria-labelledby="room-guest-link-title">
      <h3 id="room-guest-link-title">{t('guest.title')}</h3>
      <p className="muted small">{t('guest.intro')}</p>
      {made && <NewGuestLink link={made} onDone={() => setMade(null)} />}
      <p>{exists ? t('guest.exists', { date: date(exists.createdAt) }) : t('guest.none')}</p>
      {mayWrite && (
        <div className="actions" style={{ display: 'flex', gap: '0.5rem', flexWrap: 'wrap', alignItems: 'center' }}>
          <button type="button" disabled={make.isPending} onClick={() => make.mutate(undefined)} aria-describedby={exists ? 'room-guest-remake-hint' : undefined}>
            {exists ? t('guest.remake') : t('guest.make')}
          </button>
          {exists && (
            <span id="room-guest-remake-hint" className="muted small">
              {t('guest.remakeHint')}
            </span>
          )}
          {exists &&
            (confirming ? (
              <ConfirmInline label={t('guest.withdraw')} question={t('guest.confirmWithdraw')} yes={t('guest.confirmYes')} pending={withdraw.isPending} onYes={() => withdraw.mutate(undefined)} onNo={cancel} />
            ) : (
              <button ref={withdrawButton} type="button" className="small" onClick={() => setConfirming(true)}>
                {t('guest.withdraw')}
              </button>
            ))}
        </div>
      )}
      <ErrorMessage error={make.error ?? withdraw.error} />
    </div>
  );
}

/** The guest link, once: a full address to copy and pass on. */
function NewGuestLink({ link, onDone }: { link: string; onDone: () => void }) {
  const { t } = useTranslation('dialogue');
  const words = { title: t('guest.linkTitle'), once: t('guest.linkOnce'), label: t('guest.linkLabel'), copy: t('guest.copy'), copied: t('guest.copied'), copyManually: t('guest.copyManually'), done: t('guest.done') };
  return <LinkOnce id="room-guest-new-link" heading="h4" className="room-guest-new-link" link={link} words={words} onDone={onDone} />;
}

// --- complaints ---------------------------------------------------------------------

function CasesSection({ journey, mayWrite }: Props) {
  const { t } = useTranslation('dialogue');
  const cases = useQuery({ queryKey: casesKey(journey.id), queryFn: () => get<{ items: Case[] }>(journeyUrl(journey.id, '/cases')) });
  const items = cases.data?.items ?? [];
  return (
    <section className="card section journey-section room-cases" aria-labelledby="room-cases-title">
      <div className="section-head">
        <h2 id="room-cases-title">{t('cases.title')}</h2>
        {cases.data && <span className="badge">{t('cases.count', { count: items.length })}</span>}
      </div>
      <p className="muted section-intro">{t('cases.intro')}</p>
      {cases.isPending && (
        <p className="muted" role="status">
          {t('cases.loading')}
        </p>
      )}
      <ErrorMessage error={cases.error} />
      {cases.data && items.length === 0 && <p className="muted">{t('cases.none')}</p>}
      {items.length > 0 && (
        <ol className="room-case-list" aria-label={t('cases.listLabel')} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {items.map((c) => (
            <CaseItem key={c.id} journey={journey} item={c} mayWrite={mayWrite} />
          ))}
        </ol>
      )}
      {mayWrite && <OpenCaseForm journey={journey} />}
    </section>
  );
}

function CaseItem({ journey, item: c, mayWrite }: { journey: Journey; item: Case; mayWrite: boolean }) {
  const { t } = useTranslation('dialogue');
  const tc = useTranslation('cases').t;
  const now = useNow(1000);
  const [open, setOpen] = useState(false);
  const bodyId = useId();
  const topicId = `case-${c.id}-topic`;
  return (
    <li className={`room-case priority-${c.priority}`} data-case={c.id} aria-labelledby={topicId} style={{ borderTop: '1px solid var(--line)', padding: '0.6rem 0' }}>
      <div style={{ display: 'flex', gap: '0.5rem', alignItems: 'center', flexWrap: 'wrap' }}>
        <strong id={topicId}>{c.topic}</strong>
        <span className={`badge ${PRIORITY_TONE[c.priority]}`} data-priority={c.priority}>
          <span className="visually-hidden">{t('cases.priorityLabel')}: </span>
          {t(`cases.priority.${c.priority}`)}
        </span>
        <StatusBadge status={c.shownStatus} />
        {!c.firstResponseAt && <span className="badge warn">{t('cases.waiting')}</span>}
        <CaseTimer item={c} now={now} />
        <Link to={`/cases/${c.id}`}>
          <Named text={tc('panel.toCase')} detail={c.topic} />
        </Link>
        <button type="button" className="small" aria-expanded={open} aria-controls={bodyId} onClick={() => setOpen(!open)} style={{ marginLeft: 'auto' }}>
          <Named text={open ? t('cases.hide') : t('cases.show')} detail={c.topic} />
        </button>
      </div>
      <p className="muted small" style={{ margin: '0.2rem 0 0' }}>
        {t('cases.openedBy', { name: c.openedBy.name, kind: t(`cases.kind.${c.openedBy.kind}`), date: dateTime(c.openedAt) })} · {t('cases.messages', { count: c.messages.length })}
      </p>
      {open && (
        <div id={bodyId} className="room-case-body">
          <p style={textStyle}>
            <LinkedText text={c.description} />
          </p>
          {(c.quoteId || c.orderId) && (
            <p className="muted small">
              {c.quoteId && <QuoteRef journeyId={journey.id} quoteId={c.quoteId} />}
              {c.quoteId && c.orderId && ' · '}
              {c.orderId && `${t('cases.order')}: ${c.orderId.slice(-8)}`}
            </p>
          )}
          {c.messages.length === 0 ? (
            <p className="muted">{t('cases.noMessages')}</p>
          ) : (
            <ol className="room-case-messages" style={{ listStyle: 'none', padding: 0, margin: '0.5rem 0' }}>
              {c.messages.map((m) => (
                <li key={m.id} className={`room-case-message by-${m.author.kind}`} style={{ borderLeft: `3px solid ${m.author.kind === 'contact' ? 'var(--accent)' : 'var(--line)'}`, padding: '0.3rem 0.75rem', margin: '0.4rem 0' }}>
                  <strong>{m.author.name}</strong>{' '}
                  <span className="muted small">
                    ({t(`cases.kind.${m.author.kind}`)}) · <time dateTime={m.at}>{dateTime(m.at)}</time>
                  </span>
                  <p style={textStyle}>
                    <LinkedText text={m.text} />
                  </p>
                </li>
              ))}
            </ol>
          )}
          {mayWrite && <ReplyForm journey={journey} item={c} />}
        </div>
      )}
    </li>
  );
}

function QuoteRef({ journeyId, quoteId }: { journeyId: string; quoteId: string }) {
  const { t } = useTranslation('dialogue');
  const quotes = useJourneyQuotes(journeyId);
  const q = quotes.data?.items.find((x) => x.id === quoteId);
  return (
    <span>
      {t('cases.quote')}: {q ? t('cases.quoteOption', { version: q.version, status: q.status }) : quoteId.slice(-8)}
    </span>
  );
}

function ReplyForm({ journey, item }: { journey: Journey; item: Case }) {
  const { t } = useTranslation('dialogue');
  const qc = useQueryClient();
  const [text, setText] = useState('');
  const send = useJourneyAction(journey.id, (body: { text: string }) => post(`/cases/${encodeURIComponent(item.id)}/messages`, body), {
    onSuccess: () => {
      setText('');
      void qc.invalidateQueries({ queryKey: casesKey(journey.id) });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (text.trim()) send.mutate({ text });
  };
  return (
    <form className="subform room-case-reply" onSubmit={submit} aria-label={`${t('cases.reply')}: ${item.topic}`}>
      <Field label={t('cases.replyLabel')} name="text" error={send.error}>
        {(p) => <textarea {...p} required maxLength={TEXT_MAX} rows={2} value={text} onChange={(e) => setText(e.target.value)} />}
      </Field>
      <ErrorMessage error={send.error} />
      <button type="submit" className="primary small" disabled={send.isPending || !text.trim()}>
        {t('cases.send')}
      </button>
    </form>
  );
}

function OpenCaseForm({ journey }: { journey: Journey }) {
  const { t } = useTranslation('dialogue');
  const qc = useQueryClient();
  const quotes = useJourneyQuotes(journey.id);
  const [topic, setTopic] = useState('');
  const [description, setDescription] = useState('');
  const [quoteId, setQuoteId] = useState('');
  const open = useJourneyAction(journey.id, (body: { topic: string; description: string; quoteId: string | null }) => post<Case>(journeyUrl(journey.id, '/cases'), body), {
    onSuccess: () => {
      setTopic('');
      setDescription('');
      setQuoteId('');
      void qc.invalidateQueries({ queryKey: casesKey(journey.id) });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (topic.trim() && description.trim()) open.mutate({ topic, description, quoteId: quoteId || null });
  };
  const quoteItems = quotes.data?.items ?? [];
  return (
    <form className="subform room-case-form" onSubmit={submit} aria-labelledby="room-case-form-title">
      <h3 id="room-case-form-title">{t('cases.openTitle')}</h3>
      <Field label={t('cases.topic')} name="topic" error={open.error}>
        {(p) => <input {...p} required maxLength={200} value={topic} onChange={(e) => setTopic(e.target.value)} />}
      </Field>
      <Field label={t('cases.description')} name="description" error={open.error}>
        {(p) => <textarea {...p} required maxLength={TEXT_MAX} rows={3} value={description} onChange={(e) => setDescription(e.target.value)} />}
      </Field>
      {quoteItems.length > 0 && (
        <Field label={t('cases.aboutQuote')} name="quoteId" error={open.error}>
          {(p) => (
            <select {...p} value={quoteId} onChange={(e) => setQuoteId(e.target.value)}>
              <option value="">{t('cases.noQuote')}</option>
              {quoteItems.map((q) => (
                <option key={q.id} value={q.id}>
                  {t('cases.quoteOption', { version: q.version, status: q.status })}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <ErrorMessage error={open.error} />
      <button type="submit" className="primary" disabled={open.isPending || !topic.trim() || !description.trim()}>
        {t('cases.open')}
      </button>
    </form>
  );
}
