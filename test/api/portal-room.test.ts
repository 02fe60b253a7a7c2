/**
 * The room's shared work through the API, on both backends: the buyer adds
 * and completes plan steps, records their criteria, concerns and sign-off,
 * confirms a stage criterion, declines a quote, invites a colleague, follows
 * the plan in a calendar and hears changes live — and the seller sees each of
 * these on the journey, marked as the buyer's. A session reaches only its own
 * journey, and bad input is a problem, never a 500.
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/http/server.ts';
import { BACKENDS } from '../helpers/backends.ts';
import { makePortalInvite, startTestApp, type Client, type Method, type TestApp } from '../helpers/app.ts';
import { buyerRequests, expectJson, PORTAL } from '../helpers/portal.ts';

const NO_ID = '01900000-0000-7000-8000-000000000000';
let serial = 0;

interface Person {
  kind: 'contact' | 'user';
  id: string;
  name: string;
}
interface Member {
  contactId: string;
  name: string;
  you: boolean;
  criteria: { id: string; text: string }[];
  concerns: { id: string; topic: string; text: string; status: string; answer: string | null }[];
  signOff: { state: string; reason: string | null; at: string } | null;
}
interface Say {
  ready: number;
  total: number;
  members: Member[];
}
interface RoomCriterion {
  key: string;
  met: boolean;
  confirmable: boolean;
  confirmedBy: { name: string } | null;
}
interface Room {
  people: Person[];
  say: Say;
  calendar: { hasFeed: boolean };
  criteria: RoomCriterion[];
  planSteps: { id: string; title: string; owner: { kind: string; id: string; name: string | null } | null; dueDate: string | null; done: boolean }[];
  quotes: { id: string; status: string }[];
}
interface TimelineItem {
  kind: string;
  entityId: string | null;
  data: Record<string, unknown> & { buyer?: { contactId: string; name: string } };
}


/** Unfolds an iCalendar text into its content lines (RFC 5545 §3.1). */
const unfold = (ics: string) => ics.replace(/\r\n[ \t]/g, '').split('\r\n');

