/**
 * One row of an import file, as a typed record or the reasons it cannot be imported.
 *
 * Cells are trimmed and an empty cell counts as absent. A text cell written by H2H's export
 * has the `'` that guards it against formula injection removed (see `csv-out.ts`). Every problem
 * in the row is reported, not only the first, so the user can fix a row in one go.
 */
import type { AccountKind, BuyingRole, Direction } from '../domain/vocabulary.ts';
import { type Entity, FIELDS, type Field, headerKey } from './columns.ts';
import { unneutralise } from './csv-out.ts';
import { type Parsed, parseAmountMinor, parseDate, parseEmail, parseOrgNumber, parseQuantity, quote } from './values.ts';

export interface AccountRecord {
  name: string;
  kind: AccountKind;
  /** `NNNNNN-NNNN`. */
  orgNumber?: string;
  website?: string;
}

export interface ContactRecord {
  /** As given, or first and last name joined. */
  name: string;
  firstName?: string;
  lastName?: string;
  /** As written; `emailKey` is the lower-case form to match by. */
  email?: string;
  emailKey?: string;
  phone?: string;
  title?: string;
  buyingRole?: BuyingRole;
  /** The company's name. */
  account?: string;
  accountOrgNumber?: string;
}

export interface OrderRecord {
  /** The customer's name or customer number, as the file has it. */
  account?: string;
  accountOrgNumber?: string;
  /** `YYYY-MM-DD`, or an ISO UTC instant when the file gives a time. */
  orderedAt: string;
  product?: string;
  quantity: number;
  /** The order's total in minor units (öre, cents). */
  amountMinor: number;
  /** ISO 4217, upper case. */
  currency: string;
  externalId?: string;
}

export interface InteractionRecord {
  account?: string;
  accountOrgNumber?: string;
  /** The journey's title. */
  journey?: string;
  /** Lower case, to match a contact by. */
  contactEmail?: string;
  /** Free text, lower case. */
  channel?: string;
  direction?: Direction;
  /** `YYYY-MM-DD`, or an ISO UTC instant when the file gives a time. */
  occurredAt: string;
  summary: string;
  purpose?: string;
}

export interface RecordOf {
  accounts: AccountRecord;
  contacts: ContactRecord;
  orders: OrderRecord;
  interactions: InteractionRecord;
}

export const NAME_MAX = 200;
export const TEXT_MAX = 2000;
export const CHANNEL_MAX = 40;

/** Words (compared as `headerKey`s, so without case or accents) → the value they stand for. */
function lookup<T extends string>(what: string, words: Record<string, T>): (s: string) => Parsed<T> {
  return (s) => {
    const value = words[headerKey(s)];
    return value !== undefined ? { ok: true, value } : { ok: false, reason: `${quote(s)} is not ${what}` };
  };
}

const parseKind = lookup<AccountKind>('company or person', {
  company: 'company', foretag: 'company', organisation: 'company', organization: 'company', b2b: 'company',
  person: 'person', privatperson: 'person', privat: 'person', individual: 'person', b2c: 'person',
});
const parseBuyingRole = lookup<BuyingRole>('a buying role', {
  decisionmaker: 'decision_maker', beslutsfattare: 'decision_maker',
  economicbuyer: 'economic_buyer', ekonomiskkopare: 'economic_buyer',
  user: 'user', anvandare: 'user',
  influencer: 'influencer', paverkare: 'influencer',
  champion: 'champion', ambassador: 'champion', foresprakare: 'champion',
  gatekeeper: 'gatekeeper', grindvakt: 'gatekeeper',
  unknown: 'unknown', okand: 'unknown',
});
const parseDirection = lookup<Direction>('in or out', {
  in: 'inbound', inbound: 'inbound', inkommande: 'inbound',
  out: 'outbound', outbound: 'outbound', ut: 'outbound', utgaende: 'outbound',
});

const CURRENCY_SIGNS: Record<string, string> = { kr: 'SEK', $: 'USD', '€': 'EUR', '£': 'GBP' };

function parseCurrency(s: string): Parsed<string> {
  const code = CURRENCY_SIGNS[s.toLowerCase()] ?? s.toUpperCase();
  return /^[A-Z]{3}$/.test(code) ? { ok: true, value: code } : { ok: false, reason: `${quote(s)} is not a currency code` };
}

