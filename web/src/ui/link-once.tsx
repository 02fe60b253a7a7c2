/**
 * A secret link shown this once (an invitation, a guest link): the full
 * address to copy and pass on, in a box that takes the focus, with Copy
 * (selecting the text for Ctrl+C where there is no clipboard) and Done.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';

export interface LinkOnceWords {
  title: string;
  once: string;
  label: string;
  copy: string;
  copied: string;
  copyManually: string;
  done: string;
}

export function LinkOnce({ id, link, words, heading: Heading = 'h3', className, children, onDone }: { id: string; link: string; words: LinkOnceWords; heading?: 'h3' | 'h4'; className?: string; children?: ReactNode; onDone: () => void }) {
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  const box = useRef<HTMLDivElement>(null);
  const field = useRef<HTMLInputElement>(null);
  const url = `${window.location.origin}${link}`;
  useEffect(() => box.current?.focus(), [link]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied('yes');
    } catch {
      // No clipboard (plain http, or denied): select the text for Ctrl+C.
      field.current?.focus();
      field.current?.select();
      setCopied('no');
    }
  };
  return (
    <div
      className={className}
      ref={box}
      tabIndex={-1}
      role="region"
      aria-labelledby={`${id}-title`}
      style={{ border: '2px solid var(--warn)', background: 'var(--warn-soft)', borderRadius: 'var(--radius)', padding: '1rem 1.1rem', margin: '0 0 1rem' }}
    >
      <Heading id={`${id}-title`} style={{ marginTop: 0 }}>
        {words.title}
      </Heading>
      <p className="notice" style={{ background: 'var(--surface)' }}>
        <strong>{words.once}</strong>
      </p>
      <div className="row" style={{ alignItems: 'end' }}>
        <div className="field" style={{ flex: '1 1 20rem' }}>
          <label htmlFor={`${id}-value`}>{words.label}</label>
          <input id={`${id}-value`} ref={field} type="text" readOnly value={url} onFocus={(e) => e.currentTarget.select()} spellCheck={false} />
        </div>
        <button type="button" className="primary" onClick={() => void copy()} style={{ marginBottom: '0.9rem' }}>
          {words.copy}
        </button>
      </div>
      {children}
      <p role="status" className="muted small">
        {copied === 'yes' ? words.copied : copied === 'no' ? words.copyManually : ''}
      </p>
      <button type="button" onClick={onDone}>
        {words.done}
      </button>
    </div>
  );
}
