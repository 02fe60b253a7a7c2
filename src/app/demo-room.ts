/**
 * The demo's buyer's room: the New Year's Eve quote to a new customer, sent,
 * and its buyer invited, inside the room, and at work — the quote opened, not
 * ready yet and why, a question and the seller's answer, a guest's comment
 * waiting for approval. Made through the same use cases as a person would,
 * so the room and the seller's journey page show what they always show.
 * The link is returned once, for `h2h serve` to print on the first start.
 */
import { listContacts } from '../store/accounts.ts';
import { findJourney } from '../store/journeys.ts';
import type { Actor, AppContext } from './context.ts';
import { makeGuestLink, postGuestComment, postJourneyComment, postRoomComment } from './portal-dialogue.ts';
import { portalSignOff } from './portal-room.ts';
import { defaultPortalLimits, inviteToPortal, portalActorFromSession, portalViewQuote, redeemMagicLink } from './portal.ts';
import { sendQuote } from './quotes.ts';
import { FailureLimiter } from './rate-limit.ts';

export interface DemoRoom {
  /** the room's magic link, a path `/p/…` */
  link: string;
  buyer: string;
  journeyTitle: string;
}

/**
 * Opens the room of the demo's New Year's Eve quote to a new customer (the
 * first draft quote of the org when no account is new), or null when the
 * demo has no draft quote.
 */
export async function openDemoRoom(ctx: AppContext, orgId: string): Promise<DemoRoom | null> {
  const db = ctx.store.db;
  const drafts = await db.selectFrom('quotes').select(['id', 'journey_id', 'tier']).where('org_id', '=', orgId).where('status', '=', 'draft').orderBy('id').execute();
  const draft = drafts.find((q) => q.tier === 'new') ?? drafts[0];
  if (!draft) return null;
  const journey = await findJourney(db, orgId, draft.journey_id);
  if (!journey) return null;
  const [buyer] = await listContacts(db, orgId, { accountId: journey.account_id, limit: 1 });
  if (!buyer) return null;
  const seller: Actor = { orgId, userId: journey.owner_id, role: 'seller', kind: 'user' };
  const limits = defaultPortalLimits();

  await sendQuote(ctx, seller, draft.id, {});
  const invite = await inviteToPortal(ctx, seller, limits, journey.id, { contactId: buyer.id });
  const session = await redeemMagicLink(ctx, limits, invite.link, 'demo');
  const inRoom = await portalActorFromSession(ctx, session.token);
  if (!inRoom) return null;

  await portalViewQuote(ctx, inRoom, draft.id);
  await portalSignOff(ctx, inRoom, { state: 'not_yet', reason: 'Jag vill förstå varför nyårspriset är högre innan jag säger ja.' });
  await postRoomComment(ctx, inRoom, { text: 'Varför kostar utryckningen mer på nyårsafton än en vanlig kväll?' });
  await postJourneyComment(ctx, seller, journey.id, {
    text: 'Efterfrågan är tre gånger så stor den natten. Som ny kund betalar du ändå högst dubbla listpriset: gränsen skyddar dig, och raden "Gränsen som skyddade dig" under offerten visar hur mycket.',
  });
  const { link: guestLink } = await makeGuestLink(ctx, seller, journey.id);
  await postGuestComment(
    ctx,
    new FailureLimiter(10, 60 * 60_000),
    guestLink.replace(/^\/p\/g\//, ''),
    { name: 'Gunnar Grannfors', email: 'gunnar@grannfors.example', website: null, text: 'Gäller samma pris för grannföretaget i huset intill?' },
    'demo',
  );
  return { link: invite.link, buyer: buyer.name, journeyTitle: journey.title };
}
