/** Quotes through the API: priced, sent, bound, viewed, accepted with consent, declined, superseded, expired — on both backends. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markQuoteViewed } from '../../src/app/quotes.ts';
import { BACKENDS } from '../helpers/backends.ts';
import { startTestApp, type Client, type TestApp } from '../helpers/app.ts';

interface Quote {
  id: string;
  version: number;
  status: string;
  tier: string;
  totalMinor: number;
  vatMinor: number;
  grossMinor: number;
  referenceTotalMinor: number;
  validUntil: string | null;
  consent: { required: boolean; multiplier: { sv: string; en: string } | null };
  lines: { productId: string; quantity: number; unitMinor: number; lineTotalMinor: number; adjustments: { kind: string; reason: { sv: string; en: string } }[] }[];
  supersededBy: string | null;
  acceptedBy: { name: string; consentTyped?: string } | null;
}

const DAY = 86_400_000;
// The test clock stands at 2026-11-29 09:00 UTC; New Year's Eve 22:30 in Stockholm:
const NYE = '2026-12-31T21:30:00Z';
let serial = 0;

describe.each(BACKENDS)('quotes on %s', (backend) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(backend);
  });
  afterAll(async () => t.close());

  /** An org with a 100 kr product, the New Year's Eve rule ×3, and a journey for a new customer. */
  async function setting(c?: Client) {
    c ??= await t.otherOrg();
    const product = (await c.post('/api/v1/products', { sku: `TAXI-${++serial}`, name: { sv: 'Taxiresa', en: 'Taxi ride' }, listPriceMinor: 10_000 })).json() as { id: string };
    await c.post('/api/v1/price-rules', { kind: 'demand', reason: { sv: 'Nyårsafton', en: "New Year's Eve" }, window: { type: 'absolute', from: '2026-12-31T22:00', to: '2027-01-01T04:00' }, multiplier: 3 });
    const account = (await c.post('/api/v1/accounts', { kind: 'company', name: `Nykund ${++serial} AB` })).json() as { id: string };
    const journey = (await c.post('/api/v1/journeys', { accountId: account.id, title: 'Nyårsresan' })).json() as { id: string };
    return { c, product, account, journey };
  }
  const draft = async (c: Client, journeyId: string, body: Record<string, unknown>) => {
    const res = await c.post(`/api/v1/journeys/${journeyId}/quotes`, body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as Quote;
  };

  it("prices a draft at New Year's Eve, binds it when sent, and asks the buyer to type the multiple to accept", async () => {
    const { c, product, account, journey } = await setting();
    const q = await draft(c, journey.id, { lines: [{ productId: product.id, quantity: 1 }], at: NYE });
    expect(q).toMatchObject({ version: 1, status: 'draft', tier: 'new', totalMinor: 20_000, vatMinor: 5_000, grossMinor: 25_000, referenceTotalMinor: 10_000 });
    expect(q.lines[0]!.adjustments.map((a) => a.kind)).toEqual(['demand', 'cap']);

    // A draft is priced again on change; sending binds it.
    const two = (await c.patch(`/api/v1/quotes/${q.id}`, { lines: [{ productId: product.id, quantity: 2 }] })).json() as Quote;
    expect(two).toMatchObject({ totalMinor: 40_000, referenceTotalMinor: 20_000 });
    const sent = (await c.post(`/api/v1/quotes/${q.id}/send`, { validUntil: '2027-01-02T12:00:00Z' })).json() as Quote;
    expect(sent).toMatchObject({ status: 'sent', validUntil: '2027-01-02T12:00:00.000Z' });
    const rules = (await c.get('/api/v1/price-rules')).json().items as { id: string }[];
    await c.put(`/api/v1/price-rules/${rules[0]!.id}`, { kind: 'demand', reason: { sv: 'Nyår', en: 'New Year' }, window: { type: 'absolute', from: '2026-12-31T00:00', to: '2027-01-02T00:00' }, multiplier: 1.1 });
    expect(((await c.get(`/api/v1/quotes/${q.id}`)).json() as Quote).totalMinor).toBe(40_000);
    expect((await c.patch(`/api/v1/quotes/${q.id}`, { lines: [{ productId: product.id, quantity: 1 }] })).statusCode).toBe(409);

    // Twice what they usually pay: consent needed, and it must be the multiple shown.
    expect(sent.consent).toMatchObject({ required: true, multiplier: { sv: '2,0', en: '2.0' } });
    const none = await c.post(`/api/v1/quotes/${q.id}/accept`, { name: 'Karin Köpare' });
    expect(none.statusCode).toBe(422);
    expect(none.json().errors[0]).toMatchObject({ field: 'body.consent', message: 'This price is 2.0 times what you usually pay: type 2.0 to accept it.' });
    const sv = await c.request('POST', `/api/v1/quotes/${q.id}/accept`, { name: 'Karin Köpare', consent: '1,5' }, { 'accept-language': 'sv' });
    expect(sv.json().errors[0].message).toBe('Det här priset är 2,0 gånger vad du brukar betala: skriv 2,0 för att godkänna det.');
    const accepted = await c.post(`/api/v1/quotes/${q.id}/accept`, { name: 'Karin Köpare', consent: '2,0' });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({ status: 'accepted', acceptedBy: { name: 'Karin Köpare', consentTyped: '2,0' } });

    // The lines became orders of the account, and it is no longer new.
    const orders = (await c.get(`/api/v1/orders?accountId=${account.id}`)).json().items as { productId: string; amountMinor: number; quantity: number }[];
    expect(orders).toEqual([expect.objectContaining({ productId: product.id, amountMinor: 40_000, quantity: 2 })]);
    expect((await c.get(`/api/v1/accounts/${account.id}`)).json().tier).not.toBe('new');

    // An accepted quote never changes.
    expect((await c.post(`/api/v1/quotes/${q.id}/decline`, { reason: 'ångrar mig' })).statusCode).toBe(409);
    expect((await c.post(`/api/v1/quotes/${q.id}/accept`, { name: 'Karin Köpare', consent: '2,0' })).statusCode).toBe(409);
    expect((await c.post(`/api/v1/quotes/${q.id}/send`, {})).statusCode).toBe(409);
    const timeline = (await c.get(`/api/v1/journeys/${journey.id}/timeline`)).json().items as { kind: string }[];
    expect(timeline.map((e) => e.kind)).toEqual(expect.arrayContaining(['quote_drafted', 'quote_sent', 'quote_accepted']));
  });

  it("meets the journey's derived criteria: price explained once the buyer opened it, quote accepted", async () => {
    const { c, product, journey } = await setting();
    // Move the journey to decide, where price_explained is asked.
    for (let i = 0; i < 3; i++) expect((await c.post(`/api/v1/journeys/${journey.id}/advance`, { overrideReason: 'Testet hoppar fram' })).statusCode).toBe(200);
    const criterion = async (key: string) => ((await c.get(`/api/v1/journeys/${journey.id}`)).json().criteria as { key: string; met: boolean }[]).find((x) => x.key === key);
    expect(await criterion('price_explained')).toMatchObject({ met: false });

    const q = await draft(c, journey.id, { lines: [{ productId: product.id, quantity: 1 }] });
    await c.post(`/api/v1/quotes/${q.id}/send`, {});
    expect(await criterion('price_explained')).toMatchObject({ met: false });
    // The portal records that the buyer opened it.
    const viewed = await markQuoteViewed(t.ctx, { orgId: c.orgId, userId: null, role: 'admin', kind: 'system' }, q.id);
    expect(viewed.status).toBe('viewed');
    expect(await criterion('price_explained')).toMatchObject({ met: true });

    expect((await c.post(`/api/v1/journeys/${journey.id}/advance`, {})).statusCode).toBe(409); // other decide criteria are open
    await c.post(`/api/v1/journeys/${journey.id}/advance`, { overrideReason: 'Beslutet är fattat muntligt' });
    expect(await criterion('quote_accepted')).toMatchObject({ met: false });
    await c.post(`/api/v1/quotes/${q.id}/accept`, { name: 'Per Inköpare' });
    expect(await criterion('quote_accepted')).toMatchObject({ met: true });
    const card = ((await c.get('/api/v1/journeys?limit=50')).json().items as { id: string; readiness: { met: number; total: number } }[]).find((j) => j.id === journey.id);
    expect(card?.readiness).toEqual({ met: 1, total: 1 });
  });

  it('supersedes an older version when a newer one is sent, and lets a quote expire', async () => {
    const { c, product, journey } = await setting();
    const v1 = await draft(c, journey.id, { lines: [{ productId: product.id, quantity: 1 }] });
    await c.post(`/api/v1/quotes/${v1.id}/send`, { validUntil: '2026-12-10T12:00:00Z' });
    const v2 = await draft(c, journey.id, { lines: [{ productId: product.id, quantity: 3 }] });
    expect(v2.version).toBe(2);
    await c.post(`/api/v1/quotes/${v2.id}/send`, {});
    expect((await c.get(`/api/v1/quotes/${v1.id}`)).json()).toMatchObject({ status: 'superseded', supersededBy: v2.id });
    const late = await c.post(`/api/v1/quotes/${v1.id}/accept`, { name: 'Per' });
    expect(late.statusCode).toBe(409);
    expect(late.json().detail).toBe('This quote is superseded; only a sent quote can be accepted or declined.');
    const list = (await c.get(`/api/v1/journeys/${journey.id}/quotes`)).json().items as Quote[];
    expect(list.map((q) => [q.version, q.status])).toEqual([[2, 'sent'], [1, 'superseded']]);

    // Thirty-one days on, the sent one has expired.
    t.clock.advance(31 * DAY);
    try {
      expect((await c.get(`/api/v1/quotes/${v2.id}`)).json().status).toBe('expired');
      const expired = await c.post(`/api/v1/quotes/${v2.id}/decline`, { reason: 'För sent' });
      expect(expired.statusCode).toBe(409);
      expect(expired.json().detail).toMatch(/^This quote was valid until \d{4}-\d{2}-\d{2}; ask for a new one\.$/);
    } finally {
      t.clock.advance(-31 * DAY);
    }
  });

  it('records a decline with its reason; a seller may quote only on their own journeys', async () => {
    const { c, product, journey } = await setting();
    const q = await draft(c, journey.id, { lines: [{ productId: product.id, quantity: 1 }] });
    expect((await c.post(`/api/v1/quotes/${q.id}/decline`, { reason: 'x' })).statusCode).toBe(409); // a draft was never sent
    await c.post(`/api/v1/quotes/${q.id}/send`, {});
    const declined = await c.post(`/api/v1/quotes/${q.id}/decline`, { reason: ' För dyrt just nu ' });
    expect(declined.json()).toMatchObject({ status: 'declined', declineReason: 'För dyrt just nu' });

    const seller = await t.user('seller', c);
    expect((await seller.post(`/api/v1/journeys/${journey.id}/quotes`, { lines: [{ productId: product.id, quantity: 1 }] })).statusCode).toBe(403);
    expect((await seller.get(`/api/v1/journeys/${journey.id}/quotes`)).statusCode).toBe(200);
    const bad = await c.post(`/api/v1/journeys/${journey.id}/quotes`, { lines: [] });
    expect(bad.statusCode).toBe(422);
    expect((await c.post(`/api/v1/quotes/${q.id}/send`, { validUntil: '2020-01-01T00:00:00Z' })).statusCode).toBe(409);
  });
});
