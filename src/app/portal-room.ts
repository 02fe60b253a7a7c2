/**
 * The buyer's room, the shared work (DESIGN §5): the plan is both sides',
 * each member of the buying group has their own say (criteria, concerns,
 * sign-off), a buyer confirms a stage criterion, declines a quote, invites a
 * colleague, and follows the plan in their calendar.
 *
 * A buyer acts as `asActor(p)` (kind `portal`): every write leaves a timeline
 * entry on the journey, marked `buyer`, so the seller's open page hears it.
 * A buyer reaches only the session's journey: every id is looked up within it.
 */
import { isClosed, nextConcernStatus } from '../domain/journey.ts';
import { emailKey } from '../domain/email.ts';
import { findStage, isDerived, type Locale } from '../domain/process.ts';
import { nameKey } from '../domain/swedish.ts';
import type { ConcernStatus, ConcernTopic, JourneyStatus } from '../domain/vocabulary.ts';
import { findContact, insertContact, listContacts } from '../store/accounts.ts';
import {
  findConcern,
  findJourney,
  findPlanStep,
  insertConcern,
  listConcerns,
  listPlanSteps,
  updateConcern,
  updateJourney,
  upsertCriterion,
} from '../store/journeys.ts';
import { findOrg } from '../store/orgs.ts';
import { hasLiveInvite } from '../store/portal.ts';
import {
  deleteMemberCriterion,
  findCalendarFeed,
  findMemberCriterion,
  hasCalendarFeed,
  insertMemberCriterion,
  listMemberCriteria,
  listSignOffs,
  replaceCalendarFeed,
  upsertConfirmation,
  upsertSignOff,
} from '../store/portal-room.ts';
import type { ConcernRow, ContactRow, JourneyRow, PlanStepRow } from '../store/schema.ts';
import { findTemplate } from '../store/templates.ts';
import { findUser } from '../store/users.ts';
import { type Actor, type AppContext, type Db, write } from './context.ts';
import { AppError, invalid } from './errors.ts';
import { getJourney, loadJourney } from './journeys.ts';
import { newSecret, sha256 } from './passwords.ts';
import { changePlanStep, insertStep } from './plan.ts';
import { asActor, mailInvite, makeInvite, pack, rateLimited, unpack, type PortalActor, type PortalInviteMade, type PortalLimits } from './portal.ts';
import { FailureLimiter } from './rate-limit.ts';
import { concernView, contactView, templateDef } from './views.ts';

// ——— reading ———

/** The session's journey; gone means the room is gone. */
async function roomJourney(db: Db, p: PortalActor): Promise<JourneyRow> {
  const row = await findJourney(db, p.orgId, p.journeyId);
  if (!row) throw new AppError('not_found', 'This room is no longer there.');
  return row;
}

/** The session's journey, open for the buyer's work: a closed journey's room is read-only. */
export async function openRoomJourney(db: Db, p: PortalActor): Promise<JourneyRow> {
  const row = await roomJourney(db, p);
  if (isClosed(row.status as JourneyStatus)) throw new AppError('journey_closed', `The journey was ${row.status} on ${row.closed_at?.slice(0, 10)}; the room can be read but no longer changed.`);
  return row;
}

const buyingGroup = (db: Db, orgId: string, accountId: string) => listContacts(db, orgId, { accountId, limit: 200 });

export type Person = { kind: 'contact' | 'user'; id: string; name: string };

/** Who a step may be assigned to: the buying group and the journey's owner. */
const peopleOf = (group: readonly ContactRow[], owner: { id: string; name: string } | null): Person[] => [
  ...group.map((c) => ({ kind: 'contact' as const, id: c.id, name: c.name })),
  ...(owner ? [{ kind: 'user' as const, id: owner.id, name: owner.name }] : []),
];

export type SignOffState = 'ready' | 'not_yet';

type SayConcern = Pick<ReturnType<typeof concernView>, 'id' | 'topic' | 'text' | 'status' | 'answer' | 'contactId'>;

/**
 * Each member's say and how many are ready; `you` is the buyer asking, or
 * null for the seller. `known` concerns (the journey view's) save reading them again.
 */
