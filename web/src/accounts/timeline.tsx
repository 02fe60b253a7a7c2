/** Everything that happened on an account's journeys, newest first. */
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { get, qs } from '../api/client.ts';
import type { Page, TimelineItem, User } from '../api/types.ts';
import { dateTime } from '../format.ts';
import { ErrorMessage } from '../ui/problem.tsx';
import { useStageName } from './templates.ts';

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** A text that may be stored in both languages ({sv, en}, e.g. a criterion's). */
const text = (v: unknown, lang: string): string => {
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object') {
    const l = v as Partial<Record<'sv' | 'en', unknown>>;
    return str(lang === 'en' ? (l.en ?? l.sv) : (l.sv ?? l.en));
  }
  return '';
};

const KNOWN = new Set([
  'journey_created',
  'stage_changed',
  'criterion_met',
  'criterion_unmet',
  'concern_raised',
  'concern_answered',
  'concern_accepted',
  'concern_withdrawn',
  'concern_reopened',
  'interaction',
  'plan_step_added',
  'plan_step_completed',
  'plan_step_reopened',
  'plan_step_edited',
  'plan_reordered',
  'journey_paused',
  'journey_resumed',
  'journey_closed',
]);

export function TimelineSection({ accountId }: { accountId: string }) {
  const { t } = useTranslation('accounts');
  const tc = useTranslation().t;
  const timeline = useInfiniteQuery({
    queryKey: ['account-timeline', accountId],
    queryFn: ({ pageParam }) => get<Page<TimelineItem>>(`/accounts/${accountId}/timeline${qs({ cursor: pageParam, limit: 20 })}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    retry: false,
  });
  const users = useQuery({ queryKey: ['users'], queryFn: () => get<{ items: User[] }>('/users').then((r) => r.items), staleTime: 60_000 });
  const userName = (id: string | null) => (id ? users.data?.find((u) => u.id === id)?.name : undefined);
  const items = timeline.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <section className="card section account-timeline" aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t('timeline.title')}</h2>
      {timeline.isPending ? (
        <p className="muted">{tc('loading')}</p>
      ) : timeline.isError ? (
        <>
          <ErrorMessage error={timeline.error} />
          <button type="button" onClick={() => void timeline.refetch()}>
            {tc('retry')}
          </button>
        </>
      ) : items.length === 0 ? (
        <p className="empty">{t('timeline.empty')}</p>
      ) : (
        <ol className="timeline">
          {items.map((item) => (
            <li key={item.id} className={`event event-${item.kind}`}>
              <div className="event-when">
                <time dateTime={item.at}>{dateTime(item.at)}</time>
                {userName(item.actorId) && <span> · {userName(item.actorId)}</span>}
              </div>
              <div className="event-what">
                <EventText item={item} />
              </div>
              {item.journeyId && (
                <div className="event-journey">
                  <Link to={`/journeys/${item.journeyId}`}>{item.journeyTitle ?? t('timeline.journey')}</Link>
                </div>
              )}
            </li>
          ))}
        </ol>
      )}
      {timeline.hasNextPage && (
        <button type="button" onClick={() => void timeline.fetchNextPage()} disabled={timeline.isFetchingNextPage}>
          {timeline.isFetchingNextPage ? tc('loading') : tc('loadMore')}
        </button>
      )}
    </section>
  );
}

function EventText({ item }: { item: TimelineItem }) {
  const { t, i18n } = useTranslation('accounts');
  const tc = useTranslation().t;
  const stageName = useStageName();
  const d = item.data;
  const k = `timeline.kind.${item.kind}`;
  switch (item.kind) {
    case 'journey_created':
      return <p>{t(k, { title: str(d.title), stage: stageName(str(d.stage)) })}</p>;
    case 'stage_changed':
      return (
        <>
          <p>{t(k, { from: stageName(str(d.from)), to: stageName(str(d.to)) })}</p>
          {str(d.overrideReason) && <p className="event-detail">{t('timeline.override', { reason: str(d.overrideReason) })}</p>}
        </>
      );
    case 'criterion_met':
    case 'criterion_unmet':
      return (
        <>
          <p>{t(k, { text: text(d.text, i18n.language) || str(d.key) })}</p>
          {str(d.evidence) && <p className="event-detail">{t('timeline.evidence', { evidence: str(d.evidence) })}</p>}
        </>
      );
    case 'concern_raised':
    case 'concern_answered':
    case 'concern_accepted':
    case 'concern_withdrawn':
    case 'concern_reopened':
      return (
        <>
          <p>
            {t(k, { topic: tc(`topic.${str(d.topic) || 'other'}`) })} <q>{str(d.text)}</q>
          </p>
          {item.kind === 'concern_answered' && str(d.answer) && <p className="event-detail">{str(d.answer)}</p>}
        </>
      );
    case 'interaction': {
      const channel = tc(`channel.${str(d.channel) || 'other'}`);
      return (
        <>
          <p>{t(d.direction === 'inbound' ? 'timeline.kind.interaction_in' : 'timeline.kind.interaction_out', { channel })}</p>
          {str(d.summary) && <p className="event-detail">{str(d.summary)}</p>}
        </>
      );
    }
    case 'plan_step_added':
    case 'plan_step_completed':
    case 'plan_step_reopened':
    case 'plan_step_edited':
      return <p>{t(k, { title: str(d.title) })}</p>;
    case 'journey_closed':
      return (
        <>
          <p>{t(d.outcome === 'won' ? 'timeline.kind.journey_won' : 'timeline.kind.journey_lost')}</p>
          {str(d.reason) && <p className="event-detail">{str(d.reason)}</p>}
        </>
      );
    default:
      return <p>{KNOWN.has(item.kind) ? t(k) : item.kind}</p>;
  }
}
