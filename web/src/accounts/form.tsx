/**
 * Form pieces for the accounts and settings screens: a labelled field whose
 * error is said in the user's language (the server explains in English), and
 * the message for the whole form. Conflicts that belong to one field (an
 * e-mail or key already taken) are shown next to that field.
 */
import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.ts';
import { problemText } from '../ui/problem.tsx';

export interface FieldMessage {
  text: string;
  /** the server's own words, in English, when we have no better sentence */
  detail?: string;
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

/** The server's English field message as a sentence in the user's language. */
export function localizeFieldMessage(field: string, message: string, t: T, lang: string): FieldMessage {
  const path = field.replace(/^body\./, '');
  if (path === 'orgNumber') return { text: t('fieldError.orgNumber') };
  const rules: [RegExp, string, (m: RegExpMatchArray) => Record<string, unknown>][] = [
    [/must not be empty|expected string, received undefined|received null/i, 'required', () => ({})],
    [/at most (\d+) characters/i, 'tooLong', (m) => ({ max: Number(m[1]) })],
    [/at least (\d+) characters/i, 'tooShort', (m) => ({ min: Number(m[1]) })],
    [/e-mail address/i, 'email', () => ({})],
    [/web address/i, 'website', () => ({})],
    [/lower-case letters/i, 'key', () => ({})],
    [/at least two stages/i, 'twoStages', () => ({})],
    [/criterion "([^"]+)" appears twice in stage "([^"]+)"/i, 'criterionTwice', (m) => ({ key: m[1], stage: m[2] })],
    [/stage "([^"]+)" appears twice/i, 'stageTwice', (m) => ({ key: m[1] })],
    [/<=\s*(\d+) items/i, 'tooMany', (m) => ({ max: Number(m[1]) })],
    [/minor units|ISO 4217/i, 'amount', () => ({})],
  ];
  for (const [re, key, vars] of rules) {
    const m = re.exec(message);
    if (m) return { text: t(`fieldError.${key}`, vars(m)) };
  }
  return lang === 'en' ? { text: message.charAt(0).toUpperCase() + message.slice(1) + (/[.!?]$/.test(message) ? '' : '.') } : { text: t('fieldError.other'), detail: message };
}

/**
 * The field errors of `error` by body path (`orgNumber`, `stages.0.criteria.1.key`).
 * `exact` leaves out errors of nested fields, for a path that is a container.
 */
export function useFieldErrors(error: unknown, conflicts: ConflictRule[] = []) {
  const { t, i18n } = useTranslation('accounts');
  return (path: string, opts: { exact?: boolean } = {}): FieldMessage | undefined => {
    if (!(error instanceof ApiError)) return undefined;
    if (error.code === 'conflict') {
      const rule = conflicts.find((c) => c.field === path && c.match.test(error.problem.detail));
      return rule ? { text: t(`conflict.${rule.key}`) } : undefined;
    }
    const hits = (error.problem.errors ?? []).filter((e) => e.field === `body.${path}` || (!opts.exact && e.field.startsWith(`body.${path}.`)));
    if (hits.length === 0) return undefined;
    const messages = hits.map((e) => localizeFieldMessage(e.field, e.message, t, i18n.language));
    const unique = messages.filter((m, i) => messages.findIndex((o) => o.text === m.text && o.detail === m.detail) === i);
    return { text: unique.map((m) => m.text).join(' '), detail: unique.map((m) => m.detail).filter(Boolean).join('; ') || undefined };
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
      {message.detail && (
        <>
          {' '}
          <span lang="en">({message.detail})</span>
        </>
      )}
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
