import { describe, expect, it } from 'vitest';
import { type Entity, mapHeaders } from '../../src/import/columns.ts';
import { toRecord } from '../../src/import/rows.ts';

/** A record from a header row and one data row, as an import reads them. */
function row<E extends Entity>(entity: E, headers: string[], cells: string[]) {
  return toRecord(entity, mapHeaders(entity, headers).columns, cells);
}

describe('toRecord for accounts', () => {
  it('trims cells, defaults the kind, normalises the org number and website', () => {
    expect(row('accounts', ['Namn', 'Orgnr', 'Hemsida', 'Anteckning'], ['  Acme AB ', '5560360793', 'WWW.Acme.se/', 'ignored'])).toEqual({
      ok: true,
      value: { name: 'Acme AB', kind: 'company', orgNumber: '556036-0793', website: 'https://www.acme.se' },
    });
  });

  it('reads Swedish kinds and keeps a website path', () => {
    expect(row('accounts', ['name', 'kind', 'website'], ['Åsa Öberg', 'Privatperson', 'http://Example.com/Om-Oss'])).toEqual({
      ok: true,
      value: { name: 'Åsa Öberg', kind: 'person', website: 'http://example.com/Om-Oss' },
    });
  });

  it('reports every problem of a row at once', () => {
    expect(row('accounts', ['Namn', 'Orgnr', 'Hemsida', 'kind'], ['', '556036-0794', 'javascript:alert(1)', 'bolag'])).toEqual({
      ok: false,
      reason: '"name" is missing; kind: "bolag" is not company or person; orgNumber: "556036-0794" is not an organisation number: the check digit is wrong; website: "javascript:alert(1)" is not a web address',
    });
  });

  it('rejects a name longer than 200 characters', () => {
    const r = row('accounts', ['Namn'], ['x'.repeat(201)]);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toMatch(/^name: "x{39}…" is longer than 200 characters$/);
  });

  it('treats a row shorter than the header as having empty cells', () => {
    expect(row('accounts', ['Namn', 'Orgnr'], ['Acme AB'])).toEqual({ ok: true, value: { name: 'Acme AB', kind: 'company' } });
  });
});

describe('toRecord for contacts', () => {
  it('joins first and last name when there is no name column', () => {
    const r = row('contacts', ['Förnamn', 'Efternamn', 'E-post', 'Roll', 'Företag'], ['Åsa', 'Öberg', 'Asa.Oberg@Acme.SE', 'Beslutsfattare', 'Acme AB']);
    expect(r).toEqual({
      ok: true,
      value: { name: 'Åsa Öberg', firstName: 'Åsa', lastName: 'Öberg', email: 'Asa.Oberg@Acme.SE', emailKey: 'asa.oberg@acme.se', buyingRole: 'decision_maker', account: 'Acme AB' },
    });
  });

  it('keeps a given name over first and last name', () => {
    const r = row('contacts', ['Namn', 'Förnamn'], ['Dr. Åsa Öberg', 'Åsa']);
    expect(r.ok && r.value.name).toBe('Dr. Åsa Öberg');
  });

  it('accepts buying roles as H2H writes them and rejects made-up ones', () => {
    expect(row('contacts', ['name', 'buyingRole'], ['Bo', 'economic_buyer'])).toMatchObject({ ok: true, value: { buyingRole: 'economic_buyer' } });
    expect(row('contacts', ['name', 'buyingRole'], ['Bo', 'Påverkare'])).toMatchObject({ ok: true, value: { buyingRole: 'influencer' } });
    expect(row('contacts', ['name', 'buyingRole'], ['Bo', 'CEO'])).toEqual({ ok: false, reason: 'buyingRole: "CEO" is not a buying role' });
  });

  it('needs a name, or a first or last name', () => {
    expect(row('contacts', ['Namn', 'E-post'], ['', 'bo@acme.se'])).toEqual({ ok: false, reason: '"name" is missing (or give "firstName" or "lastName")' });
  });

  it('rejects a malformed e-mail address', () => {
    expect(row('contacts', ['Namn', 'E-post'], ['Bo', 'bo(at)acme.se'])).toEqual({ ok: false, reason: 'email: "bo(at)acme.se" is not an e-mail address' });
  });

  it('gives back a phone number that H2H’s export guarded with an apostrophe', () => {
    expect(row('contacts', ['name', 'phone'], ['Bo', "'+46 70 123 45 67"])).toMatchObject({ ok: true, value: { phone: '+46 70 123 45 67' } });
  });

  it('refuses cells with characters the decoder could not read', () => {
    expect(row('contacts', ['Namn'], ['Bj\ufffdrk'])).toEqual({ ok: false, reason: 'name: "Bj\ufffdrk" has characters that could not be read (save the file as UTF-8)' });
  });
});

