/** A labelled form field that shows its own error, linked for screen readers. */
import { useId, type ReactNode } from 'react';
import { fieldProblem } from './problem.tsx';

interface FieldProps {
  label: string;
  name: string;
  error?: unknown;
  hint?: string;
  children: (props: { id: string; name: string; 'aria-invalid': boolean; 'aria-describedby': string | undefined }) => ReactNode;
}

export function Field({ label, name, error, hint, children }: FieldProps) {
  const id = useId();
  const problem = fieldProblem(error, name);
  const describedBy = [problem ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${problem ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, name, 'aria-invalid': Boolean(problem), 'aria-describedby': describedBy })}
      {hint && (
        <small id={`${id}-hint`} className="hint">
          {hint}
        </small>
      )}
      {problem && (
        <small id={`${id}-error`} className="field-error">
          {problem}
        </small>
      )}
    </div>
  );
}
