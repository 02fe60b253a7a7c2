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
import type { Writer } from './context.ts';

export type OnDuplicate = 'skip' | 'update';

export interface GoodRow<R> {
  row: number;
  cells: string[];
  record: R;
}

export interface Reject {
  row: number;
  cells: string[];
  reason: string;
}

export interface BatchOutcome {
  inserted: number;
  updated: number;
  duplicates: number;
  rejects: Reject[];
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
const ORDER_COLUMNS = ['org_id', 'id', 'account_id', 'ordered_at', 'product', 'quantity', 'amount_minor', 'currency', 'external_id', 'import_id', 'created_at', 'updated_at'] as const;
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
 * name key, and the name keys of the names seen (a file names each company on
 * many rows). Bounded: a file may name more companies than memory should hold;
 * the database still knows them.
 */
export class AccountCache {
  static readonly LIMIT = 200_000;
  readonly #byNumber = new Map<string, string>();
  readonly #byName = new Map<string, string>();
  readonly #keys = new Map<string, string>();

  nameKey(name: string): string {
    let key = this.#keys.get(name);
    if (key === undefined) {
      if (this.#keys.size >= AccountCache.LIMIT) this.#keys.clear();
      this.#keys.set(name, (key = nameKey(name)));
    }
    return key;
  }
  byNumber(orgNumber: string): string | undefined {
    return this.#byNumber.get(orgNumber);
  }
  byName(name: string): string | undefined {
    return this.#byName.get(this.nameKey(name));
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

interface AccountRef {
  name?: string | undefined;
  orgNumber?: string | undefined;
}

const byNumber = (n: string) => `o:${n}`;
const byName = (name: string) => `n:${nameKey(name)}`;

/**
 * The account each reference names: by organisation number, else by name;
 * one that is not there is made (a company), if the row gives its name.
 * Returns null for a reference that names no account and cannot make one.
 */
async function resolveAccounts(b: Batch<unknown>, refs: readonly (AccountRef | null)[]): Promise<(string | null)[]> {
  const { w, accounts } = b;
  const orgId = w.actor.orgId;
  const numbers = new Set<string>();
  const names = new Set<string>();
  for (const r of refs) {
    if (r?.orgNumber && accounts.byNumber(r.orgNumber) === undefined) numbers.add(r.orgNumber);
    if (r?.name && accounts.byName(r.name) === undefined) names.add(accounts.nameKey(r.name));
  }
  if (numbers.size > 0) for (const a of await accountsByOrgNumber(w.tx, orgId, [...numbers])) if (a.org_number) accounts.rememberNumber(a.org_number, a.id);
  // (the oldest account per name: the one a name always finds)
  if (names.size > 0) for (const a of await accountsByNameKey(w.tx, orgId, [...names])) accounts.rememberNameKey(a.name_key, a.id);
  const made: Cell[][] = [];
  const ids = refs.map((r) => {
    if (!r) return null;
    // The organisation number decides; the name finds the account when the number finds none.
    const found = (r.orgNumber ? accounts.byNumber(r.orgNumber) : undefined) ?? (r.name ? accounts.byName(r.name) : undefined);
    if (found) return found;
    if (!r.name) return null;
    const id = w.id();
    const key = accounts.nameKey(r.name);
    made.push([orgId, id, 'company', r.name, key, r.orgNumber ?? null, null, w.iso, w.iso]);
    if (r.orgNumber) accounts.rememberNumber(r.orgNumber, id);
    accounts.rememberNameKey(key, id);
    return id;
  });
  await b.copy('accounts', ACCOUNT_COLUMNS, made);
  return ids;
}

const accountRef = (r: { account?: string | undefined; accountOrgNumber?: string | undefined }): AccountRef | null =>
  r.account || r.accountOrgNumber ? { name: r.account, orgNumber: r.accountOrgNumber } : null;

const noAccount = (r: { account?: string | undefined; accountOrgNumber?: string | undefined }) =>
  r.accountOrgNumber ? `accountOrgNumber: "${r.accountOrgNumber}" is no account's, and the row gives no name to make one` : 'the row names no account';

async function writeAccounts(b: Batch<AccountRecord>): Promise<BatchOutcome> {
  const { w, rows } = b;
  const orgId = w.actor.orgId;
  const out: BatchOutcome = { inserted: 0, updated: 0, duplicates: 0, rejects: [] };
  const numbers = [...new Set(rows.flatMap((r) => (r.record.orgNumber ? [r.record.orgNumber] : [])))];
  const existing = new Map<string, string>();
  for (const a of await accountsByOrgNumber(w.tx, orgId, numbers)) if (a.org_number) existing.set(byNumber(a.org_number), a.id);
  const names = [...new Set(rows.filter((r) => !r.record.orgNumber).map((r) => nameKey(r.record.name)))];
  for (const a of await accountsByNameKey(w.tx, orgId, names)) if (!existing.has(`n:${a.name_key}`)) existing.set(`n:${a.name_key}`, a.id);

  const fresh: Cell[][] = [];
  for (const { record: r } of rows) {
    const key = r.orgNumber ? byNumber(r.orgNumber) : byName(r.name);
    const id = existing.get(key);
    if (id) {
      out.duplicates++;
      if (b.onDuplicate === 'update') {
        await w.tx
          .updateTable('accounts')
          .set({ name: r.name, name_key: nameKey(r.name), kind: r.kind, ...(r.orgNumber && { org_number: r.orgNumber }), ...(r.website && { website: r.website }), updated_at: w.iso })
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
    b.accounts.rememberNameKey(nameKey(r.name), newId);
    fresh.push([orgId, newId, r.kind, r.name, nameKey(r.name), r.orgNumber ?? null, r.website ?? null, w.iso, w.iso]);
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
  const keys = [...new Set(rows.flatMap((r) => (r.record.emailKey && (!b.emails || b.emails.mightHave(r.record.emailKey)) ? [r.record.emailKey] : [])))];
  const existing = new Map<string, string>();
  const found = keys.length === 0 ? [] : b.emails ? await b.emails.find(w.tx, keys) : await contactsByEmailKey(w.tx, orgId, keys);
  for (const c of found) if (c.email_key && !existing.has(c.email_key)) existing.set(c.email_key, c.id);

  // Duplicates first: a duplicate makes no account.
  const fresh: GoodRow<ContactRecord>[] = [];
  const pending = new Map<string, Cell[]>();
  for (const row of rows) {
    const r = row.record;
    const id = r.emailKey ? existing.get(r.emailKey) : undefined;
    if (id) {
      out.duplicates++;
      if (b.onDuplicate === 'update') {
        await w.tx
          .updateTable('contacts')
          .set({
            name: r.name,
            name_key: nameKey(r.name),
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
    if (r.emailKey && pending.has(r.emailKey)) {
      // The same e-mail twice in one batch: the later row is the duplicate.
      out.duplicates++;
      if (b.onDuplicate === 'update') {
        const cells = pending.get(r.emailKey)!;
        cells[3] = r.name;
        cells[4] = nameKey(r.name);
        if (r.phone) cells[7] = r.phone;
        if (r.title) cells[8] = r.title;
        if (r.buyingRole) cells[9] = r.buyingRole;
        out.updated++;
      }
      continue;
    }
    fresh.push(row);
    const cells: Cell[] = [orgId, w.id(), null, r.name, nameKey(r.name), r.email ?? null, r.emailKey ?? null, r.phone ?? null, r.title ?? null, r.buyingRole ?? 'unknown', w.iso, w.iso];
    if (r.emailKey) pending.set(r.emailKey, cells);
    pending.set(`#${row.row}`, cells);
  }

  // A contact without a company is a private person: an account of their own.
  const refs = fresh.map(({ record: r }) => accountRef(r));
  const ids = await resolveAccounts(b as Batch<unknown>, refs);
  const people: Cell[][] = [];
  const insert: Cell[][] = [];
  fresh.forEach((row, i) => {
    const cells = pending.get(`#${row.row}`)!;
    let accountId = ids[i];
    if (accountId === null && refs[i] === null) {
      accountId = w.id();
      people.push([orgId, accountId, 'person', row.record.name, nameKey(row.record.name), null, null, w.iso, w.iso]);
    }
    if (!accountId) {
      out.rejects.push({ row: row.row, cells: row.cells, reason: noAccount(row.record) });
      return;
    }
    cells[2] = accountId;
    insert.push(cells);
  });
  await b.copy('accounts', ACCOUNT_COLUMNS, people);
  await b.copy('contacts', CONTACT_COLUMNS, insert);
  b.emails?.added(insert.flatMap((cells) => (cells[6] ? [cells[6] as string] : [])));
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
  const ids = await resolveAccounts(b as Batch<unknown>, fresh.map(({ record: r }) => accountRef(r)));
  const insert: Cell[][] = [];
  fresh.forEach(({ row, cells, record: r }, i) => {
    const accountId = ids[i];
    if (!accountId) return void out.rejects.push({ row, cells, reason: noAccount(r) });
    insert.push([orgId, w.id(), accountId, r.orderedAt, r.product ?? null, r.quantity, r.amountMinor, r.currency, r.externalId ?? null, b.jobId, w.iso, w.iso]);
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
  const accountIds = await resolveAccounts(b as Batch<unknown>, rows.map(({ record: r }) => accountRef(r)));
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
  rows.forEach(({ row, cells, record: r }, i) => {
    const accountId = accountIds[i];
    if (!accountId) return void out.rejects.push({ row, cells, reason: noAccount(r) });
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
