/**
 * Quotes on a journey (DESIGN §6): a draft is priced by the engine at a
 * chosen moment; sent, its prices bind until `validUntil`; the buyer views,
 * accepts (typing the multiple shown when the total is far above what they
 * usually pay) or declines; a newer version sent supersedes the older. An
 * accepted quote never changes: it becomes orders, and meets the journey's
 * `quote_accepted` criterion (`price_explained` once the buyer opened it).
 * `acceptQuote` and `markQuoteViewed` are what the portal will call.
 */
import type { Tier } from '../domain/loyalty.ts';
import { parseConsent, type PricedLine, type PricedQuote } from '../domain/pricing.ts';
import { insertOrder } from '../store/orders.ts';
import { lockJourneyRow } from '../store/journeys.ts';
import { findQuote, insertQuote, journeyQuotes, lastQuoteVersion, moveQuoteRow, quoteLines, replaceQuoteLines, updateQuoteRow } from '../store/quotes.ts';
import { fromJson, toJson } from '../store/json.ts';
import type { QuoteLineRow, QuoteRow } from '../store/schema.ts';
import { write, type Actor, type AppContext, type Db, type Writer } from './context.ts';
import { AppError, invalid, notFound } from './errors.ts';
import { loadJourney, loadWritableJourney } from './journeys.ts';
import { refreshAccountLoyalty } from './loyalty.ts';
import { priceForAccount } from './pricing.ts';

const DAY_MS = 86_400_000;
/** How long a sent quote binds when the seller does not say. */
export const DEFAULT_VALID_DAYS = 30;

export type QuoteStatus = 'draft' | 'sent' | 'viewed' | 'accepted' | 'declined' | 'superseded' | 'expired';

export interface QuoteLineInput {
  productId: string;
  quantity: number;
}

/** A sent or viewed quote past its `valid_until` reads as expired; nothing else changes with time. */
function statusOf(q: QuoteRow, now: Date): QuoteStatus {
  if ((q.status === 'sent' || q.status === 'viewed') && q.valid_until !== null && q.valid_until < now.toISOString()) return 'expired';
  return q.status as QuoteStatus;
}

const multipleText = (tenths: number) => ({ sv: (tenths / 10).toFixed(1).replace('.', ','), en: (tenths / 10).toFixed(1) });

function quoteView(q: QuoteRow, lines: readonly QuoteLineRow[], now: Date) {
  const total = Number(q.total_minor);
  const vat = Number(q.vat_minor);
  return {
    id: q.id,
    journeyId: q.journey_id,
    accountId: q.account_id,
    version: q.version,
    status: statusOf(q, now),
    tier: q.tier as Tier,
    currency: q.currency,
    pricedAt: q.priced_at,
    validUntil: q.valid_until,
    totalMinor: total,
    vatMinor: vat,
    grossMinor: total + vat,
    referenceTotalMinor: Number(q.reference_total_minor),
    consent: {
      required: q.consent_required === 1,
      threshold: q.consent_threshold_bp / 10_000,
      multiplier: q.consent_multiplier_tenths === null ? null : multipleText(q.consent_multiplier_tenths),
    },
    lines: lines.map((l) => fromJson<PricedLine>(l.priced)!),
    sentAt: q.sent_at,
    viewedAt: q.viewed_at,
    acceptedAt: q.accepted_at,
    acceptedBy: fromJson<{ name: string; contactId?: string; userId?: string | null; consentTyped?: string }>(q.accepted_by),
    declinedAt: q.declined_at,
    declineReason: q.decline_reason,
    supersededBy: q.superseded_by,
    createdAt: q.created_at,
    updatedAt: q.updated_at,
  };
}

export type QuoteView = ReturnType<typeof quoteView>;

/** A quote with its lines, read through `db`: inside a write, its transaction (SQLite has one connection, and it is taken). */
async function viewOf(ctx: AppContext, q: QuoteRow, db: Db = ctx.store.db) {
  return quoteView(q, await quoteLines(db, q.org_id, q.id), ctx.now());
}

async function loadQuote(ctx: AppContext, actor: Actor, id: string): Promise<QuoteRow> {
  const q = await findQuote(ctx.store.db, actor.orgId, id);
  if (!q) throw notFound('quote');
  return q;
}

