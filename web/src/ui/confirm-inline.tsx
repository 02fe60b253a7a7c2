/**
 * "Withdraw this?" in place, beside what it is about: the question, the
 * dangerous answer, and Cancel — which takes the focus, as does Escape.
 */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

export function ConfirmInline({ label, question, yes, pending, onYes, onNo }: { label: string; question: string; yes: string; pending: boolean; onYes: () => void; onNo: () => void }) {
  const tc = useTranslation().t;
  const no = useRef<HTMLButtonElement>(null);
  useEffect(() => no.current?.focus(), []);
  return (
    <span className="confirm" role="group" aria-label={label} onKeyDown={(e) => e.key === 'Escape' && onNo()} style={{ display: 'inline-flex', gap: '0.4rem', alignItems: 'center', flexWrap: 'wrap' }}>
      <span>{question}</span>
      <button type="button" className="small danger" disabled={pending} onClick={onYes}>
        {yes}
      </button>
      <button ref={no} type="button" className="small" onClick={onNo}>
        {tc('cancel')}
      </button>
    </span>
  );
}
