import {
  listServiceLevelState,
  listServiceLevelStateLabels,
  listServiceLevelTimeLeftMs,
  type ListServiceLevel,
} from '../../../shared/domain/listServiceLevel';
import { useNow } from '../../components/useNow';

const clockNames = { response: 'Response', resolution: 'Resolution' } as const;

/** "2 min 05 s": seconds matter in the last minutes before a breach, so the countdown shows them. */
export function formatCountdown(ms: number): string {
  const totalSeconds = Math.floor(Math.abs(ms) / 1000);
  const days = Math.floor(totalSeconds / 86_400);
  const hours = Math.floor((totalSeconds % 86_400) / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  if (days > 0) return `${days} d ${hours} h`;
  if (hours > 0) return `${hours} h ${String(minutes).padStart(2, '0')} min`;
  return `${minutes} min ${String(seconds).padStart(2, '0')} s`;
}

function Countdown({ level }: { level: ListServiceLevel }) {
  // Only rows on screen mount this (the list is virtualised), and they share one timer.
  const nowMs = useNow(1000);
  const state = listServiceLevelState(level, nowMs);
  const leftMs = listServiceLevelTimeLeftMs(level, nowMs);
  const clock = clockNames[level.clock];
  const text =
    state === 'breached'
      ? `${clock} over by ${formatCountdown(leftMs)}`
      : state === 'paused'
        ? `${clock} paused, ${formatCountdown(leftMs)} left`
        : `${clock} due in ${formatCountdown(leftMs)}`;
  return (
    <span className={`row-sla sla-${state}`} data-testid="row-sla">
      <span className="sla-state">{listServiceLevelStateLabels[state]}</span> {text}
    </span>
  );
}

/** The list row's service-level column: state and live time left, or nothing once clocks stop. */
export function ServiceLevelCountdown({ level }: { level: ListServiceLevel | null }) {
  return level === null ? null : <Countdown level={level} />;
}
