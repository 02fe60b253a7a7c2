/**
 * The foundation: orgs, people, accounts, journeys and what happens on them.
 * Every table has org_id, and every key and index starts with it (DESIGN.md §12).
 */
import { sql, type ColumnDefinitionBuilder } from 'kysely';
import type { MigrationDb, SqlDialect } from './index.ts';

export async function up(db: MigrationDb, dialect: SqlDialect): Promise<void> {
  // On PostgreSQL, ids, times and sort keys compare byte by byte, as on SQLite,
  // whatever the database's own collation (docs/decisions/0002).
  const key = (c: ColumnDefinitionBuilder) => (dialect === 'postgres' ? c.modifyEnd(sql`collate "C"`) : c);
  const keyNotNull = (c: ColumnDefinitionBuilder) => key(c).notNull();
  const money = dialect === 'postgres' ? 'bigint' : 'integer';

  await db.schema
    .createTable('orgs')
    .addColumn('id', 'text', (c) => key(c).primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', keyNotNull)
    .execute();

  await db.schema
    .createTable('users')
    .addColumn('org_id', 'text', keyNotNull)
    .addColumn('id', 'text', keyNotNull)
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('email_key', 'text', keyNotNull)
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text')
    .addColumn('created_at', 'text', keyNotNull)
    .addColumn('disabled_at', 'text')
    .addPrimaryKeyConstraint('users_pk', ['org_id', 'id'])
    .addForeignKeyConstraint('users_org_fk', ['org_id'], 'orgs', ['id'])
    .execute();
  // The one index not led by org_id: a sign-in names only an e-mail, which is
  // unique across orgs (docs/decisions/0003).
  await db.schema.createIndex('users_email_key').unique().on('users').column('email_key').execute();

  await db.schema
    .createTable('sessions')
    .addColumn('org_id', 'text', keyNotNull)
    .addColumn('token_hash', 'text', keyNotNull)
    .addColumn('user_id', 'text', keyNotNull)
    .addColumn('created_at', 'text', keyNotNull)
    .addColumn('expires_at', 'text', keyNotNull)
    .addPrimaryKeyConstraint('sessions_pk', ['org_id', 'token_hash'])
    .addForeignKeyConstraint('sessions_user_fk', ['org_id', 'user_id'], 'users', ['org_id', 'id'], (f) => f.onDelete('cascade'))
    .execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('org_id', 'text', keyNotNull)
    .addColumn('id', 'text', keyNotNull)
    .addColumn('user_id', 'text', keyNotNull)
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', keyNotNull)
    .addColumn('created_at', 'text', keyNotNull)
    .addColumn('last_used_at', 'text')
    .addColumn('revoked_at', 'text')
    .addPrimaryKeyConstraint('api_tokens_pk', ['org_id', 'id'])
    .addForeignKeyConstraint('api_tokens_user_fk', ['org_id', 'user_id'], 'users', ['org_id', 'id'], (f) => f.onDelete('cascade'))
    .execute();
  await db.schema.createIndex('api_tokens_hash').unique().on('api_tokens').columns(['org_id', 'token_hash']).execute();

  await db.schema
    .createTable('accounts')
    .addColumn('org_id', 'text', keyNotNull)
    .addColumn('id', 'text', keyNotNull)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', keyNotNull)
    .addColumn('org_number', 'text', key)
    .addColumn('website', 'text')
    .addColumn('created_at', 'text', keyNotNull)
    .addColumn('updated_at', 'text', keyNotNull)
    .addPrimaryKeyConstraint('accounts_pk', ['org_id', 'id'])
    .addForeignKeyConstraint('accounts_org_fk', ['org_id'], 'orgs', ['id'])
    .execute();
  await db.schema.createIndex('accounts_name').on('accounts').columns(['org_id', 'name_key', 'id']).execute();
  await db.schema.createIndex('accounts_org_number').on('accounts').columns(['org_id', 'org_number']).execute();

  await db.schema
    .createTable('contacts')
    .addColumn('org_id', 'text', keyNotNull)
    .addColumn('id', 'text', keyNotNull)
    .addColumn('account_id', 'text', keyNotNull)
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', keyNotNull)
    .addColumn('email', 'text')
    .addColumn('phone', 'text')
    .addColumn('title', 'text')
    .addColumn('buying_role', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', keyNotNull)
    .addColumn('updated_at', 'text', keyNotNull)
    .addPrimaryKeyConstraint('contacts_pk', ['org_id', 'id'])
    .addForeignKeyConstraint('contacts_account_fk', ['org_id', 'account_id'], 'accounts', ['org_id', 'id'], (f) => f.onDelete('cascade'))
    .execute();
  await db.schema.createIndex('contacts_account').on('contacts').columns(['org_id', 'account_id', 'name_key']).execute();
  await db.schema.createIndex('contacts_name').on('contacts').columns(['org_id', 'name_key', 'id']).execute();

  await db.schema
    .createTable('process_templates')
    .addColumn('org_id', 'text', keyNotNull)
    .addColumn('id', 'text', keyNotNull)
    .addColumn('key', 'text', keyNotNull)
    .addColumn('name_sv', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('stages', 'text', (c) => c.notNull())
    .addColumn('builtin', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', keyNotNull)
    .addPrimaryKeyConstraint('process_templates_pk', ['org_id', 'id'])
    .addUniqueConstraint('process_templates_key', ['org_id', 'key'])
    .addForeignKeyConstraint('process_templates_org_fk', ['org_id'], 'orgs', ['id'])
    .execute();

  await db.schema
    .createTable('journeys')
    .addColumn('org_id', 'text', keyNotNull)
    .addColumn('id', 'text', keyNotNull)
    .addColumn('account_id', 'text', keyNotNull)
    .addColumn('template_id', 'text', keyNotNull)
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('stage', 'text', keyNotNull)
    .addColumn('status', 'text', keyNotNull)
    .addColumn('owner_id', 'text', keyNotNull)
    .addColumn('value_minor', money)
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('stage_entered_at', 'text', keyNotNull)
    .addColumn('created_at', 'text', keyNotNull)
    .addColumn('updated_at', 'text', keyNotNull)
    .addColumn('closed_at', 'text', key)
    .addColumn('close_reason', 'text')
    .addPrimaryKeyConstraint('journeys_pk', ['org_id', 'id'])
    .addForeignKeyConstraint('journeys_account_fk', ['org_id', 'account_id'], 'accounts', ['org_id', 'id'])
    .addForeignKeyConstraint('journeys_template_fk', ['org_id', 'template_id'], 'process_templates', ['org_id', 'id'])
    .addForeignKeyConstraint('journeys_owner_fk', ['org_id', 'owner_id'], 'users', ['org_id', 'id'])
    .execute();
  await db.schema.createIndex('journeys_status_stage').on('journeys').columns(['org_id', 'status', 'stage', 'id']).execute();
  await db.schema.createIndex('journeys_owner').on('journeys').columns(['org_id', 'owner_id', 'id']).execute();
  await db.schema.createIndex('journeys_account').on('journeys').columns(['org_id', 'account_id', 'id']).execute();

  await db.schema
    .createTable('journey_criteria')
    .addColumn('org_id', 'text', keyNotNull)
    .addColumn('journey_id', 'text', keyNotNull)
    .addColumn('stage', 'text', keyNotNull)
    .addColumn('criterion_key', 'text', keyNotNull)
    .addColumn('evidence', 'text', (c) => c.notNull())
    .addColumn('met_at', 'text', keyNotNull)
    .addColumn('met_by', 'text', key)
    .addPrimaryKeyConstraint('journey_criteria_pk', ['org_id', 'journey_id', 'stage', 'criterion_key'])
    .addForeignKeyConstraint('journey_criteria_journey_fk', ['org_id', 'journey_id'], 'journeys', ['org_id', 'id'], (f) => f.onDelete('cascade'))
    .execute();

  await db.schema
    .createTable('stage_changes')
    .addColumn('org_id', 'text', keyNotNull)
    .addColumn('id', 'text', keyNotNull)
    .addColumn('journey_id', 'text', keyNotNull)
    .addColumn('from_stage', 'text', keyNotNull)
    .addColumn('to_stage', 'text', keyNotNull)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('override_reason', 'text')
    .addColumn('overridden', 'text')
    .addColumn('actor_id', 'text', key)
    .addColumn('at', 'text', keyNotNull)
    .addPrimaryKeyConstraint('stage_changes_pk', ['org_id', 'id'])
    .addForeignKeyConstraint('stage_changes_journey_fk', ['org_id', 'journey_id'], 'journeys', ['org_id', 'id'], (f) => f.onDelete('cascade'))
    .execute();
  await db.schema.createIndex('stage_changes_journey').on('stage_changes').columns(['org_id', 'journey_id', 'at']).execute();

  await db.schema
    .createTable('interactions')
    .addColumn('org_id', 'text', keyNotNull)
    .addColumn('id', 'text', keyNotNull)
    .addColumn('journey_id', 'text', keyNotNull)
    .addColumn('channel', 'text', keyNotNull)
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'text', keyNotNull)
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('contact_ids', 'text', (c) => c.notNull())
    .addColumn('purpose_criterion', 'text')
    .addColumn('purpose_concern_id', 'text', key)
    .addColumn('purpose_why', 'text')
    .addColumn('stage', 'text', keyNotNull)
    .addColumn('created_by', 'text', key)
    .addColumn('created_at', 'text', keyNotNull)
    .addPrimaryKeyConstraint('interactions_pk', ['org_id', 'id'])
    .addForeignKeyConstraint('interactions_journey_fk', ['org_id', 'journey_id'], 'journeys', ['org_id', 'id'], (f) => f.onDelete('cascade'))
    .execute();
  await db.schema.createIndex('interactions_journey').on('interactions').columns(['org_id', 'journey_id', 'occurred_at']).execute();

  await db.schema
    .createTable('concerns')
    .addColumn('org_id', 'text', keyNotNull)
    .addColumn('id', 'text', keyNotNull)
    .addColumn('journey_id', 'text', keyNotNull)
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('blocking', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', keyNotNull)
    .addColumn('answer', 'text')
    .addColumn('contact_id', 'text', key)
    .addColumn('raised_by', 'text', key)
    .addColumn('raised_at', 'text', keyNotNull)
    .addColumn('answered_at', 'text', key)
    .addColumn('closed_at', 'text', key)
    .addPrimaryKeyConstraint('concerns_pk', ['org_id', 'id'])
    .addForeignKeyConstraint('concerns_journey_fk', ['org_id', 'journey_id'], 'journeys', ['org_id', 'id'], (f) => f.onDelete('cascade'))
    .execute();
  await db.schema.createIndex('concerns_journey').on('concerns').columns(['org_id', 'journey_id', 'status']).execute();

  await db.schema
    .createTable('plan_steps')
    .addColumn('org_id', 'text', keyNotNull)
    .addColumn('id', 'text', keyNotNull)
    .addColumn('journey_id', 'text', keyNotNull)
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('owner_user_id', 'text', key)
    .addColumn('owner_contact_id', 'text', key)
    .addColumn('due_date', 'text', key)
    .addColumn('done_at', 'text', key)
    .addColumn('created_at', 'text', keyNotNull)
    .addColumn('updated_at', 'text', keyNotNull)
    .addPrimaryKeyConstraint('plan_steps_pk', ['org_id', 'id'])
    .addForeignKeyConstraint('plan_steps_journey_fk', ['org_id', 'journey_id'], 'journeys', ['org_id', 'id'], (f) => f.onDelete('cascade'))
    .execute();
  await db.schema.createIndex('plan_steps_journey').on('plan_steps').columns(['org_id', 'journey_id', 'position']).execute();

  await db.schema
    .createTable('timeline_events')
    .addColumn('org_id', 'text', keyNotNull)
    .addColumn('id', 'text', keyNotNull)
    .addColumn('journey_id', 'text', keyNotNull)
    .addColumn('at', 'text', keyNotNull)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', key)
    .addColumn('actor_id', 'text', key)
    .addColumn('data', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('timeline_events_pk', ['org_id', 'id'])
    .addForeignKeyConstraint('timeline_events_journey_fk', ['org_id', 'journey_id'], 'journeys', ['org_id', 'id'], (f) => f.onDelete('cascade'))
    .execute();
  await db.schema.createIndex('timeline_events_journey').on('timeline_events').columns(['org_id', 'journey_id', 'at', 'id']).execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('org_id', 'text', keyNotNull)
    .addColumn('id', 'text', keyNotNull)
    .addColumn('at', 'text', keyNotNull)
    .addColumn('actor_id', 'text', key)
    .addColumn('actor_kind', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity', 'text', keyNotNull)
    .addColumn('entity_id', 'text', keyNotNull)
    .addColumn('before', 'text')
    .addColumn('after', 'text')
    .addPrimaryKeyConstraint('audit_log_pk', ['org_id', 'id'])
    .execute();
  await db.schema.createIndex('audit_log_entity').on('audit_log').columns(['org_id', 'entity', 'entity_id', 'id']).execute();
}

export async function down(db: MigrationDb): Promise<void> {
  for (const table of [
    'audit_log', 'timeline_events', 'plan_steps', 'concerns', 'interactions', 'stage_changes', 'journey_criteria',
    'journeys', 'process_templates', 'contacts', 'accounts', 'api_tokens', 'sessions', 'users', 'orgs',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
