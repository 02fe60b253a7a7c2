/** A journey's timeline and the org's audit log. */
import { listAudit as listAuditRows, listTimeline as listTimelineRows } from '../store/events.ts';
import { type Actor, type AppContext } from './context.ts';
import { decodeCursor, toPage } from './cursor.ts';
import { loadJourney } from './journeys.ts';
import { requireAdmin } from './permissions.ts';
import { auditView, timelineView } from './views.ts';

export async function journeyTimeline(ctx: AppContext, actor: Actor, journeyId: string, q: { cursor?: string | undefined; limit: number }) {
  await loadJourney(ctx.store.db, actor, journeyId);
  const before = decodeCursor(q.cursor, ['at', 'id'] as const);
  const rows = await listTimelineRows(ctx.store.db, actor.orgId, journeyId, { before, limit: q.limit + 1 });
  return toPage(rows, q.limit, timelineView, (r) => ({ at: r.at, id: r.id }));
}

export async function auditLog(ctx: AppContext, actor: Actor, q: { entity?: string | undefined; entityId?: string | undefined; cursor?: string | undefined; limit: number }) {
  requireAdmin(actor);
  const before = decodeCursor(q.cursor, ['id'] as const);
  const rows = await listAuditRows(ctx.store.db, actor.orgId, { ...q, before: before?.id, limit: q.limit + 1 });
  return toPage(rows, q.limit, auditView, (r) => ({ id: r.id }));
}
