/**
 * How one batch of good rows of each entity goes into the database: find the
 * accounts they name (making those that do not exist yet), sort out duplicates,
 * and append the new rows in bulk. A batch runs inside the transaction that
 * also records the job's progress (imports.ts), so a batch is in, or not at all.
 *
 * Duplicates: an account is the same account when its organisation number
 * matches, else when its name does (as a Swedish name key); a contact when its
 * e-mail matches, ignoring case; an order when its order number (`externalId`)
 * does. `skip` leaves the existing row; `update` writes the file's values over
 * it, field by field, for the fields the file has.
 */
import { nameKey } from '../domain/swedish.ts';
import { CHANNELS, type Channel } from '../domain/vocabulary.ts';
import type { GoodRow } from '../import/checked.ts';
import type { Entity } from '../import/columns.ts';
import type { AccountRecord, ContactRecord, InteractionRecord, OrderRecord, RecordOf } from '../import/rows.ts';
import type { BulkSession, Cell, ContactEmails } from '../store/bulk.ts';
import {
  accountsByNameKey,
  accountsByOrgNumber,
  contactsByEmailKey,
  journeysByTitleKey,
  ordersByExternalId,
} from '../store/imports.ts';
import { toJson } from '../store/json.ts';
import { productsBySku } from '../store/products.ts';
import type { Writer } from './context.ts';

export type OnDuplicate = 'skip' | 'update';
export type { GoodRow };

/** A row the writer refuses after all (its account cannot be found or made). */
export interface Refused {
  row: number;
  reason: string;
}

export interface BatchOutcome {
  inserted: number;
  updated: number;
  duplicates: number;
  rejects: Refused[];
}

export interface Batch<R> {
  w: Writer;
  /** the import writing this batch: orders remember it */
  jobId: string;
  copy: BulkSession['copy'];
  rows: GoodRow<R>[];
  onDuplicate: OnDuplicate;
  accounts: AccountCache;
  /** the org's contacts by e-mail key, as the import goes (contacts only) */
  emails: ContactEmails | null;
  /** for journeys an interaction import has to start */
  journeyDefaults: { templateId: string; stage: string; ownerId: string };
}

const ACCOUNT_COLUMNS = ['org_id', 'id', 'kind', 'name', 'name_key', 'org_number', 'website', 'created_at', 'updated_at'] as const;
const CONTACT_COLUMNS = ['org_id', 'id', 'account_id', 'name', 'name_key', 'email', 'email_key', 'phone', 'title', 'buying_role', 'created_at', 'updated_at'] as const;
const ORDER_COLUMNS = ['org_id', 'id', 'account_id', 'ordered_at', 'product', 'quantity', 'amount_minor', 'currency', 'external_id', 'import_id', 'product_id', 'created_at', 'updated_at'] as const;
const JOURNEY_COLUMNS = [
  'org_id', 'id', 'account_id', 'template_id', 'title', 'title_key', 'stage', 'status', 'owner_id', 'value_minor', 'currency',
  'stage_entered_at', 'created_at', 'updated_at', 'closed_at', 'close_reason',
] as const;
const INTERACTION_COLUMNS = [
  'org_id', 'id', 'journey_id', 'channel', 'direction', 'occurred_at', 'summary', 'contact_ids', 'purpose_criterion', 'purpose_concern_id',
  'purpose_why', 'stage', 'created_by', 'created_at',
] as const;
const TIMELINE_COLUMNS = ['org_id', 'id', 'journey_id', 'at', 'kind', 'entity_id', 'actor_id', 'data'] as const;

/**
 * Accounts found or made so far in this import, by organisation number and by
 * name key (a file names each company on many rows). Bounded: a file may name
 * more companies than memory should hold; the database still knows them.
 */
export class AccountCache {
  static readonly LIMIT = 200_000;
  readonly #byNumber = new Map<string, string>();
  readonly #byName = new Map<string, string>();

