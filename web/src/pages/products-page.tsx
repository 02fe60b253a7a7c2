/**
 * Products (issue 6): the org's price list by SKU, searched by SKU prefix and
 * narrowed to active or inactive ones, page by page. Admins and managers add
 * and change products and make them inactive or active again; everyone sees
 * each product's recorded costs, and admins and managers record new ones.
 */
import { keepPreviousData, useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useReturnFocus } from '../accounts/form.tsx';
import { useMe } from '../auth.tsx';
import { percent, price, productName } from '../products/format.ts';
import { ProductCosts } from '../products/product-costs.tsx';
import { ProductForm } from '../products/product-form.tsx';
import '../products/products.css';
import { fetchProducts, listKey, refreshLists, updateProduct } from '../products/queries.ts';
import { isStatusFilter, STATUS_FILTERS, type Product } from '../products/types.ts';
import { ErrorMessage } from '../ui/problem.tsx';
import { useUrlSearch } from '../ui/url-search.ts';

const COLUMNS = 7;

type Open = { id: string; what: 'edit' | 'costs' } | null;

export function ProductsPage() {
  const { t } = useTranslation('products');
  const tc = useTranslation().t;
  const me = useMe();
  const role = me.data?.user.role;
  const mayWrite = role === 'admin' || role === 'manager';
  const { q, text, setText, params, setFilter } = useUrlSearch();
  const statusParam = params.get('status');
  const status = isStatusFilter(statusParam) ? statusParam : 'all';
  const [adding, setAdding] = useState(false);
  const [open, setOpen] = useState<Open>(null);
  const [said, setSaid] = useState('');
  const newHeading = useId();
  const newButton = useReturnFocus<HTMLButtonElement>();
  const back = useReturnFocus<HTMLElement>();

  const chooseStatus = (value: string) => setFilter('status', value, 'all');

  const list = useInfiniteQuery({
    queryKey: listKey(q, status),
    queryFn: ({ pageParam }) => fetchProducts(q, status, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
  const products = list.data?.pages.flatMap((p) => p.items) ?? [];

  const closeNew = () => {
    setAdding(false);
    newButton.later();
  };
  /** Opens or closes a product's panel; closing gives focus back to the button that opened it. */
  const toggle = (id: string, what: 'edit' | 'costs') => {
    setSaid('');
    setOpen((o) => (o?.id === id && o.what === what ? null : { id, what }));
  };
  const closePanel = (o: NonNullable<Open>) => {
    setOpen(null);
    back.later(`[data-focus="${o.what}-${o.id}"]`);
  };
  const onPanelKey = (e: KeyboardEvent, o: NonNullable<Open>) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      closePanel(o);
    }
  };

  /**
   * Made (in)active: said at the top. Under a filter the row leaves the list,
   * and its button with it: focus goes to the filter that took it away.
   */
  const flipped = (text: string) => {
    setSaid(text);
    if (status !== 'all') document.getElementById('product-status')?.focus();
  };

  return (
    <section className="page products-page" aria-labelledby="products-title">
      <div className="page-head">
        <div>
          <h1 id="products-title">{t('title')}</h1>
          <p className="muted intro">{t('intro')}</p>
        </div>
        {mayWrite && (
          <button
            ref={newButton.ref}
            type="button"
            className="primary"
            aria-expanded={adding}
            onClick={() => {
              setSaid('');
              setAdding((a) => !a);
            }}
          >
            {t('newProduct')}
          </button>
        )}
      </div>

      {adding && (
        <div className="card section new-product" onKeyDown={(e) => e.key === 'Escape' && closeNew()}>
          <ProductForm
            headingId={newHeading}
            onSaved={(p) => {
              setSaid(t('added', { sku: p.sku }));
              closeNew();
            }}
            onCancel={closeNew}
          />
        </div>
      )}

      <p className="said" role="status">
        {said}
      </p>

      <div className="card products-list">
        <form className="search" role="search" onSubmit={(e) => e.preventDefault()}>
          <div className="search-text">
            <label htmlFor="product-search">{t('search.label')}</label>
            <input
              id="product-search"
              type="search"
              value={text}
              onChange={(e) => setText(e.target.value)}
              placeholder={t('search.placeholder')}
              autoComplete="off"
              spellCheck={false}
              aria-describedby="product-search-hint"
            />
            <small id="product-search-hint" className="hint">
              {t('search.hint')}
            </small>
          </div>
          <div className="search-status">
            <label htmlFor="product-status">{t('search.status')}</label>
            <select id="product-status" value={status} onChange={(e) => chooseStatus(e.target.value)}>
              {STATUS_FILTERS.map((s) => (
                <option key={s} value={s}>
                  {t(`status.${s}`)}
                </option>
              ))}
            </select>
          </div>
          {!mayWrite && me.data && <p className="read-only muted">{t('onlyRead')}</p>}
        </form>

        <p className="visually-hidden" role="status">
          {list.isSuccess && !list.isPlaceholderData && (q || status !== 'all') ? t('search.found', { count: products.length }) : ''}
        </p>

        {list.isPending ? (
          <p className="muted">{tc('loading')}</p>
        ) : list.isError ? (
          <>
            <ErrorMessage error={list.error} />
            <button type="button" onClick={() => void list.refetch()}>
              {tc('retry')}
            </button>
          </>
        ) : products.length === 0 ? (
          <p className="empty">{q ? t('search.none', { q }) : status !== 'all' ? t('search.noneStatus') : mayWrite ? t('emptyManager') : t('empty')}</p>
        ) : (
          <table className="list products" aria-busy={list.isFetching}>
            <caption className="visually-hidden">{t('listCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('column.sku')}</th>
                <th scope="col">{t('column.name')}</th>
                <th scope="col">{t('column.unit')}</th>
                <th scope="col" className="num">
                  {t('column.price')}
                </th>
                <th scope="col" className="num">
                  {t('column.vat')}
                </th>
                <th scope="col">{t('column.status')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('column.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {products.map((p) => {
                const panel = open?.id === p.id ? open : null;
                return (
                  <ProductRows key={p.id} product={p} panel={panel} mayWrite={mayWrite} onToggle={toggle} onFlipped={flipped}>
                    {panel && (
                      <tr className="detail" id={`product-panel-${p.id}`} onKeyDown={(e) => onPanelKey(e, panel)}>
                        <td colSpan={COLUMNS}>
                          {panel.what === 'edit' ? (
                            <ProductForm
                              product={p}
                              headingId={`edit-title-${p.id}`}
                              onSaved={(saved) => {
                                setSaid(t('saved', { sku: saved.sku }));
                                closePanel(panel);
                              }}
                              onCancel={() => closePanel(panel)}
                            />
                          ) : (
                            <ProductCosts product={p} mayWrite={mayWrite} />
                          )}
                        </td>
                      </tr>
                    )}
                  </ProductRows>
                );
              })}
            </tbody>
          </table>
        )}

        {list.hasNextPage && (
          <div className="more">
            <button type="button" onClick={() => void list.fetchNextPage()} aria-disabled={list.isFetchingNextPage || undefined}>
              {list.isFetchingNextPage ? tc('loading') : tc('loadMore')}
            </button>
          </div>
        )}
      </div>
    </section>
  );
}

interface RowProps {
  product: Product;
  panel: Open;
  mayWrite: boolean;
  onToggle: (id: string, what: 'edit' | 'costs') => void;
  onFlipped: (text: string) => void;
  children: ReactNode;
}

/** One product's row, and under it the panel that is open for it (its form or its costs). */
function ProductRows({ product: p, panel, mayWrite, onToggle, onFlipped, children }: RowProps) {
  const { t } = useTranslation('products');
  const qc = useQueryClient();
  const flip = useMutation({
    mutationFn: () => updateProduct(p.id, { active: !p.active }),
    onSuccess: async (saved) => {
      await refreshLists(qc);
      onFlipped(t(saved.active ? 'activated' : 'deactivated', { sku: saved.sku }));
    },
  });
  const hidden = <span className="visually-hidden"> {p.sku}</span>;
  const disclosure = (what: 'edit' | 'costs') => ({
    'data-focus': `${what}-${p.id}`,
    'aria-expanded': panel?.what === what,
    'aria-controls': panel?.what === what ? `product-panel-${p.id}` : undefined,
    onClick: () => onToggle(p.id, what),
  });
  return (
    <>
      <tr className={`${p.active ? '' : 'inactive'}${panel ? ' expanded' : ''}`.trim() || undefined}>
        <th scope="row" className="sku">
          {p.sku}
        </th>
        <td className="name">{productName(p.name)}</td>
        <td>{p.unit}</td>
        <td className="num">{price(p.listPriceMinor, p.currency)}</td>
        <td className="num">{percent(p.vatRate)}</td>
        <td>{p.active ? <span className="badge ok">{t('active')}</span> : <span className="badge">{t('inactive')}</span>}</td>
        <td className="row-actions">
          <button type="button" className="small" {...disclosure('costs')}>
            {t('costs')}
            {hidden}
          </button>
          {mayWrite && (
            <>
              <button type="button" className="small" {...disclosure('edit')}>
                {t('edit')}
                {hidden}
              </button>
              <button type="button" className="small" aria-disabled={flip.isPending || undefined} onClick={() => !flip.isPending && flip.mutate()}>
                {p.active ? t('deactivate') : t('activate')}
                {hidden}
              </button>
            </>
          )}
          {flip.error != null && <ErrorMessage error={flip.error} />}
        </td>
      </tr>
      {children}
    </>
  );
}
