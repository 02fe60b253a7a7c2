/**
 * The quote builder: products, quantities and the moment to price at. Each
 * change is priced again by the server's engine for the journey's account
 * (POST /prices/simulate), so the seller reads each line's explanation, the
 * totals and the consent the buyer will be asked for while building it.
 */
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Journey } from '../api/types.ts';
import { useJourneyAction } from '../journey/api.ts';
import { Named } from '../journey/named.tsx';
import { TierBadge } from '../loyalty/tier-badge.tsx';
import type { Product } from '../products/types.ts';
import { ErrorMessage, fieldProblem } from '../ui/problem.tsx';
import { createQuote, updateQuote, usePricePreview } from './api.ts';
import { nameOf, quoteMoney } from './format.ts';
import { isoToZoned, zonedToIso } from './moment.ts';
import { PricingExplained } from './explanation.tsx';
import { ProductPicker } from './product-picker.tsx';
import { previewPricing, type LineInput, type Quote } from './types.ts';

interface Row {
  productId: string;
  sku: string;
  names: { sv: string; en: string };
  unit: string;
  quantity: string;
}

const MAX_QUANTITY = 1_000_000;
const quantityOf = (s: string): number | null => (/^\s*\d{1,7}\s*$/.test(s) && Number(s) >= 1 && Number(s) <= MAX_QUANTITY ? Number(s) : null);

