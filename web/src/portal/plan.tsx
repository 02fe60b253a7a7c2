/** The shared plan: steps with a named owner and a due day; add, edit, complete; the calendar feed. */
import { useEffect, useState } from 'react';
import { call } from './api.ts';
import { useAction } from './data.tsx';
import { fill, useWords } from './lang.tsx';
import { isClosed, type Person, type PlanStep, type Room } from './types.ts';
import { CopyField, ErrorLine, Field, Section } from './ui.tsx';

const personKey = (p: { kind: string; id: string } | null | undefined) => (p ? `${p.kind}:${p.id}` : '');
function ownerBody(key: string) {
  const [kind, id] = key.split(':');
  if (!id) return undefined;
  return kind === 'user' ? { userId: id } : { contactId: id };
}

function StepForm({ people, step, onDone }: { people: Person[]; step?: PlanStep; onDone(): void }) {
  const { s } = useWords();
  const [title, setTitle] = useState(step?.title ?? '');
  const [owner, setOwner] = useState(personKey(step?.owner));
  const [due, setDue] = useState(step?.dueDate?.slice(0, 10) ?? '');
  const save = useAction(async () => {
    // An edit sends the owner only when it changed: a step the seller gave someone outside the room keeps them.
    const changedOwner = !step || owner !== personKey(step.owner);
    const body = { title: title.trim(), ...(changedOwner && { owner: ownerBody(owner) }), dueDate: due || null };
    if (step) return call('PATCH', `/plan-steps/${step.id}`, body);
    return call('POST', '/plan-steps', body);
  });
  // The step's owner may be someone the room does not offer (a seller's colleague): shown, kept, not offered anew.
  const current = step?.owner && !people.some((p) => personKey(p) === personKey(step.owner)) ? step.owner : null;
  const label = step ? fill(s.plan.editLabel, { title: step.title }) : s.plan.add;
  return (
    <form
      className="room-form room-step-form"
      aria-label={label}
      onSubmit={async (e) => {
        e.preventDefault();
        if ((await save.act()) !== undefined) {
          if (!step) {
            setTitle('');
            setDue('');
          }
          onDone();
        }
      }}
    >
      {!step && <h3>{s.plan.add}</h3>}
      <Field label={s.plan.stepTitle}>{(p) => <input {...p} autoFocus={step !== undefined} value={title} required maxLength={200} onChange={(e) => setTitle(e.target.value)} />}</Field>
      <div className="room-row">
        <Field label={s.plan.owner}>
          {(p) => (
            <select {...p} value={owner} required onChange={(e) => setOwner(e.target.value)}>
              <option value="">{s.plan.nobody}</option>
              {current && <option value={personKey(current)}>{current.name ?? s.plan.nobody}</option>}
              {people.map((person) => (
                <option key={personKey(person)} value={personKey(person)}>
                  {person.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={s.plan.due} hint={s.optional}>
          {(p) => <input {...p} type="date" value={due} onChange={(e) => setDue(e.target.value)} />}
        </Field>
      </div>
      <ErrorLine error={save.error} />
      <div className="room-actions">
        <button type="submit" className="room-button primary" disabled={save.busy}>
          {step ? s.save : s.plan.addButton}
        </button>
        {step && (
          <button type="button" className="room-button quiet" onClick={onDone}>
            {s.cancel}
          </button>
        )}
      </div>
    </form>
  );
}

function StepItem({ step, people }: { step: PlanStep; people: Person[] | undefined }) {
  const { s, day } = useWords();
  const [editing, setEditing] = useState(false);
  // What the buyer just ticked shows at once, until the room read again agrees (or the change failed).
  const [want, setWant] = useState<boolean | null>(null);
  const toggle = useAction((done: boolean) => call('PATCH', `/plan-steps/${step.id}`, { done }));
  useEffect(() => {
    if (want === step.done) setWant(null);
  }, [want, step.done]);
  const tick = async (done: boolean) => {
    setWant(done);
    if ((await toggle.act(done)) === undefined) setWant(null);
  };
  if (editing && people) return <li className="room-step editing">{<StepForm people={people} step={step} onDone={() => setEditing(false)} />}</li>;
  return (
    <li className={`room-step${step.done ? ' done' : ''}`}>
      <div className="room-step-main">
        {people ? (
          <input
            type="checkbox"
            className="room-check"
            checked={want ?? step.done}
            disabled={toggle.busy}
            aria-label={fill(s.plan.doneLabel, { title: step.title })}
            onChange={(e) => void tick(e.target.checked)}
          />
        ) : (
          <span className="room-mark" aria-hidden="true">
            {step.done ? '✓' : '○'}
          </span>
        )}
        <span className="room-step-title">{step.title}</span>
        {people && (
          <button type="button" className="room-button small quiet" aria-label={fill(s.plan.editLabel, { title: step.title })} onClick={() => setEditing(true)}>
            {s.edit}
          </button>
        )}
      </div>
      <p className="room-step-facts room-muted">
        {s.plan.owner}: {step.owner?.name ?? s.plan.nobody} · {s.plan.due}: {step.dueDate ? day(step.dueDate) : s.plan.noDue}
        {step.done && <span className="visually-hidden"> · {s.plan.done}</span>}
      </p>
      <ErrorLine error={toggle.error} />
    </li>
  );
}

function Calendar({ has }: { has: boolean }) {
  const { s } = useWords();
  const [url, setUrl] = useState<string | null>(null);
  const make = useAction(async () => {
    const r = await call<{ url: string }>('POST', '/calendar');
    setUrl(new URL(r.url, location.origin).href);
    return r;
  });
  return (
    <div className="room-calendar">
      <h3>{s.plan.calendarTitle}</h3>
      <p className="room-muted">{has && !url ? s.plan.calendarHas : s.plan.calendarText}</p>
      {url ? (
        <>
          <CopyField label={s.plan.calendarUrl} value={url} />
          <p className="room-note" role="status">
            {s.plan.calendarOnce}
          </p>
        </>
      ) : (
        <button type="button" className="room-button" disabled={make.busy} onClick={() => void make.act()}>
          {s.plan.calendarMake}
        </button>
      )}
      <ErrorLine error={make.error} />
    </div>
  );
}

export function PlanSection({ room }: { room: Room }) {
  const { s } = useWords();
  const steps = [...room.planSteps].sort((a, b) => a.position - b.position);
  // Whom a step may be given to; none when the room is closed: then the plan is read only.
  const people = isClosed(room) ? undefined : room.people;
  return (
    <Section id="plan" title={s.plan.title} intro={s.plan.intro}>
      {steps.length === 0 ? (
        <p className="room-muted">{s.plan.none}</p>
      ) : (
        <ul className="room-steps">
          {steps.map((st) => (
            <StepItem key={st.id} step={st} people={people} />
          ))}
        </ul>
      )}
      {people && <StepForm people={people} onDone={() => undefined} />}
      {room.calendar && !isClosed(room) && <Calendar has={room.calendar.hasFeed} />}
    </Section>
  );
}
