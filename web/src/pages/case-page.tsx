/**
 * One case, the seller's side: what the customer wrote, the whole dialogue in
 * time order (messages, proposals with their resolution and amount, the
 * customer's acceptance or rejection with its comment, closing with its
 * reason, reopenings, check-ins), the target clocks live, and the forms:
 * reply, propose, close without agreement, check in. Nothing here resolves a
 * case: only the customer's acceptance, in their room, does. The journey's
 * live stream refetches the case when the customer answers.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError, post } from '../api/client.ts';
import { useMe } from '../auth.tsx';
import { AMOUNT_REQUIRED, CASES_KEY, caseUrl, kronorToMinor, RESOLUTIONS, useCase, type CaseStep, type FullCase, type ResolutionKind } from '../cases/api.ts';
import '../cases/cases.css';
import { ClockView, PriorityBadge, StatusBadge, useNow } from '../cases/timer.tsx';
import { dateTime, money } from '../format.ts';
import { useJourney } from '../journey/api.ts';
import { useLive } from '../live.ts';
import { TierBadge } from '../loyalty/tier-badge.tsx';
import { Field } from '../ui/field.tsx';
import { LinkedText } from '../ui/linked-text.tsx';
import { ErrorMessage } from '../ui/problem.tsx';

const TEXT_MAX = 4000;

export function CasePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('cases');
  const tc = useTranslation().t;
  const c = useCase(id);
  const missing = c.error instanceof ApiError && c.error.problem.status === 404;
  useLive(c.data ? `/api/v1/journeys/${encodeURIComponent(c.data.journeyId)}/events` : null, [CASES_KEY]);

  if (c.isPending) {
    return (
      <section className="page" aria-busy="true">
        <p className="loading" role="status">
          {t('case.loading')}
        </p>
      </section>
    );
  }
  if (missing || !c.data) {
    return (
      <section className="page">
        <h1>{missing ? t('case.notFound') : t('case.loadFailed')}</h1>
        {missing ? <p>{t('case.notFoundText')}</p> : <ErrorMessage error={c.error} />}
        {!missing && (
          <button type="button" onClick={() => void c.refetch()}>
            {tc('retry')}
          </button>
        )}
        <p>
          <Link to="/cases">{t('case.back')}</Link>
        </p>
      </section>
    );
  }
  return <CaseView item={c.data} />;
}

function CaseView({ item: c }: { item: FullCase }) {
  const { t } = useTranslation('cases');
  const journey = useJourney(c.journeyId);
  const me = useMe().data?.user;
  const j = journey.data;
  const mayWrite = me !== undefined && j !== undefined && (me.role !== 'seller' || me.id === j.ownerId);
  return (
    <article className="page case-page" aria-labelledby="case-title">
      <p className="back">
        <Link to="/cases">
          <span aria-hidden="true">←</span> {t('case.back')}
        </Link>
      </p>
      <h1 id="case-title">{c.topic}</h1>
      <div className="case-facts">
        <StatusBadge status={c.shownStatus} />
        <PriorityBadge priority={c.priority} />
        <TierBadge tier={c.tier} />
        {j && (
          <span>
            {t('case.onJourney')}: <Link to={`/journeys/${j.id}`}>{j.title}</Link>
          </span>
        )}
        {j?.account && (
          <span>
            · {t('case.account')}: <Link to={`/accounts/${j.account.id}`}>{j.account.name}</Link>
          </span>
        )}
      </div>
      <p className="case-only-buyer">{t('case.onlyBuyer')}</p>
      {c.shownStatus === 'unanswered' && <p className="notice">{t('unansweredHint')}</p>}
      <div className="grid-2">
        <div>
          <section className="card section" aria-labelledby="case-description-title">
            <h2 id="case-description-title">{t('case.description')}</h2>
            <p className="muted small">{t('case.openedBy', { name: c.openedBy.name, kind: t(`case.kind.${c.openedBy.kind}`), date: dateTime(c.openedAt) })}</p>
            <p style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              <LinkedText text={c.description} />
            </p>
          </section>
          <Dialogue item={c} />
          {mayWrite ? <CaseForms item={c} /> : me && j && <p className="muted">{t('case.readOnly')}</p>}
        </div>
        <div>
          <Clocks item={c} />
        </div>
      </div>
    </article>
  );
}

function Clocks({ item: c }: { item: FullCase }) {
  const { t } = useTranslation('cases');
  const now = useNow(1000);
  return (
    <section className="card section case-clocks-card" aria-labelledby="case-clocks-title">
      <h2 id="case-clocks-title">{t('case.clocks')}</h2>
      <ul className="case-clocks">
        {(['firstResponse', 'resolution'] as const).map((which) => (
          <li key={which}>
            <strong>{t(`clock.${which}`)}</strong>
            <br />
            <ClockView clock={c.clocks[which]} which={which} now={now} compact />
            <br />
            <span className="muted small">
              {t('clock.used', { hours: c.clocks[which].usedHours, target: which === 'firstResponse' ? c.targets.firstResponseHours : c.targets.resolutionHours })}
            </span>
          </li>
        ))}
      </ul>
      <p className="muted small">{t('case.targets', { first: c.targets.firstResponseHours, resolution: c.targets.resolutionHours })}</p>
      {c.checkInAt && (
        <>
          <h3>{t('case.checkIn')}</h3>
          <p>
            {c.checkedInAt ? t('case.checkedIn', { when: dateTime(c.checkedInAt) }) : t('case.checkInAt', { when: dateTime(c.checkInAt) })}
            {c.checkInDue && (
              <>
                {' '}
                <strong className="badge warn">{t('case.checkInDue')}</strong>
              </>
            )}
          </p>
        </>
      )}
    </section>
  );
}

/** The steps in time order; a customer's message on a proposed, resolved or closed case reopens it, and says so. */
function Dialogue({ item: c }: { item: FullCase }) {
  const { t } = useTranslation('cases');
  let status = 'open';
  const rows = c.steps.map((s) => {
    let reopened = false;
    if (s.kind === 'message' && s.by.kind === 'contact' && status !== 'open') {
      reopened = true;
      status = 'open';
    }
    if (s.kind === 'proposed') status = 'proposed';
    if (s.kind === 'accepted') status = 'resolved';
    if (s.kind === 'rejected') status = 'open';
    if (s.kind === 'closed') status = 'closed';
    return { s, reopened };
  });
  return (
    <section className="card section case-dialogue" aria-labelledby="case-dialogue-title">
      <h2 id="case-dialogue-title">{t('case.dialogue')}</h2>
      <ol className="case-steps" aria-label={t('case.dialogueLabel')}>
        {rows.map(({ s, reopened }) => (
          <StepItem key={s.id} step={s} reopened={reopened} waiting={c.proposal?.id === s.id} />
        ))}
      </ol>
    </section>
  );
}

