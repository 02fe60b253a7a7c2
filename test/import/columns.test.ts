import { describe, expect, it } from 'vitest';
import { ENTITIES, FIELDS, mapHeaders, validateMap } from '../../src/import/columns.ts';

/** Header → field, for reading test expectations at a glance. */
function mapped(entity: Parameters<typeof mapHeaders>[0], headers: string[], explicit?: Record<string, string | null>) {
  const m = mapHeaders(entity, headers, explicit);
  return { pairs: Object.fromEntries(headers.map((h, i) => [h, m.columns[i]])), unknown: m.unknown, missing: m.missing };
}

describe('mapHeaders', () => {
  it('maps a HubSpot contact export', () => {
    const headers = ['Record ID', 'First Name', 'Last Name', 'Email', 'Phone Number', 'Job Title', 'Company Name', 'Associated Company', 'Lifecycle Stage'];
    expect(mapped('contacts', headers)).toEqual({
      pairs: {
        'Record ID': null, 'First Name': 'firstName', 'Last Name': 'lastName', Email: 'email', 'Phone Number': 'phone',
        'Job Title': 'title', 'Company Name': 'account', 'Associated Company': null, 'Lifecycle Stage': null,
      },
      // The company is already filled by "Company Name": the second column says so rather than overwriting it.
      unknown: ['Record ID', 'Associated Company', 'Lifecycle Stage'],
      missing: [],
    });
  });

  it('maps a HubSpot company export', () => {
    const m = mapped('accounts', ['Record ID', 'Company name', 'Company Domain Name', 'Website URL', 'Industry']);
    expect(m.pairs).toEqual({ 'Record ID': null, 'Company name': 'name', 'Company Domain Name': 'website', 'Website URL': null, Industry: null });
    expect(m.missing).toEqual([]);
  });

  it('maps Pipedrive person and organisation exports', () => {
    expect(mapped('contacts', ['Person - Name', 'Person - Organization', 'Person - Email', 'Person - Phone', 'Person - Label']).pairs).toEqual({
      'Person - Name': 'name', 'Person - Organization': 'account', 'Person - Email': 'email', 'Person - Phone': 'phone', 'Person - Label': null,
    });
    expect(mapped('accounts', ['Organization - Name', 'Organization - Address']).pairs).toEqual({ 'Organization - Name': 'name', 'Organization - Address': null });
    expect(mapped('interactions', ['Deal - Title', 'Person - Email', 'Date', 'Subject']).pairs).toEqual({
      'Deal - Title': 'journey', 'Person - Email': 'contactEmail', Date: 'occurredAt', Subject: 'summary',
    });
  });

  it('maps Salesforce contact, account and task exports', () => {
    expect(mapped('contacts', ['FirstName', 'LastName', 'Email', 'Phone', 'Title', 'Account.Name']).pairs).toEqual({
      FirstName: 'firstName', LastName: 'lastName', Email: 'email', Phone: 'phone', Title: 'title', 'Account.Name': 'account',
    });
    expect(mapped('accounts', ['Name', 'Website', 'Phone']).pairs).toEqual({ Name: 'name', Website: 'website', Phone: null });
    const task = mapped('interactions', ['Subject', 'ActivityDate', 'Description', 'Status']);
    expect(task.pairs).toEqual({ Subject: 'summary', ActivityDate: 'occurredAt', Description: null, Status: null });
    expect(task.missing).toEqual([]);
  });

  it('maps Swedish headers, whatever their case and punctuation', () => {
    expect(mapped('contacts', ['Förnamn', 'EFTERNAMN', 'e_post', 'Mobil', 'Befattning', 'Företag', 'Org.nr', 'Roll']).pairs).toEqual({
      Förnamn: 'firstName', EFTERNAMN: 'lastName', e_post: 'email', Mobil: 'phone', Befattning: 'title', Företag: 'account',
      'Org.nr': 'accountOrgNumber', Roll: 'buyingRole',
    });
    expect(mapped('orders', ['Ordernummer', 'Orderdatum', 'Kundnummer', 'Artikel', 'Antal', 'Belopp', 'Valuta']).pairs).toEqual({
      Ordernummer: 'externalId', Orderdatum: 'orderedAt', Kundnummer: 'account', Artikel: 'product', Antal: 'quantity', Belopp: 'amount', Valuta: 'currency',
    });
    expect(mapped('interactions', ['Datum', 'Kanal', 'Riktning', 'Sammanfattning', 'Syfte', 'Affär', 'E-postadress']).pairs).toEqual({
      Datum: 'occurredAt', Kanal: 'channel', Riktning: 'direction', Sammanfattning: 'summary', Syfte: 'purpose', Affär: 'journey', 'E-postadress': 'contactEmail',
    });
    expect(mapped('accounts', ['Företagsnamn', 'Organisationsnummer', 'Hemsida']).pairs).toEqual({
      Företagsnamn: 'name', Organisationsnummer: 'orgNumber', Hemsida: 'website',
    });
  });

  it('maps CDNOW-style order files', () => {
    expect(mapped('orders', ['customer_id', 'date', 'quantity', 'amount']).pairs).toEqual({ customer_id: 'account', date: 'orderedAt', quantity: 'quantity', amount: 'amount' });
    expect(mapped('orders', ['cust', 'date', 'sales']).missing).toEqual([]);
  });

  it('reads back H2H’s own export headers, in camelCase or snake_case', () => {
    for (const entity of ENTITIES) {
      const fields = FIELDS[entity].fields as readonly string[];
      expect(mapHeaders(entity, [...fields]).columns).toEqual(fields);
      const snake = fields.map((f) => f.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`));
      expect(mapHeaders(entity, snake).columns).toEqual(fields);
    }
  });

  it('says which required columns are missing', () => {
    expect(mapHeaders('orders', ['Kund', 'Datum']).missing).toEqual(['amount']);
    expect(mapHeaders('orders', ['Belopp', 'Datum']).missing).toEqual(['account']);
    expect(mapHeaders('orders', ['Orgnr', 'Belopp', 'Datum']).missing).toEqual([]);
    expect(mapHeaders('contacts', ['Efternamn']).missing).toEqual([]);
    expect(mapHeaders('contacts', ['Telefon']).missing).toEqual(['name']);
    expect(mapHeaders('interactions', []).missing).toEqual(['occurredAt', 'summary']);
  });

  it('does not list blank headers as unknown columns', () => {
    expect(mapHeaders('accounts', ['Namn', '', ' ']).unknown).toEqual([]);
  });
});

describe('mapHeaders with the user’s map', () => {
  it('lets the map win over the built-in headers, even for a column further right', () => {
    const m = mapped('contacts', ['Namn', 'Kontakt', 'Mejl'], { Kontakt: 'name', Mejl: 'email' });
    expect(m.pairs).toEqual({ Namn: null, Kontakt: 'name', Mejl: 'email' });
    expect(m.unknown).toEqual(['Namn']);
  });

  it('skips a column the map sends to null, without calling it unknown', () => {
    const m = mapped('interactions', ['Datum', 'Typ', 'Ämne'], { Typ: null });
    expect(m.pairs).toEqual({ Datum: 'occurredAt', Typ: null, Ämne: 'summary' });
    expect(m.unknown).toEqual([]);
  });

  it('matches map headers loosely and accepts field names in any case', () => {
    expect(mapHeaders('accounts', ['Org-Nummer'], { 'org nummer': 'org_number' }).columns).toEqual(['orgNumber']);
  });

  it('fills a field from the first of two columns mapped to it', () => {
    const m = mapped('accounts', ['A', 'B'], { A: 'name', B: 'name' });
    expect(m.pairs).toEqual({ A: 'name', B: null });
    expect(m.unknown).toEqual(['B']);
  });

  it('reports map headers the file does not have', () => {
    expect(mapHeaders('accounts', ['Namn'], { Nman: 'name' }).unusedMapKeys).toEqual(['Nman']);
  });

  it('throws, listing the valid fields, when the map names a field the entity lacks', () => {
    expect(() => mapHeaders('accounts', ['E-post'], { 'E-post': 'email' })).toThrow(
      'the column map sends "E-post" to "email", which is not a field of accounts; fields of accounts: name, kind, orgNumber, website',
    );
  });
});

describe('validateMap', () => {
  it('accepts a map of headers to fields or null', () => {
    expect(validateMap('orders', { Summa: 'amount', Moms: null })).toEqual({ ok: true, value: { Summa: 'amount', Moms: null } });
  });

  it.each([[null], [[]], ['amount'], [42]])('rejects %j, showing the expected shape', (json) => {
    const r = validateMap('orders', json);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toMatch(/^the column map must be an object like \{"Header in file": "field"\}; fields of orders: account, /);
  });

  it('rejects a value that is not a field name', () => {
    expect(validateMap('orders', { Summa: 5 })).toEqual({
      ok: false,
      reason: 'the column map sends "Summa" to 5, which is not a field of orders; fields of orders: account, accountOrgNumber, orderedAt, product, quantity, amount, currency, externalId',
    });
  });
});