async function sayOf(db: Db, orgId: string, journeyId: string, group: readonly ContactRow[], you: string | null, known?: readonly SayConcern[]) {
  const [signOffs, criteria, concerns] = await Promise.all([
    listSignOffs(db, orgId, journeyId),
    listMemberCriteria(db, orgId, journeyId),
    known ?? listConcerns(db, orgId, journeyId).then((rows) => rows.map(concernView)),
  ]);
  const members = group.map((c) => {
    const s = signOffs.find((x) => x.contact_id === c.id);
    return {
      contactId: c.id,
      name: c.name,
      title: c.title,
      buyingRole: c.buying_role,
      you: c.id === you,
      criteria: criteria.filter((x) => x.contact_id === c.id).map((x) => ({ id: x.id, text: x.text })),
      concerns: concerns.filter((x) => x.contactId === c.id).map(memberConcern),
      signOff: s ? { state: s.state as SignOffState, reason: s.reason, at: s.at } : null,
    };
  });
  return { ready: members.filter((m) => m.signOff?.state === 'ready').length, total: group.length, members };
}

export type Say = Awaited<ReturnType<typeof sayOf>>;
export type SayMember = Say['members'][number];

const memberConcern = (c: SayConcern) => ({ id: c.id, topic: c.topic, text: c.text, status: c.status, answer: c.answer });

/** What GET /room adds for the shared work: people, each member's say, the calendar feed. */
export async function roomShared(db: Db, p: PortalActor, group: readonly ContactRow[], owner: { id: string; name: string } | null, concerns?: readonly SayConcern[]) {
  const [say, hasFeed] = await Promise.all([sayOf(db, p.orgId, p.journeyId, group, p.contactId, concerns), hasCalendarFeed(db, p.orgId, p.journeyId, p.contactId)]);
  return { people: peopleOf(group, owner), say, calendar: { hasFeed } };
}

/** The journey view's criteria as the room shows them: what the buyer may confirm, and who did. */
export const roomCriteria = (criteria: readonly { key: string; text: string; met: boolean; derived: boolean; confirmedBy: { name: string } | null }[]) =>
  criteria.map((c) => ({ key: c.key, text: c.text, met: c.met, confirmable: !c.derived && !c.met, confirmedBy: c.confirmedBy }));

/** The seller's view of each member's say. */
export async function getSay(ctx: AppContext, actor: Actor, journeyId: string): Promise<Say> {
  const db = ctx.store.db;
  const row = await loadJourney(db, actor, journeyId);
  return sayOf(db, actor.orgId, row.id, await buyingGroup(db, actor.orgId, row.account_id), null);
}

// ——— the plan ———

export type StepOwner = { userId: string } | { contactId: string };

/** A step's owner must be someone in the room: a member of the buying group or the journey's owner. */
async function ownerColumns(db: Db, p: PortalActor, journey: JourneyRow, owner: StepOwner) {
  if ('userId' in owner) {
    if (owner.userId !== journey.owner_id) throw invalid('body.owner.userId', "Assign the step to someone in the room: a member of the buying group or the journey's seller.");
    return { owner_user_id: owner.userId, owner_contact_id: null };
  }
  const c = await findContact(db, p.orgId, owner.contactId);
  if (!c || c.account_id !== journey.account_id) throw invalid('body.owner.contactId', "Assign the step to someone in the room: a member of the buying group or the journey's seller.");
  return { owner_user_id: null, owner_contact_id: owner.contactId };
}

/** A step as the room shows it: its owner named. */
async function roomStep(db: Db, orgId: string, s: PlanStepRow) {
  const owner = s.owner_contact_id
    ? { kind: 'contact' as const, id: s.owner_contact_id, name: (await findContact(db, orgId, s.owner_contact_id))?.name ?? null }
    : s.owner_user_id
      ? { kind: 'user' as const, id: s.owner_user_id, name: (await findUser(db, orgId, s.owner_user_id))?.name ?? null }
      : null;
  return { id: s.id, title: s.title, position: s.position, owner, dueDate: s.due_date, done: s.done_at !== null, doneAt: s.done_at };
}

export interface RoomStepInput {
  title: string;
  owner: StepOwner;
  dueDate?: string | null | undefined;
}

export async function portalAddPlanStep(ctx: AppContext, p: PortalActor, input: RoomStepInput) {
  const db = ctx.store.db;
  const journey = await openRoomJourney(db, p);
  const owner = await ownerColumns(db, p, journey, input.owner);
  const row = await write(ctx, asActor(p), (w) => insertStep(w, journey.id, input, owner));
  return roomStep(db, p.orgId, row);
}

