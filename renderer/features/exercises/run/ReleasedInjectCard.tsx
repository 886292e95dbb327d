import type { Inject } from '../../../../shared/domain/exerciseScenario';
import { injectChannelLabels } from '../../../../shared/domain/exerciseScenario';
import { formatExerciseMinutes } from './runFormat';

type ReleasedInjectCardProps = {
  inject: Inject;
  releasedAtMs: number;
  isLatest?: boolean;
  /** Absent on the presentation view, which has no controls. */
  acknowledgement?: { isAcknowledged: boolean; onAcknowledge: () => void };
};

/** One released inject as players see it: channel, who it is from and to, and what it says. */
export function ReleasedInjectCard({ inject, releasedAtMs, isLatest = false, acknowledgement }: ReleasedInjectCardProps) {
  const headingId = `released-${inject.id}`;
  return (
    <li className={isLatest ? 'released-inject released-inject-latest' : 'released-inject'} aria-labelledby={headingId}>
      <p className="released-inject-meta">
        <span className="released-inject-channel">{injectChannelLabels[inject.channel]}</span>
        {inject.fromPersona || inject.toAudience ? (
          <span>
            {' '}
            {inject.fromPersona || 'Unknown'} → {inject.toAudience || 'Everyone'}
          </span>
        ) : null}
        <span className="muted"> at {formatExerciseMinutes(releasedAtMs)}</span>
        {isLatest ? <span className="released-inject-new"> Latest</span> : null}
      </p>
      <h3 id={headingId}>{inject.title}</h3>
      <p className="released-inject-content">{inject.content}</p>
      {acknowledgement ? (
        acknowledgement.isAcknowledged ? (
          <p className="muted">Acknowledged</p>
        ) : (
          <button type="button" aria-label={`Acknowledge ${inject.title}`} onClick={acknowledgement.onAcknowledge}>
            Acknowledge
          </button>
        )
      ) : null}
    </li>
  );
}
