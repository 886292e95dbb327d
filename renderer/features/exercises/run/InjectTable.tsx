import { useState } from 'react';
import { injectDueExerciseMs, type ExerciseRunState } from '../../../../shared/domain/exerciseClock';
import { injectChannelLabels, type Inject } from '../../../../shared/domain/exerciseScenario';
import { getDataEnvironment } from '../../../data/dataEnvironment';
import { releaseInject } from '../../../data/exerciseRunCommands';
import { commandErrorText } from './commandError';
import { formatExerciseMinutes } from './runFormat';

function dueText(inject: Inject, state: ExerciseRunState): string {
  const dueMs = injectDueExerciseMs(inject, state.released);
  if (dueMs !== null) return formatExerciseMinutes(dueMs);
  if (inject.release.kind === 'manual') return 'By hand';
  const predecessor = inject.release.kind === 'after' ? state.injects.find((candidate) => candidate.id === (inject.release as { injectId: string }).injectId) : undefined;
  return `${inject.release.minutes} min after inject ${predecessor?.mselNumber ?? '?'}`;
}

function statusText(inject: Inject, state: ExerciseRunState): string {
  const release = state.released.get(inject.id);
  if (release) return `Released at ${formatExerciseMinutes(release.exerciseMs)}${release.manual ? ' by hand' : ''}`;
  return inject.release.kind === 'manual' ? 'Manual' : 'Scheduled';
}

/** The master scenario events list: every inject, when it is due and whether it is out. */
export function InjectTable({ runId, state, canRelease }: { runId: string; state: ExerciseRunState; canRelease: boolean }) {
  const [error, setError] = useState<string | null>(null);
  const isLive = state.status === 'running' || state.status === 'paused';
  return (
    <section className="card run-section" aria-labelledby="run-injects-title">
      <h2 id="run-injects-title">Injects</h2>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <table className="run-table" aria-labelledby="run-injects-title">
        <thead>
          <tr>
            <th scope="col">MSEL #</th>
            <th scope="col">Due at</th>
            <th scope="col">Channel</th>
            <th scope="col">Title</th>
            <th scope="col">Status</th>
            {canRelease ? <th scope="col">Release</th> : null}
          </tr>
        </thead>
        <tbody>
          {state.injects.map((inject) => {
            const isReleased = state.released.has(inject.id);
            return (
              <tr key={inject.id} className={isReleased ? 'run-inject-released' : undefined}>
                <td>{inject.mselNumber}</td>
                <td>{dueText(inject, state)}</td>
                <td>{injectChannelLabels[inject.channel]}</td>
                <td>{inject.title}</td>
                <td>{statusText(inject, state)}</td>
                {canRelease ? (
                  <td>
                    {isReleased ? null : (
                      <button
                        type="button"
                        disabled={!isLive}
                        aria-label={`Release ${inject.title} now`}
                        onClick={() => void releaseInject(getDataEnvironment(), runId, inject.id, true).then((result) => setError(commandErrorText(result)))}
                      >
                        Release now
                      </button>
                    )}
                  </td>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
