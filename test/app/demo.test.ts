import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/app/context.ts';
import { acceptProposal, listRoomCases } from '../../src/app/cases.ts';
import { caseMetrics, listCases, todayCases } from '../../src/app/case-lists.ts';
import { NEW_YEARS_EVE_TOPIC, STORIES } from '../../src/app/demo-cases.ts';
import { ensureFirstOrg } from '../../src/app/setup.ts';
import { openDemoRoom } from '../../src/app/demo-room.ts';
import { createDemoOrg, demoAnchor } from '../../src/app/demo.ts';
import { listJourneyComments } from '../../src/app/portal-dialogue.ts';
import { defaultPortalLimits, portalActorFromSession, portalRoom, redeemMagicLink } from '../../src/app/portal.ts';
import { loyaltySummary } from '../../src/app/loyalty.ts';
import { DERIVED_CRITERIA } from '../../src/domain/process.ts';
import { BACKENDS, openTestStore, type TestStore } from '../helpers/backends.ts';

const NOW = new Date('2026-11-29T08:00:00.000Z');
const admin = (email: string) => ({ email, name: 'Demo Admin', password: 'demo-password' });

describe.each(BACKENDS)('the demo org on %s', (backend) => {
  let a: TestStore;
  let b: TestStore;
  beforeAll(async () => {
    [a, b] = await Promise.all([openTestStore(backend), openTestStore(backend)]);
  });
  afterAll(async () => Promise.all([a.drop(), b.drop()]));

  const ctxOf = (s: TestStore): AppContext => ({ store: s.store, now: () => NOW });

  it('is realistic: about 50 accounts, 150 contacts and 80 journeys in every stage', async () => {
    const res = await createDemoOrg(ctxOf(a), { seed: 1, admin: admin('demo1@test.example'), now: NOW });
    expect(res.counts.accounts).toBeGreaterThanOrEqual(45);
    expect(res.counts.contacts).toBeGreaterThanOrEqual(120);
    expect(res.counts.journeys).toBeGreaterThanOrEqual(75);
    const db = a.store.db;
    const stages = new Set((await db.selectFrom('journeys').select('stage').where('org_id', '=', res.orgId).execute()).map((r) => r.stage));
    expect([...stages]).toEqual(expect.arrayContaining(['need', 'explore', 'evaluate', 'decide', 'buy', 'use', 'compare']));
    const statuses = new Set((await db.selectFrom('journeys').select('status').where('org_id', '=', res.orgId).execute()).map((r) => r.status));
    expect([...statuses].sort()).toEqual(['lost', 'open', 'paused', 'won']);
  });

  it('keeps the rules the app keeps: outbound touches have a purpose, derived criteria are never stored', async () => {
    const db = a.store.db;
    const purposeless = await db
      .selectFrom('interactions')
      .select('id')
      .where('direction', '=', 'outbound')
      .where('purpose_criterion', 'is', null)
      .where('purpose_concern_id', 'is', null)
      .where('purpose_why', 'is', null)
      .execute();
    expect(purposeless).toEqual([]);
    const derived = await db.selectFrom('journey_criteria').select('criterion_key').where('criterion_key', 'in', [...DERIVED_CRITERIA]).execute();
    expect(derived).toEqual([]);
    const future = await db.selectFrom('interactions').select('id').where('occurred_at', '>', NOW.toISOString()).execute();
    expect(future).toEqual([]);
  });

  it('has three years of orders that give every tier, a fitted model and tier history', async () => {
    const db = a.store.db;
    const org = await db.selectFrom('orgs').select('id').executeTakeFirstOrThrow();
    const orders = await db.selectFrom('orders').select(['ordered_at']).where('org_id', '=', org.id).orderBy('ordered_at').execute();
    expect(orders.length).toBeGreaterThan(300);
    const first = orders[0]!.ordered_at;
    expect(first < '2024-03-01' && first >= '2023-11-29').toBe(true);
    expect(orders.at(-1)!.ordered_at <= '2026-11-29').toBe(true);
    const ctx = ctxOf(a);
    const actor = { orgId: org.id, userId: null, role: 'admin' as const, kind: 'system' as const };
    const summary = await loyaltySummary(ctx, actor, {});
    for (const tier of summary.tiers) expect(tier.accounts, tier.tier).toBeGreaterThan(0);
    expect(summary.model).not.toBeNull();
    // The nightly replay leaves real moves this quarter, and loyal accounts that drift away.
    expect(summary.moves.length).toBeGreaterThan(0);
    expect(summary.falling.length).toBeGreaterThan(0);
    const changes = await db.selectFrom('tier_changes').select(['at']).where('org_id', '=', org.id).orderBy('at').execute();
    expect(changes[0]!.at < '2024-06-01').toBe(true);
  });

  it("tells the New Year's Eve story: a ×3 demand rule, and draft quotes for a new, a regular and a champion customer under their caps", async () => {
    const db = a.store.db;
    const org = await db.selectFrom('orgs').select('id').executeTakeFirstOrThrow();
    const products = await db.selectFrom('products').select(['id', 'sku']).where('org_id', '=', org.id).execute();
    expect(products.length).toBeGreaterThanOrEqual(5);
    const withProduct = await db.selectFrom('orders').select('id').where('org_id', '=', org.id).where('product_id', 'is', null).execute();
    expect(withProduct).toEqual([]);
    const rules = await db.selectFrom('price_rules').select(['kind', 'rule']).where('org_id', '=', org.id).execute();
    expect(rules).toHaveLength(1);
    expect(JSON.parse(rules[0]!.rule)).toMatchObject({ kind: 'demand', multiplierBp: 30_000, window: { from: '2026-12-31T22:00', to: '2027-01-01T04:00' } });
    const quotes = await db.selectFrom('quotes').selectAll().where('org_id', '=', org.id).orderBy('total_minor', 'desc').execute();
    expect(quotes.map((q) => q.tier)).toEqual(['new', 'regular', 'champion']);
    expect(quotes.every((q) => q.priced_at === '2026-12-31T21:30:00.000Z' && q.status === 'draft')).toBe(true);
    const [fresh, regular, champion] = quotes;
    // The new customer pays at most 2 × the list price and must consent; the champion no more than usual.
    expect(fresh).toMatchObject({ consent_required: 1, consent_multiplier_tenths: 20 });
    expect(Number(fresh!.total_minor)).toBe(2 * Number(fresh!.reference_total_minor));
    expect(Number(regular!.total_minor)).toBe(1.5 * Number(regular!.reference_total_minor));
    expect(Number(champion!.total_minor)).toBeLessThanOrEqual(Number(champion!.reference_total_minor));
    expect(champion!.consent_required).toBe(0);
  });

  it('gives the same data for the same seed, and other data for another seed', async () => {
    const again = await createDemoOrg(ctxOf(b), { seed: 1, admin: admin('demo1@test.example'), now: NOW });
    const snapshot = async (s: TestStore, orgId: string) => ({
      accounts: await s.store.db.selectFrom('accounts').select(['id', 'name', 'org_number']).where('org_id', '=', orgId).orderBy('id').execute(),
      journeys: await s.store.db.selectFrom('journeys').select(['id', 'title', 'stage', 'status', 'value_minor']).where('org_id', '=', orgId).orderBy('id').execute(),
      events: await s.store.db.selectFrom('timeline_events').select(['id', 'kind', 'at', 'data']).where('org_id', '=', orgId).orderBy('id').execute(),
      orders: await s.store.db.selectFrom('orders').select(['id', 'account_id', 'ordered_at', 'amount_minor']).where('org_id', '=', orgId).orderBy('id').execute(),
      tiers: await s.store.db.selectFrom('account_loyalty').select(['account_id', 'tier', 'r', 'f', 'm']).where('org_id', '=', orgId).orderBy('account_id').execute(),
    });
    const first = await a.store.db.selectFrom('orgs').select('id').executeTakeFirstOrThrow();
    expect(await snapshot(b, again.orgId)).toEqual(await snapshot(a, first.id));
    const other = await createDemoOrg(ctxOf(b), { seed: 2, admin: admin('demo2@test.example'), now: NOW });
    const names = async (orgId: string) => (await b.store.db.selectFrom('accounts').select('name').where('org_id', '=', orgId).orderBy('id').execute()).map((r) => r.name);
    expect(await names(other.orgId)).not.toEqual(await names(again.orgId));
  });

  it("opens the New Year's Eve quote's room: sent and seen by the new customer, not ready yet, a question answered, a guest waiting", async () => {
    // After the comparison of a and b above: the room adds to a's demo.
    const ctx = ctxOf(a);
    const org = await a.store.db.selectFrom('orgs').select('id').executeTakeFirstOrThrow();
    const demo = await openDemoRoom(ctx, org.id);
    expect(demo?.link).toMatch(/^\/p\/[0-9a-f-]{36}\.[A-Za-z0-9_-]{43}$/);
    // The printed link opens the room (again: the demo opened it once already).
    const session = await redeemMagicLink(ctx, defaultPortalLimits(), demo!.link, 'test');
    const buyer = (await portalActorFromSession(ctx, session.token))!;
    expect(buyer.contactName).toBe(demo!.buyer);
    const room = await portalRoom(ctx, buyer, 'sv');
    expect(room.journey.title).toBe(demo!.journeyTitle);
    expect(room.quotes).toEqual([expect.objectContaining({ status: 'viewed', consent: expect.objectContaining({ required: true }) })]);
    const me = room.say.members.find((m) => m.you);
    expect(me?.signOff).toMatchObject({ state: 'not_yet', reason: expect.stringContaining('nyårspriset') });
    const seller = { orgId: org.id, userId: null, role: 'admin' as const, kind: 'system' as const };
    const thread = await listJourneyComments(ctx, seller, room.journey.id);
    expect(thread.items.map((c) => [c.author.kind, c.status])).toEqual([
      ['contact', 'published'],
      ['user', 'published'],
      ['guest', 'pending'],
    ]);
  });

  it("has cases in every state, the New Year's Eve complaint waiting in the room, on Today and in figures by tier and seller", async () => {
    // The first start, as `h2h serve` makes it: the demo org, its room, then its cases.
    const c = await openTestStore(backend);
    try {
      const ctx = ctxOf(c);
      const first = (await ensureFirstOrg(ctx, { demo: true, adminPassword: 'demo-password', seed: 1 }))!;
      const admin = { orgId: first.orgId, userId: null, role: 'admin' as const, kind: 'system' as const };
      const all = (await listCases(ctx, admin, { sort: 'due', limit: 200 })).items;
      const about = (topic: string) => all.find((x) => x.topic === topic)!;
      const state = (k: keyof typeof STORIES) => about(STORIES[k].topic);
      expect(state('open')).toMatchObject({ status: 'open', shownStatus: 'open', firstResponseAt: null, clocks: { firstResponse: { state: 'overdue' } } });
      expect(state('proposed')).toMatchObject({ status: 'proposed', shownStatus: 'proposed' });
      expect(state('unanswered')).toMatchObject({ status: 'proposed', shownStatus: 'unanswered', resolvedAt: null });
      expect(state('resolved')).toMatchObject({ status: 'resolved', checkInDue: true });
      expect(state('reopened')).toMatchObject({ status: 'open', reopened: 1 });
      expect(state('closed')).toMatchObject({ status: 'closed', resolvedAt: null });
      // Different tiers and different sellers.
      expect(new Set(all.map((x) => x.tier)).size).toBeGreaterThanOrEqual(4);
      expect(new Set(all.map((x) => x.journey.ownerId)).size).toBeGreaterThanOrEqual(3);

      // The New Year's Eve complaint, in the printed room: a refund rejected with a comment, a credit waiting for the buyer.
      const session = await redeemMagicLink(ctx, defaultPortalLimits(), first.room!.link, 'test');
      const buyer = (await portalActorFromSession(ctx, session.token))!;
      const nye = (await listRoomCases(ctx, buyer)).items.find((x) => x.topic === NEW_YEARS_EVE_TOPIC)!;
      expect(about(NEW_YEARS_EVE_TOPIC).tier).toBe('new');
      expect(nye).toMatchObject({ status: 'proposed', quoteId: expect.any(String), proposal: { resolution: 'credit', amountMinor: expect.any(Number) } });
      expect(nye.steps.map((x) => [x.kind, x.resolution])).toEqual([
        ['opened', null],
        ['proposed', 'refund'],
        ['rejected', null],
        ['proposed', 'credit'],
      ]);
      expect(nye.steps[2]!.text).toContain('förstå varför');

      // Today: the overdue answer and the check-in, each on its seller's list.
      const today = async (k: keyof typeof STORIES) => todayCases(ctx, first.orgId, state(k).journey.ownerId, 'sv');
      expect(await today('open')).toContainEqual(expect.objectContaining({ kind: 'case_first_response_overdue', case: expect.objectContaining({ id: state('open').id }) }));
      expect(await today('resolved')).toContainEqual(expect.objectContaining({ kind: 'case_check_in', case: expect.objectContaining({ id: state('resolved').id }) }));

      // The figures: in total, by several tiers and by several sellers.
      const m = await caseMetrics(ctx, admin, {});
      expect(m.total).toMatchObject({ cases: 7, resolved: 1, closedWithoutAgreement: 1 });
      expect(m.total.acceptanceRate).toBeGreaterThan(0);
      expect(m.total.reopenRate).toBeGreaterThan(0);
      expect(m.total.medianFirstResponseHours).not.toBeNull();
      expect(m.total.medianResolutionHours).not.toBeNull();
      expect(m.byTier.filter((t) => t.cases > 0).length).toBeGreaterThanOrEqual(4);
      expect(m.bySeller.length).toBeGreaterThanOrEqual(3);

      // A user can accept the waiting credit from the printed link.
      expect(await acceptProposal(ctx, buyer, nye.id, { comment: 'Tack för förklaringen.' })).toMatchObject({ status: 'resolved' });
    } finally {
      await c.drop();
    }
  });
});

