/**
 * Complaints: raise one (about a quote, if it is); follow each case in the
 * buyer's words — its status, every step in time order — answer a proposal
 * (accept, a comment if you like; reject, saying why) in place, and reply.
 * Only the buyer's acceptance resolves a case; a reply reopens it.
 */
import { useState } from 'react';
import { LinkedText } from '../ui/linked-text.tsx';
import { call } from './api.ts';
import { useAction, useResource } from './data.tsx';
import { fill, useWords } from './lang.tsx';
import type { Case, CaseStep, Room } from './types.ts';
import { ErrorLine, Field, Section } from './ui.tsx';

/** A proposal in words: its kind, and its amount when it has one. */
function useProposalWords() {
  const { s, money } = useWords();
  return (p: { resolution: string | null; amountMinor: number | null; currency: string | null }) => {
    const kind = s.cases.kinds[p.resolution ?? 'other'] ?? p.resolution ?? '';
    return p.amountMinor === null ? kind : fill(s.cases.withAmount, { kind, amount: money(p.amountMinor, p.currency ?? 'SEK') });
  };
}

function Reply({ c }: { c: Case }) {
  const { s } = useWords();
  const [text, setText] = useState('');
  const send = useAction(() => call('POST', `/cases/${c.id}/messages`, { text }));
  return (
    <form
      className="room-form"
      onSubmit={async (e) => {
        e.preventDefault();
        if ((await send.act()) !== undefined) setText('');
      }}
    >
      <Field label={s.cases.reply}>{(p) => <textarea {...p} rows={2} value={text} required maxLength={4000} onChange={(e) => setText(e.target.value)} />}</Field>
      {c.status === 'proposed' && <p className="room-muted room-small">{s.cases.replyInstead}</p>}
      <ErrorLine error={send.error} />
      <button type="submit" className="room-button" disabled={send.busy}>
        {s.cases.send}
      </button>
    </form>
  );
}

/** One step of the case: who did what, when, and what they wrote. */
function StepItem({ step }: { step: CaseStep }) {
  const { s, when } = useWords();
  const what = useProposalWords();
  const head = fill(s.cases.step[step.kind] ?? '{{name}}', { name: step.by.name, what: what(step) });
  const text = step.text && (step.kind === 'rejected' || step.kind === 'accepted' ? fill(s.cases.comment, { text: step.text }) : step.kind === 'closed' ? fill(s.cases.reason, { text: step.text }) : step.text);
  return (
    <li className={`room-comment by-${step.by.kind} step-${step.kind}`}>
      <p className="room-comment-head">
        <strong>{head}</strong>{' '}
        <time className="room-muted" dateTime={step.at}>
          {when(step.at)}
        </time>
      </p>
      {text && (
        <p className="room-comment-text">
          <LinkedText text={text} />
        </p>
      )}
    </li>
  );
}

