/**
 * A product's recorded costs, the latest in effect first, each with the
 * margin it leaves on the list price; admins and managers record a new one
 * (amount in kronor, from a day, a note).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormField, FormProblem, useFieldErrors, type FieldMessage } from '../accounts/form.tsx';
import { dateTime } from '../format.ts';
import { ErrorMessage } from '../ui/problem.tsx';
import { parseAmount } from './amount.ts';
import { day, price, today, percent } from './format.ts';
import { costsKey, fetchCosts, recordCost } from './queries.ts';
import type { Product, ProductCost } from './types.ts';

export function ProductCosts({ product, mayWrite }: { product: Product; mayWrite: boolean }) {
  const { t } = useTranslation('products');
  const tc = useTranslation().t;
  const costs = useQuery({ queryKey: costsKey(product.id), queryFn: () => fetchCosts(product.id) });
  const titleId = `costs-title-${product.id}`;
  return (
    <section className="product-costs" aria-labelledby={titleId}>
      <h2 id={titleId} className="form-title">
        {t('cost.title', { sku: product.sku })}
      </h2>
      <p className="muted intro">{t('cost.intro')}</p>
      <div className="costs-grid">
        <div>
          {costs.isPending ? (
            <p className="muted">{tc('loading')}</p>
          ) : costs.isError ? (
            <>
              <ErrorMessage error={costs.error} />
              <button type="button" onClick={() => void costs.refetch()}>
                {tc('retry')}
              </button>
            </>
          ) : costs.data.items.length === 0 ? (
            <p className="empty">{t('cost.none')}</p>
          ) : (
            <CostTable product={product} items={costs.data.items} />
          )}
        </div>
        {mayWrite && <CostForm product={product} />}
      </div>
    </section>
  );
}

function CostTable({ product, items }: { product: Product; items: ProductCost[] }) {
  const { t } = useTranslation('products');
  const now = today();
  // The latest first: the first one from today or before is the one in effect.
  const current = items.find((c) => c.effectiveFrom <= now)?.id;
  return (
    <table className="list costs">
      <caption className="visually-hidden">{t('cost.caption', { sku: product.sku })}</caption>
      <thead>
        <tr>
          <th scope="col">{t('cost.from')}</th>
          <th scope="col" className="num">
            {t('cost.amount')}
          </th>
          <th scope="col" className="num">
            {t('cost.margin')}
          </th>
          <th scope="col">{t('cost.note')}</th>
          <th scope="col">{t('cost.recorded')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((c) => (
          <tr key={c.id} className={c.id === current ? 'current' : undefined}>
            <td className="nowrap">
              {day(c.effectiveFrom)}{' '}
              {c.id === current ? (
                <span className="badge ok">{t('cost.current')}</span>
              ) : c.effectiveFrom > now ? (
                <span className="badge accent">{t('cost.upcoming')}</span>
              ) : null}
            </td>
            <td className="num">{price(c.costMinor, product.currency)}</td>
            <td className="num">{product.listPriceMinor > 0 ? percent((product.listPriceMinor - c.costMinor) / product.listPriceMinor) : '—'}</td>
            <td>{c.note ?? <span className="muted">—</span>}</td>
            <td className="muted nowrap">{dateTime(c.createdAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function CostForm({ product }: { product: Product }) {
  const { t } = useTranslation('products');
  const tc = useTranslation().t;
  const qc = useQueryClient();
  const [amount, setAmount] = useState('');
  const [from, setFrom] = useState(today);
  const [note, setNote] = useState('');
  const [amountProblem, setAmountProblem] = useState<string | null>(null);
  const [said, setSaid] = useState('');
  const save = useMutation({
    mutationFn: (b: { costMinor: number; effectiveFrom: string; note: string | null }) => recordCost(product.id, b),
    onSuccess: async () => {
      setAmount('');
      setNote('');
      setSaid(t('cost.saved'));
      await qc.invalidateQueries({ queryKey: costsKey(product.id) });
    },
  });
  const fe = useFieldErrors(save.error);
  const amountMessage: FieldMessage | undefined = amountProblem ? { text: amountProblem } : fe('costMinor');
  const headingId = `cost-form-${product.id}`;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (save.isPending) return;
    setSaid('');
    const parsed = parseAmount(amount);
    if (!parsed.ok) {
      setAmountProblem(t(`amount.${parsed.problem}`));
      save.reset();
      (e.currentTarget as HTMLFormElement).querySelector<HTMLInputElement>('input')?.focus();
      return;
    }
    setAmountProblem(null);
    save.mutate({ costMinor: parsed.minor, effectiveFrom: from, note: note.trim() || null });
  };

  return (
    <form className="cost-form inset" aria-labelledby={headingId} onSubmit={submit} noValidate>
      <h3 id={headingId}>{t('cost.formTitle')}</h3>
      <FormField label={`${t('cost.amount')} (${product.currency})`} message={amountMessage} hint={t('cost.amountHint', { unit: product.unit })}>
        {(p) => <input {...p} inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} required autoComplete="off" />}
      </FormField>
      <FormField label={t('cost.from')} message={fe('effectiveFrom')} hint={t('cost.fromHint')}>
        {(p) => <input {...p} type="date" value={from} onChange={(e) => setFrom(e.target.value)} required />}
      </FormField>
      <FormField label={t('cost.note')} message={fe('note')} hint={t('cost.noteHint')}>
        {(p) => <input {...p} value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} />}
      </FormField>
      {amountProblem ? (
        <p className="error" role="alert">
          {tc('problem.validation')}
        </p>
      ) : (
        <FormProblem error={save.error} />
      )}
      <div className="actions">
        <button type="submit" className="primary" aria-disabled={save.isPending || undefined}>
          {save.isPending ? t('cost.saving') : t('cost.save')}
        </button>
        <p className="saved" role="status">
          {said}
        </p>
      </div>
    </form>
  );
}
