/**
 * The buying group: each member's criteria, concerns and sign-off, "n of m
 * ready"; the buyer records their own (their criteria, a concern, ready or
 * not yet with what is missing) and accepts an answer to their concern.
 */
import { useState } from 'react';
import { call } from './api.ts';
import { useAction } from './data.tsx';
import { fill, useWords } from './lang.tsx';
import { isClosed, type Member, type Room } from './types.ts';
import { ErrorLine, Field, Section } from './ui.tsx';

/** What a concern may be about (the API's CONCERN_TOPICS). */
const TOPICS = ['price', 'risk', 'fit', 'timing', 'trust', 'other'] as const;

function MyCriteria({ member }: { member: Member }) {
  const { s } = useWords();
  const [text, setText] = useState('');
  const add = useAction(() => call('POST', '/my-criteria', { text: text.trim() }));
  const remove = useAction((id: string) => call('DELETE', `/my-criteria/${id}`));
  return (
    <>
      {member.criteria.length > 0 && (
        <ul className="room-list">
          {member.criteria.map((c) => (
            <li key={c.id}>
              {c.text}{' '}
              <button type="button" className="room-button small quiet" aria-label={fill(s.group.removeLabel, { text: c.text })} disabled={remove.busy} onClick={() => void remove.act(c.id)}>
                {s.group.remove}
              </button>
            </li>
          ))}
        </ul>
      )}
      <ErrorLine error={remove.error} />
      <form
        className="room-form room-inline"
        onSubmit={async (e) => {
          e.preventDefault();
          if ((await add.act()) !== undefined) setText('');
        }}
      >
        <Field label={s.group.addCriterion}>{(p) => <input {...p} value={text} required maxLength={500} onChange={(e) => setText(e.target.value)} />}</Field>
        <button type="submit" className="room-button" disabled={add.busy}>
          {s.group.addCriterionButton}
        </button>
        <ErrorLine error={add.error} />
      </form>
    </>
  );
}

function SignOffForm({ member }: { member: Member }) {
  const { s } = useWords();
  const [state, setState] = useState<'ready' | 'not_yet'>(member.signOff?.state ?? 'ready');
  const [reason, setReason] = useState(member.signOff?.reason ?? '');
  const save = useAction(() => call('PUT', '/sign-off', state === 'ready' ? { state } : { state, reason: reason.trim() }));
  return (
    <form
      className="room-form"
      aria-label={s.group.yourSay}
      onSubmit={(e) => {
        e.preventDefault();
        void save.act();
      }}
    >
      <fieldset className="room-choice">
        <legend>{s.group.stateLabel}</legend>
        {(['ready', 'not_yet'] as const).map((v) => (
          <label key={v}>
            <input type="radio" name="sign-off" value={v} checked={state === v} onChange={() => setState(v)} /> {v === 'ready' ? s.group.signReady : s.group.signNotYet}
          </label>
        ))}
      </fieldset>
      {state === 'not_yet' && (
        <Field label={s.group.reason} hint={s.group.reasonHint}>
          {(p) => <textarea {...p} rows={2} value={reason} required maxLength={2000} onChange={(e) => setReason(e.target.value)} />}
        </Field>
      )}
      <ErrorLine error={save.error} />
      <button type="submit" className="room-button primary" disabled={save.busy}>
        {s.group.record}
      </button>
    </form>
  );
}

