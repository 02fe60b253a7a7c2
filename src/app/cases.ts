/**
 * Cases — complaints (DESIGN §8, issue 8): the buyer opens one in the room or
 * a seller opens one, about a quote or an order of the journey if they like;
 * both write messages; the seller proposes a resolution, the buyer accepts or
 * rejects it in the room; a seller may close a case without agreement, with a
 * written reason. Only the buyer's acceptance resolves a case: no seller
 * route leads there.
 *
 * Every change is a step (case_steps). The case's state is always the replay
 * of its steps by src/domain/cases.ts: a new step is applied to the replayed
 * state (a refusal is a 409 with the rule's words) and the case's columns are
 * written from the result in the same transaction, for lists and Today.
 *
 * Priority follows the account's loyalty tier when the case is opened, as
 * the first-response targets of DESIGN §8 do: champion → urgent (2 h),
 * loyal → high (4 h), regular → normal (8 h), every other tier (at risk,
 * occasional, new) → low (24 h). The tier is stored with the case, and its
 * targets (org settings, src/app/case-settings.ts) are counted in the org's
 * business hours.
 */
import {
  applyCaseStep,
  caseClocks,
  checkInAt,
  replayCase,
  shownStatus,
  type CaseState,
  type CaseStep,
  type CaseTargets,
  type ResolutionKind,
  type TargetClock,
} from '../domain/cases.ts';
import type { BusinessCalendar } from '../domain/business-hours.ts';
import { groupBy } from '../domain/collections.ts';
import { DEFAULT_CASE_TARGETS } from '../domain/cases.ts';
import type { Tier } from '../domain/loyalty.ts';
import { findAccountTier } from '../store/accounts.ts';
import { caseStepsOf, insertCaseStep, setCaseColumns } from '../store/cases.ts';
import { findJourney } from '../store/journeys.ts';
import { findOrder } from '../store/orders.ts';
import { caseMessages, findCase, insertCase, insertCaseMessage, journeyCases } from '../store/portal-dialogue.ts';
import { findQuote } from '../store/quotes.ts';
import type { CaseMessageRow, CaseRow, CaseStepRow, JourneyRow } from '../store/schema.ts';
import { calendarOf, caseSettings } from './case-settings.ts';
import { write, type Actor, type AppContext, type Db, type Writer } from './context.ts';
import { AppError, invalid, notFound } from './errors.ts';
import { loadJourney } from './journeys.ts';
import { requireJourneyWriter } from './permissions.ts';
import { excerpt, sellerName } from './portal-dialogue.ts';
import { asActor, type PortalActor } from './portal.ts';

export const CASE_PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const;
export type CasePriority = (typeof CASE_PRIORITIES)[number];

/** A case's priority from the account's tier when it was opened. */
export function priorityOfTier(tier: Tier | string): CasePriority {
  switch (tier) {
    case 'champion':
      return 'urgent';
    case 'loyal':
      return 'high';
    case 'regular':
      return 'normal';
    default:
      return 'low';
  }
}

type Kind = 'contact' | 'user';
const HOUR_MS = 3_600_000;
const iso = (ms: number | null) => (ms === null || !Number.isFinite(ms) ? null : new Date(ms).toISOString());

// --- steps and state ------------------------------------------------------------------

/** The domain's steps from the stored ones; a check-in changes no state and is left out. */
export function domainSteps(rows: readonly CaseStepRow[]): CaseStep[] {
  const out: CaseStep[] = [];
  for (const r of rows) {
    const at = Date.parse(r.at);
    const by = r.by_kind === 'contact' ? 'buyer' : 'seller';
    switch (r.kind) {
      case 'opened':
      case 'message':
        out.push({ kind: r.kind, at, by });
        break;
      case 'proposed':
        out.push({ kind: 'proposed', at, resolution: r.resolution as ResolutionKind, amountMinor: r.amount_minor === null ? null : Number(r.amount_minor) });
        break;
      case 'accepted':
      case 'rejected':
        out.push({ kind: r.kind, at });
        break;
      case 'closed':
        out.push({ kind: 'closed', at, reason: r.text ?? '' });
        break;
    }
  }
  return out;
}

/** The case's columns as its state says. */
const columnsOf = (s: CaseState) => ({
  status: s.status,
  first_response_at: iso(s.firstResponseAt),
  proposed_at: iso(s.proposedAt),
  resolved_at: iso(s.resolvedAt),
  closed_at: iso(s.closedAt),
  reopened: s.reopened,
});

