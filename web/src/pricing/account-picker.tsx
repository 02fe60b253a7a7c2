/**
 * Choosing an account to price for: type a few letters of its name, pick one
 * of the matches (each with its tier); the chosen one is shown with a way to
 * change it. Keyboard: the matches are buttons after the search box.
 */
import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account } from '../api/types.ts';
import { TierBadge } from '../loyalty/tier-badge.tsx';
import { ErrorMessage } from '../ui/problem.tsx';
import { findAccounts } from './queries.ts';

interface Props {
  chosen: Pick<Account, 'id' | 'name' | 'tier'> | null;
  onChoose: (a: Pick<Account, 'id' | 'name' | 'tier'> | null) => void;
}

export function AccountPicker({ chosen, onChoose }: Props) {
  const { t } = useTranslation('pricing');
  const id = useId();
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQ(text.trim()), 200);
    return () => clearTimeout(timer);
  }, [text]);
  const found = useQuery({ queryKey: ['pricing', 'accounts', q], queryFn: () => findAccounts(q), enabled: q.length > 0 && !chosen });

  if (chosen) {
    return (
      <div className="chosen-account">
        <span className="account-name">{chosen.name}</span> <TierBadge tier={chosen.tier} />
        <button type="button" className="small" onClick={() => onChoose(null)}>
          {t('simulator.changeAccount')}
          <span className="visually-hidden"> {chosen.name}</span>
        </button>
      </div>
    );
  }
  return (
    <div className="account-picker">
      <label htmlFor={id}>{t('simulator.searchAccount')}</label>
      <input id={id} type="search" value={text} onChange={(e) => setText(e.target.value)} autoComplete="off" placeholder={t('simulator.searchPlaceholder')} aria-describedby={`${id}-found`} />
      <p id={`${id}-found`} className="visually-hidden" role="status">
        {found.data && q ? t('simulator.found', { count: found.data.length }) : ''}
      </p>
      <ErrorMessage error={found.error} />
      {found.data && q && (
        found.data.length === 0 ? (
          <p className="muted">{t('simulator.noAccounts', { q })}</p>
        ) : (
          <ul className="account-matches" aria-label={t('simulator.matches')}>
            {found.data.map((a) => (
              <li key={a.id}>
                <button type="button" onClick={() => onChoose({ id: a.id, name: a.name, tier: a.tier })}>
                  <span>{a.name}</span> <TierBadge tier={a.tier} />
                </button>
              </li>
            ))}
          </ul>
        )
      )}
    </div>
  );
}
