/** Screen 3: one buying journey — where the buyer is, what they still need, what worries them. */
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../api/client.ts';
import { useMe } from '../auth.tsx';
import { journeyKey, timelineKey, useJourney } from '../journey/api.ts';
import { ConcernsSection } from '../journey/concerns.tsx';
import { CriteriaSection } from '../journey/criteria.tsx';
import { JourneyHeader } from '../journey/journey-header.tsx';
import { PlanSection } from '../journey/plan.tsx';
import { PortalInvitesPanel } from '../journey/portal-invites.tsx';
import { RoomDialoguePanel } from '../journey/room-dialogue.tsx';
import { RoomSayPanel, sayKey } from '../journey/room-say.tsx';
import { TimelineSection } from '../journey/timeline.tsx';
import '../journey/journey.css';
import { useLive } from '../live.ts';
import { QuotesPanel } from '../quotes/quotes-panel.tsx';
import { ErrorMessage } from '../ui/problem.tsx';

export function JourneyPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('journey');
  const journey = useJourney(id);
  const me = useMe().data?.user;
  const missing = journey.error instanceof ApiError && journey.error.problem.status === 404;
  // The room's panels (the group's say, the invites a buyer makes) hear the buyers' changes too.
  useLive(missing ? null : `/api/v1/journeys/${encodeURIComponent(id)}/events`, [journeyKey(id), timelineKey(id), sayKey(id), ['portal-invites', id]]);

  if (journey.isPending) {
    return (
      <section className="page" aria-busy="true">
        <p className="loading" role="status">
          {t('loadingJourney')}
        </p>
      </section>
    );
  }
  if (missing) {
    return (
      <section className="page journey-missing">
        <h1>{t('notFound.title')}</h1>
        <p>{t('notFound.text')}</p>
        <p>
          <Link to="/board">{t('notFound.toBoard')}</Link>
        </p>
      </section>
    );
  }
  if (!journey.data) {
    return (
      <section className="page">
        <h1>{t('loadFailed')}</h1>
        <ErrorMessage error={journey.error} />
        <button type="button" onClick={() => void journey.refetch()}>
          {t('common:retry')}
        </button>
      </section>
    );
  }

  const j = journey.data;
  // Sellers change only their own journeys (the server says so too); others read.
  // Until we know who is signed in, nothing is offered for writing.
  const mayWrite = me !== undefined && (me.role !== 'seller' || me.id === j.ownerId);
  const writable = mayWrite && (j.status === 'open' || j.status === 'paused');
  return (
    <article className="page journey-page" aria-labelledby="journey-title">
      <JourneyHeader journey={j} writable={writable} readOnly={!mayWrite} />
      <div className="journey-grid">
        <div className="journey-main">
          <CriteriaSection journey={j} writable={writable} />
          <ConcernsSection journey={j} writable={writable} />
          <PlanSection journey={j} writable={writable} />
        </div>
        <TimelineSection journey={j} writable={writable} />
      </div>
      <QuotesPanel journey={j} writable={writable} mayAnswer={mayWrite} />
      <RoomSayPanel journey={j} />
      <RoomDialoguePanel journey={j} mayWrite={mayWrite} />
      <PortalInvitesPanel journey={j} mayInvite={writable} mayRevoke={mayWrite} />
    </article>
  );
}
