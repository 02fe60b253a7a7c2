/** Opening the configured database for a command, migrated and checked. */
import fs from 'node:fs';
import { ConfigError, loadConfig, type Config } from '../config.ts';
import type { AppContext } from '../app/context.ts';
import { openStore } from '../store/connect.ts';
import { migrate } from '../store/migrator.ts';
import { listOrgs } from '../store/orgs.ts';

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

/** A mistake in how a command was called: printed as one line, exit code 1. */
export class CliError extends Error {}

/** The org a command acts on: the one named by --org, or the only one there is. */
export async function resolveOrg(ctx: AppContext, id: string | undefined) {
  const orgs = await listOrgs(ctx.store.db);
  const org = id ? orgs.find((o) => o.id === id) : orgs.length === 1 ? orgs[0] : undefined;
  if (!org) throw new CliError(id ? `no org with the id ${id}` : `the database has ${orgs.length} orgs; name one with --org (${orgs.map((o) => `${o.id} ${o.name}`).join(', ')})`);
  return org;
}
