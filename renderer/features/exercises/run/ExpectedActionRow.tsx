import { useState } from 'react';
import { exerciseTimeAt, type ExerciseRunState } from '../../../../shared/domain/exerciseClock';
import type { FacilitatorScore } from '../../../../shared/domain/exerciseEvaluation';
import type { ExpectedAction } from '../../../../shared/domain/exerciseScenario';
import type { AutoCheckResult } from '../../../../shared/domain/expectedActions';
import { getDataEnvironment } from '../../../data/dataEnvironment';
import { scoreExpectedAction } from '../../../data/exerciseRecordCommands';
import { commandErrorText } from './commandError';
import { formatExerciseMinutes } from './runFormat';

function autoText(result: AutoCheckResult | null, state: ExerciseRunState): string {
  if (!result) return 'Checked by the facilitator';
  if (result.status === 'met' && result.atMs !== null) return `Met at ${formatExerciseMinutes(exerciseTimeAt(state.segments, result.atMs))} — ${result.evidence}`;
  if (result.status === 'missed') return `Missed — ${result.evidence}`;
  return 'Not yet';
}

type ExpectedActionRowProps = {
  runId: string;
  injectId: string;
  action: ExpectedAction;
  result: AutoCheckResult | null;
  score: FacilitatorScore | undefined;
  state: ExerciseRunState;
  canScore: boolean;
};

/** One expected action: what the app saw, and the facilitator's points. */
export function ExpectedActionRow({ runId, injectId, action, result, score, state, canScore }: ExpectedActionRowProps) {
  const [points, setPoints] = useState(score ? String(score.points) : '');
  const [message, setMessage] = useState<{ text: string; isError: boolean } | null>(null);
  const status = result?.status ?? 'manual';
  const inputId = `score-${injectId}-${action.id}`;

  const save = async () => {
    const value = Number(points);
    if (points.trim() === '' || !Number.isInteger(value)) {
      setMessage({ text: `Enter whole points from 0 to ${action.points}.`, isError: true });
      return;
    }
    const saved = await scoreExpectedAction(getDataEnvironment(), runId, injectId, action.id, value);
    const error = commandErrorText(saved);
    setMessage(error ? { text: error, isError: true } : { text: `Scored ${value} of ${action.points}.`, isError: false });
  };

  return (
    <li className={`expected-action expected-action-${status}`}>
      <div>
        <strong>{action.description}</strong> <span className="muted">({action.points} points)</span>
      </div>
      <div className="expected-action-status" data-testid="expected-action-status">
        {autoText(result, state)}
      </div>
      {score ? (
        <div className="muted">
          Facilitator: {score.points} of {action.points} by {score.by.name}
        </div>
      ) : null}
      {canScore ? (
        <div className="form-row">
          <label htmlFor={inputId} className="visually-hidden">
            Points for {action.description}
          </label>
          <input id={inputId} type="number" min={0} max={action.points} step={1} value={points} onChange={(event) => setPoints(event.target.value)} className="score-input" />
          <span className="muted">of {action.points}</span>
          <button type="button" aria-label={`Save score for ${action.description}`} onClick={() => void save()}>
            Save score
          </button>
        </div>
      ) : null}
      {message ? (
        <p className={message.isError ? 'form-error' : 'muted'} role={message.isError ? 'alert' : 'status'}>
          {message.text}
        </p>
      ) : null}
    </li>
  );
}