function RaiseConcern() {
  const { s } = useWords();
  const [topic, setTopic] = useState('');
  const [text, setText] = useState('');
  const raise = useAction(() => call('POST', '/concerns', { topic, text: text.trim() }));
  return (
    <form
      className="room-form"
      aria-label={s.group.raise}
      onSubmit={async (e) => {
        e.preventDefault();
        if ((await raise.act()) !== undefined) {
          setTopic('');
          setText('');
        }
      }}
    >
      <h4>{s.group.raise}</h4>
      <Field label={s.group.topic}>
        {(p) => (
          <select {...p} value={topic} required onChange={(e) => setTopic(e.target.value)}>
            <option value="">{s.group.chooseTopic}</option>
            {TOPICS.map((t) => (
              <option key={t} value={t}>
                {s.group.topics[t]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={s.group.concernText}>{(p) => <textarea {...p} rows={2} value={text} required maxLength={2000} onChange={(e) => setText(e.target.value)} />}</Field>
      <ErrorLine error={raise.error} />
      <button type="submit" className="room-button" disabled={raise.busy}>
        {s.group.raiseButton}
      </button>
    </form>
  );
}

function MemberCard({ member, closed }: { member: Member; closed: boolean }) {
  const { s, date } = useWords();
  const acceptAnswer = useAction((id: string) => call('POST', `/concerns/${id}/accept`));
  const role = member.buyingRole ? s.group.roles[member.buyingRole] : '';
  const sign = member.signOff;
  return (
    <li className={`room-member${member.you ? ' you' : ''}`} aria-labelledby={`member-${member.contactId}`}>
      <div className="room-member-head">
        <h3 id={`member-${member.contactId}`}>
          {member.name} {member.you && <span className="room-muted">{s.group.you}</span>}
        </h3>
        <span className={`room-badge ${sign?.state === 'ready' ? 'ok' : sign ? 'warn' : ''}`}>
          {s.group.signOff}: {sign ? (sign.state === 'ready' ? s.group.signReady : s.group.signNotYet) : s.group.signNone}
        </span>
      </div>
      {(member.title || role) && <p className="room-muted">{[member.title, role].filter(Boolean).join(' · ')}</p>}
      {sign?.state === 'not_yet' && sign.reason && <p className="room-reason">{fill(s.group.because, { reason: sign.reason })}</p>}
      {sign && <p className="room-muted room-small">{date(sign.at)}</p>}
      <h4>{fill(s.group.criteria, { name: member.you ? member.name : member.name })}</h4>
      {member.you && !closed ? <MyCriteria member={member} /> : member.criteria.length === 0 ? <p className="room-muted">{s.group.noCriteria}</p> : (
        <ul className="room-list">
          {member.criteria.map((c) => (
            <li key={c.id}>{c.text}</li>
          ))}
        </ul>
      )}
      <h4>{s.group.concerns}</h4>
      {member.concerns.length === 0 ? (
        <p className="room-muted">{s.group.noConcerns}</p>
      ) : (
        <ul className="room-list">
          {member.concerns.map((c) => (
            <li key={c.id}>
              <strong>{s.group.topics[c.topic] ?? c.topic}</strong> <span className="room-badge">{s.group.concernStatus[c.status] ?? c.status}</span>
              <br />
              {c.text}
              {c.answer && <p className="room-answer">{fill(s.group.answer, { answer: c.answer })}</p>}
              {member.you && !closed && c.status === 'answered' && (
                <button type="button" className="room-button small" disabled={acceptAnswer.busy} onClick={() => void acceptAnswer.act(c.id)}>
                  {s.group.acceptAnswer}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <ErrorLine error={acceptAnswer.error} />
      {member.you && !closed && (
        <>
          <RaiseConcern />
          <SignOffForm member={member} />
        </>
      )}
    </li>
  );
}

export function GroupSection({ room }: { room: Room }) {
  const { s } = useWords();
  const say = room.say;
  return (
    <Section id="group" title={s.group.title} intro={s.group.intro} aside={say && <span className="room-count big">{fill(s.group.ready, { ready: say.ready, total: say.total })}</span>}>
      {say ? (
        <ul className="room-members">
          {[...say.members].sort((a, b) => Number(b.you) - Number(a.you)).map((m) => (
            <MemberCard key={m.contactId} member={m} closed={isClosed(room)} />
          ))}
        </ul>
      ) : (
        <ul className="room-members">
          {room.buyingGroup.map((m) => (
            <li key={m.id} className={`room-member${m.you ? ' you' : ''}`}>
              <h3>
                {m.name} {m.you && <span className="room-muted">{s.group.you}</span>}
              </h3>
              {(m.title || m.buyingRole) && <p className="room-muted">{[m.title, m.buyingRole ? s.group.roles[m.buyingRole] : ''].filter(Boolean).join(' · ')}</p>}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
