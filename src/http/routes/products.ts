import { z } from 'zod';
import { createProduct, getProduct, listProducts, productCosts, recordProductCost, updateProduct } from '../../app/products.ts';
import type { RouteTable } from '../route.ts';
import { currency, cursor, idParams, isoDate, limit, localizedText, moneyMinor, optionalText, text } from '../schemas.ts';

/** A VAT fraction: 0 to 1, whole basis points (0.25, 0.12, 0.06, 0). */
const vatRate = z
  .number()
  .min(0, 'must be a fraction from 0 to 1, e.g. 0.25 for 25 %')
  .max(1, 'must be a fraction from 0 to 1, e.g. 0.25 for 25 %')
  .refine((v) => Math.abs(v * 10_000 - Math.round(v * 10_000)) < 1e-6, 'must have at most four decimals (whole basis points)');

const productFields = {
  sku: text(64),
  name: localizedText(200),
  unit: z.string().trim().max(20, 'must be at most 20 characters').optional(),
  listPriceMinor: moneyMinor,
  currency: currency.optional(),
  vatRate: vatRate.optional(),
  active: z.boolean().optional(),
};

export function productRoutes(api: RouteTable): void {
  api.add({
    method: 'GET',
    url: '/products',
    tag: 'products',
    summary: 'Products by SKU; `q` finds SKUs that start with it, `active` keeps active (true) or inactive (false) ones',
    query: z.strictObject({ q: z.string().max(64).optional(), active: z.enum(['true', 'false']).optional(), cursor, limit }),
    handler: ({ query, actor, req }) => listProducts(req.server.h2h.ctx, actor, { ...query, active: query.active === undefined ? undefined : query.active === 'true' }),
  });

  api.add({
    method: 'POST',
    url: '/products',
    tag: 'products',
    summary: 'Add a product (admins and managers): SKU, names in sv and en, unit, list price in minor units, currency, VAT rate (default 0.25)',
    description: 'The SKU is unique in the org: a second product with it is 409.',
    body: z.strictObject(productFields),
    status: 201,
    handler: ({ body, actor, req }) => createProduct(req.server.h2h.ctx, actor, body),
  });

  api.add({
    method: 'GET',
    url: '/products/:id',
    tag: 'products',
    summary: 'One product',
    params: idParams,
    handler: ({ params, actor, req }) => getProduct(req.server.h2h.ctx, actor, params.id),
  });

  api.add({
    method: 'PATCH',
    url: '/products/:id',
    tag: 'products',
    summary: 'Change a product (admins and managers); `active: false` takes it out of new quotes and keeps its history',
    params: idParams,
    body: z.strictObject(productFields).partial(),
    handler: ({ params, body, actor, req }) => updateProduct(req.server.h2h.ctx, actor, params.id, body),
  });

  api.add({
    method: 'GET',
    url: '/products/:id/costs',
    tag: 'products',
    summary: "A product's recorded costs, the latest effective first",
    params: idParams,
    handler: ({ params, actor, req }) => productCosts(req.server.h2h.ctx, actor, params.id),
  });

  api.add({
    method: 'POST',
    url: '/products/:id/costs',
    tag: 'products',
    summary: "Record a product's cost from a day on (admins and managers): a cost rule may pass an increase on, labelled as such",
    params: idParams,
    body: z.strictObject({ costMinor: moneyMinor, effectiveFrom: isoDate, note: optionalText(500) }),
    status: 201,
    handler: ({ params, body, actor, req }) => recordProductCost(req.server.h2h.ctx, actor, params.id, body),
  });
}
