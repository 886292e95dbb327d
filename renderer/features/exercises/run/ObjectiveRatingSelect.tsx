import { useState } from 'react';
import { objectiveRatingLabels, objectiveRatings, type ObjectiveRating } from '../../../../shared/domain/exerciseEvaluation';
import type { ScenarioObjective } from '../../../../shared/domain/exerciseScenario';
import { getDataEnvironment } from '../../../data/dataEnvironment';
import { rateObjective } from '../../../data/exerciseRecordCommands';
import { commandErrorText } from './commandError';

/** The P/S/M/U rating of one objective; choosing saves it. */
export function ObjectiveRatingSelect({ runId, objective, rating }: { runId: string; objective: ScenarioObjective; rating: ObjectiveRating | null }) {
  const [error, setError] = useState<string | null>(null);
  const selectId = `rating-${objective.id}`;
  return (
    <li>
      <label htmlFor={selectId}>
        <span className="visually-hidden">Rating for </span>
        {objective.text}
      </label>{' '}
      <select
        id={selectId}
        aria-label={`Rating for ${objective.text}`}
        value={rating ?? ''}
        onChange={(event) => void rateObjective(getDataEnvironment(), runId, objective.id, event.target.value as ObjectiveRating).then((result) => setError(commandErrorText(result)))}
      >
        <option value="" disabled>
          Not rated
        </option>
        {objectiveRatings.map((value) => (
          <option key={value} value={value}>
            {value}: {objectiveRatingLabels[value]}
          </option>
        ))}
      </select>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </li>
  );
}
