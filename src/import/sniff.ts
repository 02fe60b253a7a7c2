/**
 * Which separator a CSV file uses, and reading its rows with it.
 *
 * The rule: count, for each candidate separator, the columns of each of the first 20 records,
 * not counting separators inside double quotes. A candidate qualifies when it gives the header
 * (the first record) more than one column. The winner is the one whose count the most records
 * share with the header; on a tie, the one giving more columns; then tab, `;`, `,` in that order
 * (a tab is rarely in text by chance, and Swedish Excel writes `;`). Anchoring on the header is
 * what tells `Namn;Belopp` / `Anna;1,50` apart: the decimal commas give two "columns" only in
 * the data rows. With no candidate qualifying (one column), the answer is `,`.
 */
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { ChunkDecoder, type Encoding } from './decode.ts';

export type Separator = ',' | ';' | '\t';

/** A file's bytes in chunks: a file stream, a request body, or an array in tests. */
export type FileChunks = AsyncIterable<Uint8Array> | Iterable<Uint8Array>;

const CANDIDATES: readonly Separator[] = ['\t', ';', ','];
const SAMPLE_RECORDS = 20;

/** Columns per record for one separator. A record cut off at the end of the text is left out. */
function columnCounts(text: string, sep: Separator): number[] {
  const counts: number[] = [];
  let columns = 1;
  let inQuotes = false;
  let fieldStart = true;
  let content = false;
  for (let i = 0; i < text.length && counts.length < SAMPLE_RECORDS; i++) {
    const c = text[i];
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') i++;
        else inQuotes = false;
      }
    } else if (c === '"' && fieldStart) {
      inQuotes = true;
      fieldStart = false;
      content = true;
    } else if (c === sep) {
      columns++;
      fieldStart = true;
      content = true;
    } else if (c === '\n' || c === '\r') {
      if (content) counts.push(columns);
      columns = 1;
      fieldStart = true;
      content = false;
    } else {
      fieldStart = false;
      content = true;
    }
  }
  // The last record counts only if it is the only one: in a file's head it may be cut short.
  if (content && counts.length === 0) counts.push(columns);
  return counts;
}

/**
 * The separator of a CSV text, judged from its first records; see the file comment for the rule.
 * @example detectSeparator('Namn;Belopp\r\nAnna;1,50\r\n') // ';'
 */
export function detectSeparator(text: string): Separator {
  let best: { sep: Separator; agree: number; columns: number } | undefined;
  for (const sep of CANDIDATES) {
    const counts = columnCounts(text, sep);
    const columns = counts[0] ?? 1;
    if (columns < 2) continue;
    const agree = counts.filter((n) => n === columns).length;
    if (!best || agree > best.agree || (agree === best.agree && columns > best.columns)) best = { sep, agree, columns };
  }
  return best?.sep ?? ',';
}

export interface CsvRow {
  /** The row number a spreadsheet shows for this record: the header is row 1, empty lines count. */
  row: number;
  cells: string[];
}

/** A record may be at most this many characters: a quote left open must not swallow the file. */
const MAX_RECORD_CHARS = 1_000_000;

async function* decoded(source: FileChunks, decoder: ChunkDecoder): AsyncGenerator<string> {
  for await (const chunk of source) {
    const text = decoder.write(chunk);
    if (text) yield text;
  }
  const text = decoder.end();
  if (text) yield text;
}

async function* prepend(first: string, rest: AsyncGenerator<string>): AsyncGenerator<string> {
  yield first;
  yield* rest; // forwards return(), so stopping early closes the source too
}

/**
 * The records of a CSV file read from its bytes (a file stream, say), the header first:
 * decoded as `ChunkDecoder` decides, split with the given separator or the detected one.
 * Empty lines are skipped; rows may have fewer or more cells than the header.
 */
export class CsvReader implements AsyncIterable<CsvRow> {
  readonly #source: FileChunks;
  readonly #decoder = new ChunkDecoder();
  #separator: Separator | 'whitespace' | undefined;

  constructor(source: FileChunks, options: { separator?: Separator | 'whitespace' } = {}) {
    this.#source = source;
    this.#separator = options.separator;
  }

  /** The file's encoding as read so far; final once all rows have been read. */
  get encoding(): Encoding | undefined {
    return this.#decoder.encoding;
  }

  /** The separator in use; known once the first row has been read. */
  get separator(): Separator | 'whitespace' | undefined {
    return this.#separator;
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<CsvRow> {
    for await (const rows of this.batches()) yield* rows;
  }

  /** The rows in arrays of up to 1024: a caller's loop then awaits once an array, not once a row. */
  async *batches(): AsyncGenerator<CsvRow[]> {
    if (this.#separator === 'whitespace') {
      yield* this.#whitespaceBatches();
      return;
    }
    const texts = decoded(this.#source, this.#decoder);
    const head = await texts.next();
    if (head.done) return;
    this.#separator ??= detectSeparator(head.value);
    const parser = parse({
      delimiter: this.#separator,
      relax_column_count: true,
      // A stray quote inside a cell (`15" screen`) is text, not a reason to stop the import.
      relax_quotes: true,
      // Empty lines come through as [''] and are dropped below: each record is then one row
      // of the file as a spreadsheet numbers it (a cell over several lines is still one row).
      skip_empty_lines: false,
      max_record_size: MAX_RECORD_CHARS,
      // Up to this many records wait for the reader at a time (the default is 16).
      ...({ readableHighWaterMark: 1024 } as object),
    });
    const feed = Readable.from(prepend(head.value, texts));
    feed.on('error', (err) => parser.destroy(err));
    feed.pipe(parser);
    let row = 0;
    let rows: CsvRow[] = [];
    try {
      for await (const record of parser as AsyncIterable<string[]>) {
        row++;
        if (record.length === 1 && record[0] === '') continue;
        rows.push({ row, cells: record });
        if (rows.length >= 1024) {
          yield rows;
          rows = [];
        }
      }
      if (rows.length > 0) yield rows;
    } finally {
      feed.destroy();
    }
  }

  /**
   * Columns lined up with spaces, as older systems export them (the CDNOW data):
   * one row a line, cells split on runs of spaces or tabs, no quoting.
   */
  async *#whitespaceBatches(): AsyncGenerator<CsvRow[]> {
    let row = 0;
    let rest = '';
    let rows: CsvRow[] = [];
    const take = (line: string) => {
      row++;
      const trimmed = line.trim();
      if (trimmed !== '') rows.push({ row, cells: trimmed.split(/[ \t]+/) });
    };
    for await (const text of decoded(this.#source, this.#decoder)) {
      const lines = (rest + text).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) take(line);
      if (rows.length >= 1024) {
        yield rows;
        rows = [];
      }
    }
    if (rest !== '') take(rest);
    if (rows.length > 0) yield rows;
  }
}

/** The records of a CSV file read from its bytes; see `CsvReader`. */

export function readCsv(source: FileChunks, options: { separator?: Separator | 'whitespace' } = {}): CsvReader {
  return new CsvReader(source, options);
}
