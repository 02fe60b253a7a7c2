/** The mutual plan: steps that name a person, not a side, with due dates. */
import { findContact } from '../store/accounts.ts';
import { findPlanStep, insertPlanStep, listPlanSteps, updatePlanStep } from '../store/journeys.ts';
import type { PlanStepRow } from '../store/schema.ts';
import { findUser } from '../store/users.ts';
import { type Actor, type AppContext, type Db, write, type Writer } from './context.ts';
import { invalid, notFound } from './errors.ts';
import { loadJourney, loadWritableJourney } from './journeys.ts';
import { planStepView } from './views.ts';

export type StepOwner = { userId: string } | { contactId: string };

export interface PlanStepInput {
  title: string;
  owner: StepOwner;
  dueDate?: string | null | undefined;
}

async function ownerColumns(db: Db, actor: Actor, owner: StepOwner) {
  if ('userId' in owner) {
    if (!(await findUser(db, actor.orgId, owner.userId))) throw invalid('body.owner.userId', 'No user with that id in your organisation.');
    return { owner_user_id: owner.userId, owner_contact_id: null };
  }
  if (!(await findContact(db, actor.orgId, owner.contactId))) throw invalid('body.owner.contactId', 'No contact with that id in your organisation.');
  return { owner_user_id: null, owner_contact_id: owner.contactId };
}

export async function addPlanStep(ctx: AppContext, actor: Actor, journeyId: string, input: PlanStepInput) {
  const db = ctx.store.db;
  await loadWritableJourney(db, actor, journeyId);
  const owner = await ownerColumns(db, actor, input.owner);
  return planStepView(await write(ctx, actor, (w) => insertStep(w, journeyId, input, owner)));
}

/** Writes a new last step of the journey's plan, whoever adds it: the row, its timeline entry and audit. */
export async function insertStep(w: Writer, journeyId: string, input: Omit<PlanStepInput, 'owner'>, owner: Pick<PlanStepRow, 'owner_user_id' | 'owner_contact_id'>): Promise<PlanStepRow> {
  const existing = await listPlanSteps(w.tx, w.actor.orgId, journeyId);
  const row: PlanStepRow = {
    org_id: w.actor.orgId,
    id: w.id(),
    journey_id: journeyId,
    title: input.title.trim(),
    position: existing.length === 0 ? 1 : Math.max(...existing.map((s) => s.position)) + 1,
    ...owner,
    due_date: input.dueDate ?? null,
    done_at: null,
    created_at: w.iso,
    updated_at: w.iso,
  };
  await insertPlanStep(w.tx, row);
  await w.timeline(journeyId, 'plan_step_added', row.id, { title: row.title, dueDate: row.due_date });
  await w.audit('plan_step.create', 'plan_step', row.id, null, planStepView(row));
  return row;
}

export interface PlanStepPatch {
  title?: string | undefined;
  owner?: StepOwner | undefined;
  dueDate?: string | null | undefined;
  done?: boolean | undefined;
}

export async function editPlanStep(ctx: AppContext, actor: Actor, journeyId: string, stepId: string, patch: PlanStepPatch) {
  const db = ctx.store.db;
  await loadWritableJourney(db, actor, journeyId);
  const before = await findPlanStep(db, actor.orgId, journeyId, stepId);
  if (!before) throw notFound('plan step');
  const owner = patch.owner ? await ownerColumns(db, actor, patch.owner) : {};
  return planStepView(await write(ctx, actor, (w) => changePlanStep(w, before, patch, owner)));
}

/**
 * Writes a change to a plan step, whoever makes it (a seller, or a buyer in
 * the room): the new values, one timeline entry (completed, reopened or
 * edited) and the audit entry. `owner` is the owner's columns, already checked.
 */
export async function changePlanStep(w: Writer, before: PlanStepRow, patch: Omit<PlanStepPatch, 'owner'>, owner: Partial<Pick<PlanStepRow, 'owner_user_id' | 'owner_contact_id'>>): Promise<PlanStepRow> {
  const set = {
    ...(patch.title !== undefined && { title: patch.title.trim() }),
    ...owner,
    ...(patch.dueDate !== undefined && { due_date: patch.dueDate }),
    ...(patch.done !== undefined && { done_at: patch.done ? (before.done_at ?? w.iso) : null }),
    updated_at: w.iso,
  };
  await updatePlanStep(w.tx, before.org_id, before.id, set);
  const after = { ...before, ...set };
  if (patch.done !== undefined && patch.done !== (before.done_at !== null)) {
    await w.timeline(before.journey_id, patch.done ? 'plan_step_completed' : 'plan_step_reopened', before.id, { title: after.title });
  } else {
    await w.timeline(before.journey_id, 'plan_step_edited', before.id, { title: after.title, dueDate: after.due_date });
  }
  await w.audit('plan_step.update', 'plan_step', before.id, planStepView(before), planStepView(after));
  return after;
}

/** Puts the journey's steps in the given order; the list must name each step exactly once. */
export async function reorderPlanSteps(ctx: AppContext, actor: Actor, journeyId: string, stepIds: readonly string[]) {
  const db = ctx.store.db;
  await loadWritableJourney(db, actor, journeyId);
  const steps = await listPlanSteps(db, actor.orgId, journeyId);
  const known = new Set(steps.map((s) => s.id));
  if (stepIds.length !== steps.length || new Set(stepIds).size !== stepIds.length || !stepIds.every((id) => known.has(id))) {
    throw invalid('body.stepIds', `Name each of the journey's ${steps.length} plan steps exactly once, in the new order.`);
  }
  return write(ctx, actor, async (w) => {
    for (const [i, id] of stepIds.entries()) await updatePlanStep(w.tx, actor.orgId, id, { position: i + 1, updated_at: w.iso });
    await w.timeline(journeyId, 'plan_reordered', journeyId, { stepIds });
    await w.audit('plan.reorder', 'journey', journeyId, { stepIds: steps.map((s) => s.id) }, { stepIds });
    return (await listPlanSteps(w.tx, actor.orgId, journeyId)).map(planStepView);
  });
}

export async function listPlan(ctx: AppContext, actor: Actor, journeyId: string) {
  await loadJourney(ctx.store.db, actor, journeyId);
  return (await listPlanSteps(ctx.store.db, actor.orgId, journeyId)).map(planStepView);
}
