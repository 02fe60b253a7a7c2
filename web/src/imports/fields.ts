/**
 * What each kind of import file can fill, and must. A copy of FIELDS in
 * src/import/columns.ts (the web app does not import server code); the e2e
 * test checks the two are equal, so a new field cannot go unnoticed here.
 */
export const ENTITIES = ['accounts', 'contacts', 'orders', 'interactions'] as const;
export type Entity = (typeof ENTITIES)[number];

/** Fields in the order the mapping offers them; `required`: at least one field of each group. */
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
} as const satisfies Record<Entity, { fields: readonly string[]; required: readonly (readonly string[])[] }>;

export const fieldsOf = (entity: Entity): readonly string[] => FIELDS[entity].fields;
export const requiredOf = (entity: Entity): readonly (readonly string[])[] => FIELDS[entity].required;

/** The field each column of the file fills, in the file's column order; null: left out. */
export type Choices = readonly (string | null)[];

/** The map the API takes: header → field, or null for a column left out. */
export function columnMap(headers: readonly string[], choices: Choices): Record<string, string | null> {
  const map: Record<string, string | null> = {};
  headers.forEach((h, i) => {
    // Two columns with one header: the server reads the map by header, so the first one's choice stands.
    if (!Object.hasOwn(map, h)) map[h] = choices[i] ?? null;
  });
  return map;
}

export interface RequiredGroup {
  fields: readonly string[];
  /** the column that fills the group, if one does */
  filledBy: number | undefined;
}

/** Each required group of the entity and the first column that fills it. */
export function requiredGroups(entity: Entity, choices: Choices): RequiredGroup[] {
  return requiredOf(entity).map((fields) => {
    const i = choices.findIndex((f) => f !== null && fields.includes(f));
    return { fields, filledBy: i < 0 ? undefined : i };
  });
}

/**
 * Columns whose field an earlier column already fills, with that column: the
 * server reads the first and leaves the later ones out, so the page says so.
 */
export function repeatedColumns(choices: Choices): Map<number, number> {
  const first = new Map<string, number>();
  const repeats = new Map<number, number>();
  choices.forEach((f, i) => {
    if (f === null) return;
    const earlier = first.get(f);
    if (earlier === undefined) first.set(f, i);
    else repeats.set(i, earlier);
  });
  return repeats;
}