// --- views ------------------------------------------------------------------------------

const messageView = (m: CaseMessageRow) => ({ id: m.id, author: { kind: m.author_kind as Kind, name: m.author_name }, text: m.text, at: m.at });

const stepView = (r: CaseStepRow, messages: ReadonlyMap<string, CaseMessageRow>) => ({
  id: r.id,
  kind: r.kind as CaseStepRow['kind'],
  at: r.at,
  by: { kind: r.by_kind as Kind, name: r.by_name },
  resolution: r.resolution as ResolutionKind | null,
  amountMinor: r.amount_minor === null ? null : Number(r.amount_minor),
  currency: r.currency,
  // a message's text lives with the message
  text: r.kind === 'message' ? (messages.get(r.id)?.text ?? null) : r.text,
});
type StepView = ReturnType<typeof stepView>;

export interface Loaded {
  row: CaseRow;
  steps: CaseStepRow[];
  messages: CaseMessageRow[];
  state: CaseState;
}

/** What the buyer and the seller both see. */
function caseView(c: Loaded, nowMs: number, side: 'buyer' | 'seller') {
  const byId = new Map(c.messages.map((m) => [m.id, m]));
  // A check-in is the seller's own note of a call; the room does not show it.
  const steps = c.steps.filter((s) => side === 'seller' || s.kind !== 'checked_in').map((s) => stepView(s, byId));
  const open = c.state.status === 'proposed' ? steps.filter((s) => s.kind === 'proposed').at(-1) : undefined;
  return {
    id: c.row.id,
    journeyId: c.row.journey_id,
    topic: c.row.topic,
    description: c.row.description,
    quoteId: c.row.quote_id,
    orderId: c.row.order_id,
    status: c.state.status,
    /** `unanswered` when a proposal has waited 14 days: still waiting, never accepted */
    shownStatus: shownStatus(c.state, nowMs),
    priority: c.row.priority as CasePriority,
    openedBy: { kind: c.row.opened_by_kind as Kind, name: c.row.opened_by_name },
    openedAt: c.row.opened_at,
    firstResponseAt: iso(c.state.firstResponseAt),
    proposedAt: iso(c.state.proposedAt),
    resolvedAt: iso(c.state.resolvedAt),
    closedAt: iso(c.state.closedAt),
    reopened: c.state.reopened,
    /** the proposal waiting for the buyer's answer */
    proposal: open ? { id: open.id, resolution: open.resolution as ResolutionKind, amountMinor: open.amountMinor, currency: open.currency, text: open.text ?? '', at: open.at, by: open.by } : null,
    /** everything that happened, in order: opening, messages (with their text), proposals, answers, closing, check-ins */
    steps,
    messages: c.messages.map(messageView),
  };
}

const clockView = (k: TargetClock) => ({
  state: k.state,
  /** null while the clock stands still waiting on the buyer, even when it fell due before the wait began */
  dueAt: k.state === 'paused' ? null : iso(k.dueAt),
  doneAt: iso(k.doneAt),
  usedHours: Math.round((k.usedMs / HOUR_MS) * 100) / 100,
});

/** How clocks are counted: the org's calendar and its targets, read once per request. */
export interface CaseRules {
  calendar: BusinessCalendar;
  targets: Record<Tier, CaseTargets>;
  nowMs: number;
}

export async function caseRules(ctx: AppContext, db: Db, orgId: string): Promise<CaseRules> {
  const now = ctx.now();
  const settings = await caseSettings(db, orgId, now);
  return { calendar: calendarOf(settings), targets: settings.targets, nowMs: now.getTime() };
}

const targetsOf = (rules: CaseRules, tier: string) => rules.targets[tier as Tier] ?? DEFAULT_CASE_TARGETS.new;

/** The running clock's due time: first response until answered, then resolution; null when none runs (paused, resolved, closed). */
export function runningDue(state: CaseState, clocks: ReturnType<typeof caseClocks>): number | null {
  if (state.status !== 'open' && state.status !== 'proposed') return null;
  const k = state.firstResponseAt === null ? clocks.firstResponse : clocks.resolution;
  return k.state === 'running' || k.state === 'overdue' ? k.dueAt : null;
}

