/** A guest's page (/p/g/<token>): the journey's published thread and a comment form; a comment waits for the seller's approval. */
import { useEffect, useState } from 'react';
import { call } from './api.ts';
import { Thread } from './comments.tsx';
import { FreshnessProvider, useAction, useResource } from './data.tsx';
import { Notice } from './entry.tsx';
import { fill, LangSwitch, useWords } from './lang.tsx';
import type { Comment } from './types.ts';
import { ErrorLine, Field, problemText } from './ui.tsx';

interface GuestThread {
  journey: { title: string };
  seller: { org: string | null };
  items: Comment[];
}

function GuestBody({ token }: { token: string }) {
  const { s, lang } = useWords();
  const path = `/guest/${encodeURIComponent(token)}`;
  const { data, error } = useResource<GuestThread>(path);
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [website, setWebsite] = useState('');
  const [text, setText] = useState('');
  const [sent, setSent] = useState(false);
  const post = useAction(() => call('POST', `${path}/comments`, { name: name.trim(), email: email.trim(), ...(website.trim() ? { website: website.trim() } : {}), text }));
  useEffect(() => {
    document.documentElement.lang = lang;
    if (data) document.title = fill(s.guest.title, { title: data.journey.title });
  }, [lang, data, s.guest.title]);

  if (error && !data) {
    const refused = error.code === 'portal_link_invalid' || error.code === 'rate_limited' ? s.refused[error.code] : null;
    return <Notice title={refused?.title ?? s.somethingWrong}>{<p className="room-refused">{refused?.text ?? problemText(error, s)}</p>}</Notice>;
  }
  if (!data) {
    return (
      <Notice title={s.brand}>
        <p className="room-loading" role="status">
          {s.loading}
        </p>
      </Notice>
    );
  }
  return (
    <div className="room-shell">
      <header className="room-top">
        <span className="room-brand">{data.seller.org ?? s.brand}</span>
        <LangSwitch />
      </header>
      <main id="main" className="room-main room-guest">
        <div className="room-title">
          <h1>{fill(s.guest.title, { title: data.journey.title })}</h1>
          {data.seller.org && <p className="room-muted">{fill(s.guest.from, { org: data.seller.org })}</p>}
        </div>
        <section className="room-section" aria-labelledby="thread-title">
          <h2 id="thread-title" className="visually-hidden">
            {s.comments.title}
          </h2>
          {data.items.length === 0 ? <p className="room-muted">{s.guest.none}</p> : <Thread items={data.items} />}
        </section>
        <section className="room-section" aria-labelledby="guest-form-title">
          <h2 id="guest-form-title">{s.guest.formTitle}</h2>
          {sent && (
            <p className="room-note" role="status">
              {s.guest.pending}
            </p>
          )}
          <form
            className="room-form"
            aria-labelledby="guest-form-title"
            onSubmit={async (e) => {
              e.preventDefault();
              if ((await post.act()) !== undefined) {
                setSent(true);
                setText('');
              }
            }}
          >
            <div className="room-row">
              <Field label={s.guest.name}>{(p) => <input {...p} value={name} required maxLength={200} autoComplete="name" onChange={(e) => setName(e.target.value)} />}</Field>
              <Field label={s.guest.email} hint={s.guest.emailHint}>
                {(p) => <input {...p} type="email" value={email} required maxLength={320} autoComplete="email" onChange={(e) => setEmail(e.target.value)} />}
              </Field>
            </div>
            <Field label={s.guest.website} hint={s.optional}>
              {(p) => <input {...p} type="url" value={website} maxLength={500} autoComplete="url" placeholder="https://" onChange={(e) => setWebsite(e.target.value)} />}
            </Field>
            <Field label={s.guest.text}>{(p) => <textarea {...p} rows={4} value={text} required maxLength={4000} onChange={(e) => setText(e.target.value)} />}</Field>
            <ErrorLine error={post.error} />
            <button type="submit" className="room-button primary" disabled={post.busy}>
              {s.guest.submit}
            </button>
          </form>
        </section>
      </main>
    </div>
  );
}

export function GuestPage({ token }: { token: string }) {
  return (
    <FreshnessProvider>
      <GuestBody token={token} />
    </FreshnessProvider>
  );
}
