/**
 * Reads for export: every row of one entity in one org, in pages keyed by id, with what the
 * export names instead of ids (account name and org number, journey title, e-mails) joined in.
 * A page at a time, so an export of a million rows never holds more than one page in memory.
 */
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

type Db = Kysely<Database>;

/** Rows per query: large enough that round trips do not dominate, small enough to stream. */
export const EXPORT_PAGE_SIZE = 2000;

/** One page of rows after the id `after` (null: from the start), in id order. */
type PageReader<T> = (db: Db, orgId: string, after: string | null, limit: number) => Promise<T[]>;

/** Every row a page reader gives, page by page, until a page comes back short. */
async function* allPages<T extends { id: string }>(read: PageReader<T>, db: Db, orgId: string, pageSize: number): AsyncGenerator<T> {
  let after: string | null = null;
  for (;;) {
    const rows = await read(db, orgId, after, pageSize);
    yield* rows;
    const last = rows.at(-1);
    if (rows.length < pageSize || last === undefined) return;
    after = last.id;
  }
}

const readAccounts: PageReader<AccountExportRow> = (db, orgId, after, limit) => {
  let q = db.selectFrom('accounts').select(['id', 'name', 'kind', 'org_number', 'website', 'created_at']).where('org_id', '=', orgId);
  if (after !== null) q = q.where('id', '>', after);
  return q.orderBy('id').limit(limit).execute();
};

const readContacts: PageReader<ContactExportRow> = (db, orgId, after, limit) => {
  let q = db
    .selectFrom('contacts as c')
    .innerJoin('accounts as a', (j) => j.onRef('a.org_id', '=', 'c.org_id').onRef('a.id', '=', 'c.account_id'))
    .select(['c.id', 'c.name', 'c.email', 'c.phone', 'c.title', 'c.buying_role', 'a.name as account_name', 'a.org_number as account_org_number', 'c.created_at'])
    .where('c.org_id', '=', orgId);
  if (after !== null) q = q.where('c.id', '>', after);
  return q.orderBy('c.id').limit(limit).execute();
};

const readOrders: PageReader<OrderExportRow> = (db, orgId, after, limit) => {
  let q = db
    .selectFrom('orders as o')
    .innerJoin('accounts as a', (j) => j.onRef('a.org_id', '=', 'o.org_id').onRef('a.id', '=', 'o.account_id'))
    .select(['o.id', 'a.name as account_name', 'a.org_number as account_org_number', 'o.ordered_at', 'o.product', 'o.quantity', 'o.amount_minor', 'o.currency', 'o.external_id'])
    .where('o.org_id', '=', orgId);
  if (after !== null) q = q.where('o.id', '>', after);
  return q.orderBy('o.id').limit(limit).execute();
};

const readJourneys: PageReader<JourneyExportRow> = (db, orgId, after, limit) => {
  let q = db
    .selectFrom('journeys as j')
    .innerJoin('accounts as a', (join) => join.onRef('a.org_id', '=', 'j.org_id').onRef('a.id', '=', 'j.account_id'))
    .innerJoin('process_templates as t', (join) => join.onRef('t.org_id', '=', 'j.org_id').onRef('t.id', '=', 'j.template_id'))
    .leftJoin('users as u', (join) => join.onRef('u.org_id', '=', 'j.org_id').onRef('u.id', '=', 'j.owner_id'))
    .select([
      'j.id',
      'a.name as account_name',
      'a.org_number as account_org_number',
      'j.title',
      't.key as template_key',
      'j.stage',
      'j.status',
      'u.email as owner_email',
      'j.value_minor',
      'j.currency',
      'j.created_at',
      'j.closed_at',
    ])
    .where('j.org_id', '=', orgId);
  if (after !== null) q = q.where('j.id', '>', after);
  return q.orderBy('j.id').limit(limit).execute();
};

