/** A journey's timeline and the org's audit log. */
import { findAccount } from '../store/accounts.ts';
import { listAccountTimeline, listAudit as listAuditRows, listTimeline as listTimelineRows } from '../store/events.ts';
import { type Actor, type AppContext } from './context.ts';
import { decodeCursor, toPage } from './cursor.ts';
import { loadJourney } from './journeys.ts';
import { requireAdmin } from './permissions.ts';
import { notFound } from './errors.ts';
import { auditView, timelineView } from './views.ts';

export async function journeyTimeline(ctx: AppContext, actor: Actor, journeyId: string, q: { cursor?: string | undefined; limit: number }) {
  await loadJourney(ctx.store.db, actor, journeyId);
  const before = decodeCursor(q.cursor, ['at', 'id'] as const);
  const rows = await listTimelineRows(ctx.store.db, actor.orgId, journeyId, { before, limit: q.limit + 1 });
  return toPage(rows, q.limit, timelineView, (r) => ({ at: r.at, id: r.id }));
}

/** Everything that happened on any of an account's journeys, newest first; each item names its journey. */
export async function accountTimeline(ctx: AppContext, actor: Actor, accountId: string, q: { cursor?: string | undefined; limit: number }) {
  if (!(await findAccount(ctx.store.db, actor.orgId, accountId))) throw notFound('account');
  const before = decodeCursor(q.cursor, ['at', 'id'] as const);
  const rows = await listAccountTimeline(ctx.store.db, actor.orgId, accountId, { before, limit: q.limit + 1 });
  return toPage(rows, q.limit, (r) => ({ ...timelineView(r), journeyId: r.journey_id, journeyTitle: r.journey_title }), (r) => ({ at: r.at, id: r.id }));
}

export async function auditLog(ctx: AppContext, actor: Actor, q: { entity?: string | undefined; entityId?: string | undefined; cursor?: string | undefined; limit: number }) {
  requireAdmin(actor);
  const before = decodeCursor(q.cursor, ['id'] as const);
  const rows = await listAuditRows(ctx.store.db, actor.orgId, { ...q, before: before?.id, limit: q.limit + 1 });
  return toPage(rows, q.limit, auditView, (r) => ({ id: r.id }));
}