function StepItem({ step: s, reopened, waiting }: { step: CaseStep; reopened: boolean; waiting: boolean }) {
  const { t } = useTranslation('cases');
  const head = t(`case.step.${s.kind}`, { name: s.by.name, resolution: s.resolution ? t(`resolution.${s.resolution}`) : '' });
  const label = s.kind === 'rejected' ? t('case.comment') : s.kind === 'accepted' ? t('case.comment') : s.kind === 'closed' ? t('case.reason') : s.kind === 'checked_in' ? t('case.note') : null;
  return (
    <li className={`case-step kind-${s.kind} by-${s.by.kind}`} data-step={s.kind}>
      {reopened && (
        <p className="case-reopened">
          <strong className="badge warn">{t('case.step.reopened')}</strong>
        </p>
      )}
      <div>
        <strong>{head}</strong>{' '}
        <span className="muted small">
          ({t(`case.kind.${s.by.kind}`)}) · <time dateTime={s.at}>{dateTime(s.at)}</time>
        </span>
      </div>
      {s.kind === 'proposed' && s.amountMinor !== null && (
        <p>
          {t('case.amount')}: <strong>{money(s.amountMinor, s.currency ?? 'SEK')}</strong>
        </p>
      )}
      {s.text && (
        <p>
          {label && <span className="muted">{label}: </span>}
          <LinkedText text={s.text} />
        </p>
      )}
      {waiting && (
        <p>
          <span className="badge accent">{t('case.waitingProposal')}</span>
        </p>
      )}
    </li>
  );
}

function useCaseAction<V>(id: string, fn: (v: V) => Promise<unknown>, onDone: () => void) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      onDone();
      await qc.invalidateQueries({ queryKey: CASES_KEY });
      await qc.invalidateQueries({ queryKey: ['today'] });
    },
  });
}

