/**
 * Which column of an import file fills which field.
 *
 * Headers match without regard to case, accents or punctuation (`E-post`, `e_post` and `EPOST`
 * are one header), against H2H's own field names and the headers that Swedish and English
 * spreadsheets, HubSpot, Pipedrive and Salesforce exports use. A map the user gives
 * (`--map map.json`, `{"Header in file": "field"}`, or `null` to skip a column) wins.
 * When two columns would fill one field, the first one does and the later ones are unknown.
 */
import type { Parsed } from './values.ts';

export const ENTITIES = ['accounts', 'contacts', 'orders', 'interactions'] as const;
export type Entity = (typeof ENTITIES)[number];

/** The fields a file of each entity can fill, and which it must: at least one field of each `required` group. */
export const FIELDS = {
  accounts: {
    fields: ['name', 'kind', 'orgNumber', 'website'],
    required: [['name']],
  },
  contacts: {
    fields: ['name', 'firstName', 'lastName', 'email', 'phone', 'title', 'buyingRole', 'account', 'accountOrgNumber'],
    required: [['name', 'firstName', 'lastName']],
  },
  orders: {
    fields: ['account', 'accountOrgNumber', 'orderedAt', 'product', 'quantity', 'amount', 'currency', 'externalId'],
    required: [['account', 'accountOrgNumber'], ['orderedAt'], ['amount']],
  },
  interactions: {
    fields: ['account', 'accountOrgNumber', 'journey', 'contactEmail', 'channel', 'direction', 'occurredAt', 'summary', 'purpose'],
    required: [['occurredAt'], ['summary']],
  },
} as const;

export type Field<E extends Entity> = (typeof FIELDS)[E]['fields'][number];

/** The user's map: header in the file → field, or null to skip the column. */
export type ColumnMap<E extends Entity> = Record<string, Field<E> | null>;

export interface HeaderMapping<E extends Entity> {
  /** The field each column fills, in the file's column order; null for a column left out. */
  columns: (Field<E> | null)[];
  /** Headers that fill nothing (blank headers and columns the map skips are not listed). */
  unknown: string[];
  /** Required fields no column fills (the first of each unfilled group). */
  missing: Field<E>[];
  /** Headers of the user's map that are not in the file: likely typing mistakes. */
  unusedMapKeys: string[];
}

/** The form headers are compared in: `Org.nr` and `orgnr`, `E-post` and `EPOST` are the same. */
export function headerKey(header: string): string {
  return header.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]/g, '');
}

const ACCOUNT = ['Företag', 'Företagsnamn', 'Company', 'Company Name', 'Organization', 'Organisation', 'Organization - Name',
  'Account', 'Account Name', 'Account.Name', 'Associated Company', 'Person - Organization', 'Kund', 'Kundnamn', 'Customer', 'Customer Name'];
const ORG_NUMBER = ['Organisationsnummer', 'Orgnr', 'Org.nr', 'Org nr', 'Orgnummer', 'Organization Number', 'Org Number',
  'Momsregistreringsnummer', 'Momsnr', 'VAT Number'];

