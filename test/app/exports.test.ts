/**
 * The export writers without a database: the files they make, and that the import reads them
 * back into the same values (headers, neutralised text, amounts, dates).
 */
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { EXPORT_COLUMNS, formatMinor, toCsvChunks, toJsonlChunks, type ExportEntity, type ExportRecord } from '../../src/app/exports.ts';
import { type Entity, mapHeaders } from '../../src/import/columns.ts';
import { toRecord } from '../../src/import/rows.ts';

async function* from(records: ExportRecord[]): AsyncGenerator<ExportRecord> {
  yield* records;
}

async function text(chunks: AsyncIterable<string>): Promise<string> {
  let out = '';
  for await (const c of chunks) out += c;
  return out;
}

const csvOf = async (entity: ExportEntity, records: ExportRecord[]) => text(toCsvChunks(entity, from(records)));
const cells = (csv: string) => parse(csv, { bom: true, relax_column_count: false }) as string[][];

/** What the import makes of an exported CSV file: one record per row. */
function imported(entity: Entity, csv: string) {
  const [header, ...rows] = cells(csv);
  const mapping = mapHeaders(entity, header ?? []);
  expect(mapping.missing).toEqual([]);
  return rows.map((row) => {
    const r = toRecord(entity, mapping.columns, row);
    if (!r.ok) throw new Error(r.reason);
    return r.value;
  });
}

const order = (over: Partial<Record<string, string | number | null>> = {}): ExportRecord => ({
  id: 'o1',
  account: 'Ångström Verktyg AB',
  accountOrgNumber: '556036-0793',
  orderedAt: '2026-11-01',
  product: 'Hyllsystem',
  quantity: 2.5,
  amount: '1234.50',
  currency: 'SEK',
  externalId: 'ORD-1',
  ...over,
});

describe('formatMinor', () => {
  it('writes minor units as major units with two decimals, exactly, signs and all', () => {
    expect(formatMinor(123450)).toBe('1234.50');
    expect(formatMinor(-4500)).toBe('-45.00');
    expect(formatMinor(5)).toBe('0.05');
    expect(formatMinor(-5)).toBe('-0.05');
    expect(formatMinor(0)).toBe('0.00');
    expect(formatMinor(Number.MAX_SAFE_INTEGER)).toBe('90071992547409.91');
    expect(() => formatMinor(1.5)).toThrow();
  });
});

describe('CSV', () => {
  it('starts with a BOM and the header, separates with commas and ends lines with CRLF', async () => {
    const csv = await csvOf('orders', [order()]);
    expect(csv.startsWith('\ufeffid,account,accountOrgNumber,orderedAt,product,quantity,amount,currency,externalId\r\n')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(cells(csv)).toEqual([[...EXPORT_COLUMNS.orders], ['o1', 'Ångström Verktyg AB', '556036-0793', '2026-11-01', 'Hyllsystem', '2.5', '1234.50', 'SEK', 'ORD-1']]);
  });

  it('an empty export is the header alone', async () => {
    expect(cells(await csvOf('journeys', []))).toEqual([[...EXPORT_COLUMNS.journeys]]);
  });

  it('neutralises text a spreadsheet would run, but writes negative amounts as numbers', async () => {
    const csv = await csvOf('orders', [order({ product: '=HYPERLINK("http://x")', externalId: '-1', amount: '-45.00', account: '@Kund, "Ett" AB' })]);
    const row = cells(csv)[1]!;
    expect(row[4]).toBe('\'=HYPERLINK("http://x")');
    expect(row[8]).toBe("'-1");
    expect(row[6]).toBe('-45.00');
    expect(row[1]).toBe('\'@Kund, "Ett" AB');
    expect(csv).toContain(',-45.00,');
  });

  it('leaves absent values as empty cells', async () => {
    const row = cells(await csvOf('orders', [order({ product: null, accountOrgNumber: null, externalId: null })]))[1]!;
    expect([row[2], row[4], row[8]]).toEqual(['', '', '']);
  });

  it('gathers many rows into few chunks', async () => {
    const records = Array.from({ length: 3000 }, (_, i) => order({ id: `o${i}` }));
    const chunks: string[] = [];
    for await (const c of toCsvChunks('orders', from(records))) chunks.push(c);
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.length).toBeLessThan(20);
    expect(cells(chunks.join(''))).toHaveLength(3001);
  });
});

