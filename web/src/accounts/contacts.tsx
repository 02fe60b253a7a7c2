/** An account's contacts and their buying roles: add one, change one. */
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { get, patch, post, qs } from '../api/client.ts';
import { BUYING_ROLES, type BuyingRole, type Contact, type Page } from '../api/types.ts';
import { ErrorMessage } from '../ui/problem.tsx';
import { FormField, FormProblem, useFieldErrors, useReturnFocus } from './form.tsx';

interface Values {
  name: string;
  title: string;
  buyingRole: BuyingRole;
  email: string;
  phone: string;
}

const toValues = (c?: Contact): Values => ({
  name: c?.name ?? '',
  title: c?.title ?? '',
  buyingRole: c?.buyingRole ?? 'unknown',
  email: c?.email ?? '',
  phone: c?.phone ?? '',
});

const body = (v: Values) => ({
  name: v.name,
  title: v.title.trim() || null,
  buyingRole: v.buyingRole,
  email: v.email.trim() || null,
  phone: v.phone.trim() || null,
});

export function ContactsSection({ accountId }: { accountId: string }) {
  const { t } = useTranslation('accounts');
  const tc = useTranslation().t;
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const addButton = useReturnFocus<HTMLButtonElement>();
  const contacts = useInfiniteQuery({
    queryKey: ['contacts', accountId],
    queryFn: ({ pageParam }) => get<Page<Contact>>(`/accounts/${accountId}/contacts${qs({ cursor: pageParam, limit: 50 })}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = contacts.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <section className="card section contacts" aria-labelledby="contacts-title">
      <div className="section-head">
        <h2 id="contacts-title">{t('contacts.title')}</h2>
        <button ref={addButton.ref} type="button" aria-expanded={adding} onClick={() => setAdding((a) => !a)}>
          {t('contacts.add')}
        </button>
      </div>
      {adding && (
        <ContactForm
          accountId={accountId}
          onDone={() => {
            setAdding(false);
            addButton.later();
          }}
        />
      )}
      {contacts.isPending ? (
        <p className="muted">{tc('loading')}</p>
      ) : contacts.isError ? (
        <ErrorMessage error={contacts.error} />
      ) : items.length === 0 ? (
        <p className="empty">{t('contacts.empty')}</p>
      ) : (
        <ul className="contact-list">
          {items.map((c) =>
            editing === c.id ? (
              <li key={c.id}>
                <ContactForm
                  accountId={accountId}
                  contact={c}
                  onDone={() => {
                    setEditing(null);
                    addButton.later(`[data-contact="${c.id}"]`);
                  }}
                />
              </li>
            ) : (
              <li key={c.id} className="contact">
                <div className="contact-main">
                  <strong>{c.name}</strong>
                  <span className={`badge role-${c.buyingRole}`}>{tc(`buyingRole.${c.buyingRole}`)}</span>
                </div>
                {c.title && <div className="muted">{c.title}</div>}
                <div className="contact-ways">
                  {c.email && <a href={`mailto:${c.email}`}>{c.email}</a>}
                  {c.phone && <a href={`tel:${c.phone.replace(/[^+\d]/g, '')}`}>{c.phone}</a>}
                </div>
                <button type="button" className="link small contact-edit" data-contact={c.id} aria-label={`${tc('edit')} ${c.name}`} onClick={() => setEditing(c.id)}>
                  {tc('edit')}
                </button>
              </li>
            ),
          )}
        </ul>
      )}
      {contacts.hasNextPage && (
        <button type="button" onClick={() => void contacts.fetchNextPage()} disabled={contacts.isFetchingNextPage}>
          {tc('loadMore')}
        </button>
      )}
    </section>
  );
}

function ContactForm({ accountId, contact, onDone }: { accountId: string; contact?: Contact; onDone: () => void }) {
  const { t } = useTranslation('accounts');
  const tc = useTranslation().t;
  const qc = useQueryClient();
  const headingId = useId();
  const [v, setV] = useState<Values>(() => toValues(contact));
  const set = (p: Partial<Values>) => setV((old) => ({ ...old, ...p }));
  const save = useMutation({
    mutationFn: () => (contact ? patch<Contact>(`/contacts/${contact.id}`, body(v)) : post<Contact>(`/accounts/${accountId}/contacts`, body(v))),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ['contacts', accountId] });
      onDone();
    },
  });
  const fe = useFieldErrors(save.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <form className="contact-form" onSubmit={submit} aria-labelledby={headingId} noValidate>
      <h3 id={headingId}>{contact ? t('contacts.editTitle', { name: contact.name }) : t('contacts.newTitle')}</h3>
      <FormField label={t('contacts.name')} message={fe('name')}>
        {(p) => <input {...p} required maxLength={200} autoComplete="off" value={v.name} onChange={(e) => set({ name: e.target.value })} />}
      </FormField>
      <FormField label={t('contacts.role')} message={fe('buyingRole')}>
        {(p) => (
          <select {...p} value={v.buyingRole} onChange={(e) => set({ buyingRole: e.target.value as BuyingRole })}>
            {BUYING_ROLES.map((r) => (
              <option key={r} value={r}>
                {tc(`buyingRole.${r}`)}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField label={t('contacts.jobTitle')} message={fe('title')}>
        {(p) => <input {...p} maxLength={200} autoComplete="off" value={v.title} onChange={(e) => set({ title: e.target.value })} />}
      </FormField>
      <div className="row">
        <FormField label={t('contacts.email')} message={fe('email')}>
          {(p) => <input {...p} type="email" maxLength={254} autoComplete="off" value={v.email} onChange={(e) => set({ email: e.target.value })} />}
        </FormField>
        <FormField label={t('contacts.phone')} message={fe('phone')}>
          {(p) => <input {...p} type="tel" maxLength={50} autoComplete="off" value={v.phone} onChange={(e) => set({ phone: e.target.value })} />}
        </FormField>
      </div>
      <FormProblem error={save.error} />
      <div className="actions">
        <button type="submit" className="primary" disabled={save.isPending}>
          {contact ? tc('save') : tc('add')}
        </button>
        <button type="button" onClick={onDone}>
          {tc('cancel')}
        </button>
      </div>
    </form>
  );
}