/** Headers per field, as they appear in real files; each field's own name matches as well. */
const SYNONYMS: { [E in Entity]: { [F in Field<E>]?: readonly string[] } } = {
  accounts: {
    name: ['Namn', 'Name', 'Företag', 'Företagsnamn', 'Company', 'Company Name', 'Organization', 'Organisation',
      'Organization - Name', 'Account', 'Account Name', 'Account.Name', 'Kund', 'Kundnamn', 'Customer', 'Customer Name'],
    kind: ['Account Kind', 'Kundtyp'],
    orgNumber: ORG_NUMBER,
    website: ['Webbplats', 'Hemsida', 'Webb', 'Website', 'Website URL', 'Web', 'URL', 'Domain', 'Company Domain Name'],
  },
  contacts: {
    name: ['Namn', 'Name', 'Full Name', 'Kontaktperson', 'Contact Name', 'Person - Name'],
    firstName: ['Förnamn', 'First Name', 'Given Name'],
    lastName: ['Efternamn', 'Last Name', 'Surname', 'Family Name'],
    email: ['E-post', 'E-postadress', 'Mejl', 'Mail', 'Email', 'Email Address', 'Person - Email'],
    phone: ['Telefon', 'Telefonnummer', 'Tel', 'Mobil', 'Mobilnummer', 'Phone', 'Phone Number', 'Mobile', 'Mobile Phone',
      'Mobile Phone Number', 'Person - Phone'],
    title: ['Titel', 'Befattning', 'Yrkestitel', 'Title', 'Job Title', 'Position'],
    buyingRole: ['Roll', 'Köproll', 'Buying Role'],
    account: ACCOUNT,
    accountOrgNumber: ORG_NUMBER,
  },
  orders: {
    account: [...ACCOUNT, 'Kundnummer', 'Kundnr', 'Kund-id', 'Customer ID', 'Customer Number', 'Cust'],
    accountOrgNumber: ORG_NUMBER,
    orderedAt: ['Datum', 'Orderdatum', 'Fakturadatum', 'Date', 'Order Date', 'Invoice Date'],
    product: ['Produkt', 'Produktnamn', 'Artikel', 'Benämning', 'Beskrivning', 'Product', 'Product Name', 'Item', 'Description'],
    quantity: ['Antal', 'Quantity', 'Qty', 'Units'],
    amount: ['Belopp', 'Summa', 'Totalt', 'Totalbelopp', 'Ordervärde', 'Amount', 'Total', 'Total Amount', 'Order Value', 'Sales'],
    currency: ['Valuta', 'Currency', 'Currency Code'],
    externalId: ['Ordernummer', 'Ordernr', 'Order', 'Order ID', 'Order Number', 'Order No'],
  },
  interactions: {
    account: ACCOUNT,
    accountOrgNumber: ORG_NUMBER,
    journey: ['Affär', 'Affärsmöjlighet', 'Deal', 'Deal - Title', 'Opportunity', 'Opportunity Name', 'Journey Title'],
    contactEmail: ['E-post', 'E-postadress', 'Email', 'Contact Email', 'Person - Email'],
    channel: ['Kanal', 'Typ', 'Aktivitetstyp', 'Channel', 'Type', 'Activity Type'],
    direction: ['Riktning', 'Direction'],
    occurredAt: ['Datum', 'Tidpunkt', 'Date', 'ActivityDate', 'Activity Date'],
    summary: ['Sammanfattning', 'Anteckning', 'Anteckningar', 'Ämne', 'Rubrik', 'Summary', 'Notes', 'Note', 'Subject', 'Description'],
    purpose: ['Syfte', 'Purpose'],
  },
};

function buildLookup<E extends Entity>(entity: E): Map<string, Field<E>> {
  const lookup = new Map<string, Field<E>>();
  const fields = FIELDS[entity].fields as readonly Field<E>[];
  const synonyms = SYNONYMS[entity] as { [F in Field<E>]?: readonly string[] };
  for (const field of fields) {
    for (const header of [field, ...(synonyms[field] ?? [])]) {
      const key = headerKey(header);
      const taken = lookup.get(key);
      // Caught by any test that imports this file: one header must not mean two fields.
      if (taken !== undefined && taken !== field) throw new Error(`${entity}: "${header}" would fill both ${taken} and ${field}`);
      lookup.set(key, field);
    }
  }
  return lookup;
}

const LOOKUPS: { [E in Entity]: Map<string, Field<E>> } = {
  accounts: buildLookup('accounts'),
  contacts: buildLookup('contacts'),
  orders: buildLookup('orders'),
  interactions: buildLookup('interactions'),
};

/** The field a name in the user's map means (`orgNumber`, `org_number`), or undefined. */
function fieldNamed<E extends Entity>(entity: E, name: string): Field<E> | undefined {
  return (FIELDS[entity].fields as readonly Field<E>[]).find((f) => headerKey(f) === headerKey(name));
}

/** The user's `--map` file checked against the entity's fields, or the reason it is wrong. */
export function validateMap<E extends Entity>(entity: E, json: unknown): Parsed<ColumnMap<E>> {
  const valid = FIELDS[entity].fields.join(', ');
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { ok: false, reason: `the column map must be an object like {"Header in file": "field"}; fields of ${entity}: ${valid}` };
  }
  const map: ColumnMap<E> = {};
  for (const [header, name] of Object.entries(json)) {
    if (name === null || name === '') {
      map[header] = null;
      continue;
    }
    const field = typeof name === 'string' ? fieldNamed(entity, name) : undefined;
    if (field === undefined) {
      return { ok: false, reason: `the column map sends "${header}" to ${JSON.stringify(name)}, which is not a field of ${entity}; fields of ${entity}: ${valid}` };
    }
    map[header] = field;
  }
  return { ok: true, value: map };
}

/**
 * The field each column of a file's header row fills; `explicit` (the user's map) wins.
 * Throws when `explicit` names a field the entity does not have.
 * @example mapHeaders('contacts', ['E-post', 'Förnamn']).columns // ['email', 'firstName']
 */
