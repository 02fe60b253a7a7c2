import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../helpers/backends.ts';
import { makeJourney, startTestApp, type JourneyBody, type TestApp } from '../helpers/app.ts';

describe.each(BACKENDS)('journeys on %s', (backend) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(backend);
  });
  afterAll(async () => t.close());

  it('starts a journey at the first stage with its criteria unmet', async () => {
    const j = await makeJourney(t.admin);
    expect(j.stage).toBe('need');
    expect(j.status).toBe('open');
    expect(j.criteria.map((c) => [c.key, c.met, c.derived])).toEqual([
      ['problem_described', false, false],
      ['cost_of_inaction', false, false],
    ]);
    expect(j.criteria[0]?.text).toBe('Köparen har beskrivit problemet med egna ord');
  });

  it('speaks English when the caller asks for it', async () => {
    const j = await makeJourney(t.admin);
    const res = await t.admin.request('GET', `/api/v1/journeys/${j.id}`, undefined, { 'accept-language': 'en-GB,en;q=0.9' });
    expect(res.json().criteria[0].text).toBe('The buyer has described the problem in their own words');
  });

  it('refuses to advance with 409 naming each unmet criterion', async () => {
    const j = await makeJourney(t.admin);
    await t.admin.post(`/api/v1/journeys/${j.id}/criteria/problem_described`, { evidence: 'Mail 3 nov: "plocket tar för lång tid"' });
    const res = await t.admin.post(`/api/v1/journeys/${j.id}/advance`, {});
    expect(res.statusCode).toBe(409);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const problem = res.json();
    expect(problem.type).toBe('/api/problems/unmet_criteria');
    expect(problem.unmet).toEqual([{ key: 'cost_of_inaction', text: 'Köparen har sagt vad det kostar att inte göra något', derived: false }]);
    expect((await t.admin.get(`/api/v1/journeys/${j.id}`)).json().stage).toBe('need');
  });

  it('advances once every criterion is met, and keeps the evidence', async () => {
    const j = await makeJourney(t.admin);
    const met = await t.admin.post(`/api/v1/journeys/${j.id}/criteria/problem_described`, { evidence: 'Möte 4 nov' });
    expect(met.statusCode).toBe(200);
    expect(met.json().criteria[0]).toMatchObject({ key: 'problem_described', met: true, evidence: 'Möte 4 nov' });
    await t.admin.post(`/api/v1/journeys/${j.id}/criteria/cost_of_inaction`, { evidence: '2 mkr per år i övertid' });
    const res = await t.admin.post(`/api/v1/journeys/${j.id}/advance`);
    expect(res.statusCode).toBe(200);
    const after = res.json() as JourneyBody;
    expect(after.stage).toBe('explore');
    expect(after.criteria.every((c) => !c.met)).toBe(true);
  });

  it('un-meets a criterion with DELETE', async () => {
    const j = await makeJourney(t.admin);
    await t.admin.post(`/api/v1/journeys/${j.id}/criteria/problem_described`, { evidence: 'x' });
    const res = await t.admin.del(`/api/v1/journeys/${j.id}/criteria/problem_described`);
    expect(res.json().criteria[0].met).toBe(false);
  });

  it('overrides with a written reason, which is logged and shown on the journey', async () => {
    const j = await makeJourney(t.admin);
    const res = await t.admin.post(`/api/v1/journeys/${j.id}/advance`, { overrideReason: 'Köparen har redan en upphandling igång' });
    expect(res.statusCode).toBe(200);
    const body = res.json() as JourneyBody;
    expect(body.stage).toBe('explore');
    expect(body.overrides).toEqual([
      expect.objectContaining({ from: 'need', to: 'explore', reason: 'Köparen har redan en upphandling igång', overridden: ['problem_described', 'cost_of_inaction'] }),
    ]);
    const audit = await t.admin.get(`/api/v1/audit?entity=journey&entityId=${j.id}`);
    expect(audit.json().items.some((a: { action: string; after: { overrideReason: string } }) => a.action === 'journey.advance' && a.after.overrideReason.startsWith('Köparen'))).toBe(true);
  });

  it('refuses a blank override reason', async () => {
    const j = await makeJourney(t.admin);
    const res = await t.admin.post(`/api/v1/journeys/${j.id}/advance`, { overrideReason: '   ' });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].field).toBe('body.overrideReason');
  });

  it('computes derived criteria from concerns and refuses to tick them by hand', async () => {
    const j = await makeJourney(t.admin);
    for (const stage of ['need', 'explore']) {
      await t.admin.post(`/api/v1/journeys/${j.id}/advance`, { overrideReason: `test: skip ${stage}` });
    }
    const concern = (await t.admin.post(`/api/v1/journeys/${j.id}/concerns`, { topic: 'risk', text: 'Klarar det vår toppsäsong?', blocking: true })).json();
    let body = (await t.admin.get(`/api/v1/journeys/${j.id}`)).json() as JourneyBody;
    expect(body.stage).toBe('evaluate');
    expect(body.criteria.find((c) => c.key === 'concerns_answered')).toMatchObject({ met: false, derived: true });

    const hand = await t.admin.post(`/api/v1/journeys/${j.id}/criteria/concerns_answered`, { evidence: 'trust me' });
    expect(hand.statusCode).toBe(422);
    expect(hand.json().type).toBe('/api/problems/derived_criterion');

    await t.admin.post(`/api/v1/journeys/${j.id}/concerns/${concern.id}/answer`, { answer: 'Ja, vi lasttestade 3× er volym' });
    body = (await t.admin.get(`/api/v1/journeys/${j.id}`)).json() as JourneyBody;
    expect(body.criteria.find((c) => c.key === 'concerns_answered')?.met).toBe(true);
  });

  it('closes a journey as won or lost with a reason, and then refuses changes', async () => {
    const j = await makeJourney(t.admin);
    const res = await t.admin.post(`/api/v1/journeys/${j.id}/close`, { outcome: 'lost', reason: 'Valde att vänta ett år' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'lost', closeReason: 'Valde att vänta ett år' });
    const again = await t.admin.post(`/api/v1/journeys/${j.id}/advance`, { overrideReason: 'x' });
    expect(again.statusCode).toBe(409);
    expect(again.json().type).toBe('/api/problems/journey_closed');
  });

  it('refuses to advance past the last stage', async () => {
    const j = await makeJourney(t.admin, { templateKey: 'consumer' });
    for (let i = 0; i < 3; i++) await t.admin.post(`/api/v1/journeys/${j.id}/advance`, { overrideReason: 'test' });
    const res = await t.admin.post(`/api/v1/journeys/${j.id}/advance`, { overrideReason: 'test' });
    expect(res.statusCode).toBe(409);
    expect(res.json().type).toBe('/api/problems/last_stage');
  });

  it('lists journeys by stage, status and owner in keyset pages with no gaps or repeats', async () => {
    const seller = await t.user('seller');
    const made: string[] = [];
    for (let i = 0; i < 7; i++) made.push((await makeJourney(seller)).id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { id: string; ownerId: string }[]; nextCursor: string | null } = (
        await seller.get(`/api/v1/journeys?ownerId=${seller.userId}&status=open&stage=need&limit=3${cursor ? `&cursor=${cursor}` : ''}`)
      ).json();
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items.map((j) => j.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...made].reverse());
    const bad = await seller.get('/api/v1/journeys?cursor=not-a-cursor');
    expect(bad.statusCode).toBe(422);
  });
});
