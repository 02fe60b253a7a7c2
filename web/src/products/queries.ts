/** The products API's reads and writes, and what they refresh. */
import type { QueryClient } from '@tanstack/react-query';
import { get, patch, post, qs } from '../api/client.ts';
import type { Page } from '../api/types.ts';
import type { Product, ProductCost, ProductInput, StatusFilter } from './types.ts';

export const PAGE_SIZE = 25;

export const listKey = (q: string, status: StatusFilter) => ['products', 'list', { q, status }] as const;
export const costsKey = (id: string) => ['products', 'costs', id] as const;

export const fetchProducts = (q: string, status: StatusFilter, cursor: string | undefined) =>
  get<Page<Product>>(`/products${qs({ q, active: status === 'all' ? undefined : String(status === 'active'), cursor, limit: PAGE_SIZE })}`);

export const fetchCosts = (id: string) => get<{ items: ProductCost[] }>(`/products/${encodeURIComponent(id)}/costs`);

export const createProduct = (body: ProductInput) => post<Product>('/products', body);
export const updateProduct = (id: string, body: Partial<ProductInput> & { active?: boolean }) => patch<Product>(`/products/${encodeURIComponent(id)}`, body);
export const recordCost = (id: string, body: { costMinor: number; effectiveFrom: string; note: string | null }) =>
  post<ProductCost>(`/products/${encodeURIComponent(id)}/costs`, body);

/** A product changed: every list that may show it is read again (a filter may now keep or drop it). */
export const refreshLists = (qc: QueryClient) => qc.invalidateQueries({ queryKey: ['products', 'list'] });