export interface RoomStepPatch {
  title?: string | undefined;
  owner?: StepOwner | undefined;
  dueDate?: string | null | undefined;
  done?: boolean | undefined;
}

export async function portalEditPlanStep(ctx: AppContext, p: PortalActor, stepId: string, patch: RoomStepPatch) {
  const db = ctx.store.db;
  const journey = await openRoomJourney(db, p);
  const before = await findPlanStep(db, p.orgId, journey.id, stepId);
  if (!before) throw new AppError('not_found', 'No plan step with that id in this room.');
  const owner = patch.owner ? await ownerColumns(db, p, journey, patch.owner) : {};
  const after = await write(ctx, asActor(p), (w) => changePlanStep(w, before, patch, owner));
  return roomStep(db, p.orgId, after);
}

// ——— each member's say ———

async function yourMember(db: Db, p: PortalActor, journey: JourneyRow): Promise<SayMember> {
  const say = await sayOf(db, p.orgId, journey.id, await buyingGroup(db, p.orgId, journey.account_id), p.contactId);
  const you = say.members.find((m) => m.you);
  if (!you) throw new AppError('forbidden', "You are no longer in this journey's buying group; ask the seller.");
  return you;
}

/** The buyer is in the journey's buying group (a contact of its account), or may not speak for it. */
async function requireMember(db: Db, p: PortalActor, journey: JourneyRow): Promise<void> {
  const c = await findContact(db, p.orgId, p.contactId);
  if (!c || c.account_id !== journey.account_id) throw new AppError('forbidden', "You are no longer in this journey's buying group; ask the seller.");
}

/** The buyer's sign-off: `ready`, or `not_yet` with the reason (the route asks for it). */
export async function portalSignOff(ctx: AppContext, p: PortalActor, input: { state: SignOffState; reason?: string | null | undefined }) {
  const db = ctx.store.db;
  const journey = await openRoomJourney(db, p);
  await requireMember(db, p, journey);
  const reason = input.state === 'not_yet' ? (input.reason?.trim() ?? '') : null;
  if (input.state === 'not_yet' && !reason) throw invalid('body.reason', 'Say what is still missing: a reason is needed for not yet.');
  await write(ctx, asActor(p), async (w) => {
    const before = (await listSignOffs(w.tx, p.orgId, journey.id)).find((x) => x.contact_id === p.contactId);
    await upsertSignOff(w.tx, { org_id: p.orgId, journey_id: journey.id, contact_id: p.contactId, state: input.state, reason, at: w.iso });
    await w.timeline(journey.id, 'member_signed_off', p.contactId, { name: p.contactName, state: input.state, reason });
    const audited = (x: { state: string; reason: string | null }) => ({ contactId: p.contactId, state: x.state, reason: x.reason });
    await w.audit('sign_off.set', 'journey', journey.id, before ? audited(before) : null, audited({ state: input.state, reason }));
  });
  return yourMember(db, p, journey);
}

export async function portalAddMyCriterion(ctx: AppContext, p: PortalActor, input: { text: string }) {
  const db = ctx.store.db;
  const journey = await openRoomJourney(db, p);
  await requireMember(db, p, journey);
  return write(ctx, asActor(p), async (w) => {
    const row = { org_id: p.orgId, id: w.id(), journey_id: journey.id, contact_id: p.contactId, text: input.text.trim(), created_at: w.iso };
    await insertMemberCriterion(w.tx, row);
    await w.timeline(journey.id, 'member_criterion_added', row.id, { name: p.contactName, text: row.text });
    await w.audit('member_criterion.create', 'journey', journey.id, null, { id: row.id, contactId: p.contactId, text: row.text });
    return { id: row.id, text: row.text };
  });
}

/** Removes one of the buyer's own criteria; anyone else's is not found. */
export async function portalRemoveMyCriterion(ctx: AppContext, p: PortalActor, id: string): Promise<void> {
  const db = ctx.store.db;
  const journey = await openRoomJourney(db, p);
  const row = await findMemberCriterion(db, p.orgId, journey.id, id);
  if (!row || row.contact_id !== p.contactId) throw new AppError('not_found', 'No criterion of yours with that id in this room.');
  await write(ctx, asActor(p), async (w) => {
    await deleteMemberCriterion(w.tx, p.orgId, id);
    await w.timeline(journey.id, 'member_criterion_removed', id, { name: p.contactName, text: row.text });
    await w.audit('member_criterion.delete', 'journey', journey.id, { id, contactId: p.contactId, text: row.text }, null);
  });
}