describe('JSON Lines', () => {
  it('writes one object per line with the columns as keys, values unchanged', async () => {
    const jsonl = await text(toJsonlChunks(from([order({ product: '=1+1', amount: '-45.00' }), order({ id: 'o2', product: null })])));
    const lines = jsonl.split('\n');
    expect(lines.at(-1)).toBe('');
    const [a, b] = lines.slice(0, -1).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(Object.keys(a!)).toEqual([...EXPORT_COLUMNS.orders]);
    expect(a).toMatchObject({ product: '=1+1', amount: '-45.00', quantity: 2.5 });
    expect(b).toMatchObject({ id: 'o2', product: null });
  });
});

describe('what the import reads from an export', () => {
  it('every export column of an importable entity is an import field, except id and createdAt', () => {
    for (const entity of ['accounts', 'contacts', 'orders', 'interactions'] as const) {
      const m = mapHeaders(entity, EXPORT_COLUMNS[entity]);
      expect(m.unknown.sort(), entity).toEqual(EXPORT_COLUMNS[entity].filter((c) => c === 'id' || c === 'createdAt').sort());
      expect(m.columns.filter((f) => f !== null), entity).toEqual(EXPORT_COLUMNS[entity].filter((c) => c !== 'id' && c !== 'createdAt'));
    }
  });

  it('orders: amounts, quantities, dates and neutralised text come back exactly', async () => {
    const csv = await csvOf('orders', [
      order({ amount: '-45.00', product: '=HYPERLINK("http://x")', orderedAt: '2026-11-01T13:45:00.000Z' }),
      order({ id: 'o2', amount: '90071992547409.91', quantity: 1, externalId: null }),
    ]);
    expect(imported('orders', csv)).toEqual([
      { account: 'Ångström Verktyg AB', accountOrgNumber: '556036-0793', orderedAt: '2026-11-01T13:45:00.000Z', product: '=HYPERLINK("http://x")', quantity: 2.5, amountMinor: -4500, currency: 'SEK', externalId: 'ORD-1' },
      { account: 'Ångström Verktyg AB', accountOrgNumber: '556036-0793', orderedAt: '2026-11-01', product: 'Hyllsystem', quantity: 1, amountMinor: Number.MAX_SAFE_INTEGER, currency: 'SEK' },
    ]);
  });

  it('contacts and interactions: names, e-mails, roles and purposes', async () => {
    const contacts = await csvOf('contacts', [
      { id: 'c1', name: 'Anna Öberg', email: 'Anna@Example.se', phone: '+46 70 123 45 67', title: '-VD-', buyingRole: 'decision_maker', account: 'Öberg AB', accountOrgNumber: null, createdAt: '2026-11-29T09:00:00.000Z' },
    ]);
    expect(imported('contacts', contacts)).toEqual([
      { name: 'Anna Öberg', email: 'Anna@Example.se', emailKey: 'anna@example.se', phone: '+46 70 123 45 67', title: '-VD-', buyingRole: 'decision_maker', account: 'Öberg AB' },
    ]);
    const interactions = await csvOf('interactions', [
      { id: 'i1', account: 'Öberg AB', accountOrgNumber: null, journey: 'Nytt lager', contactEmail: 'anna@example.se', channel: 'cold_call', direction: 'outbound', occurredAt: '2026-11-29T09:30:00.000Z', summary: 'Ringde\nigen', purpose: '=pris' },
    ]);
    expect(imported('interactions', interactions)).toEqual([
      { account: 'Öberg AB', journey: 'Nytt lager', contactEmail: 'anna@example.se', channel: 'cold_call', direction: 'outbound', occurredAt: '2026-11-29T09:30:00.000Z', summary: 'Ringde\nigen', purpose: '=pris' },
    ]);
  });
});
