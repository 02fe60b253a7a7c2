/**
 * Getting in: a link's token becomes a session; without one, the room itself
 * (the cookie may be live) or a page saying how to get in. Refused links get
 * a page of their own, in the buyer's language.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { call, PortalError } from './api.ts';
import { fill, LangSwitch, useWords } from './lang.tsx';
import { LinkRequest } from './link-request.tsx';
import { RoomPage } from './room.tsx';
import { problemText } from './ui.tsx';

type Refusal = 'portal_link_invalid' | 'portal_link_expired' | 'portal_link_revoked' | 'portal_link_spent' | 'rate_limited';
const REFUSALS: readonly string[] = ['portal_link_invalid', 'portal_link_expired', 'portal_link_revoked', 'portal_link_spent', 'rate_limited'];
/** Refusals a new link by e-mail can mend: the invite is still live, only this link is not. */
const ASK_AGAIN: readonly Refusal[] = ['portal_link_invalid', 'portal_link_spent'];

type State = { step: 'entering' } | { step: 'room' } | { step: 'refused'; code: Refusal } | { step: 'signin'; note: 'no_invite' | 'failed' | 'ended' | null } | { step: 'error'; error: PortalError };

/** A page of the room that is not the room: a title and what to do. */
export function Notice({ title, children }: { title: string; children: ReactNode }) {
  const { s } = useWords();
  return (
    <div className="room-shell">
      <header className="room-top">
        <span className="room-brand">{s.brand}</span>
        <LangSwitch />
      </header>
      <main className="room-notice" id="main">
        <h1>{title}</h1>
        {children}
      </main>
    </div>
  );
}

function SignIn({ note }: { note: 'no_invite' | 'failed' | 'ended' | null }) {
  const { s } = useWords();
  const [oidc, setOidc] = useState<{ enabled: boolean; name: string } | null>(null);
  useEffect(() => {
    call<{ enabled: boolean; name: string }>('GET', '/oidc').then(setOidc, () => setOidc(null));
  }, []);
  return (
    <Notice title={s.signIn.title}>
      {note && (
        <p className={note === 'ended' ? 'room-note' : 'room-error'} role={note === 'ended' ? 'status' : 'alert'}>
          {s.signIn[note]}
        </p>
      )}
      <p>{s.signIn.text}</p>
      {oidc?.enabled && (
        <>
          <p>{s.signIn.orOidc}</p>
          <p>
            <a className="room-button primary" href="/api/portal/v1/oidc/start">
              {fill(s.signIn.oidc, { name: oidc.name })}
            </a>
          </p>
        </>
      )}
      <LinkRequest />
    </Notice>
  );
}

export function Entry({ token, signin }: { token: string | null; signin: string | null }) {
  const { s } = useWords();
  const note = signin === 'no_invite' || signin === 'failed' ? signin : null;
  const [state, setState] = useState<State>(() => (token ? { step: 'entering' } : note ? { step: 'signin', note } : { step: 'room' }));
  const posted = useRef(false);
  useEffect(() => {
    if (!token || posted.current) return;
    posted.current = true;
    call('POST', '/sessions', { token }).then(
      () => setState({ step: 'room' }),
      (e: unknown) => {
        const err = e instanceof PortalError ? e : new PortalError(0, 'internal', '');
        setState(REFUSALS.includes(err.code) ? { step: 'refused', code: err.code as Refusal } : { step: 'error', error: err });
      },
    );
  }, [token]);

  switch (state.step) {
    case 'entering':
      return (
        <Notice title={s.entering}>
          <p className="room-loading" role="status" aria-live="polite" />
        </Notice>
      );
    case 'refused': {
      const words = s.refused[state.code];
      return (
        <Notice title={words.title}>
          <p className="room-refused" data-code={state.code}>
            {words.text}
          </p>
          {ASK_AGAIN.includes(state.code) && <LinkRequest />}
        </Notice>
      );
    }
    case 'signin':
      return <SignIn note={state.note} />;
    case 'error':
      return (
        <Notice title={s.somethingWrong}>
          <p role="alert">{problemText(state.error, s)}</p>
        </Notice>
      );
    case 'room':
      return <RoomPage onOut={(ended) => setState({ step: 'signin', note: ended ? 'ended' : null })} />;
  }
}