describe('toRecord for orders', () => {
  it('reads a Swedish order row into minor units and an ISO date', () => {
    const r = row('orders', ['Ordernummer', 'Orderdatum', 'Kund', 'Artikel', 'Antal', 'Belopp', 'Valuta'], ['A-17', '5/3/2024', 'Acme AB', 'Licens', '2,5', '1 234,50 kr', 'sek']);
    expect(r).toEqual({
      ok: true,
      value: { externalId: 'A-17', orderedAt: '2024-03-05', account: 'Acme AB', product: 'Licens', quantity: 2.5, amountMinor: 123450, currency: 'SEK' },
    });
  });

  it('defaults the quantity to 1 and the currency to SEK', () => {
    expect(row('orders', ['customer_id', 'date', 'amount'], ['00001', '19970101', '11.77'])).toEqual({
      ok: true,
      value: { account: '00001', orderedAt: '1997-01-01', quantity: 1, amountMinor: 1177, currency: 'SEK' },
    });
  });

  it('reads a negative amount (a credit) exactly', () => {
    expect(row('orders', ['Kund', 'Datum', 'Belopp'], ['Acme', '2024-03-05', '-4500'])).toMatchObject({ ok: true, value: { amountMinor: -450000 } });
  });

  it('names the bad date and the bad amount', () => {
    expect(row('orders', ['Kund', 'Datum', 'Belopp', 'Valuta'], ['Acme', '31/02/2024', '12,3456', 'kronor'])).toEqual({
      ok: false,
      reason: 'orderedAt: "31/02/2024" is not a date; amount: "12,3456" has more than two decimals; currency: "kronor" is not a currency code',
    });
  });

  it('needs the account or its org number', () => {
    expect(row('orders', ['Kund', 'Datum', 'Belopp'], ['', '2024-03-05', '10'])).toEqual({ ok: false, reason: '"account" is missing (or give "accountOrgNumber")' });
    expect(row('orders', ['Orgnr', 'Datum', 'Belopp'], ['556036-0793', '2024-03-05', '10'])).toMatchObject({ ok: true, value: { accountOrgNumber: '556036-0793' } });
  });
});

describe('toRecord for interactions', () => {
  it('reads direction in Swedish, lower-cases the channel and the contact’s e-mail', () => {
    const r = row('interactions', ['Datum', 'Kanal', 'Riktning', 'Sammanfattning', 'E-post'], ['2024-03-05 14:30', ' Telefon  Samtal', 'ut', 'Ringde om offerten', 'Bo@Acme.se']);
    expect(r).toEqual({
      ok: true,
      value: { occurredAt: '2024-03-05T14:30:00.000Z', channel: 'telefon samtal', direction: 'outbound', summary: 'Ringde om offerten', contactEmail: 'bo@acme.se' },
    });
  });

  it.each([['in', 'inbound'], ['Inbound', 'inbound'], ['OUT', 'outbound'], ['Utgående', 'outbound']])('reads direction %j as %s', (input, expected) => {
    expect(row('interactions', ['date', 'summary', 'direction'], ['2024-03-05', 'x', input])).toMatchObject({ ok: true, value: { direction: expected } });
  });

  it('rejects an unknown direction, a long channel and a too long summary', () => {
    const r = row('interactions', ['date', 'summary', 'direction', 'channel'], ['2024-03-05', 's'.repeat(2001), 'sideways', 'c'.repeat(41)]);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason.split('; ').map((s) => s.replace(/".*"/, '…'))).toEqual([
      'channel: … is longer than 40 characters',
      'direction: … is not in or out',
      'summary: … is longer than 2000 characters',
    ]);
  });

  it('needs a date and a summary', () => {
    expect(row('interactions', ['Kanal'], ['möte'])).toEqual({ ok: false, reason: '"occurredAt" is missing; "summary" is missing' });
  });
});
