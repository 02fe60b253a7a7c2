/** Buying journeys: create, read, meet criteria, advance, close. */
import {
  decideAdvance,
  findStage,
  isDerived,
  stageCriteria,
  type CriterionState,
  type DerivedFacts,
  type Locale,
  type TemplateDef,
} from '../domain/process.ts';
import { isClosed } from '../domain/journey.ts';
import { nameKey } from '../domain/swedish.ts';
import type { JourneyStatus } from '../domain/vocabulary.ts';
import { findAccount, findAccountTier } from '../store/accounts.ts';
import {
  deleteCriterion,
  findJourney,
  findMetCriterion,
  insertJourney,
  insertStageChange,
  listConcerns,
  listJourneys as listJourneyRows,
  listPlanSteps,
  listStageChanges,
  metCriteria,
  updateJourney as updateJourneyRow,
  updateJourneyAtStage,
  upsertCriterion,
} from '../store/journeys.ts';
import { fromJson, toJson } from '../store/json.ts';
import { listConfirmations } from '../store/portal-room.ts';
import type { ConcernRow, JourneyRow } from '../store/schema.ts';
import { findTemplate, findTemplateByKey } from '../store/templates.ts';
import { findUser } from '../store/users.ts';
import { derivedFactsOf, journeyCards, quoteFactsByJourney, tallyConcerns } from './cards.ts';
import { type Actor, type AppContext, type Db, write } from './context.ts';
import { decodeCursor, toPage } from './cursor.ts';
import { AppError, invalid, notFound } from './errors.ts';
import { requireJourneyWriter } from './permissions.ts';
import { concernView, journeySummaryView, planStepView, templateDef } from './views.ts';

export async function loadJourney(db: Db, actor: Actor, id: string): Promise<JourneyRow> {
  const row = await findJourney(db, actor.orgId, id);
  if (!row) throw notFound('journey');
  return row;
}

/** A journey the actor may change, and that is not closed. */
export async function loadWritableJourney(db: Db, actor: Actor, id: string): Promise<JourneyRow> {
  const row = await loadJourney(db, actor, id);
  requireJourneyWriter(actor, row);
  if (isClosed(row.status as JourneyStatus)) throw new AppError('journey_closed', `The journey was ${row.status} on ${row.closed_at?.slice(0, 10)}; reopen is not possible.`);
  return row;
}

async function templateOf(db: Db, row: JourneyRow): Promise<TemplateDef> {
  const t = await findTemplate(db, row.org_id, row.template_id);
  if (!t) throw new AppError('internal', 'The journey refers to a process that is gone.');
  return templateDef(t);
}

/** The facts derived criteria are computed from; `known` concerns save reading them again. */
export async function derivedFacts(db: Db, orgId: string, journeyId: string, known?: readonly ConcernRow[]): Promise<DerivedFacts> {
  const [concerns, quotes] = await Promise.all([known ?? listConcerns(db, orgId, journeyId), quoteFactsByJourney(db, orgId, [journeyId])]);
  return derivedFactsOf(tallyConcerns(concerns), quotes.get(journeyId));
}

async function currentCriteria(db: Db, row: JourneyRow, template: TemplateDef, concerns?: readonly ConcernRow[]): Promise<CriterionState[]> {
  const stage = findStage(template, row.stage);
  if (!stage) return [];
  const met = await metCriteria(db, row.org_id, row.id, row.stage);
  const facts = await derivedFacts(db, row.org_id, row.id, concerns);
  return stageCriteria(stage, met.map((m) => ({ key: m.criterion_key, evidence: m.evidence, metAt: m.met_at, metBy: m.met_by })), facts);
}

type Confirmation = { criterion_key: string; confirmed_at: string; name: string };

const criterionView = (c: CriterionState, locale: Locale, confirmations: readonly Confirmation[]) => {
  // A buyer's confirmation in the room counts until the criterion is met again (or unmet) by the seller.
  const confirmed = confirmations.find((k) => k.criterion_key === c.key);
  return {
    key: c.key,
    text: c.text[locale],
    met: c.met,
    derived: c.derived,
    evidence: c.evidence,
    metAt: c.metAt,
    metBy: c.metBy,
    confirmedBy: confirmed && c.met && !c.derived && c.metAt !== null && c.metAt <= confirmed.confirmed_at ? { name: confirmed.name } : null,
  };
};

