/** What loyalty reads: the org's orders, account by account. */
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

type Db = Kysely<Database>;

/**
 * A page of the org's orders before `before` (a date, exclusive), by account then id,
 * after the (account, id) pair given: every order once, in bounded pages.
 */
export function orderDatesPage(db: Db, orgId: string, before: string, after: { accountId: string; id: string } | null, limit: number) {
  let q = db.selectFrom('orders').select(['account_id', 'id', 'ordered_at']).where('org_id', '=', orgId).where('ordered_at', '<', before);
  if (after) q = q.where((eb) => eb.or([eb('account_id', '>', after.accountId), eb.and([eb('account_id', '=', after.accountId), eb('id', '>', after.id)])]));
  return q.orderBy('account_id').orderBy('id').limit(limit).execute();
}
