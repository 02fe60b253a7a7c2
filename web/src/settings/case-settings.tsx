/**
 * Cases settings (admins): the business hours the target clocks count in
 * (working days, opening and closing), the holidays (a list; until the org
 * saves its own, Sweden's public holidays are shown as the defaults), and the
 * first-response and resolution targets per loyalty tier, in business hours.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { get, put } from '../api/client.ts';
import { TIERS, type Tier } from '../api/types.ts';
import { FormField, useFieldErrors } from '../accounts/form.tsx';
import type { CaseSettings } from '../cases/api.ts';
import { day } from '../loyalty/format.ts';
import { TierBadge, tierWord } from '../loyalty/tier-badge.tsx';
import { ErrorMessage } from '../ui/problem.tsx';
import { SaveFooter } from './save-footer.tsx';

const KEY = ['settings', 'cases'] as const;
const DAYS = [1, 2, 3, 4, 5, 6, 7];

export function CaseSettingsSection() {
  const { t } = useTranslation('cases');
  const tc = useTranslation().t;
  const settings = useQuery({ queryKey: KEY, queryFn: () => get<CaseSettings>('/settings/cases') });
  return (
    <section id="cases" className="card section" aria-labelledby="case-settings-title">
      <h2 id="case-settings-title">{t('settings.title')}</h2>
      <p className="muted intro">{t('settings.intro')}</p>
      {settings.isPending ? <p className="muted">{tc('loading')}</p> : settings.isError ? <ErrorMessage error={settings.error} /> : <CaseSettingsForm initial={settings.data} />}
    </section>
  );
}

type Targets = Record<Tier, { firstResponseHours: string; resolutionHours: string }>;
const toTargets = (s: CaseSettings) =>
  Object.fromEntries(TIERS.map((tier) => [tier, { firstResponseHours: String(s.targets[tier].firstResponseHours), resolutionHours: String(s.targets[tier].resolutionHours) }])) as Targets;

function CaseSettingsForm({ initial }: { initial: CaseSettings }) {
  const { t } = useTranslation('cases');
  const lt = useTranslation('loyalty').t;
  const qc = useQueryClient();
  const [days, setDays] = useState<number[]>(initial.businessHours.days);
  const [open, setOpen] = useState(initial.businessHours.open);
  const [close, setClose] = useState(initial.businessHours.close);
  const [holidays, setHolidays] = useState<string[]>(initial.holidays);
  const [own, setOwn] = useState(!initial.defaultHolidays);
  const [newDay, setNewDay] = useState('');
  const [newDayProblem, setNewDayProblem] = useState('');
  const [targets, setTargets] = useState<Targets>(() => toTargets(initial));
  const [said, setSaid] = useState('');
  const save = useMutation({
    mutationFn: (body: Omit<CaseSettings, 'defaultHolidays' | 'businessHours'> & { businessHours: { days: number[]; open: string; close: string } }) => put<CaseSettings>('/settings/cases', body),
    onSuccess: async (saved) => {
      qc.setQueryData(KEY, saved);
      setOwn(!saved.defaultHolidays);
      setHolidays(saved.holidays);
      setTargets(toTargets(saved));
      setSaid(t('settings.saved'));
      await qc.invalidateQueries({ queryKey: ['cases'] });
    },
  });
  const fe = useFieldErrors(save.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaid('');
    save.mutate({
      businessHours: { days: [...days].sort((a, b) => a - b), open, close },
      holidays,
      targets: Object.fromEntries(TIERS.map((tier) => [tier, { firstResponseHours: Number(targets[tier].firstResponseHours.replace(',', '.')), resolutionHours: Number(targets[tier].resolutionHours.replace(',', '.')) }])) as CaseSettings['targets'],
    });
  };
  const add = () => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(newDay)) {
      setNewDayProblem(t('settings.badDate'));
      return;
    }
    setNewDayProblem('');
    setHolidays((h) => [...new Set([...h, newDay])].sort());
    setNewDay('');
  };
  const setTarget = (tier: Tier, k: 'firstResponseHours' | 'resolutionHours', v: string) => setTargets((old) => ({ ...old, [tier]: { ...old[tier], [k]: v } }));
  return (
    <form onSubmit={submit} noValidate aria-labelledby="case-settings-title">
      <fieldset>
        <legend>{t('settings.hours')}</legend>
        <p className="muted small">{t('settings.timeZone', { zone: initial.businessHours.timeZone })}</p>
        <fieldset className="case-days" aria-describedby={fe('businessHours.days') ? 'case-days-error' : undefined}>
          <legend>{t('settings.days')}</legend>
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: '0.25rem 1rem' }}>
            {DAYS.map((d) => (
              <label key={d} style={{ display: 'inline-flex', gap: '0.3rem', alignItems: 'center' }}>
                <input type="checkbox" checked={days.includes(d)} onChange={(e) => setDays((old) => (e.target.checked ? [...old, d] : old.filter((x) => x !== d)))} />
                {t(`settings.day.${d}`)}
              </label>
            ))}
          </div>
          {fe('businessHours.days') && (
            <small id="case-days-error" className="field-error">
              {fe('businessHours.days')?.text}
            </small>
          )}
        </fieldset>
        <div className="row">
          <FormField label={t('settings.open')} message={fe('businessHours.open')}>
            {(p) => <input {...p} type="time" value={open} onChange={(e) => setOpen(e.target.value)} required />}
          </FormField>
          <FormField label={t('settings.close')} message={fe('businessHours.close')}>
            {(p) => <input {...p} type="time" value={close} onChange={(e) => setClose(e.target.value)} required />}
          </FormField>
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('settings.holidays')}</legend>
        <p className={own ? 'muted small' : 'notice'}>{own ? t('settings.holidaysOwn') : t('settings.holidaysDefault')}</p>
        {holidays.length === 0 ? (
          <p className="muted">{t('settings.noHolidays')}</p>
        ) : (
          <ul className="case-holidays" aria-label={t('settings.holidayList')} style={{ listStyle: 'none', padding: 0, display: 'flex', flexWrap: 'wrap', gap: '0.4rem' }}>
            {holidays.map((h) => (
              <li key={h} className="badge" style={{ display: 'inline-flex', gap: '0.3rem', alignItems: 'center' }}>
                <time dateTime={h}>{day(h)}</time>
                <button type="button" className="link small" aria-label={t('settings.removeLabel', { date: day(h) })} onClick={() => setHolidays((old) => old.filter((x) => x !== h))}>
                  ×
                </button>
              </li>
            ))}
          </ul>
        )}
        {fe('holidays') && <p className="field-error">{fe('holidays')?.text}</p>}
        <div className="row">
          <FormField label={t('settings.addHoliday')} message={newDayProblem ? { text: newDayProblem } : undefined}>
            {(p) => (
              <input
                {...p}
                type="date"
                value={newDay}
                onChange={(e) => setNewDay(e.target.value)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') {
                    e.preventDefault();
                    add();
                  }
                }}
              />
            )}
          </FormField>
          <button type="button" onClick={add} style={{ marginBottom: '0.75rem' }}>
            {t('settings.add')}
          </button>
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('settings.targets')}</legend>
        <table className="list case-targets">
          <caption className="visually-hidden">{t('settings.targetsCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('page.tier')}</th>
              <th scope="col">{t('settings.firstResponse')}</th>
              <th scope="col">{t('settings.resolution')}</th>
            </tr>
          </thead>
          <tbody>
            {TIERS.map((tier) => (
              <tr key={tier}>
                <th scope="row">
                  <TierBadge tier={tier} labelled={false} />
                </th>
                {(['firstResponseHours', 'resolutionHours'] as const).map((k) => {
                  const msg = fe(`targets.${tier}.${k}`);
                  return (
                    <td key={k}>
                      <input
                        type="text"
                        inputMode="decimal"
                        size={6}
                        aria-label={t(k === 'firstResponseHours' ? 'settings.firstResponseOf' : 'settings.resolutionOf', { tier: tierWord(lt, tier) })}
                        aria-invalid={Boolean(msg)}
                        aria-describedby={msg ? `case-target-${tier}-${k}-error` : undefined}
                        value={targets[tier][k]}
                        onChange={(e) => setTarget(tier, k, e.target.value)}
                      />
                      {msg && (
                        <small id={`case-target-${tier}-${k}-error`} className="field-error" style={{ display: 'block' }}>
                          {msg.text}
                        </small>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </fieldset>
      <SaveFooter invalid={false} error={save.error} pending={save.isPending} save={t('settings.save')} saving={t('settings.saving')} said={said} />
    </form>
  );
}
