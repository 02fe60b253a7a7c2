/**
 * Export of every entity, as CSV or JSON Lines, for admins.
 *
 * The CSV headers are the import's field names (import/columns.ts), so an exported file imports
 * into another org as it is. Amounts are decimal strings in major units with a dot (`1234.50`,
 * `-45.00`): exact, never a float. Text cells a spreadsheet would run are neutralised
 * (import/csv-out.ts); numbers are not, so `-45.00` stays a number. JSON Lines carries the same
 * records unchanged, `null` for what is absent.
 */
import { csvLine, UTF8_BOM } from '../import/csv-out.ts';
import { localDate } from '../domain/today.ts';
import {
  exportAccounts,
  exportContacts,
  exportInteractions,
  exportJourneys,
  exportOrders,
  type AccountExportRow,
  type ContactExportRow,
  type InteractionExportRow,
  type JourneyExportRow,
  type OrderExportRow,
} from '../store/exports.ts';
import { findOrg } from '../store/orgs.ts';
import type { Actor, AppContext } from './context.ts';
import { requireAdmin } from './permissions.ts';

export const EXPORT_ENTITIES = ['accounts', 'contacts', 'orders', 'interactions', 'journeys'] as const;
export type ExportEntity = (typeof EXPORT_ENTITIES)[number];

export const EXPORT_FORMATS = ['csv', 'jsonl'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const MEDIA_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  jsonl: 'application/x-ndjson; charset=utf-8',
};

export type Cell = string | number | null;
export type ExportRecord = Record<string, Cell>;

/** The columns of each entity's export, in file order. */
export const EXPORT_COLUMNS = {
  accounts: ['id', 'name', 'kind', 'orgNumber', 'website', 'createdAt'],
  contacts: ['id', 'name', 'email', 'phone', 'title', 'buyingRole', 'account', 'accountOrgNumber', 'createdAt'],
  orders: ['id', 'account', 'accountOrgNumber', 'orderedAt', 'product', 'quantity', 'amount', 'currency', 'externalId'],
  interactions: ['id', 'account', 'accountOrgNumber', 'journey', 'contactEmail', 'channel', 'direction', 'occurredAt', 'summary', 'purpose'],
  journeys: ['id', 'account', 'accountOrgNumber', 'title', 'process', 'stage', 'status', 'owner', 'value', 'currency', 'createdAt', 'closedAt'],
} as const satisfies Record<ExportEntity, readonly string[]>;

/** Columns that hold numbers (some as decimal strings): a spreadsheet reads them as numbers, so they are not neutralised. */
const NUMERIC_COLUMNS: ReadonlySet<string> = new Set(['quantity', 'amount', 'value']);
const DECIMAL = /^-?\d+(\.\d+)?$/;

/**
 * Minor units (öre, cents) as a decimal string in major units, by integer arithmetic on the digits.
 * @example formatMinor(123450) // '1234.50'; formatMinor(-4500) // '-45.00'
 */
