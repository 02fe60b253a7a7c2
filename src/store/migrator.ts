/**
 * Runs migrations and checks that a database is in a state this version of
 * H2H understands before anyone serves from it.
 */
import { sql, type Kysely } from 'kysely';
import { restoreSuspendedIndexes } from './bulk.ts';
import { MIGRATIONS, type Migration, type MigrationDb, type SqlDialect } from './migrations/index.ts';
import type { Database } from './schema.ts';

export class MigrationStateError extends Error {}

/** The migration that made the table of indexes set aside by a big load. */
const SUSPENDED_INDEXES_SINCE = '2026-12-01-imports';

export interface MigrationStatus {
  applied: string[];
  pending: string[];
}

async function ensureTable(db: Kysely<Database>): Promise<void> {
  await db.schema
    .createTable('h2h_migrations')
    .ifNotExists()
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .execute();
}

/**
 * What is applied and what is pending. Throws MigrationStateError when the
 * database is half-migrated or was migrated by a newer H2H.
 */
export async function migrationStatus(db: Kysely<Database>, migrations: readonly Migration[] = MIGRATIONS): Promise<MigrationStatus> {
  await ensureTable(db);
  const rows = await db.selectFrom('h2h_migrations').selectAll().orderBy('name').execute();
  const unfinished = rows.find((r) => r.finished_at === null);
  if (unfinished) {
    throw new MigrationStateError(
      `the database is half-migrated: migration ${unfinished.name} started at ${unfinished.started_at} and never finished. ` +
        'Restore the backup taken before the upgrade, then start again.',
    );
  }
  const known = new Set(migrations.map((m) => m.name));
  const unknown = rows.find((r) => !known.has(r.name));
  if (unknown) {
    throw new MigrationStateError(`the database was migrated by a newer H2H (it has migration ${unknown.name}); upgrade H2H to open it.`);
  }
  const applied = new Set(rows.map((r) => r.name));
  const names = migrations.map((m) => m.name);
  const firstPending = names.findIndex((n) => !applied.has(n));
  if (firstPending >= 0 && names.slice(firstPending).some((n) => applied.has(n))) {
    throw new MigrationStateError(`the database has a gap in its migrations before ${names[firstPending]}; restore a backup.`);
  }
  return { applied: names.filter((n) => applied.has(n)), pending: names.filter((n) => !applied.has(n)) };
}

/** Applies every pending migration, each in one transaction. Returns the names applied. */
export async function migrate(db: Kysely<Database>, dialect: SqlDialect, migrations: readonly Migration[] = MIGRATIONS): Promise<string[]> {
  const { pending } = await migrationStatus(db, migrations);
  for (const name of pending) {
    const migration = migrations.find((m) => m.name === name);
    if (!migration) continue;
    await db.transaction().execute(async (trx) => {
      const now = new Date().toISOString();
      await trx.insertInto('h2h_migrations').values({ name, started_at: now, finished_at: null }).execute();
      await migration.up(trx as unknown as MigrationDb, dialect);
      await trx.updateTable('h2h_migrations').set({ finished_at: new Date().toISOString() }).where('name', '=', name).execute();
    });
  }
  // A big import that was killed may have left indexes set aside: rebuild them now.
  if (migrations.some((m) => m.name === SUSPENDED_INDEXES_SINCE)) await restoreSuspendedIndexes(db);
  return pending;
}

/** True when the database has no H2H tables at all yet. */
export async function isEmptyDatabase(db: Kysely<Database>): Promise<boolean> {
  await ensureTable(db);
  const row = await db.selectFrom('h2h_migrations').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  return Number(row.n) === 0;
}
