import { useState, type FormEvent } from 'react';
import { canMoveCorrectiveAction, correctiveActionStatusLabels, correctiveActionStatuses, type CorrectiveAction, type CorrectiveActionStatus } from '../../../../shared/domain/correctiveAction';
import type { ScenarioObjective } from '../../../../shared/domain/exerciseScenario';
import { optionsOf, SelectField } from '../../../components/SelectField';
import { TextField } from '../../../components/TextField';
import { getDataEnvironment } from '../../../data/dataEnvironment';
import { addCorrectiveAction, moveCorrectiveAction } from '../../../data/exerciseRecordCommands';
import { commandErrorText } from './commandError';

/** The improvement plan: corrective actions with an owner and a due date, tracked until verified. */
export function CorrectiveActionsPanel({ runId, objectives, actions }: { runId: string; objectives: readonly ScenarioObjective[]; actions: readonly CorrectiveAction[] }) {
  const [title, setTitle] = useState('');
  const [owner, setOwner] = useState('');
  const [dueDate, setDueDate] = useState('');
  const [objectiveId, setObjectiveId] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [moveError, setMoveError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await addCorrectiveAction(getDataEnvironment(), runId, { title, owner, dueDate, objectiveId: objectiveId === '' ? null : objectiveId, observationId: null });
    if (!result.ok) {
      setErrors(result.errors);
      return;
    }
    setErrors({});
    setTitle('');
    setOwner('');
    setDueDate('');
  };

  return (
    <section className="card run-section no-print" aria-labelledby="corrective-title">
      <h2 id="corrective-title">Corrective actions</h2>
      <form className="form" aria-labelledby="corrective-title" onSubmit={(event) => void submit(event)} noValidate>
        {errors.form ? (
          <p className="form-error" role="alert">
            {errors.form}
          </p>
        ) : null}
        <TextField id="corrective-title-field" label="Title" value={title} onChange={setTitle} error={errors.title} maxLength={300} />
        <div className="form-row">
          <TextField id="corrective-owner" label="Owner" value={owner} onChange={setOwner} error={errors.owner} maxLength={120} />
          <TextField id="corrective-due" label="Due date" type="date" value={dueDate} onChange={setDueDate} error={errors.dueDate} />
          <SelectField
            id="corrective-objective"
            label="Objective"
            value={objectiveId}
            options={[{ value: '', label: 'No particular objective' }, ...objectives.map((objective) => ({ value: objective.id, label: objective.text }))]}
            onChange={setObjectiveId}
          />
        </div>
        <p className="form-actions">
          <button type="submit">Add corrective action</button>
        </p>
      </form>
      {moveError ? (
        <p className="form-error" role="alert">
          {moveError}
        </p>
      ) : null}
      {actions.length === 0 ? (
        <p className="muted">No corrective actions yet. Each one is tracked across exercises until someone verifies the fix works.</p>
      ) : (
        <ul aria-label="Corrective actions">
          {actions.map((action) => (
            <li key={action.id}>
              <strong>{action.title}</strong> — {action.owner}, due {action.dueDate}{' '}
              <select
                aria-label={`Status of ${action.title}`}
                value={action.status}
                onChange={(event) => void moveCorrectiveAction(getDataEnvironment(), action.id, event.target.value as CorrectiveActionStatus).then((result) => setMoveError(commandErrorText(result)))}
              >
                {optionsOf(correctiveActionStatuses, correctiveActionStatusLabels).map((option) => (
                  <option key={option.value} value={option.value} disabled={option.value !== action.status && !canMoveCorrectiveAction(action.status, option.value)}>
                    {option.label}
                  </option>
                ))}
              </select>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
