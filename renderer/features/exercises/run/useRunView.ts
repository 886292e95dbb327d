/**
 * A run as it stands now, on a clock ticking every second. The tick never lags behind the run's
 * own events: a release written a moment ago shows at once rather than at the next tick.
 */
import { useMemo } from 'react';
import type { ExerciseRunState } from '../../../../shared/domain/exerciseClock';
import { toMs } from '../../../../shared/domain/time';
import { useNow } from '../../../components/useNow';
import { runStateAt, useExerciseRun, type ExerciseRunWithEvents } from '../../../data/exerciseQueries';

export type RunView = { entry: ExerciseRunWithEvents | null | undefined; state: ExerciseRunState | null; nowMs: number };

export function useRunView(runId: string): RunView {
  const entry = useExerciseRun(runId);
  const tick = useNow(1000);
  return useMemo(() => {
    if (!entry) return { entry, state: null, nowMs: tick };
    const latestEventMs = entry.events.reduce((latest, event) => Math.max(latest, toMs(event.at)), 0);
    const nowMs = Math.max(tick, latestEventMs);
    return { entry, state: runStateAt(entry, nowMs), nowMs };
  }, [entry, tick]);
}
