/** Everything that happened on the journey, newest first, with the composer to log a touch. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Channel, Journey, Localized, TimelineItem } from '../api/types.ts';
import { date, dateTime, money } from '../format.ts';
import { Link } from 'react-router';
import { ErrorMessage } from '../ui/problem.tsx';
import { stageName, useCriterionText, useTimeline } from './api.ts';
import { Composer } from './composer.tsx';
import { usePeople, type People } from './people.ts';

export function TimelineSection({ journey, writable }: { journey: Journey; writable: boolean }) {
  const { t } = useTranslation('journey');
  const timeline = useTimeline(journey.id);
  const people = usePeople(journey);
  const criterionText = useCriterionText(journey);
  const items = timeline.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section className="card section journey-section timeline-section" aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t('timeline.title')}</h2>
      {writable && <Composer journey={journey} />}
      {timeline.isPending ? (
        <p className="loading" role="status">
          {t('common:loading')}
        </p>
      ) : timeline.error && items.length === 0 ? (
        <ErrorMessage error={timeline.error} />
      ) : items.length === 0 ? (
        <p className="muted">{t('timeline.empty')}</p>
      ) : (
        <ol className="timeline" aria-label={t('timeline.listLabel')}>
          {items.map((item) => (
            <TimelineEntry key={item.id} item={item} journey={journey} people={people} criterionText={criterionText} />
          ))}
        </ol>
      )}
      {timeline.hasNextPage && (
        <button type="button" className="timeline-more" onClick={() => void timeline.fetchNextPage()} disabled={timeline.isFetchingNextPage}>
          {timeline.isFetchingNextPage ? t('common:loading') : t('common:loadMore')}
        </button>
      )}
      {timeline.error && items.length > 0 && <ErrorMessage error={timeline.error} />}
    </section>
  );
}

const ICONS: Record<string, string> = {
  journey_created: '★',
  stage_changed: '→',
  criterion_met: '✓',
  criterion_unmet: '↺',
  interaction: '✉',
  concern_raised: '?',
  concern_answered: '↩',
  concern_accepted: '✓',
  concern_withdrawn: '–',
  concern_reopened: '↺',
  plan_step_added: '+',
  plan_step_edited: '✎',
  plan_step_completed: '✓',
  plan_step_reopened: '↺',
  plan_reordered: '⇅',
  journey_closed: '■',
  journey_paused: '‖',
  journey_resumed: '▶',
  quote_drafted: '✎',
  quote_sent: '✉',
  quote_viewed: '◉',
  quote_accepted: '✓',
  quote_declined: '✕',
  portal_invited: '✉',
  portal_joined: '⌂',
  portal_invite_revoked: '–',
  comment_posted: '✎',
  comment_pending: '…',
  comment_approved: '✓',
  comment_rejected: '✕',
  case_opened: '!',
  case_message: '✎',
  case_proposed: '?',
  case_accepted: '✓',
  case_rejected: '✕',
  case_closed: '■',
  case_reopened: '↺',
  case_checked_in: '☎',
  member_signed_off: '⚑',
  member_criterion_added: '+',
  member_criterion_removed: '–',
  calendar_feed_made: '▦',
};

const str = (v: unknown) => (typeof v === 'string' ? v : '');

interface EntryProps {
  item: TimelineItem;
  journey: Journey;
  people: People;
  criterionText: (key: string) => string;
}

function TimelineEntry({ item, journey, people, criterionText }: EntryProps) {
  const { t, i18n } = useTranslation('journey');
  const d = item.data;
  const localized = (v: unknown) => (v && typeof v === 'object' ? ((v as Localized)[i18n.language === 'en' ? 'en' : 'sv'] ?? '') : str(v));
  const who = people.userName(item.actorId);

  let title: ReactNode = t(`timeline.kind.${item.kind}`, { defaultValue: item.kind });
  let body: ReactNode = null;
  switch (item.kind) {
    case 'journey_created':
      title = t('timeline.kind.journey_created', { stage: stageName(journey, d.stage) });
      break;
    case 'stage_changed': {
      title = t('timeline.kind.stage_changed', { from: stageName(journey, d.from), to: stageName(journey, d.to) });
      const overridden = Array.isArray(d.overridden) ? (d.overridden as string[]) : [];
      if (d.overrideReason) {
        body = (
          <p className="timeline-override">
            <span aria-hidden="true">⚠ </span>
            {t('timeline.overridden', { missing: overridden.map(criterionText).join('; ') })} <strong>{t('overrides.because')}</strong> <q>{str(d.overrideReason)}</q>
          </p>
        );
      }
      break;
    }
    case 'criterion_met':
      title = t('timeline.kind.criterion_met', { text: localized(d.text) });
      body = d.evidence ? (
        <p>
          <strong>{t('criteria.evidence')}:</strong> {str(d.evidence)}
        </p>
      ) : null;
      break;
    case 'criterion_unmet':
      title = t('timeline.kind.criterion_unmet', { text: localized(d.text) });
      break;
    case 'interaction':
      return <InteractionEntry item={item} journey={journey} people={people} criterionText={criterionText} />;
    case 'concern_raised':
    case 'concern_answered':
    case 'concern_accepted':
    case 'concern_withdrawn':
    case 'concern_reopened':
      title = t(`timeline.kind.${item.kind}`, { topic: t(`common:topic.${str(d.topic)}`, { defaultValue: str(d.topic) }) });
      body = (
        <>
          <p>
            <q>{str(d.text)}</q>
            {item.kind === 'concern_raised' && d.blocking === true && (
              <>
                {' '}
                <span className="badge bad">{t('concerns.blocking')}</span>
              </>
            )}
          </p>
          {item.kind === 'concern_answered' && d.answer ? (
            <p>
              <strong>{t('concerns.answer')}:</strong> {str(d.answer)}
            </p>
          ) : null}
        </>
      );
      break;
    case 'plan_step_added':
    case 'plan_step_edited':
    case 'plan_step_completed':
    case 'plan_step_reopened':
      title = t(`timeline.kind.${item.kind}`, { title: str(d.title) });
      if (d.dueDate && item.kind !== 'plan_step_completed' && item.kind !== 'plan_step_reopened') body = <p className="muted">{t('plan.due', { date: date(str(d.dueDate)) })}</p>;
      break;
    case 'quote_drafted':
    case 'quote_sent':
    case 'quote_viewed':
    case 'quote_accepted':
    case 'quote_declined': {
      const total = typeof d.totalMinor === 'number' ? money(d.totalMinor, str(d.currency) || 'SEK') : '';
      title = t(`timeline.kind.${item.kind}`, { version: d.version, total, by: str(d.by), until: d.validUntil ? date(str(d.validUntil)) : '' });
      body = item.kind === 'quote_declined' && d.reason ? (
        <p>
          <q>{str(d.reason)}</q>
        </p>
      ) : null;
      break;
    }
    case 'portal_invited':
    case 'portal_joined':
    case 'portal_invite_revoked':
      title = t(`timeline.kind.${item.kind}`, { name: str(d.name) });
      break;
    case 'member_signed_off':
      title = t(d.state === 'ready' ? 'timeline.kind.member_signed_off_ready' : 'timeline.kind.member_signed_off_not_yet', { name: str(d.name) });
      body = d.reason ? (
        <p>
          <q>{str(d.reason)}</q>
        </p>
      ) : null;
      break;
    case 'member_criterion_added':
    case 'member_criterion_removed':
    case 'calendar_feed_made':
      title = t(`timeline.kind.${item.kind}`, { name: str(d.name), text: str(d.text) });
      break;
    case 'comment_posted':
    case 'comment_pending':
    case 'comment_approved':
    case 'comment_rejected':
    case 'case_message': {
      // Typed by buyers and guests: shown as text, never as markup.
      const author = d.author && typeof d.author === 'object' ? str((d.author as { name?: unknown }).name) : '';
      title = t(`timeline.kind.${item.kind}`, { name: author, topic: str(d.topic) });
      body = d.excerpt ? (
        <p style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          <q>{str(d.excerpt)}</q>
        </p>
      ) : null;
      break;
    }
    case 'case_opened':
      title = t('timeline.kind.case_opened', { topic: str(d.topic) });
      body = d.priority ? <p className="muted">{t('timeline.casePriority', { priority: t(`dialogue:cases.priority.${str(d.priority)}`, { defaultValue: str(d.priority) }) })}</p> : null;
      break;
    case 'case_proposed':
    case 'case_accepted':
    case 'case_rejected':
    case 'case_closed':
    case 'case_reopened':
    case 'case_checked_in': {
      // The case's steps (issue 8): what was proposed, answered, closed or noted, as typed.
      const amount = typeof d.amountMinor === 'number' ? ` (${money(d.amountMinor, str(d.currency) || 'SEK')})` : '';
      const resolution = d.resolution ? t(`cases:resolution.${str(d.resolution)}`, { defaultValue: str(d.resolution) }) : '';
      title = t(`timeline.kind.${item.kind}`, { topic: str(d.topic), resolution, amount });
      const said = str(d.text) || str(d.comment) || str(d.reason) || str(d.note);
      body = said ? (
        <p style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          <q>{said}</q>
        </p>
      ) : null;
      break;
    }
    case 'journey_closed':
      title = t(d.outcome === 'won' ? 'timeline.kind.journey_won' : 'timeline.kind.journey_lost');
      body = d.reason ? (
        <p>
          <q>{str(d.reason)}</q>
        </p>
      ) : null;
      break;
  }

  // A case's entries lead to the case's page.
  if (item.kind.startsWith('case_') && item.entityId) title = <Link to={`/cases/${item.entityId}`}>{title}</Link>;

  // What a buyer did in the room is marked as theirs (the server adds `buyer` to the entry's data).
  const buyer = d.buyer && typeof d.buyer === 'object' ? str((d.buyer as { name?: unknown }).name) : '';
  return (
    <li className={`timeline-item timeline-${item.kind}${buyer ? ' timeline-by-buyer' : ''}`}>
      <span className="timeline-icon" aria-hidden="true">
        {ICONS[item.kind] ?? '•'}
      </span>
      <div className="timeline-body">
        <p className="timeline-title">{title}</p>
        {body}
        <p className="timeline-meta muted">
          <time dateTime={item.at}>{dateTime(item.at)}</time>
          {buyer ? (
            <>
              {' '}
              · <span className="badge accent timeline-buyer">{t('timeline.byBuyer', { name: buyer })}</span>
            </>
          ) : (
            who && <> · {who}</>
          )}
        </p>
      </div>
    </li>
  );
}

function InteractionEntry({ item, journey, people, criterionText }: EntryProps) {
  const { t } = useTranslation('journey');
  const d = item.data;
  const channel = str(d.channel) as Channel;
  const outbound = d.direction === 'outbound';
  const contacts = (Array.isArray(d.contactIds) ? (d.contactIds as string[]) : []).map((id) => people.contactName(id) ?? t('timeline.unknownContact'));
  const purpose = d.purpose as { criterion?: string; concernId?: string; why?: string } | null | undefined;
  let purposeText: string | null = null;
  if (purpose?.criterion) purposeText = t('timeline.forCriterion', { text: criterionText(purpose.criterion) });
  else if (purpose?.concernId) purposeText = t('timeline.forConcern', { text: journey.concerns.find((c) => c.id === purpose.concernId)?.text ?? '—' });
  else if (purpose?.why) purposeText = t('timeline.forWhy', { text: purpose.why });
  const who = people.userName(str(d.createdBy) || item.actorId);

  return (
    <li className={`timeline-item timeline-interaction ${outbound ? 'outbound' : 'inbound'}`}>
      <span className="timeline-icon" aria-hidden="true">
        {outbound ? '↗' : '↙'}
      </span>
      <div className="timeline-body">
        <p className="timeline-title">
          {t(`common:channel.${channel}`, { defaultValue: channel })}
          <span className="muted"> · {t(outbound ? 'composer.outbound' : 'composer.inbound')}</span>
          {contacts.length > 0 && <span> · {t('timeline.with', { names: contacts.join(', ') })}</span>}
        </p>
        <p className="timeline-summary">{str(d.summary)}</p>
        {purposeText && (
          <p className="timeline-purpose">
            <span aria-hidden="true">◎ </span>
            {purposeText}
          </p>
        )}
        <p className="timeline-meta muted">
          <time dateTime={item.at}>{dateTime(item.at)}</time>
          {who && <> · {who}</>}
        </p>
      </div>
    </li>
  );
}