/** A concern raised in the buyer's own name. */
export async function portalRaiseConcern(ctx: AppContext, p: PortalActor, input: { topic: ConcernTopic; text: string }) {
  const db = ctx.store.db;
  const journey = await openRoomJourney(db, p);
  await requireMember(db, p, journey);
  return write(ctx, asActor(p), async (w) => {
    const row: ConcernRow = {
      org_id: p.orgId,
      id: w.id(),
      journey_id: journey.id,
      topic: input.topic,
      text: input.text.trim(),
      blocking: 0,
      status: 'open',
      answer: null,
      contact_id: p.contactId,
      raised_by: null,
      raised_at: w.iso,
      answered_at: null,
      closed_at: null,
    };
    await insertConcern(w.tx, row);
    await w.timeline(journey.id, 'concern_raised', row.id, { topic: row.topic, text: row.text, blocking: false });
    await w.audit('concern.raise', 'concern', row.id, null, concernView(row));
    return memberConcern(concernView(row));
  });
}

/** The buyer accepts the answer to a concern of their own. */
export async function portalAcceptConcern(ctx: AppContext, p: PortalActor, concernId: string) {
  const db = ctx.store.db;
  const journey = await openRoomJourney(db, p);
  const before = await findConcern(db, p.orgId, journey.id, concernId);
  if (!before || before.contact_id !== p.contactId) throw new AppError('not_found', 'No concern of yours with that id in this room.');
  const status = nextConcernStatus(before.status as ConcernStatus, 'accept');
  if (!status) throw new AppError('conflict', `This concern is ${before.status}; only an answered concern can be accepted.`);
  return write(ctx, asActor(p), async (w) => {
    const set = { status, closed_at: w.iso };
    await updateConcern(w.tx, p.orgId, concernId, set);
    const after = { ...before, ...set };
    await w.timeline(journey.id, 'concern_accepted', concernId, { topic: before.topic, text: before.text, answer: before.answer });
    await w.audit('concern.accept', 'concern', concernId, concernView(before), concernView(after));
    return memberConcern(concernView(after));
  });
}

/**
 * A buyer confirms a criterion of the journey's current stage: it is met,
 * with their name on it. Computed criteria and met ones are not theirs to confirm.
 */
export async function portalConfirmCriterion(ctx: AppContext, p: PortalActor, key: string, input: { evidence?: string | null | undefined }, locale: Locale) {
  const db = ctx.store.db;
  const journey = await openRoomJourney(db, p);
  await requireMember(db, p, journey);
  const t = await findTemplate(db, p.orgId, journey.template_id);
  const def = t ? findStage(templateDef(t), journey.stage)?.criteria.find((c) => c.key === key) : undefined;
  if (!def) throw new AppError('not_found', `"${key}" is not a criterion of the journey's current stage.`);
  if (isDerived(key)) throw new AppError('derived_criterion', `"${key}" follows from what happens in the journey (${def.text[locale]}); it cannot be confirmed by hand.`);
  const view = await getJourney(ctx, asActor(p), journey.id, locale);
  if (view.criteria.find((c) => c.key === key)?.met) throw new AppError('conflict', `"${def.text[locale]}" is already met.`);
  // Evidence is the seller's record: in the org's language, whatever the buyer reads.
  const orgLocale = (await findOrg(db, p.orgId))?.locale === 'en' ? 'en' : 'sv';
  const evidence = input.evidence?.trim() || (orgLocale === 'en' ? `Confirmed by ${p.contactName} in the buyer's room` : `Bekräftat av ${p.contactName} i köparens rum`);
  await write(ctx, asActor(p), async (w) => {
    const met = { org_id: p.orgId, journey_id: journey.id, stage: journey.stage, criterion_key: key, evidence, met_at: w.iso, met_by: null };
    await upsertCriterion(w.tx, met);
    await upsertConfirmation(w.tx, { org_id: p.orgId, journey_id: journey.id, stage: journey.stage, criterion_key: key, contact_id: p.contactId, confirmed_at: w.iso });
    await updateJourney(w.tx, p.orgId, journey.id, { updated_at: w.iso });
    await w.timeline(journey.id, 'criterion_met', journey.id, { stage: journey.stage, key, text: def.text, evidence });
    await w.audit('criterion.confirm', 'journey', journey.id, null, { ...met, contactId: p.contactId });
  });
  return roomCriteria((await getJourney(ctx, asActor(p), journey.id, locale)).criteria);
}

