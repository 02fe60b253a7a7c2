import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../helpers/backends.ts';
import { startTestApp, type Client, type TestApp } from '../helpers/app.ts';

describe.each(BACKENDS)('accounts and contacts on %s', (backend) => {
  let t: TestApp;
  let c: Client;
  beforeAll(async () => {
    t = await startTestApp(backend);
    c = await t.otherOrg();
    for (const name of ['Zeta Maskin AB', 'Ångström Verktyg AB', 'Alfa Bygg AB', 'Örebro Logistik AB', 'Älvdalens Trä AB', 'Angered Fastigheter AB', 'ångbåtsbolaget HB']) {
      const res = await c.post('/api/v1/accounts', { kind: 'company', name });
      expect(res.statusCode).toBe(201);
    }
  });
  afterAll(async () => t.close());

  const names = async (url: string) => ((await c.get(url)).json().items as { name: string }[]).map((a) => a.name);

  it('lists accounts in Swedish order: å, ä, ö after z', async () => {
    expect(await names('/api/v1/accounts')).toEqual([
      'Alfa Bygg AB',
      'Angered Fastigheter AB',
      'Zeta Maskin AB',
      'ångbåtsbolaget HB',
      'Ångström Verktyg AB',
      'Älvdalens Trä AB',
      'Örebro Logistik AB',
    ]);
  });

  it('finds names by prefix, case-insensitively, keeping å apart from a', async () => {
    expect(await names('/api/v1/accounts?q=ång')).toEqual(['ångbåtsbolaget HB', 'Ångström Verktyg AB']);
    expect(await names('/api/v1/accounts?q=%C3%85NGS')).toEqual(['Ångström Verktyg AB']);
    expect(await names('/api/v1/accounts?q=an')).toEqual(['Angered Fastigheter AB']);
  });

  it('pages through accounts by cursor without gaps or repeats', async () => {
    const all = await names('/api/v1/accounts');
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { name: string }[]; nextCursor: string | null } = (await c.get(`/api/v1/accounts?limit=2${cursor ? `&cursor=${cursor}` : ''}`)).json();
      seen.push(...page.items.map((a) => a.name));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all);
  });

  it('checks a Swedish organisation number by its check digit and stores it normalised', async () => {
    const ok = await c.post('/api/v1/accounts', { name: 'Volvo Personvagnar AB', orgNumber: '5560360793' });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().orgNumber).toBe('556036-0793');
    const bad = await c.post('/api/v1/accounts', { name: 'Fel AB', orgNumber: '556036-0794' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors).toEqual([expect.objectContaining({ field: 'body.orgNumber' })]);
    expect(bad.json().detail).toContain('check digit');
  });

  it('creates a person account without an organisation number', async () => {
    const res = await c.post('/api/v1/accounts', { kind: 'person', name: 'Märta Öberg' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ kind: 'person', orgNumber: null });
    const renamed = await c.patch(`/api/v1/accounts/${res.json().id}`, { name: 'Märta Öberg-Lind' });
    expect(renamed.json()).toMatchObject({ kind: 'person', name: 'Märta Öberg-Lind' });
  });

  it('adds contacts with buying roles, lists them per account in Swedish order, and edits them', async () => {
    const account = (await c.post('/api/v1/accounts', { name: 'Kontakt AB' })).json();
    const made = [];
    for (const [name, buyingRole] of [['Östen Ek', 'economic_buyer'], ['Anna Berg', 'champion'], ['Åsa Lind', 'decision_maker']] as const) {
      const res = await c.post(`/api/v1/accounts/${account.id}/contacts`, { name, buyingRole, email: `c${made.length}@kund.se` });
      expect(res.statusCode).toBe(201);
      made.push(res.json());
    }
    const list = (await c.get(`/api/v1/accounts/${account.id}/contacts`)).json().items;
    expect(list.map((x: { name: string; buyingRole: string }) => [x.name, x.buyingRole])).toEqual([
      ['Anna Berg', 'champion'],
      ['Åsa Lind', 'decision_maker'],
      ['Östen Ek', 'economic_buyer'],
    ]);
    const noRole = await c.post(`/api/v1/accounts/${account.id}/contacts`, { name: 'Okänd Person' });
    expect(noRole.json().buyingRole).toBe('unknown');
    const edited = await c.patch(`/api/v1/contacts/${made[0].id}`, { buyingRole: 'influencer', title: 'CFO' });
    expect(edited.json()).toMatchObject({ buyingRole: 'influencer', title: 'CFO', name: 'Östen Ek' });
    const badRole = await c.post(`/api/v1/accounts/${account.id}/contacts`, { name: 'X', buyingRole: 'boss' });
    expect(badRole.statusCode).toBe(422);
    expect(badRole.json().errors[0].field).toBe('body.buyingRole');
  });

  it('renames an account and re-sorts it', async () => {
    const acc = (await c.post('/api/v1/accounts', { name: 'Aaa Först AB' })).json();
    const res = await c.patch(`/api/v1/accounts/${acc.id}`, { name: 'Öö Sist AB' });
    expect(res.json().name).toBe('Öö Sist AB');
    const all = await names('/api/v1/accounts?limit=200');
    expect(all[all.length - 1]).toBe('Öö Sist AB');
  });
});
