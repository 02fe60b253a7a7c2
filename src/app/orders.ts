/**
 * Orders: what an account has bought. Entered here or imported (imports.ts);
 * loyalty and reference prices read them. An order number (`externalId`) is
 * unique in the org. Every change refreshes the account's loyalty in the
 * same transaction (loyalty.ts).
 */
import { findAccount } from '../store/accounts.ts';
import { findProduct } from '../store/products.ts';
import {
  deleteOrderRow,
  findOrder,
  findOrderByExternalId,
  insertOrder,
  listAccountOrders,
  listOrgOrders,
  updateOrderRow,
} from '../store/orders.ts';
import type { OrderRow } from '../store/schema.ts';
import { write, type Actor, type AppContext } from './context.ts';
import { decodeCursor, toPage } from './cursor.ts';
import { AppError, invalid, notFound } from './errors.ts';
import { refreshAccountLoyalty } from './loyalty.ts';

export interface OrderInput {
  accountId: string;
  /** YYYY-MM-DD, or an ISO time */
  orderedAt: string;
  product?: string | null | undefined;
  quantity?: number | undefined;
  /** the order's total in minor units; negative for a refund */
  amountMinor: number;
  currency?: string | undefined;
  externalId?: string | null | undefined;
  /** the product it was for (its reference price reads these) */
  productId?: string | null | undefined;
}

export const orderView = (o: OrderRow) => ({
  id: o.id,
  accountId: o.account_id,
  orderedAt: o.ordered_at,
  product: o.product,
  quantity: Number(o.quantity),
  amountMinor: Number(o.amount_minor),
  currency: o.currency,
  externalId: o.external_id,
  productId: o.product_id,
  imported: o.import_id !== null,
  createdAt: o.created_at,
  updatedAt: o.updated_at,
});

/** A date stays a date; a time is kept in UTC, as every time is. */
const moment = (s: string) => (s.length === 10 ? s : new Date(s).toISOString());

async function checkExternalId(ctx: AppContext, actor: Actor, externalId: string | null | undefined, self?: string) {
  if (!externalId) return;
  const other = await findOrderByExternalId(ctx.store.db, actor.orgId, externalId);
  if (other && other.id !== self) throw new AppError('conflict', `Another order already has the order number ${externalId}.`);
}

async function checkProduct(ctx: AppContext, actor: Actor, productId: string | null | undefined) {
  if (productId && !(await findProduct(ctx.store.db, actor.orgId, productId))) throw invalid('body.productId', 'No product with that id in your organisation.');
}

export async function createOrder(ctx: AppContext, actor: Actor, input: OrderInput) {
  if (!(await findAccount(ctx.store.db, actor.orgId, input.accountId))) throw invalid('body.accountId', 'No account with that id in your organisation.');
  await checkProduct(ctx, actor, input.productId);
  await checkExternalId(ctx, actor, input.externalId);
  return write(ctx, actor, async (w) => {
    const row: OrderRow = {
      org_id: actor.orgId,
      id: w.id(),
      account_id: input.accountId,
      ordered_at: moment(input.orderedAt),
      product: input.product?.trim() || null,
      quantity: input.quantity ?? 1,
      amount_minor: input.amountMinor,
      currency: input.currency ?? 'SEK',
      external_id: input.externalId?.trim() || null,
      import_id: null,
      product_id: input.productId ?? null,
      quote_id: null,
      created_at: w.iso,
      updated_at: w.iso,
    };
    await insertOrder(w.tx, row);
    await w.audit('order.create', 'order', row.id, null, orderView(row));
    await refreshAccountLoyalty(ctx, w, row.account_id);
    return orderView(row);
  });
}

export async function getOrder(ctx: AppContext, actor: Actor, id: string) {
  const row = await findOrder(ctx.store.db, actor.orgId, id);
  if (!row) throw notFound('order');
  return orderView(row);
}

export async function updateOrder(ctx: AppContext, actor: Actor, id: string, patch: Partial<Omit<OrderInput, 'accountId'>>) {
  const before = await findOrder(ctx.store.db, actor.orgId, id);
  if (!before) throw notFound('order');
  await checkExternalId(ctx, actor, patch.externalId, id);
  await checkProduct(ctx, actor, patch.productId);
  return write(ctx, actor, async (w) => {
    const set = {
      ...(patch.orderedAt !== undefined && { ordered_at: moment(patch.orderedAt) }),
      ...(patch.product !== undefined && { product: patch.product?.trim() || null }),
      ...(patch.quantity !== undefined && { quantity: patch.quantity }),
      ...(patch.amountMinor !== undefined && { amount_minor: patch.amountMinor }),
      ...(patch.currency !== undefined && { currency: patch.currency }),
      ...(patch.externalId !== undefined && { external_id: patch.externalId?.trim() || null }),
      ...(patch.productId !== undefined && { product_id: patch.productId }),
      updated_at: w.iso,
    };
    await updateOrderRow(w.tx, actor.orgId, id, set);
    const after = { ...before, ...set };
    await w.audit('order.update', 'order', id, orderView(before), orderView(after));
    await refreshAccountLoyalty(ctx, w, before.account_id);
    return orderView(after);
  });
}

/** Deletes an order; an admin's or a manager's call, as it changes the account's history. */
export async function deleteOrder(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  const before = await findOrder(ctx.store.db, actor.orgId, id);
  if (!before) throw notFound('order');
  if (actor.role === 'seller') throw new AppError('forbidden', 'Only an admin or a manager may delete an order.');
  await write(ctx, actor, async (w) => {
    await deleteOrderRow(w.tx, actor.orgId, id);
    await w.audit('order.delete', 'order', id, orderView(before), null);
    await refreshAccountLoyalty(ctx, w, before.account_id);
  });
}

/** An account's orders, the latest purchase first; without an account, the org's, the latest entered first. */
export async function listOrders(ctx: AppContext, actor: Actor, q: { accountId?: string | undefined; cursor?: string | undefined; limit: number }) {
  const db = ctx.store.db;
  if (q.accountId) {
    if (!(await findAccount(db, actor.orgId, q.accountId))) return { items: [], nextCursor: null };
    const before = decodeCursor(q.cursor, ['at', 'id'] as const);
    const rows = await listAccountOrders(db, actor.orgId, q.accountId, { before, limit: q.limit + 1 });
    return toPage(rows, q.limit, orderView, (r) => ({ at: r.ordered_at, id: r.id }));
  }
  const before = decodeCursor(q.cursor, ['id'] as const);
  const rows = await listOrgOrders(db, actor.orgId, { before: before?.id, limit: q.limit + 1 });
  return toPage(rows, q.limit, orderView, (r) => ({ id: r.id }));
}
