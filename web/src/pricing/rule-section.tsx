/**
 * One kind of price rule as a table (demand, cost or discount): each rule's
 * reason in both languages and the label the buyer reads, when it holds, by
 * how much, for which products, active or not. Admins and managers add,
 * change, (de)activate and delete (after a confirmation) in place.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useReturnFocus } from '../accounts/form.tsx';
import { TierBadge } from '../loyalty/tier-badge.tsx';
import { price, productName } from '../products/format.ts';
import type { Product } from '../products/types.ts';
import { ErrorMessage } from '../ui/problem.tsx';
import { moment, pct, times, windowWords } from './format.ts';
import { deleteRule, inputOf, refreshPricing, replaceRule } from './queries.ts';
import { RuleForm } from './rule-form.tsx';
import type { PriceRule, RuleKind } from './types.ts';

interface Props {
  kind: RuleKind;
  rules: PriceRule[];
  products: Product[];
  timeZone: string;
  mayWrite: boolean;
  onSaid: (text: string) => void;
}

const COLUMNS = 6;

export function RuleSection({ kind, rules, products, timeZone, mayWrite, onSaid }: Props) {
  const { t, i18n } = useTranslation('pricing');
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const titleId = useId();
  const newHeading = useId();
  const addButton = useReturnFocus<HTMLButtonElement>();
  const back = useReturnFocus<HTMLElement>();
  const reasonOf = (r: PriceRule) => (i18n.language === 'en' ? r.reason.en : r.reason.sv);

  const closeNew = () => {
    setAdding(false);
    addButton.later();
  };
  const closeEdit = (id: string) => {
    setEditing(null);
    back.later(`[data-focus="edit-${id}"]`);
  };

  return (
    <section className={`card section rule-section rules-${kind}`} aria-labelledby={titleId}>
      <div className="section-head">
        <div>
          <h2 id={titleId}>{t(`kind.${kind}.title`)}</h2>
          <p className="muted intro">{t(`kind.${kind}.intro`)}</p>
        </div>
        {mayWrite && (
          <button
            ref={addButton.ref}
            type="button"
            className="primary"
            aria-expanded={adding}
            onClick={() => {
              onSaid('');
              setAdding((a) => !a);
            }}
          >
            {t(`kind.${kind}.add`)}
          </button>
        )}
      </div>
      {adding && (
        <div className="inset">
          <RuleForm
            kind={kind}
            products={products}
            timeZone={timeZone}
            headingId={newHeading}
            onSaved={(r) => {
              onSaid(t('added', { reason: reasonOf(r) }));
              closeNew();
            }}
            onCancel={closeNew}
          />
        </div>
      )}
      {rules.length === 0 ? (
        <p className="empty">{t(`kind.${kind}.empty`)}</p>
      ) : (
        <table className="list rules">
          <caption className="visually-hidden">{t(`kind.${kind}.title`)}</caption>
          <thead>
            <tr>
              <th scope="col">{t('column.reason')}</th>
              <th scope="col">{t(`column.${kind}.when`)}</th>
              <th scope="col" className="num">
                {t(`column.${kind}.how`)}
              </th>
              <th scope="col">{t('column.products')}</th>
              <th scope="col">{t('column.status')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('column.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rules.map((r) => (
              <RuleRow key={r.id} rule={r} products={products} timeZone={timeZone} mayWrite={mayWrite} editing={editing === r.id} onEdit={() => setEditing((e) => (e === r.id ? null : r.id))} onSaid={onSaid}>
                {editing === r.id && (
                  <tr className="detail" id={`rule-panel-${r.id}`}>
                    <td colSpan={COLUMNS}>
                      <RuleForm
                        kind={r.kind}
                        rule={r}
                        products={products}
                        timeZone={timeZone}
                        headingId={`rule-edit-${r.id}`}
                        onSaved={(saved) => {
                          onSaid(t('saved', { reason: reasonOf(saved) }));
                          closeEdit(r.id);
                        }}
                        onCancel={() => closeEdit(r.id)}
                      />
                    </td>
                  </tr>
                )}
              </RuleRow>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

interface RowProps {
  rule: PriceRule;
  products: Product[];
  timeZone: string;
  mayWrite: boolean;
  editing: boolean;
  onEdit: () => void;
  onSaid: (text: string) => void;
  children: ReactNode;
}

function RuleRow({ rule: r, products, timeZone, mayWrite, editing, onEdit, onSaid, children }: RowProps) {
  const { t, i18n } = useTranslation('pricing');
  const tc = useTranslation().t;
  const qc = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const en = i18n.language === 'en';
  const reason = en ? r.reason.en : r.reason.sv;
  const other = en ? r.reason.sv : r.reason.en;
  const flip = useMutation({
    mutationFn: () => replaceRule(r.id, { ...inputOf(r), active: !r.active }),
    onSuccess: async (saved) => {
      await refreshPricing(qc);
      onSaid(t(saved.active ? 'activated' : 'deactivated', { reason }));
    },
  });
  const remove = useMutation({
    mutationFn: () => deleteRule(r.id),
    onSuccess: async () => {
      onSaid(t('deleted', { reason }));
      await refreshPricing(qc);
      document.getElementById('main')?.focus();
    },
  });
  const byId = new Map(products.map((p) => [p.id, p]));
  const names = (ids: string[] | null) => (ids === null ? t('allProducts') : ids.map((id) => (byId.get(id) ? productName(byId.get(id)!.name) : t('unknownProduct'))).join(', '));
  const hidden = <span className="visually-hidden"> {reason}</span>;

  let when: ReactNode;
  let how: ReactNode;
  let which: ReactNode;
  switch (r.kind) {
    case 'demand':
      when = windowWords(r.window, timeZone, t);
      how = times(r.multiplier);
      which = names(r.productIds);
      break;
    case 'cost': {
      when = r.to ? `${moment(r.from, timeZone)} – ${moment(r.to, timeZone)}` : t('fromOn', { from: moment(r.from, timeZone) });
      const p = byId.get(r.productId);
      how = 'percent' in r.increase ? `+${pct(r.increase.percent)}` : `+${price(r.increase.amountMinor, p?.currency ?? 'SEK')}`;
      which = p ? productName(p.name) : t('unknownProduct');
      break;
    }
    case 'discount':
      when =
        r.by === 'tier' ? (
          <span className="tier-list">
            {r.tiers.map((tier) => (
              <TierBadge key={tier} tier={tier} labelled={false} />
            ))}
          </span>
        ) : (
          t('fromQuantity', { count: r.minQuantity })
        );
      how = `−${pct(r.percent)}`;
      which = names(r.productIds);
      break;
  }

  return (
    <>
      <tr className={`${r.active ? '' : 'inactive'}${editing ? ' expanded' : ''}`.trim() || undefined}>
        <td className="reason">
          <span className="reason-main">{reason}</span> <span className={`badge label-${r.kind}`}>{t(`label.${r.kind}`)}</span>
          <br />
          <span className="muted other-lang" lang={en ? 'sv' : 'en'}>
            {other}
          </span>
        </td>
        <td className="when">{when}</td>
        <td className="num how">{how}</td>
        <td className="which">{which}</td>
        <td>{r.active ? <span className="badge ok">{t('active')}</span> : <span className="badge">{t('inactive')}</span>}</td>
        <td className="row-actions">
          {mayWrite &&
            (confirming ? (
              <span className="confirm" role="group" aria-label={t('confirmLabel', { reason })}>
                <span>{t('confirm')}</span>
                <button type="button" className="small danger" aria-disabled={remove.isPending || undefined} onClick={() => !remove.isPending && remove.mutate()}>
                  {t('confirmYes')}
                </button>
                <button type="button" className="small" onClick={() => setConfirming(false)} autoFocus>
                  {tc('cancel')}
                </button>
              </span>
            ) : (
              <>
                <button type="button" className="small" data-focus={`edit-${r.id}`} aria-expanded={editing} aria-controls={editing ? `rule-panel-${r.id}` : undefined} onClick={onEdit}>
                  {t('edit')}
                  {hidden}
                </button>
                <button type="button" className="small" aria-disabled={flip.isPending || undefined} onClick={() => !flip.isPending && flip.mutate()}>
                  {r.active ? t('deactivate') : t('activate')}
                  {hidden}
                </button>
                <button type="button" className="small danger" onClick={() => setConfirming(true)}>
                  {t('delete')}
                  {hidden}
                </button>
              </>
            ))}
          <ErrorMessage error={flip.error ?? remove.error} />
        </td>
      </tr>
      {children}
    </>
  );
}
