import { timeOnHoldMs, type Incident } from '../../../shared/domain/incident';
import { formatDuration } from '../../components/formatTime';
import { Timestamp } from '../../components/Timestamp';
import { useNow } from '../../components/useNow';

const rows = [
  ['startedAt', 'Started'],
  ['detectedAt', 'Detected'],
  ['reportedAt', 'Reported'],
  ['acknowledgedAt', 'Acknowledged'],
  ['containedAt', 'Contained'],
  ['resolvedAt', 'Resolved'],
  ['closedAt', 'Closed'],
  ['cancelledAt', 'Cancelled'],
] as const;

export function LifecycleTimestamps({ incident }: { incident: Incident }) {
  const now = useNow();
  const onHold = timeOnHoldMs(incident.holdIntervals, now);
  return (
    <section aria-labelledby="lifecycle-times-title" className="card">
      <h2 id="lifecycle-times-title">Lifecycle times</h2>
      <dl className="facts" data-testid="lifecycle-times">
        {rows.map(([field, label]) => (
          <div key={field} className="fact-row">
            <dt>{label}</dt>
            <dd>{incident[field] ? <Timestamp iso={incident[field]} /> : <span className="muted">—</span>}</dd>
          </div>
        ))}
        <div className="fact-row">
          <dt>Time on hold</dt>
          <dd>{incident.holdIntervals.length > 0 ? formatDuration(onHold) : <span className="muted">none</span>}</dd>
        </div>
      </dl>
    </section>
  );
}