// ——— colleagues ———

const colleagueLimiter = (limits: PortalLimits) => (limits.colleaguesPerBuyer ??= new FailureLimiter(10, 60 * 60_000));

/**
 * A buyer invites a colleague: the account's contact with that e-mail, or a
 * new contact of the account. The link is mailed to the colleague when mail
 * is on, and never given to the buyer who invites: with it they could act in
 * the room as that colleague (sign off, accept the quote in their name).
 * Without mail, the seller passes a link on.
 */
export async function portalInviteColleague(
  ctx: AppContext,
  p: PortalActor,
  limits: PortalLimits,
  input: { name: string; email: string; title?: string | null | undefined },
  opts: { baseUrl?: string } = {},
): Promise<{ contact: { id: string; name: string }; mailed: boolean; mailError?: string }> {
  const db = ctx.store.db;
  const journey = await openRoomJourney(db, p);
  await requireMember(db, p, journey);
  const limiter = colleagueLimiter(limits);
  const nowMs = ctx.now().getTime();
  const who = `${p.orgId}:${p.contactId}`;
  rateLimited(limiter, who, nowMs, 'invitations');
  limiter.fail(who, nowMs);
  const actor = asActor(p);
  const key = emailKey(input.email);
  const { made, contact } = await write(ctx, actor, async (w) => {
    const known = await w.tx
      .selectFrom('contacts')
      .selectAll()
      .where('org_id', '=', p.orgId)
      .where('account_id', '=', journey.account_id)
      .where('email_key', '=', key)
      .orderBy('id')
      .executeTakeFirst();
    let contact: ContactRow | undefined = known;
    if (!contact) {
      contact = {
        org_id: p.orgId,
        id: w.id(),
        account_id: journey.account_id,
        name: input.name.trim(),
        name_key: nameKey(input.name),
        email: input.email.trim(),
        email_key: key,
        phone: null,
        title: input.title?.trim() || null,
        buying_role: 'unknown',
        created_at: w.iso,
        updated_at: w.iso,
      };
      await insertContact(w.tx, contact);
      await w.audit('contact.create', 'contact', contact.id, null, contactView(contact));
    }
    return { made: await makeInvite(w, journey, contact), contact };
  });
  const sent: PortalInviteMade = await mailInvite(ctx, actor, made, { title: journey.title, contact, baseUrl: opts.baseUrl });
  return { contact: { id: contact.id, name: contact.name }, mailed: sent.mailed, ...(sent.mailError && { mailError: sent.mailError }) };
}

// ——— the calendar feed ———

export const CALENDAR_PATH = '/api/portal/v1/calendar/';

/** A new calendar-feed address for the buyer, shown this once; the earlier one stops working. */
export async function portalMakeCalendarFeed(ctx: AppContext, p: PortalActor, opts: { baseUrl?: string } = {}) {
  const db = ctx.store.db;
  const journey = await roomJourney(db, p);
  const secret = newSecret();
  await write(ctx, asActor(p), async (w) => {
    await replaceCalendarFeed(w.tx, { org_id: p.orgId, token_hash: sha256(secret), journey_id: journey.id, contact_id: p.contactId, created_at: w.iso });
    await w.timeline(journey.id, 'calendar_feed_made', p.contactId, { name: p.contactName });
    await w.audit('calendar_feed.create', 'journey', journey.id, null, { contactId: p.contactId });
  });
  return { url: `${(opts.baseUrl ?? '').replace(/\/+$/, '')}${CALENDAR_PATH}${pack(p.orgId, secret)}` };
}

/**
 * The feed behind a calendar address: its plan as ICS. Unknown addresses are
 * not found; a feed stops with its buyer's way into the room (no live invite
 * to the journey any more, or no longer of the journey's account).
 */
