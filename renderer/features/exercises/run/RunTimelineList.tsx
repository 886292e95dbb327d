import type { RunTimelineItem } from './runTimeline';
import { formatExerciseMinutes } from './runFormat';

const kindLabels: Record<RunTimelineItem['kind'], string> = {
  inject: 'Inject',
  incident: 'Incident',
  incident_entry: 'Response',
  decision: 'Decision',
  acknowledgement: 'Acknowledged',
};

/** The live timeline of injects and player activity, in exercise time. */
export function RunTimelineList({ items }: { items: readonly RunTimelineItem[] }) {
  return (
    <section className="card run-section" aria-labelledby="run-timeline-title">
      <h2 id="run-timeline-title">Run timeline</h2>
      {items.length === 0 ? (
        <p className="muted">Released injects and what players do appear here once the exercise starts.</p>
      ) : (
        <ol className="run-timeline" aria-label="Run timeline">
          {items.map((item) => (
            <li key={item.id} className={`run-timeline-item run-timeline-${item.kind}`}>
              <span className="run-timeline-time">{formatExerciseMinutes(item.exerciseMs)}</span> <span className="run-timeline-kind">{kindLabels[item.kind]}</span>{' '}
              <span>{item.text}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