/** The columns a pricing fills, and the lines. */
function pricedColumns(quote: PricedQuote, tier: Tier) {
  return {
    tier,
    currency: quote.currency,
    priced_at: quote.at,
    total_minor: quote.totalMinor,
    vat_minor: quote.vatMinor,
    reference_total_minor: quote.referenceTotalMinor,
    consent_required: quote.consent.required ? 1 : 0,
    consent_threshold_bp: quote.consent.thresholdBp,
    consent_multiplier_tenths: quote.consent.multiplierTenths,
  };
}

const lineRows = (orgId: string, quoteId: string, quote: PricedQuote) =>
  quote.lines.map((l, position) => ({ org_id: orgId, quote_id: quoteId, position, product_id: l.productId, quantity: l.quantity, priced: toJson(l) }));

function checkMoment(at: string | undefined, now: Date): Date {
  return at ? new Date(at) : now;
}

/** The rows of a new draft quote (version `version`) priced as `quote`: made here and by the demo. */
export function draftQuoteRows(w: Writer, journey: { id: string; account_id: string }, version: number, tier: Tier, quote: PricedQuote) {
  const row: QuoteRow = {
    org_id: w.actor.orgId,
    id: w.id(),
    journey_id: journey.id,
    account_id: journey.account_id,
    version,
    status: 'draft',
    ...pricedColumns(quote, tier),
    valid_until: null,
    sent_at: null,
    viewed_at: null,
    accepted_at: null,
    accepted_by: null,
    declined_at: null,
    decline_reason: null,
    superseded_by: null,
    created_by: w.actor.userId,
    created_at: w.iso,
    updated_at: w.iso,
  };
  return { row, lines: lineRows(w.actor.orgId, row.id, quote) };
}

/** Stores a new draft with its audit entry and timeline entry. */
export async function insertDraftQuote(w: Writer, rows: ReturnType<typeof draftQuoteRows>, quote: PricedQuote): Promise<void> {
  await insertQuote(w.tx, rows.row);
  await replaceQuoteLines(w.tx, w.actor.orgId, rows.row.id, rows.lines);
  await w.audit('quote.create', 'quote', rows.row.id, null, { version: rows.row.version, totalMinor: quote.totalMinor });
  await w.timeline(rows.row.journey_id, 'quote_drafted', rows.row.id, { version: rows.row.version, totalMinor: quote.totalMinor, currency: quote.currency });
}

/** A draft quote on the journey, priced at `at` (default now) for the journey's account as its tier stands. */
export async function createQuote(ctx: AppContext, actor: Actor, journeyId: string, input: { lines: QuoteLineInput[]; at?: string | undefined }) {
  const journey = await loadWritableJourney(ctx.store.db, actor, journeyId);
  const at = checkMoment(input.at, ctx.now());
  const { tier, quote } = await priceForAccount(ctx, actor, journey.account_id, input.lines, at);
  return write(ctx, actor, async (w) => {
    const rows = draftQuoteRows(w, journey, (await lastQuoteVersion(w.tx, actor.orgId, journey.id)) + 1, tier, quote);
    await insertDraftQuote(w, rows, quote);
    return quoteView(rows.row, rows.lines as QuoteLineRow[], ctx.now());
  });
}

/** Prices a draft again: new lines, or the same at another moment. */
export async function updateQuote(ctx: AppContext, actor: Actor, id: string, input: { lines?: QuoteLineInput[] | undefined; at?: string | undefined }) {
  const before = await loadQuote(ctx, actor, id);
  await loadWritableJourney(ctx.store.db, actor, before.journey_id);
  if (before.status !== 'draft') throw new AppError('conflict', `Only a draft can be changed; this quote is ${statusOf(before, ctx.now())}. Make a new version instead.`);
  const lines = input.lines ?? (await quoteLines(ctx.store.db, actor.orgId, id)).map((l) => ({ productId: l.product_id, quantity: Number(l.quantity) }));
  const at = input.at ? new Date(input.at) : new Date(before.priced_at);
  const { tier, quote } = await priceForAccount(ctx, actor, before.account_id, lines, at);
  return write(ctx, actor, async (w) => {
    const set = { ...pricedColumns(quote, tier), updated_at: w.iso };
    await updateQuoteRow(w.tx, actor.orgId, id, set);
    const rows = lineRows(actor.orgId, id, quote);
    await replaceQuoteLines(w.tx, actor.orgId, id, rows);
    await w.audit('quote.update', 'quote', id, { totalMinor: Number(before.total_minor) }, { totalMinor: quote.totalMinor });
    return quoteView({ ...before, ...set }, rows as QuoteLineRow[], ctx.now());
  });
}