function CaseForms({ item: c }: { item: FullCase }) {
  const { t } = useTranslation('cases');
  return (
    <section className="card section case-forms" aria-labelledby="case-forms-title">
      <h2 id="case-forms-title">{t('reply.title')}</h2>
      {c.status === 'closed' ? <p className="muted">{t('reply.closed')}</p> : <ReplyForm item={c} />}
      {c.checkInDue && <CheckInForm item={c} />}
      {c.status === 'open' ? <ProposeForm item={c} /> : c.status === 'proposed' ? <p className="muted">{t('propose.needsOpen')}</p> : null}
      {(c.status === 'open' || c.status === 'proposed') && <CloseForm item={c} />}
    </section>
  );
}

function ReplyForm({ item }: { item: FullCase }) {
  const { t } = useTranslation('cases');
  const [text, setText] = useState('');
  const [said, setSaid] = useState('');
  const send = useCaseAction(item.id, (body: { text: string }) => post(caseUrl(item.id, '/messages'), body), () => {
    setText('');
    setSaid(t('reply.sent'));
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (text.trim()) send.mutate({ text });
  };
  return (
    <form className="case-reply" onSubmit={submit} aria-label={t('reply.title')}>
      <Field label={t('reply.text')} name="text" error={send.error}>
        {(p) => <textarea {...p} required maxLength={TEXT_MAX} rows={3} value={text} onChange={(e) => (setText(e.target.value), setSaid(''))} />}
      </Field>
      <ErrorMessage error={send.error} />
      <button type="submit" className="primary" disabled={send.isPending || !text.trim()}>
        {t('reply.send')}
      </button>
      <p role="status" className="muted small">
        {said}
      </p>
    </form>
  );
}

function ProposeForm({ item }: { item: FullCase }) {
  const { t } = useTranslation('cases');
  const [kind, setKind] = useState<ResolutionKind>('explanation');
  const [amount, setAmount] = useState('');
  const [text, setText] = useState('');
  const [problems, setProblems] = useState<{ amount?: string; text?: string }>({});
  const [said, setSaid] = useState('');
  const amountRef = useRef<HTMLInputElement>(null);
  const textRef = useRef<HTMLTextAreaElement>(null);
  const send = useCaseAction(item.id, (body: { resolution: ResolutionKind; amountMinor?: number; text: string }) => post(caseUrl(item.id, '/proposals'), body), () => {
    setAmount('');
    setText('');
    setSaid(t('propose.sent'));
  });
  const needsAmount = AMOUNT_REQUIRED.includes(kind);
  const hasAmount = kind !== 'explanation';
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found: { amount?: string; text?: string } = {};
    const minor = hasAmount && amount.trim() ? kronorToMinor(amount) : null;
    if (hasAmount && amount.trim() && minor === null) found.amount = t('propose.amountInvalid');
    else if (needsAmount && (minor === null || minor <= 0)) found.amount = t('propose.amountRequired');
    if (!text.trim()) found.text = t('propose.textRequired');
    setProblems(found);
    if (found.amount) return amountRef.current?.focus();
    if (found.text) return textRef.current?.focus();
    send.mutate({ resolution: kind, ...(hasAmount && minor !== null && { amountMinor: minor }), text });
  };
  return (
    <form className="subform case-propose" onSubmit={submit} noValidate aria-labelledby="case-propose-title">
      <h3 id="case-propose-title">{t('propose.title')}</h3>
      <p className="muted small">{t('propose.intro')}</p>
      <div className="row">
        <div className="field">
          <label htmlFor="case-resolution">{t('propose.kind')}</label>
          <select id="case-resolution" value={kind} onChange={(e) => (setKind(e.target.value as ResolutionKind), setProblems({}), setSaid(''))}>
            {RESOLUTIONS.map((r) => (
              <option key={r} value={r}>
                {t(`resolution.${r}`)}
              </option>
            ))}
          </select>
        </div>
        {hasAmount && (
          <div className={`field${problems.amount ? ' field-invalid' : ''}`}>
            <label htmlFor="case-amount">{needsAmount ? t('propose.amount') : t('propose.amountOptional')}</label>
            <input
              id="case-amount"
              ref={amountRef}
              inputMode="decimal"
              value={amount}
              required={needsAmount}
              aria-invalid={Boolean(problems.amount)}
              aria-describedby={`case-amount-hint${problems.amount ? ' case-amount-error' : ''}`}
              onChange={(e) => setAmount(e.target.value)}
            />
            <small id="case-amount-hint" className="hint">
              {t('propose.amountHint')}
            </small>
            {problems.amount && (
              <small id="case-amount-error" className="field-error">
                {problems.amount}
              </small>
            )}
          </div>
        )}
      </div>
      <div className={`field${problems.text ? ' field-invalid' : ''}`}>
        <label htmlFor="case-proposal-text">{t('propose.text')}</label>
        <textarea
          id="case-proposal-text"
          ref={textRef}
          rows={3}
          maxLength={TEXT_MAX}
          value={text}
          required
          aria-invalid={Boolean(problems.text)}
          aria-describedby={problems.text ? 'case-proposal-text-error' : undefined}
          onChange={(e) => setText(e.target.value)}
        />
        {problems.text && (
          <small id="case-proposal-text-error" className="field-error">
            {problems.text}
          </small>
        )}
      </div>
      <ErrorMessage error={send.error} />
      <button type="submit" className="primary" disabled={send.isPending}>
        {t('propose.send')}
      </button>
      <p role="status" className="muted small">
        {said}
      </p>
    </form>
  );
}

