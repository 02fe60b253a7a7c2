/** Invite a colleague: a new contact of the account (or the one with that e-mail); the link goes to their mailbox only. */
import { useState } from 'react';
import { call } from './api.ts';
import { useAction } from './data.tsx';
import { fill, useWords } from './lang.tsx';
import { ErrorLine, Field, Section } from './ui.tsx';

interface Invited {
  contact: { id: string; name: string };
  mailed: boolean;
}

export function InviteSection() {
  const { s } = useWords();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [title, setTitle] = useState('');
  const [done, setDone] = useState<Invited | null>(null);
  const invite = useAction(() => call<Invited>('POST', '/colleagues', { name: name.trim(), email: email.trim(), ...(title.trim() ? { title: title.trim() } : {}) }));
  return (
    <Section id="invite" title={s.invite.title} intro={s.invite.intro}>
      {done && (
        <div className="room-note" role="status">
          <p>{fill(done.mailed ? s.invite.mailed : s.invite.notMailed, { name: done.contact.name })}</p>
        </div>
      )}
      <form
        className="room-form"
        aria-label={s.invite.title}
        onSubmit={async (e) => {
          e.preventDefault();
          const made = await invite.act();
          if (made) {
            setDone(made);
            setName('');
            setEmail('');
            setTitle('');
          }
        }}
      >
        <div className="room-row">
          <Field label={s.invite.name}>{(p) => <input {...p} value={name} required maxLength={200} autoComplete="off" onChange={(e) => setName(e.target.value)} />}</Field>
          <Field label={s.invite.email}>{(p) => <input {...p} type="email" value={email} required maxLength={320} autoComplete="off" onChange={(e) => setEmail(e.target.value)} />}</Field>
        </div>
        <Field label={s.invite.jobTitle} hint={s.optional}>
          {(p) => <input {...p} value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} />}
        </Field>
        <ErrorLine error={invite.error} />
        <button type="submit" className="room-button primary" disabled={invite.busy}>
          {s.invite.submit}
        </button>
      </form>
    </Section>
  );
}
