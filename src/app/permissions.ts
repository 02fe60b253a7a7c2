/**
 * Who may write what: admins everything; managers everything but users;
 * sellers read the whole org but write only the journeys they own.
 * Accounts and contacts are shared: every role may add and edit them.
 */
import type { Actor } from './context.ts';
import { AppError } from './errors.ts';

export function requireAdmin(actor: Actor): void {
  if (actor.role !== 'admin') throw new AppError('forbidden', 'Only an admin may do this.');
}

/** Admins and managers: what shapes prices and the org's figures (products, rules, recomputes). */
export function requireManager(actor: Actor): void {
  if (actor.role === 'seller') throw new AppError('forbidden', 'Only an admin or a manager may do this.');
}

export function requireJourneyWriter(actor: Actor, journey: { owner_id: string }): void {
  if (actor.role === 'seller' && journey.owner_id !== actor.userId) {
    throw new AppError('forbidden', 'A seller may change only the journeys they own; ask the owner or a manager.');
  }
}
