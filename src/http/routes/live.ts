/**
 * Live updates as Server-Sent Events: an open page hears that something
 * changed and fetches it again. Events name the journey and the kind of
 * change only; what changed is read through the ordinary routes, with their
 * permissions.
 */
import type { ChangeEvent } from '../../app/context.ts';
import { watchJourney, watchOrg } from '../../app/live.ts';
import { stillSignedIn } from '../auth.ts';
import { SECURITY_HEADERS } from '../headers.ts';
import type { RouteTable } from '../route.ts';
import { idParams } from '../schemas.ts';
import type { EventStream } from '../sse.ts';

const EVENT_FORMAT =
  'Each change is `event: change` with `data: {"journeyId": "…", "kind": "…"}` (kind as in the timeline, e.g. `stage_changed`). ' +
  'A comment line every 25 seconds keeps the connection open. Sign in as for every route; a browser’s EventSource sends the session cookie. ' +
  'The stream ends when the session ends.';

const changeData = (e: ChangeEvent) => ({ journeyId: e.journeyId, kind: e.kind });

export function liveRoutes(api: RouteTable): void {
  api.stream({
    url: '/events',
    tag: 'live',
    summary: 'Every change in your organisation, as Server-Sent Events (what the board listens to)',
    description: EVENT_FORMAT,
    produces: 'text/event-stream',
    handler: async ({ actor, req, reply }) => {
      const live = req.server.h2h.live;
      // Subscribe first, so the stream can let go of the subscription when it ends.
      const to: { stream?: EventStream } = {};
      const stop = watchOrg(live.hub, actor, (e) => to.stream?.send('change', changeData(e)));
      to.stream = live.streams.start(reply, { headers: { ...SECURITY_HEADERS }, heartbeatMs: live.heartbeatMs, stillAllowed: () => stillSignedIn(req), onEnd: stop });
    },
  });

  api.stream({
    url: '/journeys/:id/events',
    tag: 'live',
    summary: 'The changes of one journey, as Server-Sent Events (what an open journey page listens to)',
    description: `${EVENT_FORMAT} A journey that is not in your organisation is 404, before the stream starts.`,
    params: idParams,
    produces: 'text/event-stream',
    handler: async ({ params, actor, req, reply }) => {
      const live = req.server.h2h.live;
      // Not found (404) is decided here, before the reply is taken over.
      const to: { stream?: EventStream } = {};
      const stop = await watchJourney(req.server.h2h.ctx, live.hub, actor, params.id, (e) => to.stream?.send('change', changeData(e)));
      to.stream = live.streams.start(reply, { headers: { ...SECURITY_HEADERS }, heartbeatMs: live.heartbeatMs, stillAllowed: () => stillSignedIn(req), onEnd: stop });
    },
  });
}