export function mapHeaders<E extends Entity>(entity: E, headers: readonly string[], explicit?: Readonly<Record<string, string | null>>): HeaderMapping<E> {
  let map: ColumnMap<E> = {};
  if (explicit !== undefined) {
    const checked = validateMap(entity, explicit);
    if (!checked.ok) throw new Error(checked.reason);
    map = checked.value;
  }
  const mapKeys = Object.keys(map);
  const usedMapKeys = new Set<string>();
  const columns: (Field<E> | null)[] = [];
  const unknown: string[] = [];
  const filled = new Set<Field<E>>();
  // Explicit mappings first, so that one wins over a column earlier in the file matched by name.
  const choice = headers.map((header) => {
    const mapKey = mapKeys.find((k) => k.trim() === header.trim()) ?? mapKeys.find((k) => headerKey(k) === headerKey(header));
    if (mapKey === undefined) return undefined;
    usedMapKeys.add(mapKey);
    const field = map[mapKey] ?? null;
    if (field !== null && !filled.has(field)) {
      filled.add(field);
      return { field, skipped: false };
    }
    return { field: null, skipped: field === null };
  });
  headers.forEach((header, i) => {
    const chosen = choice[i];
    let field: Field<E> | null = chosen?.field ?? null;
    if (chosen === undefined) {
      const guess = LOOKUPS[entity].get(headerKey(header)) as Field<E> | undefined;
      if (guess !== undefined && !filled.has(guess)) {
        filled.add(guess);
        field = guess;
      }
    }
    columns.push(field);
    if (field === null && !chosen?.skipped && header.trim() !== '') unknown.push(header);
  });
  const required = FIELDS[entity].required as readonly (readonly Field<E>[])[];
  const missing = required.filter((group) => !group.some((f) => filled.has(f))).map((group) => group[0]!);
  return { columns, unknown, missing, unusedMapKeys: mapKeys.filter((k) => !usedMapKeys.has(k)) };
}

/** How to read a file beyond its columns: what `--map` may also say. */
export interface ImportFormat<E extends Entity> {
  columns: ColumnMap<E> | undefined;
  /** the separator; detected when absent. `whitespace`: columns lined up with spaces, no quoting */
  separator: ',' | ';' | '\t' | 'whitespace' | undefined;
  /** false: the file has no header row; its columns are named 1, 2, 3 … in `columns` */
  header: boolean;
  /** values for fields no column fills */
  defaults: { currency?: string };
}

const SEPARATORS: Record<string, ImportFormat<Entity>['separator']> = { ',': ',', ';': ';', '\t': '\t', tab: '\t', whitespace: 'whitespace' };

/**
 * A `--map` file: either a plain map (`{"Header in file": "field"}`) or a format,
 * `{"columns": {…}, "separator": "whitespace", "header": false, "defaults": {"currency": "USD"}}`.
 */
export function readFormat<E extends Entity>(entity: E, json: unknown): Parsed<ImportFormat<E>> {
  const isFormat = typeof json === 'object' && json !== null && !Array.isArray(json) && 'columns' in json && typeof json.columns === 'object';
  if (!isFormat) {
    if (json === undefined || json === null) return { ok: true, value: { columns: undefined, separator: undefined, header: true, defaults: {} } };
    const map = validateMap(entity, json);
    return map.ok ? { ok: true, value: { columns: map.value, separator: undefined, header: true, defaults: {} } } : map;
  }
  const f = json as { columns: unknown; separator?: unknown; header?: unknown; defaults?: unknown };
  const unknownKeys = Object.keys(f).filter((k) => !['columns', 'separator', 'header', 'defaults'].includes(k));
  if (unknownKeys.length > 0) return { ok: false, reason: `the map file has ${unknownKeys.map((k) => `"${k}"`).join(', ')}; it may have columns, separator, header and defaults` };
  const columns = validateMap(entity, f.columns);
  if (!columns.ok) return columns;
  const separator = f.separator === undefined ? undefined : SEPARATORS[String(f.separator)];
  if (f.separator !== undefined && separator === undefined) return { ok: false, reason: `the separator must be one of ",", ";", "tab" or "whitespace", not ${JSON.stringify(f.separator)}` };
  if (f.header !== undefined && typeof f.header !== 'boolean') return { ok: false, reason: '"header" must be true or false' };
  const defaults = (f.defaults ?? {}) as Record<string, unknown>;
  if (typeof defaults !== 'object' || Object.keys(defaults).some((k) => k !== 'currency')) return { ok: false, reason: '"defaults" may only give a currency' };
  if (defaults.currency !== undefined && !(typeof defaults.currency === 'string' && /^[A-Z]{3}$/.test(defaults.currency))) {
    return { ok: false, reason: 'the default currency must be an ISO 4217 code such as SEK' };
  }
  return { ok: true, value: { columns: columns.value, separator, header: f.header !== false, defaults: defaults.currency ? { currency: defaults.currency } : {} } };
}
