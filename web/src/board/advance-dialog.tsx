/**
 * Shown when the buyer has not finished the stage: which criteria are unmet,
 * evidence for those a person confirms, and a move with a written reason.
 * Nothing typed is lost on an error.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, post } from '../api/client.ts';
import type { Journey, JourneyCard } from '../api/types.ts';
import { ErrorMessage, fieldProblem } from '../ui/problem.tsx';

export type Unmet = NonNullable<ApiError['problem']['unmet']>[number];

export const advanceJourney = (id: string, overrideReason?: string) =>
  post<Journey>(`/journeys/${id}/advance`, overrideReason === undefined ? {} : { overrideReason });

/** The unmet criteria of a 409, or null for any other outcome. */
export function unmetOf(err: unknown): Unmet[] | null {
  return err instanceof ApiError && err.code === 'unmet_criteria' ? (err.problem.unmet ?? []) : null;
}

interface Props {
  card: JourneyCard;
  toName: string;
  unmet: Unmet[];
  onMoved: (journey: Journey, overridden: boolean) => void;
  onClose: () => void;
}

export function AdvanceDialog({ card, toName, unmet: initialUnmet, onMoved, onClose }: Props) {
  const { t } = useTranslation('board');
  const ref = useRef<HTMLDialogElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const id = useId();
  const [unmet, setUnmet] = useState(initialUnmet);
  const [saved, setSaved] = useState(false);
  const qc = useQueryClient();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog.showModal();
    // Focus the first thing to type in; the heading if there is none.
    const first = dialog.querySelector<HTMLElement>('textarea');
    (first ?? headingRef.current)?.focus();
    return () => {
      if (dialog.open) dialog.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  // A close that was undone before its event arrived (React re-running the effect) is no close.
  const closed = () => {
    if (!ref.current?.open) onClose();
  };

  const manual = unmet.filter((u) => !u.derived);
  const onlyOneLeft = unmet.length === 1 && manual.length === 1;

  const afterEvidence = async () => {
    // Evidence recorded: the card's readiness changed; try the move again, it may still lack something else.
    void qc.invalidateQueries({ queryKey: ['journeys'] });
    void qc.invalidateQueries({ queryKey: ['journey', card.id], refetchType: 'none' });
    try {
      onMoved(await advanceJourney(card.id), false);
    } catch (err) {
      const still = unmetOf(err);
      if (!still) throw err;
      setUnmet(still);
      setSaved(true);
      headingRef.current?.focus();
    }
  };

  return (
    <dialog ref={ref} className="advance-dialog" aria-labelledby={`${id}-title`} aria-describedby={`${id}-intro`} onClose={closed}>
      <h2 id={`${id}-title`} ref={headingRef} tabIndex={-1}>
        {t('dialog.title', { stage: toName })}
      </h2>
      <p id={`${id}-intro`}>{t('dialog.intro', { title: card.title, account: card.accountName })}</p>
      {saved && (
        <p className="notice-ok" role="status">
          {t('dialog.evidenceSaved')}
        </p>
      )}
      <h3 className="visually-hidden">{t('dialog.missing')}</h3>
      {manual.length > 0 && (
        <p id={`${id}-hint`} className="muted unmet-hint">
          {t('dialog.evidenceHint')}
        </p>
      )}
      <ul className="unmet-list">
        {[...manual, ...unmet.filter((u) => u.derived)].map((u) => (
          <li key={u.key} className="unmet">
            {u.derived ? (
              <>
                <p className="unmet-text">
                  {u.text} <span className="badge accent">{t('dialog.derived')}</span>
                </p>
                <p className="hint muted">{t('dialog.derivedHint')}</p>
              </>
            ) : (
              <EvidenceForm journeyId={card.id} criterion={u} hintId={`${id}-hint`} submitLabel={onlyOneLeft ? t('dialog.saveAndMove', { stage: toName }) : t('dialog.saveEvidence')} onSaved={afterEvidence} />
            )}
          </li>
        ))}
      </ul>
      <OverrideForm journeyId={card.id} toName={toName} onMoved={(j) => onMoved(j, true)} onCancel={() => ref.current?.close()} />
    </dialog>
  );
}

interface EvidenceProps {
  journeyId: string;
  criterion: Unmet;
  hintId: string;
  submitLabel: string;
  onSaved: () => Promise<void>;
}

function EvidenceForm({ journeyId, criterion, hintId, submitLabel, onSaved }: EvidenceProps) {
  const { t } = useTranslation('board');
  const { id, text, setText, busy, error, empty, submit } = useRequiredText(async (evidence) => {
    await post(`/journeys/${journeyId}/criteria/${encodeURIComponent(criterion.key)}`, { evidence });
    await onSaved();
  });

  const fieldError = empty ? t('dialog.evidenceRequired') : fieldProblem(error, 'evidence');
  return (
    <form className={`field${fieldError ? ' field-invalid' : ''}`} onSubmit={(e) => void submit(e)} noValidate>
      <label htmlFor={id}>{t('dialog.evidence', { criterion: criterion.text })}</label>
      <textarea
        id={id}
        name="evidence"
        value={text}
        onChange={(e) => setText(e.target.value)}
        aria-invalid={Boolean(fieldError)}
        aria-describedby={`${hintId}${fieldError ? ` ${id}-error` : ''}`}
        rows={2}
        maxLength={2000}
      />
      {fieldError && (
        <small id={`${id}-error`} className="field-error">
          {fieldError}
        </small>
      )}
      {error && !fieldProblem(error, 'evidence') ? <ErrorMessage error={error} /> : null}
      <div className="unmet-actions">
        <button type="submit" className="primary small" disabled={busy}>
          {busy ? t('dialog.saving') : submitLabel}
        </button>
      </div>
    </form>
  );
}

function OverrideForm({ journeyId, toName, onMoved, onCancel }: { journeyId: string; toName: string; onMoved: (j: Journey) => void; onCancel: () => void }) {
  const { t } = useTranslation('board');
  const { id, text: reason, setText: setReason, busy, error, empty, submit } = useRequiredText(async (text) => onMoved(await advanceJourney(journeyId, text)));
  const fieldError = empty ? t('dialog.overrideRequired') : fieldProblem(error, 'overrideReason');
  return (
    <form className="override" onSubmit={(e) => void submit(e)} noValidate aria-labelledby={`${id}-head`}>
      <h3 id={`${id}-head`}>{t('dialog.override')}</h3>
      <p className="muted">{t('dialog.overrideIntro')}</p>
      <div className={`field${fieldError ? ' field-invalid' : ''}`}>
        <label htmlFor={id}>{t('dialog.overrideReason')}</label>
        <textarea
          id={id}
          name="overrideReason"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          required
          aria-invalid={Boolean(fieldError)}
          aria-describedby={fieldError ? `${id}-error` : undefined}
          rows={2}
          maxLength={2000}
        />
        {fieldError && (
          <small id={`${id}-error`} className="field-error">
            {fieldError}
          </small>
        )}
      </div>
      {error && !fieldProblem(error, 'overrideReason') ? <ErrorMessage error={error} /> : null}
      <div className="dialog-actions">
        <button type="button" onClick={onCancel}>
          {t('dialog.close')}
        </button>
        <button type="submit" className="danger" disabled={busy}>
          {busy ? t('dialog.moving') : t('dialog.overrideSubmit', { stage: toName })}
        </button>
      </div>
    </form>
  );
}

/**
 * A form around one required text: refused while empty (focus goes to it),
 * else the action runs; on an error the text stays as typed.
 */
function useRequiredText(action: (text: string) => Promise<void>) {
  const id = useId();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [missing, setMissing] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim()) {
      setMissing(true);
      document.getElementById(id)?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await action(text);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return { id, text, setText, busy, error, empty: missing && !text.trim(), submit };
}

