/**
 * The room's dialogue over HTTP: the comment thread (buyers, sellers and
 * moderated guests) and complaints. Buyer routes under /api/portal/v1; the
 * seller's side under /api/v1.
 */
import type { RouteTable } from '../route.ts';

export function portalDialogueRoutes(_portal: RouteTable, _api: RouteTable): void {}
