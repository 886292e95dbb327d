import { useState, type FormEvent } from 'react';
import { observationKindLabels, observationKinds, type ObservationKind } from '../../../../shared/domain/exerciseEvaluation';
import type { ScenarioObjective } from '../../../../shared/domain/exerciseScenario';
import { optionsOf, SelectField } from '../../../components/SelectField';
import { getDataEnvironment } from '../../../data/dataEnvironment';
import { addObservation } from '../../../data/exerciseRecordCommands';
import { FieldError } from '../../../components/FieldError';

/** An evaluator's observation: a strength or an area for improvement, tied to an objective if wanted. */
export function ObservationForm({ runId, objectives }: { runId: string; objectives: readonly ScenarioObjective[] }) {
  const [kind, setKind] = useState<ObservationKind>('strength');
  const [objectiveId, setObjectiveId] = useState('');
  const [text, setText] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await addObservation(getDataEnvironment(), runId, { kind, text, objectiveId: objectiveId === '' ? null : objectiveId, injectId: null });
    if (!result.ok) {
      setErrors(result.errors);
      return;
    }
    setErrors({});
    setText('');
  };

  return (
    <form className="form no-print" aria-label="Add an observation" onSubmit={(event) => void submit(event)} noValidate>
      {errors.form ? (
        <p className="form-error" role="alert">
          {errors.form}
        </p>
      ) : null}
      <div className="form-row">
        <SelectField id="observation-kind" label="Observation kind" value={kind} options={optionsOf(observationKinds, observationKindLabels)} onChange={setKind} />
        <SelectField
          id="observation-objective"
          label="Objective"
          value={objectiveId}
          options={[{ value: '', label: 'No particular objective' }, ...objectives.map((objective) => ({ value: objective.id, label: objective.text }))]}
          onChange={setObjectiveId}
        />
      </div>
      <div className="field">
        <label htmlFor="observation-text">Observation</label>
        <textarea id="observation-text" rows={2} value={text} aria-invalid={errors.text ? true : undefined} aria-describedby={errors.text ? 'observation-text-error' : undefined} onChange={(event) => setText(event.target.value)} />
        <FieldError id="observation-text-error" message={errors.text} />
      </div>
      <p className="form-actions">
        <button type="submit">Add observation</button>
      </p>
    </form>
  );
}
