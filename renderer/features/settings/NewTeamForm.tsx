import { useState, type FormEvent } from 'react';
import { FieldError } from '../../components/FieldError';
import { TextField } from '../../components/TextField';
import { getDataEnvironment } from '../../data/dataEnvironment';
import { createResponderTeam } from '../../data/teamCommands';

/** Creates a responder team. Focus stays in the form, so several teams can be made in a row. */
export function NewTeamForm({ onMessage }: { onMessage: (message: string) => void }) {
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await createResponderTeam(getDataEnvironment(), { name, description });
    if (!result.ok) {
      setErrors(result.errors);
      onMessage('');
      return;
    }
    setErrors({});
    setName('');
    setDescription('');
    onMessage(`Team "${result.value.name}" created. Add its members below its name.`);
    document.getElementById('new-team-name')?.focus();
  };

  return (
    <form className="form-row new-team-form" aria-label="New team" onSubmit={(event) => void submit(event)} noValidate>
      <TextField id="new-team-name" label="Team name" value={name} onChange={setName} error={errors.name} maxLength={120} />
      <TextField id="new-team-description" label="Description (optional)" value={description} onChange={setDescription} error={errors.description} />
      <div className="form-actions">
        <button type="submit" className="primary">
          Create team
        </button>
      </div>
      <FieldError id="new-team-error" message={errors.form} />
    </form>
  );
}
