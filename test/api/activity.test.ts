import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../helpers/backends.ts';
import { makeJourney, startTestApp, type TestApp } from '../helpers/app.ts';

describe.each(BACKENDS)('interactions, concerns, plan and timeline on %s', (backend) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(backend);
  });
  afterAll(async () => t.close());

  const touch = (extra: Record<string, unknown>) => ({ channel: 'email', direction: 'outbound', occurredAt: '2026-11-28T10:00:00+01:00', summary: 'Skickade kravlistan', ...extra });

  it('refuses an outbound interaction without a purpose, and says why H2H asks', async () => {
    const j = await makeJourney(t.admin);
    const res = await t.admin.post(`/api/v1/journeys/${j.id}/interactions`, touch({}));
    expect(res.statusCode).toBe(422);
    expect(res.json().type).toBe('/api/problems/purpose_required');
    expect(res.json().detail).toMatch(/which tools actually move buyers forward/);
    expect(res.json().errors).toEqual([expect.objectContaining({ field: 'body.purpose' })]);
  });

  it('logs outbound touches with a criterion, a concern or a written why, and inbound ones freely', async () => {
    const j = await makeJourney(t.admin);
    const account = await t.admin.get(`/api/v1/accounts/${j.accountId}`);
    const contact = (await t.admin.post(`/api/v1/accounts/${account.json().id}/contacts`, { name: 'Karin Sjö', buyingRole: 'champion' })).json();
    const concern = (await t.admin.post(`/api/v1/journeys/${j.id}/concerns`, { topic: 'price', text: 'Dyrare än idag?', blocking: false })).json();
    const byCriterion = await t.admin.post(`/api/v1/journeys/${j.id}/interactions`, touch({ purpose: { criterion: 'cost_of_inaction' }, contactIds: [contact.id] }));
    expect(byCriterion.statusCode).toBe(201);
    expect(byCriterion.json()).toMatchObject({ purpose: { criterion: 'cost_of_inaction' }, contactIds: [contact.id], stage: 'need', occurredAt: '2026-11-28T09:00:00.000Z' });
    expect((await t.admin.post(`/api/v1/journeys/${j.id}/interactions`, touch({ purpose: { concernId: concern.id } }))).statusCode).toBe(201);
    expect((await t.admin.post(`/api/v1/journeys/${j.id}/interactions`, touch({ channel: 'cold_call', purpose: { why: 'Presentera oss' } }))).statusCode).toBe(201);
    expect((await t.admin.post(`/api/v1/journeys/${j.id}/interactions`, touch({ direction: 'inbound', channel: 'call' }))).statusCode).toBe(201);
    const unknownCriterion = await t.admin.post(`/api/v1/journeys/${j.id}/interactions`, touch({ purpose: { criterion: 'vibes' } }));
    expect(unknownCriterion.statusCode).toBe(422);
    expect(unknownCriterion.json().errors[0].field).toBe('body.purpose.criterion');
    const twoPurposes = await t.admin.post(`/api/v1/journeys/${j.id}/interactions`, touch({ purpose: { why: 'a', criterion: 'cost_of_inaction' } }));
    expect(twoPurposes.statusCode).toBe(422);
    const badChannel = await t.admin.post(`/api/v1/journeys/${j.id}/interactions`, touch({ channel: 'fax', purpose: { why: 'a' } }));
    expect(badChannel.json().errors[0].field).toBe('body.channel');
  });

  it('runs a concern from open to answered to accepted, and another to withdrawn', async () => {
    const j = await makeJourney(t.admin);
    const c = (await t.admin.post(`/api/v1/journeys/${j.id}/concerns`, { topic: 'risk', text: 'Vad händer vid avbrott?', blocking: true })).json();
    expect(c).toMatchObject({ status: 'open', blocking: true, topic: 'risk' });
    expect((await t.admin.post(`/api/v1/journeys/${j.id}/concerns/${c.id}/accept`)).statusCode).toBe(409);
    const answered = await t.admin.post(`/api/v1/journeys/${j.id}/concerns/${c.id}/answer`, { answer: 'Vi har 99,9 % tillgänglighet och reservrutiner' });
    expect(answered.json()).toMatchObject({ status: 'answered', answer: 'Vi har 99,9 % tillgänglighet och reservrutiner' });
    expect((await t.admin.post(`/api/v1/journeys/${j.id}/concerns/${c.id}/accept`)).json().status).toBe('accepted');
    const d = (await t.admin.post(`/api/v1/journeys/${j.id}/concerns`, { topic: 'timing', text: 'För tidigt?' })).json();
    expect(d.blocking).toBe(false);
    expect((await t.admin.post(`/api/v1/journeys/${j.id}/concerns/${d.id}/withdraw`)).json().status).toBe('withdrawn');
    expect((await t.admin.post(`/api/v1/journeys/${j.id}/concerns/${d.id}/answer`, { answer: 'x' })).statusCode).toBe(409);
    const journey = (await t.admin.get(`/api/v1/journeys/${j.id}`)).json();
    expect(journey.concerns.map((x: { status: string }) => x.status)).toEqual(['accepted', 'withdrawn']);
  });

  it('keeps a mutual plan: add, edit, complete and reorder steps owned by a person', async () => {
    const j = await makeJourney(t.admin);
    const contact = (await t.admin.post(`/api/v1/accounts/${j.accountId}/contacts`, { name: 'Per Gran', buyingRole: 'decision_maker' })).json();
    const titles = ['Workshop om krav', 'Referenssamtal', 'Beslutsmöte'];
    const steps = [];
    for (const [i, title] of titles.entries()) {
      const owner = i === 1 ? { contactId: contact.id } : { userId: t.admin.userId };
      const res = await t.admin.post(`/api/v1/journeys/${j.id}/plan-steps`, { title, owner, dueDate: `2026-12-0${i + 1}` });
      expect(res.statusCode).toBe(201);
      steps.push(res.json());
    }
    expect(steps.map((s) => s.position)).toEqual([1, 2, 3]);
    expect(steps[1].owner).toEqual({ contactId: contact.id });
    const edited = await t.admin.patch(`/api/v1/journeys/${j.id}/plan-steps/${steps[0].id}`, { title: 'Kravworkshop', dueDate: null });
    expect(edited.json()).toMatchObject({ title: 'Kravworkshop', dueDate: null });
    const done = await t.admin.post(`/api/v1/journeys/${j.id}/plan-steps/${steps[1].id}/complete`);
    expect(done.json().done).toBe(true);
    const order = [steps[2].id, steps[0].id, steps[1].id];
    const reordered = await t.admin.put(`/api/v1/journeys/${j.id}/plan-steps/order`, { stepIds: order });
    expect(reordered.json().items.map((s: { id: string }) => s.id)).toEqual(order);
    expect((await t.admin.get(`/api/v1/journeys/${j.id}/plan-steps`)).json().items.map((s: { title: string }) => s.title)).toEqual(['Beslutsmöte', 'Kravworkshop', 'Referenssamtal']);
    const partial = await t.admin.put(`/api/v1/journeys/${j.id}/plan-steps/order`, { stepIds: [steps[0].id] });
    expect(partial.statusCode).toBe(422);
    const noOwner = await t.admin.post(`/api/v1/journeys/${j.id}/plan-steps`, { title: 'x', owner: { contactId: '01900000-0000-7000-8000-000000000000' } });
    expect(noOwner.statusCode).toBe(422);
    const badDate = await t.admin.post(`/api/v1/journeys/${j.id}/plan-steps`, { title: 'x', owner: { userId: t.admin.userId }, dueDate: '2026-13-45' });
    expect(badDate.json().errors[0].field).toBe('body.dueDate');
  });

  it('merges everything into one timeline, newest first, in keyset pages', async () => {
    const j = await makeJourney(t.admin);
    t.clock.advance(60_000);
    await t.admin.post(`/api/v1/journeys/${j.id}/criteria/problem_described`, { evidence: 'Mötesanteckning' });
    t.clock.advance(60_000);
    const c = (await t.admin.post(`/api/v1/journeys/${j.id}/concerns`, { topic: 'fit', text: 'Passar det vårt ERP?' })).json();
    t.clock.advance(60_000);
    await t.admin.post(`/api/v1/journeys/${j.id}/plan-steps`, { title: 'Demo', owner: { userId: t.admin.userId } });
    t.clock.advance(60_000);
    await t.admin.post(`/api/v1/journeys/${j.id}/interactions`, touch({ occurredAt: t.clock.now().toISOString(), purpose: { concernId: c.id } }));
    t.clock.advance(60_000);
    await t.admin.post(`/api/v1/journeys/${j.id}/advance`, { overrideReason: 'Köparen vill gå vidare' });
    const kinds: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { kind: string }[]; nextCursor: string | null } = (await t.admin.get(`/api/v1/journeys/${j.id}/timeline?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)).json();
      kinds.push(...page.items.map((e) => e.kind));
      cursor = page.nextCursor;
    } while (cursor);
    expect(kinds).toEqual(['stage_changed', 'interaction', 'plan_step_added', 'concern_raised', 'criterion_met', 'journey_created']);
    const first = (await t.admin.get(`/api/v1/journeys/${j.id}/timeline?limit=1`)).json().items[0];
    expect(first.data).toMatchObject({ from: 'need', to: 'explore', overrideReason: 'Köparen vill gå vidare' });
  });

  it('places a back-dated interaction by when it happened', async () => {
    const j = await makeJourney(t.admin);
    await t.admin.post(`/api/v1/journeys/${j.id}/interactions`, touch({ direction: 'inbound', occurredAt: '2020-01-01T00:00:00Z' }));
    const items = (await t.admin.get(`/api/v1/journeys/${j.id}/timeline`)).json().items;
    expect(items.map((e: { kind: string }) => e.kind)).toEqual(['journey_created', 'interaction']);
  });
});
