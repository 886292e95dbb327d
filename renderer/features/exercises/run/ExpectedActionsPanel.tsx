import type { ExerciseRunState } from '../../../../shared/domain/exerciseClock';
import type { FacilitatorScore } from '../../../../shared/domain/exerciseEvaluation';
import type { ExerciseScore } from '../../../../shared/domain/exerciseScoring';
import type { ExpectedActionCheckResult } from '../../../../shared/domain/expectedActions';
import { ExpectedActionRow } from './ExpectedActionRow';

type ExpectedActionsPanelProps = {
  runId: string;
  state: ExerciseRunState;
  autoResults: readonly ExpectedActionCheckResult[];
  facilitatorScores: readonly FacilitatorScore[];
  score: ExerciseScore;
  canScore: boolean;
};

/** The checklist of expected actions of each released inject, with the running score. */
export function ExpectedActionsPanel({ runId, state, autoResults, facilitatorScores, score, canScore }: ExpectedActionsPanelProps) {
  const released = state.injects.filter((inject) => state.released.has(inject.id) && inject.expectedActions.length > 0);
  const { earned, possible, percent } = score.overall;
  return (
    <section className="card run-section" aria-labelledby="run-expected-title">
      <h2 id="run-expected-title">Expected actions</h2>
      <p className="run-score" role="status">
        Score: {earned} of {possible}
        {percent === null ? '' : ` (${percent}%)`}
      </p>
      {released.length === 0 ? <p className="muted">Each released inject lists what players are expected to do, checked by the app where it can see it.</p> : null}
      {released.map((inject) => (
        <div key={inject.id} className="expected-inject">
          <h3 id={`expected-${inject.id}`}>
            {inject.mselNumber}. {inject.title}
          </h3>
          <ul aria-label={`Expected actions for ${inject.title}`} className="expected-actions">
            {inject.expectedActions.map((action) => (
              <ExpectedActionRow
                key={action.id}
                runId={runId}
                injectId={inject.id}
                action={action}
                result={autoResults.find((entry) => entry.injectId === inject.id && entry.expectedActionId === action.id)?.result ?? null}
                score={facilitatorScores.find((entry) => entry.injectId === inject.id && entry.expectedActionId === action.id)}
                state={state}
                canScore={canScore}
              />
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
