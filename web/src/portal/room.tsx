/** The room: its head, a list of its sections, and the sections; read again live. */
import { useEffect } from 'react';
import { call } from './api.ts';
import { CasesSection } from './cases.tsx';
import { CommentsSection } from './comments.tsx';
import { FreshnessProvider, useRefresh, useResource } from './data.tsx';
import { GroupSection } from './group.tsx';
import { InviteSection } from './invite.tsx';
import { fill, LangSwitch, useWords } from './lang.tsx';
import { PlanSection } from './plan.tsx';
import { QuotesSection } from './quotes.tsx';
import { RoomSwitch } from './rooms.tsx';
import { isClosed, type Room } from './types.ts';
import { problemText } from './ui.tsx';
import { WhereSection } from './where.tsx';

/** Live: the room's event stream says something changed; the room is read again (one read for a burst). */
function useLive(enabled: boolean): void {
  const refresh = useRefresh();
  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return;
    const source = new EventSource('/api/portal/v1/events');
    let timer: ReturnType<typeof setTimeout> | undefined;
    source.addEventListener('change', () => {
      clearTimeout(timer);
      timer = setTimeout(refresh, 150);
    });
    return () => {
      clearTimeout(timer);
      source.close();
    };
  }, [enabled, refresh]);
}

function RoomBody({ onOut }: { onOut: (ended: boolean) => void }) {
  const words = useWords();
  const { s, lang, adopt } = words;
  const { data: room, error } = useResource<Room>('/room');
  const out = error?.status === 401;
  useEffect(() => {
    if (out) onOut(false);
  }, [out, onOut]);
  useEffect(() => {
    if (room) adopt(room.locale);
  }, [room, adopt]);
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = room ? `${room.journey.title} · ${room.seller.org ?? s.brand}` : s.brand;
  }, [lang, room, s.brand]);
  useLive(room !== undefined);

  if (!room) {
    return (
      <main className="room-notice" id="main">
        {error && !out ? (
          <p className="room-error" role="alert">
            {problemText(error, s)}
          </p>
        ) : (
          <p className="room-loading" role="status">
            {s.loading}
          </p>
        )}
      </main>
    );
  }

  const leave = async () => {
    await call('POST', '/sessions/end').catch(() => undefined);
    onOut(true);
  };
  const sections = [
    ['where', s.where.title],
    ['quote', s.quote.title],
    ['group', s.group.title],
    ['plan', s.plan.title],
    ['comments', s.comments.title],
    ['cases', s.cases.title],
    ['invite', s.invite.title],
  ].filter(([id]) => id !== 'invite' || !isClosed(room));

  return (
    <>
      <header className="room-top">
        <span className="room-brand">{room.seller.org ?? s.brand}</span>
        <span className="room-who">{fill(s.youAre, { name: room.you.name })}</span>
        <LangSwitch />
        <button type="button" className="room-button quiet" onClick={() => void leave()}>
          {s.leave}
        </button>
      </header>
      <main id="main" className="room-main">
        <div className="room-title">
          <h1>{room.journey.title}</h1>
          {room.seller.name && room.seller.org && <p className="room-muted">{fill(s.withSeller, { org: room.seller.org, name: room.seller.name })}</p>}
          <RoomSwitch />
        </div>
        {isClosed(room) && (
          <p className="room-closed" role="note">
            {s.closed[room.journey.status === 'won' ? 'won' : 'lost']}
          </p>
        )}
        <nav className="room-nav" aria-label={s.sections}>
          <ul>
            {sections.map(([id, title]) => (
              <li key={id}>
                <a href={`#${id}`}>{title}</a>
              </li>
            ))}
          </ul>
        </nav>
        <div className="room-grid">
          <WhereSection room={room} />
          <QuotesSection room={room} />
          <GroupSection room={room} />
          <PlanSection room={room} />
          <CommentsSection />
          <CasesSection room={room} />
          {!isClosed(room) && <InviteSection />}
        </div>
        <p className="room-muted room-live">{s.live}</p>
      </main>
    </>
  );
}

export function RoomPage({ onOut }: { onOut: (ended: boolean) => void }) {
  const { s } = useWords();
  return (
    <FreshnessProvider>
      <div className="room-shell">
        <a className="room-skip" href="#main">
          {s.skip}
        </a>
        <RoomBody onOut={onOut} />
      </div>
    </FreshnessProvider>
  );
}
