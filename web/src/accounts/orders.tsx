/**
 * What an account has bought: its orders (entered here or imported), the
 * total over those shown, adding one, changing one in place, and deleting one
 * (admins and managers: it changes the account's history). Each of these may
 * move the account's loyalty tier, so the tier and the loyalty panel refresh.
 */
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { ConfirmInline } from '../ui/confirm-inline.tsx';
import { useTranslation } from 'react-i18next';
import { del, get, patch, post, qs } from '../api/client.ts';
import type { Order, Page } from '../api/types.ts';
import { useMe } from '../auth.tsx';
import { date, money } from '../format.ts';
import { refreshTiers } from '../loyalty/queries.ts';
import { ErrorMessage } from '../ui/problem.tsx';
import { FormField, FormProblem, useFieldErrors, useReturnFocus, type ConflictRule } from './form.tsx';

export const CURRENCIES = ['SEK', 'EUR', 'USD', 'NOK', 'DKK'] as const;

/** The server says it in the user's language: "…the order number X." / "…ordernumret X." */
const CONFLICTS: ConflictRule[] = [{ match: /order number|ordernumret/i, field: 'externalId', key: 'orderNumberTaken' }];

/**
 * An amount as a person types it (`1 234,50`, `1234.50`, `1,234.50`, `-500 kr`, `100:-`)
 * to minor units. Digits are joined as text, never multiplied as a float, so
 * `1234,50` is 123450 exactly. Null when empty, NaN when it is not an amount.
 */
