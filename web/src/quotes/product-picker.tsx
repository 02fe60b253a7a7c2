/** Finds active products by SKU and adds them to a quote being built. */
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Named } from '../journey/named.tsx';
import type { Product } from '../products/types.ts';
import { ErrorMessage } from '../ui/problem.tsx';
import { useProductSearch } from './api.ts';
import { nameOf, quoteMoney } from './format.ts';

export function ProductPicker({ onPick, chosen, autoFocus = false }: { onPick: (p: Product) => void; chosen: ReadonlySet<string>; autoFocus?: boolean }) {
  const { t } = useTranslation('quotes');
  const [q, setQ] = useState('');
  const found = useProductSearch(q);
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const items = found.data?.items ?? [];
  return (
    <div className="product-picker">
      <div className="field">
        <label htmlFor={id}>{t('builder.search')}</label>
        <input
          ref={input}
          id={id}
          autoFocus={autoFocus}
          type="search"
          value={q}
          placeholder={t('builder.searchPlaceholder')}
          aria-describedby={`${id}-hint ${id}-count`}
          autoComplete="off"
          onChange={(e) => setQ(e.target.value)}
        />
        <small id={`${id}-hint`} className="hint">
          {t('builder.searchHint')}
        </small>
      </div>
      <p id={`${id}-count`} className="visually-hidden" role="status">
        {found.data ? t('builder.found', { count: items.length }) : ''}
      </p>
      <ErrorMessage error={found.error} />
      {found.data && items.length === 0 && <p className="muted">{q.trim() ? t('builder.noneFound', { q: q.trim() }) : t('builder.noProducts')}</p>}
      <ul className="product-results" aria-label={t('builder.results')}>
        {items.map((p) => (
          <li key={p.id}>
            <button
              type="button"
              className="small"
              onClick={() => {
                onPick(p);
                input.current?.focus();
              }}
            >
              <span aria-hidden="true">+</span>
              <Named text={chosen.has(p.id) ? t('builder.addOneMore') : t('builder.add')} detail={`${p.sku} ${nameOf(p.name)}`} />
            </button>
            <span className="product-result-name">
              <strong>{nameOf(p.name)}</strong> <span className="muted sku">{p.sku}</span>
            </span>
            <span className="product-result-price">{t('builder.listPer', { price: quoteMoney(p.listPriceMinor, p.currency), unit: p.unit })}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