/** The seller's view adds the tier, the target clocks and the check-in. */
function sellerCaseView(c: Loaded, rules: CaseRules) {
  const clocks = caseClocks(c.state, rules.calendar, targetsOf(rules, c.row.tier), rules.nowMs);
  const checkIn = checkInAt(c.state);
  const checkedIn = c.row.checked_in_at !== null && c.state.resolvedAt !== null && Date.parse(c.row.checked_in_at) >= c.state.resolvedAt ? c.row.checked_in_at : null;
  return {
    ...caseView(c, rules.nowMs, 'seller'),
    tier: c.row.tier,
    targets: targetsOf(rules, c.row.tier),
    clocks: { firstResponse: clockView(clocks.firstResponse), resolution: clockView(clocks.resolution) },
    /** when the running clock is due; null when none runs */
    dueAt: iso(runningDue(c.state, clocks)),
    /** 14 days after the acceptance; null unless resolved */
    checkInAt: iso(checkIn),
    /** the seller's check-in after this acceptance, if any */
    checkedInAt: checkedIn,
    /** the check-in is due now and not yet recorded */
    checkInDue: checkIn !== null && checkedIn === null && rules.nowMs >= checkIn,
  };
}

export type CaseView = ReturnType<typeof caseView>;
export type SellerCaseView = ReturnType<typeof sellerCaseView>;
export type { StepView };

/** The cases with their steps and (unless left out, for lists and figures) messages, in two queries. */
export async function loadCases(db: Db, orgId: string, rows: readonly CaseRow[], opts: { messages: boolean } = { messages: true }): Promise<Loaded[]> {
  const ids = rows.map((r) => r.id);
  const [steps, messages] = await Promise.all([caseStepsOf(db, orgId, ids), opts.messages ? caseMessages(db, orgId, ids) : []]);
  const stepsOf = groupBy(steps, (s) => s.case_id);
  const messagesOf = groupBy(messages, (m) => m.case_id);
  return rows.map((row) => {
    const own = stepsOf.get(row.id) ?? [];
    return { row, steps: own, messages: messagesOf.get(row.id) ?? [], state: replayCase(domainSteps(own)) };
  });
}

// --- writing steps -----------------------------------------------------------------------

export interface CaseInput {
  topic: string;
  description: string;
  quoteId?: string | null | undefined;
  orderId?: string | null | undefined;
}

interface Author {
  kind: Kind;
  contactId: string | null;
  userId: string | null;
  name: string;
}

type NewStep = Omit<CaseStepRow, 'org_id' | 'id' | 'case_id' | 'at' | 'by_kind' | 'by_id' | 'by_name'>;
const NO_DETAIL = { resolution: null, amount_minor: null, currency: null, text: null } as const;

/**
 * Applies one step to a case inside a transaction: locks the case's row,
 * replays its steps, applies the new one (a refusal is a 409 in the rule's
 * words), stores it and writes the columns from the new state.
 */
async function takeStep(w: Writer, c: CaseRow, author: Author, step: NewStep & { kind: CaseStep['kind'] }): Promise<{ before: CaseState; after: CaseState; row: CaseStepRow }> {
  await setCaseColumns(w.tx, c.org_id, c.id, { updated_at: w.iso });
  // The step's id is made only now, holding the lock: ids made in this process count up
  // (newId), so the steps replay by id in the order they were applied, even when another
  // writer took the lock between this one's start and now.
  const id = w.id();
  const before = replayCase(domainSteps(await caseStepsOf(w.tx, c.org_id, [c.id])));
  const row: CaseStepRow = { org_id: c.org_id, id, case_id: c.id, at: w.iso, by_kind: author.kind, by_id: author.contactId ?? author.userId, by_name: author.name, ...step };
  const [domain] = domainSteps([row]);
  const after = applyCaseStep(before, domain!);
  if ('refused' in after) throw new AppError('conflict', after.refused);
  await insertCaseStep(w.tx, row);
  await setCaseColumns(w.tx, c.org_id, c.id, columnsOf(after));
  return { before, after, row };
}

/** The quote must be the journey's (and, for the buyer, one the room shows); the order one of the account's. */
async function checkReferences(db: Db, journey: JourneyRow, input: CaseInput, roomOnly: boolean): Promise<void> {
  if (input.quoteId) {
    const q = await findQuote(db, journey.org_id, input.quoteId);
    const visible = q && q.journey_id === journey.id && (!roomOnly || (q.status !== 'draft' && q.status !== 'superseded'));
    if (!visible) throw invalid('body.quoteId', 'No quote of this journey has that id.');
  }
  if (input.orderId) {
    const o = await findOrder(db, journey.org_id, input.orderId);
    if (!o || o.account_id !== journey.account_id) throw invalid('body.orderId', "No order of the journey's account has that id.");
  }
}