export async function calendarFeedIcs(ctx: AppContext, token: string, asked: Locale | null): Promise<string> {
  const db = ctx.store.db;
  const t = unpack(token);
  const feed = t ? await findCalendarFeed(db, t.orgId, sha256(t.secret)) : undefined;
  if (!t || !feed) throw new AppError('not_found', 'No calendar feed at this address: it may have been replaced by a newer one. Make a new one in the room.');
  const [journey, contact] = await Promise.all([findJourney(db, t.orgId, feed.journey_id), findContact(db, t.orgId, feed.contact_id)]);
  if (!journey) throw new AppError('not_found', 'No calendar feed at this address: it may have been replaced by a newer one. Make a new one in the room.');
  if (!contact || contact.account_id !== journey.account_id || !(await hasLiveInvite(db, t.orgId, journey.id, contact.id, ctx.now().toISOString()))) {
    throw new AppError('not_found', 'This calendar feed has stopped: the invitation to the room was withdrawn or has expired.');
  }
  const locale = asked ?? ((await findOrg(db, t.orgId))?.locale === 'en' ? 'en' : 'sv');
  return planIcs(db, journey, locale, ctx.now());
}

/** The seller's ICS of the journey's plan. */
export async function sellerPlanIcs(ctx: AppContext, actor: Actor, journeyId: string, locale: Locale): Promise<string> {
  const journey = await loadJourney(ctx.store.db, actor, journeyId);
  return planIcs(ctx.store.db, journey, locale, ctx.now());
}

async function planIcs(db: Db, journey: JourneyRow, locale: Locale, now: Date): Promise<string> {
  const steps = (await listPlanSteps(db, journey.org_id, journey.id)).filter((s) => s.due_date);
  const events = await Promise.all(
    steps.map(async (s) => {
      const step = await roomStep(db, journey.org_id, s);
      const who = step.owner?.name ?? (locale === 'en' ? 'nobody yet' : 'ingen ännu');
      const description = locale === 'en' ? `Owner: ${who}${step.done ? `. Done ${step.doneAt?.slice(0, 10)}` : ''}` : `Ansvarig: ${who}${step.done ? `. Klart ${step.doneAt?.slice(0, 10)}` : ''}`;
      return { uid: `${s.id}@h2h`, date: s.due_date!, summary: s.title, description, updatedAt: s.updated_at };
    }),
  );
  return toIcs({ name: journey.title, now, events });
}

// ——— ICS (RFC 5545) ———

export interface IcsEvent {
  uid: string;
  /** YYYY-MM-DD: an all-day event */
  date: string;
  summary: string;
  description: string;
  updatedAt: string;
}

/** TEXT as RFC 5545 §3.3.11 wants it: backslash, semicolon, comma and newlines escaped. */
export const icsText = (s: string) => s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r\n|\r|\n/g, '\\n');

/** Folds a content line at 75 octets (RFC 5545 §3.1), never inside a UTF-8 character. */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const n = Buffer.byteLength(ch, 'utf8');
    // The first line holds 75 octets; each continuation line starts with a space, so holds 74 more.
    if (octets + n > 75) {
      out.push(current);
      current = ' ';
      octets = 1;
    }
    current += ch;
    octets += n;
  }
  out.push(current);
  return out.join('\r\n');
}

const stamp = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
const dateValue = (d: string) => d.replace(/-/g, '');
const nextDay = (d: string) => new Date(new Date(`${d}T00:00:00Z`).getTime() + 86_400_000).toISOString().slice(0, 10);

export function toIcs(cal: { name: string; now: Date; events: readonly IcsEvent[] }): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//H2H//Buyer room plan//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${icsText(cal.name)}`,
    ...cal.events.flatMap((e) => [
      'BEGIN:VEVENT',
      `UID:${e.uid}`,
      `DTSTAMP:${stamp(cal.now)}`,
      `LAST-MODIFIED:${stamp(new Date(e.updatedAt))}`,
      `DTSTART;VALUE=DATE:${dateValue(e.date)}`,
      `DTEND;VALUE=DATE:${dateValue(nextDay(e.date))}`,
      `SUMMARY:${icsText(e.summary)}`,
      `DESCRIPTION:${icsText(e.description)}`,
      // VEVENT knows no "completed": a done step stays confirmed and says so in its description.
      'STATUS:CONFIRMED',
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
    ]),
    'END:VCALENDAR',
  ];
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