/** Everything the journey page needs in one read. */
export async function getJourney(ctx: AppContext, actor: Actor, id: string, locale: Locale) {
  const db = ctx.store.db;
  const row = await loadJourney(db, actor, id);
  const template = await templateOf(db, row);
  // Read once: the page shows them, and the derived criteria count them.
  const concernRows = listConcerns(db, actor.orgId, id);
  const [account, tier, criteria, concerns, planSteps, changes, confirmations] = await Promise.all([
    findAccount(db, actor.orgId, row.account_id),
    findAccountTier(db, actor.orgId, row.account_id),
    concernRows.then((c) => currentCriteria(db, row, template, c)),
    concernRows,
    listPlanSteps(db, actor.orgId, id),
    listStageChanges(db, actor.orgId, id),
    listConfirmations(db, actor.orgId, id, row.stage),
  ]);
  const currentIndex = template.stages.findIndex((s) => s.key === row.stage);
  return {
    ...journeySummaryView(row),
    account: account ? { id: account.id, name: account.name, tier } : null,
    template: { id: row.template_id, key: template.key, name: template.name[locale] },
    stageName: findStage(template, row.stage)?.name[locale] ?? row.stage,
    stages: template.stages.map((s, i) => ({ key: s.key, name: s.name[locale], state: i < currentIndex ? 'done' : i === currentIndex ? 'current' : 'ahead' })),
    readiness: { met: criteria.filter((c) => c.met).length, total: criteria.length },
    criteria: criteria.map((c) => criterionView(c, locale, confirmations)),
    overrides: changes
      .filter((c) => c.override_reason !== null)
      .map((c) => ({ from: c.from_stage, to: c.to_stage, reason: c.override_reason, overridden: fromJson<string[]>(c.overridden) ?? [], actorId: c.actor_id, at: c.at })),
    concerns: concerns.map(concernView),
    planSteps: planSteps.map(planStepView),
  };
}

export interface JourneyInput {
  accountId: string;
  title: string;
  templateKey?: string | undefined;
  valueMinor?: number | null | undefined;
  currency?: string | undefined;
  ownerId?: string | undefined;
}

export async function createJourney(ctx: AppContext, actor: Actor, input: JourneyInput, locale: Locale) {
  const db = ctx.store.db;
  if (!(await findAccount(db, actor.orgId, input.accountId))) throw invalid('body.accountId', 'No account with that id in your organisation.');
  const templateKey = input.templateKey ?? 'b2b';
  const template = await findTemplateByKey(db, actor.orgId, templateKey);
  if (!template) throw invalid('body.templateKey', `No process template with the key "${templateKey}".`);
  const ownerId = input.ownerId ?? actor.userId;
  if (!ownerId) throw invalid('body.ownerId', 'Name the user who owns the journey.');
  if (input.ownerId && input.ownerId !== actor.userId && actor.role === 'seller') throw new AppError('forbidden', 'A seller may create journeys only for themselves.');
  if (!(await findUser(db, actor.orgId, ownerId))) throw invalid('body.ownerId', 'No user with that id in your organisation.');
  const first = templateDef(template).stages[0];
  if (!first) throw new AppError('internal', 'The process template has no stages.');
  const id = await write(ctx, actor, async (w) => {
    const row: JourneyRow = {
      org_id: actor.orgId,
      id: w.id(),
      account_id: input.accountId,
      template_id: template.id,
      title: input.title.trim(),
      title_key: nameKey(input.title),
      stage: first.key,
      status: 'open',
      owner_id: ownerId,
      value_minor: input.valueMinor ?? null,
      currency: input.currency ?? 'SEK',
      stage_entered_at: w.iso,
      created_at: w.iso,
      updated_at: w.iso,
      closed_at: null,
      close_reason: null,
    };
    await insertJourney(w.tx, row);
    await w.timeline(row.id, 'journey_created', row.id, { title: row.title, stage: row.stage });
    await w.audit('journey.create', 'journey', row.id, null, journeySummaryView(row));
    return row.id;
  });
  return getJourney(ctx, actor, id, locale);
}

export interface JourneyListQuery {
  stage?: string | undefined;
  status?: JourneyStatus | undefined;
  ownerId?: string | undefined;
  accountId?: string | undefined;
  templateKey?: string | undefined;
  q?: string | undefined;
  cursor?: string | undefined;
  limit: number;
}

