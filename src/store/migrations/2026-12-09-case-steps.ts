/**
 * Cases grow their lifecycle (DESIGN §8, issue 8).
 *
 * - case_steps: everything that happened to a case, in order — opened,
 *   message, proposed, accepted, rejected, closed (the steps of
 *   src/domain/cases.ts) and checked_in (the seller's follow-up after an
 *   acceptance, which changes no state). A case's state is always the replay
 *   of its steps; the columns below are written from that replay in the same
 *   transaction, for lists and queries only. A message step has the id of its
 *   case_messages row (the text lives there); a proposal keeps its
 *   resolution, amount and text; an answer its comment; a closing its reason.
 * - cases gain the derived columns: proposed_at, resolved_at, closed_at,
 *   reopened (times a buyer's reply reopened a resolved case) and
 *   checked_in_at (the last check-in). `status` now takes open | proposed |
 *   resolved | closed.
 *
 * Existing cases get their opening and one message step per message; every
 * existing case is open, and its first response was already stored.
 */
import type { ColumnDefinitionBuilder } from 'kysely';
import { sql } from 'kysely';
import type { MigrationDb, SqlDialect } from './index.ts';

/** Cases per backfill round: bounded memory on a large table. */
const BATCH = 500;

export async function up(db: MigrationDb, dialect: SqlDialect): Promise<void> {
  const key = (c: ColumnDefinitionBuilder) => (dialect === 'postgres' ? c.modifyEnd(sql`collate "C"`) : c);
  const keyNotNull = (c: ColumnDefinitionBuilder) => key(c).notNull();
  const money = dialect === 'postgres' ? 'bigint' : 'integer';

  await db.schema
    .createTable('case_steps')
    .addColumn('org_id', 'text', keyNotNull)
    .addColumn('id', 'text', keyNotNull)
    .addColumn('case_id', 'text', keyNotNull)
    // opened | message | proposed | accepted | rejected | closed | checked_in
    .addColumn('kind', 'text', keyNotNull)
    .addColumn('at', 'text', (c) => c.notNull())
    // contact | user
    .addColumn('by_kind', 'text', keyNotNull)
    .addColumn('by_id', 'text', key)
    .addColumn('by_name', 'text', (c) => c.notNull())
    // explanation | refund | credit | discount | redo | other, on a proposal
    .addColumn('resolution', 'text', key)
    .addColumn('amount_minor', money)
    .addColumn('currency', 'text', key)
    // a proposal's text, an answer's comment, a closing's reason, a check-in's note
    .addColumn('text', 'text')
    .addPrimaryKeyConstraint('case_steps_pk', ['org_id', 'id'])
    .addForeignKeyConstraint('case_steps_case_fk', ['org_id', 'case_id'], 'cases', ['org_id', 'id'], (f) => f.onDelete('cascade'))
    .execute();
  await db.schema.createIndex('case_steps_case').on('case_steps').columns(['org_id', 'case_id', 'id']).execute();

  await db.schema.alterTable('cases').addColumn('proposed_at', 'text').execute();
  await db.schema.alterTable('cases').addColumn('resolved_at', 'text').execute();
  await db.schema.alterTable('cases').addColumn('closed_at', 'text').execute();
  await db.schema.alterTable('cases').addColumn('reopened', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('cases').addColumn('checked_in_at', 'text').execute();
  await db.schema.createIndex('cases_resolved').on('cases').columns(['org_id', 'resolved_at']).execute();

  let after: { org_id: string; id: string } | null = null;
  for (;;) {
    let q = db.selectFrom('cases').select(['org_id', 'id', 'opened_at', 'opened_by_kind', 'opened_by_contact_id', 'opened_by_user_id', 'opened_by_name']);
    if (after) {
      const a: { org_id: string; id: string } = after;
      q = q.where((eb) => eb.or([eb('org_id', '>', a.org_id), eb.and([eb('org_id', '=', a.org_id), eb('id', '>', a.id)])]));
    }
    const rows: { org_id: string; id: string; opened_at: string; opened_by_kind: string; opened_by_contact_id: string | null; opened_by_user_id: string | null; opened_by_name: string }[] = await q
      .orderBy('org_id')
      .orderBy('id')
      .limit(BATCH)
      .execute();
    for (const c of rows) {
      // The opening's step takes the case's own id: ids are unique in an org, and a case is opened once.
      await db
        .insertInto('case_steps')
        .values({
          org_id: c.org_id,
          id: c.id,
          case_id: c.id,
          kind: 'opened',
          at: c.opened_at,
          by_kind: c.opened_by_kind,
          by_id: c.opened_by_kind === 'contact' ? c.opened_by_contact_id : c.opened_by_user_id,
          by_name: c.opened_by_name,
          resolution: null,
          amount_minor: null,
          currency: null,
          text: null,
        })
        .execute();
      const messages: { id: string; author_kind: string; author_contact_id: string | null; author_user_id: string | null; author_name: string; at: string }[] = await db
        .selectFrom('case_messages')
        .select(['id', 'author_kind', 'author_contact_id', 'author_user_id', 'author_name', 'at'])
        .where('org_id', '=', c.org_id)
        .where('case_id', '=', c.id)
        .orderBy('id')
        .execute();
      for (const m of messages) {
        await db
          .insertInto('case_steps')
          .values({
            org_id: c.org_id,
            id: m.id,
            case_id: c.id,
            kind: 'message',
            at: m.at,
            by_kind: m.author_kind,
            by_id: m.author_kind === 'contact' ? m.author_contact_id : m.author_user_id,
            by_name: m.author_name,
            resolution: null,
            amount_minor: null,
            currency: null,
            text: null,
          })
          .execute();
      }
    }
    const last = rows[rows.length - 1];
    if (!last || rows.length < BATCH) break;
    after = { org_id: last.org_id, id: last.id };
  }
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropIndex('cases_resolved').execute();
  for (const column of ['checked_in_at', 'reopened', 'closed_at', 'resolved_at', 'proposed_at']) await db.schema.alterTable('cases').dropColumn(column).execute();
  await db.schema.dropTable('case_steps').execute();
}