async function openCase(ctx: AppContext, actor: Actor, journey: JourneyRow, author: Author, input: CaseInput): Promise<CaseRow> {
  const tier = await findAccountTier(ctx.store.db, journey.org_id, journey.account_id);
  const priority = priorityOfTier(tier);
  return write(ctx, actor, async (w) => {
    const id = w.id();
    const opened: CaseStep = { kind: 'opened', at: w.at.getTime(), by: author.kind === 'contact' ? 'buyer' : 'seller' };
    const state = replayCase([opened]);
    const row: CaseRow = {
      org_id: journey.org_id,
      id,
      journey_id: journey.id,
      account_id: journey.account_id,
      topic: input.topic,
      description: input.description,
      quote_id: input.quoteId ?? null,
      order_id: input.orderId ?? null,
      priority,
      tier,
      opened_by_kind: author.kind,
      opened_by_contact_id: author.contactId,
      opened_by_user_id: author.userId,
      opened_by_name: author.name,
      opened_at: w.iso,
      updated_at: w.iso,
      checked_in_at: null,
      ...columnsOf(state),
    };
    await insertCase(w.tx, row);
    // The opening's step takes the case's id: a case is opened once.
    await insertCaseStep(w.tx, { org_id: row.org_id, id, case_id: id, kind: 'opened', at: w.iso, by_kind: author.kind, by_id: author.contactId ?? author.userId, by_name: author.name, ...NO_DETAIL });
    await w.audit('case.create', 'case', row.id, null, { id, topic: row.topic, description: row.description, quoteId: row.quote_id, orderId: row.order_id, priority, tier, status: state.status });
    await w.timeline(journey.id, 'case_opened', row.id, { topic: row.topic, priority, openedBy: { kind: author.kind, name: author.name } });
    return row;
  });
}

async function addMessage(ctx: AppContext, actor: Actor, c: CaseRow, author: Author, text: string) {
  return write(ctx, actor, async (w) => {
    // The message has its step's id.
    const { before, after, row: step } = await takeStep(w, c, author, { kind: 'message', ...NO_DETAIL });
    const row: CaseMessageRow = { org_id: c.org_id, id: step.id, case_id: c.id, author_kind: author.kind, author_contact_id: author.contactId, author_user_id: author.userId, author_name: author.name, text, at: w.iso };
    await insertCaseMessage(w.tx, row);
    await w.audit('case_message.create', 'case', c.id, null, messageView(row));
    await w.timeline(c.journey_id, 'case_message', c.id, { topic: c.topic, author: { kind: author.kind, name: author.name }, excerpt: excerpt(text) });
    // A buyer's reply to a proposed, resolved or closed case reopens it (src/domain/cases.ts).
    if (before.status !== after.status && after.status === 'open') {
      await w.audit('case.reopen', 'case', c.id, { status: before.status }, { status: after.status, reopened: after.reopened });
      await w.timeline(c.journey_id, 'case_reopened', c.id, { topic: c.topic, from: before.status });
    }
    return messageView(row);
  });
}

// --- the buyer ---------------------------------------------------------------

const buyer = (p: PortalActor): Author => ({ kind: 'contact', contactId: p.contactId, userId: null, name: p.contactName });

async function roomJourney(ctx: AppContext, p: PortalActor): Promise<JourneyRow> {
  const journey = await findJourney(ctx.store.db, p.orgId, p.journeyId);
  if (!journey) throw new AppError('unauthenticated', 'Open the link in your invitation to enter the room.');
  return journey;
}

/** A case of the room's journey; any other is not found. */
async function roomCase(ctx: AppContext, p: PortalActor, caseId: string): Promise<CaseRow> {
  const c = await findCase(ctx.store.db, p.orgId, caseId);
  if (!c || c.journey_id !== p.journeyId) throw new AppError('not_found', 'No case with that id in this room.');
  return c;
}

async function roomView(ctx: AppContext, orgId: string, row: CaseRow): Promise<CaseView> {
  const [loaded] = await loadCases(ctx.store.db, orgId, [row]);
  return caseView(loaded!, ctx.now().getTime(), 'buyer');
}