function CloseForm({ item }: { item: FullCase }) {
  const { t } = useTranslation('cases');
  const tc = useTranslation().t;
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState('');
  const [confirming, setConfirming] = useState(false);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const yesRef = useRef<HTMLButtonElement>(null);
  const close = useCaseAction(item.id, (body: { reason: string }) => post(caseUrl(item.id, '/close'), body), () => {
    setConfirming(false);
    setReason('');
  });
  useEffect(() => {
    if (confirming) yesRef.current?.focus();
  }, [confirming]);
  const start = (e: FormEvent) => {
    e.preventDefault();
    if (!reason.trim()) {
      setProblem(t('close.reasonRequired'));
      reasonRef.current?.focus();
      return;
    }
    setProblem('');
    setConfirming(true);
  };
  return (
    <form className="subform case-close" onSubmit={start} noValidate aria-labelledby="case-close-title">
      <h3 id="case-close-title">{t('close.title')}</h3>
      <p className="muted small">{t('close.intro')}</p>
      <div className={`field${problem ? ' field-invalid' : ''}`}>
        <label htmlFor="case-close-reason">{t('close.reason')}</label>
        <textarea
          id="case-close-reason"
          ref={reasonRef}
          rows={2}
          maxLength={TEXT_MAX}
          required
          value={reason}
          aria-invalid={Boolean(problem)}
          aria-describedby={problem ? 'case-close-reason-error' : undefined}
          onChange={(e) => (setReason(e.target.value), setConfirming(false))}
        />
        {problem && (
          <small id="case-close-reason-error" className="field-error">
            {problem}
          </small>
        )}
      </div>
      {confirming ? (
        <div className="case-confirm" role="group" aria-label={t('close.title')} onKeyDown={(e) => e.key === 'Escape' && setConfirming(false)}>
          <span>{t('close.confirm')}</span>
          <button ref={yesRef} type="button" className="danger" disabled={close.isPending} onClick={() => close.mutate({ reason })}>
            {t('close.yes')}
          </button>
          <button type="button" onClick={() => setConfirming(false)}>
            {tc('cancel')}
          </button>
        </div>
      ) : (
        <button type="submit">{t('close.start')}</button>
      )}
      <ErrorMessage error={close.error} />
    </form>
  );
}

function CheckInForm({ item }: { item: FullCase }) {
  const { t } = useTranslation('cases');
  const [note, setNote] = useState('');
  const [said, setSaid] = useState('');
  const send = useCaseAction(item.id, (body: { note?: string }) => post(caseUrl(item.id, '/check-in'), body), () => setSaid(t('checkIn.done')));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    send.mutate(note.trim() ? { note } : {});
  };
  return (
    <form className="subform case-check-in" onSubmit={submit} aria-labelledby="case-check-in-title">
      <h3 id="case-check-in-title">{t('checkIn.title')}</h3>
      <p className="muted small">{t('checkIn.intro')}</p>
      <Field label={t('checkIn.note')} name="note" error={send.error}>
        {(p) => <textarea {...p} rows={2} maxLength={TEXT_MAX} value={note} onChange={(e) => setNote(e.target.value)} />}
      </Field>
      <ErrorMessage error={send.error} />
      <button type="submit" className="primary" disabled={send.isPending}>
        {t('checkIn.send')}
      </button>
      <p role="status" className="muted small">
        {said}
      </p>
    </form>
  );
}
