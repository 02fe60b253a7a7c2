/**
 * The mutual plan: steps that name a person on either side, with due dates.
 * Reorder by dragging a step, or from the keyboard: focus a step's handle and
 * press Alt+↑ / Alt+↓ (or use the ↑ ↓ buttons); the new place is announced.
 */
import { useEffect, useRef, useState, type DragEvent, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { patch, post, put } from '../api/client.ts';
import type { Journey, PlanStep } from '../api/types.ts';
import { useMe } from '../auth.tsx';
import { date } from '../format.ts';
import { Field } from '../ui/field.tsx';
import { ErrorMessage } from '../ui/problem.tsx';
import { journeyUrl, useJourneyAction } from './api.ts';
import { Named } from './named.tsx';
import { usePeople, type People } from './people.ts';

type Owner = { userId: string } | { contactId: string };

const ownerValue = (o: Owner | null) => (!o ? '' : 'userId' in o ? `u:${o.userId}` : `c:${o.contactId}`);
const ownerFrom = (v: string): Owner | undefined => (v.startsWith('u:') ? { userId: v.slice(2) } : v.startsWith('c:') ? { contactId: v.slice(2) } : undefined);

/** Today as YYYY-MM-DD on this device: a step due today is not overdue yet. */
function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export const isOverdue = (s: PlanStep) => !s.done && s.dueDate !== null && s.dueDate < today();

export function PlanSection({ journey, writable }: { journey: Journey; writable: boolean }) {
  const { t } = useTranslation('journey');
  const people = usePeople(journey);
  // While a new order is on its way to the server, show it; the server's order wins afterwards.
  const [order, setOrder] = useState<string[] | null>(null);
  const pending = useRef(0);
  // Saves go out one at a time, in the order the moves were made: two in flight could land swapped.
  const saving = useRef<Promise<unknown>>(Promise.resolve());
  const [announcement, setAnnouncement] = useState('');
  const [dragId, setDragId] = useState<string | null>(null);
  const [overId, setOverId] = useState<string | null>(null);
  const handles = useRef(new Map<string, HTMLButtonElement>());
  const refocus = useRef<string | null>(null);

  const byId = new Map(journey.planSteps.map((s) => [s.id, s]));
  const serverIds = journey.planSteps.map((s) => s.id);
  const ids = order && order.length === serverIds.length && order.every((id) => byId.has(id)) ? order : serverIds;
  const steps = ids.map((id) => byId.get(id)).filter((s): s is PlanStep => s !== undefined);
  // The order on screen, current even between renders: a key pressed again before React has
  // drawn the last move starts from where that move left the step.
  const shown = useRef(ids);
  shown.current = ids;

  const reorder = useJourneyAction(journey.id, (stepIds: string[]) => put(journeyUrl(journey.id, '/plan-steps/order'), { stepIds }));

  useEffect(() => {
    const id = refocus.current;
    if (id) {
      refocus.current = null;
      handles.current.get(id)?.focus();
    }
  });

  const moveTo = (stepId: string, to: number, focus: boolean) => {
    const current = shown.current;
    const from = current.indexOf(stepId);
    if (from < 0 || to < 0 || to >= current.length || to === from) return;
    const next = [...current];
    next.splice(from, 1);
    next.splice(to, 0, stepId);
    shown.current = next;
    setOrder(next);
    if (focus) refocus.current = stepId;
    const title = byId.get(stepId)?.title ?? '';
    setAnnouncement(t('plan.moved', { title, position: to + 1, total: next.length }));
    pending.current += 1;
    // mutateAsync, not mutate's callbacks: those fire only for the latest call, and the count
    // of moves in flight would never get back to 0 (the page would keep its own order for good).
    saving.current = saving.current
      .then(() => reorder.mutateAsync(next))
      .catch(() => setAnnouncement(t('plan.moveFailed', { title })))
      .finally(() => {
        pending.current -= 1;
        if (pending.current === 0) setOrder(null);
      });
  };
  const moveBy = (stepId: string, delta: number, focus: boolean) => moveTo(stepId, shown.current.indexOf(stepId) + delta, focus);

  const onHandleKey = (e: KeyboardEvent, stepId: string) => {
    if (!e.altKey || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown')) return;
    e.preventDefault();
    moveBy(stepId, e.key === 'ArrowUp' ? -1 : 1, true);
  };

  const drag = {
    start: (e: DragEvent, stepId: string) => {
      setDragId(stepId);
      e.dataTransfer.effectAllowed = 'move';
      e.dataTransfer.setData('text/plain', stepId);
    },
    over: (e: DragEvent, stepId: string) => {
      if (!dragId) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = 'move';
      if (overId !== stepId) setOverId(stepId);
    },
    drop: (e: DragEvent, stepId: string) => {
      e.preventDefault();
      if (dragId) moveTo(dragId, shown.current.indexOf(stepId), false);
      setDragId(null);
      setOverId(null);
    },
    end: () => {
      setDragId(null);
      setOverId(null);
    },
  };

  const done = journey.planSteps.filter((s) => s.done).length;
  const overdue = journey.planSteps.filter(isOverdue).length;
  return (
    <section className="card section journey-section" aria-labelledby="plan-title">
      <div className="section-head">
        <h2 id="plan-title">{t('plan.title')}</h2>
        {steps.length > 0 && <span className="badge">{t('plan.progress', { done, total: steps.length })}</span>}
        {overdue > 0 && (
          <span className="badge bad">
            <span aria-hidden="true">⚠ </span>
            {t('plan.overdueCount', { count: overdue })}
          </span>
        )}
      </div>
      <p className="muted section-intro">{t('plan.intro')}</p>
      {writable && steps.length > 1 && (
        <p className="muted plan-keys" id="plan-keys-hint">
          {t('plan.keysHint')}
        </p>
      )}
      {steps.length === 0 ? (
        <p className="muted">{t('plan.none')}</p>
      ) : (
        <ol className="plan-steps">
          {steps.map((s, i) => (
            <StepItem
              key={s.id}
              journey={journey}
              step={s}
              index={i}
              count={steps.length}
              people={people}
              writable={writable}
              dragging={dragId === s.id}
              dropTarget={overId === s.id && dragId !== s.id}
              handleRef={(el) => {
                if (el) handles.current.set(s.id, el);
                else handles.current.delete(s.id);
              }}
              onHandleKey={(e) => onHandleKey(e, s.id)}
              onMove={(delta) => moveBy(s.id, delta, false)}
              drag={{
                onDragStart: (e) => drag.start(e, s.id),
                onDragOver: (e) => drag.over(e, s.id),
                onDrop: (e) => drag.drop(e, s.id),
                onDragEnd: drag.end,
              }}
            />
          ))}
        </ol>
      )}
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
      <ErrorMessage error={reorder.error} />
      {writable && <AddStep journey={journey} people={people} />}
    </section>
  );
}

interface StepItemProps {
  journey: Journey;
  step: PlanStep;
  index: number;
  count: number;
  people: People;
  writable: boolean;
  dragging: boolean;
  dropTarget: boolean;
  handleRef: (el: HTMLButtonElement | null) => void;
  onHandleKey: (e: KeyboardEvent) => void;
  onMove: (delta: -1 | 1) => void;
  drag: {
    onDragStart: (e: DragEvent) => void;
    onDragOver: (e: DragEvent) => void;
    onDrop: (e: DragEvent) => void;
    onDragEnd: () => void;
  };
}

function StepItem({ journey, step: s, index, count, people, writable, dragging, dropTarget, handleRef, onHandleKey, onMove, drag }: StepItemProps) {
  const { t } = useTranslation('journey');
  const [editing, setEditing] = useState(false);
  const toggle = useJourneyAction(journey.id, (done: boolean) => patch(journeyUrl(journey.id, `/plan-steps/${encodeURIComponent(s.id)}`), { done }));
  // Shown at once; the server's answer (or its refusal) settles it.
  const [optimistic, setOptimistic] = useState<boolean | null>(null);
  const checked = optimistic ?? s.done;
  const setDone = (done: boolean) => {
    setOptimistic(done);
    toggle.mutate(done, { onSettled: () => setOptimistic(null) });
  };
  const overdue = isOverdue(s);
  const owner = people.ownerName(s.owner);
  const side = s.owner && 'contactId' in s.owner ? 'buyer' : 'seller';
  const checkId = `step-${s.id}-done`;

  if (editing) {
    return (
      <li className="plan-step plan-step-editing">
        <EditStep journey={journey} step={s} people={people} onDone={() => setEditing(false)} />
      </li>
    );
  }
  return (
    <li
      className={['plan-step', checked && 'plan-step-done', overdue && 'plan-step-overdue', dragging && 'plan-step-dragging', dropTarget && 'plan-step-drop'].filter(Boolean).join(' ')}
      draggable={writable}
      onDragStart={writable ? drag.onDragStart : undefined}
      onDragOver={writable ? drag.onDragOver : undefined}
      onDrop={writable ? drag.onDrop : undefined}
      onDragEnd={writable ? drag.onDragEnd : undefined}
    >
      {writable && (
        <button
          type="button"
          className="drag-handle"
          ref={handleRef}
          onKeyDown={onHandleKey}
          aria-describedby={count > 1 ? 'plan-keys-hint' : undefined}
        >
          <span aria-hidden="true">⠿</span>
          <span className="visually-hidden">{t('plan.handle', { title: s.title, position: index + 1, total: count })}</span>
        </button>
      )}
      <input
        type="checkbox"
        id={checkId}
        className="step-check"
        checked={checked}
        disabled={!writable || toggle.isPending}
        onChange={(e) => setDone(e.target.checked)}
      />
      <div className="step-body">
        <label htmlFor={checkId} className="step-title">
          {s.title}
          {checked && <span className="visually-hidden"> ({t('plan.done')})</span>}
        </label>
        <p className="step-meta">
          <span className={`step-owner step-owner-${side}`}>
            <span className="visually-hidden">{t('plan.owner')}: </span>
            {owner ?? t('plan.noOwner')}
            {s.owner && <span className="muted"> · {t(side === 'buyer' ? 'plan.buyerSide' : 'plan.ourSide')}</span>}
          </span>
          {s.dueDate && (
            <span className="step-due">
              {t('plan.due', { date: date(s.dueDate) })}
            </span>
          )}
          {overdue && (
            <span className="badge bad">
              <span aria-hidden="true">⚠ </span>
              {t('plan.overdue')}
            </span>
          )}
          {checked && (
            <span className="badge ok">
              <span aria-hidden="true">✓ </span>
              {t('plan.done')}
            </span>
          )}
        </p>
        <ErrorMessage error={toggle.error} />
      </div>
      {writable && (
        <div className="step-actions">
          <button type="button" className="small icon" onClick={() => onMove(-1)} disabled={index === 0}>
            <span aria-hidden="true">↑</span>
            <span className="visually-hidden">
              {t('plan.moveUp')}: {s.title}
            </span>
          </button>
          <button type="button" className="small icon" onClick={() => onMove(1)} disabled={index === count - 1}>
            <span aria-hidden="true">↓</span>
            <span className="visually-hidden">
              {t('plan.moveDown')}: {s.title}
            </span>
          </button>
          <button type="button" className="small" onClick={() => setEditing(true)}>
            <Named text={t('common:edit')} detail={s.title} />
          </button>
        </div>
      )}
    </li>
  );
}

function OwnerSelect({ people, journey, value, onChange, ...p }: { people: People; journey: Journey; value: string; onChange: (v: string) => void; id: string; name: string; 'aria-invalid': boolean; 'aria-describedby': string | undefined }) {
  const { t } = useTranslation('journey');
  const users = people.users.filter((u) => !u.disabled);
  return (
    <select {...p} value={value} onChange={(e) => onChange(e.target.value)} required>
      <option value="" disabled>
        {t('plan.chooseOwner')}
      </option>
      <optgroup label={t('plan.ourTeam')}>
        {users.map((u) => (
          <option key={u.id} value={`u:${u.id}`}>
            {u.name}
          </option>
        ))}
      </optgroup>
      <optgroup label={t('plan.theirTeam', { account: journey.account?.name ?? '' })}>
        {people.contacts.map((c) => (
          <option key={c.id} value={`c:${c.id}`}>
            {c.name} ({t(`common:buyingRole.${c.buyingRole}`)})
          </option>
        ))}
      </optgroup>
    </select>
  );
}

interface StepBody {
  title: string;
  owner: Owner | undefined;
  dueDate: string | null;
}

function EditStep({ journey, step, people, onDone }: { journey: Journey; step: PlanStep; people: People; onDone: () => void }) {
  const { t } = useTranslation('journey');
  const [title, setTitle] = useState(step.title);
  const [owner, setOwner] = useState(ownerValue(step.owner));
  const [due, setDue] = useState(step.dueDate ?? '');
  const save = useJourneyAction(journey.id, (body: StepBody) => patch(journeyUrl(journey.id, `/plan-steps/${encodeURIComponent(step.id)}`), body), { onSuccess: onDone });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({ title, owner: ownerFrom(owner), dueDate: due || null });
  };
  return (
    <form className="step-edit" onSubmit={submit}>
      <h3 className="visually-hidden">{t('plan.editTitle', { title: step.title })}</h3>
      <Field label={t('plan.stepTitle')} name="title" error={save.error}>
        {(p) => <input {...p} autoFocus required maxLength={500} value={title} onChange={(e) => setTitle(e.target.value)} />}
      </Field>
      <div className="row">
        <Field label={t('plan.owner')} name="owner" error={save.error}>
          {(p) => <OwnerSelect {...p} people={people} journey={journey} value={owner} onChange={setOwner} />}
        </Field>
        <Field label={t('plan.dueDate')} name="dueDate" error={save.error}>
          {(p) => <input {...p} type="date" value={due} onChange={(e) => setDue(e.target.value)} />}
        </Field>
      </div>
      <ErrorMessage error={save.error} />
      <div className="actions">
        <button type="submit" className="primary small" disabled={save.isPending}>
          {t('common:save')}
        </button>
        <button type="button" className="small" onClick={onDone}>
          {t('common:cancel')}
        </button>
      </div>
    </form>
  );
}

function AddStep({ journey, people }: { journey: Journey; people: People }) {
  const { t } = useTranslation('journey');
  const me = useMe().data?.user.id;
  const [title, setTitle] = useState('');
  const [owner, setOwner] = useState<string | null>(null);
  const [due, setDue] = useState('');
  const add = useJourneyAction(journey.id, (body: StepBody) => post(journeyUrl(journey.id, '/plan-steps'), body), {
    onSuccess: () => {
      setTitle('');
      setDue('');
    },
  });
  // Until the seller picks someone, the step is theirs.
  const ownerChoice = owner ?? (me ? `u:${me}` : '');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate({ title, owner: ownerFrom(ownerChoice), dueDate: due || null });
  };
  return (
    <form className="subform add-step" onSubmit={submit} aria-labelledby="add-step-title">
      <h3 id="add-step-title">{t('plan.addTitle')}</h3>
      <Field label={t('plan.stepTitle')} name="title" error={add.error}>
        {(p) => <input {...p} required maxLength={500} value={title} onChange={(e) => setTitle(e.target.value)} />}
      </Field>
      <div className="row">
        <Field label={t('plan.owner')} name="owner" error={add.error}>
          {(p) => <OwnerSelect {...p} people={people} journey={journey} value={ownerChoice} onChange={setOwner} />}
        </Field>
        <Field label={t('plan.dueDate')} name="dueDate" error={add.error}>
          {(p) => <input {...p} type="date" value={due} onChange={(e) => setDue(e.target.value)} />}
        </Field>
      </div>
      <ErrorMessage error={add.error} />
      <button type="submit" className="primary" disabled={add.isPending}>
        {t('plan.add')}
      </button>
    </form>
  );
}
