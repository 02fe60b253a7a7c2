/** Opening the configured database for a command, migrated and checked. */
import fs from 'node:fs';
import { ConfigError, loadConfig, type Config } from '../config.ts';
import type { AppContext } from '../app/context.ts';
import { openStore } from '../store/connect.ts';
import { migrate } from '../store/migrator.ts';

export interface Opened {
  config: Config;
  ctx: AppContext;
  close(): Promise<void>;
}

export async function openConfigured(opts: { migrate: boolean; mustExist?: boolean } = { migrate: true }): Promise<Opened> {
  const config = loadConfig();
  if (opts.mustExist && !config.databaseUrl && !fs.existsSync(config.sqliteFile)) {
    throw new ConfigError(`there is no database at ${config.sqliteFile}; check H2H_DATA_DIR`);
  }
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
