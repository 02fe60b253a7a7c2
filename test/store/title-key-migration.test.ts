import { afterEach, describe, expect, it } from 'vitest';
import { nameKey } from '../../src/domain/swedish.ts';
import { MIGRATIONS, type MigrationDb } from '../../src/store/migrations/index.ts';
import { migrate } from '../../src/store/migrator.ts';
import { BACKENDS, unmigratedStore } from '../helpers/backends.ts';

describe.each(BACKENDS)('the journey title key migration on %s', (backend) => {
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => cleanup?.());

  it('backfills the key of every journey that existed before it', async () => {
    const { store, drop } = await unmigratedStore(backend);
    cleanup = drop;
    const foundation = MIGRATIONS.filter((m) => m.name === '2026-11-29-foundation');
    await migrate(store.db, store.dialect, foundation);

    const at = '2026-11-29T09:00:00.000Z';
    // The schema as it was before this migration: untyped, like the migrations themselves.
    const db = store.db as unknown as MigrationDb;
    await db.insertInto('orgs').values({ id: 'o1', name: 'Org', locale: 'sv', time_zone: 'Europe/Stockholm', created_at: at }).execute();
    await db.insertInto('users').values({ org_id: 'o1', id: 'u1', email: 'a@x.se', email_key: 'a@x.se', name: 'A', role: 'admin', password_hash: null, created_at: at, disabled_at: null }).execute();
    await db.insertInto('accounts').values({ org_id: 'o1', id: 'a1', kind: 'company', name: 'K', name_key: 'k', org_number: null, website: null, created_at: at, updated_at: at }).execute();
    await db.insertInto('process_templates').values({ org_id: 'o1', id: 't1', key: 'b2b', name_sv: 'B', name_en: 'B', stages: '[]', builtin: 1, created_at: at }).execute();
    // More rows than one backfill round holds (500), so the rounds must follow each other.
    const titles = Array.from({ length: 1203 }, (_, i) => (i % 3 === 0 ? `Ångström  Belysning ${i}` : i % 3 === 1 ? `CAFÉ ÖVERSYN ${i}` : `lager ${i}`));
    const rows = titles.map((title, i) => ({
      org_id: 'o1',
      id: `j${String(i).padStart(5, '0')}`,
      account_id: 'a1',
      template_id: 't1',
      title,
      stage: 'need',
      status: 'open',
      owner_id: 'u1',
      value_minor: null,
      currency: 'SEK',
      stage_entered_at: at,
      created_at: at,
      updated_at: at,
      closed_at: null,
      close_reason: null,
    }));
    for (let i = 0; i < rows.length; i += 100) await db.insertInto('journeys').values(rows.slice(i, i + 100)).execute();

    expect(await migrate(store.db, store.dialect)).toEqual(MIGRATIONS.slice(1).map((m) => m.name));
    const after = await store.db.selectFrom('journeys').select(['title', 'title_key']).orderBy('id').execute();
    expect(after).toHaveLength(titles.length);
    for (const r of after) expect(r.title_key).toBe(nameKey(r.title));
    expect(after[0]?.title_key).toBe('{ngstr}m belysning 0');
  });
});