/** The proposal waiting for the buyer: what it is, and Accept (a comment if they like) or Reject (a comment needed), in place. */
function Proposal({ c, proposal }: { c: Case; proposal: NonNullable<Case['proposal']> }) {
  const { s, when } = useWords();
  const what = useProposalWords();
  const [mode, setMode] = useState<'accept' | 'reject' | null>(null);
  const [comment, setComment] = useState('');
  const [missing, setMissing] = useState(false);
  const answer = useAction(() => call('POST', `/cases/${c.id}/${mode}`, mode === 'reject' || comment.trim() ? { comment: comment.trim() } : {}));
  const titleId = `proposal-${proposal.id}`;
  const needId = `proposal-need-${proposal.id}`;
  const choose = (m: 'accept' | 'reject' | null) => {
    setMode(m);
    setMissing(false);
    answer.clear();
  };
  return (
    <div className="room-proposal" role="group" aria-labelledby={titleId}>
      <h4 id={titleId}>{s.cases.proposalTitle}</h4>
      <p className="room-proposal-what">{what(proposal)}</p>
      {proposal.text && (
        <p className="room-comment-text">
          <LinkedText text={proposal.text} />
        </p>
      )}
      <p className="room-muted room-small">{fill(s.cases.proposalBy, { name: proposal.by.name, date: when(proposal.at) })}</p>
      {c.shownStatus === 'unanswered' && <p className="room-reason">{s.cases.unansweredNote}</p>}
      {mode === null ? (
        <div className="room-actions">
          <button type="button" className="room-button primary" onClick={() => choose('accept')}>
            {s.cases.accept}
          </button>
          <button type="button" className="room-button" onClick={() => choose('reject')}>
            {s.cases.reject}
          </button>
        </div>
      ) : (
        <form
          className="room-form"
          noValidate
          aria-label={mode === 'accept' ? s.cases.acceptTitle : s.cases.rejectTitle}
          onSubmit={async (e) => {
            e.preventDefault();
            if (mode === 'reject' && !comment.trim()) {
              setMissing(true);
              return;
            }
            if ((await answer.act()) !== undefined) {
              setComment('');
              setMode(null);
            }
          }}
        >
          <Field label={mode === 'accept' ? s.cases.acceptComment : s.cases.rejectComment} hint={mode === 'accept' ? s.optional : undefined}>
            {(p) => (
              <textarea
                {...p}
                autoFocus
                rows={2}
                value={comment}
                maxLength={4000}
                required={mode === 'reject'}
                aria-invalid={missing || undefined}
                aria-errormessage={missing ? needId : undefined}
                onChange={(e) => {
                  setComment(e.target.value);
                  if (e.target.value.trim()) setMissing(false);
                }}
              />
            )}
          </Field>
          {missing && (
            <p className="room-error" role="alert" id={needId}>
              {s.cases.rejectNeeded}
            </p>
          )}
          <ErrorLine error={answer.error} />
          <div className="room-actions">
            <button type="submit" className={`room-button ${mode === 'accept' ? 'primary' : 'danger'}`} disabled={answer.busy}>
              {mode === 'accept' ? s.cases.acceptYes : s.cases.rejectYes}
            </button>
            <button type="button" className="room-button quiet" onClick={() => choose(null)}>
              {s.cancel}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}

const BADGE: Record<Case['shownStatus'], string> = { open: '', proposed: 'warn', unanswered: 'warn', resolved: 'ok', closed: '' };

function CaseItem({ c }: { c: Case }) {
  const { s, date } = useWords();
  const statusKey = c.shownStatus === 'open' && c.reopened > 0 ? 'reopened' : c.shownStatus;
  // The proposal waiting for an answer is shown once, in its own box below the history.
  const steps = [...(c.steps ?? [])].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0)).filter((step) => step.id !== c.proposal?.id);
  return (
    <li className={`room-case status-${c.shownStatus}`} aria-labelledby={`case-${c.id}`}>
      <div className="room-member-head">
        <h3 id={`case-${c.id}`}>{c.topic}</h3>
        <span className={`room-badge ${BADGE[c.shownStatus] ?? ''}`}>{s.cases.status[statusKey] ?? c.shownStatus}</span>
      </div>
      <p className="room-muted room-small">{fill(s.cases.opened, { name: c.openedBy.name, date: date(c.openedAt) })}</p>
      <p className="room-comment-text">
        <LinkedText text={c.description} />
      </p>
      {steps.length > 1 && (
        <ol className="room-thread" aria-label={s.cases.history}>
          {steps.slice(1).map((step) => (
            <StepItem key={step.id} step={step} />
          ))}
        </ol>
      )}
      {c.status === 'proposed' && c.proposal && <Proposal c={c} proposal={c.proposal} />}
      {c.status === 'resolved' && <p className="room-note">{fill(s.cases.acceptedNote, { date: date(c.resolvedAt) })}</p>}
      {c.status === 'closed' && <p className="room-closed">{fill(s.cases.closedNote, { date: date(c.closedAt) })}</p>}
      <Reply c={c} />
    </li>
  );
}

export function CasesSection({ room }: { room: Room }) {
  const { s } = useWords();
  const { data, error } = useResource<{ items: Case[] }>('/cases');
  const [topic, setTopic] = useState('');
  const [description, setDescription] = useState('');
  const [quoteId, setQuoteId] = useState('');
  const [open, setOpen] = useState(false);
  const raise = useAction(() => call('POST', '/cases', { topic: topic.trim(), description: description.trim(), ...(quoteId ? { quoteId } : {}) }));
  return (
    <Section id="cases" title={s.cases.title} intro={s.cases.intro}>
      <ErrorLine error={error} />
      {data && (data.items.length === 0 ? <p className="room-muted">{s.cases.none}</p> : (
        <ul className="room-cases">
          {data.items.map((c) => (
            <CaseItem key={c.id} c={c} />
          ))}
        </ul>
      ))}
      {open ? (
        <form
          className="room-form"
          aria-label={s.cases.raise}
          onSubmit={async (e) => {
            e.preventDefault();
            if ((await raise.act()) !== undefined) {
              setTopic('');
              setDescription('');
              setQuoteId('');
              setOpen(false);
            }
          }}
        >
          <h3>{s.cases.raise}</h3>
          <Field label={s.cases.topic}>{(p) => <input {...p} autoFocus value={topic} required maxLength={200} onChange={(e) => setTopic(e.target.value)} />}</Field>
          <Field label={s.cases.description}>{(p) => <textarea {...p} rows={3} value={description} required maxLength={4000} onChange={(e) => setDescription(e.target.value)} />}</Field>
          {room.quotes.length > 0 && (
            <Field label={s.cases.quote} hint={s.optional}>
              {(p) => (
                <select {...p} value={quoteId} onChange={(e) => setQuoteId(e.target.value)}>
                  <option value="">{s.cases.noQuote}</option>
                  {room.quotes.map((q) => (
                    <option key={q.id} value={q.id}>
                      {fill(s.quote.version, { version: q.version })}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          )}
          <ErrorLine error={raise.error} />
          <div className="room-actions">
            <button type="submit" className="room-button primary" disabled={raise.busy}>
              {s.cases.submit}
            </button>
            <button type="button" className="room-button quiet" onClick={() => setOpen(false)}>
              {s.cancel}
            </button>
          </div>
        </form>
      ) : (
        <button type="button" className="room-button" onClick={() => setOpen(true)}>
          {s.cases.raise}
        </button>
      )}
    </Section>
  );
}
