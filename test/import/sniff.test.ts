import { describe, expect, it } from 'vitest';
import { detectSeparator, readCsv } from '../../src/import/sniff.ts';

async function collect(reader: AsyncIterable<{ row: number; cells: string[] }>) {
  const rows: { row: number; cells: string[] }[] = [];
  for await (const r of reader) rows.push(r);
  return rows;
}

async function* chunked(bytes: Uint8Array, size: number) {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

describe('detectSeparator', () => {
  it('finds the semicolon of Swedish Excel even though decimal commas abound', () => {
    expect(detectSeparator('Namn;Belopp;Antal\r\nAnna;1,50;2,5\r\nBo;3,75;1,5\r\n')).toBe(';');
  });

  it('finds the comma of an English export', () => {
    expect(detectSeparator('Name,Amount\nAnna,1.50\nBo,3.75\n')).toBe(',');
  });

  it('finds a tab', () => {
    expect(detectSeparator('Name\tCompany\tCity\nAnna\tAcme, Inc.\tLund\n')).toBe('\t');
  });

  it('does not count separators inside quotes', () => {
    const text = 'Name,Company\n"Berg; Anna","Acme; Lund; Malmö"\n"Ek; Bo","Beta; Umeå; Kiruna"\n';
    expect(detectSeparator(text)).toBe(',');
    const multiLine = 'Namn;Anteckning\r\nAnna;"ringde, sa:\r\nåter, nästa, vecka"\r\nBo;ok\r\n';
    expect(detectSeparator(multiLine)).toBe(';');
  });

  it('prefers the separator giving more columns when both are consistent', () => {
    expect(detectSeparator('a,b;c;d,e;f\n1,2;3;4,5;6\n')).toBe(';');
    expect(detectSeparator('a;b,c,d;e,f\n1;2,3,4;5,6\n')).toBe(',');
  });

  it('prefers a semicolon to a comma when they give the same columns', () => {
    expect(detectSeparator('Namn;Ort, land\r\nAnna;Lund, Sverige\r\n')).toBe(';');
  });

  it('ignores a last line cut off in the middle, as the head of a file may be', () => {
    expect(detectSeparator('Namn;Stad\r\nAnna;Lund\r\nBo;Um')).toBe(';');
  });

  it('falls back to a comma for a single column', () => {
    expect(detectSeparator('Namn\r\nAnna\r\n')).toBe(',');
  });
});

describe('readCsv', () => {
  it('reads a Windows-1252, semicolon file delivered a few bytes at a time', async () => {
    const text = 'Förnamn;Företag;Belopp\r\nÅsa;"Öberg; Söner AB";1 234,50\r\n\r\nBo;Ek AB;12\r\n';
    const bytes = Uint8Array.from([...text].map((ch) => ch.charCodeAt(0))); // Latin-1 = Windows-1252 for these letters
    const reader = readCsv(chunked(bytes, 3));
    const rows = await collect(reader);
    expect(rows).toEqual([
      { row: 1, cells: ['Förnamn', 'Företag', 'Belopp'] },
      { row: 2, cells: ['Åsa', 'Öberg; Söner AB', '1 234,50'] },
      { row: 4, cells: ['Bo', 'Ek AB', '12'] },
    ]);
    expect(reader.encoding).toBe('windows-1252');
    expect(reader.separator).toBe(';');
  });

  it('numbers rows as a spreadsheet does when a cell spans lines', async () => {
    const text = 'Name,Notes\n"Anna","line one\nline two"\nBo,short\n';
    const rows = await collect(readCsv(chunked(Buffer.from(text, 'utf8'), 1024)));
    expect(rows.map((r) => [r.row, r.cells[0]])).toEqual([[1, 'Name'], [2, 'Anna'], [3, 'Bo']]);
    expect(rows[1]!.cells[1]).toBe('line one\nline two');
  });

  it('keeps a stray quote inside a cell as text and lets rows be short', async () => {
    const rows = await collect(readCsv(chunked(Buffer.from('Product;Qty;Note\n15" screen;2\n', 'utf8'), 4)));
    expect(rows[1]!.cells).toEqual(['15" screen', '2']);
  });

  it('uses the separator it is given', async () => {
    const rows = await collect(readCsv(chunked(Buffer.from('a;b,c\n1;2,3\n', 'utf8'), 64), { separator: ',' }));
    expect(rows[1]!.cells).toEqual(['1;2', '3']);
  });

  it('reads an empty file as no rows', async () => {
    expect(await collect(readCsv(chunked(new Uint8Array(0), 1)))).toEqual([]);
  });

  it('closes the file when the reader stops early', async () => {
    let closed = false;
    async function* source() {
      try {
        for (let i = 0; i < 1_000_000; i++) yield Buffer.from(`row ${i};${i}\n`);
      } finally {
        closed = true;
      }
    }
    for await (const r of readCsv(source())) if (r.row === 3) break;
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(closed).toBe(true);
  });

  it('fails, naming the line, when a quote is never closed', async () => {
    await expect(collect(readCsv([Buffer.from('a;b\n1;"open\n2;3\n')]))).rejects.toMatchObject({
      code: 'CSV_QUOTE_NOT_CLOSED',
      message: expect.stringContaining('line 3'),
    });
  });

  it('fails with the source error when the file cannot be read', async () => {
    async function* broken() {
      yield Buffer.from('a;b\n1;2\n');
      throw new Error('disk gone');
    }
    await expect(collect(readCsv(broken()))).rejects.toThrow('disk gone');
  });
});
