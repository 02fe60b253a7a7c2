/** Rows to the camelCase shapes the API and CLI show. Rows never leave app/. */
import type { Locale, TemplateDef } from '../domain/process.ts';
import { fromJson } from '../store/json.ts';
import type {
  AccountRow,
  AuditRow,
  ConcernRow,
  ContactRow,
  JourneyRow,
  PlanStepRow,
  TemplateRow,
  TimelineEventRow,
  UserRow,
} from '../store/schema.ts';

export const userView = (u: UserRow) => ({
  id: u.id,
  email: u.email,
  name: u.name,
  role: u.role,
  disabled: u.disabled_at !== null,
  createdAt: u.created_at,
});

/** An account; with `tier`, its loyalty tier (app/loyalty.ts; null: no orders, `new`). Audit entries leave it out. */
export const accountView = (a: AccountRow, tier?: string | null) => ({
  id: a.id,
  kind: a.kind,
  name: a.name,
  orgNumber: a.org_number,
  website: a.website,
  ...(tier !== undefined && { tier: tier ?? 'new' }),
  createdAt: a.created_at,
  updatedAt: a.updated_at,
});

export const contactView = (c: ContactRow) => ({
  id: c.id,
  accountId: c.account_id,
  name: c.name,
  email: c.email,
  phone: c.phone,
  title: c.title,
  buyingRole: c.buying_role,
  createdAt: c.created_at,
  updatedAt: c.updated_at,
});

export function templateDef(t: TemplateRow): TemplateDef {
  return { key: t.key, name: { sv: t.name_sv, en: t.name_en }, stages: fromJson<TemplateDef['stages']>(t.stages) ?? [] };
}

export const templateView = (t: TemplateRow) => ({
  id: t.id,
  key: t.key,
  name: { sv: t.name_sv, en: t.name_en },
  builtin: t.builtin === 1,
  stages: templateDef(t).stages,
  createdAt: t.created_at,
});

export const journeySummaryView = (j: JourneyRow) => ({
  id: j.id,
  accountId: j.account_id,
  title: j.title,
  stage: j.stage,
  status: j.status,
  ownerId: j.owner_id,
  valueMinor: j.value_minor,
  currency: j.currency,
  stageEnteredAt: j.stage_entered_at,
  createdAt: j.created_at,
  updatedAt: j.updated_at,
  closedAt: j.closed_at,
  closeReason: j.close_reason,
});

export const concernView = (c: ConcernRow) => ({
  id: c.id,
  journeyId: c.journey_id,
  topic: c.topic,
  text: c.text,
  blocking: c.blocking === 1,
  status: c.status,
  answer: c.answer,
  contactId: c.contact_id,
  raisedBy: c.raised_by,
  raisedAt: c.raised_at,
  answeredAt: c.answered_at,
  closedAt: c.closed_at,
});

export const planStepView = (p: PlanStepRow) => ({
  id: p.id,
  journeyId: p.journey_id,
  title: p.title,
  position: p.position,
  owner: p.owner_contact_id ? { contactId: p.owner_contact_id } : p.owner_user_id ? { userId: p.owner_user_id } : null,
  dueDate: p.due_date,
  done: p.done_at !== null,
  doneAt: p.done_at,
  createdAt: p.created_at,
  updatedAt: p.updated_at,
});

export const timelineView = (e: TimelineEventRow) => ({
  id: e.id,
  at: e.at,
  kind: e.kind,
  entityId: e.entity_id,
  actorId: e.actor_id,
  data: fromJson<Record<string, unknown>>(e.data) ?? {},
});

export const auditView = (a: AuditRow) => ({
  id: a.id,
  at: a.at,
  actorId: a.actor_id,
  actorKind: a.actor_kind,
  action: a.action,
  entity: a.entity,
  entityId: a.entity_id,
  before: fromJson<unknown>(a.before),
  after: fromJson<unknown>(a.after),
});

export function localized(text: { sv: string; en: string }, locale: Locale): string {
  return text[locale];
}