/** Interactions with their journey, account and concern; e-mails of the contacts come in a second query per page. */
const readInteractions: PageReader<InteractionExportRow> = async (db, orgId, after, limit) => {
  let q = db
    .selectFrom('interactions as i')
    .innerJoin('journeys as j', (join) => join.onRef('j.org_id', '=', 'i.org_id').onRef('j.id', '=', 'i.journey_id'))
    .innerJoin('accounts as a', (join) => join.onRef('a.org_id', '=', 'j.org_id').onRef('a.id', '=', 'j.account_id'))
    .leftJoin('concerns as cn', (join) => join.onRef('cn.org_id', '=', 'i.org_id').onRef('cn.id', '=', 'i.purpose_concern_id'))
    .select([
      'i.id',
      'a.name as account_name',
      'a.org_number as account_org_number',
      'j.title as journey_title',
      'i.contact_ids',
      'i.channel',
      'i.direction',
      'i.occurred_at',
      'i.summary',
      'i.purpose_why',
      'i.purpose_criterion',
      'cn.text as purpose_concern_text',
    ])
    .where('i.org_id', '=', orgId);
  if (after !== null) q = q.where('i.id', '>', after);
  const rows = await q.orderBy('i.id').limit(limit).execute();
  // contact_ids is JSON text; reading the e-mails per page keeps the query the same on both backends.
  const contactIds = rows.map((r) => parseIds(r.contact_ids));
  const wanted = [...new Set(contactIds.flat())];
  const emails = new Map<string, string>();
  for (let i = 0; i < wanted.length; i += EXPORT_PAGE_SIZE) {
    const chunk = wanted.slice(i, i + EXPORT_PAGE_SIZE);
    const found = await db.selectFrom('contacts').select(['id', 'email']).where('org_id', '=', orgId).where('id', 'in', chunk).where('email', 'is not', null).execute();
    for (const c of found) if (c.email !== null) emails.set(c.id, c.email);
  }
  return rows.map((r, i) => ({ ...r, contact_emails: (contactIds[i] ?? []).flatMap((id) => emails.get(id) ?? []) }));
};

/** The ids of a contact_ids column; anything but an array of strings counts as none. */
function parseIds(text: string): string[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

export interface AccountExportRow {
  id: string;
  name: string;
  kind: string;
  org_number: string | null;
  website: string | null;
  created_at: string;
}

export interface ContactExportRow {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  title: string | null;
  buying_role: string;
  account_name: string;
  account_org_number: string | null;
  created_at: string;
}

export interface OrderExportRow {
  id: string;
  account_name: string;
  account_org_number: string | null;
  ordered_at: string;
  product: string | null;
  quantity: number;
  amount_minor: number;
  currency: string;
  external_id: string | null;
}

export interface JourneyExportRow {
  id: string;
  account_name: string;
  account_org_number: string | null;
  title: string;
  template_key: string;
  stage: string;
  status: string;
  owner_email: string | null;
  value_minor: number | null;
  currency: string;
  created_at: string;
  closed_at: string | null;
}

export interface InteractionExportRow {
  id: string;
  account_name: string;
  account_org_number: string | null;
  journey_title: string;
  contact_ids: string;
  /** the e-mails of the interaction's contacts that have one, in the order of contact_ids */
  contact_emails: string[];
  channel: string;
  direction: string;
  occurred_at: string;
  summary: string;
  purpose_why: string | null;
  purpose_criterion: string | null;
  purpose_concern_text: string | null;
}

export const exportAccounts = (db: Db, orgId: string, pageSize = EXPORT_PAGE_SIZE) => allPages(readAccounts, db, orgId, pageSize);
export const exportContacts = (db: Db, orgId: string, pageSize = EXPORT_PAGE_SIZE) => allPages(readContacts, db, orgId, pageSize);
export const exportOrders = (db: Db, orgId: string, pageSize = EXPORT_PAGE_SIZE) => allPages(readOrders, db, orgId, pageSize);
export const exportJourneys = (db: Db, orgId: string, pageSize = EXPORT_PAGE_SIZE) => allPages(readJourneys, db, orgId, pageSize);
export const exportInteractions = (db: Db, orgId: string, pageSize = EXPORT_PAGE_SIZE) => allPages(readInteractions, db, orgId, pageSize);
