/**
 * Products (DESIGN §6): what an org sells, at a list price in minor units,
 * with its VAT rate, and the costs recorded for it over time (a cost rule
 * passes a recorded increase on). Admins and managers keep them; everyone
 * reads them. A product is made inactive, never deleted.
 */
import { findProduct, findProductBySku, insertProduct, insertProductCost, listProductCosts, listProductRows, updateProductRow } from '../store/products.ts';
import type { ProductCostRow, ProductRow } from '../store/schema.ts';
import { write, type Actor, type AppContext } from './context.ts';
import { decodeCursor, toPage } from './cursor.ts';
import { AppError, notFound } from './errors.ts';
import { requireManager } from './permissions.ts';

export interface ProductInput {
  sku: string;
  name: { sv: string; en: string };
  unit?: string | undefined;
  listPriceMinor: number;
  currency?: string | undefined;
  /** VAT as a fraction: 0.25 for 25 % */
  vatRate?: number | undefined;
  active?: boolean | undefined;
}

export const DEFAULT_VAT_BP = 2500;
const DEFAULT_UNIT = 'st';

export const productView = (p: ProductRow) => ({
  id: p.id,
  sku: p.sku,
  name: { sv: p.name_sv, en: p.name_en },
  unit: p.unit,
  listPriceMinor: Number(p.list_price_minor),
  currency: p.currency,
  vatRate: p.vat_rate_bp / 10_000,
  active: p.active === 1,
  createdAt: p.created_at,
  updatedAt: p.updated_at,
});

export const productCostView = (c: ProductCostRow) => ({
  id: c.id,
  productId: c.product_id,
  costMinor: Number(c.cost_minor),
  effectiveFrom: c.effective_from,
  note: c.note,
  createdAt: c.created_at,
});

/** Basis points of a VAT fraction (0.25 → 2500); the schema allows at most four decimals. */
const basisPoints = (rate: number) => Math.round(rate * 10_000);

async function checkSku(ctx: AppContext, actor: Actor, sku: string, self?: string) {
  const other = await findProductBySku(ctx.store.db, actor.orgId, sku);
  if (other && other.id !== self) throw new AppError('conflict', `Another product already has the SKU ${sku}.`);
}

export async function createProduct(ctx: AppContext, actor: Actor, input: ProductInput) {
  requireManager(actor);
  const sku = input.sku.trim();
  await checkSku(ctx, actor, sku);
  return write(ctx, actor, async (w) => {
    const row: ProductRow = {
      org_id: actor.orgId,
      id: w.id(),
      sku,
      name_sv: input.name.sv.trim(),
      name_en: input.name.en.trim(),
      unit: input.unit?.trim() || DEFAULT_UNIT,
      list_price_minor: input.listPriceMinor,
      currency: input.currency ?? 'SEK',
      vat_rate_bp: input.vatRate === undefined ? DEFAULT_VAT_BP : basisPoints(input.vatRate),
      active: input.active === false ? 0 : 1,
      created_at: w.iso,
      updated_at: w.iso,
    };
    await insertProduct(w.tx, row);
    await w.audit('product.create', 'product', row.id, null, productView(row));
    return productView(row);
  });
}

export async function getProduct(ctx: AppContext, actor: Actor, id: string) {
  const row = await findProduct(ctx.store.db, actor.orgId, id);
  if (!row) throw notFound('product');
  return productView(row);
}

export async function updateProduct(ctx: AppContext, actor: Actor, id: string, patch: Partial<ProductInput>) {
  requireManager(actor);
  const before = await findProduct(ctx.store.db, actor.orgId, id);
  if (!before) throw notFound('product');
  if (patch.sku !== undefined) await checkSku(ctx, actor, patch.sku.trim(), id);
  return write(ctx, actor, async (w) => {
    const set = {
      ...(patch.sku !== undefined && { sku: patch.sku.trim() }),
      ...(patch.name !== undefined && { name_sv: patch.name.sv.trim(), name_en: patch.name.en.trim() }),
      ...(patch.unit !== undefined && { unit: patch.unit.trim() || DEFAULT_UNIT }),
      ...(patch.listPriceMinor !== undefined && { list_price_minor: patch.listPriceMinor }),
      ...(patch.currency !== undefined && { currency: patch.currency }),
      ...(patch.vatRate !== undefined && { vat_rate_bp: basisPoints(patch.vatRate) }),
      ...(patch.active !== undefined && { active: patch.active ? 1 : 0 }),
      updated_at: w.iso,
    };
    await updateProductRow(w.tx, actor.orgId, id, set);
    const after = { ...before, ...set };
    await w.audit('product.update', 'product', id, productView(before), productView(after));
    return productView(after);
  });
}

/** Products by SKU; `q` finds SKUs that start with it. */
export async function listProducts(ctx: AppContext, actor: Actor, q: { q?: string | undefined; active?: boolean | undefined; cursor?: string | undefined; limit: number }) {
  const after = decodeCursor(q.cursor, ['sku'] as const);
  const rows = await listProductRows(ctx.store.db, actor.orgId, { skuPrefix: q.q?.trim() || undefined, active: q.active, after: after?.sku, limit: q.limit + 1 });
  return toPage(rows, q.limit, productView, (r) => ({ sku: r.sku }));
}

/** Records a product's cost from a day on (admins and managers). */
export async function recordProductCost(ctx: AppContext, actor: Actor, productId: string, input: { costMinor: number; effectiveFrom: string; note?: string | null | undefined }) {
  requireManager(actor);
  if (!(await findProduct(ctx.store.db, actor.orgId, productId))) throw notFound('product');
  return write(ctx, actor, async (w) => {
    const row: ProductCostRow = {
      org_id: actor.orgId,
      id: w.id(),
      product_id: productId,
      cost_minor: input.costMinor,
      effective_from: input.effectiveFrom,
      note: input.note?.trim() || null,
      created_at: w.iso,
    };
    await insertProductCost(w.tx, row);
    await w.audit('product.cost', 'product', productId, null, productCostView(row));
    return productCostView(row);
  });
}

export async function productCosts(ctx: AppContext, actor: Actor, productId: string) {
  if (!(await findProduct(ctx.store.db, actor.orgId, productId))) throw notFound('product');
  return { items: (await listProductCosts(ctx.store.db, actor.orgId, productId)).map(productCostView) };
}
