import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/connect.ts';
import type { Migration } from '../../src/store/migrations/index.ts';
import { MigrationStateError, migrate, migrationStatus } from '../../src/store/migrator.ts';
import { BACKENDS, unmigratedStore } from '../helpers/backends.ts';

const tableExists = async (store: Store, name: string) => {
  const q =
    store.dialect === 'sqlite'
      ? sql<{ n: number }>`select count(*) as n from sqlite_master where type = 'table' and name = ${name}`
      : sql<{ n: number }>`select count(*) as n from information_schema.tables where table_name = ${name}`;
  return Number((await q.execute(store.db)).rows[0]?.n) > 0;
};

describe.each(BACKENDS)('migrations on %s', (backend) => {
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => cleanup?.());

  it('migrates an empty database and then has nothing pending', async () => {
    const { store, drop } = await unmigratedStore(backend);
    cleanup = drop;
    expect((await migrationStatus(store.db)).pending.length).toBeGreaterThan(0);
    await migrate(store.db, store.dialect);
    expect(await migrationStatus(store.db)).toMatchObject({ pending: [] });
    expect(await tableExists(store, 'journeys')).toBe(true);
    expect(await migrate(store.db, store.dialect)).toEqual([]);
  });

  it('runs each migration in a transaction: a failing one leaves no trace', async () => {
    const { store, drop } = await unmigratedStore(backend);
    cleanup = drop;
    const failing: Migration = {
      name: '2000-01-01-failing',
      up: async (db) => {
        await db.schema.createTable('half_done').addColumn('id', 'text').execute();
        await sql`select * from no_such_table`.execute(db);
      },
      down: async () => {},
    };
    await expect(migrate(store.db, store.dialect, [failing])).rejects.toThrow();
    expect(await tableExists(store, 'half_done')).toBe(false);
    expect(await migrationStatus(store.db, [failing])).toEqual({ applied: [], pending: ['2000-01-01-failing'] });
  });

  it('refuses a half-migrated database and one from a newer H2H, saying why', async () => {
    const { store, drop } = await unmigratedStore(backend);
    cleanup = drop;
    await migrate(store.db, store.dialect);
    await store.db.updateTable('h2h_migrations').set({ finished_at: null }).execute();
    await expect(migrationStatus(store.db)).rejects.toThrow(/half-migrated/);
    await store.db.updateTable('h2h_migrations').set({ finished_at: '2026-11-29T00:00:00.000Z' }).execute();
    await store.db.insertInto('h2h_migrations').values({ name: '2999-01-01-future', started_at: 'x', finished_at: 'y' }).execute();
    const err = await migrate(store.db, store.dialect).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MigrationStateError);
    expect(String(err)).toMatch(/newer H2H/);
  });
});