/** A page of the board: journey cards, newest first; `q` finds text in the title or the account's name. */
export async function listJourneys(ctx: AppContext, actor: Actor, q: JourneyListQuery) {
  const before = decodeCursor(q.cursor, ['id'] as const);
  const textKey = q.q === undefined ? '' : nameKey(q.q);
  // Processes share stage keys (need, buy, use): the board filters by process too.
  const template = q.templateKey === undefined ? undefined : await findTemplateByKey(ctx.store.db, actor.orgId, q.templateKey);
  if (q.templateKey !== undefined && !template) throw invalid('query.templateKey', `No process template with the key "${q.templateKey}".`);
  const rows = await listJourneyRows(ctx.store.db, actor.orgId, { ...q, templateId: template?.id, textKey: textKey || undefined, before: before?.id, limit: q.limit + 1 });
  const page = toPage(rows, q.limit, (r) => r, (r) => ({ id: r.id }));
  return { items: await journeyCards(ctx.store.db, actor.orgId, page.items), nextCursor: page.nextCursor };
}

/**
 * The board's first page in every stage of a process, in one call. A board with
 * one request per column waits on the browser's six connections per host (one of
 * them held by the live-update stream); this answers them all at once.
 */
export async function boardColumns(ctx: AppContext, actor: Actor, q: Omit<JourneyListQuery, 'stage' | 'cursor' | 'templateKey'> & { templateKey: string }) {
  const template = await findTemplateByKey(ctx.store.db, actor.orgId, q.templateKey);
  if (!template) throw invalid('query.templateKey', `No process template with the key "${q.templateKey}".`);
  const columns = [];
  for (const stage of templateDef(template).stages) columns.push({ stage: stage.key, ...(await listJourneys(ctx, actor, { ...q, stage: stage.key })) });
  return { columns };
}

export interface JourneyPatch {
  title?: string | undefined;
  valueMinor?: number | null | undefined;
  currency?: string | undefined;
  ownerId?: string | undefined;
  status?: 'open' | 'paused' | undefined;
}

export async function updateJourney(ctx: AppContext, actor: Actor, id: string, patch: JourneyPatch, locale: Locale) {
  const db = ctx.store.db;
  const before = await loadWritableJourney(db, actor, id);
  if (patch.ownerId !== undefined && !(await findUser(db, actor.orgId, patch.ownerId))) throw invalid('body.ownerId', 'No user with that id in your organisation.');
  await write(ctx, actor, async (w) => {
    const set = {
      ...(patch.title !== undefined && { title: patch.title.trim(), title_key: nameKey(patch.title) }),
      ...(patch.valueMinor !== undefined && { value_minor: patch.valueMinor }),
      ...(patch.currency !== undefined && { currency: patch.currency }),
      ...(patch.ownerId !== undefined && { owner_id: patch.ownerId }),
      ...(patch.status !== undefined && { status: patch.status }),
      updated_at: w.iso,
    };
    await updateJourneyRow(w.tx, actor.orgId, id, set);
    if (patch.status !== undefined && patch.status !== before.status) await w.timeline(id, patch.status === 'paused' ? 'journey_paused' : 'journey_resumed', id, {});
    else w.changed(id, 'journey_updated');
    await w.audit('journey.update', 'journey', id, journeySummaryView(before), journeySummaryView({ ...before, ...set }));
  });
  return getJourney(ctx, actor, id, locale);
}

export async function meetCriterion(ctx: AppContext, actor: Actor, id: string, key: string, evidence: string, locale: Locale) {
  const db = ctx.store.db;
  const row = await loadWritableJourney(db, actor, id);
  const template = await templateOf(db, row);
  const stage = findStage(template, row.stage);
  const def = stage?.criteria.find((c) => c.key === key);
  if (!def) throw new AppError('not_found', `"${key}" is not a criterion of the stage ${row.stage}; the stage's criteria are ${stage?.criteria.map((c) => c.key).join(', ')}.`);
  if (isDerived(key)) throw new AppError('derived_criterion', `"${key}" is computed from the journey's data (${def.text[locale]}); it cannot be ticked by hand.`);
  const before = await findMetCriterion(db, actor.orgId, id, row.stage, key);
  await write(ctx, actor, async (w) => {
    const after = { org_id: actor.orgId, journey_id: id, stage: row.stage, criterion_key: key, evidence: evidence.trim(), met_at: w.iso, met_by: actor.userId };
    await upsertCriterion(w.tx, after);
    await updateJourneyRow(w.tx, actor.orgId, id, { updated_at: w.iso });
    await w.timeline(id, 'criterion_met', id, { stage: row.stage, key, text: def.text, evidence: after.evidence });
    await w.audit('criterion.meet', 'journey', id, before ?? null, after);
  });
  return getJourney(ctx, actor, id, locale);
}