/** The statuses a quote is answered from; the row is moved on only from these, so one answer wins. */
const ANSWERABLE = ['sent', 'viewed'] as const;
const answeredMeanwhile = () => new AppError('conflict', 'This quote was answered a moment ago by someone else; read it again.');

/**
 * Sends a draft: its prices now bind until `validUntil` (default 30 days).
 * Older versions the buyer still has open are superseded by it.
 */
export async function sendQuote(ctx: AppContext, actor: Actor, id: string, input: { validUntil?: string | undefined }) {
  const before = await loadQuote(ctx, actor, id);
  await loadWritableJourney(ctx.store.db, actor, before.journey_id);
  if (before.status !== 'draft') throw new AppError('conflict', `This quote was already ${statusOf(before, ctx.now())}; only a draft can be sent.`);
  const now = ctx.now();
  const validUntil = input.validUntil ? new Date(input.validUntil) : new Date(now.getTime() + DEFAULT_VALID_DAYS * DAY_MS);
  if (validUntil <= now) throw invalid('body.validUntil', 'must be in the future');
  return write(ctx, actor, async (w) => {
    // The journey's lock first: a buyer answering an older version meanwhile is either done before this or waits for it.
    await lockJourneyRow(w.tx, actor.orgId, before.journey_id);
    const set = { status: 'sent', sent_at: w.iso, valid_until: validUntil.toISOString(), updated_at: w.iso };
    if (!(await moveQuoteRow(w.tx, actor.orgId, id, ['draft'], set))) throw new AppError('conflict', 'This quote was sent a moment ago by someone else; read it again.');
    for (const older of await journeyQuotes(w.tx, actor.orgId, before.journey_id)) {
      if (older.id !== id) await moveQuoteRow(w.tx, actor.orgId, older.id, ANSWERABLE, { status: 'superseded', superseded_by: id, updated_at: w.iso });
    }
    await w.audit('quote.send', 'quote', id, { status: 'draft' }, { status: 'sent', validUntil: set.valid_until });
    await w.timeline(before.journey_id, 'quote_sent', id, { version: before.version, totalMinor: Number(before.total_minor), currency: before.currency, validUntil: set.valid_until });
    return viewOf(ctx, { ...before, ...set }, w.tx);
  });
}

/** Records that the buyer opened a sent quote (the portal calls this): the journey's `price_explained` is met. */
export async function markQuoteViewed(ctx: AppContext, actor: Actor, id: string) {
  const before = await loadQuote(ctx, actor, id);
  if (before.status !== 'sent') return viewOf(ctx, before);
  const viewed = await write(ctx, actor, async (w) => {
    const set = { status: 'viewed', viewed_at: w.iso, updated_at: w.iso };
    // Answered meanwhile: the answer stands, and opening it is no news.
    if (!(await moveQuoteRow(w.tx, actor.orgId, id, ['sent'], set))) return null;
    await w.audit('quote.view', 'quote', id, { status: 'sent' }, { status: 'viewed' });
    await w.timeline(before.journey_id, 'quote_viewed', id, { version: before.version });
    return viewOf(ctx, { ...before, ...set }, w.tx);
  });
  return viewed ?? viewOf(ctx, await loadQuote(ctx, actor, id));
}

/** Who accepted: a named person, and what they typed when consent was asked. */
export interface Acceptance {
  name: string;
  contactId?: string | null | undefined;
  consent?: string | null | undefined;
}

function openForAnswer(q: QuoteRow, now: Date): void {
  const status = statusOf(q, now);
  if (status === 'expired') throw new AppError('conflict', `This quote was valid until ${q.valid_until?.slice(0, 10)}; ask for a new one.`);
  if (status !== 'sent' && status !== 'viewed') throw new AppError('conflict', `This quote is ${status}; only a sent quote can be accepted or declined.`);
}

