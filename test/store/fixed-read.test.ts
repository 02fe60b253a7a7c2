/**
 * Fixed reads answer exactly what Kysely's builder answers, on both
 * backends, inside and outside a transaction, for values of every kind a
 * person types — and each database keeps its own dialect's SQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedRead, fixedReadOne } from '../../src/store/fixed-read.ts';
import { BACKENDS, openTestStore, type TestStore } from '../helpers/backends.ts';

const orgsNamed = fixedRead((db, name: string, locale: string) => db.selectFrom('orgs').select(['id', 'name']).where('name', '=', name).where('locale', '=', locale).orderBy('id'));
const orgById = fixedReadOne((db, id: string) => db.selectFrom('orgs').selectAll().where('id', '=', id));

const NAMES = ["O'Brien & Söner AB", 'Ångström "AB"', '100 % säkert; drop table orgs; --', 'emoji 🚕 och nyårsafton'];

describe.each(BACKENDS)('fixed reads on %s', (backend) => {
  let s: TestStore;
  beforeAll(async () => {
    s = await openTestStore(backend);
    const db = s.store.db;
    for (const [i, name] of NAMES.entries()) {
      await db.insertInto('orgs').values({ id: `00000000-0000-7000-8000-00000000000${i}`, name, locale: i % 2 ? 'en' : 'sv', time_zone: 'Europe/Stockholm', created_at: '2026-11-29T00:00:00.000Z' }).execute();
    }
  });
  afterAll(async () => s.drop());

  it('answers what the builder answers, for names with quotes, SQL and emoji, and nothing for no match', async () => {
    const db = s.store.db;
    for (const [i, name] of NAMES.entries()) {
      const locale = i % 2 ? 'en' : 'sv';
      const built = await db.selectFrom('orgs').select(['id', 'name']).where('name', '=', name).where('locale', '=', locale).orderBy('id').execute();
      expect(await orgsNamed(db, name, locale)).toEqual(built);
      expect(built).toHaveLength(1);
      // The arguments go where their own conditions are: swapped, nothing matches.
      expect(await orgsNamed(db, locale, name)).toEqual([]);
    }
    expect(await orgById(db, '00000000-0000-7000-8000-000000000002')).toMatchObject({ name: NAMES[2] });
    expect(await orgById(db, 'no such id')).toBeUndefined();
  });

  it('reads through a transaction as well, seeing its own writes', async () => {
    const seen = await s.store.db.transaction().execute(async (tx) => {
      await tx.updateTable('orgs').set({ name: 'Omdöpt AB' }).where('id', '=', '00000000-0000-7000-8000-000000000000').execute();
      return orgById(tx, '00000000-0000-7000-8000-000000000000');
    });
    expect(seen?.name).toBe('Omdöpt AB');
  });
});
