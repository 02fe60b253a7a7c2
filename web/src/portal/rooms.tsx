/**
 * The buyer's other rooms: after an OIDC sign-in, every journey they have a
 * live invite to, at this seller or another; moving opens a session there and
 * reads the room anew. A magic link proves one room only, so nothing shows.
 */
import { useState } from 'react';
import { call, PortalError } from './api.ts';
import { useResource } from './data.tsx';
import { fill, useWords } from './lang.tsx';
import { ErrorLine } from './ui.tsx';

interface Rooms {
  signedIn: boolean;
  items: { id: string; org: string | null; journeyTitle: string; current: boolean }[];
}

export function RoomSwitch() {
  const { s } = useWords();
  const { data } = useResource<Rooms>('/rooms');
  const [moving, setMoving] = useState(false);
  const [error, setError] = useState<PortalError | undefined>();
  if (!data?.signedIn || data.items.length < 2) return null;

  const enter = async (id: string) => {
    setMoving(true);
    setError(undefined);
    try {
      await call('POST', `/rooms/${encodeURIComponent(id)}/enter`);
      location.assign('/p/');
    } catch (err) {
      setError(err instanceof PortalError ? err : new PortalError(0, 'internal', ''));
      setMoving(false);
    }
  };

  return (
    <nav className="room-rooms" aria-label={s.rooms.title}>
      <p className="room-muted">{fill(s.rooms.count, { count: data.items.length })}</p>
      <ul>
        {data.items.map((r) => (
          <li key={r.id}>
            {r.current ? (
              <span className="room-rooms-here" aria-current="page">
                <strong>{r.journeyTitle}</strong> {r.org && <span className="room-muted">{r.org}</span>} <span className="room-muted">({s.rooms.here})</span>
              </span>
            ) : (
              <button type="button" className="room-button quiet" disabled={moving} onClick={() => void enter(r.id)}>
                <strong>{r.journeyTitle}</strong> {r.org && <span className="room-muted">{r.org}</span>}
              </button>
            )}
          </li>
        ))}
      </ul>
      {moving && (
        <p className="room-muted" role="status">
          {s.rooms.moving}
        </p>
      )}
      <ErrorLine error={error} />
    </nav>
  );
}
