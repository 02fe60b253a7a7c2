/**
 * Adding or changing a price rule (admins and managers), one form per kind:
 * demand (a window, absolute or weekly, and a multiplier), cost (a recorded
 * increase of one product passed on, from a moment) or discount (a percentage,
 * by tier or by quantity). Numbers are read in either decimal mark; what is
 * not a number is said at its field before anything is sent, and the server's
 * field errors are said at theirs (an end before the start at the end).
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormField, FormProblem, useFieldErrors, type FieldMessage } from '../accounts/form.tsx';
import { TIERS, type Tier } from '../api/types.ts';
import { TierBadge } from '../loyalty/tier-badge.tsx';
import { amountInput, parseAmount } from '../products/amount.ts';
import { productName } from '../products/format.ts';
import type { Product } from '../products/types.ts';
import { localInput, numberInput, readNumber } from './format.ts';
import { ProductChoice } from './product-choice.tsx';
import { createRule, refreshPricing, replaceRule } from './queries.ts';
import type { PriceRule, RuleInput, RuleKind } from './types.ts';

interface Values {
  reasonSv: string;
  reasonEn: string;
  active: boolean;
  windowType: 'absolute' | 'weekly';
  from: string;
  to: string;
  weekday: string;
  start: string;
  end: string;
  multiplier: string;
  allProducts: boolean;
  productIds: string[];
  productId: string;
  costFrom: string;
  costTo: string;
  increaseBy: 'amount' | 'percent';
  amount: string;
  increasePercent: string;
  percent: string;
  by: 'tier' | 'quantity';
  tiers: Tier[];
  minQuantity: string;
}

function toValues(kind: RuleKind, r: PriceRule | undefined, products: Product[], timeZone: string, lang: string): Values {
  const v: Values = {
    reasonSv: r?.reason.sv ?? '',
    reasonEn: r?.reason.en ?? '',
    active: r?.active ?? true,
    windowType: 'absolute',
    from: '',
    to: '',
    weekday: '5',
    start: '22:00',
    end: '03:00',
    multiplier: '',
    allProducts: true,
    productIds: [],
    productId: products.find((p) => p.active)?.id ?? '',
    costFrom: '',
    costTo: '',
    increaseBy: 'percent',
    amount: '',
    increasePercent: '',
    percent: '',
    by: 'tier',
    tiers: [],
    minQuantity: '',
  };
  if (!r) return v;
  switch (r.kind) {
    case 'demand':
      v.windowType = r.window.type;
      if (r.window.type === 'absolute') {
        v.from = localInput(r.window.from, timeZone);
        v.to = localInput(r.window.to, timeZone);
      } else {
        v.weekday = String(r.window.weekday);
        v.start = r.window.start;
        v.end = r.window.end;
      }
      v.multiplier = numberInput(r.multiplier);
      v.allProducts = r.productIds === null;
      v.productIds = r.productIds ?? [];
      break;
    case 'cost':
      v.productId = r.productId;
      v.costFrom = localInput(r.from, timeZone);
      v.costTo = r.to ? localInput(r.to, timeZone) : '';
      if ('percent' in r.increase) v.increasePercent = numberInput(r.increase.percent);
      else {
        v.increaseBy = 'amount';
        v.amount = amountInput(r.increase.amountMinor, lang);
      }
      break;
    case 'discount':
      v.percent = numberInput(r.percent);
      v.allProducts = r.productIds === null;
      v.productIds = r.productIds ?? [];
      v.by = r.by;
      if (r.by === 'tier') v.tiers = r.tiers;
      else v.minQuantity = String(r.minQuantity);
      break;
  }
  return v;
}

type Local = Partial<Record<'multiplier' | 'increase' | 'percent' | 'minQuantity', string>>;

interface Props {
  kind: RuleKind;
  rule?: PriceRule;
  products: Product[];
  timeZone: string;
  headingId: string;
  onSaved: (rule: PriceRule) => void;
  onCancel: () => void;
}

export function RuleForm({ kind, rule, products, timeZone, headingId, onSaved, onCancel }: Props) {
  const { t, i18n } = useTranslation('pricing');
  const tc = useTranslation().t;
  const qc = useQueryClient();
  const [v, setV] = useState<Values>(() => toValues(kind, rule, products, timeZone, i18n.language));
  const [local, setLocal] = useState<Local>({});
  const [attempt, setAttempt] = useState(0);
  const form = useRef<HTMLFormElement>(null);

  const save = useMutation({
    mutationFn: (body: RuleInput) => (rule ? replaceRule(rule.id, body) : createRule(body)),
    onSuccess: async (saved) => {
      await refreshPricing(qc);
      onSaved(saved);
    },
  });
  const fe = useFieldErrors(save.error);
  /** The server's error at a field; an end not after its start is said plainly. */
  const msg = (path: string): FieldMessage | undefined => {
    const m = fe(path);
    if (m && /(after from|efter from)\.?$/i.test(m.text)) return { text: t('form.endAfterStart') };
    return m;
  };
  const localMsg = (k: keyof Local): FieldMessage | undefined => (local[k] ? { text: local[k] } : undefined);

  useEffect(() => {
    form.current?.querySelector<HTMLInputElement>('input')?.focus();
  }, []);
  useEffect(() => {
    if (attempt > 0) form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [attempt, save.error, local]);

  const set = <K extends keyof Values>(k: K, value: Values[K]) => setV((old) => ({ ...old, [k]: value }));
  const text = (k: keyof Values) => (e: { target: { value: string } }) => set(k, e.target.value as never);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (save.isPending) return;
    setAttempt((n) => n + 1);
    const problems: Local = {};
    const reason = { sv: v.reasonSv, en: v.reasonEn };
    const products = v.allProducts ? null : v.productIds;
    let body: RuleInput | null = null;
    if (kind === 'demand') {
      const multiplier = readNumber(v.multiplier);
      if (multiplier === null) problems.multiplier = t('form.notNumber');
      else
        body = {
          kind,
          reason,
          active: v.active,
          window: v.windowType === 'absolute' ? { type: 'absolute', from: v.from, to: v.to } : { type: 'weekly', weekday: Number(v.weekday), start: v.start, end: v.end },
          multiplier,
          productIds: products,
        };
    } else if (kind === 'cost') {
      let increase: { amountMinor: number } | { percent: number } | null = null;
      if (v.increaseBy === 'amount') {
        const a = parseAmount(v.amount);
        if (a.ok) increase = { amountMinor: a.minor };
        else problems.increase = tc(`amount.${a.problem}`, { ns: 'products' });
      } else {
        const p = readNumber(v.increasePercent);
        if (p === null) problems.increase = t('form.notNumber');
        else increase = { percent: p };
      }
      if (increase) body = { kind, reason, active: v.active, productId: v.productId, from: v.costFrom, to: v.costTo || null, increase };
    } else {
      const percent = readNumber(v.percent);
      if (percent === null) problems.percent = t('form.notNumber');
      const min = Number(v.minQuantity.trim());
      if (v.by === 'quantity' && !/^\d+$/.test(v.minQuantity.trim())) problems.minQuantity = t('form.notWhole');
      if (percent !== null && !problems.minQuantity)
        body =
          v.by === 'tier'
            ? { kind, reason, active: v.active, percent, productIds: products, by: 'tier', tiers: v.tiers }
            : { kind, reason, active: v.active, percent, productIds: products, by: 'quantity', minQuantity: min };
    }
    setLocal(problems);
    if (!body || Object.keys(problems).length > 0) {
      save.reset();
      return;
    }
    save.mutate(body);
  };

  const zoneHint = t('form.zoneHint', { zone: timeZone });
  const title = rule ? t(`form.edit.${kind}`) : t(`form.new.${kind}`);

  return (
    <form ref={form} className="rule-form" aria-labelledby={headingId} onSubmit={submit} noValidate onKeyDown={(e) => e.key === 'Escape' && onCancel()}>
      <h3 id={headingId} className="form-title">
        {title}
      </h3>
      <div className="row">
        <FormField label={t('form.reasonSv')} message={msg('reason.sv')} hint={t('form.reasonHint')}>
          {(p) => <input {...p} lang="sv" value={v.reasonSv} onChange={text('reasonSv')} maxLength={200} required />}
        </FormField>
        <FormField label={t('form.reasonEn')} message={msg('reason.en')}>
          {(p) => <input {...p} lang="en" value={v.reasonEn} onChange={text('reasonEn')} maxLength={200} required />}
        </FormField>
      </div>

      {kind === 'demand' && (
        <>
          <fieldset className="choice">
            <legend>{t('form.when')}</legend>
            {(['absolute', 'weekly'] as const).map((w) => (
              <label key={w} className="check">
                <input type="radio" name={`${headingId}-window`} checked={v.windowType === w} onChange={() => set('windowType', w)} />
                {t(`form.windowType.${w}`)}
              </label>
            ))}
          </fieldset>
          {v.windowType === 'absolute' ? (
            <div className="row">
              <FormField label={t('form.from')} message={msg('window.from')} hint={zoneHint} className="field-moment">
                {(p) => <input {...p} type="datetime-local" value={v.from} onChange={text('from')} required />}
              </FormField>
              <FormField label={t('form.to')} message={msg('window.to')} hint={t('form.toHint')} className="field-moment">
                {(p) => <input {...p} type="datetime-local" value={v.to} onChange={text('to')} required />}
              </FormField>
            </div>
          ) : (
            <div className="row">
              <FormField label={t('form.weekday')} message={msg('window.weekday')} className="field-small">
                {(p) => (
                  <select {...p} value={v.weekday} onChange={text('weekday')}>
                    {[1, 2, 3, 4, 5, 6, 7].map((d) => (
                      <option key={d} value={String(d)}>
                        {t(`weekday.${d}`)}
                      </option>
                    ))}
                  </select>
                )}
              </FormField>
              <FormField label={t('form.start')} message={msg('window.start')} hint={zoneHint} className="field-small">
                {(p) => <input {...p} type="time" value={v.start} onChange={text('start')} required />}
              </FormField>
              <FormField label={t('form.end')} message={msg('window.end')} hint={t('form.endHint')} className="field-time">
                {(p) => <input {...p} type="time" value={v.end} onChange={text('end')} required />}
              </FormField>
            </div>
          )}
          <div className="row">
            <FormField label={t('form.multiplier')} message={localMsg('multiplier') ?? msg('multiplier')} hint={t('form.multiplierHint')} className="field-small">
              {(p) => <input {...p} inputMode="decimal" value={v.multiplier} onChange={text('multiplier')} required autoComplete="off" />}
            </FormField>
          </div>
        </>
      )}

      {kind === 'cost' && (
        <>
          <div className="row">
            <FormField label={t('form.product')} message={msg('productId')}>
              {(p) => (
                <select {...p} value={v.productId} onChange={text('productId')}>
                  {products.length === 0 && <option value="">{t('form.noProducts')}</option>}
                  {products
                    .filter((x) => x.active || x.id === v.productId)
                    .map((x) => (
                      <option key={x.id} value={x.id}>
                        {productName(x.name)} ({x.sku})
                      </option>
                    ))}
                </select>
              )}
            </FormField>
          </div>
          <div className="row">
            <FormField label={t('form.costFrom')} message={msg('from')} hint={zoneHint} className="field-moment">
              {(p) => <input {...p} type="datetime-local" value={v.costFrom} onChange={text('costFrom')} required />}
            </FormField>
            <FormField label={t('form.costTo')} message={msg('to')} hint={t('form.costToHint')} className="field-moment">
              {(p) => <input {...p} type="datetime-local" value={v.costTo} onChange={text('costTo')} />}
            </FormField>
          </div>
          <fieldset className="choice">
            <legend>{t('form.increaseBy')}</legend>
            {(['percent', 'amount'] as const).map((b) => (
              <label key={b} className="check">
                <input type="radio" name={`${headingId}-increase`} checked={v.increaseBy === b} onChange={() => set('increaseBy', b)} />
                {t(`form.increase.${b}`)}
              </label>
            ))}
          </fieldset>
          <div className="row">
            {v.increaseBy === 'percent' ? (
              <FormField label={t('form.increasePercent')} message={localMsg('increase') ?? msg('increase')} className="field-small">
                {(p) => <input {...p} inputMode="decimal" value={v.increasePercent} onChange={text('increasePercent')} required autoComplete="off" />}
              </FormField>
            ) : (
              <FormField label={t('form.increaseAmount')} message={localMsg('increase') ?? msg('increase')} hint={t('form.amountHint')} className="field-small">
                {(p) => <input {...p} inputMode="decimal" value={v.amount} onChange={text('amount')} required autoComplete="off" />}
              </FormField>
            )}
          </div>
        </>
      )}

      {kind === 'discount' && (
        <>
          <div className="row">
            <FormField label={t('form.percent')} message={localMsg('percent') ?? msg('percent')} className="field-small">
              {(p) => <input {...p} inputMode="decimal" value={v.percent} onChange={text('percent')} required autoComplete="off" />}
            </FormField>
          </div>
          <fieldset className="choice">
            <legend>{t('form.by')}</legend>
            {(['tier', 'quantity'] as const).map((b) => (
              <label key={b} className="check">
                <input type="radio" name={`${headingId}-by`} checked={v.by === b} onChange={() => set('by', b)} />
                {t(`form.byWhat.${b}`)}
              </label>
            ))}
          </fieldset>
          {v.by === 'tier' ? (
            <fieldset className={`tier-checks${msg('tiers') ? ' field-invalid' : ''}`} aria-describedby={msg('tiers') ? `${headingId}-tiers-error` : undefined}>
              <legend>{t('form.tiers')}</legend>
              <div className="checks">
                {[...TIERS].reverse().map((tier) => (
                  <label key={tier} className="check">
                    <input
                      type="checkbox"
                      checked={v.tiers.includes(tier)}
                      aria-invalid={Boolean(msg('tiers'))}
                      onChange={(e) => set('tiers', e.target.checked ? [...v.tiers, tier] : v.tiers.filter((x) => x !== tier))}
                    />
                    <TierBadge tier={tier} labelled={false} />
                  </label>
                ))}
              </div>
              {msg('tiers') && (
                <small id={`${headingId}-tiers-error`} className="field-error">
                  {msg('tiers')!.text}
                </small>
              )}
            </fieldset>
          ) : (
            <div className="row">
              <FormField label={t('form.minQuantity')} message={localMsg('minQuantity') ?? msg('minQuantity')} className="field-small">
                {(p) => <input {...p} inputMode="numeric" value={v.minQuantity} onChange={text('minQuantity')} required autoComplete="off" />}
              </FormField>
            </div>
          )}
        </>
      )}

      {kind !== 'cost' && (
        <ProductChoice
          products={products}
          all={v.allProducts}
          chosen={v.productIds}
          message={msg('productIds')}
          onChange={(all, chosen) => setV((old) => ({ ...old, allProducts: all, productIds: chosen }))}
        />
      )}

      <label className="check active-check">
        <input type="checkbox" checked={v.active} onChange={(e) => set('active', e.target.checked)} />
        {t('form.active')}
      </label>

      {Object.keys(local).length > 0 ? (
        <p className="error" role="alert">
          {tc('problem.validation')}
        </p>
      ) : (
        <FormProblem error={save.error} />
      )}
      <div className="actions">
        <button type="submit" className="primary" aria-disabled={save.isPending || undefined}>
          {save.isPending ? t('form.saving') : rule ? t('form.save') : t('form.add')}
        </button>
        <button type="button" onClick={onCancel}>
          {tc('cancel')}
        </button>
      </div>
    </form>
  );
}
