/**
 * The org's pricing policy (admins): how far each tier's unit price may rise
 * above its reference price, the ceiling no rule passes, the multiple above
 * which a buyer must consent, and emergency mode. Multiples are typed in
 * either decimal mark; the server's field errors are said at the fields. The
 * time zone rules are read in is the org's, shown here, not changed here.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FormField, useFieldErrors, type FieldMessage } from '../accounts/form.tsx';
import type { Tier } from '../api/types.ts';
import { TierBadge } from '../loyalty/tier-badge.tsx';
import { numberInput, readNumber } from '../pricing/format.ts';
import { POLICY_KEY, policyQuery, refreshPricing, savePolicy } from '../pricing/queries.ts';
import { TIER_LADDER, type PricingPolicy } from '../pricing/types.ts';
import { ErrorMessage } from '../ui/problem.tsx';
import '../pricing/pricing.css';
import { SaveFooter } from './save-footer.tsx';

export function PricingSettingsSection() {
  const { t } = useTranslation('pricing');
  const tc = useTranslation().t;
  const policy = useQuery(policyQuery);
  // Linked to as /settings#pricing (from the Pricing page): the section is there only once the lazy page has drawn.
  const ready = policy.isSuccess;
  useEffect(() => {
    if (ready && location.hash === '#pricing') document.getElementById('pricing')?.scrollIntoView();
  }, [ready]);
  return (
    <section id="pricing" className="card section pricing-settings" aria-labelledby="pricing-settings-title">
      <h2 id="pricing-settings-title">{t('policy.title')}</h2>
      <p className="muted intro">{t('policy.intro')}</p>
      {policy.isPending ? <p className="muted">{tc('loading')}</p> : policy.isError ? <ErrorMessage error={policy.error} /> : <PolicyForm initial={policy.data} />}
    </section>
  );
}

type Key = Tier | 'ceiling' | 'consentThreshold';
type Values = Record<Key, string>;

const toValues = (p: PricingPolicy): Values => ({
  ...(Object.fromEntries(TIER_LADDER.map((tier) => [tier, numberInput(p.caps[tier])])) as Record<Tier, string>),
  ceiling: numberInput(p.ceiling),
  consentThreshold: numberInput(p.consentThreshold),
});

function PolicyForm({ initial }: { initial: PricingPolicy }) {
  const { t } = useTranslation('pricing');
  const qc = useQueryClient();
  const [v, setV] = useState<Values>(() => toValues(initial));
  const [emergency, setEmergency] = useState(initial.emergency);
  const [local, setLocal] = useState<Partial<Record<Key, string>>>({});
  const [said, setSaid] = useState('');
  const save = useMutation({
    mutationFn: savePolicy,
    onSuccess: async (saved) => {
      qc.setQueryData(POLICY_KEY, saved);
      setV(toValues(saved));
      setEmergency(saved.emergency);
      setSaid(t('policy.saved'));
      await refreshPricing(qc);
    },
  });
  const fe = useFieldErrors(save.error);
  const msg = (k: Key): FieldMessage | undefined => (local[k] ? { text: local[k] } : fe(k === 'ceiling' || k === 'consentThreshold' ? k : `caps.${k}`));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaid('');
    const errors: Partial<Record<Key, string>> = {};
    const read = {} as Record<Key, number>;
    for (const k of Object.keys(v) as Key[]) {
      const n = readNumber(v[k]);
      if (n === null) errors[k] = t('form.notNumber');
      else read[k] = n;
    }
    setLocal(errors);
    if (Object.keys(errors).length > 0) {
      save.reset();
      return;
    }
    save.mutate({
      caps: Object.fromEntries(TIER_LADDER.map((tier) => [tier, read[tier]])) as Record<Tier, number>,
      ceiling: read.ceiling,
      consentThreshold: read.consentThreshold,
      emergency,
    });
  };

  const field = (k: Key, label: ReactNode, hint?: string) => (
    <FormField key={k} label={label} message={msg(k)} hint={hint} className="field-multiple">
      {(p) => (
        <span className="multiple">
          <span aria-hidden="true">×</span>
          <input {...p} inputMode="decimal" value={v[k]} onChange={(e) => setV((old) => ({ ...old, [k]: e.target.value }))} required autoComplete="off" />
        </span>
      )}
    </FormField>
  );

  return (
    <form className="policy-form" onSubmit={submit} aria-labelledby="pricing-settings-title" noValidate>
      <fieldset>
        <legend>{t('policy.caps')}</legend>
        <p className="muted small">{t('policy.capsHint')}</p>
        <div className="caps-grid">{TIER_LADDER.map((tier) => field(
            tier,
            <>
              <span className="visually-hidden">{t('policy.capFor')} </span>
              <TierBadge tier={tier} labelled={false} />
            </>,
          ))}</div>
      </fieldset>
      <div className="row">
        {field('ceiling', t('policy.ceiling'), t('policy.ceilingHint'))}
        {field('consentThreshold', t('policy.consentThreshold'), t('policy.consentHint'))}
      </div>
      <div className="emergency">
        <label className="switch">
          <input type="checkbox" role="switch" checked={emergency} onChange={(e) => setEmergency(e.target.checked)} aria-describedby="emergency-hint" />
          <span>{t('policy.emergency')}</span>
        </label>
        <p id="emergency-hint" className="muted small">
          {t('policy.emergencyHint')}
        </p>
      </div>
      <p className="zone">
        <span className="zone-label">{t('policy.timeZone')}:</span> <strong>{initial.timeZone}</strong> <span className="muted small">{t('policy.timeZoneHint')}</span>
      </p>
      <SaveFooter invalid={Object.keys(local).length > 0} error={save.error} pending={save.isPending} save={t('policy.save')} saving={t('policy.saving')} said={said} />
    </form>
  );
}