export async function unmeetCriterion(ctx: AppContext, actor: Actor, id: string, key: string, locale: Locale) {
  const db = ctx.store.db;
  const row = await loadWritableJourney(db, actor, id);
  const template = await templateOf(db, row);
  const def = findStage(template, row.stage)?.criteria.find((c) => c.key === key);
  if (!def) throw new AppError('not_found', `"${key}" is not a criterion of the stage ${row.stage}.`);
  if (isDerived(key)) throw new AppError('derived_criterion', `"${key}" is computed from the journey's data; it cannot be changed by hand.`);
  const before = await findMetCriterion(db, actor.orgId, id, row.stage, key);
  if (before) {
    await write(ctx, actor, async (w) => {
      await deleteCriterion(w.tx, actor.orgId, id, row.stage, key);
      await updateJourneyRow(w.tx, actor.orgId, id, { updated_at: w.iso });
      await w.timeline(id, 'criterion_unmet', id, { stage: row.stage, key, text: def.text });
      await w.audit('criterion.unmeet', 'journey', id, before, null);
    });
  }
  return getJourney(ctx, actor, id, locale);
}

/** Moves the journey to its next stage: only when every criterion is met, or with a written reason. */
export async function advanceJourney(ctx: AppContext, actor: Actor, id: string, overrideReason: string | undefined, locale: Locale) {
  const db = ctx.store.db;
  const row = await loadWritableJourney(db, actor, id);
  if (row.status === 'paused') throw new AppError('conflict', 'The journey is paused; resume it before moving it on.');
  const template = await templateOf(db, row);
  const criteria = await currentCriteria(db, row, template);
  const decision = decideAdvance(template, criteria, row.stage, overrideReason);
  if (!decision.ok && decision.reason === 'last_stage') throw new AppError('last_stage', `"${row.stage}" is the last stage of this process; close the journey instead.`);
  if (!decision.ok) {
    const unmet = decision.unmet.map((c) => ({ key: c.key, text: c.text[locale], derived: c.derived }));
    throw new AppError('unmet_criteria', `The buyer has not finished the stage ${row.stage}: ${unmet.map((u) => u.key).join(', ')} ${unmet.length === 1 ? 'is' : 'are'} not met. Record evidence, or override with a written reason.`, { unmet });
  }
  await write(ctx, actor, async (w) => {
    const moved = await updateJourneyAtStage(w.tx, actor.orgId, id, row.stage, { stage: decision.to.key, stage_entered_at: w.iso, updated_at: w.iso });
    if (!moved) throw new AppError('conflict', 'Someone else moved this journey just now; reload and try again.');
    const overridden = decision.overridden.map((c) => c.key);
    const reason = overridden.length > 0 ? (overrideReason ?? '').trim() : null;
    await insertStageChange(w.tx, {
      org_id: actor.orgId,
      id: w.id(),
      journey_id: id,
      from_stage: row.stage,
      to_stage: decision.to.key,
      kind: reason ? 'override' : 'advance',
      override_reason: reason,
      overridden: reason ? toJson(overridden) : null,
      actor_id: actor.userId,
      at: w.iso,
    });
    await w.timeline(id, 'stage_changed', id, { from: row.stage, to: decision.to.key, overrideReason: reason, overridden });
    await w.audit('journey.advance', 'journey', id, { stage: row.stage }, { stage: decision.to.key, overrideReason: reason, overridden });
  });
  return getJourney(ctx, actor, id, locale);
}

export async function closeJourney(ctx: AppContext, actor: Actor, id: string, outcome: 'won' | 'lost', reason: string, locale: Locale) {
  const db = ctx.store.db;
  const row = await loadWritableJourney(db, actor, id);
  await write(ctx, actor, async (w) => {
    const set = { status: outcome, closed_at: w.iso, close_reason: reason.trim(), updated_at: w.iso };
    await updateJourneyRow(w.tx, actor.orgId, id, set);
    await w.timeline(id, 'journey_closed', id, { outcome, reason: set.close_reason, stage: row.stage });
    await w.audit('journey.close', 'journey', id, journeySummaryView(row), journeySummaryView({ ...row, ...set }));
  });
  return getJourney(ctx, actor, id, locale);
}
