/**
 * Adding or changing a product (admins and managers): SKU, names in sv and
 * en, unit, list price in kronor (sent as öre), currency and VAT rate. A price
 * that is not an amount is said at its field before anything is sent; the
 * server's field errors are said at theirs, and a SKU already taken at the SKU.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.ts';
import { FormField, FormProblem, useFieldErrors, type ConflictRule, type FieldMessage } from '../accounts/form.tsx';
import { amountInput, parseAmount } from './amount.ts';
import { percent } from './format.ts';
import { createProduct, refreshLists, updateProduct } from './queries.ts';
import { CURRENCIES, VAT_RATES, type Product, type ProductInput } from './types.ts';

/** The only 409 these calls give is a SKU taken ("…the SKU X." / "…artikelnumret X."): it belongs at the SKU field. */
const SKU_TAKEN: ConflictRule[] = [{ match: /SKU|artikelnumret/i, field: 'sku', key: 'skuTaken' }];

interface Values {
  sku: string;
  nameSv: string;
  nameEn: string;
  unit: string;
  price: string;
  currency: string;
  vat: string;
}

const toValues = (p: Product | undefined, lang: string): Values =>
  p
    ? { sku: p.sku, nameSv: p.name.sv, nameEn: p.name.en, unit: p.unit, price: amountInput(p.listPriceMinor, lang), currency: p.currency, vat: String(p.vatRate) }
    : { sku: '', nameSv: '', nameEn: '', unit: 'st', price: '', currency: 'SEK', vat: '0.25' };

/** The listed choices, and the product's own value when it is not one of them (set through the API). */
const withOwn = <T extends string | number>(list: readonly T[], own: T | undefined): T[] => (own === undefined || list.includes(own) ? [...list] : [...list, own]);

interface Props {
  product?: Product;
  headingId: string;
  onSaved: (p: Product) => void;
  onCancel: () => void;
}

export function ProductForm({ product, headingId, onSaved, onCancel }: Props) {
  const { t, i18n } = useTranslation('products');
  const tc = useTranslation().t;
  const qc = useQueryClient();
  const [v, setV] = useState<Values>(() => toValues(product, i18n.language));
  const [priceProblem, setPriceProblem] = useState<string | null>(null);
  const [sentSku, setSentSku] = useState('');
  const form = useRef<HTMLFormElement>(null);

  const save = useMutation({
    mutationFn: (body: ProductInput) => (product ? updateProduct(product.id, body) : createProduct(body)),
    onSuccess: async (saved) => {
      await refreshLists(qc);
      onSaved(saved);
    },
  });
  const fe = useFieldErrors(save.error);
  const skuTaken = save.error instanceof ApiError && save.error.code === 'conflict';
  const msg = (path: string): FieldMessage | undefined => fe(path);
  const skuMessage: FieldMessage | undefined = skuTaken ? { text: t('form.skuTaken', { sku: sentSku }) } : msg('sku');
  const priceMessage: FieldMessage | undefined = priceProblem ? { text: priceProblem } : msg('listPriceMinor');

  // The form opens at its first field; after a refused save, focus goes to the first field that says why.
  useEffect(() => {
    form.current?.querySelector<HTMLInputElement>('input')?.focus();
  }, []);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (attempt > 0) form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [attempt, save.error, priceProblem]);

  const set = (k: keyof Values) => (e: { target: { value: string } }) => setV((old) => ({ ...old, [k]: e.target.value }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (save.isPending) return;
    const amount = parseAmount(v.price);
    setAttempt((n) => n + 1);
    if (!amount.ok) {
      setPriceProblem(t(`amount.${amount.problem}`));
      save.reset();
      return;
    }
    setPriceProblem(null);
    setSentSku(v.sku.trim());
    save.mutate({
      sku: v.sku,
      name: { sv: v.nameSv, en: v.nameEn },
      unit: v.unit,
      listPriceMinor: amount.minor,
      currency: v.currency,
      vatRate: Number(v.vat),
    });
  };

  return (
    <form ref={form} className="product-form" aria-labelledby={headingId} onSubmit={submit} noValidate>
      <h2 id={headingId} className="form-title">
        {product ? t('form.editTitle', { sku: product.sku }) : t('form.newTitle')}
      </h2>
      <div className="row">
        <FormField label={t('form.sku')} message={skuMessage} hint={t('form.skuHint')} className="field-sku">
          {(p) => <input {...p} value={v.sku} onChange={set('sku')} maxLength={64} required autoComplete="off" spellCheck={false} />}
        </FormField>
        <FormField label={t('form.nameSv')} message={msg('name.sv')}>
          {(p) => <input {...p} lang="sv" value={v.nameSv} onChange={set('nameSv')} maxLength={200} required />}
        </FormField>
        <FormField label={t('form.nameEn')} message={msg('name.en')}>
          {(p) => <input {...p} lang="en" value={v.nameEn} onChange={set('nameEn')} maxLength={200} required />}
        </FormField>
      </div>
      <div className="row">
        <FormField label={t('form.price')} message={priceMessage} hint={t('form.priceHint')} className="field-price">
          {(p) => <input {...p} inputMode="decimal" value={v.price} onChange={set('price')} required autoComplete="off" />}
        </FormField>
        <FormField label={t('form.currency')} message={msg('currency')} className="field-small">
          {(p) => (
            <select {...p} value={v.currency} onChange={set('currency')}>
              {withOwn(CURRENCIES, product?.currency).map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField label={t('form.unit')} message={msg('unit')} hint={t('form.unitHint')} className="field-small">
          {(p) => <input {...p} value={v.unit} onChange={set('unit')} maxLength={20} />}
        </FormField>
        <FormField label={t('form.vat')} message={msg('vatRate')} className="field-small">
          {(p) => (
            <select {...p} value={v.vat} onChange={set('vat')}>
              {withOwn(VAT_RATES, product?.vatRate).map((r) => (
                <option key={r} value={String(r)}>
                  {percent(r)}
                </option>
              ))}
            </select>
          )}
        </FormField>
      </div>
      {priceProblem ? (
        <p className="error" role="alert">
          {tc('problem.validation')}
        </p>
      ) : (
        <FormProblem error={save.error} conflicts={SKU_TAKEN} />
      )}
      <div className="actions">
        <button type="submit" className="primary" aria-disabled={save.isPending || undefined}>
          {product ? (save.isPending ? t('form.saving') : t('form.save')) : save.isPending ? t('form.adding') : t('form.add')}
        </button>
        <button type="button" onClick={onCancel}>
          {tc('cancel')}
        </button>
      </div>
    </form>
  );
}
