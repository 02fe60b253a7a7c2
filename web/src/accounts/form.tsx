/**
 * Form pieces for the accounts and settings screens: a labelled field with its
 * error (the server words it in the language the app asks for), and the
 * message for the whole form. Conflicts that belong to one field (an
 * e-mail or key already taken) are shown next to that field.
 */
import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.ts';
import { problemText, sentence } from '../ui/problem.tsx';

export interface FieldMessage {
  text: string;
}

/** A 409 whose detail matches `match` is shown at `field` with the sentence `key` (accounts:conflict.*). */
export interface ConflictRule {
  match: RegExp;
  field?: string;
  key: string;
  /** values for the sentence, from the server's detail */
  vars?: (m: RegExpExecArray) => Record<string, unknown>;
}

type T = (key: string, opts?: Record<string, unknown>) => string;

/** A field message as a sentence; an organisation number also says what a right one looks like. */
function fieldSentence(field: string, message: string, t: T): FieldMessage {
  if (field.replace(/^body\./, '') === 'orgNumber') return { text: t('fieldError.orgNumber') };
  return { text: sentence(message) };
}

/**
 * The field errors of `error` by body path (`orgNumber`, `stages.0.criteria.1.key`).
 * `exact` leaves out errors of nested fields, for a path that is a container.
 */
export function useFieldErrors(error: unknown, conflicts: ConflictRule[] = []) {
  const { t } = useTranslation('accounts');
  return (path: string, opts: { exact?: boolean } = {}): FieldMessage | undefined => {
    if (!(error instanceof ApiError)) return undefined;
    if (error.code === 'conflict') {
      const rule = conflicts.find((c) => c.field === path && c.match.test(error.problem.detail));
      return rule ? { text: t(`conflict.${rule.key}`) } : undefined;
    }
    const hits = (error.problem.errors ?? []).filter((e) => e.field === `body.${path}` || (!opts.exact && e.field.startsWith(`body.${path}.`)));
    if (hits.length === 0) return undefined;
    const texts = hits.map((e) => fieldSentence(e.field, e.message, t).text);
    return { text: texts.filter((m, i) => texts.indexOf(m) === i).join(' ') };
  };
}

/** The sentence for the whole form, or null when the fields say it all. */
export function useFormProblem(error: unknown, conflicts: ConflictRule[] = []): string | null {
  const { t } = useTranslation('accounts');
  const tc = useTranslation().t;
  if (!error) return null;
  if (error instanceof ApiError && error.code === 'conflict') {
    for (const rule of conflicts) {
      const m = rule.match.exec(error.problem.detail);
      if (m) return rule.field ? tc('problem.validation') : t(`conflict.${rule.key}`, rule.vars?.(m) ?? {});
    }
  }
  return problemText(error, tc);
}

export function FormProblem({ error, conflicts }: { error: unknown; conflicts?: ConflictRule[] }) {
  const text = useFormProblem(error, conflicts);
  if (!text) return null;
  return (
    <p className="error" role="alert">
      {text}
    </p>
  );
}

interface FormFieldProps {
  label: ReactNode;
  message?: FieldMessage | undefined;
  hint?: string | undefined;
  className?: string;
  children: (props: { id: string; 'aria-invalid': boolean; 'aria-describedby': string | undefined }) => ReactNode;
}

/** A labelled field with its hint and its error, both linked for screen readers. */
export function FormField({ label, message, hint, className, children }: FormFieldProps) {
  const id = useId();
  const describedBy = [message ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${message ? ' field-invalid' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': Boolean(message), 'aria-describedby': describedBy })}
      {hint && (
        <small id={`${id}-hint`} className="hint">
          {hint}
        </small>
      )}
      {message && <FieldErrorText id={`${id}-error`} message={message} />}
    </div>
  );
}

export function FieldErrorText({ id, message }: { id?: string; message: FieldMessage }) {
  return (
    <small id={id} className="field-error">
      {message.text}
    </small>
  );
}

/**
 * Focus that returns to a control once it is back on screen (after a form
 * closes): `later()` asks for it (the ref'd control, or the element matching a
 * selector), and the next commit that shows the control gives it.
 */
export function useReturnFocus<E extends HTMLElement>() {
  const ref = useRef<E>(null);
  const wanted = useRef<string | true | null>(null);
  useEffect(() => {
    const w = wanted.current;
    if (w === null) return;
    const el = w === true ? ref.current : document.querySelector<HTMLElement>(w);
    if (el) {
      el.focus();
      wanted.current = null;
    }
  });
  return { ref, later: (selector?: string) => void (wanted.current = selector ?? true) } as const;
}
