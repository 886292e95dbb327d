/**
 * Releases scheduled injects on time while a run screen is open: one timer set to the instant
 * the next inject falls due (nextReleaseAt), planned again whenever the run's events change.
 * Safe on several devices at once: releases have derived ids, so a second device writes nothing.
 */
import { useEffect, useState } from 'react';
import { nextReleaseAt } from '../../../../shared/domain/exerciseClock';
import { getDataEnvironment } from '../../../data/dataEnvironment';
import { releaseDueInjects } from '../../../data/exerciseRunCommands';
import type { ExerciseRunWithEvents } from '../../../data/exerciseQueries';

const longestTimeoutMs = 2 ** 31 - 1;

/** Returns the last release error (or null) so the screen can say why injects stopped coming. */
export function useInjectReleaser(entry: ExerciseRunWithEvents | null | undefined): string | null {
  const [error, setError] = useState<string | null>(null);
  // Bumped when a timer fired but nothing was due yet (a rounding of the clock), to plan again.
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (!entry) return;
    const environment = getDataEnvironment();
    const nowMs = environment.nowMs();
    const dueAt = nextReleaseAt(entry.run.scenario, entry.events, nowMs, entry.run.initialMultiplier);
    if (dueAt === null) return;
    let isCurrent = true;
    const timer = setTimeout(
      () => {
        void releaseDueInjects(environment, entry.run.id).then((result) => {
          if (!isCurrent) return;
          if (!result.ok) setError(`Injects could not be released: ${Object.values(result.errors).join(' ')}`);
          else {
            setError(null);
            if (result.value.length === 0) setAttempt((count) => count + 1);
          }
        });
      },
      Math.min(longestTimeoutMs, Math.max(0, dueAt - nowMs)),
    );
    return () => {
      isCurrent = false;
      clearTimeout(timer);
    };
  }, [entry, attempt]);
  return error;
}
