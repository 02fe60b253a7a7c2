/** An account's journeys as cards, and starting a new one. */
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { get, post, qs } from '../api/client.ts';
import type { JourneyCard, JourneySummary, Page } from '../api/types.ts';
import { daysSince, money } from '../format.ts';
import { ErrorMessage } from '../ui/problem.tsx';
import { FormField, FormProblem, useFieldErrors, useReturnFocus } from './form.tsx';
import { localized, useStageName, useTemplates } from './templates.ts';

/** A journey as GET /journeys answers; newer servers add the board's fields. */
type Listed = JourneySummary & Partial<Pick<JourneyCard, 'readiness' | 'openConcerns' | 'blockingConcerns'>> & { stageName?: string };

const STATUS_BADGE = { open: 'accent', won: 'ok', lost: 'bad', paused: 'warn' } as const;

/** Kronor as typed (`125 000`, `125000,50`, `1 234.5`) to öre; null when empty; NaN when not an amount. */
export function kronorToOre(input: string): number | null {
  const v = input.replace(/[\s\u00a0\u202f]/g, '').replace(/kr$/i, '').replace(',', '.');
  if (v === '') return null;
  const m = /^(\d{1,13})(?:\.(\d{1,2}))?$/.exec(v);
  if (!m) return Number.NaN;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

export function JourneysSection({ accountId }: { accountId: string }) {
  const { t } = useTranslation('accounts');
  const tc = useTranslation().t;
  const stageName = useStageName();
  const [starting, setStarting] = useState(false);
  const startButton = useReturnFocus<HTMLButtonElement>();
  const journeys = useInfiniteQuery({
    queryKey: ['journeys', { accountId }],
    queryFn: ({ pageParam }) => get<Page<Listed>>(`/journeys${qs({ accountId, cursor: pageParam, limit: 20 })}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = journeys.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <section className="card section journeys" aria-labelledby="journeys-title">
      <div className="section-head">
        <h2 id="journeys-title">{t('journeys.title')}</h2>
        <button ref={startButton.ref} type="button" className="primary" aria-expanded={starting} onClick={() => setStarting((s) => !s)}>
          {t('journeys.start')}
        </button>
      </div>
      {starting && (
        <StartJourneyForm
          accountId={accountId}
          onCancel={() => {
            setStarting(false);
            startButton.later();
          }}
        />
      )}
      {journeys.isPending ? (
        <p className="muted">{tc('loading')}</p>
      ) : journeys.isError ? (
        <ErrorMessage error={journeys.error} />
      ) : items.length === 0 ? (
        <p className="empty">{t('journeys.empty')}</p>
      ) : (
        <ul className="journey-cards">
          {items.map((j) => (
            <li key={j.id} className={`journey-card status-${j.status}`}>
              <Link to={`/journeys/${j.id}`} className="journey-title">
                {j.title}
              </Link>
              <div className="journey-meta">
                <span className="stage">
                  <span className="visually-hidden">{t('journeys.stage')}: </span>
                  {j.stageName ?? stageName(j.stage)}
                </span>
                <span className={`badge ${STATUS_BADGE[j.status]}`}>{tc(`status.${j.status}`)}</span>
              </div>
              <div className="journey-facts muted">
                <span>{money(j.valueMinor, j.currency)}</span>
                {j.status === 'open' && <span>{tc('daysInStage', { count: daysSince(j.stageEnteredAt) })}</span>}
                {j.status === 'open' && j.readiness && j.readiness.total > 0 && <span>{t('journeys.readiness', { met: j.readiness.met, total: j.readiness.total })}</span>}
                {j.status === 'open' && (j.openConcerns ?? 0) > 0 && (
                  <span className={j.blockingConcerns ? 'concerns blocking' : 'concerns'}>{t('journeys.concerns', { count: j.openConcerns })}</span>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      {journeys.hasNextPage && (
        <button type="button" onClick={() => void journeys.fetchNextPage()} disabled={journeys.isFetchingNextPage}>
          {tc('loadMore')}
        </button>
      )}
    </section>
  );
}

function StartJourneyForm({ accountId, onCancel }: { accountId: string; onCancel: () => void }) {
  const { t, i18n } = useTranslation('accounts');
  const tc = useTranslation().t;
  const qc = useQueryClient();
  const navigate = useNavigate();
  const headingId = useId();
  const templates = useTemplates();
  const [title, setTitle] = useState('');
  const [templateKey, setTemplateKey] = useState('b2b');
  const [value, setValue] = useState('');
  const [valueError, setValueError] = useState(false);
  const start = useMutation({
    mutationFn: (valueMinor: number | null) => post<JourneySummary>('/journeys', { accountId, title, templateKey, valueMinor, currency: 'SEK' }),
    onSuccess: async (journey) => {
      for (const key of [['account-timeline', accountId], ['today']]) void qc.invalidateQueries({ queryKey: key, refetchType: 'none' });
      await qc.invalidateQueries({ queryKey: ['journeys'] });
      void navigate(`/journeys/${journey.id}`);
    },
  });
  const fe = useFieldErrors(start.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const ore = kronorToOre(value);
    setValueError(Number.isNaN(ore));
    if (Number.isNaN(ore)) return;
    start.mutate(ore);
  };
  const options = templates.data ?? [];
  return (
    <form className="start-journey" onSubmit={submit} aria-labelledby={headingId} noValidate>
      <h3 id={headingId}>{t('journeys.newTitle')}</h3>
      <FormField label={t('journeys.titleLabel')} message={fe('title')} hint={t('journeys.titleHint')}>
        {(p) => <input {...p} required maxLength={200} autoComplete="off" value={title} onChange={(e) => setTitle(e.target.value)} />}
      </FormField>
      <div className="row">
        <FormField label={t('journeys.process')} message={fe('templateKey')}>
          {(p) => (
            <select {...p} value={templateKey} onChange={(e) => setTemplateKey(e.target.value)}>
              {options.length === 0 && <option value="b2b">b2b</option>}
              {options.map((tpl) => (
                <option key={tpl.id} value={tpl.key}>
                  {localized(tpl.name, i18n.language)}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField
          label={t('journeys.value')}
          message={valueError ? { text: t('fieldError.amount') } : fe('valueMinor')}
          hint={t('journeys.valueHint')}
        >
          {(p) => <input {...p} inputMode="decimal" autoComplete="off" value={value} onChange={(e) => setValue(e.target.value)} />}
        </FormField>
      </div>
      {!valueError && <FormProblem error={start.error} />}
      <div className="actions">
        <button type="submit" className="primary" disabled={start.isPending}>
          {t('journeys.submit')}
        </button>
        <button type="button" onClick={onCancel}>
          {tc('cancel')}
        </button>
      </div>
    </form>
  );
}
