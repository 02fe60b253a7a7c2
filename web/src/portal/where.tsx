/** Where we are: the stage path in the buyer's words, what is done and next, and the criteria a buyer may confirm. */
import { call } from './api.ts';
import { useAction } from './data.tsx';
import { fill, useWords } from './lang.tsx';
import { isClosed, type Room } from './types.ts';
import { ErrorLine, Section } from './ui.tsx';

export function WhereSection({ room }: { room: Room }) {
  const { s } = useWords();
  const confirm = useAction((key: string) => call('POST', `/criteria/${encodeURIComponent(key)}/confirm`, {}));
  const i = room.stages.findIndex((st) => st.state === 'current');
  const next = i >= 0 ? room.stages[i + 1] : undefined;
  return (
    <Section id="where" title={s.where.title}>
      <ol className="room-stages" aria-label={s.where.path}>
        {room.stages.map((st) => (
          <li key={st.key} className={`room-stage ${st.state}`} aria-current={st.state === 'current' ? 'step' : undefined}>
            <span className="room-stage-mark" aria-hidden="true">
              {st.state === 'done' ? '✓' : st.state === 'current' ? '●' : '○'}
            </span>
            <span className="room-stage-name">{st.name}</span>
            <span className="visually-hidden"> ({s.where[st.state]})</span>
          </li>
        ))}
      </ol>
      <p className="room-now">
        <strong>{fill(s.where.now, { stage: room.currentStage.name })}</strong> {next ? fill(s.where.next, { stage: next.name }) : s.where.last}
      </p>
      <h3>
        {s.where.criteria} <span className="room-count">{fill(s.where.ready, { met: room.readiness.met, total: room.readiness.total })}</span>
      </h3>
      {room.criteria.length === 0 ? (
        <p className="room-muted">{s.where.noCriteria}</p>
      ) : (
        <ul className="room-criteria">
          {room.criteria.map((c) => (
            <li key={c.key} className={c.met ? 'met' : 'open'}>
              <span className="room-mark" aria-hidden="true">
                {c.met ? '✓' : '○'}
              </span>
              <span className="room-criterion-text">
                <span className="visually-hidden">{c.met ? s.where.met : s.where.notMet}: </span>
                {c.text}
                {c.confirmedBy && <span className="room-muted"> — {fill(s.where.confirmedBy, { name: c.confirmedBy.name })}</span>}
              </span>
              {c.confirmable && !c.met && !isClosed(room) && (
                <button type="button" className="room-button small" aria-label={fill(s.where.confirmLabel, { text: c.text })} disabled={confirm.busy} onClick={() => void confirm.act(c.key)}>
                  {s.where.confirm}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <ErrorLine error={confirm.error} />
    </Section>
  );
}
