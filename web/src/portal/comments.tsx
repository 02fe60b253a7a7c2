/** Questions and comments: the journey's published thread, oldest first, and the buyer's own post. Text is text: links become links, nothing else is read as markup. */
import { useState } from 'react';
import { LinkedText } from '../ui/linked-text.tsx';
import { call } from './api.ts';
import { useAction, useResource } from './data.tsx';
import { useWords } from './lang.tsx';
import type { Comment } from './types.ts';
import { ErrorLine, Field, Section } from './ui.tsx';

export function Thread({ items }: { items: Comment[] }) {
  const { s, date } = useWords();
  return (
    <ol className="room-thread">
      {items.map((c) => (
        <li key={c.id} className={`room-comment by-${c.author.kind}`}>
          <p className="room-comment-head">
            <strong>
              {c.author.website ? (
                <a href={c.author.website} rel="nofollow ugc noopener noreferrer" target="_blank">
                  {c.author.name}
                </a>
              ) : (
                c.author.name
              )}
            </strong>
            {c.author.kind !== 'contact' && <span className="room-badge">{c.author.kind === 'user' ? s.comments.seller : s.comments.guest}</span>}{' '}
            <time className="room-muted" dateTime={c.createdAt}>
              {date(c.createdAt)}
            </time>
          </p>
          <p className="room-comment-text">
            <LinkedText text={c.text} />
          </p>
        </li>
      ))}
    </ol>
  );
}

export function CommentsSection() {
  const { s } = useWords();
  const { data, error } = useResource<{ items: Comment[] }>('/comments');
  const [text, setText] = useState('');
  const post = useAction(() => call('POST', '/comments', { text }));
  return (
    <Section id="comments" title={s.comments.title}>
      <ErrorLine error={error} />
      {data && (data.items.length === 0 ? <p className="room-muted">{s.comments.none}</p> : <Thread items={data.items} />)}
      <form
        className="room-form"
        onSubmit={async (e) => {
          e.preventDefault();
          if ((await post.act()) !== undefined) setText('');
        }}
      >
        <Field label={s.comments.write}>{(p) => <textarea {...p} rows={3} value={text} required maxLength={4000} onChange={(e) => setText(e.target.value)} />}</Field>
        <ErrorLine error={post.error} />
        <button type="submit" className="room-button primary" disabled={post.busy}>
          {s.comments.post}
        </button>
      </form>
    </Section>
  );
}
