import { describe, expect, it } from 'vitest';
import { readFormat } from '../../src/import/columns.ts';
import { readCsv } from '../../src/import/sniff.ts';

async function rows(text: string, separator: 'whitespace') {
  const out: { row: number; cells: string[] }[] = [];
  // Split across chunks mid-line and mid-run of spaces, as a file stream would.
  const bytes = Buffer.from(text, 'utf8');
  const chunks = [bytes.subarray(0, 9), bytes.subarray(9, 23), bytes.subarray(23)];
  for await (const r of readCsv(chunks, { separator })) out.push(r);
  return out;
}

describe('files with columns lined up by spaces', () => {
  it('splits each line on runs of spaces or tabs, keeps line numbers, and skips blank lines', async () => {
    expect(await rows(' 00004 0001 19970101  2   29.33\r\n\r\n 00004 0001\t19970118  2   29.73\r\n   \n00005 0002 19970101 1 5\n', 'whitespace')).toEqual([
      { row: 1, cells: ['00004', '0001', '19970101', '2', '29.33'] },
      { row: 3, cells: ['00004', '0001', '19970118', '2', '29.73'] },
      { row: 5, cells: ['00005', '0002', '19970101', '1', '5'] },
    ]);
  });
});

describe('the map file as a format', () => {
  it('reads a plain map, and a format with a separator, no header row and a default currency', () => {
    expect(readFormat('orders', { Kund: 'account' })).toEqual({ ok: true, value: { columns: { Kund: 'account' }, separator: undefined, header: true, defaults: {} } });
    expect(readFormat('orders', { separator: 'tab', header: false, columns: { '2': 'account', '1': null }, defaults: { currency: 'USD' } })).toEqual({
      ok: true,
      value: { columns: { '2': 'account', '1': null }, separator: '\t', header: false, defaults: { currency: 'USD' } },
    });
  });

  it('says what is wrong with a format, naming the key or value', () => {
    const reason = (json: unknown) => {
      const r = readFormat('orders', json);
      return r.ok ? null : r.reason;
    };
    expect(reason({ columns: {}, separator: '|' })).toMatch(/separator.*"\|"/);
    expect(reason({ columns: {}, header: 'no' })).toBe('"header" must be true or false');
    expect(reason({ columns: {}, defaults: { currency: 'kronor' } })).toBe('the default currency must be an ISO 4217 code such as SEK');
    expect(reason({ columns: {}, skip: 2 })).toMatch(/"skip"/);
    expect(reason({ columns: { Kund: 'customer' } })).toMatch(/"customer"/);
  });
});
