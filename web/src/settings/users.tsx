/** Users and their roles: add a user, change a role, disable and enable. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { get, patch, post } from '../api/client.ts';
import { ROLES, type Role, type User } from '../api/types.ts';
import { useMe } from '../auth.tsx';
import { FormField, FormProblem, useFieldErrors, useReturnFocus, type ConflictRule } from '../accounts/form.tsx';
import { date } from '../format.ts';
import { ErrorMessage } from '../ui/problem.tsx';

const USER_CONFLICTS: ConflictRule[] = [
  { match: /already exists/i, field: 'email', key: 'emailTaken' },
  { match: /demote or disable yourself/i, key: 'self' },
];

export function UsersSection() {
  const { t } = useTranslation('settings');
  const tc = useTranslation().t;
  const me = useMe();
  const [adding, setAdding] = useState(false);
  const addButton = useReturnFocus<HTMLButtonElement>();
  const users = useQuery({ queryKey: ['users'], queryFn: () => get<{ items: User[] }>('/users').then((r) => r.items) });
  const qc = useQueryClient();
  const change = useMutation({
    mutationFn: ({ id, body }: { id: string; body: { role?: Role; disabled?: boolean } }) => patch<User>(`/users/${id}`, body),
    onSuccess: (saved) => qc.setQueryData<User[]>(['users'], (old) => old?.map((u) => (u.id === saved.id ? saved : u))),
  });
  const myId = me.data?.user.id;

  return (
    <section id="users" className="card section" aria-labelledby="users-title">
      <div className="section-head">
        <h2 id="users-title">{t('users.title')}</h2>
        <button ref={addButton.ref} type="button" className="primary" aria-expanded={adding} onClick={() => setAdding((a) => !a)}>
          {t('users.add')}
        </button>
      </div>
      <p className="muted intro">{t('users.intro')}</p>
      {adding && (
        <NewUserForm
          onDone={() => {
            setAdding(false);
            addButton.later();
          }}
        />
      )}
      {users.isPending ? (
        <p className="muted">{tc('loading')}</p>
      ) : users.isError ? (
        <ErrorMessage error={users.error} />
      ) : (
        <>
          <FormProblem error={change.error} conflicts={USER_CONFLICTS} />
          <table className="list">
            <caption className="visually-hidden">{t('users.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('users.name')}</th>
                <th scope="col">{t('users.email')}</th>
                <th scope="col">{t('users.role')}</th>
                <th scope="col">{t('users.status')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('users.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {users.data.map((u) => {
                const self = u.id === myId;
                return (
                  <tr key={u.id} className={u.disabled ? 'disabled' : undefined}>
                    <th scope="row">
                      {u.name}
                      {self && <span className="muted"> ({t('users.you')})</span>}
                      <div className="muted small">{t('users.since', { date: date(u.createdAt) })}</div>
                    </th>
                    <td className="email">{u.email}</td>
                    <td>
                      <select
                        aria-label={t('users.roleOf', { name: u.name })}
                        value={u.role}
                        disabled={self || change.isPending}
                        onChange={(e) => change.mutate({ id: u.id, body: { role: e.target.value as Role } })}
                      >
                        {ROLES.map((r) => (
                          <option key={r} value={r}>
                            {tc(`role.${r}`)}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td>{u.disabled ? <span className="badge bad">{t('users.disabled')}</span> : <span className="badge ok">{t('users.active')}</span>}</td>
                    <td className="row-actions">
                      {!self && (
                        <button
                          type="button"
                          className="small"
                          aria-label={`${u.disabled ? t('users.enable') : t('users.disable')} ${u.name}`}
                          disabled={change.isPending}
                          onClick={() => change.mutate({ id: u.id, body: { disabled: !u.disabled } })}
                        >
                          {u.disabled ? t('users.enable') : t('users.disable')}
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

function NewUserForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation('settings');
  const tc = useTranslation().t;
  const qc = useQueryClient();
  const headingId = useId();
  const [v, setV] = useState({ name: '', email: '', role: 'seller' as Role, password: '' });
  const set = (p: Partial<typeof v>) => setV((old) => ({ ...old, ...p }));
  const add = useMutation({
    mutationFn: () => post<User>('/users', { name: v.name, email: v.email.trim(), role: v.role, ...(v.password && { password: v.password }) }),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ['users'] });
      onDone();
    },
  });
  const fe = useFieldErrors(add.error, USER_CONFLICTS);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate();
  };
  return (
    <form className="inset-form" onSubmit={submit} aria-labelledby={headingId} noValidate>
      <h3 id={headingId}>{t('users.newTitle')}</h3>
      <div className="row">
        <FormField label={t('users.name')} message={fe('name')}>
          {(p) => <input {...p} required maxLength={200} autoComplete="off" value={v.name} onChange={(e) => set({ name: e.target.value })} />}
        </FormField>
        <FormField label={t('users.email')} message={fe('email')}>
          {(p) => <input {...p} type="email" required maxLength={254} autoComplete="off" value={v.email} onChange={(e) => set({ email: e.target.value })} />}
        </FormField>
      </div>
      <div className="row">
        <FormField label={t('users.role')} message={fe('role')}>
          {(p) => (
            <select {...p} value={v.role} onChange={(e) => set({ role: e.target.value as Role })}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {tc(`role.${r}`)}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField label={t('users.password')} message={fe('password')} hint={t('users.passwordHint')}>
          {(p) => <input {...p} type="password" autoComplete="new-password" maxLength={200} value={v.password} onChange={(e) => set({ password: e.target.value })} />}
        </FormField>
      </div>
      <FormProblem error={add.error} conflicts={USER_CONFLICTS} />
      <div className="actions">
        <button type="submit" className="primary" disabled={add.isPending}>
          {t('users.create')}
        </button>
        <button type="button" onClick={onDone}>
          {tc('cancel')}
        </button>
      </div>
    </form>
  );
}
