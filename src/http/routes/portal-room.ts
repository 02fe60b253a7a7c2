/**
 * The room's shared work over HTTP: the plan, each member's say (criteria,
 * concerns, sign-off), the buyer declining a quote, colleagues invited by a
 * buyer, the calendar feed, and the room's own live stream. Buyer routes
 * under /api/portal/v1 (the portal cookie); the seller's view under /api/v1.
 */
import type { RouteTable } from '../route.ts';

export function portalRoomRoutes(_portal: RouteTable, _api: RouteTable): void {}
