/** Small line icons, drawn inline so that no font is needed. Always decorative: the text beside them says it. */
import type { ReactNode } from 'react';

function Icon({ children, className }: { children: ReactNode; className?: string }) {
  return (
    <svg className={`icon${className ? ` ${className}` : ''}`} viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
      {children}
    </svg>
  );
}

const stroke = { fill: 'none', stroke: 'currentColor', strokeWidth: 1.6, strokeLinecap: 'round', strokeLinejoin: 'round' } as const;

/** A stop sign: something blocks the buyer. */
export const BlockIcon = () => (
  <Icon>
    <path {...stroke} d="M5.5 1.5h5l4 4v5l-4 4h-5l-4-4v-5z" />
    <path {...stroke} d="M5 8h6" />
  </Icon>
);

/** A speech bubble: the buyer asked something. */
export const ConcernIcon = () => (
  <Icon>
    <path {...stroke} d="M2 3.5A1.5 1.5 0 0 1 3.5 2h9A1.5 1.5 0 0 1 14 3.5v6a1.5 1.5 0 0 1-1.5 1.5H7l-3.5 3v-3A1.5 1.5 0 0 1 2 9.5z" />
  </Icon>
);

/** A clock: a step is late. */
export const ClockIcon = () => (
  <Icon>
    <circle {...stroke} cx="8" cy="8" r="6.2" />
    <path {...stroke} d="M8 4.5V8l2.5 1.5" />
  </Icon>
);

/** An hourglass: the buyer has not heard from us. */
export const QuietIcon = () => (
  <Icon>
    <path {...stroke} d="M4 1.8h8M4 14.2h8M5 2v2.5L8 8l3-3.5V2M5 14v-2.5L8 8l3 3.5V14" />
  </Icon>
);

export const CheckIcon = () => (
  <Icon>
    <path {...stroke} d="M3 8.5l3 3 7-7" />
  </Icon>
);

export const ArrowIcon = () => (
  <Icon>
    <path {...stroke} d="M2.5 8h10M9 4.5L12.5 8 9 11.5" />
  </Icon>
);
