import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ChunkDecoder, decodeStream, detectEncoding, HEAD_BYTES } from '../../src/import/decode.ts';

// "Förnamn;Efternamn\r\nÅsa;Öberg\r\n" as Swedish Excel saves it (Windows-1252).
const CP1252 = Buffer.from([
  0x46, 0xf6, 0x72, 0x6e, 0x61, 0x6d, 0x6e, 0x3b, 0x45, 0x66, 0x74, 0x65, 0x72, 0x6e, 0x61, 0x6d, 0x6e, 0x0d, 0x0a,
  0xc5, 0x73, 0x61, 0x3b, 0xd6, 0x62, 0x65, 0x72, 0x67, 0x0d, 0x0a,
]);
const TEXT = 'Förnamn;Efternamn\r\nÅsa;Öberg\r\n';
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

async function decodeChunks(chunks: Uint8Array[]) {
  const stream = decodeStream();
  const texts: string[] = [];
  for await (const text of Readable.from(chunks.map((c) => Buffer.from(c))).pipe(stream)) texts.push(text as string);
  return { texts, text: texts.join(''), encoding: stream.fileEncoding };
}

/** Every byte its own chunk: the hardest split a stream can deliver. */
const bytewise = (b: Uint8Array) => [...b].map((x) => Uint8Array.of(x));

describe('detectEncoding', () => {
  it('reads Excel-in-Swedish bytes as Windows-1252', () => {
    expect(detectEncoding(CP1252)).toBe('windows-1252');
  });

  it('reads valid UTF-8 as UTF-8, and a byte order mark as UTF-8 with BOM', () => {
    expect(detectEncoding(Buffer.from(TEXT, 'utf8'))).toBe('utf-8');
    expect(detectEncoding(Buffer.concat([BOM, Buffer.from(TEXT, 'utf8')]))).toBe('utf-8-bom');
  });

  it('does not hold a character cut off at the end of the head against UTF-8', () => {
    const ae = Buffer.from('Åsa Ärlig', 'utf8');
    const cut = ae.subarray(0, ae.indexOf(Buffer.from('Ä', 'utf8')) + 1); // "Åsa " and half of Ä
    expect(detectEncoding(cut)).toBe('utf-8');
    // ...unless the head is the whole file: then a lone lead byte is Windows-1252 (here "Bå").
    expect(detectEncoding(Buffer.from([0x42, 0xe5]), true)).toBe('windows-1252');
  });
});

describe('decodeStream', () => {
  it('decodes Windows-1252 into the Swedish letters, however the bytes are split', async () => {
    const result = await decodeChunks(bytewise(CP1252));
    expect(result.text).toBe(TEXT);
    expect(result.encoding).toBe('windows-1252');
  });

  it('decodes UTF-8 with a multi-byte character split across chunks', async () => {
    const bytes = Buffer.from(TEXT, 'utf8');
    const at = bytes.indexOf(Buffer.from('Ö', 'utf8')) + 1; // between the two bytes of Ö
    const result = await decodeChunks([bytes.subarray(0, at), bytes.subarray(at)]);
    expect(result.text).toBe(TEXT);
    expect(result.encoding).toBe('utf-8');
  });

  it('strips the byte order mark, so the first header is not "\\ufeffFörnamn"', async () => {
    const result = await decodeChunks(bytewise(Buffer.concat([BOM, Buffer.from(TEXT, 'utf8')])));
    expect(result.text).toBe(TEXT);
    expect(result.encoding).toBe('utf-8-bom');
  });

  it('gives the whole head as the first string, for sniffing the separator', async () => {
    const row = Buffer.from('Namn;Belopp\r\n', 'utf8');
    const big = Buffer.concat(Array.from({ length: Math.ceil((HEAD_BYTES * 2) / row.length) }, () => row));
    const chunks = Array.from({ length: Math.ceil(big.length / 1000) }, (_, i) => big.subarray(i * 1000, (i + 1) * 1000));
    const result = await decodeChunks(chunks);
    expect(result.texts[0]!.length).toBeGreaterThanOrEqual(HEAD_BYTES);
    expect(result.text).toBe(big.toString('utf8'));
  });

  it('finds Windows-1252 after a head that is all ASCII', async () => {
    const ascii = Buffer.from('Kund;Belopp\r\n' + 'Acme;100\r\n'.repeat(HEAD_BYTES / 5), 'latin1');
    const result = await decodeChunks([ascii, Buffer.from([0x42, 0x6a, 0xf6, 0x72, 0x6b, 0x3b, 0x35, 0x0d, 0x0a])]);
    expect(result.text.endsWith('Björk;5\r\n')).toBe(true);
    expect(result.encoding).toBe('windows-1252');
  });

  it('keeps an all-ASCII file that later turns to UTF-8 as UTF-8, even split inside a character', async () => {
    const ascii = Buffer.from('Kund;Belopp\r\n' + 'Acme;100\r\n'.repeat(HEAD_BYTES / 5), 'latin1');
    const tail = Buffer.from('Björk;5\r\n', 'utf8');
    const result = await decodeChunks([ascii, ...bytewise(tail)]);
    expect(result.text.endsWith('Björk;5\r\n')).toBe(true);
    expect(result.encoding).toBe('utf-8');
  });
});

describe('ChunkDecoder', () => {
  it('holds text back until the head is complete, then gives it whole', () => {
    const decoder = new ChunkDecoder();
    expect(decoder.write(CP1252.subarray(0, 10))).toBe('');
    expect(decoder.encoding).toBeUndefined();
    expect(decoder.write(CP1252.subarray(10)) + decoder.end()).toBe(TEXT);
    expect(decoder.encoding).toBe('windows-1252');
  });

  it('reads an empty file as no text', () => {
    const decoder = new ChunkDecoder();
    expect(decoder.end()).toBe('');
  });
});
