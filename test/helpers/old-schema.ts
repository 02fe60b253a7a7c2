/**
 * For migration tests: a store migrated up to and including one migration,
 * holding one org with its admin, an account, a process template and a
 * journey (ids o1, u1, a1, t1, j1), written as that schema was, untyped like
 * the migrations themselves. `at(h)` is 1 December 2026 at hour h (UTC).
 */
import { MIGRATIONS, type MigrationDb } from '../../src/store/migrations/index.ts';
import { migrate } from '../../src/store/migrator.ts';
import { unmigratedStore, type Backend } from './backends.ts';

export const at = (h: number): string => new Date(Date.UTC(2026, 11, 1, h)).toISOString();

export async function journeyUpTo(backend: Backend, migration: string) {
  const { store, drop } = await unmigratedStore(backend);
  const upTo = MIGRATIONS.findIndex((m) => m.name === migration);
  if (upTo < 0) throw new Error(`no migration ${migration}`);
  await migrate(store.db, store.dialect, MIGRATIONS.slice(0, upTo + 1));
  const db = store.db as unknown as MigrationDb;
  await db.insertInto('orgs').values({ id: 'o1', name: 'Org', locale: 'sv', time_zone: 'Europe/Stockholm', created_at: at(0) }).execute();
  await db.insertInto('users').values({ org_id: 'o1', id: 'u1', email: 'a@x.se', email_key: 'a@x.se', name: 'Ada', role: 'admin', password_hash: null, created_at: at(0), disabled_at: null }).execute();
  await db.insertInto('accounts').values({ org_id: 'o1', id: 'a1', kind: 'company', name: 'K', name_key: 'k', org_number: null, website: null, created_at: at(0), updated_at: at(0) }).execute();
  await db.insertInto('process_templates').values({ org_id: 'o1', id: 't1', key: 'b2b', name_sv: 'B', name_en: 'B', stages: '[]', builtin: 1, created_at: at(0) }).execute();
  await db
    .insertInto('journeys')
    .values({ org_id: 'o1', id: 'j1', account_id: 'a1', template_id: 't1', title: 'Lager', title_key: 'lager', stage: 'need', status: 'open', owner_id: 'u1', value_minor: null, currency: 'SEK', stage_entered_at: at(0), created_at: at(0), updated_at: at(0), closed_at: null, close_reason: null })
    .execute();
  return { store, db, drop };
}

/**
 * A case of j1 as the 2026-12-08 schema had it: opened at 09:00 by the buyer
 * Karin (k1), or by the admin Ada (u1) when `by` is 'user'. `over` changes
 * columns or adds those of later schemas.
 */
export function caseRow(id: string, by: 'contact' | 'user', over: Record<string, unknown> = {}) {
  return {
    org_id: 'o1',
    id,
    journey_id: 'j1',
    account_id: 'a1',
    topic: `Ärende ${id}`,
    description: 'x',
    quote_id: null,
    order_id: null,
    status: 'open',
    priority: 'low',
    tier: 'new',
    opened_by_kind: by,
    opened_by_contact_id: by === 'contact' ? 'k1' : null,
    opened_by_user_id: by === 'user' ? 'u1' : null,
    opened_by_name: by === 'contact' ? 'Karin' : 'Ada',
    opened_at: at(9),
    first_response_at: null,
    updated_at: at(9),
    ...over,
  };
}