/** The buyer raises a case in their own name. */
export async function openRoomCase(ctx: AppContext, p: PortalActor, input: CaseInput): Promise<CaseView> {
  const journey = await roomJourney(ctx, p);
  await checkReferences(ctx.store.db, journey, input, true);
  return roomView(ctx, p.orgId, await openCase(ctx, asActor(p), journey, buyer(p), input));
}

/** The journey's cases, oldest first, each with its messages and steps. */
export async function listRoomCases(ctx: AppContext, p: PortalActor) {
  const db = ctx.store.db;
  const nowMs = ctx.now().getTime();
  return { items: (await loadCases(db, p.orgId, await journeyCases(db, p.orgId, p.journeyId))).map((c) => caseView(c, nowMs, 'buyer')) };
}

/** The buyer writes on a case; on a proposed, resolved or closed case that reopens it. */
export async function postRoomCaseMessage(ctx: AppContext, p: PortalActor, caseId: string, input: { text: string }) {
  return addMessage(ctx, asActor(p), await roomCase(ctx, p, caseId), buyer(p), input.text);
}

/** The buyer accepts the proposal waiting on the case: the only way a case is resolved. */
export async function acceptProposal(ctx: AppContext, p: PortalActor, caseId: string, input: { comment?: string | null | undefined }): Promise<CaseView> {
  return answer(ctx, p, caseId, 'accepted', input.comment?.trim() ? input.comment : null);
}

/** The buyer rejects the proposal waiting on the case, saying why; the case is open again. */
export async function rejectProposal(ctx: AppContext, p: PortalActor, caseId: string, input: { comment: string }): Promise<CaseView> {
  return answer(ctx, p, caseId, 'rejected', input.comment);
}

async function answer(ctx: AppContext, p: PortalActor, caseId: string, kind: 'accepted' | 'rejected', comment: string | null): Promise<CaseView> {
  const c = await roomCase(ctx, p, caseId);
  await write(ctx, asActor(p), async (w) => {
    const { before, after } = await takeStep(w, c, buyer(p), { kind, ...NO_DETAIL, text: comment });
    const proposal = (await caseStepsOf(w.tx, c.org_id, [c.id])).filter((s) => s.kind === 'proposed').at(-1);
    const what = proposal ? { proposalId: proposal.id, resolution: proposal.resolution, amountMinor: proposal.amount_minor === null ? null : Number(proposal.amount_minor), currency: proposal.currency } : {};
    await w.audit(kind === 'accepted' ? 'case.accept' : 'case.reject', 'case', c.id, { status: before.status }, { status: after.status, comment, ...what });
    await w.timeline(c.journey_id, kind === 'accepted' ? 'case_accepted' : 'case_rejected', c.id, { topic: c.topic, comment, ...what });
  });
  return roomView(ctx, p.orgId, (await findCase(ctx.store.db, p.orgId, caseId))!);
}

// --- the seller --------------------------------------------------------------

async function seller(db: Db, actor: Actor): Promise<Author> {
  return { kind: 'user', contactId: null, userId: actor.userId, name: await sellerName(db, actor) };
}

/** A case of the org the actor may write on. Cases stay open to messages after the journey closes. */
async function writableCase(ctx: AppContext, actor: Actor, caseId: string): Promise<CaseRow> {
  const db = ctx.store.db;
  const c = await findCase(db, actor.orgId, caseId);
  if (!c) throw notFound('case');
  requireJourneyWriter(actor, await loadJourney(db, actor, c.journey_id));
  return c;
}

async function sellerViewOf(ctx: AppContext, actor: Actor, caseId: string): Promise<SellerCaseView> {
  const db = ctx.store.db;
  const c = await findCase(db, actor.orgId, caseId);
  if (!c) throw notFound('case');
  const [[loaded], rules] = await Promise.all([loadCases(db, actor.orgId, [c]), caseRules(ctx, db, actor.orgId)]);
  return sellerCaseView(loaded!, rules);
}

/** Seller views of loaded cases, with the rules read once. */
export const sellerViews = (loaded: readonly Loaded[], rules: CaseRules) => loaded.map((c) => sellerCaseView(c, rules));

export async function openJourneyCase(ctx: AppContext, actor: Actor, journeyId: string, input: CaseInput): Promise<SellerCaseView> {
  const db = ctx.store.db;
  const journey = await loadJourney(db, actor, journeyId);
  requireJourneyWriter(actor, journey);
  await checkReferences(db, journey, input, false);
  const row = await openCase(ctx, actor, journey, await seller(db, actor), input);
  return sellerViewOf(ctx, actor, row.id);
}

