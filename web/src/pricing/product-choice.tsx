/**
 * Which products a demand or discount rule covers: all of them (the default),
 * or the ones ticked. Inactive products are listed only when the rule names
 * them already, so that saving never drops one silently.
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldMessage } from '../accounts/form.tsx';
import { productName } from '../products/format.ts';
import type { Product } from '../products/types.ts';

interface Props {
  products: Product[];
  all: boolean;
  chosen: string[];
  message: FieldMessage | undefined;
  onChange: (all: boolean, chosen: string[]) => void;
}

export function ProductChoice({ products, all, chosen, message, onChange }: Props) {
  const { t } = useTranslation('pricing');
  const id = useId();
  const shown = products.filter((p) => p.active || chosen.includes(p.id));
  const toggle = (pid: string, on: boolean) => onChange(false, on ? [...chosen, pid] : chosen.filter((x) => x !== pid));
  return (
    <fieldset className={`product-choice${message ? ' field-invalid' : ''}`} aria-describedby={message ? `${id}-error` : undefined}>
      <legend>{t('form.products')}</legend>
      <label className="check">
        <input type="checkbox" checked={all} onChange={(e) => onChange(e.target.checked, e.target.checked ? [] : chosen)} aria-invalid={Boolean(message)} />
        {t('allProducts')}
      </label>
      {!all &&
        (shown.length === 0 ? (
          <p className="muted">{t('form.noProducts')}</p>
        ) : (
          <ul className="product-checks">
            {shown.map((p) => (
              <li key={p.id}>
                <label className="check">
                  <input type="checkbox" checked={chosen.includes(p.id)} onChange={(e) => toggle(p.id, e.target.checked)} />
                  <span>
                    {productName(p.name)} <span className="muted sku">{p.sku}</span>
                  </span>
                </label>
              </li>
            ))}
          </ul>
        ))}
      {message && (
        <small id={`${id}-error`} className="field-error">
          {message.text}
        </small>
      )}
    </fieldset>
  );
}
