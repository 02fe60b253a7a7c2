/** Accounts (customers) and their contacts with buying roles. */
import { optionalEmailKey } from '../domain/email.ts';
import { nameKey, normalizeOrgNumber } from '../domain/swedish.ts';
import type { AccountKind, BuyingRole } from '../domain/vocabulary.ts';
import {
  findAccount,
  findAccountTier,
  findContact,
  insertAccount,
  insertContact,
  listAccounts as listAccountRows,
  listContacts as listContactRows,
  updateAccount as updateAccountRow,
  updateContact as updateContactRow,
} from '../store/accounts.ts';
import type { AccountRow, ContactRow } from '../store/schema.ts';
import { type Actor, type AppContext, write } from './context.ts';
import { decodeCursor, toPage } from './cursor.ts';
import { invalid, notFound } from './errors.ts';
import { accountView, contactView } from './views.ts';

function checkedOrgNumber(input: string | null | undefined): string | null | undefined {
  if (input === undefined || input === null || input.trim() === '') return input === undefined ? undefined : null;
  const normalized = normalizeOrgNumber(input);
  if (!normalized) throw invalid('body.orgNumber', `"${input}" is not a Swedish organisation number: it needs 10 digits (NNNNNN-NNNN) and a correct check digit.`);
  return normalized;
}

export interface AccountInput {
  kind: AccountKind;
  name: string;
  orgNumber?: string | null | undefined;
  website?: string | null | undefined;
}

export async function createAccount(ctx: AppContext, actor: Actor, input: AccountInput) {
  const orgNumber = checkedOrgNumber(input.orgNumber) ?? null;
  return write(ctx, actor, async (w) => {
    const row: AccountRow = {
      org_id: actor.orgId,
      id: w.id(),
      kind: input.kind,
      name: input.name.trim(),
      name_key: nameKey(input.name),
      org_number: orgNumber,
      website: input.website ?? null,
      created_at: w.iso,
      updated_at: w.iso,
    };
    await insertAccount(w.tx, row);
    await w.audit('account.create', 'account', row.id, null, accountView(row));
    return accountView(row, 'new');
  });
}

export async function getAccount(ctx: AppContext, actor: Actor, id: string) {
  const row = await findAccount(ctx.store.db, actor.orgId, id);
  if (!row) throw notFound('account');
  return accountView(row, await findAccountTier(ctx.store.db, actor.orgId, id));
}

export async function updateAccount(ctx: AppContext, actor: Actor, id: string, input: Partial<AccountInput>) {
  const before = await findAccount(ctx.store.db, actor.orgId, id);
  if (!before) throw notFound('account');
  const orgNumber = checkedOrgNumber(input.orgNumber);
  return write(ctx, actor, async (w) => {
    const set = {
      ...(input.kind !== undefined && { kind: input.kind }),
      ...(input.name !== undefined && { name: input.name.trim(), name_key: nameKey(input.name) }),
      ...(orgNumber !== undefined && { org_number: orgNumber }),
      ...(input.website !== undefined && { website: input.website }),
      updated_at: w.iso,
    };
    await updateAccountRow(w.tx, actor.orgId, id, set);
    const after = { ...before, ...set };
    await w.audit('account.update', 'account', id, accountView(before), accountView(after));
    return accountView(after, await findAccountTier(w.tx, actor.orgId, id));
  });
}

export async function listAccounts(ctx: AppContext, actor: Actor, q: { q?: string | undefined; tier?: string | undefined; cursor?: string | undefined; limit: number }) {
  const after = decodeCursor(q.cursor, ['nameKey', 'id'] as const);
  const rows = await listAccountRows(ctx.store.db, actor.orgId, { prefixKey: q.q ? nameKey(q.q) : undefined, tier: q.tier, after, limit: q.limit + 1 });
  return toPage(rows, q.limit, (r) => accountView(r, r.tier), (r) => ({ nameKey: r.name_key, id: r.id }));
}

export interface ContactInput {
  name: string;
  email?: string | null | undefined;
  phone?: string | null | undefined;
  title?: string | null | undefined;
  buyingRole?: BuyingRole | undefined;
}

export async function createContact(ctx: AppContext, actor: Actor, accountId: string, input: ContactInput) {
  if (!(await findAccount(ctx.store.db, actor.orgId, accountId))) throw notFound('account');
  return write(ctx, actor, async (w) => {
    const row: ContactRow = {
      org_id: actor.orgId,
      id: w.id(),
      account_id: accountId,
      name: input.name.trim(),
      name_key: nameKey(input.name),
      email: input.email ?? null,
      email_key: optionalEmailKey(input.email),
      phone: input.phone ?? null,
      title: input.title ?? null,
      buying_role: input.buyingRole ?? 'unknown',
      created_at: w.iso,
      updated_at: w.iso,
    };
    await insertContact(w.tx, row);
    await w.audit('contact.create', 'contact', row.id, null, contactView(row));
    return contactView(row);
  });
}

export async function getContact(ctx: AppContext, actor: Actor, id: string) {
  const row = await findContact(ctx.store.db, actor.orgId, id);
  if (!row) throw notFound('contact');
  return contactView(row);
}

export async function updateContact(ctx: AppContext, actor: Actor, id: string, input: Partial<ContactInput>) {
  const before = await findContact(ctx.store.db, actor.orgId, id);
  if (!before) throw notFound('contact');
  return write(ctx, actor, async (w) => {
    const set = {
      ...(input.name !== undefined && { name: input.name.trim(), name_key: nameKey(input.name) }),
      ...(input.email !== undefined && { email: input.email, email_key: optionalEmailKey(input.email) }),
      ...(input.phone !== undefined && { phone: input.phone }),
      ...(input.title !== undefined && { title: input.title }),
      ...(input.buyingRole !== undefined && { buying_role: input.buyingRole }),
      updated_at: w.iso,
    };
    await updateContactRow(w.tx, actor.orgId, id, set);
    const after = { ...before, ...set };
    await w.audit('contact.update', 'contact', id, contactView(before), contactView(after));
    return contactView(after);
  });
}

export async function listContacts(ctx: AppContext, actor: Actor, q: { accountId?: string | undefined; q?: string | undefined; cursor?: string | undefined; limit: number }) {
  if (q.accountId && !(await findAccount(ctx.store.db, actor.orgId, q.accountId))) throw notFound('account');
  const after = decodeCursor(q.cursor, ['nameKey', 'id'] as const);
  const rows = await listContactRows(ctx.store.db, actor.orgId, { accountId: q.accountId, prefixKey: q.q ? nameKey(q.q) : undefined, after, limit: q.limit + 1 });
  return toPage(rows, q.limit, contactView, (r) => ({ nameKey: r.name_key, id: r.id }));
}
