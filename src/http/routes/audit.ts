import { z } from 'zod';
import { auditLog } from '../../app/timeline.ts';
import type { RouteTable } from '../route.ts';
import { cursor, id, limit } from '../schemas.ts';

export function auditRoutes(api: RouteTable): void {
  api.add({
    method: 'GET',
    url: '/audit',
    tag: 'audit',
    summary: 'Every write with actor, action, entity, before and after, newest first (admins only)',
    query: z.strictObject({ entity: z.string().max(64).optional(), entityId: id.optional(), cursor, limit }),
    handler: ({ query, actor, req }) => auditLog(req.server.h2h.ctx, actor, query),
  });
}
