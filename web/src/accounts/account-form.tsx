/** Adding an account, and changing one; errors shown beside the field, nothing typed lost. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { patch, post } from '../api/client.ts';
import type { Account } from '../api/types.ts';
import { FormField, FormProblem, useFieldErrors } from './form.tsx';

type Kind = Account['kind'];

/** `foretag.se` → `https://foretag.se`; empty → null. */
export function websiteValue(input: string): string | null {
  const v = input.trim();
  if (!v) return null;
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(v) ? v : `https://${v}`;
}

const blank = (s: string) => (s.trim() === '' ? null : s.trim());

interface Values {
  name: string;
  orgNumber: string;
  website: string;
}

function AccountFields({ kind, values, set, error }: { kind: Kind; values: Values; set: (v: Partial<Values>) => void; error: unknown }) {
  const { t } = useTranslation('accounts');
  const fe = useFieldErrors(error);
  return (
    <>
      <FormField label={kind === 'person' ? t('form.personName') : t('form.companyName')} message={fe('name')}>
        {(p) => <input {...p} name="name" required maxLength={200} autoComplete="off" value={values.name} onChange={(e) => set({ name: e.target.value })} />}
      </FormField>
      {kind === 'company' && (
        <FormField label={t('form.orgNumber')} message={fe('orgNumber')} hint={t('form.orgNumberHint')}>
          {(p) => (
            <input {...p} name="orgNumber" inputMode="numeric" maxLength={20} autoComplete="off" value={values.orgNumber} onChange={(e) => set({ orgNumber: e.target.value })} />
          )}
        </FormField>
      )}
      <FormField label={t('form.website')} message={fe('website')} hint={t('form.websiteHint')}>
        {(p) => <input {...p} name="website" type="text" inputMode="url" maxLength={490} autoComplete="url" value={values.website} onChange={(e) => set({ website: e.target.value })} />}
      </FormField>
    </>
  );
}

export function NewAccountForm({ onCancel, headingId }: { onCancel: () => void; headingId: string }) {
  const { t } = useTranslation('accounts');
  const tc = useTranslation().t;
  const navigate = useNavigate();
  const qc = useQueryClient();
  const kindName = useId();
  const [kind, setKind] = useState<Kind>('company');
  const [values, setValues] = useState<Values>({ name: '', orgNumber: '', website: '' });
  const create = useMutation({
    mutationFn: () =>
      post<Account>('/accounts', {
        kind,
        name: values.name,
        ...(kind === 'company' && { orgNumber: blank(values.orgNumber) }),
        website: websiteValue(values.website),
      }),
    onSuccess: async (account) => {
      qc.setQueryData(['account', account.id], account);
      await qc.invalidateQueries({ queryKey: ['accounts'] });
      void navigate(`/accounts/${account.id}`);
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <form className="card account-form" onSubmit={submit} aria-labelledby={headingId} noValidate>
      <h2 id={headingId}>{t('newAccount')}</h2>
      <fieldset className="kind-choice">
        <legend>{t('form.kind')}</legend>
        {(['company', 'person'] as const).map((k) => (
          <label key={k}>
            <input type="radio" name={kindName} value={k} checked={kind === k} onChange={() => setKind(k)} /> {t(`kind.${k}`)}
          </label>
        ))}
      </fieldset>
      <AccountFields kind={kind} values={values} set={(v) => setValues((old) => ({ ...old, ...v }))} error={create.error} />
      <FormProblem error={create.error} />
      <div className="actions">
        <button type="submit" className="primary" disabled={create.isPending}>
          {t('create')}
        </button>
        <button type="button" onClick={onCancel}>
          {tc('cancel')}
        </button>
      </div>
    </form>
  );
}

export function EditAccountForm({ account, onDone }: { account: Account; onDone: () => void }) {
  const { t } = useTranslation('accounts');
  const tc = useTranslation().t;
  const qc = useQueryClient();
  const headingId = useId();
  const [values, setValues] = useState<Values>({ name: account.name, orgNumber: account.orgNumber ?? '', website: account.website ?? '' });
  const save = useMutation({
    mutationFn: () =>
      patch<Account>(`/accounts/${account.id}`, {
        name: values.name,
        ...(account.kind === 'company' && { orgNumber: blank(values.orgNumber) }),
        website: websiteValue(values.website),
      }),
    onSuccess: async (saved) => {
      qc.setQueryData(['account', saved.id], saved);
      await qc.invalidateQueries({ queryKey: ['accounts'] });
      onDone();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <form className="card account-form" onSubmit={submit} aria-labelledby={headingId} noValidate>
      <h2 id={headingId}>{t('account.edit')}</h2>
      <AccountFields kind={account.kind} values={values} set={(v) => setValues((old) => ({ ...old, ...v }))} error={save.error} />
      <FormProblem error={save.error} />
      <div className="actions">
        <button type="submit" className="primary" disabled={save.isPending}>
          {tc('save')}
        </button>
        <button type="button" onClick={onDone}>
          {tc('cancel')}
        </button>
      </div>
    </form>
  );
}
