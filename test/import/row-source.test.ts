/**
 * A file's rows checked in batches: read in this thread, or by the worker a big
 * load uses. Both must give the same batches (rows, records, keys, rejects and
 * their cells), and fail the same way.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RowBatch } from '../../src/import/checked.ts';
import { mapHeaders, type Entity } from '../../src/import/columns.ts';
import { isCsvError, readRows, readRowsInWorker, type ReadOptions, type RowSource } from '../../src/import/row-source.ts';
import { tempDir } from '../helpers/backends.ts';

const dir = tempDir();
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

let files = 0;
function file(text: string, encoding: BufferEncoding = 'utf8'): string {
  const f = path.join(dir, `${++files}.csv`);
  fs.writeFileSync(f, Buffer.from(text, encoding));
  return f;
}

const options = <E extends Entity>(entity: E, o: Partial<ReadOptions<E>> = {}): ReadOptions<E> => ({
  entity,
  separator: undefined,
  header: true,
  defaults: {},
  after: 0,
  batchRows: 3,
  ...o,
});

/** A batch as plain data: the cells of every row (from `cellsOf`) instead of the function. */
function plain(batch: RowBatch) {
  const { cellsOf, ...rest } = batch;
  return { ...rest, cells: [...batch.good.map((g) => g.row), ...batch.rejects.map((r) => r.row)].sort((a, b) => a - b).map((row) => cellsOf(row)) };
}

/** Every batch of a source (as plain data), and the error it ended with, if any. */
async function drain(source: RowSource<Entity>) {
  const batches: ReturnType<typeof plain>[] = [];
  try {
    for await (const b of source) batches.push(plain(b));
    return { batches, error: null, found: { ...source.found } };
  } catch (err) {
    return { batches, error: err, found: { ...source.found } };
  } finally {
    await source.close();
  }
}

/** The same file read both ways, with the headers each was asked about. */
async function bothWays<E extends Entity>(f: string, opts: ReadOptions<E>) {
  const read = async (how: typeof readRows) => {
    const headers: string[][] = [];
    const result = await drain(how(f, opts, async (h) => (headers.push(h), mapHeaders(opts.entity, h).columns)) as RowSource<Entity>);
    return { ...result, headers };
  };
  return { here: await read(readRows), worker: await read(readRowsInWorker) };
}

describe('reading a file in batches, here and in a worker', () => {
  it('gives the same checked rows: records with their name keys, rejects with their cells, Windows-1252 and ; included', async () => {
    const f = file(
      [
        'Förnamn;Efternamn;E-post;Företag;Orgnr',
        'Åsa;Öberg;asa@exempel.se;Bygg AB;',
        'Bo;Ek;inte-en-adress;Bygg AB;',
        '',
        'Karin;Ström;KARIN@EXEMPEL.SE;  Ström & Söner  ;5560360793',
        '"Per ""Pelle""";Holm;per@exempel.se;"Holm,',
        'Lund AB";',
        ';;;;',
        'Lena;Berg;lena@exempel.se;;',
      ].join('\r\n'),
      'latin1',
    );
    const { here, worker } = await bothWays(f, options('contacts'));
    expect(worker).toEqual(here);
    expect(here.error).toBeNull();
    expect(here.found).toEqual({ encoding: 'windows-1252', separator: ';' });
    expect(here.headers).toEqual([['Förnamn', 'Efternamn', 'E-post', 'Företag', 'Orgnr']]);
    const [first, second] = here.batches;
    expect(first!.good.map((g) => [g.row, (g.record as { name: string }).name, g.nameKey, g.accountKey])).toEqual([
      [2, 'Åsa Öberg', expect.any(String), 'bygg ab'],
      [5, 'Karin Ström', expect.any(String), expect.any(String)],
    ]);
    expect(first!.good[1]!.record).toMatchObject({ email: 'KARIN@EXEMPEL.SE', emailKey: 'karin@exempel.se', account: 'Ström & Söner', accountOrgNumber: '556036-0793' });
    expect(first!.rejects).toEqual([{ row: 3, cells: ['Bo', 'Ek', 'inte-en-adress', 'Bygg AB', ''], reason: 'email: "inte-en-adress" is not an e-mail address' }]);
    expect(first).toMatchObject({ lastRow: 5, size: 3 });
    // A cell over two lines is one row, numbered as a spreadsheet numbers it.
    expect(second!.good[0]).toMatchObject({ row: 6, record: { name: 'Per "Pelle" Holm', account: 'Holm,\r\nLund AB' } });
    expect(second!.cells[0]).toEqual(['Per "Pelle"', 'Holm', 'per@exempel.se', 'Holm,\r\nLund AB', '']);
    expect(second!.rejects).toEqual([{ row: 7, cells: ['', '', '', '', ''], reason: expect.stringContaining('"name" is missing') }]);
    expect(here.batches.at(-1)).toMatchObject({ lastRow: 8 });
  });

  it('reads past the rows an earlier run wrote, and a file without a header row with the format’s currency', async () => {
    const f = file('Acme AB;20240305;1;100,50\nBeta AB;20240306;2;7\nGamma AB;20240307;1;12,25\n');
    const opts = options('orders', { header: false, separator: ';', defaults: { currency: 'USD' }, after: 1 });
    const read = async (how: typeof readRows) =>
      drain(how(f, opts, async (headers) => (expect(headers).toEqual(['1', '2', '3', '4']), ['account', 'orderedAt', 'quantity', 'amount'])) as RowSource<Entity>);
    const here = await read(readRows);
    expect(await read(readRowsInWorker)).toEqual(here);
    expect(here.batches.flatMap((b) => b.good.map((g) => [g.row, g.record]))).toEqual([
      [2, { account: 'Beta AB', orderedAt: '2024-03-06', quantity: 2, amountMinor: 700, currency: 'USD' }],
      [3, { account: 'Gamma AB', orderedAt: '2024-03-07', quantity: 1, amountMinor: 1225, currency: 'USD' }],
    ]);
  });

  it('gives rows before a break in the file, then the CSV error', async () => {
    const good = Array.from({ length: 3000 }, (_, i) => `Anna ${i},anna${i}@exempel.se`);
    const f = file(['Namn,E-post', ...good, 'Bo,"bo@exempel.se', 'Cecilia,c@exempel.se', ''].join('\n'));
    const { here, worker } = await bothWays(f, options('contacts', { batchRows: 100 }));
    expect(isCsvError(here.error)).toBe(true);
    expect(isCsvError(worker.error)).toBe(true);
    expect((worker.error as Error).message).toBe((here.error as Error).message);
    expect(worker.batches).toEqual(here.batches);
    const rows = here.batches.flatMap((b) => b.good.map((g) => g.row));
    expect(rows.length).toBeGreaterThan(0);
    expect(Math.max(...rows)).toBeLessThan(3002);
  });

  it('stops when the header is refused, and the worker with it', async () => {
    const f = file('Webbplats\nhttps://a.se\n');
    for (const how of [readRows, readRowsInWorker]) {
      const source = how(f, options('contacts'), async () => {
        throw new Error('No column fills "name"');
      });
      const { batches, error } = await drain(source as RowSource<Entity>);
      expect(batches).toEqual([]);
      expect(error).toEqual(new Error('No column fills "name"'));
    }
  });
});
