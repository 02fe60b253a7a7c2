/**
 * Accounts: search by name (å, ä and ö as Swedes sort them), narrow to one
 * loyalty tier, page by page, and add a new one.
 */
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { get, qs } from '../api/client.ts';
import { TIERS, type Account, type Page } from '../api/types.ts';
import { NewAccountForm } from '../accounts/account-form.tsx';
import { useReturnFocus } from '../accounts/form.tsx';
import '../accounts/accounts.css';
import { isTier, TierBadge, tierWord } from '../loyalty/tier-badge.tsx';
import { ErrorMessage } from '../ui/problem.tsx';
import { useUrlSearch } from '../ui/url-search.ts';

const PAGE_SIZE = 25;

export function AccountsPage() {
  const { t } = useTranslation('accounts');
  const tc = useTranslation().t;
  const { q, text, setText, params, setFilter } = useUrlSearch();
  const tierParam = params.get('tier');
  const tier = isTier(tierParam) ? tierParam : '';
  const tierName = tier ? tierWord(t, tier) : '';
  const [adding, setAdding] = useState(false);
  const formHeading = useId();
  const newButton = useReturnFocus<HTMLButtonElement>();

  const chooseTier = (value: string) => setFilter('tier', value);

  const list = useInfiniteQuery({
    queryKey: ['accounts', { q, tier }],
    queryFn: ({ pageParam }) => get<Page<Account>>(`/accounts${qs({ q, tier, cursor: pageParam, limit: PAGE_SIZE })}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
  const accounts = list.data?.pages.flatMap((p) => p.items) ?? [];

  const closeForm = () => {
    setAdding(false);
    newButton.later();
  };

  return (
    <section className="page accounts-page" aria-labelledby="accounts-title">
      <div className="page-head">
        <h1 id="accounts-title">{t('title')}</h1>
        <button ref={newButton.ref} type="button" className="primary" aria-expanded={adding} onClick={() => setAdding((a) => !a)}>
          {t('newAccount')}
        </button>
      </div>

      {adding && <NewAccountForm headingId={formHeading} onCancel={closeForm} />}

      <div className="card accounts-list">
        <form className="search" role="search" onSubmit={(e) => e.preventDefault()}>
          <div className="search-text">
            <label htmlFor="account-search">{t('search.label')}</label>
            <input
              id="account-search"
              type="search"
              value={text}
              onChange={(e) => setText(e.target.value)}
              placeholder={t('search.placeholder')}
              autoComplete="off"
              aria-describedby="account-search-hint"
            />
            <small id="account-search-hint" className="hint">
              {t('search.hint')}
            </small>
          </div>
          <div className="search-tier">
            <label htmlFor="account-tier">{t('search.tier')}</label>
            <select id="account-tier" value={tier} onChange={(e) => chooseTier(e.target.value)}>
              <option value="">{t('search.allTiers')}</option>
              {TIERS.map((k) => (
                <option key={k} value={k}>
                  {tierWord(t, k)}
                </option>
              ))}
            </select>
          </div>
        </form>

        <p className="visually-hidden" role="status">
          {list.isSuccess && !list.isPlaceholderData
            ? tier
              ? t(q ? 'search.foundBoth' : 'search.foundTier', { count: accounts.length, q, tier: tierName })
              : q
                ? t('search.found', { count: accounts.length, q })
                : ''
            : ''}
        </p>

        {list.isPending ? (
          <p className="muted">{tc('loading')}</p>
        ) : list.isError ? (
          <>
            <ErrorMessage error={list.error} />
            <button type="button" onClick={() => void list.refetch()}>
              {tc('retry')}
            </button>
          </>
        ) : accounts.length === 0 ? (
          <p className="empty">{tier ? t(q ? 'search.noneBoth' : 'search.noneTier', { q, tier: tierName }) : q ? t('search.none', { q }) : t('empty')}</p>
        ) : (
          <table className="list" aria-labelledby="accounts-title" aria-busy={list.isFetching}>
            <thead>
              <tr>
                <th scope="col">{t('column.name')}</th>
                <th scope="col">{t('column.kind')}</th>
                <th scope="col">{t('column.tier')}</th>
                <th scope="col">{t('column.orgNumber')}</th>
                <th scope="col">{t('column.website')}</th>
              </tr>
            </thead>
            <tbody>
              {accounts.map((a) => (
                <tr key={a.id}>
                  <td>
                    <Link to={`/accounts/${a.id}`} className="account-link">
                      {a.name}
                    </Link>
                  </td>
                  <td>
                    <span className={`badge kind-${a.kind}`}>{t(`kind.${a.kind}`)}</span>
                  </td>
                  <td>
                    <TierBadge tier={a.tier} labelled={false} />
                  </td>
                  <td className="mono">{a.orgNumber ?? <span className="muted">—</span>}</td>
                  <td className="website">{a.website ? <span>{a.website.replace(/^https?:\/\//, '').replace(/\/$/, '')}</span> : <span className="muted">—</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}

        {list.hasNextPage && (
          <div className="more">
            <button type="button" onClick={() => void list.fetchNextPage()} disabled={list.isFetchingNextPage}>
              {list.isFetchingNextPage ? tc('loading') : tc('loadMore')}
            </button>
          </div>
        )}
      </div>
    </section>
  );
}