describe.each(BACKENDS)('the room’s shared work on %s', (backend) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(backend);
  });
  afterAll(async () => t.close());

  const json = expectJson;
  const problem = (res: LightMyRequestResponse) => ({ status: res.statusCode, contentType: String(res.headers['content-type']), ...(res.json() as { type: string; detail: string; errors?: { field: string }[] }) });

  const { asBuyer, enter: enterLink } = buyerRequests(() => t.app);

  const enter = enterLink;

  /** An org with a journey: Karin and Per in its buying group, two plan steps, a sent quote; Karin is in the room. */
  async function setting(c?: Client) {
    c ??= await t.otherOrg();
    const product = json(await c.post('/api/v1/products', { sku: `ROOM-${++serial}`, name: { sv: 'Taxiresa', en: 'Taxi ride' }, listPriceMinor: 10_000 }), 201) as { id: string };
    const account = json(await c.post('/api/v1/accounts', { kind: 'company', name: `Rumkund ${++serial} AB` }), 201) as { id: string };
    const karin = json(await c.post(`/api/v1/accounts/${account.id}/contacts`, { name: 'Karin Köpare', email: `karin-${serial}@kund.example`, buyingRole: 'economic_buyer' }), 201) as { id: string };
    const per = json(await c.post(`/api/v1/accounts/${account.id}/contacts`, { name: 'Per Tekniker', buyingRole: 'user' }), 201) as { id: string };
    const journey = json(await c.post('/api/v1/journeys', { accountId: account.id, title: `Resan ${serial}` }), 201) as { id: string };
    const step = json(await c.post(`/api/v1/journeys/${journey.id}/plan-steps`, { title: 'Boka bilarna', owner: { contactId: karin.id }, dueDate: '2026-12-20' }), 201) as { id: string };
    json(await c.post(`/api/v1/journeys/${journey.id}/plan-steps`, { title: 'Skicka körschema', owner: { userId: c.userId } }), 201);
    const quote = json(await c.post(`/api/v1/journeys/${journey.id}/quotes`, { lines: [{ productId: product.id, quantity: 1 }] }), 201) as { id: string };
    json(await c.post(`/api/v1/quotes/${quote.id}/send`, {}), 200);
    const cookie = await enter((await makePortalInvite(c, journey.id, karin.id)).link);
    return { c, product, account, karin, per, journey, step, quote, cookie };
  }

  const room = async (cookie: string, lang = 'en') => json(await asBuyer(cookie, 'GET', `${PORTAL}/room`, undefined, { 'accept-language': lang }), 200) as Room;
  const timeline = async (c: Client, journeyId: string) => (json(await c.get(`/api/v1/journeys/${journeyId}/timeline`), 200) as { items: TimelineItem[] }).items;

  it('shows who steps may go to, each member’s say, what the buyer may confirm, and no calendar feed yet', async () => {
    const { c, karin, per, cookie } = await setting();
    const r = await room(cookie);
    expect(r.people.map((p) => [p.kind, p.name]).sort()).toEqual([
      ['contact', 'Karin Köpare'],
      ['contact', 'Per Tekniker'],
      ['user', 'Ada Admin'],
    ]);
    expect(r.people.find((p) => p.kind === 'user')!.id).toBe(c.userId);
    expect(r.say).toMatchObject({ ready: 0, total: 2 });
    expect(r.say.members.map((m) => [m.contactId, m.you, m.signOff, m.criteria, m.concerns]).sort()).toEqual(
      [
        [karin.id, true, null, [], []],
        [per.id, false, null, [], []],
      ].sort(),
    );
    expect(r.calendar).toEqual({ hasFeed: false });
    expect(r.criteria.length).toBeGreaterThan(0);
    expect(r.criteria.every((k) => k.confirmedBy === null && k.confirmable === !k.met)).toBe(true);
    // A computed criterion is never the buyer's to confirm.
    expect(r.criteria.find((k) => k.key === 'price_explained')?.confirmable ?? false).toBe(false);
  });

  it('lets the buyer add, assign, re-date and complete plan steps; the seller’s plan and timeline name the buyer', async () => {
    const { c, karin, per, journey, step, cookie } = await setting();
    const added = json(await asBuyer(cookie, 'POST', `${PORTAL}/plan-steps`, { title: 'Godkänn budget', owner: { contactId: per.id }, dueDate: '2026-12-15' }), 201) as Room['planSteps'][number];
    expect(added).toMatchObject({ title: 'Godkänn budget', owner: { kind: 'contact', id: per.id, name: 'Per Tekniker' }, dueDate: '2026-12-15', done: false });

    const seen = json(await c.get(`/api/v1/journeys/${journey.id}`), 200) as { planSteps: { id: string; title: string; owner: unknown; position: number }[] };
    expect(seen.planSteps.map((s) => s.title)).toEqual(['Boka bilarna', 'Skicka körschema', 'Godkänn budget']);
    expect(seen.planSteps[2]).toMatchObject({ id: added.id, owner: { contactId: per.id }, position: 3 });
    const entry = (await timeline(c, journey.id)).find((e) => e.kind === 'plan_step_added' && e.entityId === added.id);
    expect(entry?.data).toMatchObject({ title: 'Godkänn budget', buyer: { contactId: karin.id, name: 'Karin Köpare' } });

    // Reassign to the seller, re-date, then complete the seller's own step.
    const edited = json(await asBuyer(cookie, 'PATCH', `${PORTAL}/plan-steps/${added.id}`, { owner: { userId: c.userId }, dueDate: null, title: 'Godkänn budgeten' }), 200);
    expect(edited).toMatchObject({ title: 'Godkänn budgeten', owner: { kind: 'user', id: c.userId, name: 'Ada Admin' }, dueDate: null });
    const done = json(await asBuyer(cookie, 'PATCH', `${PORTAL}/plan-steps/${step.id}`, { done: true }), 200);
    expect(done).toMatchObject({ done: true, doneAt: t.clock.current.toISOString() });
    const items = await timeline(c, journey.id);
    expect(items.find((e) => e.kind === 'plan_step_completed' && e.entityId === step.id)?.data.buyer?.name).toBe('Karin Köpare');
    expect(items.find((e) => e.kind === 'plan_step_edited' && e.entityId === added.id)?.data.buyer?.name).toBe('Karin Köpare');
    expect((await room(cookie)).planSteps.find((s) => s.id === step.id)?.done).toBe(true);

    // A step goes to someone in the room only: not a contact of another account, not another seller.
    const stranger = json(await c.post('/api/v1/accounts', { kind: 'company', name: `Annan ${++serial} AB` }), 201) as { id: string };
    const outsider = json(await c.post(`/api/v1/accounts/${stranger.id}/contacts`, { name: 'Olle Utomstående' }), 201) as { id: string };
    const otherSeller = json(await c.post('/api/v1/users', { email: `other-${++serial}@room.example`, name: 'Sam Säljare', role: 'seller' }), 201) as { id: string };
    for (const owner of [{ contactId: outsider.id }, { userId: otherSeller.id }, { contactId: NO_ID }]) {
      const res = problem(await asBuyer(cookie, 'POST', `${PORTAL}/plan-steps`, { title: 'Smyg', owner }));
      expect(res, JSON.stringify(owner)).toMatchObject({ status: 422, type: '/api/problems/validation' });
      expect(res.errors?.[0]?.field).toMatch(/^body\.owner\./);
    }
    expect(problem(await asBuyer(cookie, 'POST', `${PORTAL}/plan-steps`, { title: 'Smyg', owner: { contactId: outsider.id } }, { 'accept-language': 'sv' })).detail).toBe(
      'Ge steget till någon i rummet: en i köpgruppen eller affärens säljare.',
    );
    expect((json(await c.get(`/api/v1/journeys/${journey.id}`), 200) as { planSteps: unknown[] }).planSteps).toHaveLength(3);
  });

  it('records each member’s sign-off, criteria and concerns; the seller reads the same say', async () => {
    const { c, karin, per, journey, cookie } = await setting();
    // not_yet needs a reason.
    for (const body of [{ state: 'not_yet' }, { state: 'not_yet', reason: '   ' }, { state: 'not_yet', reason: null }]) {
      const res = problem(await asBuyer(cookie, 'PUT', `${PORTAL}/sign-off`, body));
      expect(res, JSON.stringify(body)).toMatchObject({ status: 422, contentType: expect.stringMatching(/^application\/problem\+json/) });
      expect(res.errors?.some((e) => e.field === 'body.reason')).toBe(true);
    }
    expect(problem(await asBuyer(cookie, 'PUT', `${PORTAL}/sign-off`, { state: 'not_yet' }, { 'accept-language': 'sv' })).detail).toBe('Berätta vad som fattas: ”inte än” behöver ett skäl.');
    const notYet = json(await asBuyer(cookie, 'PUT', `${PORTAL}/sign-off`, { state: 'not_yet', reason: 'Vi väntar på IT:s säkerhetsgranskning' }), 200) as Member;
    expect(notYet).toMatchObject({ contactId: karin.id, you: true, signOff: { state: 'not_yet', reason: 'Vi väntar på IT:s säkerhetsgranskning' } });

    const mine = json(await asBuyer(cookie, 'POST', `${PORTAL}/my-criteria`, { text: 'Fungerar med vårt SSO' }), 201) as { id: string; text: string };
    expect(mine).toEqual({ id: expect.any(String), text: 'Fungerar med vårt SSO' });
    const gone = json(await asBuyer(cookie, 'POST', `${PORTAL}/my-criteria`, { text: 'Tas bort' }), 201) as { id: string };
    expect((await asBuyer(cookie, 'DELETE', `${PORTAL}/my-criteria/${gone.id}`)).statusCode).toBe(204);
    expect(problem(await asBuyer(cookie, 'DELETE', `${PORTAL}/my-criteria/${gone.id}`)).status).toBe(404);

    const concern = json(await asBuyer(cookie, 'POST', `${PORTAL}/concerns`, { topic: 'risk', text: 'Vad händer om ni går i konkurs?' }), 201) as Member['concerns'][number];
    expect(concern).toMatchObject({ topic: 'risk', status: 'open', answer: null });
    // Not answered yet: nothing to accept.
    expect(problem(await asBuyer(cookie, 'POST', `${PORTAL}/concerns/${concern.id}/accept`)).status).toBe(409);
    const ready = json(await asBuyer(cookie, 'PUT', `${PORTAL}/sign-off`, { state: 'ready' }), 200) as Member;
    expect(ready.signOff).toMatchObject({ state: 'ready', reason: null });

    // The seller sees the same say, with nobody as "you".
    const say = json(await c.get(`/api/v1/journeys/${journey.id}/say`), 200) as Say;
    expect(say).toMatchObject({ ready: 1, total: 2 });
    const karinSay = say.members.find((m) => m.contactId === karin.id)!;
    expect(karinSay).toMatchObject({ you: false, signOff: { state: 'ready' }, criteria: [{ id: mine.id, text: 'Fungerar med vårt SSO' }], concerns: [{ id: concern.id, text: 'Vad händer om ni går i konkurs?' }] });
    expect(say.members.find((m) => m.contactId === per.id)).toMatchObject({ signOff: null, criteria: [], concerns: [] });
    // The concern is on the journey, under Karin; the seller answers, Karin accepts.
    const journeyView = json(await c.get(`/api/v1/journeys/${journey.id}`), 200) as { concerns: { id: string; contactId: string | null; status: string }[] };
    expect(journeyView.concerns.find((k) => k.id === concern.id)).toMatchObject({ contactId: karin.id, status: 'open' });
    json(await c.post(`/api/v1/journeys/${journey.id}/concerns/${concern.id}/answer`, { answer: 'Källkoden ligger hos en depositarie' }), 200);
    expect(json(await asBuyer(cookie, 'POST', `${PORTAL}/concerns/${concern.id}/accept`), 200)).toMatchObject({ id: concern.id, status: 'accepted', answer: 'Källkoden ligger hos en depositarie' });

    const kinds = (await timeline(c, journey.id)).filter((e) => e.data.buyer?.contactId === karin.id).map((e) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['member_signed_off', 'member_criterion_added', 'member_criterion_removed', 'concern_raised', 'concern_accepted']));
    // The room shows it too: one of two ready.
    const r = await room(cookie);
    expect(r.say).toMatchObject({ ready: 1, total: 2 });
    // The audit log has each change of mind, before and after, by the portal.
    const audit = (json(await c.get(`/api/v1/audit?entity=journey&entityId=${journey.id}&limit=200`), 200) as { items: { action: string; actorKind: string; before: unknown; after: unknown }[] }).items;
    const signOffs = audit.filter((a) => a.action === 'sign_off.set').reverse();
    expect(signOffs.map((a) => [a.actorKind, a.before, a.after])).toEqual([
      ['portal', null, { contactId: karin.id, state: 'not_yet', reason: 'Vi väntar på IT:s säkerhetsgranskning' }],
      ['portal', { contactId: karin.id, state: 'not_yet', reason: 'Vi väntar på IT:s säkerhetsgranskning' }, { contactId: karin.id, state: 'ready', reason: null }],
    ]);
  });

  it('keeps one member’s criteria and concerns theirs: another buyer cannot remove or accept them', async () => {
    const { c, per, journey, cookie } = await setting();
    const perCookie = await enter((await makePortalInvite(c, journey.id, per.id)).link);
    const karins = json(await asBuyer(cookie, 'POST', `${PORTAL}/my-criteria`, { text: 'Karins krav' }), 201) as { id: string };
    const concern = json(await asBuyer(cookie, 'POST', `${PORTAL}/concerns`, { topic: 'price', text: 'För dyrt?' }), 201) as { id: string };
    json(await c.post(`/api/v1/journeys/${journey.id}/concerns/${concern.id}/answer`, { answer: 'Nej' }), 200);
    expect(problem(await asBuyer(perCookie, 'DELETE', `${PORTAL}/my-criteria/${karins.id}`))).toMatchObject({ status: 404, detail: 'No criterion of yours with that id in this room.' });
    expect(problem(await asBuyer(perCookie, 'POST', `${PORTAL}/concerns/${concern.id}/accept`))).toMatchObject({ status: 404, detail: 'No concern of yours with that id in this room.' });
    const r = await room(perCookie);
    expect(r.say.members.find((m) => m.you)?.contactId).toBe(per.id);
    expect(r.say.members.find((m) => !m.you)?.criteria).toEqual([{ id: karins.id, text: 'Karins krav' }]);
  });

  it('lets a buyer confirm a criterion of the stage: met, confirmed by their name, on the seller’s view too — until the seller records it anew', async () => {
    const { c, karin, journey, cookie } = await setting();
    const before = await room(cookie);
    const target = before.criteria.find((k) => k.confirmable)!;
    expect(target).toBeDefined();
    const list = json(await asBuyer(cookie, 'POST', `${PORTAL}/criteria/${target.key}/confirm`, {}), 200) as RoomCriterion[];
    expect(list.find((k) => k.key === target.key)).toMatchObject({ met: true, confirmable: false, confirmedBy: { name: 'Karin Köpare' } });
    const seller = json(await c.get(`/api/v1/journeys/${journey.id}`), 200) as { criteria: { key: string; met: boolean; evidence: string | null; confirmedBy: { name: string } | null }[] };
    expect(seller.criteria.find((k) => k.key === target.key)).toMatchObject({ met: true, confirmedBy: { name: 'Karin Köpare' }, evidence: 'Bekräftat av Karin Köpare i köparens rum' });
    expect(seller.criteria.filter((k) => k.key !== target.key).every((k) => k.confirmedBy === null)).toBe(true);
    const entry = (await timeline(c, journey.id)).find((e) => e.kind === 'criterion_met');
    expect(entry?.data).toMatchObject({ key: target.key, buyer: { contactId: karin.id, name: 'Karin Köpare' } });

    // Again: it is met already. A computed one and one of no stage are refused.
    expect(problem(await asBuyer(cookie, 'POST', `${PORTAL}/criteria/${target.key}/confirm`, {}))).toMatchObject({ status: 409, type: '/api/problems/conflict' });
    expect(problem(await asBuyer(cookie, 'POST', `${PORTAL}/criteria/price_explained/confirm`, {})).status).toBe(404);
    const derived = before.criteria.find((k) => !k.confirmable && !k.met);
    if (derived) expect(problem(await asBuyer(cookie, 'POST', `${PORTAL}/criteria/${derived.key}/confirm`, {})).type).toBe('/api/problems/derived_criterion');
    expect(problem(await asBuyer(cookie, 'POST', `${PORTAL}/criteria/no_such_thing/confirm`, { evidence: 'x' }))).toMatchObject({ status: 404 });

    // The seller records it anew later: then it is the seller's, not confirmed by the buyer.
    t.clock.advance(60_000);
    json(await c.post(`/api/v1/journeys/${journey.id}/criteria/${target.key}`, { evidence: 'Samtal med Karin' }), 200);
    const after = json(await c.get(`/api/v1/journeys/${journey.id}`), 200) as { criteria: { key: string; confirmedBy: unknown }[] };
    expect(after.criteria.find((k) => k.key === target.key)?.confirmedBy).toBeNull();
    expect((await room(cookie)).criteria.find((k) => k.key === target.key)).toMatchObject({ met: true, confirmedBy: null, confirmable: false });
  });

  it('lets the buyer decline a quote in place, with a reason; the seller sees it declined by the buyer', async () => {
    const { c, karin, journey, quote, cookie } = await setting();
    const declined = json(await asBuyer(cookie, 'POST', `${PORTAL}/quotes/${quote.id}/decline`, { reason: 'Vi väntar till nästa år' }), 200) as { id: string; status: string; declinedAt: string };
    expect(declined).toMatchObject({ id: quote.id, status: 'declined', declinedAt: t.clock.current.toISOString() });
    expect((json(await c.get(`/api/v1/quotes/${quote.id}`), 200) as { status: string }).status).toBe('declined');
    const entry = (await timeline(c, journey.id)).find((e) => e.kind === 'quote_declined');
    expect(entry?.data).toMatchObject({ reason: 'Vi väntar till nästa år', buyer: { contactId: karin.id } });
    expect(problem(await asBuyer(cookie, 'POST', `${PORTAL}/quotes/${quote.id}/decline`, {})).status).toBe(409);
  });

  it('lets a buyer invite a colleague: a new contact of the account, or the one with that e-mail; the link is never given to the buyer; 10 an hour', async () => {
    const { c, karin, account, per, journey, cookie } = await setting();
    const made = json(await asBuyer(cookie, 'POST', `${PORTAL}/colleagues`, { name: 'Lena Lager', email: 'Lena@Kund.example', title: 'Lagerchef' }), 201) as {
      contact: { id: string; name: string };
      mailed: boolean;
    };
    // No mail here: the buyer learns that, and gets no link to act as Lena with.
    expect(made).toEqual({ contact: { id: expect.any(String), name: 'Lena Lager' }, mailed: false });
    const contacts = (json(await c.get(`/api/v1/accounts/${account.id}/contacts`), 200) as { items: { id: string; name: string; email: string; title: string }[] }).items;
    expect(contacts.find((k) => k.id === made.contact.id)).toMatchObject({ name: 'Lena Lager', email: 'Lena@Kund.example', title: 'Lagerchef' });
    const entry = (await timeline(c, journey.id)).find((e) => e.kind === 'portal_invited' && e.data.contactId === made.contact.id);
    expect(entry?.data).toMatchObject({ name: 'Lena Lager', buyer: { contactId: karin.id, name: 'Karin Köpare' } });
    // The seller's invite list shows it; the seller passes a link on, and it opens the room as Lena.
    const invites = (json(await c.get(`/api/v1/journeys/${journey.id}/portal-invites`), 200) as { items: { contact: { id: string }; createdBy: string | null }[] }).items;
    expect(invites.find((i) => i.contact.id === made.contact.id)).toMatchObject({ createdBy: null });
    const lena = await enter((await makePortalInvite(c, journey.id, made.contact.id)).link);
    const r = await room(lena);
    expect(r.say.members.find((m) => m.you)).toMatchObject({ contactId: made.contact.id, name: 'Lena Lager' });
    expect(r.say.total).toBe(3);

    // The same e-mail again is the same person, not a second contact; and still no link, so Karin cannot be Lena.
    const again = json(await asBuyer(cookie, 'POST', `${PORTAL}/colleagues`, { name: 'Lena L.', email: 'lena@kund.example' }), 201) as { contact: { id: string; name: string } };
    expect(again).toEqual({ contact: { id: made.contact.id, name: 'Lena Lager' }, mailed: false });
    // Per has no e-mail: inviting a new address makes a new contact.
    expect((json(await asBuyer(cookie, 'POST', `${PORTAL}/colleagues`, { name: 'Per Tekniker', email: 'per@kund.example' }), 201) as { contact: { id: string } }).contact.id).not.toBe(per.id);

    for (let i = 3; i < 10; i++) json(await asBuyer(cookie, 'POST', `${PORTAL}/colleagues`, { name: `Kollega ${i}`, email: `kollega-${i}@kund.example` }), 201);
    const limited = await asBuyer(cookie, 'POST', `${PORTAL}/colleagues`, { name: 'En för mycket', email: 'elva@kund.example' }, { 'accept-language': 'sv' });
    expect(problem(limited)).toMatchObject({ status: 429, type: '/api/problems/rate_limited', detail: expect.stringMatching(/^För många inbjudningar på kort tid/) });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Another buyer has their own allowance.
    expect((await asBuyer(lena, 'POST', `${PORTAL}/colleagues`, { name: 'Nils Ny', email: 'nils@kund.example' })).statusCode).toBe(201);
  });

  it('gives the buyer a calendar feed of the dated plan steps: ICS with all-day events, escaped and folded; a new address replaces the old', async () => {
    const { c, karin, journey, cookie } = await setting();
    const long = 'Leveransplanering för alla lager i Göteborg, Malmö och Stockholm; inklusive årsskiftet';
    json(await asBuyer(cookie, 'POST', `${PORTAL}/plan-steps`, { title: 'Möte, avtal; del 1\nrad två \\ slut', owner: { userId: c.userId }, dueDate: '2027-01-07' }), 201);
    json(await asBuyer(cookie, 'POST', `${PORTAL}/plan-steps`, { title: long, owner: { contactId: karin.id }, dueDate: '2026-12-31' }), 201);
    json(await asBuyer(cookie, 'POST', `${PORTAL}/plan-steps`, { title: 'Utan datum', owner: { contactId: karin.id } }), 201);

    const made = json(await asBuyer(cookie, 'POST', `${PORTAL}/calendar`), 201) as { url: string };
    expect(made.url).toMatch(/^http:\/\/[^/]+\/api\/portal\/v1\/calendar\/[0-9a-f-]{36}\.[A-Za-z0-9_-]{43}$/);
    expect((await room(cookie)).calendar).toEqual({ hasFeed: true });
    const path = new URL(made.url).pathname;
    // No cookie: the address is the key.
    const res = await t.app.inject({ method: 'GET', url: path, headers: { 'accept-language': 'sv' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(String(res.headers['content-type'])).toBe('text/calendar; charset=utf-8');
    const ics = res.body;
    expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    // CRLF everywhere, no bare LF; no physical line longer than 75 octets.
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const physical = ics.split('\r\n').slice(0, -1);
    expect(physical.every((l) => Buffer.byteLength(l, 'utf8') <= 75)).toBe(true);
    expect(physical.some((l) => l.startsWith(' '))).toBe(true);

    const lines = unfold(ics);
    expect(lines).toContain('VERSION:2.0');
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(3);
    expect(lines.filter((l) => l.startsWith('DTSTART;VALUE=DATE:')).sort()).toEqual(['DTSTART;VALUE=DATE:20261220', 'DTSTART;VALUE=DATE:20261231', 'DTSTART;VALUE=DATE:20270107']);
    expect(lines).toContain('DTEND;VALUE=DATE:20270108');
    expect(lines).toContain('SUMMARY:Möte\\, avtal\\; del 1\\nrad två \\\\ slut');
    expect(lines).toContain(`SUMMARY:${long.replace(/,/g, '\\,').replace(/;/g, '\\;')}`);
    expect(lines).toContain('DESCRIPTION:Ansvarig: Ada Admin');
    expect(lines).toContain('DESCRIPTION:Ansvarig: Karin Köpare');
    expect(lines.filter((l) => l === 'STATUS:CONFIRMED')).toHaveLength(3);
    expect(ics).not.toContain('Utan datum');
    // Folding never splits a character: the unfolded text is whole.
    expect(lines.join('\n')).not.toContain('\uFFFD');

    // The seller's file has the same events.
    const sellerRes = await c.get(`/api/v1/journeys/${journey.id}/plan.ics`);
    expect(sellerRes.statusCode).toBe(200);
    expect(String(sellerRes.headers['content-type'])).toBe('text/calendar; charset=utf-8');
    expect(unfold(sellerRes.body).filter((l) => l.startsWith('SUMMARY:')).sort()).toEqual(lines.filter((l) => l.startsWith('SUMMARY:')).sort());

    // A new address: the old one stops working.
    const next = json(await asBuyer(cookie, 'POST', `${PORTAL}/calendar`), 201) as { url: string };
    expect(next.url).not.toBe(made.url);
    expect(problem(await t.app.inject({ method: 'GET', url: path }))).toMatchObject({ status: 404, type: '/api/problems/not_found' });
    expect((await t.app.inject({ method: 'GET', url: new URL(next.url).pathname })).statusCode).toBe(200);
    // Tampered and foreign addresses are not found either.
    for (const bad of ['not-a-token', `${NO_ID}.${'A'.repeat(43)}`, path.split('/').pop()!.slice(0, -1) + 'x']) {
      expect(problem(await t.app.inject({ method: 'GET', url: `${PORTAL}/calendar/${encodeURIComponent(bad)}` })).status).toBe(404);
    }
    // The feed stops with the buyer's way in: the seller withdraws Karin's invite.
    const invites = (json(await c.get(`/api/v1/journeys/${journey.id}/portal-invites`), 200) as { items: { id: string; contact: { id: string } }[] }).items;
    for (const i of invites.filter((x) => x.contact.id === karin.id)) json(await c.post(`/api/v1/portal-invites/${i.id}/revoke`), 200);
    const stopped = await t.app.inject({ method: 'GET', url: new URL(next.url).pathname, headers: { 'accept-language': 'sv' } });
    expect(problem(stopped)).toMatchObject({ status: 404, detail: 'Kalenderflödet har upphört: inbjudan till rummet har dragits tillbaka eller gått ut.' });
    expect(stopped.body).not.toContain('VEVENT');
  });

  it('streams the room’s changes to the open room, and nothing of other journeys', async () => {
    const { c, journey, step, cookie, account, product } = await setting();
    const other = json(await c.post('/api/v1/journeys', { accountId: account.id, title: 'Annan affär' }), 201) as { id: string };
    // Listening for real: an event stream needs a socket. The server closes after the last test.
    const base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    {
      const refused = await fetch(`${base}${PORTAL}/events`);
      expect(refused.status).toBe(401);
      expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      await refused.body?.cancel();

      const abort = new AbortController();
      const res = await fetch(`${base}${PORTAL}/events`, { headers: { cookie: `h2h_portal=${cookie}` }, signal: abort.signal });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
      const reader = res.body!.getReader();
      const decoder = new TextDecoder();
      let text = '';
      const waitFor = async (needle: string) => {
        const until = Date.now() + 5000;
        while (!text.includes(needle)) {
          if (Date.now() > until) throw new Error(`no ${needle} in ${text}`);
          const chunk = await reader.read();
          if (chunk.done) throw new Error(`stream ended before ${needle}`);
          text += decoder.decode(chunk.value, { stream: true });
        }
      };
      // Another journey's change first, then the seller's change and a buyer's change on this one.
      json(await c.post(`/api/v1/journeys/${other.id}/plan-steps`, { title: 'Annat', owner: { userId: c.userId } }), 201);
      // The seller's own notes and drafts are not the room's business.
      const note = { channel: 'call', direction: 'outbound', occurredAt: '2026-11-28T15:00:00+01:00', summary: 'Internt', purpose: { criterion: 'problem_described' } };
      json(await c.post(`/api/v1/journeys/${journey.id}/interactions`, note), 201);
      json(await c.post(`/api/v1/journeys/${journey.id}/quotes`, { lines: [{ productId: product.id, quantity: 9 }] }), 201);
      json(await c.post(`/api/v1/journeys/${journey.id}/concerns`, { topic: 'price', text: 'Dyrt?' }), 201);
      await waitFor('"kind":"concern_raised"');
      json(await asBuyer(cookie, 'PATCH', `${PORTAL}/plan-steps/${step.id}`, { done: true }), 200);
      await waitFor('"kind":"plan_step_completed"');
      expect(text).toContain('event: change\ndata: {"kind":"concern_raised"}\n\n');
      expect(text).not.toContain('plan_step_added');
      expect(text).not.toContain('interaction');
      expect(text).not.toContain('quote_drafted');
      expect(text).not.toContain(journey.id);
      abort.abort();
    }
  });

  it('ends the room’s stream when the invite behind the session is revoked', async () => {
    const { c, karin, journey } = await setting();
    const invite = json(await c.post(`/api/v1/journeys/${journey.id}/portal-invites`, { contactId: karin.id }), 201) as { id: string; link: string };
    const cookie = await enter(invite.link);
    // A server of its own on the same database, with quick heartbeats: the session is checked at each.
    const app = await buildServer({ ctx: t.ctx, heartbeatMs: 50 });
    try {
      const base = await app.listen({ port: 0, host: '127.0.0.1' });
      const res = await fetch(`${base}${PORTAL}/events`, { headers: { cookie: `h2h_portal=${cookie}` } });
      expect(res.status).toBe(200);
      const reader = res.body!.getReader();
      const decoder = new TextDecoder();
      let text = '';
      while (!text.includes(': heartbeat')) {
        const chunk = await reader.read();
        if (chunk.done) throw new Error(`ended before a heartbeat: ${text}`);
        text += decoder.decode(chunk.value, { stream: true });
      }
      json(await c.post(`/api/v1/portal-invites/${invite.id}/revoke`), 200);
      const until = Date.now() + 5000;
      for (;;) {
        const chunk = await reader.read();
        if (chunk.done) break;
        if (Date.now() > until) throw new Error('the stream went on after the invite was revoked');
      }
      expect((await asBuyer(cookie, 'GET', `${PORTAL}/room`)).statusCode).toBe(401);
    } finally {
      await app.close();
    }
  });

  it('reaches only its own journey: another journey’s or org’s ids are 404 on every room route with an id, and nothing changes', async () => {
    const mine = await setting();
    const sibling = json(await mine.c.post('/api/v1/journeys', { accountId: mine.account.id, title: 'Syskon' }), 201) as { id: string };
    const siblingStep = json(await mine.c.post(`/api/v1/journeys/${sibling.id}/plan-steps`, { title: 'Syskonsteg', owner: { contactId: mine.karin.id } }), 201) as { id: string };
    const siblingConcern = json(await mine.c.post(`/api/v1/journeys/${sibling.id}/concerns`, { topic: 'price', text: 'Syskon', contactId: mine.karin.id }), 201) as { id: string };
    json(await mine.c.post(`/api/v1/journeys/${sibling.id}/concerns/${siblingConcern.id}/answer`, { answer: 'Svar' }), 200);
    const theirs = await setting();
    const theirCriterion = json(await asBuyer(theirs.cookie, 'POST', `${PORTAL}/my-criteria`, { text: 'Deras' }), 201) as { id: string };
    const theirConcern = json(await asBuyer(theirs.cookie, 'POST', `${PORTAL}/concerns`, { topic: 'fit', text: 'Deras' }), 201) as { id: string };
    const siblingCookie = await enter((await makePortalInvite(mine.c, sibling.id, mine.karin.id)).link);
    const siblingCriterion = json(await asBuyer(siblingCookie, 'POST', `${PORTAL}/my-criteria`, { text: 'Syskonkrav' }), 201) as { id: string };

    const doc = json(await t.app.inject({ method: 'GET', url: '/api/openapi.json' }), 200) as { paths: Record<string, Record<string, unknown>> };
    const withIds = Object.entries(doc.paths)
      .filter(([p]) => p.startsWith(`${PORTAL}/`) && /\/(plan-steps|my-criteria|concerns)\/\{id\}/.test(p))
      .flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`))
      .sort();
    expect(withIds).toEqual([`DELETE ${PORTAL}/my-criteria/{id}`, `PATCH ${PORTAL}/plan-steps/{id}`, `POST ${PORTAL}/concerns/{id}/accept`]);
    const ids: Record<string, [string, string][]> = {
      [`PATCH ${PORTAL}/plan-steps/{id}`]: [
        ["another journey's step", siblingStep.id],
        ["another org's step", theirs.step.id],
        ['no step', NO_ID],
      ],
      [`DELETE ${PORTAL}/my-criteria/{id}`]: [
        ["another journey's criterion", siblingCriterion.id],
        ["another org's criterion", theirCriterion.id],
        ['no criterion', NO_ID],
      ],
      [`POST ${PORTAL}/concerns/{id}/accept`]: [
        ["another journey's concern", siblingConcern.id],
        ["another org's concern", theirConcern.id],
        ['no concern', NO_ID],
      ],
    };
    const failures: string[] = [];
    for (const route of withIds) {
      const [method, path] = route.split(' ') as [Method, string];
      for (const [what, id] of ids[route]!) {
        const res = await asBuyer(mine.cookie, method, path.replace('{id}', id), method === 'PATCH' ? { title: 'Kapat', done: true } : undefined);
        if (res.statusCode !== 404 || !String(res.headers['content-type']).startsWith('application/problem+json')) failures.push(`${route} with ${what}: ${res.statusCode} ${res.body.slice(0, 200)}`);
      }
    }
    expect(failures).toEqual([]);
    // Nothing was touched.
    const siblingView = json(await mine.c.get(`/api/v1/journeys/${sibling.id}`), 200) as { planSteps: { title: string; done: boolean }[]; concerns: { status: string }[] };
    expect(siblingView.planSteps).toEqual([expect.objectContaining({ title: 'Syskonsteg', done: false })]);
    expect(siblingView.concerns).toEqual([expect.objectContaining({ status: 'answered' })]);
    expect((json(await theirs.c.get(`/api/v1/journeys/${theirs.journey.id}/say`), 200) as Say).members.find((m) => m.criteria.length > 0)?.criteria).toEqual([{ id: theirCriterion.id, text: 'Deras' }]);
    // The room and its say name only this journey's things; the seller's say of another org is 404.
    const body = (await asBuyer(mine.cookie, 'GET', `${PORTAL}/room`)).body;
    for (const id of [siblingStep.id, siblingCriterion.id, siblingConcern.id, theirCriterion.id, theirConcern.id]) expect(body).not.toContain(id);
    expect((await theirs.c.get(`/api/v1/journeys/${mine.journey.id}/say`)).statusCode).toBe(404);
    expect((await theirs.c.get(`/api/v1/journeys/${mine.journey.id}/plan.ics`)).statusCode).toBe(404);
  });

  it('needs the portal cookie on every room route; a seller token is not one', async () => {
    const { c, quote, step } = await setting();
    const calls: [Method, string, unknown][] = [
      ['POST', `${PORTAL}/plan-steps`, { title: 'x', owner: { userId: c.userId } }],
      ['PATCH', `${PORTAL}/plan-steps/${step.id}`, { done: true }],
      ['POST', `${PORTAL}/criteria/problem_described/confirm`, {}],
      ['PUT', `${PORTAL}/sign-off`, { state: 'ready' }],
      ['POST', `${PORTAL}/my-criteria`, { text: 'x' }],
      ['DELETE', `${PORTAL}/my-criteria/${NO_ID}`, undefined],
      ['POST', `${PORTAL}/concerns`, { topic: 'price', text: 'x' }],
      ['POST', `${PORTAL}/concerns/${NO_ID}/accept`, undefined],
      ['POST', `${PORTAL}/quotes/${quote.id}/decline`, {}],
      ['POST', `${PORTAL}/colleagues`, { name: 'X', email: 'x@kund.example' }],
      ['POST', `${PORTAL}/calendar`, undefined],
      ['GET', `${PORTAL}/events`, undefined],
    ];
    const failures: string[] = [];
    for (const [method, url, body] of calls) {
      for (const headers of [{}, { authorization: `Bearer ${c.token}` }]) {
        const res = await t.app.inject({ method, url, headers, ...(body !== undefined && { payload: body as string }) });
        if (res.statusCode !== 401 || res.json().type !== '/api/problems/unauthenticated') failures.push(`${method} ${url} ${JSON.stringify(headers).slice(0, 20)}: ${res.statusCode}`);
      }
    }
    expect(failures).toEqual([]);
    expect((json(await c.get(`/api/v1/quotes/${quote.id}`), 200) as { status: string }).status).toBe('sent');
  });

  it('answers bad input to the room routes with problem+json, never a 500', async () => {
    const { c, quote, step, cookie } = await setting();
    const send = (method: Method, url: string, payload: string) => asBuyer(cookie, method, url, payload, { 'content-type': 'application/json' });
    const cases: [string, LightMyRequestResponse, number, string?][] = [
      ['step without a title', await send('POST', `${PORTAL}/plan-steps`, JSON.stringify({ owner: { userId: c.userId } })), 422, 'body.title'],
      ['step with a blank title', await send('POST', `${PORTAL}/plan-steps`, JSON.stringify({ title: '  ', owner: { userId: c.userId } })), 422, 'body.title'],
      ['step with a long title', await send('POST', `${PORTAL}/plan-steps`, JSON.stringify({ title: 'x'.repeat(100_000), owner: { userId: c.userId } })), 422, 'body.title'],
      ['step without an owner', await send('POST', `${PORTAL}/plan-steps`, JSON.stringify({ title: 'x' })), 422, 'body.owner'],
      ['step with a side for an owner', await send('POST', `${PORTAL}/plan-steps`, JSON.stringify({ title: 'x', owner: 'buyer' })), 422, 'body.owner'],
      ['step with a bad date', await send('POST', `${PORTAL}/plan-steps`, JSON.stringify({ title: 'x', owner: { userId: c.userId }, dueDate: '2026-13-45' })), 422, 'body.dueDate'],
      ['step with an unknown field', await send('POST', `${PORTAL}/plan-steps`, JSON.stringify({ title: 'x', owner: { userId: c.userId }, journeyId: NO_ID })), 422, 'body.journeyId'],
      ['patch with done as text', await send('PATCH', `${PORTAL}/plan-steps/${step.id}`, '{"done": "yes"}'), 422, 'body.done'],
      ['patch with broken JSON', await send('PATCH', `${PORTAL}/plan-steps/${step.id}`, '{"done":'), 400],
      ['patch with a NUL', await send('PATCH', `${PORTAL}/plan-steps/${step.id}`, JSON.stringify({ title: 'a\u0000b' })), 422, 'body.title'],
      ['sign-off with another state', await send('PUT', `${PORTAL}/sign-off`, '{"state": "maybe"}'), 422, 'body.state'],
      ['sign-off with a long reason', await send('PUT', `${PORTAL}/sign-off`, JSON.stringify({ state: 'not_yet', reason: 'x'.repeat(5000) })), 422, 'body.reason'],
      ['my criterion without text', await send('POST', `${PORTAL}/my-criteria`, '{}'), 422, 'body.text'],
      ['my criterion with a number', await send('POST', `${PORTAL}/my-criteria`, '{"text": 5}'), 422, 'body.text'],
      ['a concern of no topic', await send('POST', `${PORTAL}/concerns`, '{"topic": "mood", "text": "x"}'), 422, 'body.topic'],
      ['a concern that blocks', await send('POST', `${PORTAL}/concerns`, '{"topic": "price", "text": "x", "blocking": true}'), 422, 'body.blocking'],
      ['accept with a body', await send('POST', `${PORTAL}/concerns/${NO_ID}/accept`, '{"status": "accepted"}'), 422],
      ['confirm with a bad key', await asBuyer(cookie, 'POST', `${PORTAL}/criteria/Not%20A%20Key/confirm`, {}), 404],
      ['confirm with long evidence', await send('POST', `${PORTAL}/criteria/problem_described/confirm`, JSON.stringify({ evidence: 'x'.repeat(3000) })), 422, 'body.evidence'],
      ['decline with a number', await send('POST', `${PORTAL}/quotes/${quote.id}/decline`, '{"reason": 7}'), 422, 'body.reason'],
      ['colleague without an e-mail', await send('POST', `${PORTAL}/colleagues`, '{"name": "X"}'), 422, 'body.email'],
      ['colleague with a bad e-mail', await send('POST', `${PORTAL}/colleagues`, '{"name": "X", "email": "not an address"}'), 422, 'body.email'],
      ['colleague without a name', await send('POST', `${PORTAL}/colleagues`, '{"email": "x@kund.example"}'), 422, 'body.name'],
      ['calendar with a body', await send('POST', `${PORTAL}/calendar`, '{"url": "http://evil.example"}'), 422],
      ['a step id too long', await asBuyer(cookie, 'PATCH', `${PORTAL}/plan-steps/${'a'.repeat(100)}`, { done: true }), 404],
      ['a calendar token too long', await asBuyer(null, 'GET', `${PORTAL}/calendar/${'a'.repeat(300)}`), 404],
    ];
    const failures = cases.flatMap(([what, res, status, field]) => {
      const body = res.json() as { errors?: { field: string }[] };
      const ok = res.statusCode === status && String(res.headers['content-type']).startsWith('application/problem+json') && (!field || body.errors?.some((e) => e.field === field));
      return ok ? [] : [`${what}: ${res.statusCode} ${res.body.slice(0, 200)}`];
    });
    expect(failures).toEqual([]);
    // Nothing of it changed the room.
    const r = await room(cookie);
    expect(r.planSteps).toHaveLength(2);
    expect(r.say.members.every((m) => m.signOff === null && m.criteria.length === 0 && m.concerns.length === 0)).toBe(true);
    expect(r.quotes[0]?.status).toBe('sent');
  });

  it('keeps a closed journey’s room readable but not writable, its quote too', async () => {
    const { c, journey, cookie, quote, account } = await setting();
    json(await c.post(`/api/v1/journeys/${journey.id}/close`, { outcome: 'lost', reason: 'Valde en annan leverantör' }), 200);
    expect((await asBuyer(cookie, 'GET', `${PORTAL}/room`)).statusCode).toBe(200);
    const res = problem(await asBuyer(cookie, 'PUT', `${PORTAL}/sign-off`, { state: 'ready' }, { 'accept-language': 'sv' }));
    expect(res).toMatchObject({ status: 409, type: '/api/problems/journey_closed' });
    expect(res.detail).toMatch(/^Affären förlorades \d{4}-\d{2}-\d{2}; rummet kan läsas men inte längre ändras\.$/);
    // The quote still sent in it can be neither accepted nor declined: no order, no loyalty moved.
    for (const [path, body] of [['accept', { consent: '2,0' }], ['decline', {}]] as const) {
      expect(problem(await asBuyer(cookie, 'POST', `${PORTAL}/quotes/${quote.id}/${path}`, body))).toMatchObject({ status: 409, type: '/api/problems/journey_closed' });
    }
    expect((json(await c.get(`/api/v1/quotes/${quote.id}`), 200) as { status: string }).status).toBe('sent');
    expect((json(await c.get(`/api/v1/orders?accountId=${account.id}`), 200) as { items: unknown[] }).items).toEqual([]);
  });

  it('keeps an acceptance and a newer version sent at the same moment apart: the accepted version is never superseded', async () => {
    const { c, karin, journey, quote, product, account } = await setting();
    const cookie = await enter((await makePortalInvite(c, journey.id, karin.id)).link);
    const v2 = json(await c.post(`/api/v1/journeys/${journey.id}/quotes`, { lines: [{ productId: product.id, quantity: 2 }] }), 201) as { id: string };
    const [accepted, sent] = await Promise.all([asBuyer(cookie, 'POST', `${PORTAL}/quotes/${quote.id}/accept`, {}), c.post(`/api/v1/quotes/${v2.id}/send`, {})]);
    expect(sent.statusCode, sent.body).toBe(200);
    const v1 = (json(await c.get(`/api/v1/quotes/${quote.id}`), 200) as { status: string }).status;
    const orders = (json(await c.get(`/api/v1/orders?accountId=${account.id}`), 200) as { items: unknown[] }).items;
    if (accepted.statusCode === 200) {
      expect([v1, orders.length]).toEqual(['accepted', 1]);
    } else {
      expect([accepted.statusCode, v1, orders.length]).toEqual([409, 'superseded', 0]);
    }
  });

  it('lets one answer win when two buyers accept the same quote at once: one order, the other told', async () => {
    const { c, karin, per, journey, quote, account } = await setting();
    const [karinCookie, perCookie] = [await enter((await makePortalInvite(c, journey.id, karin.id)).link), await enter((await makePortalInvite(c, journey.id, per.id)).link)];
    const answers = await Promise.all([
      asBuyer(karinCookie, 'POST', `${PORTAL}/quotes/${quote.id}/accept`, { consent: '2,0' }),
      asBuyer(perCookie, 'POST', `${PORTAL}/quotes/${quote.id}/accept`, { consent: '2,0' }),
      asBuyer(perCookie, 'POST', `${PORTAL}/quotes/${quote.id}/decline`, {}),
    ]);
    expect(answers.map((r) => r.statusCode).sort()).toEqual([200, 409, 409]);
    const lost = answers.filter((r) => r.statusCode === 409).map((r) => r.json().detail as string);
    expect(lost.every((d) => /^(This quote was answered a moment ago by someone else; read it again\.|This quote is (accepted|declined); only a sent quote can be accepted or declined\.)$/.test(d))).toBe(true);
    const orders = (json(await c.get(`/api/v1/orders?accountId=${account.id}`), 200) as { items: unknown[] }).items;
    const final = (json(await c.get(`/api/v1/quotes/${quote.id}`), 200) as { status: string }).status;
    expect(orders).toHaveLength(final === 'accepted' ? 1 : 0);
  });
});
