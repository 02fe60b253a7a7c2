/** The board's filters: owner, status and text (debounced), all kept in the URL. */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Template, User } from '../api/types.ts';
import { STATUSES, type BoardFilters } from './board-data.ts';

const DEBOUNCE_MS = 250;

interface Props {
  filters: BoardFilters;
  update: (patch: Partial<BoardFilters>) => void;
  me: User | undefined;
  users: User[] | undefined;
}

export function BoardFilterBar({ filters, update, me, users }: Props) {
  const { t } = useTranslation('board');
  const [text, setText] = useState(filters.q);
  const input = useRef<HTMLInputElement>(null);

  // Typing waits a moment before it asks the server.
  useEffect(() => {
    if (text.trim() === filters.q) return;
    const timer = setTimeout(() => update({ q: text.trim() }), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, filters.q, update]);

  // The URL changed by other means (back button, clear): follow it unless the user is typing.
  useEffect(() => {
    if (document.activeElement !== input.current) setText(filters.q);
  }, [filters.q]);

  const others = (users ?? []).filter((u) => !u.disabled && u.id !== me?.id).sort((a, b) => a.name.localeCompare(b.name, 'sv'));
  const changed = filters.owner !== '' || filters.status !== 'open' || filters.q !== '';

  return (
    <form className="board-filters" role="search" aria-label={t('filters')} onSubmit={(e) => e.preventDefault()}>
      <div className="field">
        <label htmlFor="board-q">{t('search')}</label>
        <input id="board-q" ref={input} type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder={t('searchHint')} autoComplete="off" maxLength={200} />
      </div>
      <div className="field">
        <label htmlFor="board-owner">{t('owner')}</label>
        <select id="board-owner" value={filters.owner} onChange={(e) => update({ owner: e.target.value })}>
          <option value="">{t('ownerAll')}</option>
          {me && <option value="me">{t('ownerMe', { name: me.name })}</option>}
          {others.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="board-status">{t('status')}</label>
        <select id="board-status" value={filters.status} onChange={(e) => update({ status: e.target.value as BoardFilters['status'] })}>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`status.${s}`, { ns: 'common' })}
            </option>
          ))}
        </select>
      </div>
      {changed && (
        <button
          type="button"
          className="board-clear"
          onClick={() => {
            setText('');
            update({ owner: '', status: 'open', q: '' });
          }}
        >
          {t('clear')}
        </button>
      )}
    </form>
  );
}

/** Business or consumer: which process's stages the board shows. */
export function ProcessSwitch({ templates, value, onChange }: { templates: Template[]; value: string; onChange: (key: string) => void }) {
  const { t, i18n } = useTranslation('board');
  // The URL follows a moment later; the radios answer the click at once.
  const [chosen, setChosen] = useState(value);
  useEffect(() => setChosen(value), [value]);
  if (templates.length < 2) return null;
  return (
    <fieldset className="segmented">
      <legend className="visually-hidden">{t('process')}</legend>
      <span className="segmented-label" aria-hidden="true">
        {t('process')}
      </span>
      {templates.map((tpl) => (
        <label key={tpl.key} className={tpl.key === chosen ? 'on' : undefined}>
          <input
            type="radio"
            name="process"
            value={tpl.key}
            checked={tpl.key === chosen}
            onChange={() => {
              setChosen(tpl.key);
              onChange(tpl.key);
            }}
          />
          {t(`processName.${tpl.key}`, { defaultValue: i18n.language === 'en' ? tpl.name.en : tpl.name.sv })}
        </label>
      ))}
    </fieldset>
  );
}
