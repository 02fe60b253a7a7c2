/**
 * Imports and orders.
 *
 * - contacts.email_key: the e-mail in lower case, indexed, so an import finds
 *   a contact by e-mail whatever its case (and the API keeps it in step).
 * - orders: past purchases, imported or (later) from accepted quotes; the
 *   history that loyalty and reference prices read. `external_id` is the
 *   order number of the system it came from, unique per org when present.
 * - import_jobs: one per file and entity; the file's hash and the last row
 *   committed make an import resumable and idempotent (src/app/imports.ts).
 * - import_rejects: the rows an import refused, with their line and reason,
 *   written in the same transaction as the rows it took.
 * - h2h_suspended_indexes: indexes a big load set aside (SQLite), with the
 *   SQL that rebuilds them; whatever is here when H2H starts is rebuilt.
 */
import { sql } from 'kysely';
import type { ColumnDefinitionBuilder } from 'kysely';
import type { MigrationDb, SqlDialect } from './index.ts';

const BATCH = 1000;

export async function up(db: MigrationDb, dialect: SqlDialect): Promise<void> {
  const key = (c: ColumnDefinitionBuilder) => (dialect === 'postgres' ? c.modifyEnd(sql`collate "C"`) : c);
  const keyNotNull = (c: ColumnDefinitionBuilder) => key(c).notNull();
  const money = dialect === 'postgres' ? 'bigint' : 'integer';
  const count = dialect === 'postgres' ? 'bigint' : 'integer';

  await db.schema.alterTable('contacts').addColumn('email_key', 'text', key).execute();
  // lower() folds ASCII alike on both backends; e-mail addresses are matched on exactly that.
  for (;;) {
    const rows: { org_id: string; id: string; email: string }[] = await db
      .selectFrom('contacts')
      .select(['org_id', 'id', 'email'])
      .where('email', 'is not', null)
      .where('email_key', 'is', null)
      .limit(BATCH)
      .execute();
    for (const r of rows) await db.updateTable('contacts').set({ email_key: r.email.toLowerCase() }).where('org_id', '=', r.org_id).where('id', '=', r.id).execute();
    if (rows.length < BATCH) break;
  }
  await db.schema.createIndex('contacts_email').on('contacts').columns(['org_id', 'email_key']).execute();

  await db.schema
    .createTable('orders')
    .addColumn('org_id', 'text', keyNotNull)
    .addColumn('id', 'text', keyNotNull)
    .addColumn('account_id', 'text', keyNotNull)
    .addColumn('ordered_at', 'text', keyNotNull)
    .addColumn('product', 'text')
    .addColumn('quantity', 'double precision', (c) => c.notNull())
    .addColumn('amount_minor', money, (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text', key)
    .addColumn('import_id', 'text', key)
    .addColumn('created_at', 'text', keyNotNull)
    .addColumn('updated_at', 'text', keyNotNull)
    .addPrimaryKeyConstraint('orders_pk', ['org_id', 'id'])
    .addForeignKeyConstraint('orders_account_fk', ['org_id', 'account_id'], 'accounts', ['org_id', 'id'], (f) => f.onDelete('cascade'))
    .execute();
  await db.schema.createIndex('orders_account').on('orders').columns(['org_id', 'account_id', 'ordered_at']).execute();
  await db.schema.createIndex('orders_external').unique().on('orders').columns(['org_id', 'external_id']).where(sql.ref('external_id'), 'is not', null).execute();

  await db.schema
    .createTable('import_jobs')
    .addColumn('org_id', 'text', keyNotNull)
    .addColumn('id', 'text', keyNotNull)
    .addColumn('entity', 'text', keyNotNull)
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('file_hash', 'text', keyNotNull)
    .addColumn('file_size', count, (c) => c.notNull())
    .addColumn('file_path', 'text')
    .addColumn('encoding', 'text')
    .addColumn('separator', 'text')
    .addColumn('headers', 'text')
    .addColumn('column_map', 'text')
    .addColumn('on_duplicate', 'text', (c) => c.notNull())
    .addColumn('status', 'text', keyNotNull)
    .addColumn('next_row', count, (c) => c.notNull())
    .addColumn('bytes_done', count, (c) => c.notNull())
    .addColumn('rows_read', count, (c) => c.notNull())
    .addColumn('rows_inserted', count, (c) => c.notNull())
    .addColumn('rows_updated', count, (c) => c.notNull())
    .addColumn('rows_duplicate', count, (c) => c.notNull())
    .addColumn('rows_rejected', count, (c) => c.notNull())
    .addColumn('error', 'text')
    .addColumn('created_by', 'text', key)
    .addColumn('created_at', 'text', keyNotNull)
    .addColumn('updated_at', 'text', keyNotNull)
    .addColumn('finished_at', 'text')
    .addPrimaryKeyConstraint('import_jobs_pk', ['org_id', 'id'])
    .execute();
  await db.schema.createIndex('import_jobs_file').on('import_jobs').columns(['org_id', 'entity', 'file_hash']).execute();

  await db.schema
    .createTable('import_rejects')
    .addColumn('org_id', 'text', keyNotNull)
    .addColumn('job_id', 'text', keyNotNull)
    .addColumn('row', count, (c) => c.notNull())
    .addColumn('cells', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    // The reason with the values it quotes left out: what the summary counts by.
    .addColumn('reason_kind', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('import_rejects_pk', ['org_id', 'job_id', 'row'])
    .addForeignKeyConstraint('import_rejects_job_fk', ['org_id', 'job_id'], 'import_jobs', ['org_id', 'id'], (f) => f.onDelete('cascade'))
    .execute();

  await db.schema
    .createTable('h2h_suspended_indexes')
    .addColumn('name', 'text', (c) => key(c).primaryKey())
    .addColumn('sql', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropTable('h2h_suspended_indexes').execute();
  await db.schema.dropTable('import_rejects').execute();
  await db.schema.dropTable('import_jobs').execute();
  await db.schema.dropTable('orders').execute();
  await db.schema.dropIndex('contacts_email').execute();
  await db.schema.alterTable('contacts').dropColumn('email_key').execute();
}
