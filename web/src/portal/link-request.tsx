/**
 * "Send me a link": the buyer types the e-mail the seller invited and gets a
 * mail with a link into each of their rooms (POST /link-requests). Shown on
 * the sign-in page and under a link that no longer works, when H2H sends mail.
 * The answer is the same whether or not the e-mail has a room.
 */
import { useEffect, useState } from 'react';
import { call, PortalError } from './api.ts';
import { fill, useWords } from './lang.tsx';
import { ErrorLine, Field } from './ui.tsx';

export function LinkRequest() {
  const { s } = useWords();
  const [enabled, setEnabled] = useState(false);
  const [email, setEmail] = useState('');
  const [busy, setBusy] = useState(false);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [error, setError] = useState<PortalError | undefined>();
  useEffect(() => {
    call<{ enabled: boolean }>('GET', '/link-requests').then(
      (r) => setEnabled(r.enabled),
      () => setEnabled(false),
    );
  }, []);
  if (!enabled) return null;

  const send = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const done = await call<{ email: string }>('POST', '/link-requests', { email: email.trim() });
      setSentTo(done.email);
    } catch (err) {
      setError(err instanceof PortalError ? err : new PortalError(0, 'internal', ''));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="room-link-request" aria-labelledby="link-request-title">
      <h2 id="link-request-title">{s.linkRequest.title}</h2>
      {sentTo ? (
        <p className="room-note" role="status">
          {fill(s.linkRequest.sent, { email: sentTo })}
        </p>
      ) : (
        <form
          className="room-form"
          aria-labelledby="link-request-title"
          onSubmit={(e) => {
            e.preventDefault();
            void send();
          }}
        >
          <p>{s.linkRequest.text}</p>
          <Field label={s.linkRequest.email}>{(p) => <input {...p} type="email" value={email} required maxLength={254} autoComplete="email" onChange={(e) => setEmail(e.target.value)} />}</Field>
          <ErrorLine error={error} />
          <button type="submit" className="room-button primary" disabled={busy}>
            {busy ? s.linkRequest.sending : s.linkRequest.send}
          </button>
        </form>
      )}
    </section>
  );
}
