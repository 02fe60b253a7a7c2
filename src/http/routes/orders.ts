import { z } from 'zod';
import { createOrder, deleteOrder, getOrder, listOrders, updateOrder } from '../../app/orders.ts';
import type { RouteTable } from '../route.ts';
import { currency, cursor, id, idParams, isoDate, isoDateTime, limit, optionalText } from '../schemas.ts';

const orderFields = {
  orderedAt: z.union([isoDate, isoDateTime]),
  product: optionalText(200),
  quantity: z.number().positive('must be more than 0').max(1_000_000_000),
  amountMinor: z.number().int('must be whole minor units (öre)').min(-Number.MAX_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER),
  currency,
  externalId: z.string().trim().min(1).max(100).nullish(),
  productId: id.nullish(),
};

export function orderRoutes(api: RouteTable): void {
  api.add({
    method: 'GET',
    url: '/orders',
    tag: 'orders',
    summary: "Orders: an account's, the latest purchase first (`accountId`), or the org's, the latest entered first",
    query: z.strictObject({ accountId: id.optional(), cursor, limit }),
    handler: ({ query, actor, req }) => listOrders(req.server.h2h.ctx, actor, query),
  });

  api.add({
    method: 'POST',
    url: '/orders',
    tag: 'orders',
    summary: 'Record a purchase: the account, the date, what and how many, the total in minor units (negative for a refund)',
    description: 'An order number (`externalId`) is unique in the org: a second order with it is 409.',
    body: z.strictObject({ accountId: id, ...orderFields, quantity: orderFields.quantity.optional(), currency: currency.optional() }),
    status: 201,
    handler: ({ body, actor, req }) => createOrder(req.server.h2h.ctx, actor, body),
  });

  api.add({
    method: 'GET',
    url: '/orders/:id',
    tag: 'orders',
    summary: 'One order',
    params: idParams,
    handler: ({ params, actor, req }) => getOrder(req.server.h2h.ctx, actor, params.id),
  });

  api.add({
    method: 'PATCH',
    url: '/orders/:id',
    tag: 'orders',
    summary: 'Change an order',
    params: idParams,
    body: z.strictObject(orderFields).partial(),
    handler: ({ params, body, actor, req }) => updateOrder(req.server.h2h.ctx, actor, params.id, body),
  });

  api.add({
    method: 'DELETE',
    url: '/orders/:id',
    tag: 'orders',
    summary: 'Delete an order (admins and managers)',
    params: idParams,
    status: 204,
    handler: ({ params, actor, req }) => deleteOrder(req.server.h2h.ctx, actor, params.id),
  });
}
