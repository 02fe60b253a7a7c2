import { describe, expect, it } from 'vitest';
import { pack, RowChecker, unpack } from '../../src/import/checked.ts';
import { ENTITIES, mapHeaders, type Entity } from '../../src/import/columns.ts';

/** A header row and data rows of each entity, every field filled in some row, one row refused. */
const FILES: { [E in Entity]: string[][] } = {
  accounts: [['Namn', 'Kundtyp', 'Orgnr', 'Webbplats'], ['Acme AB', 'företag', '5560360793', 'acme.se'], ['Åsa Öberg', 'privat', '', ''], ['', '', '', '']],
  contacts: [
    ['Förnamn', 'Efternamn', 'E-post', 'Telefon', 'Titel', 'Roll', 'Företag', 'Orgnr'],
    ['Åsa', 'Öberg', 'Asa@Exempel.se', '070-1', 'Inköpare', 'beslutsfattare', 'Ström & Söner AB', '5560360793'],
    ['Bo', '', '', '', '', '', '', ''],
    ['Cia', '', 'nej', '', '', '', '', ''],
  ],
  orders: [
    ['Kund', 'Orgnr', 'Datum', 'Produkt', 'Antal', 'Belopp', 'Valuta', 'Ordernummer'],
    ['Acme AB', '5560360793', '2024-03-05', 'Lampa', '2', '1 234,50', 'EUR', 'A-1'],
    ['Beta AB', '', '5/3 2024', '', '', '10', '', ''],
    ['Gamma AB', '', 'igår', '', '', '10', '', ''],
  ],
  interactions: [
    ['account', 'accountOrgNumber', 'journey', 'contactEmail', 'channel', 'direction', 'occurredAt', 'summary', 'purpose'],
    ['Acme AB', '5560360793', 'Ny affär', 'Asa@Exempel.se', 'Möte', 'in', '2024-03-05 14:30', 'Träffades', 'Behov'],
    ['', '', '', '', '', '', '2024-03-06', 'Ringde', ''],
    ['', '', '', '', '', '', '', '', ''],
  ],
};

describe('packing checked rows to cross between threads', () => {
  it.each(ENTITIES)('gives back the same %s: records (only the fields they have), keys, rejects and every row\'s cells', (entity) => {
    const [headers, ...data] = FILES[entity];
    const rows = data.map((cells, i) => ({ row: i + 2, cells }));
    const batch = new RowChecker({ entity, columns: mapHeaders(entity, headers!).columns }).check(rows, 1234);
    expect(batch.good.length).toBe(2);
    expect(batch.rejects.length).toBe(1);
    const back = unpack(entity, structuredClone(pack(entity, batch, rows)));
    const { cellsOf, ...rest } = batch;
    expect(back).toEqual({ ...rest, cellsOf: expect.any(Function) });
    for (const r of rows) expect(back.cellsOf(r.row)).toEqual(cellsOf(r.row));
    // No field the row did not give, as toRecord has it.
    for (const g of back.good) expect(Object.values(g.record)).not.toContain(undefined);
  });
});