export function QuoteBuilder({ journey, zone, draft, onDone }: { journey: Journey; zone: string; draft?: Quote; onDone: (q: Quote | null) => void }) {
  const { t } = useTranslation('quotes');
  const id = useId();
  const [rows, setRows] = useState<Row[]>(() =>
    (draft?.lines ?? []).map((l) => ({ productId: l.productId, sku: l.sku, names: l.names, unit: l.unit, quantity: String(l.quantity) })),
  );
  const [at, setAt] = useState(() => isoToZoned(draft?.pricedAt ?? new Date(), zone));
  // Left empty, the moment is now: the server prices at the time it is asked.
  const atIso = at === '' ? null : zonedToIso(at, zone);
  const atOk = at === '' || atIso !== null;
  const quantities = rows.map((r) => quantityOf(r.quantity));
  const complete = quantities.every((q) => q !== null);
  const lines: LineInput[] = rows.map((r, i) => ({ productId: r.productId, quantity: quantities[i] ?? 0 }));
  const preview = usePricePreview(journey.accountId, complete && atOk ? lines : [], atIso);
  const save = useJourneyAction(journey.id, (body: { lines: LineInput[]; at?: string }) => (draft ? updateQuote(draft.id, body) : createQuote(journey.id, body)), {
    onSuccess: (q) => onDone(q),
  });

  const pick = (p: Product) =>
    setRows((rs) =>
      rs.some((r) => r.productId === p.id)
        ? rs.map((r) => (r.productId === p.id ? { ...r, quantity: String((quantityOf(r.quantity) ?? 0) + 1) } : r))
        : [...rs, { productId: p.id, sku: p.sku, names: p.name, unit: p.unit, quantity: '1' }],
    );
  const setQuantity = (i: number, quantity: string) => setRows((rs) => rs.map((r, k) => (k === i ? { ...r, quantity } : r)));
  const remove = (i: number) => setRows((rs) => rs.filter((_, k) => k !== i));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (rows.length === 0 || !complete || !atOk) return;
    save.mutate({ lines, ...(atIso ? { at: atIso } : {}) });
  };

  const priced = preview.data && rows.length > 0 && complete ? previewPricing(preview.data.quote) : null;
  const atProblem = atOk ? fieldProblem(save.error, 'at') : t('builder.atInvalid');
  return (
    <form className="quote-builder" aria-labelledby={`${id}-title`} onSubmit={submit} onKeyDown={(e) => e.key === 'Escape' && onDone(null)} noValidate>
      <h3 id={`${id}-title`} className="form-title">
        {draft ? t('builder.editTitle', { version: draft.version }) : t('builder.newTitle')}
      </h3>
      <div className="quote-builder-grid">
        <div className="quote-builder-input">
          <ProductPicker onPick={pick} chosen={new Set(rows.map((r) => r.productId))} autoFocus />
          <h4 className="form-title">{t('builder.lines')}</h4>
          {rows.length === 0 ? (
            <p className="muted">{t('builder.noLines')}</p>
          ) : (
            <table className="list quote-rows">
              <caption className="visually-hidden">{t('builder.lines')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('builder.product')}</th>
                  <th scope="col">{t('builder.quantity')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('builder.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r, i) => {
                  const name = `${r.sku} ${nameOf(r.names)}`;
                  const bad = quantities[i] === null;
                  return (
                    <tr key={r.productId}>
                      <th scope="row">
                        {nameOf(r.names)} <span className="muted sku">{r.sku}</span>
                      </th>
                      <td>
                        <span className="quantity-cell">
                          <input
                            type="number"
                            inputMode="numeric"
                            min={1}
                            max={MAX_QUANTITY}
                            step={1}
                            value={r.quantity}
                            aria-label={t('builder.quantityOf', { name })}
                            aria-invalid={bad}
                            aria-describedby={bad ? `${id}-q${i}` : undefined}
                            onChange={(e) => setQuantity(i, e.target.value)}
                          />
                          <span className="muted">{r.unit}</span>
                        </span>
                        {bad && (
                          <small id={`${id}-q${i}`} className="field-error">
                            {t('builder.quantityInvalid')}
                          </small>
                        )}
                      </td>
                      <td>
                        <button type="button" className="small danger" onClick={() => remove(i)}>
                          <Named text={t('builder.remove')} detail={name} />
                        </button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
          <div className={`field${atProblem ? ' field-invalid' : ''}`}>
            <label htmlFor={`${id}-at`}>{t('builder.at')}</label>
            <span className="at-input">
              <input
                id={`${id}-at`}
                type="datetime-local"
                value={at}
                aria-describedby={`${id}-at-hint${atProblem ? ` ${id}-at-error` : ''}`}
                aria-invalid={Boolean(atProblem)}
                onChange={(e) => setAt(e.target.value)}
              />
              <button type="button" className="small" onClick={() => setAt(isoToZoned(new Date(), zone))}>
                {t('builder.now')}
              </button>
            </span>
            <small id={`${id}-at-hint`} className="hint">
              {t('builder.atHint', { zone })}
            </small>
            {atProblem && (
              <small id={`${id}-at-error`} className="field-error">
                {atProblem}
              </small>
            )}
          </div>
        </div>

        <section className="quote-preview" aria-labelledby={`${id}-preview`} aria-busy={preview.isFetching}>
          <div className="section-head">
            <h4 id={`${id}-preview`}>{t('builder.preview')}</h4>
            {preview.data && rows.length > 0 && <TierBadge tier={preview.data.tier} />}
          </div>
          <p className="muted section-intro">{t('builder.previewIntro')}</p>
          <p className="visually-hidden" role="status">
            {priced ? t('builder.previewStatus', { total: quoteMoney(priced.totalMinor, priced.currency) }) : ''}
          </p>
          {rows.length === 0 && <p className="muted">{t('builder.previewEmpty')}</p>}
          {preview.isFetching && rows.length > 0 && <p className="muted pricing-busy">{t('builder.pricing')}</p>}
          {preview.error && rows.length > 0 && <ErrorMessage error={preview.error} />}
          {priced && <PricingExplained pricing={priced} audience="seller" headingLevel={5} />}
        </section>
      </div>
      <ErrorMessage error={save.error} />
      <div className="actions">
        <button type="submit" className="primary" disabled={save.isPending || rows.length === 0 || !complete || !atOk}>
          {save.isPending ? t('builder.saving') : draft ? t('builder.saveChanges') : t('builder.saveDraft')}
        </button>
        <button type="button" onClick={() => onDone(null)}>
          {t('common:cancel')}
        </button>
      </div>
    </form>
  );
}
