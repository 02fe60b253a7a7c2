/** One account: its facts (changed in place), its contacts, its journeys, its loyalty, its orders and its timeline. */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError, get } from '../api/client.ts';
import type { Account } from '../api/types.ts';
import { EditAccountForm } from '../accounts/account-form.tsx';
import { useReturnFocus } from '../accounts/form.tsx';
import '../accounts/accounts.css';
import { ContactsSection } from '../accounts/contacts.tsx';
import { AccountCasesSection } from '../cases/account-cases.tsx';
import { JourneysSection } from '../accounts/journeys.tsx';
import { OrdersSection } from '../accounts/orders.tsx';
import { TimelineSection } from '../accounts/timeline.tsx';
import { date } from '../format.ts';
import { LoyaltyPanel } from '../loyalty/loyalty-panel.tsx';
import { TierBadge } from '../loyalty/tier-badge.tsx';
import { ErrorMessage } from '../ui/problem.tsx';

export function AccountPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('accounts');
  const tc = useTranslation().t;
  const [editing, setEditing] = useState(false);
  const editButton = useReturnFocus<HTMLButtonElement>();
  const account = useQuery({ queryKey: ['account', id], queryFn: () => get<Account>(`/accounts/${id}`) });

  if (account.isPending) {
    return (
      <section className="page">
        <p className="loading" role="status">
          {tc('loading')}
        </p>
      </section>
    );
  }
  if (account.isError) {
    const missing = account.error instanceof ApiError && account.error.problem.status === 404;
    return (
      <section className="page" aria-labelledby="account-title">
        <BackLink />
        <h1 id="account-title">{missing ? t('account.missing') : t('title')}</h1>
        <ErrorMessage error={account.error} />
      </section>
    );
  }
  const a = account.data;
  const done = () => {
    setEditing(false);
    editButton.later();
  };

  return (
    <section className="page account-page" aria-labelledby="account-title">
      <BackLink />
      <header className="account-head">
        <div>
          <h1 id="account-title">{a.name}</h1>
          <dl className="facts">
            <div>
              <dt>{t('column.kind')}</dt>
              <dd>
                <span className={`badge kind-${a.kind}`}>{t(`kind.${a.kind}`)}</span>
              </dd>
            </div>
            {a.kind === 'company' && (
              <div>
                <dt>{t('column.orgNumber')}</dt>
                <dd className="mono">{a.orgNumber ?? '—'}</dd>
              </div>
            )}
            <div>
              <dt>{t('column.website')}</dt>
              <dd>
                {a.website ? (
                  <a href={a.website} target="_blank" rel="noopener noreferrer">
                    {a.website.replace(/^https?:\/\//, '').replace(/\/$/, '')}
                  </a>
                ) : (
                  '—'
                )}
              </dd>
            </div>
            {a.tier && (
              <div>
                <dt>{t('column.tier')}</dt>
                <dd>
                  <TierBadge tier={a.tier} labelled={false} />
                </dd>
              </div>
            )}
            <div>
              <dt>{t('account.since')}</dt>
              <dd>{date(a.createdAt)}</dd>
            </div>
          </dl>
        </div>
        {!editing && (
          <button ref={editButton.ref} type="button" onClick={() => setEditing(true)}>
            {t('account.edit')}
          </button>
        )}
      </header>
      {editing && <EditAccountForm account={a} onDone={done} />}

      <div className="grid-2">
        <div>
          <JourneysSection accountId={a.id} />
          <AccountCasesSection accountId={a.id} />
          <LoyaltyPanel accountId={a.id} />
          <OrdersSection accountId={a.id} />
          <TimelineSection accountId={a.id} />
        </div>
        <div>
          <ContactsSection accountId={a.id} />
        </div>
      </div>
    </section>
  );
}

function BackLink() {
  const { t } = useTranslation('accounts');
  return (
    <p className="back">
      <Link to="/accounts">
        <span aria-hidden="true">←</span> {t('account.back')}
      </Link>
    </p>
  );
}