/**
 * Accepts a sent quote at its bound prices. When the total is more than the
 * consent threshold times what the buyer usually pays, the buyer must type
 * the multiple shown (`1,8`). The quote then never changes; each line
 * becomes an order of the account, and its loyalty moves at once.
 */
export async function acceptQuote(ctx: AppContext, actor: Actor, id: string, input: Acceptance) {
  const before = await loadQuote(ctx, actor, id);
  await loadJourney(ctx.store.db, actor, before.journey_id);
  openForAnswer(before, ctx.now());
  if (before.consent_required === 1) {
    const shown = before.consent_multiplier_tenths!;
    const typed = input.consent ? parseConsent(input.consent) : null;
    if (typed !== shown) {
      const m = multipleText(shown);
      throw invalid('body.consent', `This price is ${m.en} times what you usually pay: type ${m.en} to accept it.`);
    }
  }
  const lines = await quoteLines(ctx.store.db, actor.orgId, id);
  return write(ctx, actor, async (w) => {
    const acceptedBy = { name: input.name.trim(), contactId: input.contactId ?? undefined, userId: actor.userId, consentTyped: input.consent?.trim() || undefined };
    const set = { status: 'accepted', accepted_at: w.iso, accepted_by: toJson(acceptedBy), updated_at: w.iso };
    await lockJourneyRow(w.tx, actor.orgId, before.journey_id);
    if (!(await moveQuoteRow(w.tx, actor.orgId, id, ANSWERABLE, set))) throw answeredMeanwhile();
    await makeOrders(w, before, lines);
    await w.audit('quote.accept', 'quote', id, { status: before.status }, { status: 'accepted', acceptedBy });
    await w.timeline(before.journey_id, 'quote_accepted', id, { version: before.version, totalMinor: Number(before.total_minor), currency: before.currency, by: acceptedBy.name });
    await refreshAccountLoyalty(ctx, w, before.account_id);
    return quoteView({ ...before, ...set }, lines, ctx.now());
  });
}

/** One order per line, at the bound price, dated the moment of acceptance. */
async function makeOrders(w: Writer, q: QuoteRow, lines: readonly QuoteLineRow[]) {
  for (const l of lines) {
    const priced = fromJson<PricedLine>(l.priced)!;
    await insertOrder(w.tx, {
      org_id: q.org_id,
      id: w.id(),
      account_id: q.account_id,
      ordered_at: w.iso,
      product: priced.names.sv,
      quantity: priced.quantity,
      amount_minor: priced.lineTotalMinor,
      currency: q.currency,
      external_id: null,
      import_id: null,
      product_id: priced.productId,
      quote_id: q.id,
      created_at: w.iso,
      updated_at: w.iso,
    });
  }
}

export async function declineQuote(ctx: AppContext, actor: Actor, id: string, input: { reason?: string | null | undefined }) {
  const before = await loadQuote(ctx, actor, id);
  await loadJourney(ctx.store.db, actor, before.journey_id);
  openForAnswer(before, ctx.now());
  return write(ctx, actor, async (w) => {
    const set = { status: 'declined', declined_at: w.iso, decline_reason: input.reason?.trim() || null, updated_at: w.iso };
    await lockJourneyRow(w.tx, actor.orgId, before.journey_id);
    if (!(await moveQuoteRow(w.tx, actor.orgId, id, ANSWERABLE, set))) throw answeredMeanwhile();
    await w.audit('quote.decline', 'quote', id, { status: before.status }, { status: 'declined', reason: set.decline_reason });
    await w.timeline(before.journey_id, 'quote_declined', id, { version: before.version, reason: set.decline_reason });
    return viewOf(ctx, { ...before, ...set }, w.tx);
  });
}

export async function getQuote(ctx: AppContext, actor: Actor, id: string) {
  return viewOf(ctx, await loadQuote(ctx, actor, id));
}

export async function listJourneyQuotes(ctx: AppContext, actor: Actor, journeyId: string) {
  await loadJourney(ctx.store.db, actor, journeyId);
  return { items: await quoteViews(ctx, await journeyQuotes(ctx.store.db, actor.orgId, journeyId)) };
}

/** Quote rows already read, each with its lines: for a caller that has checked who may see them. */
export const quoteViews = (ctx: AppContext, rows: readonly QuoteRow[]) => Promise.all(rows.map((q) => viewOf(ctx, q)));
