/** Rules of one buying journey that are not about stages. Pure. */
import type { ConcernStatus, JourneyStatus } from './vocabulary.ts';

/** A closed journey (won or lost) takes no more changes to its stage or data. */
export function isClosed(status: JourneyStatus): boolean {
  return status === 'won' || status === 'lost';
}

export type ConcernAction = 'answer' | 'accept' | 'withdraw' | 'reopen';

/**
 * The concern lifecycle: `open` → `answered` → `accepted` by the buyer, or
 * `withdrawn`. Answering again is allowed while not accepted (a better answer).
 * Returns the new status, or null when the move is not allowed.
 */
export function nextConcernStatus(from: ConcernStatus, action: ConcernAction): ConcernStatus | null {
  switch (action) {
    case 'answer':
      return from === 'open' || from === 'answered' ? 'answered' : null;
    case 'accept':
      return from === 'answered' ? 'accepted' : null;
    case 'withdraw':
      return from === 'open' || from === 'answered' ? 'withdrawn' : null;
    case 'reopen':
      return from === 'answered' || from === 'accepted' ? 'open' : null;
  }
}

/** A blocking concern stops the journey until the buyer accepts the answer or withdraws it. */
export function isUnresolved(status: ConcernStatus): boolean {
  return status === 'open' || status === 'answered';
}
