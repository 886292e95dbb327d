import type { Incident } from '../../../shared/domain/incident';
import {
  computeServiceLevelWithPolicy,
  serviceLevelStateLabels,
  type ServiceLevelClock,
} from '../../../shared/domain/serviceLevel';
import { formatDuration } from '../../components/formatTime';
import { Timestamp } from '../../components/Timestamp';
import { useNow } from '../../components/useNow';
import { useServiceLevelPolicy } from '../../data/serviceLevelPolicy';

/** What the number next to the state means, in words. */
function describe(clock: ServiceLevelClock): string {
  switch (clock.state) {
    case 'running':
    case 'warning':
      return `${formatDuration(Math.max(0, clock.remainingMs))} left`;
    case 'paused':
      return `${formatDuration(Math.max(0, clock.remainingMs))} left when resumed`;
    case 'breached':
      return `${formatDuration(-clock.remainingMs)} over target`;
    case 'met':
      return `in ${formatDuration(clock.elapsedMs)} (target ${formatDuration(clock.targetMs)})`;
    case 'missed':
      return `after ${formatDuration(clock.elapsedMs)} (target ${formatDuration(clock.targetMs)})`;
  }
}

function ClockRow({ name, clock }: { name: string; clock: ServiceLevelClock }) {
  return (
    <div className={`sla-clock sla-${clock.state}`} data-testid={`sla-${name.toLowerCase()}`}>
      <dt>{name}</dt>
      <dd>
        <span className="sla-state">{serviceLevelStateLabels[clock.state]}</span> {describe(clock)}
        <meter aria-label={`${name} target used`} min={0} max={1} low={0.75} high={0.99} optimum={0} value={Math.min(1, clock.fractionElapsed)} />
        {clock.dueAtIso && (clock.state === 'running' || clock.state === 'warning') ? (
          <span className="muted small-text">
            {' '}
            due <Timestamp iso={clock.dueAtIso} />
          </span>
        ) : null}
        {clock.pause ? <span className="muted small-text"> on hold: {clock.pause.reason}</span> : null}
      </dd>
    </div>
  );
}

/**
 * Response and resolution clocks against the service targets, counting down live. Time on hold
 * does not count. Cancelled incidents have no clocks.
 */
export function ServiceLevelClocks({ incident }: { incident: Incident }) {
  const policy = useServiceLevelPolicy();
  const now = useNow(1000);
  if (incident.stage === 'cancelled') return null;
  const level = computeServiceLevelWithPolicy(incident, policy, new Date(Math.max(now, Date.parse(incident.reportedAt))).toISOString());
  return (
    <dl className="sla-clocks" aria-label="Service level">
      <ClockRow name="Response" clock={level.response} />
      <ClockRow name="Resolution" clock={level.resolution} />
    </dl>
  );
}
