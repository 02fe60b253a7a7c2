/**
 * The price simulator (issue 6): an account (found by name) or a tier, a
 * product, a quantity and a moment on the org's clock → the price with every
 * reason, and beside it the same for each tier, new customer to champion. The
 * choices live in the URL, so a simulation can be linked to; it follows the
 * rules and the policy as they change.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { get } from '../api/client.ts';
import type { Account, Tier } from '../api/types.ts';
import { isTier } from '../loyalty/tier-badge.tsx';
import { productName } from '../products/format.ts';
import { AccountPicker } from '../pricing/account-picker.tsx';
import { Explanation } from '../pricing/explanation.tsx';
import { instantOf, localNow } from '../pricing/format.ts';
import '../pricing/pricing.css';
import { allProductsQuery, policyQuery, simulate } from '../pricing/queries.ts';
import { TierTable } from '../pricing/tier-table.tsx';
import { TIER_LADDER, type SimulateRequest } from '../pricing/types.ts';
import { ErrorMessage } from '../ui/problem.tsx';

type Who = 'account' | 'tier';

export function PriceSimulatorPage() {
  const { t } = useTranslation('pricing');
  const tc = useTranslation().t;
  const ids = { product: useId(), quantity: useId(), at: useId(), tier: useId() };
  const [params, setParams] = useSearchParams();
  const policy = useQuery(policyQuery);
  const products = useQuery(allProductsQuery);
  const timeZone = policy.data?.timeZone;

  // Held here as well as in the URL: the URL follows in a transition, and a radio button must turn at once.
  const [who, setWho] = useState<Who>(() => (params.get('who') === 'account' ? 'account' : 'tier'));
  const tierParam = params.get('tier');
  const tier: Tier = isTier(tierParam) ? tierParam : 'new';
  const accountId = params.get('account');
  const active = products.data?.filter((p) => p.active) ?? [];
  const productId = params.get('product') ?? active[0]?.id ?? '';
  const quantity = Number(params.get('quantity') ?? '1');
  const [quantityText, setQuantityText] = useState(String(quantity));
  const [now] = useState(() => new Date());
  const at = params.get('at') ?? (timeZone ? localNow(timeZone, now) : '');

  const change = (values: Record<string, string | null>) =>
    setParams(
      (old) => {
        const next = new URLSearchParams(old);
        for (const [k, v] of Object.entries(values)) {
          if (v === null || v === '') next.delete(k);
          else next.set(k, v);
        }
        return next;
      },
      { replace: true },
    );

  const account = useQuery({
    queryKey: ['pricing', 'account', accountId],
    queryFn: () => get<Account>(`/accounts/${encodeURIComponent(accountId!)}`),
    enabled: who === 'account' && Boolean(accountId),
  });

  // Quantity: a whole number of at least 1 goes to the URL; anything else waits, and says why.
  useEffect(() => setQuantityText(String(quantity)), [quantity]);
  const quantityOk = /^\d+$/.test(quantityText.trim()) && Number(quantityText) >= 1;
  const instant = timeZone && at ? instantOf(at, timeZone) : null;

  const request: SimulateRequest | null =
    productId && instant && quantityOk && (who === 'tier' || accountId)
      ? { ...(who === 'account' ? { accountId } : { tier }), lines: [{ productId, quantity }], at: instant }
      : null;
  const sim = useQuery({
    queryKey: ['pricing', 'simulate', request],
    queryFn: () => simulate(request!),
    enabled: request !== null,
    placeholderData: keepPreviousData,
  });

  const whoName = who === 'account' ? (account.data?.name ?? null) : null;

  return (
    <section className="page pricing-page simulator-page" aria-labelledby="simulator-title">
      <div className="page-head">
        <div>
          <p className="crumb">
            <Link to="/pricing">{t('title')}</Link>
          </p>
          <h1 id="simulator-title">{t('simulator.title')}</h1>
          <p className="muted intro">{t('simulator.intro')}</p>
        </div>
      </div>

      {policy.error || products.error ? (
        <ErrorMessage error={policy.error ?? products.error} />
      ) : !policy.data || !products.data ? (
        <p className="loading" role="status">
          {tc('loading')}
        </p>
      ) : active.length === 0 ? (
        <p className="card empty">{t('simulator.noProducts')}</p>
      ) : (
        <>
          <form className="card section simulator-form" aria-label={t('simulator.formLabel')} onSubmit={(e) => e.preventDefault()}>
            <fieldset className="choice who">
              <legend>{t('simulator.who')}</legend>
              {(['tier', 'account'] as const).map((w) => (
                <label key={w} className="check">
                  <input type="radio" name="who" checked={who === w} onChange={() => {
                      setWho(w);
                      change({ who: w });
                    }} />
                  {t(`simulator.whoChoice.${w}`)}
                </label>
              ))}
            </fieldset>
            <div className="row">
              {who === 'tier' ? (
                <div className="field">
                  <label htmlFor={ids.tier}>{t('simulator.tier')}</label>
                  <select id={ids.tier} value={tier} onChange={(e) => change({ tier: e.target.value })}>
                    {TIER_LADDER.map((x) => (
                      <option key={x} value={x}>
                        {t(`tier.${x}`, { ns: 'loyalty' })}
                      </option>
                    ))}
                  </select>
                </div>
              ) : (
                <div className="field field-account">
                  <AccountPicker
                    chosen={accountId && account.data ? { id: account.data.id, name: account.data.name, tier: account.data.tier } : null}
                    onChoose={(a) => change({ account: a?.id ?? null })}
                  />
                  <ErrorMessage error={account.error} />
                </div>
              )}
              <div className="field">
                <label htmlFor={ids.product}>{t('simulator.product')}</label>
                <select id={ids.product} value={productId} onChange={(e) => change({ product: e.target.value })}>
                  {active.map((p) => (
                    <option key={p.id} value={p.id}>
                      {productName(p.name)} ({p.sku})
                    </option>
                  ))}
                </select>
              </div>
              <div className={`field field-small${quantityOk ? '' : ' field-invalid'}`}>
                <label htmlFor={ids.quantity}>{t('simulator.quantity')}</label>
                <input
                  id={ids.quantity}
                  inputMode="numeric"
                  value={quantityText}
                  aria-invalid={!quantityOk}
                  aria-describedby={quantityOk ? undefined : `${ids.quantity}-error`}
                  onChange={(e) => {
                    setQuantityText(e.target.value);
                    const v = e.target.value.trim();
                    if (/^\d+$/.test(v) && Number(v) >= 1) change({ quantity: v === '1' ? null : String(Number(v)) });
                  }}
                />
                {!quantityOk && (
                  <small id={`${ids.quantity}-error`} className="field-error">
                    {t('form.notWhole')}
                  </small>
                )}
              </div>
              <div className={`field field-moment${instant ? '' : ' field-invalid'}`}>
                <label htmlFor={ids.at}>{t('simulator.at')}</label>
                <input id={ids.at} type="datetime-local" value={at} aria-describedby={`${ids.at}-hint`} onChange={(e) => change({ at: e.target.value })} />
                <small id={`${ids.at}-hint`} className="hint">
                  {t('form.zoneHint', { zone: policy.data.timeZone })}
                </small>
              </div>
            </div>
          </form>

          {request === null ? (
            <p className="card muted simulation-wait">{who === 'account' && !accountId ? t('simulator.chooseAccount') : t('simulator.incomplete')}</p>
          ) : sim.isError ? (
            <ErrorMessage error={sim.error} />
          ) : !sim.data ? (
            <p className="loading" role="status">
              {tc('loading')}
            </p>
          ) : (
            <div className="simulation" aria-busy={sim.isFetching}>
              <Explanation quote={sim.data.quote} tier={sim.data.tier} who={whoName} />
              <TierTable simulation={sim.data} />
            </div>
          )}
        </>
      )}
    </section>
  );
}