export function formatMinor(minor: number): string {
  if (!Number.isSafeInteger(minor)) throw new Error(`${minor} is not a whole number of minor units`);
  const digits = String(Math.abs(minor)).padStart(3, '0');
  return `${minor < 0 ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

const accountRecord = (r: AccountExportRow) => ({
  id: r.id,
  name: r.name,
  kind: r.kind,
  orgNumber: r.org_number,
  website: r.website,
  createdAt: r.created_at,
});

const contactRecord = (r: ContactExportRow) => ({
  id: r.id,
  name: r.name,
  email: r.email,
  phone: r.phone,
  title: r.title,
  buyingRole: r.buying_role,
  account: r.account_name,
  accountOrgNumber: r.account_org_number,
  createdAt: r.created_at,
});

const orderRecord = (r: OrderExportRow) => ({
  id: r.id,
  account: r.account_name,
  accountOrgNumber: r.account_org_number,
  orderedAt: r.ordered_at,
  product: r.product,
  quantity: r.quantity,
  amount: formatMinor(r.amount_minor),
  currency: r.currency,
  externalId: r.external_id,
});

const interactionRecord = (r: InteractionExportRow) => ({
  id: r.id,
  account: r.account_name,
  accountOrgNumber: r.account_org_number,
  journey: r.journey_title,
  contactEmail: r.contact_emails[0] ?? null,
  channel: r.channel,
  direction: r.direction,
  occurredAt: r.occurred_at,
  summary: r.summary,
  purpose: r.purpose_why ?? r.purpose_criterion ?? r.purpose_concern_text,
});

const journeyRecord = (r: JourneyExportRow) => ({
  id: r.id,
  account: r.account_name,
  accountOrgNumber: r.account_org_number,
  title: r.title,
  process: r.template_key,
  stage: r.stage,
  status: r.status,
  owner: r.owner_email,
  value: r.value_minor === null ? null : formatMinor(r.value_minor),
  currency: r.currency,
  createdAt: r.created_at,
  closedAt: r.closed_at,
});

async function* mapped<R, T>(rows: AsyncIterable<R>, toRecord: (row: R) => T): AsyncGenerator<T> {
  for await (const row of rows) yield toRecord(row);
}

/** Each entity's records, in id order; the keys of a record are its columns, in order. */
export const exportAccountRecords = (ctx: AppContext, orgId: string) => mapped(exportAccounts(ctx.store.db, orgId), accountRecord);
export const exportContactRecords = (ctx: AppContext, orgId: string) => mapped(exportContacts(ctx.store.db, orgId), contactRecord);
export const exportOrderRecords = (ctx: AppContext, orgId: string) => mapped(exportOrders(ctx.store.db, orgId), orderRecord);
export const exportInteractionRecords = (ctx: AppContext, orgId: string) => mapped(exportInteractions(ctx.store.db, orgId), interactionRecord);
export const exportJourneyRecords = (ctx: AppContext, orgId: string) => mapped(exportJourneys(ctx.store.db, orgId), journeyRecord);

const RECORDS: Record<ExportEntity, (ctx: AppContext, orgId: string) => AsyncGenerator<ExportRecord>> = {
  accounts: exportAccountRecords,
  contacts: exportContactRecords,
  orders: exportOrderRecords,
  interactions: exportInteractionRecords,
  journeys: exportJourneyRecords,
};

/**
 * Every record of one entity in the actor's org. Admins only: the check is made when this is
 * called, before any row is read, so a caller can refuse before it starts to answer.
 */
export function exportRows(ctx: AppContext, actor: Actor, entity: ExportEntity): AsyncGenerator<ExportRecord> {
  requireAdmin(actor);
  return RECORDS[entity](ctx, actor.orgId);
}

/** Lines are gathered into chunks of about this many characters: few writes, little memory. */
const CHUNK_CHARS = 64 * 1024;

async function* chunked(lines: AsyncIterable<string>): AsyncGenerator<string> {
  let buffer = '';
  for await (const line of lines) {
    buffer += line;
    if (buffer.length >= CHUNK_CHARS) {
      yield buffer;
      buffer = '';
    }
  }
  if (buffer !== '') yield buffer;
}

/** One cell of a record as csvLine writes it; a number kept as a decimal string is written as the number it is. */
function csvCell(column: string, value: Cell): string {
  if (value === null || value === '') return '';
  if (NUMERIC_COLUMNS.has(column) && typeof value === 'string' && DECIMAL.test(value)) return value;
  return csvLine([value]).slice(0, -2);
}

async function* csvLines(entity: ExportEntity, rows: AsyncIterable<ExportRecord>): AsyncGenerator<string> {
  const columns = EXPORT_COLUMNS[entity];
  yield UTF8_BOM + csvLine(columns);
  for await (const row of rows) yield `${columns.map((c) => csvCell(c, row[c] ?? null)).join(',')}\r\n`;
}

async function* jsonLines(rows: AsyncIterable<ExportRecord>): AsyncGenerator<string> {
  for await (const row of rows) yield `${JSON.stringify(row)}\n`;
}

/**
 * The CSV file in chunks: a UTF-8 BOM (so Excel reads the file as UTF-8), the header line, then
 * one CRLF line per record, `,`-separated. The first chunk holds the first rows as well, so a
 * failure to read them comes before anything is sent.
 */
export const toCsvChunks = (entity: ExportEntity, rows: AsyncIterable<ExportRecord>): AsyncGenerator<string> => chunked(csvLines(entity, rows));

/** The JSON Lines file in chunks: one JSON object per record and line. */
export const toJsonlChunks = (rows: AsyncIterable<ExportRecord>): AsyncGenerator<string> => chunked(jsonLines(rows));

export function toChunks(entity: ExportEntity, format: ExportFormat, rows: AsyncIterable<ExportRecord>): AsyncGenerator<string> {
  return format === 'csv' ? toCsvChunks(entity, rows) : toJsonlChunks(rows);
}

/** The file name an export is offered as, dated in the org's time zone: `h2h-contacts-2026-11-29.csv`. */
export async function exportFileName(ctx: AppContext, actor: Actor, entity: ExportEntity, format: ExportFormat): Promise<string> {
  const org = await findOrg(ctx.store.db, actor.orgId);
  return `h2h-${entity}-${localDate(ctx.now(), org?.time_zone ?? 'UTC')}.${format}`;
}
