/** Opening the configured database for a command, migrated and checked. */
import { loadConfig, type Config } from '../config.ts';
import type { AppContext } from '../app/context.ts';
import { openStore } from '../store/connect.ts';
import { migrate } from '../store/migrator.ts';

export interface Opened {
  config: Config;
  ctx: AppContext;
  close(): Promise<void>;
}

export async function openConfigured(opts: { migrate: boolean } = { migrate: true }): Promise<Opened> {
  const config = loadConfig();
  const store = openStore(config);
  try {
    if (opts.migrate) await migrate(store.db, store.dialect);
  } catch (e) {
    await store.close();
    throw e;
  }
  return { config, ctx: { store, now: () => new Date() }, close: () => store.close() };
}

/** Where the data lives, for people: never prints a password. */
export function describeDatabase(config: Config): string {
  if (!config.databaseUrl) return `SQLite at ${config.sqliteFile}`;
  const url = new URL(config.databaseUrl);
  url.password = url.password ? '***' : '';
  return `PostgreSQL at ${url.toString()}`;
}
