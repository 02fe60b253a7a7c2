/**
 * Today: the signed-in seller's journeys that need them, each with its reasons.
 * Managers and admins may look at another seller's day.
 */
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { get, qs } from '../api/client.ts';
import type { TodayItem as Item } from '../api/types.ts';
import { useMe } from '../auth.tsx';
import { stageName, useTemplates, useUsers } from '../board/board-data.ts';
import { CheckIcon } from '../board/icons.tsx';
import { useLive } from '../live.ts';
import type { TodayCase } from '../cases/api.ts';
import { TodayCases } from '../cases/today-cases.tsx';
import { TodayItem } from '../today/today-item.tsx';
import '../today/today.css';
import { ErrorMessage } from '../ui/problem.tsx';

const LIVE_KEYS = [['today']];

export function TodayPage() {
  const { t, i18n } = useTranslation('today');
  const me = useMe().data?.user;
  const [params, setParams] = useSearchParams();
  const canPick = me?.role === 'manager' || me?.role === 'admin';
  const users = useUsers();
  const templates = useTemplates();
  useLive('/api/v1/events', LIVE_KEYS);

  const chosen = canPick ? params.get('seller') || undefined : undefined;
  const ownerId = chosen && chosen !== me?.id ? chosen : undefined;
  const other = ownerId ? users.data?.find((u) => u.id === ownerId) : undefined;
  const today = useQuery({
    // The reasons come in the caller's language: another language is another answer.
    queryKey: ['today', ownerId ?? 'me', i18n.language],
    queryFn: () => get<{ items: Item[]; cases?: TodayCase[] }>(`/today${qs({ ownerId })}`),
  });

  // The buyer's words for each stage, in the current language (the first process that names a key wins).
  const lang = i18n.language;
  const stageNames = useMemo(() => {
    const names = new Map<string, string>();
    for (const tpl of templates.data ?? []) for (const s of tpl.stages) if (!names.has(s.key)) names.set(s.key, stageName(s.name, lang));
    return names;
  }, [templates.data, lang]);

  const items = today.data?.items ?? [];
  const cases = today.data?.cases ?? [];
  const name = other?.name ?? '';
  const sellers = (users.data ?? []).filter((u) => !u.disabled && u.id !== me?.id).sort((a, b) => a.name.localeCompare(b.name, 'sv'));

  return (
    <section className="page today-page" aria-labelledby="today-title">
      <div className="page-head">
        <div>
          <h1 id="today-title">{t('title')}</h1>
          <p className="muted">{other ? t('introOther', { name }) : t('intro')}</p>
        </div>
        {canPick && me && (
          <div className="field today-seller">
            <label htmlFor="today-seller">{t('seller')}</label>
            <select
              id="today-seller"
              value={ownerId ?? ''}
              onChange={(e) => setParams(e.target.value ? { seller: e.target.value } : {}, { replace: true })}
            >
              <option value="">{t('me', { name: me.name })}</option>
              {sellers.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
          </div>
        )}
      </div>
      {today.isPending && (
        <p className="loading" role="status">
          {t('loading', { ns: 'common' })}
        </p>
      )}
      {today.isError && (
        <div>
          <ErrorMessage error={today.error} />
          <button type="button" onClick={() => void today.refetch()}>
            {t('retry', { ns: 'common' })}
          </button>
        </div>
      )}
      <TodayCases items={cases} />
      {today.data && items.length === 0 && cases.length === 0 && (
        <div className="card today-empty">
          <span className="today-empty-mark">
            <CheckIcon />
          </span>
          <h2>{other ? t('emptyTitleOther', { name }) : t('emptyTitle')}</h2>
          <p>{t('empty')}</p>
          <Link to="/board">{t('toBoard')}</Link>
        </div>
      )}
      {items.length > 0 && (
        <>
          <p className="today-count" role="status">
            {other ? t('countOther', { count: items.length, name }) : t('count', { count: items.length })}
          </p>
          <ol className="today-list">
            {items.map((item) => (
              <TodayItem key={item.id} item={item} stageName={stageNames.get(item.stage) ?? item.stage} />
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
