/** Personal API tokens: create one (its secret shown once), list them, revoke one. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { del, get, post } from '../api/client.ts';
import type { ApiToken } from '../api/types.ts';
import { FormField, FormProblem, useFieldErrors } from '../accounts/form.tsx';
import { date, dateTime } from '../format.ts';
import { ErrorMessage } from '../ui/problem.tsx';

const KEY = ['tokens'];

export function TokensSection() {
  const { t } = useTranslation('settings');
  const tc = useTranslation().t;
  const qc = useQueryClient();
  const headingId = useId();
  const [name, setName] = useState('');
  const [created, setCreated] = useState<ApiToken | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const tokens = useQuery({ queryKey: KEY, queryFn: () => get<{ items: ApiToken[] }>('/tokens').then((r) => r.items) });
  const create = useMutation({
    mutationFn: () => post<ApiToken>('/tokens', { name }),
    onSuccess: async (token) => {
      setCreated(token);
      setName('');
      await qc.invalidateQueries({ queryKey: KEY });
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => del(`/tokens/${id}`),
    onSuccess: async () => {
      setConfirming(null);
      await qc.invalidateQueries({ queryKey: KEY });
    },
  });
  const fe = useFieldErrors(create.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  const items = tokens.data ?? [];
  const active = items.filter((x) => !x.revoked);
  const revoked = items.filter((x) => x.revoked);

  return (
    <section id="tokens" className="card section" aria-labelledby="tokens-title">
      <h2 id="tokens-title">{t('tokens.title')}</h2>
      <p className="muted intro">{t('tokens.intro')}</p>

      {created?.token && <NewSecret token={created} onDone={() => setCreated(null)} />}

      <form className="token-form" onSubmit={submit} aria-labelledby={headingId} noValidate>
        <h3 id={headingId} className="visually-hidden">
          {t('tokens.newTitle')}
        </h3>
        <FormField label={t('tokens.name')} message={fe('name')} hint={t('tokens.nameHint')}>
          {(p) => <input {...p} required maxLength={100} autoComplete="off" value={name} onChange={(e) => setName(e.target.value)} />}
        </FormField>
        <button type="submit" className="primary" disabled={create.isPending}>
          {t('tokens.create')}
        </button>
      </form>
      <FormProblem error={create.error} />

      {tokens.isPending ? (
        <p className="muted">{tc('loading')}</p>
      ) : tokens.isError ? (
        <ErrorMessage error={tokens.error} />
      ) : active.length === 0 && revoked.length === 0 ? (
        <p className="empty">{t('tokens.empty')}</p>
      ) : (
        <>
          <FormProblem error={revoke.error} />
          <table className="list">
            <caption className="visually-hidden">{t('tokens.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('tokens.nameColumn')}</th>
                <th scope="col">{t('tokens.created')}</th>
                <th scope="col">{t('tokens.lastUsed')}</th>
                <th scope="col">{t('tokens.status')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('tokens.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {[...active, ...revoked].map((tok) => (
                <tr key={tok.id} className={tok.revoked ? 'disabled' : undefined}>
                  <th scope="row">{tok.name}</th>
                  <td>{date(tok.createdAt)}</td>
                  <td>{tok.lastUsedAt ? dateTime(tok.lastUsedAt) : <span className="muted">{t('tokens.never')}</span>}</td>
                  <td>{tok.revoked ? <span className="badge bad">{t('tokens.revoked')}</span> : <span className="badge ok">{t('tokens.active')}</span>}</td>
                  <td className="row-actions">
                    {!tok.revoked &&
                      (confirming === tok.id ? (
                        <span className="confirm" role="group" aria-label={t('tokens.confirmLabel', { name: tok.name })}>
                          <span>{t('tokens.confirm')}</span>
                          <button type="button" className="small danger" disabled={revoke.isPending} onClick={() => revoke.mutate(tok.id)}>
                            {t('tokens.confirmYes')}
                          </button>
                          <button type="button" className="small" onClick={() => setConfirming(null)}>
                            {tc('cancel')}
                          </button>
                        </span>
                      ) : (
                        <button type="button" className="small danger" aria-label={`${t('tokens.revoke')} ${tok.name}`} onClick={() => setConfirming(tok.id)}>
                          {t('tokens.revoke')}
                        </button>
                      ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

/** The secret, once: copy it now. */
function NewSecret({ token, onDone }: { token: ApiToken; onDone: () => void }) {
  const { t } = useTranslation('settings');
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  const box = useRef<HTMLDivElement>(null);
  const code = useRef<HTMLElement>(null);
  useEffect(() => box.current?.focus(), []);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(token.token ?? '');
      setCopied('yes');
    } catch {
      // No clipboard (plain http, or denied): select the text for Ctrl+C.
      const range = document.createRange();
      if (code.current) range.selectNodeContents(code.current);
      window.getSelection()?.removeAllRanges();
      window.getSelection()?.addRange(range);
      setCopied('no');
    }
  };
  return (
    <div className="secret" ref={box} tabIndex={-1} role="region" aria-labelledby="secret-title">
      <h3 id="secret-title">{t('tokens.secretTitle', { name: token.name })}</h3>
      <p className="notice">
        <strong>{t('tokens.secretWarning')}</strong>
      </p>
      <div className="secret-value">
        <code ref={code}>{token.token}</code>
        <button type="button" className="primary" onClick={() => void copy()}>
          {t('tokens.copy')}
        </button>
      </div>
      <p role="status" className="muted small">
        {copied === 'yes' ? t('tokens.copied') : copied === 'no' ? t('tokens.copyManually') : ''}
      </p>
      <button type="button" onClick={onDone}>
        {t('tokens.done')}
      </button>
    </div>
  );
}