describe('the demo org in another week', () => {
  it('has the same content, dated back from the new week', async () => {
    const [a, b] = await Promise.all([openTestStore('sqlite'), openTestStore('sqlite')]);
    try {
      const later = new Date(NOW.getTime() + 86_400_000 * 7 * 5);
      const one = await createDemoOrg({ store: a.store, now: () => NOW }, { seed: 9, admin: admin('d9@test.example'), now: NOW });
      const two = await createDemoOrg({ store: b.store, now: () => later }, { seed: 9, admin: admin('d9@test.example'), now: later });
      expect(two.counts).toEqual(one.counts);
      const content = async (s: TestStore, orgId: string) => ({
        accounts: (await s.store.db.selectFrom('accounts').select(['name', 'org_number']).where('org_id', '=', orgId).orderBy('name_key').execute()),
        journeys: (await s.store.db.selectFrom('journeys').select(['title', 'stage', 'status', 'value_minor']).where('org_id', '=', orgId).orderBy('title').orderBy('stage').execute()),
      });
      expect(await content(b, two.orgId)).toEqual(await content(a, one.orgId));
    } finally {
      await Promise.all([a.drop(), b.drop()]);
    }
  });
});

describe('the demo anchor', () => {
  it('is the Monday of the week, at midnight UTC', () => {
    expect(demoAnchor(new Date('2026-11-29T22:10:00Z')).toISOString()).toBe('2026-11-23T00:00:00.000Z');
    expect(demoAnchor(new Date('2026-11-23T00:00:00Z')).toISOString()).toBe('2026-11-23T00:00:00.000Z');
    expect(demoAnchor(new Date('2026-12-01T09:00:00Z')).toISOString()).toBe('2026-11-30T00:00:00.000Z');
  });
});
