import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import type { ExerciseMode, ScenarioRecord } from '../../../shared/domain/exerciseRecords';
import { Dialog } from '../../components/Dialog';
import { TextField } from '../../components/TextField';
import { getDataEnvironment } from '../../data/dataEnvironment';
import { createExerciseRun } from '../../data/exerciseRunCommands';
import { defaultRunTitle, runSpeeds } from './scenarioDisplay';

type StartRunDialogProps = { scenario: ScenarioRecord; isOpen: boolean; onClose: () => void };

const modeChoices: { value: ExerciseMode; label: string }[] = [
  { value: 'room', label: 'Room mode (one screen)' },
  { value: 'team', label: 'Team mode (players on their own laptops)' },
];

/** Makes a run of this scenario version and opens its console; the clock starts there, not here. */
export function StartRunDialog({ scenario, isOpen, onClose }: StartRunDialogProps) {
  const navigate = useNavigate();
  const [title, setTitle] = useState(() => defaultRunTitle(scenario.title, new Date()));
  const [mode, setMode] = useState<ExerciseMode>('room');
  const [speed, setSpeed] = useState('1');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [isBusy, setIsBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setIsBusy(true);
    try {
      const result = await createExerciseRun(getDataEnvironment(), { scenarioId: scenario.id, title, mode, initialMultiplier: Number(speed), scheduledFor: null });
      if (result.ok) void navigate(`/exercises/runs/${result.value.id}`);
      else setErrors(result.errors);
    } catch (error) {
      setErrors({ form: `The run was not created: ${error instanceof Error ? error.message : String(error)}.` });
    } finally {
      setIsBusy(false);
    }
  };

  const otherErrors = Object.entries(errors).filter(([field]) => field !== 'title');
  return (
    <Dialog title="Start a run" isOpen={isOpen} onClose={onClose}>
      <form className="form" onSubmit={(event) => void submit(event)} noValidate>
        <TextField id="run-title" label="Run title" value={title} onChange={setTitle} error={errors.title} />
        <fieldset className="field">
          <legend>Mode</legend>
          {modeChoices.map((choice) => (
            <label key={choice.value} className="radio">
              <input type="radio" name="run-mode" value={choice.value} checked={mode === choice.value} onChange={() => setMode(choice.value)} />
              {choice.label}
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor="run-speed">Speed</label>
          <select id="run-speed" value={speed} onChange={(event) => setSpeed(event.target.value)}>
            {runSpeeds.map((value) => (
              <option key={value} value={String(value)}>
                {value}x
              </option>
            ))}
          </select>
        </div>
        {otherErrors.length > 0 ? (
          <div role="alert" className="form-error">
            {otherErrors.map(([field, message]) => (
              <p key={field}>{message} Nothing was created.</p>
            ))}
          </div>
        ) : null}
        <div className="form-actions">
          <button type="submit" className="primary" disabled={isBusy}>
            Create run
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
