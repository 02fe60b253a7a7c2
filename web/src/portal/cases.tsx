/** Complaints: raise one (about a quote, if it is), follow its messages, reply. */
import { useState } from 'react';
import { LinkedText } from '../ui/linked-text.tsx';
import { call } from './api.ts';
import { useAction, useResource } from './data.tsx';
import { fill, useWords } from './lang.tsx';
import type { Case, Room } from './types.ts';
import { ErrorLine, Field, Section } from './ui.tsx';

function Reply({ id }: { id: string }) {
  const { s } = useWords();
  const [text, setText] = useState('');
  const send = useAction(() => call('POST', `/cases/${id}/messages`, { text }));
  return (
    <form
      className="room-form"
      onSubmit={async (e) => {
        e.preventDefault();
        if ((await send.act()) !== undefined) setText('');
      }}
    >
      <Field label={s.cases.reply}>{(p) => <textarea {...p} rows={2} value={text} required maxLength={4000} onChange={(e) => setText(e.target.value)} />}</Field>
      <ErrorLine error={send.error} />
      <button type="submit" className="room-button" disabled={send.busy}>
        {s.cases.send}
      </button>
    </form>
  );
}

function CaseItem({ c }: { c: Case }) {
  const { s, date } = useWords();
  return (
    <li className="room-case" aria-labelledby={`case-${c.id}`}>
      <div className="room-member-head">
        <h3 id={`case-${c.id}`}>{c.topic}</h3>
        <span className="room-badge warn">{s.cases.status[c.status] ?? c.status}</span>
      </div>
      <p className="room-muted room-small">{fill(s.cases.opened, { name: c.openedBy.name, date: date(c.openedAt) })}</p>
      <p className="room-comment-text">
        <LinkedText text={c.description} />
      </p>
      {c.messages.length > 0 && (
        <ol className="room-thread">
          {c.messages.map((m) => (
            <li key={m.id} className={`room-comment by-${m.author.kind}`}>
              <p className="room-comment-head">
                <strong>{m.author.name}</strong>{' '}
                <time className="room-muted" dateTime={m.at}>
                  {date(m.at)}
                </time>
              </p>
              <p className="room-comment-text">
                <LinkedText text={m.text} />
              </p>
            </li>
          ))}
        </ol>
      )}
      <Reply id={c.id} />
    </li>
  );
}

export function CasesSection({ room }: { room: Room }) {
  const { s } = useWords();
  const { data, error } = useResource<{ items: Case[] }>('/cases');
  const [topic, setTopic] = useState('');
  const [description, setDescription] = useState('');
  const [quoteId, setQuoteId] = useState('');
  const [open, setOpen] = useState(false);
  const raise = useAction(() => call('POST', '/cases', { topic: topic.trim(), description: description.trim(), ...(quoteId ? { quoteId } : {}) }));
  return (
    <Section id="cases" title={s.cases.title} intro={s.cases.intro}>
      <ErrorLine error={error} />
      {data && (data.items.length === 0 ? <p className="room-muted">{s.cases.none}</p> : (
        <ul className="room-cases">
          {data.items.map((c) => (
            <CaseItem key={c.id} c={c} />
          ))}
        </ul>
      ))}
      {open ? (
        <form
          className="room-form"
          aria-label={s.cases.raise}
          onSubmit={async (e) => {
            e.preventDefault();
            if ((await raise.act()) !== undefined) {
              setTopic('');
              setDescription('');
              setQuoteId('');
              setOpen(false);
            }
          }}
        >
          <h3>{s.cases.raise}</h3>
          <Field label={s.cases.topic}>{(p) => <input {...p} autoFocus value={topic} required maxLength={200} onChange={(e) => setTopic(e.target.value)} />}</Field>
          <Field label={s.cases.description}>{(p) => <textarea {...p} rows={3} value={description} required maxLength={4000} onChange={(e) => setDescription(e.target.value)} />}</Field>
          {room.quotes.length > 0 && (
            <Field label={s.cases.quote} hint={s.optional}>
              {(p) => (
                <select {...p} value={quoteId} onChange={(e) => setQuoteId(e.target.value)}>
                  <option value="">{s.cases.noQuote}</option>
                  {room.quotes.map((q) => (
                    <option key={q.id} value={q.id}>
                      {fill(s.quote.version, { version: q.version })}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          )}
          <ErrorLine error={raise.error} />
          <div className="room-actions">
            <button type="submit" className="room-button primary" disabled={raise.busy}>
              {s.cases.submit}
            </button>
            <button type="button" className="room-button quiet" onClick={() => setOpen(false)}>
              {s.cancel}
            </button>
          </div>
        </form>
      ) : (
        <button type="button" className="room-button" onClick={() => setOpen(true)}>
          {s.cases.raise}
        </button>
      )}
    </Section>
  );
}
