/**
 * Writing CSV for export, safe to open in a spreadsheet.
 *
 * A text cell that a spreadsheet would run as a formula (it starts with `=`, `+`, `-`, `@`, tab
 * or CR) gets a leading `'`, as OWASP's CSV-injection guidance advises. Only text is neutralised:
 * numbers passed as numbers (an amount of -4500) are written plainly, so numeric columns round-trip
 * exactly. So that text round-trips too, a cell that already starts with `'`s followed by one of
 * those characters gets one more `'`, and `unneutralise` strips exactly one.
 *
 * For Excel in Swedish, start the file with `UTF8_BOM` (or it reads UTF-8 as Windows-1252) and
 * use `;` as the separator (Swedish Excel's list separator).
 */

export const UTF8_BOM = '\ufeff';

/** A cell that a spreadsheet would run, or that a neutralised cell would be mistaken for. */
const NEEDS_QUOTE_MARK = /^'*[=+\-@\t\r]/;

/** The text cell as it is written to a file: prefixed with `'` when a spreadsheet would run it. */
export function neutralise(cell: string): string {
  return NEEDS_QUOTE_MARK.test(cell) ? `'${cell}` : cell;
}

/** The text cell as it was before `neutralise`: one leading `'` removed where `neutralise` adds one. */
export function unneutralise(cell: string): string {
  return cell.startsWith("'") && NEEDS_QUOTE_MARK.test(cell.slice(1)) ? cell.slice(1) : cell;
}

function cellText(cell: string | number | null | undefined, sep: string): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell)) throw new Error(`cannot write ${cell} to CSV`);
    return String(cell);
  }
  const text = neutralise(cell);
  const needsQuotes = text.includes(sep) || /["\r\n]/.test(text);
  return needsQuotes ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * One CSV record ending in CRLF, with text cells neutralised and quoted where needed.
 * @example csvLine(['=SUM(A1)', -4500, null]) // "'=SUM(A1),-4500,\r\n"
 */
export function csvLine(cells: readonly (string | number | null | undefined)[], sep: ',' | ';' | '\t' = ','): string {
  // A lone empty cell is quoted, or the record would be an empty line, which readers skip.
  if (cells.length === 1 && (cells[0] === '' || cells[0] === null || cells[0] === undefined)) return '""\r\n';
  return `${cells.map((c) => cellText(c, sep)).join(sep)}\r\n`;
}