/** A web address with `https://` added when it has no scheme; only http and https are let in. */
function parseWebsite(s: string): Parsed<string> {
  const notWeb: Parsed<string> = { ok: false, reason: `${quote(s)} is not a web address` };
  const full = /^[a-z][a-z0-9+.-]*:\/\//i.test(s) ? s : `https://${s}`;
  let url: URL;
  try {
    url = new URL(full);
  } catch {
    return notWeb;
  }
  if (!/^https?:$/.test(url.protocol) || url.username || url.password || !url.hostname.includes('.') || /\s/.test(s)) return notWeb;
  if (full.length > NAME_MAX) return { ok: false, reason: `${quote(s)} is longer than ${NAME_MAX} characters` };
  return { ok: true, value: full.replace(/^[^/]+\/\/[^/?#]+/, (origin) => origin.toLowerCase()).replace(/^([^/]+\/\/[^/?#]+)\/$/, '$1') };
}

/** A row's cells by field, and the problems found while reading them. */
class Cells<E extends Entity> {
  readonly reasons: string[] = [];
  readonly #values = new Map<Field<E>, string>();
  readonly #unreadable = new Set<Field<E>>();

  constructor(columns: readonly (Field<E> | null)[], cells: readonly string[]) {
    columns.forEach((field, i) => {
      const value = unneutralise(cells[i] ?? '').trim();
      if (field === null || value === '' || this.has(field)) return;
      // U+FFFD is what a decoder leaves for bytes it cannot read: the file mixes encodings.
      if (!value.includes('\ufffd')) this.#values.set(field, value);
      else {
        this.#unreadable.add(field);
        this.reasons.push(`${field}: ${quote(value)} has characters that could not be read (save the file as UTF-8)`);
      }
    });
  }

  /** Whether the row gives the field, readable or not. */
  has(field: Field<E>): boolean {
    return this.#values.has(field) || this.#unreadable.has(field);
  }

  text(field: Field<E>, max = NAME_MAX): string | undefined {
    const value = this.#values.get(field);
    if (value !== undefined && value.length > max) {
      this.reasons.push(`${field}: ${quote(value)} is longer than ${max} characters`);
      return undefined;
    }
    return value;
  }

  parsed<T>(field: Field<E>, parse: (s: string) => Parsed<T>): T | undefined {
    const value = this.#values.get(field);
    if (value === undefined) return undefined;
    const result = parse(value);
    if (result.ok) return result.value;
    this.reasons.push(`${field}: ${result.reason}`);
    return undefined;
  }
}

const BUILDERS: { [E in Entity]: (row: Cells<E>) => RecordOf[E] } = {
  accounts: (row) => ({
    name: row.text('name') ?? '',
    kind: row.parsed('kind', parseKind) ?? 'company',
    orgNumber: row.parsed('orgNumber', parseOrgNumber),
    website: row.parsed('website', parseWebsite),
  }),
  contacts: (row) => {
    const firstName = row.text('firstName');
    const lastName = row.text('lastName');
    let name = row.text('name');
    if (!row.has('name') && (firstName || lastName)) {
      name = [firstName, lastName].filter(Boolean).join(' ');
      if (name.length > NAME_MAX) row.reasons.push(`name: ${quote(name)} is longer than ${NAME_MAX} characters`);
    }
    const email = row.parsed('email', parseEmail);
    return {
      name: name ?? '',
      firstName,
      lastName,
      email: email?.value,
      emailKey: email?.key,
      phone: row.text('phone', 50),
      title: row.text('title'),
      buyingRole: row.parsed('buyingRole', parseBuyingRole),
      account: row.text('account'),
      accountOrgNumber: row.parsed('accountOrgNumber', parseOrgNumber),
    };
  },
  orders: (row) => ({
    account: row.text('account'),
    accountOrgNumber: row.parsed('accountOrgNumber', parseOrgNumber),
    orderedAt: row.parsed('orderedAt', parseDate) ?? '',
    product: row.text('product'),
    quantity: row.parsed('quantity', parseQuantity) ?? 1,
    amountMinor: row.parsed('amount', parseAmountMinor) ?? 0,
    currency: row.parsed('currency', parseCurrency) ?? 'SEK',
    externalId: row.text('externalId'),
  }),
  interactions: (row) => {
    const channel = row.text('channel')?.toLowerCase().replace(/\s+/g, ' ');
    if (channel !== undefined && channel.length > CHANNEL_MAX) row.reasons.push(`channel: ${quote(channel)} is longer than ${CHANNEL_MAX} characters`);
    return {
      account: row.text('account'),
      accountOrgNumber: row.parsed('accountOrgNumber', parseOrgNumber),
      journey: row.text('journey'),
      contactEmail: row.parsed('contactEmail', parseEmail)?.key,
      channel,
      direction: row.parsed('direction', parseDirection),
      occurredAt: row.parsed('occurredAt', parseDate) ?? '',
      summary: row.text('summary', TEXT_MAX) ?? '',
      purpose: row.text('purpose', TEXT_MAX),
    };
  },
};

/** Drops the keys whose value is undefined, so a record lists only what the row gave. */
function withoutAbsent<T extends object>(record: T): T {
  const out: Record<string, unknown> = {};
  // (for…in, not Object.entries: an import runs this a million times)
  for (const k in record) if (record[k] !== undefined) out[k] = record[k];
  return out as T;
}

/**
 * A row's cells, in the order `mapHeaders` gave `columns`, as a record of the entity, or every
 * reason it cannot be imported, joined with "; " (`"name" is missing; website: "x y" is not a web address`).
 */
export function toRecord<E extends Entity>(entity: E, columns: readonly (Field<E> | null)[], cells: readonly string[]): Parsed<RecordOf[E]> {
  const row = new Cells<E>(columns, cells);
  const required = FIELDS[entity].required as readonly (readonly Field<E>[])[];
  for (const group of required) {
    if (group.some((f) => row.has(f))) continue;
    const [first, ...others] = group;
    row.reasons.push(`"${first}" is missing${others.length ? ` (or give ${others.map((f) => `"${f}"`).join(' or ')})` : ''}`);
  }
  const value = (BUILDERS[entity] as (row: Cells<E>) => RecordOf[E])(row);
  return row.reasons.length > 0 ? { ok: false, reason: row.reasons.join('; ') } : { ok: true, value: withoutAbsent(value) };
}
