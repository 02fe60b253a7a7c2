/**
 * journeys.title_key: the journey's title as a Swedish name key, so the board's
 * text filter matches titles the way account names already match (case- and
 * accent-aware, å, ä and ö their own letters).
 *
 * No index: the filter is a substring match (`LIKE '%k%'`), which a B-tree
 * cannot serve; it runs after the org's other filters narrow the rows.
 */
import { sql } from 'kysely';
import { nameKey } from '../../domain/swedish.ts';
import type { MigrationDb, SqlDialect } from './index.ts';

/** Rows per backfill round: bounded memory on a large table. */
const BATCH = 500;

export async function up(db: MigrationDb, dialect: SqlDialect): Promise<void> {
  // Sort keys compare byte by byte on PostgreSQL too (docs/decisions/0002).
  await db.schema
    .alterTable('journeys')
    .addColumn('title_key', 'text', (c) => {
      const col = dialect === 'postgres' ? c.modifyEnd(sql`collate "C"`) : c;
      // A default lets SQLite add a NOT NULL column to a table with rows; the backfill below replaces it.
      return col.notNull().defaultTo('');
    })
    .execute();

  // The key is computed by the same function the app uses today: nameKey's
  // rules cannot be written portably in SQL. Should nameKey ever change, a
  // later migration recomputes every key anyway.
  let after: { org_id: string; id: string } | null = null;
  for (;;) {
    let q = db.selectFrom('journeys').select(['org_id', 'id', 'title']);
    if (after) {
      const a: { org_id: string; id: string } = after;
      q = q.where((eb) => eb.or([eb('org_id', '>', a.org_id), eb.and([eb('org_id', '=', a.org_id), eb('id', '>', a.id)])]));
    }
    const rows: { org_id: string; id: string; title: string }[] = await q.orderBy('org_id').orderBy('id').limit(BATCH).execute();
    for (const r of rows) {
      await db.updateTable('journeys').set({ title_key: nameKey(r.title) }).where('org_id', '=', r.org_id).where('id', '=', r.id).execute();
    }
    const last = rows[rows.length - 1];
    if (!last || rows.length < BATCH) break;
    after = { org_id: last.org_id, id: last.id };
  }
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.alterTable('journeys').dropColumn('title_key').execute();
}
