import { useState, type FormEvent } from 'react';
import type { ResponderTeam } from '../../../shared/domain/team';
import { FieldError } from '../../components/FieldError';
import { TextField } from '../../components/TextField';
import { getDataEnvironment } from '../../data/dataEnvironment';
import { updateResponderTeamDetails } from '../../data/teamCommands';

type TeamDetailsFormProps = { team: ResponderTeam; onDone: (message: string | null) => void };

/** Renames a team or changes its description, in place; Esc or Cancel leaves it as it was. */
export function TeamDetailsForm({ team, onDone }: TeamDetailsFormProps) {
  const [name, setName] = useState(team.name);
  const [description, setDescription] = useState(team.description);
  const [errors, setErrors] = useState<Record<string, string>>({});

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await updateResponderTeamDetails(getDataEnvironment(), team.id, { name, description });
    if (!result.ok) {
      setErrors(result.errors);
      return;
    }
    onDone(`Team "${result.value.name}" saved.`);
  };

  return (
    <form
      className="form-row"
      aria-label={`Edit team ${team.name}`}
      onSubmit={(event) => void submit(event)}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          onDone(null);
        }
      }}
      noValidate
    >
      <TextField id={`team-${team.id}-name`} label="Team name" value={name} onChange={setName} error={errors.name} maxLength={120} autoFocus />
      <TextField id={`team-${team.id}-description`} label="Description" value={description} onChange={setDescription} error={errors.description} />
      <div className="form-actions">
        <button type="submit" className="primary">
          Save team
        </button>
        <button type="button" onClick={() => onDone(null)}>
          Cancel
        </button>
      </div>
      <FieldError id={`team-${team.id}-details-error`} message={errors.form} />
    </form>
  );
}
