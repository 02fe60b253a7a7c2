/** Small pieces every section of the room uses: a section frame, an error line, a field. */
import { useId, useRef, useState, type ReactNode } from 'react';
import type { PortalError } from './api.ts';
import { useWords } from './lang.tsx';

/** What a refused action says: the server's own words (in the room's language), or ours when it could not answer. */
export function problemText(error: PortalError, s: { offline: string; somethingWrong: string }): string {
  if (error.code === 'network') return s.offline;
  if (error.status >= 500 || !error.detail) return s.somethingWrong;
  if (error.errors.length > 0) return error.errors.map((e) => sentence(e.message)).join(' ');
  return error.detail;
}

export const sentence = (m: string): string => m.charAt(0).toUpperCase() + m.slice(1) + (/[.!?]$/.test(m) ? '' : '.');

export function ErrorLine({ error }: { error: PortalError | undefined }) {
  const { s } = useWords();
  if (!error) return null;
  return (
    <p className="room-error" role="alert">
      {problemText(error, s)}
    </p>
  );
}

export function Section({ id, title, intro, children, aside }: { id: string; title: string; intro?: string; children: ReactNode; aside?: ReactNode }) {
  return (
    <section className="room-section" id={id} aria-labelledby={`${id}-title`}>
      <div className="room-section-head">
        <h2 id={`${id}-title`}>{title}</h2>
        {aside}
      </div>
      {intro && <p className="room-intro">{intro}</p>}
      {children}
    </section>
  );
}

/** A labelled input, textarea or select; the hint is read with it. */
export function Field({
  label,
  hint,
  children,
}: {
  label: string;
  hint?: string;
  children: (props: { id: string; 'aria-describedby'?: string }) => ReactNode;
}) {
  const id = useId();
  const hintId = `${id}-hint`;
  return (
    <div className="room-field">
      <label htmlFor={id}>
        {label}
        {hint && (
          <span className="room-hint" id={hintId}>
            {' '}
            ({hint})
          </span>
        )}
      </label>
      {children(hint ? { id, 'aria-describedby': hintId } : { id })}
    </div>
  );
}

/** An address shown once, read-only, with a Copy button; where the clipboard is refused, the text is selected for Ctrl+C. */
export function CopyField({ label, value }: { label: string; value: string }) {
  const { s } = useWords();
  const input = useRef<HTMLInputElement>(null);
  const [said, setSaid] = useState<string | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setSaid(s.copied);
    } catch {
      input.current?.select();
      setSaid(s.copyManually);
    }
  };
  return (
    <div className="room-copy">
      <Field label={label}>{(p) => <input {...p} ref={input} readOnly value={value} onFocus={(e) => e.target.select()} />}</Field>
      <button type="button" className="room-button" onClick={() => void copy()}>
        {s.copy}
      </button>
      <p className="room-muted room-small" role="status">
        {said}
      </p>
    </div>
  );
}
