/** Quotes and their lines. */
import { sql, type Insertable, type Kysely, type Updateable } from 'kysely';
import type { Database, QuoteLineTable, QuoteTable } from './schema.ts';
import { fixedRead } from './fixed-read.ts';

type Db = Kysely<Database>;

export const insertQuote = (db: Db, row: Insertable<QuoteTable>) => db.insertInto('quotes').values(row).execute();

export async function replaceQuoteLines(db: Db, orgId: string, quoteId: string, lines: readonly Insertable<QuoteLineTable>[]) {
  await db.deleteFrom('quote_lines').where('org_id', '=', orgId).where('quote_id', '=', quoteId).execute();
  if (lines.length > 0) await db.insertInto('quote_lines').values([...lines]).execute();
}

export const findQuote = (db: Db, orgId: string, id: string) => db.selectFrom('quotes').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();

export const quoteLines = fixedRead((db, orgId: string, quoteId: string) =>
  db.selectFrom('quote_lines').selectAll().where('org_id', '=', orgId).where('quote_id', '=', quoteId).orderBy('position'),
);

export const updateQuoteRow = (db: Db, orgId: string, id: string, set: Updateable<QuoteTable>) =>
  db.updateTable('quotes').set(set).where('org_id', '=', orgId).where('id', '=', id).execute();

/**
 * Moves a quote on from one of the statuses `from`, taking the row's lock;
 * false when another answer came first (two buyers accepting at once: one wins).
 */
export async function moveQuoteRow(db: Db, orgId: string, id: string, from: readonly string[], set: Updateable<QuoteTable>): Promise<boolean> {
  const r = await db.updateTable('quotes').set(set).where('org_id', '=', orgId).where('id', '=', id).where('status', 'in', from).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** A journey's quotes, the newest version first. */
export const journeyQuotes = fixedRead((db, orgId: string, journeyId: string) =>
  db.selectFrom('quotes').selectAll().where('org_id', '=', orgId).where('journey_id', '=', journeyId).orderBy('version', 'desc'),
);

export const lastQuoteVersion = async (db: Db, orgId: string, journeyId: string): Promise<number> =>
  Number((await db.selectFrom('quotes').select(sql<number>`coalesce(max(version), 0)`.as('v')).where('org_id', '=', orgId).where('journey_id', '=', journeyId).executeTakeFirstOrThrow()).v);

/** For each journey: whether the buyer opened a sent quote, and whether one was accepted (the derived criteria). */
export const quoteFactsOf = (db: Db, orgId: string, journeyIds: readonly string[]) =>
  journeyIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('quotes')
        .select([
          'journey_id',
          sql<number>`max(case when viewed_at is not null then 1 else 0 end)`.as('viewed'),
          sql<number>`max(case when status = 'accepted' then 1 else 0 end)`.as('accepted'),
        ])
        .where('org_id', '=', orgId)
        .where('journey_id', 'in', journeyIds)
        .groupBy('journey_id')
        .execute();
