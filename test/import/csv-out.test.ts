import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvLine, neutralise, unneutralise, UTF8_BOM } from '../../src/import/csv-out.ts';
import { readCsv } from '../../src/import/sniff.ts';

/** Strings rich in what CSV and spreadsheets treat specially. */
const tricky = fc.oneof(
  fc.string(),
  fc.string({ unit: fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n', '"', "'", ',', ';', ' ', 'a', 'ö', '1') }),
);

describe('csvLine', () => {
  it('ends in CRLF and quotes what needs quoting, doubling quotes', () => {
    expect(csvLine(['Anna', 'Berg, Anna', 'sa "hej"', 'rad 1\nrad 2', ''])).toBe('Anna,"Berg, Anna","sa ""hej""","rad 1\nrad 2",\r\n');
    expect(csvLine(['Berg, Anna', 'a;b'], ';')).toBe('Berg, Anna;"a;b"\r\n');
  });

  it('neutralises text a spreadsheet would run as a formula', () => {
    expect(csvLine(['=HYPERLINK("http://evil")', '+46 70 123', '-minus', '@SUM(A1)', '\tTab', '\rCR'])).toBe(
      `"'=HYPERLINK(""http://evil"")",'+46 70 123,'-minus,'@SUM(A1),'\tTab,"'\rCR"\r\n`,
    );
  });

  it('writes numbers as plain numbers, negative ones too, and nothing for null', () => {
    expect(csvLine([-4500, 0, 12.5, null, undefined, '-4500'])).toBe("-4500,0,12.5,,,'-4500\r\n");
  });

  it('refuses a number that is not finite rather than writing NaN into a file', () => {
    expect(() => csvLine([Number.NaN])).toThrow('cannot write NaN to CSV');
  });

  it('writes a record of one empty cell as "" so that it is not an empty line', () => {
    expect(parse(csvLine(['']) + csvLine(['x']))).toEqual([[''], ['x']]);
  });

  it('reads back, for any cells and separator, as the neutralised cells', () => {
    fc.assert(
      fc.property(fc.array(tricky, { minLength: 1, maxLength: 6 }), fc.constantFrom(',' as const, ';' as const, '\t' as const), (cells, sep) => {
        expect(parse(csvLine(cells, sep), { delimiter: sep })).toEqual([cells.map(neutralise)]);
      }),
      { seed: 4, numRuns: 1000 },
    );
  });
});

describe('unneutralise', () => {
  it('gives back any text cell as it was before export', () => {
    fc.assert(
      fc.property(tricky, (cell) => {
        const [record] = parse(csvLine([cell, 'next'], ';'), { delimiter: ';' });
        expect(unneutralise(record![0]!)).toBe(cell);
      }),
      { seed: 44, numRuns: 1000 },
    );
  });

  it('leaves an apostrophe alone where the export would not have added it', () => {
    expect(unneutralise("'Sup")).toBe("'Sup");
    expect(unneutralise("'+46")).toBe('+46');
    expect(unneutralise("''=1")).toBe("'=1");
  });

  it('round-trips a whole export through the importer, byte order mark and Swedish letters included', async () => {
    const rows = [
      ['Namn', 'Telefon', 'Anteckning'],
      ['Åsa Öberg', '+46 70 123 45 67', '=1+1 är "två"\nrad två'],
      ['-Bo-', '@bo', "'=inte en formel"],
    ];
    const file = Buffer.from(UTF8_BOM + rows.map((r) => csvLine(r, ';')).join(''), 'utf8');
    const read: string[][] = [];
    for await (const { cells } of readCsv([file])) read.push(cells.map(unneutralise));
    expect(read).toEqual(rows);
  });
});
