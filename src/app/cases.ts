/**
 * Cases — complaints (DESIGN §8), the first slice: the buyer opens one in
 * the room or a seller opens one, about a quote or an order of the journey
 * if they like, and both write messages on it. Every case starts `open`;
 * proposals, resolution by the buyer's acceptance and the targets come with
 * issue 8 and grow the same table.
 *
 * Priority follows the account's loyalty tier when the case is opened, as
 * the first-response targets of DESIGN §8 do: champion → urgent (2 h),
 * loyal → high (4 h), regular → normal (8 h), every other tier (at risk,
 * occasional, new) → low (24 h). The tier is stored with the case.
 */
import type { Tier } from '../domain/loyalty.ts';
import { findAccountTier } from '../store/accounts.ts';
import { findJourney } from '../store/journeys.ts';
import { findOrder } from '../store/orders.ts';
import { caseMessages, findCase, insertCase, insertCaseMessage, journeyCases, updateCase } from '../store/portal-dialogue.ts';
import { findQuote } from '../store/quotes.ts';
import type { CaseMessageRow, CaseRow, JourneyRow } from '../store/schema.ts';
import { write, type Actor, type AppContext, type Db } from './context.ts';
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

const messageView = (m: CaseMessageRow) => ({ id: m.id, author: { kind: m.author_kind as Kind, name: m.author_name }, text: m.text, at: m.at });

const caseView = (c: CaseRow, messages: readonly CaseMessageRow[]) => ({
  id: c.id,
  journeyId: c.journey_id,
  topic: c.topic,
  description: c.description,
  quoteId: c.quote_id,
  orderId: c.order_id,
  status: c.status as 'open',
  priority: c.priority as CasePriority,
  openedBy: { kind: c.opened_by_kind as Kind, name: c.opened_by_name },
  openedAt: c.opened_at,
  firstResponseAt: c.first_response_at,
  messages: messages.map(messageView),
});

/** What the seller sees adds the tier the priority came from. */
const sellerCaseView = (c: CaseRow, messages: readonly CaseMessageRow[]) => ({ ...caseView(c, messages), tier: c.tier });

export type CaseView = ReturnType<typeof caseView>;
export type SellerCaseView = ReturnType<typeof sellerCaseView>;

async function withMessages<T>(db: Db, orgId: string, rows: readonly CaseRow[], view: (c: CaseRow, m: readonly CaseMessageRow[]) => T): Promise<T[]> {
  const messages = await caseMessages(
    db,
    orgId,
    rows.map((r) => r.id),
  );
  return rows.map((r) => view(r, messages.filter((m) => m.case_id === r.id)));
}

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
    const row: CaseRow = {
      org_id: journey.org_id,
      id: w.id(),
      journey_id: journey.id,
      account_id: journey.account_id,
      topic: input.topic,
      description: input.description,
      quote_id: input.quoteId ?? null,
      order_id: input.orderId ?? null,
      status: 'open',
      priority,
      tier,
      opened_by_kind: author.kind,
      opened_by_contact_id: author.contactId,
      opened_by_user_id: author.userId,
      opened_by_name: author.name,
      opened_at: w.iso,
      // As src/domain/cases.ts counts it: a case a seller opens is answered as it opens.
      first_response_at: author.kind === 'user' ? w.iso : null,
      updated_at: w.iso,
    };
    await insertCase(w.tx, row);
    await w.audit('case.create', 'case', row.id, null, caseView(row, []));
    await w.timeline(journey.id, 'case_opened', row.id, { topic: row.topic, priority, openedBy: { kind: author.kind, name: author.name } });
    return row;
  });
}

async function addMessage(ctx: AppContext, actor: Actor, c: CaseRow, author: Author, text: string) {
  return write(ctx, actor, async (w) => {
    const row: CaseMessageRow = {
      org_id: c.org_id,
      id: w.id(),
      case_id: c.id,
      author_kind: author.kind,
      author_contact_id: author.contactId,
      author_user_id: author.userId,
      author_name: author.name,
      text,
      at: w.iso,
    };
    await insertCaseMessage(w.tx, row);
    // The first answer from the seller's side on a case the buyer raised: what the targets of issue 8 measure.
    const firstResponse = author.kind === 'user' && c.opened_by_kind === 'contact' && !c.first_response_at;
    await updateCase(w.tx, c.org_id, c.id, { updated_at: w.iso, ...(firstResponse && { first_response_at: w.iso }) });
    await w.audit('case_message.create', 'case', c.id, null, messageView(row));
    await w.timeline(c.journey_id, 'case_message', c.id, { topic: c.topic, author: { kind: author.kind, name: author.name }, excerpt: excerpt(text) });
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

/** The buyer raises a case in their own name. */
export async function openRoomCase(ctx: AppContext, p: PortalActor, input: CaseInput): Promise<CaseView> {
  const journey = await roomJourney(ctx, p);
  await checkReferences(ctx.store.db, journey, input, true);
  return caseView(await openCase(ctx, asActor(p), journey, buyer(p), input), []);
}

/** The journey's cases, oldest first, each with its messages. */
export async function listRoomCases(ctx: AppContext, p: PortalActor) {
  const db = ctx.store.db;
  return { items: await withMessages(db, p.orgId, await journeyCases(db, p.orgId, p.journeyId), caseView) };
}

export async function postRoomCaseMessage(ctx: AppContext, p: PortalActor, caseId: string, input: { text: string }) {
  return addMessage(ctx, asActor(p), await roomCase(ctx, p, caseId), buyer(p), input.text);
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

export async function openJourneyCase(ctx: AppContext, actor: Actor, journeyId: string, input: CaseInput): Promise<SellerCaseView> {
  const db = ctx.store.db;
  const journey = await loadJourney(db, actor, journeyId);
  requireJourneyWriter(actor, journey);
  await checkReferences(db, journey, input, false);
  return sellerCaseView(await openCase(ctx, actor, journey, await seller(db, actor), input), []);
}

export async function listJourneyCases(ctx: AppContext, actor: Actor, journeyId: string) {
  const db = ctx.store.db;
  await loadJourney(db, actor, journeyId);
  return { items: await withMessages(db, actor.orgId, await journeyCases(db, actor.orgId, journeyId), sellerCaseView) };
}

export async function getCase(ctx: AppContext, actor: Actor, caseId: string): Promise<SellerCaseView> {
  const db = ctx.store.db;
  const c = await findCase(db, actor.orgId, caseId);
  if (!c) throw notFound('case');
  const [view] = await withMessages(db, actor.orgId, [c], sellerCaseView);
  return view!;
}

export async function postCaseMessage(ctx: AppContext, actor: Actor, caseId: string, input: { text: string }) {
  const c = await writableCase(ctx, actor, caseId);
  return addMessage(ctx, actor, c, await seller(ctx.store.db, actor), input.text);
}
