/**
 * The demo's cases (issue 8): one in every state, on open journeys of
 * accounts of different loyalty tiers and different sellers, so the case
 * list, Today and the figures by tier and by seller all have something to
 * show — and the New Year's Eve price complaint in the demo's buyer's room.
 *
 * Made through the use cases of src/app/cases.ts, as a buyer in the room
 * and a seller would. The use cases take their time from `ctx.now`, so a
 * case's earlier steps are taken with a context whose clock is moved back:
 * a proposal 17 days old shows as unanswered, an acceptance 18 days old
 * asks for a check-in, a case 8 days without an answer is overdue.
 *
 * The New Year's Eve complaint happens now, after the room's own story (the
 * quote it is about was sent and seen then): the new customer complains
 * about the surged price, the seller offers to refund a quarter of the
 * surcharge, the buyer rejects it saying why, and the seller explains the
 * price and offers a credit — waiting for the buyer's answer, so whoever
 * opens the printed room link can accept it.
 */
import { listContacts } from '../store/accounts.ts';
import type { JourneyRow } from '../store/schema.ts';
import { acceptProposal, closeCase, openRoomCase, postCaseMessage, postRoomCaseMessage, proposeResolution, rejectProposal } from './cases.ts';
import type { Actor, AppContext } from './context.ts';
import type { DemoRoom } from './demo-room.ts';
import { defaultPortalLimits, inviteToPortal, portalActorFromSession, redeemMagicLink, type PortalActor, type PortalLimits } from './portal.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

type Picked = Pick<JourneyRow, 'id' | 'account_id' | 'owner_id' | 'title'> & { tier: string };

/** Open journeys with their account's tier, in a stable order. */
async function openJourneys(ctx: AppContext, orgId: string): Promise<Picked[]> {
  return ctx.store.db
    .selectFrom('journeys as j')
    .leftJoin('account_loyalty as l', (join) => join.onRef('l.org_id', '=', 'j.org_id').onRef('l.account_id', '=', 'j.account_id'))
    .select(['j.id', 'j.account_id', 'j.owner_id', 'j.title', 'l.tier'])
    .where('j.org_id', '=', orgId)
    .where('j.status', '=', 'open')
    .orderBy('j.id')
    .execute()
    .then((rows) => rows.map((r) => ({ ...r, tier: r.tier ?? 'new' })));
}

/**
 * One journey per wanted tier: of that tier if there is one, on another
 * account and preferably another seller than those taken; else any journey
 * not yet taken.
 */
function pick(journeys: readonly Picked[], tiers: readonly string[], skip: ReadonlySet<string>): Picked[] {
  const accounts = new Set<string>();
  const owners = new Set<string>();
  const out: Picked[] = [];
  for (const tier of tiers) {
    const free = journeys.filter((j) => !skip.has(j.id) && !accounts.has(j.account_id));
    const best =
      free.find((j) => j.tier === tier && !owners.has(j.owner_id)) ?? free.find((j) => j.tier === tier) ?? free.find((j) => !owners.has(j.owner_id)) ?? free[0];
    if (!best) break;
    out.push(best);
    accounts.add(best.account_id);
    owners.add(best.owner_id);
  }
  return out;
}

const sellerOf = (orgId: string, j: { owner_id: string }): Actor => ({ orgId, userId: j.owner_id, role: 'seller', kind: 'user' });

/** The journey's first contact, invited into the room by the seller, inside it: the buyer who acts there. */
async function buyerIn(ctx: AppContext, limits: PortalLimits, orgId: string, j: Picked, address: string): Promise<PortalActor | null> {
  const [contact] = await listContacts(ctx.store.db, orgId, { accountId: j.account_id, limit: 1 });
  if (!contact) return null;
  const invite = await inviteToPortal(ctx, sellerOf(orgId, j), limits, j.id, { contactId: contact.id });
  const session = await redeemMagicLink(ctx, limits, invite.link, address);
  return portalActorFromSession(ctx, session.token);
}

/** Which state each case ends in, and the tier of the account it is asked of. */
const STATES = [
  ['open', 'loyal'],
  ['proposed', 'champion'],
  ['unanswered', 'regular'],
  ['resolved', 'occasional'],
  ['reopened', 'at_risk'],
  ['closed', 'new'],
] as const;

