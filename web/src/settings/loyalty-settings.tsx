/**
 * The org's loyalty thresholds (admins): the scores and days each tier needs,
 * in the order the rules are tried, and the window F and M are counted over.
 * Saving recomputes every tier, so the tiers on screen refresh too.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { put } from '../api/client.ts';
import type { LoyaltySettings } from '../api/types.ts';
import { FormField, useFieldErrors } from '../accounts/form.tsx';
import { refreshTiers, settingsQuery, SETTINGS_KEY } from '../loyalty/queries.ts';
import { TierBadge } from '../loyalty/tier-badge.tsx';
import { ErrorMessage } from '../ui/problem.tsx';
import { SaveFooter } from './save-footer.tsx';

type Key = keyof LoyaltySettings;
type Kind = 'score' | 'days' | 'months';

const KIND: Record<Key, Kind> = {
  windowMonths: 'months',
  championMin: 'score',
  championDays: 'days',
  atRiskF: 'score',
  atRiskM: 'score',
  atRiskMaxR: 'score',
  loyalF: 'score',
  loyalDays: 'days',
  regularF: 'score',
};
const RANGE: Record<Kind, [number, number]> = { score: [1, 5], days: [0, 3650], months: [1, 120] };

/** The fields of each group, in the order the rules are tried. */
const GROUPS: { tier: 'champion' | 'at_risk' | 'loyal' | 'regular' | null; keys: Key[] }[] = [
  { tier: null, keys: ['windowMonths'] },
  { tier: 'champion', keys: ['championMin', 'championDays'] },
  { tier: 'at_risk', keys: ['atRiskF', 'atRiskM', 'atRiskMaxR'] },
  { tier: 'loyal', keys: ['loyalF', 'loyalDays'] },
  { tier: 'regular', keys: ['regularF'] },
];

export function LoyaltySettingsSection() {
  const { t } = useTranslation('loyalty');
  const tc = useTranslation().t;
  const settings = useQuery(settingsQuery);
  return (
    <section id="loyalty" className="card section" aria-labelledby="loyalty-settings-title">
      <h2 id="loyalty-settings-title">{t('settings.title')}</h2>
      <p className="muted intro">{t('settings.intro')}</p>
      {settings.isPending ? (
        <p className="muted">{tc('loading')}</p>
      ) : settings.isError ? (
        <ErrorMessage error={settings.error} />
      ) : (
        <LoyaltyForm initial={settings.data} />
      )}
    </section>
  );
}

type Values = Record<Key, string>;
const toValues = (s: LoyaltySettings) => Object.fromEntries(Object.entries(s).map(([k, v]) => [k, String(v)])) as Values;

function LoyaltyForm({ initial }: { initial: LoyaltySettings }) {
  const { t } = useTranslation('loyalty');
  const qc = useQueryClient();
  const [v, setV] = useState<Values>(() => toValues(initial));
  const [local, setLocal] = useState<Partial<Record<Key, string>>>({});
  const [said, setSaid] = useState('');
  const save = useMutation({
    mutationFn: (body: LoyaltySettings) => put<LoyaltySettings>('/settings/loyalty', body),
    onSuccess: async (saved) => {
      qc.setQueryData(SETTINGS_KEY, saved);
      setV(toValues(saved));
      setSaid(t('settings.saved'));
      await refreshTiers(qc);
    },
  });
  const fe = useFieldErrors(save.error);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaid('');
    // Only "is it a whole number" is checked here; the ranges are the server's to say.
    const errors: Partial<Record<Key, string>> = {};
    for (const k of Object.keys(KIND) as Key[]) if (!/^-?\d+$/.test(v[k].trim())) errors[k] = t('settings.integer');
    setLocal(errors);
    if (Object.keys(errors).length > 0) {
      save.reset();
      return;
    }
    save.mutate(Object.fromEntries(Object.entries(v).map(([k, x]) => [k, Number(x.trim())])) as unknown as LoyaltySettings);
  };

  const field = (k: Key) => {
    const kind = KIND[k];
    const [min, max] = RANGE[kind];
    const msg = local[k] ? { text: local[k] } : fe(k);
    return (
      <FormField key={k} label={t(`settings.${k}`)} message={msg} hint={t(`settings.${kind}Hint`)} className="field-number">
        {(p) => (
          <input
            {...p}
            type="number"
            inputMode="numeric"
            min={min}
            max={max}
            step={1}
            required
            value={v[k]}
            onChange={(e) => setV((old) => ({ ...old, [k]: e.target.value }))}
          />
        )}
      </FormField>
    );
  };

  return (
    <form className="loyalty-settings" onSubmit={submit} aria-labelledby="loyalty-settings-title" noValidate>
      <div className="tier-groups">
        {GROUPS.map((g) => (
          <fieldset key={g.tier ?? 'window'}>
            <legend>{g.tier ? <TierBadge tier={g.tier} labelled={false} /> : t('settings.windowLegend')}</legend>
            <div className="row">{g.keys.map(field)}</div>
          </fieldset>
        ))}
      </div>
      <ul className="other-tiers">
        <li>
          <TierBadge tier="occasional" labelled={false} /> {t('settings.occasional')}
        </li>
        <li>
          <TierBadge tier="new" labelled={false} /> {t('settings.new')}
        </li>
      </ul>
      <SaveFooter invalid={Object.keys(local).length > 0} error={save.error} pending={save.isPending} save={t('settings.save')} saving={t('settings.saving')} said={said} />
    </form>
  );
}
