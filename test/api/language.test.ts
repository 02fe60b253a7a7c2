import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../helpers/backends.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';

const sv = { 'accept-language': 'sv-SE,sv;q=0.9,en;q=0.5' };

describe.each(BACKENDS)('errors in the language asked for, on %s', (backend) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(backend);
  });
  afterAll(async () => t.close());

  it('words our own field rules in Swedish when asked, next to the field, and in English otherwise', async () => {
    const swedish = await t.admin.request('POST', '/api/v1/accounts', { kind: 'company', name: '   ' }, sv);
    expect(swedish.statusCode).toBe(422);
    expect(swedish.json().errors).toEqual([{ field: 'body.name', message: 'får inte vara tom' }]);
    expect(swedish.json().detail).toBe('body.name: får inte vara tom');
    const english = await t.admin.post('/api/v1/accounts', { kind: 'company', name: '   ' });
    expect(english.json().errors).toEqual([{ field: 'body.name', message: 'must not be empty' }]);
  });

  it("says zod's own checks in Swedish too: a missing field, a wrong type, a value not in the list", async () => {
    const res = await t.admin.request('POST', '/api/v1/accounts', { kind: 'ship', name: 42 }, sv);
    expect(res.statusCode).toBe(422);
    const byField = Object.fromEntries((res.json().errors as { field: string; message: string }[]).map((e) => [e.field, e.message]));
    expect(byField['body.name']).toBe('ska vara text');
    expect(byField['body.kind']).toMatch(/^ska vara ett av "company", "person"/);
    expect(res.json().detail).toBe('2 fält är inte giltiga; se errors.');
    const missing = await t.admin.request('POST', '/api/v1/journeys', {}, sv);
    expect(missing.json().errors).toContainEqual({ field: 'body.title', message: 'saknas' });
  });

  it('translates what the use cases find, keeping the values they quote', async () => {
    const noAccount = await t.admin.request('POST', '/api/v1/journeys', { accountId: 'no-such-account', title: 'Lager' }, sv);
    expect(noAccount.json().errors).toEqual([{ field: 'body.accountId', message: 'Det finns inget konto med det id:t i er organisation.' }]);
    const orgNumber = await t.admin.request('POST', '/api/v1/accounts', { kind: 'company', name: 'Fel Nummer AB', orgNumber: '556677-8890' }, sv);
    expect(orgNumber.json().errors[0].message).toBe('"556677-8890" är inget svenskt organisationsnummer: det har 10 siffror (NNNNNN-NNNN) och en riktig kontrollsiffra.');
    const english = await t.admin.request('POST', '/api/v1/journeys', { accountId: 'no-such-account', title: 'Lager' }, { 'accept-language': 'en-GB' });
    expect(english.json().errors[0].message).toBe('No account with that id in your organisation.');
  });
});