export function amountToMinor(input: string): number | null {
  let v = input.replace(/[\s\u00a0\u202f']/g, '');
  if (v === '') return null;
  v = v.replace(/^(?:[a-z]{3}|[€$£])/i, '').replace(/(?:[a-z]{2,3}|[€$£]|:-)$/i, '');
  const negative = /^[-\u2212\u2013]/.test(v);
  if (negative) v = v.slice(1);
  // Either plain digits or groups of three; then at most two decimals after the other mark.
  const m = /^(\d+|\d{1,3}(?:([.,])\d{3})+)(?:([.,])(\d{1,2}))?$/.exec(v);
  if (!m || (m[2] && m[2] === m[3])) return Number.NaN;
  const digits = `${m[1]!.replace(/[.,]/g, '')}${(m[4] ?? '').padEnd(2, '0')}`.replace(/^0+(?=\d)/, '');
  if (digits.length > 15) return Number.NaN;
  const minor = Number(digits);
  return negative && minor !== 0 ? -minor : minor;
}

/** Minor units back to what a person would type: 123450 → `1234,50` (sv) or `1234.50` (en). */
export function minorToAmount(minor: number, lang: string): string {
  const s = String(Math.abs(minor)).padStart(3, '0');
  const cents = s.slice(-2);
  return `${minor < 0 ? '-' : ''}${s.slice(0, -2)}${cents === '00' ? '' : `${lang === 'en' ? '.' : ','}${cents}`}`;
}

/** A quantity as typed (`2`, `2,5`); NaN unless it is a number. */
function parseQuantity(input: string): number {
  const v = input.replace(/\s/g, '').replace(',', '.');
  return /^\d+(?:\.\d+)?$/.test(v) ? Number(v) : Number.NaN;
}

const pad = (n: number) => String(n).padStart(2, '0');
/** A day in the browser's time zone as YYYY-MM-DD (what a date input holds). */
const localDay = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
/** An order's date for the date input: a date stays as it is, a time becomes its local day. */
const inputDay = (orderedAt: string) => (orderedAt.length === 10 ? orderedAt : localDay(new Date(orderedAt)));

const dayFormats = new Map<string, Intl.DateTimeFormat>();
/**
 * An order's date in the user's language. A bare date is a calendar day, not
 * midnight UTC: read as an instant it would show the day before west of Greenwich.
 */
function orderDate(orderedAt: string, lang: string): string {
  if (orderedAt.length !== 10) return date(orderedAt);
  const locale = lang === 'en' ? 'en-GB' : 'sv-SE';
  let f = dayFormats.get(locale);
  if (!f) dayFormats.set(locale, (f = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' })));
  return f.format(new Date(`${orderedAt}T00:00:00Z`));
}

function quantity(q: number, lang: string): string {
  return new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'sv-SE', { maximumFractionDigits: 3 }).format(q);
}

/** The sum per currency, the familiar ones first; integers, so exact. */
function totals(items: Order[]): [string, number][] {
  const sums = new Map<string, number>();
  for (const o of items) sums.set(o.currency, (sums.get(o.currency) ?? 0) + o.amountMinor);
  const rank = (c: string) => {
    const i = (CURRENCIES as readonly string[]).indexOf(c);
    return i < 0 ? CURRENCIES.length : i;
  };
  return [...sums].sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b));
}

export function OrdersSection({ accountId }: { accountId: string }) {
  const { t, i18n } = useTranslation('accounts');
  const tc = useTranslation().t;
  const qc = useQueryClient();
  const me = useMe();
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [said, setSaid] = useState('');
  const addButton = useReturnFocus<HTMLButtonElement>();
  const orders = useInfiniteQuery({
    queryKey: ['orders', accountId],
    queryFn: ({ pageParam }) => get<Page<Order>>(`/orders${qs({ accountId, cursor: pageParam, limit: 20 })}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = orders.data?.pages.flatMap((p) => p.items) ?? [];
  const role = me.data?.user.role;
  const mayDelete = role === 'admin' || role === 'manager';
  const lang = i18n.language;
  const what = (o: Order) => `${orderDate(o.orderedAt, lang)}, ${money(o.amountMinor, o.currency)}`;

  const remove = useMutation({
    mutationFn: (o: Order) => del(`/orders/${o.id}`),
    onSuccess: async (_, o) => {
      // Focus goes to the row that takes the deleted one's place, else to "Add".
      const i = items.findIndex((x) => x.id === o.id);
      const next = items[i + 1] ?? items[i - 1];
      // Asked now, given at the commit that closes the question (the row itself goes at the refetch).
      addButton.later(next ? `[data-order-edit="${next.id}"]` : undefined);
      setConfirming(null);
      setSaid(t('orders.deleted'));
      void refreshTiers(qc, accountId);
      await qc.invalidateQueries({ queryKey: ['orders', accountId] });
    },
  });

  return (
    <section className="card section orders" aria-labelledby="orders-title">
      <div className="section-head">
        <h2 id="orders-title">{t('orders.title')}</h2>
        <button
          ref={addButton.ref}
          type="button"
          aria-expanded={adding}
          onClick={() => {
            setAdding((a) => !a);
            setSaid('');
          }}
        >
          {t('orders.add')}
        </button>
      </div>
      <p className="visually-hidden" role="status">
        {said}
      </p>
      {adding && (
        <OrderForm
          accountId={accountId}
          onDone={(saved) => {
            setAdding(false);
            if (saved) setSaid(t('orders.added'));
            addButton.later();
          }}
        />
      )}
      {orders.isPending ? (
        <p className="muted">{tc('loading')}</p>
      ) : orders.isError ? (
        <ErrorMessage error={orders.error} />
      ) : items.length === 0 ? (
        <p className="empty">{t('orders.empty')}</p>
      ) : (
        <>
          <ErrorMessage error={remove.error} />
          <div className="orders-table">
            <table className="list">
              <caption className="visually-hidden">{t('orders.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('orders.column.date')}</th>
                  <th scope="col">{t('orders.column.product')}</th>
                  <th scope="col" className="num">
                    {t('orders.column.quantity')}
                  </th>
                  <th scope="col" className="num">
                    {t('orders.column.amount')}
                  </th>
                  <th scope="col">{t('orders.column.externalId')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('orders.column.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {items.map((o) =>
                  editing === o.id ? (
                    <tr key={o.id} className="editing">
                      <td colSpan={6}>
                        <OrderForm
                          accountId={accountId}
                          order={o}
                          onDone={(saved) => {
                            setEditing(null);
                            if (saved) setSaid(t('orders.saved'));
                            addButton.later(`[data-order-edit="${o.id}"]`);
                          }}
                        />
                      </td>
                    </tr>
                  ) : (
                    <tr key={o.id} className={o.amountMinor < 0 ? 'refund' : undefined}>
                      <th scope="row">
                        <time dateTime={o.orderedAt}>{orderDate(o.orderedAt, lang)}</time>
                      </th>
                      <td className="product">{o.product ?? <span className="muted">—</span>}</td>
                      <td className="num">{quantity(o.quantity, lang)}</td>
                      <td className="num amount">{money(o.amountMinor, o.currency)}</td>
                      <td className="number">
                        <span className="number-cell">
                          {o.externalId ? <span className="mono">{o.externalId}</span> : <span className="muted">—</span>}
                          {o.imported && <span className="badge imported">{t('orders.imported')}</span>}
                        </span>
                      </td>
                      <td className="row-actions">
                        {confirming === o.id ? (
                          <ConfirmInline
                            label={t('orders.confirmLabel', { what: what(o) })}
                            question={t('orders.confirm')}
                            yes={t('orders.confirmYes')}
                            pending={remove.isPending}
                            onYes={() => remove.mutate(o)}
                            onNo={() => {
                              setConfirming(null);
                              addButton.later(`[data-order-delete="${o.id}"]`);
                            }}
                          />
                        ) : (
                          <>
                            <button
                              type="button"
                              className="link small"
                              data-order-edit={o.id}
                              aria-label={t('orders.editLabel', { what: what(o) })}
                              onClick={() => {
                                setEditing(o.id);
                                setSaid('');
                              }}
                            >
                              {tc('edit')}
                            </button>
                            {mayDelete && (
                              <button
                                type="button"
                                className="small danger"
                                data-order-delete={o.id}
                                aria-label={t('orders.deleteLabel', { what: what(o) })}
                                onClick={() => {
                                  remove.reset();
                                  setConfirming(o.id);
                                }}
                              >
                                {t('orders.delete')}
                              </button>
                            )}
                          </>
                        )}
                      </td>
                    </tr>
                  ),
                )}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row" colSpan={3}>
                    {orders.hasNextPage ? t('orders.totalShown', { count: items.length }) : t('orders.total')}
                  </th>
                  <td className="num amount total">
                    {totals(items).map(([currency, sum]) => (
                      <span key={currency} data-currency={currency}>
                        {money(sum, currency)}
                      </span>
                    ))}
                  </td>
                  <td colSpan={2} />
                </tr>
              </tfoot>
            </table>
          </div>
        </>
      )}
      {orders.hasNextPage && (
        <button type="button" className="more-orders" onClick={() => void orders.fetchNextPage()} disabled={orders.isFetchingNextPage}>
          {orders.isFetchingNextPage ? tc('loading') : tc('loadMore')}
        </button>
      )}
    </section>
  );
}

interface Values {
  orderedAt: string;
  product: string;
  quantity: string;
  amount: string;
  currency: string;
  externalId: string;
}

type LocalErrors = Partial<Record<'amount' | 'quantity', string>>;

function OrderForm({ accountId, order, onDone }: { accountId: string; order?: Order; onDone: (saved: boolean) => void }) {
  const { t, i18n } = useTranslation('accounts');
  const tc = useTranslation().t;
  const qc = useQueryClient();
  const headingId = useId();
  const [v, setV] = useState<Values>(() => ({
    orderedAt: order ? inputDay(order.orderedAt) : localDay(new Date()),
    product: order?.product ?? '',
    quantity: order ? String(order.quantity).replace('.', i18n.language === 'en' ? '.' : ',') : '1',
    amount: order ? minorToAmount(order.amountMinor, i18n.language) : '',
    currency: order?.currency ?? 'SEK',
    externalId: order?.externalId ?? '',
  }));
  const [local, setLocal] = useState<LocalErrors>({});
  const set = (p: Partial<Values>) => setV((old) => ({ ...old, ...p }));
  const save = useMutation({
    mutationFn: (b: { amountMinor: number; quantity: number }) => {
      const fields = {
        product: v.product.trim() || null,
        quantity: b.quantity,
        amountMinor: b.amountMinor,
        currency: v.currency,
        externalId: v.externalId.trim() || null,
      };
      if (!order) return post<Order>('/orders', { accountId, orderedAt: v.orderedAt, ...fields });
      // An imported order may carry a time; it keeps it unless the day is changed.
      const day = v.orderedAt !== inputDay(order.orderedAt) ? { orderedAt: v.orderedAt } : {};
      return patch<Order>(`/orders/${order.id}`, { ...day, ...fields });
    },
    onSuccess: async () => {
      void refreshTiers(qc, accountId);
      await qc.invalidateQueries({ queryKey: ['orders', accountId] });
      onDone(true);
    },
  });
  const fe = useFieldErrors(save.error, CONFLICTS);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const amountMinor = amountToMinor(v.amount);
    const qty = parseQuantity(v.quantity);
    const errors: LocalErrors = {
      ...(amountMinor === null && { amount: t('orders.amountMissing') }),
      ...(Number.isNaN(amountMinor) && { amount: t('orders.amountError') }),
      ...(Number.isNaN(qty) && { quantity: t('orders.quantityError') }),
    };
    setLocal(errors);
    if (errors.amount || errors.quantity || amountMinor === null) {
      save.reset();
      return;
    }
    save.mutate({ amountMinor, quantity: qty });
  };
  const msg = (field: keyof LocalErrors, server: string) => (local[field] ? { text: local[field] } : fe(server));
  const currencies: readonly string[] = CURRENCIES.includes(v.currency as (typeof CURRENCIES)[number]) ? CURRENCIES : [...CURRENCIES, v.currency];
  const hasLocal = Boolean(local.amount || local.quantity);

  return (
    <form className="order-form" onSubmit={submit} aria-labelledby={headingId} noValidate>
      <h3 id={headingId}>{order ? t('orders.editTitle', { date: orderDate(order.orderedAt, i18n.language) }) : t('orders.newTitle')}</h3>
      <div className="row">
        <FormField label={t('orders.date')} message={fe('orderedAt')} className="field-date">
          {(p) => <input {...p} type="date" required value={v.orderedAt} onChange={(e) => set({ orderedAt: e.target.value })} />}
        </FormField>
        <FormField label={t('orders.externalId')} message={fe('externalId')} hint={t('orders.externalIdHint')}>
          {(p) => <input {...p} maxLength={100} autoComplete="off" value={v.externalId} onChange={(e) => set({ externalId: e.target.value })} />}
        </FormField>
      </div>
      <FormField label={t('orders.product')} message={fe('product')} hint={t('orders.productHint')}>
        {(p) => <input {...p} maxLength={200} autoComplete="off" value={v.product} onChange={(e) => set({ product: e.target.value })} />}
      </FormField>
      <div className="row">
        <FormField label={t('orders.quantity')} message={msg('quantity', 'quantity')} className="field-narrow">
          {(p) => <input {...p} inputMode="decimal" required autoComplete="off" value={v.quantity} onChange={(e) => set({ quantity: e.target.value })} />}
        </FormField>
        <FormField label={t('orders.amount')} message={msg('amount', 'amountMinor')} hint={t('orders.amountHint')}>
          {(p) => <input {...p} inputMode="decimal" required autoComplete="off" value={v.amount} onChange={(e) => set({ amount: e.target.value })} />}
        </FormField>
        <FormField label={t('orders.currency')} message={fe('currency')} className="field-narrow">
          {(p) => (
            <select {...p} value={v.currency} onChange={(e) => set({ currency: e.target.value })}>
              {currencies.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          )}
        </FormField>
      </div>
      {hasLocal ? (
        <p className="error" role="alert">
          {tc('problem.validation')}
        </p>
      ) : (
        <FormProblem error={save.error} conflicts={CONFLICTS} />
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={save.isPending}>
          {order ? tc('save') : t('orders.submit')}
        </button>
        <button type="button" onClick={() => onDone(false)}>
          {tc('cancel')}
        </button>
      </div>
    </form>
  );
}