export interface DemoCases {
  /** case ids by the state each was left in */
  byState: Partial<Record<(typeof STATES)[number][0] | 'new_years_eve', string>>;
}

/** Makes the demo's cases; `room` is the demo's buyer's room, where the New Year's Eve complaint is made. */
export async function createDemoCases(ctx: AppContext, orgId: string, room: DemoRoom | null): Promise<DemoCases> {
  const start = ctx.now().getTime();
  /** the context of a moment `ago` ms before the demo's now */
  const at = (ago: number): AppContext => ({ ...ctx, now: () => new Date(start - ago) });
  const limits = defaultPortalLimits();
  const byState: DemoCases['byState'] = {};
  const journeys = await openJourneys(ctx, orgId);
  // The demo's buyer, back in the room through the printed link: the room's journey is theirs.
  const inRoom = room ? await portalActorFromSession(ctx, (await redeemMagicLink(ctx, limits, room.link, 'demo-room')).token) : null;
  const roomJourney = inRoom ? await roomJourneyOf(ctx, orgId, inRoom.journeyId) : null;
  const picked = pick(journeys, STATES.map(([, tier]) => tier), new Set(roomJourney ? [roomJourney.id] : []));

  for (const [i, j] of picked.entries()) {
    const state = STATES[i]![0];
    const seller = sellerOf(orgId, j);
    const days = { open: 8, proposed: 3, unanswered: 20, resolved: 25, reopened: 30, closed: 12 }[state];
    const buyer = await buyerIn(at(days * DAY + HOUR), limits, orgId, j, `demo-${i}`);
    if (!buyer) continue;
    const story = STORIES[state];
    const c = await openRoomCase(at(days * DAY), buyer, { topic: story.topic, description: story.description });
    byState[state] = c.id;
    switch (state) {
      case 'open':
        // a buyer's case nobody has answered for 8 days: past every first-response target, on the owner's Today
        break;
      case 'proposed':
        await postCaseMessage(at(days * DAY - 2 * HOUR), seller, c.id, { text: 'Tack för att du hörde av dig. Vi tittar på det i dag och återkommer med ett förslag.' });
        await proposeResolution(at(DAY), seller, c.id, { resolution: 'redo', text: 'Vi byter drivdonen i alla armaturer i konferensrummet på plats, utan kostnad, på torsdag morgon.' });
        break;
      case 'unanswered':
        await proposeResolution(at(17 * DAY), seller, c.id, { resolution: 'discount', amountMinor: 150_000, text: 'Vi drar av 1 500 kr på fakturan för de försenade skenorna.' });
        break;
      case 'resolved':
        await proposeResolution(at(20 * DAY), seller, c.id, { resolution: 'refund', amountMinor: 89_000, text: 'Vi betalar tillbaka de två trasiga lysrörsarmaturerna, 890 kr, och du behåller dem.' });
        await acceptProposal(at(18 * DAY), buyer, c.id, { comment: 'Tack, det låter bra.' });
        break;
      case 'reopened':
        await proposeResolution(at(28 * DAY), seller, c.id, { resolution: 'credit', amountMinor: 50_000, text: 'Vi justerar dimmern på distans och ger er 500 kr i kredit för besväret.' });
        await acceptProposal(at(27 * DAY), buyer, c.id, {});
        await postRoomCaseMessage(at(2 * DAY), buyer, c.id, { text: 'Flimret är tillbaka sedan i måndags, i samma rum.' });
        break;
      case 'closed':
        await proposeResolution(at(10 * DAY), seller, c.id, { resolution: 'discount', amountMinor: 40_000, text: 'Vi kan ge 400 kr i rabatt på nästa beställning.' });
        await rejectProposal(at(9 * DAY), buyer, c.id, { comment: 'Vi vill ha lampan i den färg vi beställde, inte rabatt.' });
        await closeCase(at(8 * DAY), seller, c.id, { reason: 'Färgen tillverkas inte längre; kunden vill inte ha någon annan lösning.' });
        break;
    }
  }

  if (inRoom && roomJourney) {
    const id = await newYearsEveComplaint(ctx, orgId, inRoom, roomJourney);
    byState.new_years_eve = id;
  }
  return { byState };
}