export async function listJourneyCases(ctx: AppContext, actor: Actor, journeyId: string) {
  const db = ctx.store.db;
  await loadJourney(db, actor, journeyId);
  const [loaded, rules] = await Promise.all([loadCases(db, actor.orgId, await journeyCases(db, actor.orgId, journeyId)), caseRules(ctx, db, actor.orgId)]);
  return { items: sellerViews(loaded, rules) };
}

export const getCase = (ctx: AppContext, actor: Actor, caseId: string): Promise<SellerCaseView> => sellerViewOf(ctx, actor, caseId);

export async function postCaseMessage(ctx: AppContext, actor: Actor, caseId: string, input: { text: string }) {
  const c = await writableCase(ctx, actor, caseId);
  return addMessage(ctx, actor, c, await seller(ctx.store.db, actor), input.text);
}

export interface ProposalInput {
  resolution: ResolutionKind;
  amountMinor?: number | null | undefined;
  currency?: string | null | undefined;
  text: string;
}

/** The seller proposes a resolution; the case waits on the buyer, its resolution clock standing still. */
export async function proposeResolution(ctx: AppContext, actor: Actor, caseId: string, input: ProposalInput): Promise<SellerCaseView> {
  const c = await writableCase(ctx, actor, caseId);
  const author = await seller(ctx.store.db, actor);
  const amountMinor = input.amountMinor ?? null;
  const currency = amountMinor === null ? null : (input.currency ?? 'SEK');
  await write(ctx, actor, async (w) => {
    const { row, before, after } = await takeStep(w, c, author, { kind: 'proposed', resolution: input.resolution, amount_minor: amountMinor, currency, text: input.text });
    const what = { proposalId: row.id, resolution: input.resolution, amountMinor, currency, text: input.text };
    await w.audit('case.propose', 'case', c.id, { status: before.status }, { status: after.status, ...what });
    await w.timeline(c.journey_id, 'case_proposed', c.id, { topic: c.topic, ...what, text: excerpt(input.text) });
  });
  return sellerViewOf(ctx, actor, caseId);
}

/** The seller closes the case without the buyer's agreement, with a written reason: never resolved. */
export async function closeCase(ctx: AppContext, actor: Actor, caseId: string, input: { reason: string }): Promise<SellerCaseView> {
  const c = await writableCase(ctx, actor, caseId);
  const author = await seller(ctx.store.db, actor);
  await write(ctx, actor, async (w) => {
    const { before, after } = await takeStep(w, c, author, { kind: 'closed', ...NO_DETAIL, text: input.reason });
    await w.audit('case.close', 'case', c.id, { status: before.status }, { status: after.status, reason: input.reason });
    await w.timeline(c.journey_id, 'case_closed', c.id, { topic: c.topic, reason: input.reason });
  });
  return sellerViewOf(ctx, actor, caseId);
}

/**
 * The seller records that they checked in with the buyer after an accepted
 * resolution; the check-in leaves Today. Only a resolved case has one to make.
 */
export async function checkIn(ctx: AppContext, actor: Actor, caseId: string, input: { note?: string | null | undefined }): Promise<SellerCaseView> {
  const c = await writableCase(ctx, actor, caseId);
  const author = await seller(ctx.store.db, actor);
  const note = input.note?.trim() ? input.note : null;
  await write(ctx, actor, async (w) => {
    await setCaseColumns(w.tx, c.org_id, c.id, { updated_at: w.iso });
    const state = replayCase(domainSteps(await caseStepsOf(w.tx, c.org_id, [c.id])));
    if (state.status !== 'resolved') throw new AppError('conflict', `Only a resolved case has a check-in to record; this one is ${state.status}.`);
    await insertCaseStep(w.tx, { org_id: c.org_id, id: w.id(), case_id: c.id, kind: 'checked_in', at: w.iso, by_kind: author.kind, by_id: author.userId, by_name: author.name, ...NO_DETAIL, text: note });
    await setCaseColumns(w.tx, c.org_id, c.id, { checked_in_at: w.iso });
    await w.audit('case.check_in', 'case', c.id, { checkedInAt: c.checked_in_at }, { checkedInAt: w.iso, note });
    await w.timeline(c.journey_id, 'case_checked_in', c.id, { topic: c.topic, note });
  });
  return sellerViewOf(ctx, actor, caseId);
}
