/**
 * The room's dialogue (DESIGN §5) and the first slice of cases (DESIGN §8).
 *
 * - comments: one thread per journey. Authors are a contact (a buyer in the
 *   room), a user (a seller) or a guest (name, e-mail, website, from the
 *   journey's guest link). The author's name is kept as it was when they
 *   wrote, so no foreign key to contacts or users: deleting a person does not
 *   rewrite the thread. Text is plain text, stored exactly as typed.
 *   `status`: published | pending (a guest's, until a seller approves) | rejected.
 * - comment_guest_links: the journey's guest link, one per journey (a new one
 *   replaces it); only the SHA-256 of its secret is kept.
 * - cases: a complaint on a journey. `status` starts `open`; issue 8 adds
 *   proposals and more states. `tier` is the account's loyalty tier when the
 *   case was opened and `priority` follows from it, so targets by tier can be
 *   measured later without guessing what the tier was. Quote and order ids are
 *   references only (an order may be deleted; the case stays as it was told).
 * - case_messages: the conversation on a case, oldest first.
 */
import type { ColumnDefinitionBuilder } from 'kysely';
import { sql } from 'kysely';
import type { MigrationDb, SqlDialect } from './index.ts';

export async function up(db: MigrationDb, dialect: SqlDialect): Promise<void> {
  const key = (c: ColumnDefinitionBuilder) => (dialect === 'postgres' ? c.modifyEnd(sql`collate "C"`) : c);
  const keyNotNull = (c: ColumnDefinitionBuilder) => key(c).notNull();
  const journeyFk = ['org_id', 'journey_id'] as const;

  await db.schema
    .createTable('comments')
    .addColumn('org_id', 'text', keyNotNull)
    .addColumn('id', 'text', keyNotNull)
    .addColumn('journey_id', 'text', keyNotNull)
    // contact | user | guest
    .addColumn('author_kind', 'text', keyNotNull)
    .addColumn('author_contact_id', 'text', key)
    .addColumn('author_user_id', 'text', key)
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('author_email', 'text')
    .addColumn('author_website', 'text')
    .addColumn('text', 'text', (c) => c.notNull())
    // published | pending | rejected
    .addColumn('status', 'text', keyNotNull)
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('moderated_by', 'text', key)
    .addColumn('moderated_at', 'text')
    .addPrimaryKeyConstraint('comments_pk', ['org_id', 'id'])
    .addForeignKeyConstraint('comments_journey_fk', [...journeyFk], 'journeys', ['org_id', 'id'], (f) => f.onDelete('cascade'))
    .execute();
  await db.schema.createIndex('comments_journey').on('comments').columns(['org_id', 'journey_id', 'id']).execute();

  await db.schema
    .createTable('comment_guest_links')
    .addColumn('org_id', 'text', keyNotNull)
    .addColumn('journey_id', 'text', keyNotNull)
    .addColumn('token_hash', 'text', keyNotNull)
    .addColumn('created_by', 'text', key)
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('comment_guest_links_pk', ['org_id', 'journey_id'])
    .addForeignKeyConstraint('comment_guest_links_journey_fk', [...journeyFk], 'journeys', ['org_id', 'id'], (f) => f.onDelete('cascade'))
    .execute();
  await db.schema.createIndex('comment_guest_links_token').unique().on('comment_guest_links').columns(['org_id', 'token_hash']).execute();

  await db.schema
    .createTable('cases')
    .addColumn('org_id', 'text', keyNotNull)
    .addColumn('id', 'text', keyNotNull)
    .addColumn('journey_id', 'text', keyNotNull)
    .addColumn('account_id', 'text', keyNotNull)
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('quote_id', 'text', key)
    .addColumn('order_id', 'text', key)
    // open (issue 8: proposed, resolved, closed, …)
    .addColumn('status', 'text', keyNotNull)
    // urgent | high | normal | low
    .addColumn('priority', 'text', keyNotNull)
    .addColumn('tier', 'text', keyNotNull)
    // contact | user
    .addColumn('opened_by_kind', 'text', keyNotNull)
    .addColumn('opened_by_contact_id', 'text', key)
    .addColumn('opened_by_user_id', 'text', key)
    .addColumn('opened_by_name', 'text', (c) => c.notNull())
    .addColumn('opened_at', 'text', (c) => c.notNull())
    // a seller's first message on a case the buyer opened; the opening when a seller opened it
    .addColumn('first_response_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('cases_pk', ['org_id', 'id'])
    .addForeignKeyConstraint('cases_journey_fk', [...journeyFk], 'journeys', ['org_id', 'id'], (f) => f.onDelete('cascade'))
    .execute();
  await db.schema.createIndex('cases_journey').on('cases').columns(['org_id', 'journey_id', 'id']).execute();
  await db.schema.createIndex('cases_status').on('cases').columns(['org_id', 'status', 'priority']).execute();

  await db.schema
    .createTable('case_messages')
    .addColumn('org_id', 'text', keyNotNull)
    .addColumn('id', 'text', keyNotNull)
    .addColumn('case_id', 'text', keyNotNull)
    // contact | user
    .addColumn('author_kind', 'text', keyNotNull)
    .addColumn('author_contact_id', 'text', key)
    .addColumn('author_user_id', 'text', key)
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('case_messages_pk', ['org_id', 'id'])
    .addForeignKeyConstraint('case_messages_case_fk', ['org_id', 'case_id'], 'cases', ['org_id', 'id'], (f) => f.onDelete('cascade'))
    .execute();
  await db.schema.createIndex('case_messages_case').on('case_messages').columns(['org_id', 'case_id', 'id']).execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropTable('case_messages').execute();
  await db.schema.dropTable('cases').execute();
  await db.schema.dropTable('comment_guest_links').execute();
  await db.schema.dropTable('comments').execute();
}
