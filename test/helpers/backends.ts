/** Every storage test runs once per backend: SQLite and a real PostgreSQL. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { openStore, type Store } from '../../src/store/connect.ts';
import { migrate } from '../../src/store/migrator.ts';

export const BACKENDS = ['sqlite', 'postgres'] as const;
export type Backend = (typeof BACKENDS)[number];

export interface TestStore {
  store: Store;
  /** for SQLite the file, for PostgreSQL the URL */
  location: string;
  drop(): Promise<void>;
}

export function pgUrl(database: string): string {
  const url = new URL(inject('pgAdminUrl'));
  url.pathname = `/${database}`;
  return url.toString();
}

/** A fresh, empty PostgreSQL database (no migrations) and a way to drop it. */
export async function emptyPgDatabase(template = 'template0'): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `h2h_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: inject('pgAdminUrl') });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  await admin.end();
  return {
    url: pgUrl(name),
    drop: async () => {
      const c = new pg.Client({ connectionString: inject('pgAdminUrl') });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'h2h-test-'));
}

/** A migrated database of the given backend, private to the caller. */
export async function openTestStore(backend: Backend): Promise<TestStore> {
  if (backend === 'sqlite') {
    const dir = tempDir();
    const file = path.join(dir, 'h2h.sqlite');
    const store = openStore({ sqliteFile: file });
    await migrate(store.db, 'sqlite');
    return {
      store,
      location: file,
      drop: async () => {
        await store.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const db = await emptyPgDatabase('h2h_template');
  const store = openStore({ databaseUrl: db.url, sqliteFile: '' });
  return {
    store,
    location: db.url,
    drop: async () => {
      await store.close();
      await db.drop();
    },
  };
}

/** A store on an empty database, no migration run: for tests of the migrations themselves. */
export async function unmigratedStore(backend: Backend): Promise<{ store: Store; drop(): Promise<void> }> {
  if (backend === 'sqlite') {
    const store = openStore({ sqliteFile: `${tempDir()}/m.sqlite` });
    return { store, drop: () => store.close() };
  }
  const db = await emptyPgDatabase();
  const store = openStore({ databaseUrl: db.url, sqliteFile: '' });
  return { store, drop: async () => (await store.close(), await db.drop()) };
}
