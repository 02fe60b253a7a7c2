/** Products as the API answers with them (src/app/products.ts): money in minor units, VAT as a fraction. */

export interface Product {
  id: string;
  sku: string;
  name: { sv: string; en: string };
  unit: string;
  listPriceMinor: number;
  currency: string;
  /** 0.25 for 25 % */
  vatRate: number;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface ProductCost {
  id: string;
  productId: string;
  costMinor: number;
  /** the day the cost applies from, YYYY-MM-DD */
  effectiveFrom: string;
  note: string | null;
  createdAt: string;
}

/** What the product form sends, on create and on change alike. */
export interface ProductInput {
  sku: string;
  name: { sv: string; en: string };
  unit: string;
  listPriceMinor: number;
  currency: string;
  vatRate: number;
}

/** The Swedish VAT rates (25, 12, 6 and 0 %), as the API takes them. */
export const VAT_RATES = [0.25, 0.12, 0.06, 0] as const;
export const CURRENCIES = ['SEK', 'EUR', 'USD', 'NOK', 'DKK'] as const;

export type StatusFilter = 'all' | 'active' | 'inactive';
export const STATUS_FILTERS: StatusFilter[] = ['all', 'active', 'inactive'];
export const isStatusFilter = (v: string | null): v is StatusFilter => v === 'all' || v === 'active' || v === 'inactive';
