import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../helpers/backends.ts';
import { makeJourney, startTestApp, type Client, type TestApp } from '../helpers/app.ts';

describe.each(BACKENDS)('roles on %s', (backend) => {
  let t: TestApp;
  let seller: Client;
  let otherSeller: Client;
  let manager: Client;
  beforeAll(async () => {
    t = await startTestApp(backend);
    seller = await t.user('seller');
    otherSeller = await t.user('seller');
    manager = await t.user('manager');
  });
  afterAll(async () => t.close());

  it('lets a seller read the whole org but write only the journeys they own', async () => {
    const theirs = await makeJourney(otherSeller);
    expect((await seller.get(`/api/v1/journeys/${theirs.id}`)).statusCode).toBe(200);
    expect((await seller.get(`/api/v1/journeys/${theirs.id}/timeline`)).statusCode).toBe(200);
    const writes = [
      seller.post(`/api/v1/journeys/${theirs.id}/criteria/problem_described`, { evidence: 'x' }),
      seller.post(`/api/v1/journeys/${theirs.id}/advance`, { overrideReason: 'x' }),
      seller.post(`/api/v1/journeys/${theirs.id}/concerns`, { topic: 'price', text: 'x' }),
      seller.post(`/api/v1/journeys/${theirs.id}/interactions`, { channel: 'call', direction: 'inbound', occurredAt: '2026-11-28T10:00:00Z', summary: 'x' }),
      seller.post(`/api/v1/journeys/${theirs.id}/close`, { outcome: 'won', reason: 'x' }),
      seller.patch(`/api/v1/journeys/${theirs.id}`, { title: 'mine now' }),
    ];
    for (const res of await Promise.all(writes)) {
      expect(res.statusCode).toBe(403);
      expect(res.json().type).toBe('/api/problems/forbidden');
    }
    expect((await otherSeller.get(`/api/v1/journeys/${theirs.id}`)).json()).toMatchObject({ stage: 'need', status: 'open', concerns: [] });
    const mine = await makeJourney(seller);
    expect((await seller.post(`/api/v1/journeys/${mine.id}/criteria/problem_described`, { evidence: 'x' })).statusCode).toBe(200);
  });

  it('lets a manager write any journey', async () => {
    const theirs = await makeJourney(otherSeller);
    expect((await manager.post(`/api/v1/journeys/${theirs.id}/criteria/problem_described`, { evidence: 'x' })).statusCode).toBe(200);
  });

  it('does not let a seller create a journey for someone else', async () => {
    const res = await makeJourney(seller, { ownerId: otherSeller.userId }).catch((e: Error) => e.message);
    expect(String(res)).toContain('forbidden');
  });

  it('lets only admins add users, change roles, see the audit log and make processes', async () => {
    for (const c of [seller, manager]) {
      expect((await c.post('/api/v1/users', { email: `x-${backend}@test.example`, name: 'X', role: 'admin' })).statusCode).toBe(403);
      expect((await c.patch(`/api/v1/users/${c.userId}`, { role: 'admin' })).statusCode).toBe(403);
      expect((await c.get('/api/v1/audit')).statusCode).toBe(403);
    }
    const made = await t.admin.post('/api/v1/users', { email: `new-${backend}@test.example`, name: 'Ny Säljare', role: 'seller' });
    expect(made.statusCode).toBe(201);
    expect(made.json()).toMatchObject({ role: 'seller', name: 'Ny Säljare' });
    const dup = await t.admin.post('/api/v1/users', { email: `NEW-${backend}@test.example`, name: 'Dubblett', role: 'seller' });
    expect(dup.statusCode).toBe(409);
    const promoted = await t.admin.patch(`/api/v1/users/${made.json().id}`, { role: 'manager' });
    expect(promoted.json().role).toBe('manager');
    expect((await t.admin.get('/api/v1/users')).json().items.length).toBeGreaterThanOrEqual(5);
  });

  it('does not let an admin lock themselves out', async () => {
    const res = await t.admin.patch(`/api/v1/users/${t.admin.userId}`, { role: 'seller' });
    expect(res.statusCode).toBe(409);
  });

  it('records every write in the audit log with actor, action, entity, before and after', async () => {
    const j = await makeJourney(seller);
    await seller.patch(`/api/v1/journeys/${j.id}`, { title: 'Nytt namn' });
    const audit = (await t.admin.get(`/api/v1/audit?entity=journey&entityId=${j.id}`)).json().items;
    const update = audit.find((a: { action: string }) => a.action === 'journey.update');
    expect(update).toMatchObject({ actorId: seller.userId, actorKind: 'token', entity: 'journey', entityId: j.id, before: { title: 'Nytt lagersystem' }, after: { title: 'Nytt namn' } });
    expect(audit.find((a: { action: string }) => a.action === 'journey.create')).toMatchObject({ before: null, after: { title: 'Nytt lagersystem' } });
  });

  it('lets admins define a custom process, with names in sv and en, and start journeys on it', async () => {
    const body = {
      key: 'renewal',
      name: { sv: 'Förnyelse', en: 'Renewal' },
      stages: [
        { key: 'review', name: { sv: 'Utvärdering', en: 'Review' }, criteria: [{ key: 'usage_reviewed', text: { sv: 'Kunden har sett sin användning', en: 'The buyer has seen their usage' } }] },
        { key: 'renew', name: { sv: 'Förnya', en: 'Renew' }, criteria: [{ key: 'concerns_answered', text: { sv: 'Inga obesvarade frågor', en: 'No open concerns' } }] },
      ],
    };
    expect((await manager.post('/api/v1/process-templates', body)).statusCode).toBe(403);
    const made = await t.admin.post('/api/v1/process-templates', body);
    expect(made.statusCode).toBe(201);
    expect((await t.admin.post('/api/v1/process-templates', body)).statusCode).toBe(409);
    const list = (await seller.get('/api/v1/process-templates')).json().items.map((x: { key: string }) => x.key);
    expect(list).toEqual(expect.arrayContaining(['b2b', 'consumer', 'renewal']));
    const j = await makeJourney(seller, { templateKey: 'renewal' });
    expect(j.stage).toBe('review');
    const advanced = await seller.post(`/api/v1/journeys/${j.id}/advance`, { overrideReason: 'x' });
    expect(advanced.json().criteria[0]).toMatchObject({ key: 'concerns_answered', derived: true, met: true });
    const orphan = await t.admin.put(`/api/v1/process-templates/${made.json().id}`, { name: body.name, stages: [body.stages[0], { ...body.stages[1], key: 'other' }] });
    expect(orphan.statusCode).toBe(409);
    expect(orphan.json().detail).toContain('renew');
    const one = await t.admin.post('/api/v1/process-templates', { ...body, key: 'tiny', stages: [body.stages[0]] });
    expect(one.statusCode).toBe(422);
  });
});
