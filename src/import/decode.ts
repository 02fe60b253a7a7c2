/**
 * Reading a CSV file's bytes as text without knowing its encoding: UTF-8 (with or without a
 * byte order mark) or Windows-1252, which is what Excel in Swedish saves as "CSV" (å=E5, ä=E4, ö=F6).
 *
 * Text that is valid UTF-8 is almost never Windows-1252 that happens to look like it, so the
 * first 64 KiB decide. A head that is all ASCII decides nothing: both encodings read it the
 * same, so the choice waits for the first non-ASCII byte further on (an orders file may list
 * thousands of ASCII rows before its first "Björk").
 */
import { Transform, type TransformCallback } from 'node:stream';

export type Encoding = 'utf-8' | 'utf-8-bom' | 'windows-1252';

export const HEAD_BYTES = 64 * 1024;

/** How many of the bytes form whole UTF-8 sequences: an incomplete one at the end is left out. */
function wholeSequences(bytes: Uint8Array): number {
  for (let i = bytes.length - 1; i >= Math.max(0, bytes.length - 3); i--) {
    const b = bytes[i]!;
    if ((b & 0xc0) === 0x80) continue; // a continuation byte: look further back for its lead
    const needs = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return bytes.length - i < needs ? i : bytes.length;
  }
  return bytes.length;
}

/**
 * The encoding of a file that starts with `head`. Unless `atEnd` (the head is the whole file),
 * a multi-byte character cut off at the end of the head does not count against UTF-8.
 */
export function detectEncoding(head: Uint8Array, atEnd = false): Encoding {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8-bom';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, atEnd ? head.length : wholeSequences(head)));
    return 'utf-8';
  } catch {
    return 'windows-1252';
  }
}

const firstNonAscii = (bytes: Uint8Array) => bytes.findIndex((b) => b > 0x7f);
const ascii = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');

/**
 * Turns a file's chunks into text, one call per chunk: `write` returns nothing until the first
 * 64 KiB are in (or `end` is called), then the whole head at once, then text as it comes.
 */
export class ChunkDecoder {
  #head: Uint8Array[] = [];
  #headBytes = 0;
  #encoding: Encoding | undefined;
  /** True while every byte so far was ASCII, so `utf-8` is only a guess. */
  #undecided = false;
  /** While undecided: the bytes from the first non-ASCII one on, too few yet to decide by. */
  #pending: Uint8Array | undefined;
  #decoder: TextDecoder | undefined;

  /** The encoding read so far; final once `end` has been called. */
  get encoding(): Encoding | undefined {
    return this.#encoding;
  }

  write(chunk: Uint8Array): string {
    if (this.#encoding !== undefined) return this.#decode(chunk, false);
    this.#head.push(chunk);
    this.#headBytes += chunk.length;
    return this.#headBytes < HEAD_BYTES ? '' : this.#start(false);
  }

  end(): string {
    const head = this.#encoding === undefined ? this.#start(true) : '';
    return head + this.#decode(new Uint8Array(0), true);
  }

  #start(atEnd: boolean): string {
    const head = Buffer.concat(this.#head);
    this.#head = [];
    this.#encoding = detectEncoding(head, atEnd);
    this.#undecided = this.#encoding === 'utf-8' && firstNonAscii(head) === -1;
    return this.#decode(this.#encoding === 'utf-8-bom' ? head.subarray(3) : head, false);
  }

  #decode(chunk: Uint8Array, final: boolean): string {
    if (this.#undecided) {
      const bytes = this.#pending ? Buffer.concat([this.#pending, chunk]) : chunk;
      this.#pending = undefined;
      const i = firstNonAscii(bytes);
      if (i === -1) return ascii(bytes);
      const rest = bytes.subarray(i);
      // Up to four bytes make one character: fewer than that may not show which encoding it is.
      if (rest.length < 4 && !final) {
        this.#pending = rest;
        return ascii(bytes.subarray(0, i));
      }
      this.#encoding = detectEncoding(rest, final);
      this.#undecided = false;
      return ascii(bytes.subarray(0, i)) + this.#decode(rest, final);
    }
    this.#decoder ??= new TextDecoder(this.#encoding === 'windows-1252' ? 'windows-1252' : 'utf-8');
    return this.#decoder.decode(chunk, { stream: !final });
  }
}

/**
 * A stream from a file's bytes to its text (strings, in object mode), without a byte order mark.
 * The first string is the decoded head (the first 64 KiB, or the whole file if smaller), enough
 * to sniff the separator from; `fileEncoding` says how the file was read.
 */
export class DecodeStream extends Transform {
  readonly #decoder = new ChunkDecoder();

  constructor() {
    super({ readableObjectMode: true });
  }

  /** The encoding read so far; final once the stream has ended. */
  get fileEncoding(): Encoding | undefined {
    return this.#decoder.encoding;
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, callback: TransformCallback): void {
    const text = this.#decoder.write(chunk);
    if (text) this.push(text);
    callback();
  }

  override _flush(callback: TransformCallback): void {
    const text = this.#decoder.end();
    if (text) this.push(text);
    callback();
  }
}

/** A stream from a file's bytes to its text; see `DecodeStream`. */
export function decodeStream(): DecodeStream {
  return new DecodeStream();
}