/** The room's journey and its quote (the one the buyer has seen). */
async function roomJourneyOf(ctx: AppContext, orgId: string, journeyId: string) {
  const db = ctx.store.db;
  const journey = await db.selectFrom('journeys').select(['id', 'account_id', 'owner_id', 'title']).where('org_id', '=', orgId).where('id', '=', journeyId).executeTakeFirst();
  if (!journey) return null;
  const quote = await db
    .selectFrom('quotes')
    .select(['id', 'total_minor', 'reference_total_minor', 'currency'])
    .where('org_id', '=', orgId)
    .where('journey_id', '=', journey.id)
    .where('status', 'in', ['sent', 'viewed'])
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return { ...journey, quote: quote ?? null };
}

export const NEW_YEARS_EVE_TOPIC = 'Nyårspriset är dubbelt så högt';

/** The New Year's Eve story up to the seller's second proposal, which waits for the buyer. */
async function newYearsEveComplaint(ctx: AppContext, orgId: string, buyer: PortalActor, j: NonNullable<Awaited<ReturnType<typeof roomJourneyOf>>>): Promise<string> {
  const seller = sellerOf(orgId, j);
  // The surcharge: what the quote asks above what a new customer's reference (the list price) would be.
  const surcharge = j.quote ? Math.max(0, Number(j.quote.total_minor) - Number(j.quote.reference_total_minor)) : 0;
  const kronor = (minor: number) => Math.max(100, Math.round(minor / 100) * 100);
  const currency = j.quote?.currency ?? 'SEK';
  const c = await openRoomCase(ctx, buyer, {
    topic: NEW_YEARS_EVE_TOPIC,
    description: 'Offerten för nyårsafton är dubbelt så dyr som listpriset. Ingen sa något om ett högre pris när vi frågade, och vi hittar ingenting om det på er webbplats.',
    quoteId: j.quote?.id ?? null,
  });
  await proposeResolution(ctx, seller, c.id, { resolution: 'refund', amountMinor: kronor(surcharge / 4), currency, text: 'Vi betalar tillbaka en fjärdedel av nyårstillägget när utryckningen är gjord.' });
  await rejectProposal(ctx, buyer, c.id, { comment: 'Det handlar inte främst om pengarna. Vi vill förstå varför priset blev så högt, och få veta det innan vi bokar nästa gång.' });
  await proposeResolution(ctx, seller, c.id, {
    resolution: 'credit',
    amountMinor: kronor(surcharge / 2),
    currency,
    text: 'Priset följer vår nyårsregel: efterfrågan är tre gånger så stor den natten, men som ny kund betalar ni aldrig mer än dubbla listpriset – det är gränsen som skyddade er. Vi borde ha sagt det när ni frågade, så ni får halva tillägget i kredit på nästa beställning, och nyårspriset står hädanefter i offerten från början.',
  });
  return c.id;
}

/** What each case is about, in the buyer's words. */
export const STORIES: Record<(typeof STATES)[number][0], { topic: string; description: string }> = {
  open: { topic: 'Fel kulör på lysrören', description: 'Vi beställde 3000 K men fick 6500 K i hela lagerhallen. Det blir kallt och bländande.' },
  proposed: { topic: 'Armaturerna blinkar i konferensrummet', description: 'Sedan installationen blinkar tre av armaturerna när vi dimrar ner. Det stör alla möten.' },
  unanswered: { topic: 'Skenorna kom två veckor sent', description: 'Skenorna skulle komma före montaget men kom två veckor efter, och elektrikern fick komma tillbaka.' },
  resolved: { topic: 'Två trasiga armaturer vid leveransen', description: 'Två av armaturerna hade spruckna kåpor när vi packade upp dem.' },
  reopened: { topic: 'Dimmern flimrar', description: 'Ljuset flimrar på låga nivåer i receptionen.' },
  closed: { topic: 'Golvlampan i fel färg', description: 'Vi beställde golvlampan i mässing men fick den i svart.' },
};