  byNumber(orgNumber: string): string | undefined {
    return this.#byNumber.get(orgNumber);
  }
  byNameKey(key: string): string | undefined {
    return this.#byName.get(key);
  }
  rememberNumber(orgNumber: string, id: string): void {
    if (this.#byNumber.size >= AccountCache.LIMIT) this.#byNumber.clear();
    this.#byNumber.set(orgNumber, id);
  }
  rememberNameKey(key: string, id: string): void {
    if (this.#byName.size >= AccountCache.LIMIT) this.#byName.clear();
    this.#byName.set(key, id);
  }
}

/** A record that names an account: by name, by organisation number, or both. */
interface NamesAccount {
  account?: string | undefined;
  accountOrgNumber?: string | undefined;
}

const namesAccount = (r: NamesAccount) => Boolean(r.account || r.accountOrgNumber);
const byNumber = (n: string) => `o:${n}`;

/**
 * The account each row names: by organisation number, else by name (its key
 * worked out with the row); one that is not there is made (a company), if the
 * row gives its name. Null for a row that names no account or cannot make one.
 */
async function resolveAccounts(b: Batch<unknown>, rows: readonly GoodRow<NamesAccount>[]): Promise<(string | null)[]> {
  const { w, accounts } = b;
  const orgId = w.actor.orgId;
  // Most rows name an account the cache knows; the rest are looked up together.
  const ids: (string | null)[] = new Array<string | null>(rows.length).fill(null);
  const unknown: number[] = [];
  const numbers = new Set<string>();
  const keys = new Set<string>();
  rows.forEach(({ record: r, accountKey }, i) => {
    // The organisation number decides; the name finds the account when the number finds none.
    const known = r.accountOrgNumber ? accounts.byNumber(r.accountOrgNumber) : accountKey ? accounts.byNameKey(accountKey) : undefined;
    if (known) return void (ids[i] = known);
    if (!namesAccount(r)) return;
    unknown.push(i);
    if (r.accountOrgNumber) numbers.add(r.accountOrgNumber);
    if (accountKey && accounts.byNameKey(accountKey) === undefined) keys.add(accountKey);
  });
  if (numbers.size > 0) for (const a of await accountsByOrgNumber(w.tx, orgId, [...numbers])) if (a.org_number) accounts.rememberNumber(a.org_number, a.id);
  // (the oldest account per name: the one a name always finds)
  if (keys.size > 0) for (const a of await accountsByNameKey(w.tx, orgId, [...keys])) accounts.rememberNameKey(a.name_key, a.id);
  const made: Cell[][] = [];
  for (const i of unknown) {
    const { record: r, accountKey } = rows[i]!;
    const found = (r.accountOrgNumber ? accounts.byNumber(r.accountOrgNumber) : undefined) ?? (accountKey ? accounts.byNameKey(accountKey) : undefined);
    if (found) {
      ids[i] = found;
      continue;
    }
    if (!r.account || !accountKey) continue;
    const id = w.id();
    made.push([orgId, id, 'company', r.account, accountKey, r.accountOrgNumber ?? null, null, w.iso, w.iso]);
    if (r.accountOrgNumber) accounts.rememberNumber(r.accountOrgNumber, id);
    accounts.rememberNameKey(accountKey, id);
    ids[i] = id;
  }
  await b.copy('accounts', ACCOUNT_COLUMNS, made);
  return ids;
}

const noAccount = (r: { account?: string | undefined; accountOrgNumber?: string | undefined }) =>
  r.accountOrgNumber ? `accountOrgNumber: "${r.accountOrgNumber}" is no account's, and the row gives no name to make one` : 'the row names no account';

async function writeAccounts(b: Batch<AccountRecord>): Promise<BatchOutcome> {
  const { w, rows } = b;
  const orgId = w.actor.orgId;
  const out: BatchOutcome = { inserted: 0, updated: 0, duplicates: 0, rejects: [] };
  const numbers = [...new Set(rows.flatMap((r) => (r.record.orgNumber ? [r.record.orgNumber] : [])))];
  const existing = new Map<string, string>();
  for (const a of await accountsByOrgNumber(w.tx, orgId, numbers)) if (a.org_number) existing.set(byNumber(a.org_number), a.id);
  const names = [...new Set(rows.filter((r) => !r.record.orgNumber).map((r) => r.nameKey!))];
  for (const a of await accountsByNameKey(w.tx, orgId, names)) if (!existing.has(`n:${a.name_key}`)) existing.set(`n:${a.name_key}`, a.id);

  const fresh: Cell[][] = [];
  for (const { record: r, nameKey: nameKeyOf } of rows) {
    const name_key = nameKeyOf!;
    const key = r.orgNumber ? byNumber(r.orgNumber) : `n:${name_key}`;
    const id = existing.get(key);
    if (id) {
      out.duplicates++;
      if (b.onDuplicate === 'update') {
        await w.tx
          .updateTable('accounts')
          .set({ name: r.name, name_key, kind: r.kind, ...(r.orgNumber && { org_number: r.orgNumber }), ...(r.website && { website: r.website }), updated_at: w.iso })
          .where('org_id', '=', orgId)
          .where('id', '=', id)
          .execute();
        out.updated++;
      }
      continue;
    }
    const newId = w.id();
    existing.set(key, newId);
    if (r.orgNumber) b.accounts.rememberNumber(r.orgNumber, newId);
    b.accounts.rememberNameKey(name_key, newId);
    fresh.push([orgId, newId, r.kind, r.name, name_key, r.orgNumber ?? null, r.website ?? null, w.iso, w.iso]);
  }
  await b.copy('accounts', ACCOUNT_COLUMNS, fresh);
  out.inserted = fresh.length;
  return out;
}

async function writeContacts(b: Batch<ContactRecord>): Promise<BatchOutcome> {
  const { w, rows } = b;
  const orgId = w.actor.orgId;
  const out: BatchOutcome = { inserted: 0, updated: 0, duplicates: 0, rejects: [] };
  // Only the keys that may be there are looked up: nearly always none.
  const maybe = new Set<string>();
  for (const { record: r } of rows) if (r.emailKey && (!b.emails || b.emails.mightHave(r.emailKey))) maybe.add(r.emailKey);
  const existing = new Map<string, string>();
  if (maybe.size > 0) {
    const found = b.emails ? await b.emails.find(w.tx, [...maybe]) : await contactsByEmailKey(w.tx, orgId, [...maybe]);
    for (const c of found) if (c.email_key && !existing.has(c.email_key)) existing.set(c.email_key, c.id);
  }

  // Duplicates first: a duplicate makes no account.
  const fresh: GoodRow<ContactRecord>[] = [];
  const freshCells: Cell[][] = [];
  /** this batch's new contacts by e-mail key */
  const inBatch = new Map<string, Cell[]>();
  for (const row of rows) {
    const r = row.record;
    const id = r.emailKey && existing.size > 0 ? existing.get(r.emailKey) : undefined;
    if (id) {
      out.duplicates++;
      if (b.onDuplicate === 'update') {
        await w.tx
          .updateTable('contacts')
          .set({
            name: r.name,
            name_key: row.nameKey!,
            email: r.email ?? null,
            ...(r.phone && { phone: r.phone }),
            ...(r.title && { title: r.title }),
            ...(r.buyingRole && { buying_role: r.buyingRole }),
            updated_at: w.iso,
          })
          .where('org_id', '=', orgId)
          .where('id', '=', id)
          .execute();
        out.updated++;
      }
      continue;
    }
    const earlier = r.emailKey ? inBatch.get(r.emailKey) : undefined;
    if (earlier) {
      // The same e-mail twice in one batch: the later row is the duplicate.
      out.duplicates++;
      if (b.onDuplicate === 'update') {
        earlier[3] = r.name;
        earlier[4] = row.nameKey;
        if (r.phone) earlier[7] = r.phone;
        if (r.title) earlier[8] = r.title;
        if (r.buyingRole) earlier[9] = r.buyingRole;
        out.updated++;
      }
      continue;
    }
    const cells: Cell[] = [orgId, w.id(), null, r.name, row.nameKey, r.email ?? null, r.emailKey ?? null, r.phone ?? null, r.title ?? null, r.buyingRole ?? 'unknown', w.iso, w.iso];
    fresh.push(row);
    freshCells.push(cells);
    if (r.emailKey) inBatch.set(r.emailKey, cells);
  }

  // A contact without a company is a private person: an account of their own.
  const ids = await resolveAccounts(b as Batch<unknown>, fresh);
  const people: Cell[][] = [];
  const insert: Cell[][] = [];
  for (let i = 0; i < fresh.length; i++) {
    const row = fresh[i]!;
    const cells = freshCells[i]!;
    let accountId = ids[i];
    if (!namesAccount(row.record)) {
      accountId = w.id();
      people.push([orgId, accountId, 'person', row.record.name, row.nameKey, null, null, w.iso, w.iso]);
    }
    if (!accountId) {
      out.rejects.push({ row: row.row, reason: noAccount(row.record) });
      continue;
    }
    cells[2] = accountId;
    insert.push(cells);
  }
  await b.copy('accounts', ACCOUNT_COLUMNS, people);
  await b.copy('contacts', CONTACT_COLUMNS, insert);
  if (b.emails) {
    const keys: string[] = [];
    for (const cells of insert) if (cells[6]) keys.push(cells[6] as string);
    b.emails.added(keys);
  }
  out.inserted = insert.length;
  return out;
}

async function writeOrders(b: Batch<OrderRecord>): Promise<BatchOutcome> {
  const { w, rows } = b;
  const orgId = w.actor.orgId;
  const out: BatchOutcome = { inserted: 0, updated: 0, duplicates: 0, rejects: [] };
  const numbers = [...new Set(rows.flatMap((r) => (r.record.externalId ? [r.record.externalId] : [])))];
  const existing = new Map<string, string>();
  for (const o of await ordersByExternalId(w.tx, orgId, numbers)) if (o.external_id) existing.set(o.external_id, o.id);

  const fresh: GoodRow<OrderRecord>[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    const r = row.record;
    const id = r.externalId ? existing.get(r.externalId) : undefined;
    if (id || (r.externalId && seen.has(r.externalId))) {
      out.duplicates++;
      if (b.onDuplicate === 'update' && id) {
        await w.tx
          .updateTable('orders')
          .set({ ordered_at: r.orderedAt, quantity: r.quantity, amount_minor: r.amountMinor, currency: r.currency, ...(r.product && { product: r.product }), updated_at: w.iso })
          .where('org_id', '=', orgId)
          .where('id', '=', id)
          .execute();
        out.updated++;
      }
      continue;
    }
    if (r.externalId) seen.add(r.externalId);
    fresh.push(row);
  }
  const ids = await resolveAccounts(b as Batch<unknown>, fresh);
  // A product cell that is a product's SKU links the order to it: its reference price reads such orders.
  const skus = [...new Set(fresh.flatMap((f) => (f.record.product ? [f.record.product] : [])))];
  const productBySku = new Map((await productsBySku(w.tx, orgId, skus)).map((p) => [p.sku, p.id]));
  const insert: Cell[][] = [];
  fresh.forEach(({ row, record: r }, i) => {
    const accountId = ids[i];
    if (!accountId) return void out.rejects.push({ row, reason: noAccount(r) });
    const productId = r.product ? (productBySku.get(r.product) ?? null) : null;
    insert.push([orgId, w.id(), accountId, r.orderedAt, r.product ?? null, r.quantity, r.amountMinor, r.currency, r.externalId ?? null, b.jobId, productId, w.iso, w.iso]);
  });
  await b.copy('orders', ORDER_COLUMNS, insert);
  out.inserted = insert.length;
  return out;
}

/** A channel H2H knows, from the file's word for it; anything else is `other`. */
function channelOf(word: string | undefined): Channel {
  if (!word) return 'other';
  const w = word.replace(/[\s-]+/g, '_');
  const synonyms: Record<string, Channel> = { mail: 'email', 'e_post': 'email', e_mail: 'email', samtal: 'call', telefon: 'call', phone: 'call', möte: 'meeting', brev: 'letter', mässa: 'event' };
  return (CHANNELS as readonly string[]).includes(w) ? (w as Channel) : (synonyms[w] ?? 'other');
}

/** A moment as the timeline stores it: a date alone is its midnight in UTC. */
const instant = (s: string) => (s.length === 10 ? `${s}T00:00:00.000Z` : s);

async function writeInteractions(b: Batch<InteractionRecord>): Promise<BatchOutcome> {
  const { w, rows } = b;
  const orgId = w.actor.orgId;
  const out: BatchOutcome = { inserted: 0, updated: 0, duplicates: 0, rejects: [] };
  const accountIds = await resolveAccounts(b as Batch<unknown>, rows);
  const wanted = rows.flatMap((row, i) => (accountIds[i] ? [{ accountId: accountIds[i], titleKey: nameKey(row.record.journey ?? IMPORTED_JOURNEY) }] : []));
  const journeys = new Map<string, { id: string; stage: string }>();
  for (const j of await journeysByTitleKey(w.tx, orgId, wanted)) {
    const key = `${j.account_id}\u0000${j.title_key}`;
    if (!journeys.has(key)) journeys.set(key, { id: j.id, stage: j.stage });
  }
  const emails = [...new Set(rows.flatMap((r) => (r.record.contactEmail ? [r.record.contactEmail] : [])))];
  const contacts = new Map<string, string>();
  for (const c of await contactsByEmailKey(w.tx, orgId, emails)) if (c.email_key && !contacts.has(c.email_key)) contacts.set(c.email_key, c.id);

  const { templateId, stage, ownerId } = b.journeyDefaults;
  const newJourneys: Cell[][] = [];
  const interactions: Cell[][] = [];
  const timeline: Cell[][] = [];
  rows.forEach(({ row, record: r }, i) => {
    const accountId = accountIds[i];
    if (!accountId) return void out.rejects.push({ row, reason: noAccount(r) });
    const title = r.journey ?? IMPORTED_JOURNEY;
    const key = `${accountId}\u0000${nameKey(title)}`;
    let journey = journeys.get(key);
    if (!journey) {
      // History for a journey H2H does not have yet starts one, at the first stage.
      journey = { id: w.id(), stage };
      journeys.set(key, journey);
      newJourneys.push([orgId, journey.id, accountId, templateId, title, nameKey(title), stage, 'open', ownerId, null, 'SEK', w.iso, w.iso, w.iso, null, null]);
    }
    const contactId = r.contactEmail ? contacts.get(r.contactEmail) : undefined;
    const id = w.id();
    const at = instant(r.occurredAt);
    const view = {
      id, journeyId: journey.id, channel: channelOf(r.channel), direction: r.direction ?? 'outbound', occurredAt: at, summary: r.summary,
      contactIds: contactId ? [contactId] : [], purpose: r.purpose ? { why: r.purpose } : null, stage: journey.stage, createdBy: w.actor.userId, createdAt: w.iso,
    };
    interactions.push([orgId, id, journey.id, view.channel, view.direction, at, r.summary, toJson(view.contactIds), null, null, r.purpose ?? null, journey.stage, w.actor.userId, w.iso]);
    timeline.push([orgId, w.id(), journey.id, at, 'interaction', id, w.actor.userId, toJson(view)]);
    w.changed(journey.id, 'interaction');
  });
  await b.copy('journeys', JOURNEY_COLUMNS, newJourneys);
  await b.copy('interactions', INTERACTION_COLUMNS, interactions);
  await b.copy('timeline_events', TIMELINE_COLUMNS, timeline);
  out.inserted = interactions.length;
  return out;
}

/** The journey history goes to when the file names none. */
export const IMPORTED_JOURNEY = 'Importerad historik';

type Writers = { [E in Entity]: (b: Batch<RecordOf[E]>) => Promise<BatchOutcome> };

export const WRITERS: Writers = {
  accounts: writeAccounts,
  contacts: writeContacts,
  orders: writeOrders,
  interactions: writeInteractions,
};
