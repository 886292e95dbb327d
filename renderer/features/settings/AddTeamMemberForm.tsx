import { useState, type FormEvent } from 'react';
import type { PersonRef } from '../../../shared/domain/people';
import { teamMemberRoleLabels, teamMemberRoles, type ResponderTeam, type TeamMemberRole } from '../../../shared/domain/team';
import { FieldError } from '../../components/FieldError';
import { optionsOf, SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import { getDataEnvironment } from '../../data/dataEnvironment';
import { addTeamMember } from '../../data/teamCommands';

/** The choice that reveals the name field for someone the device does not know yet. */
const someoneNew = 'new';

type AddTeamMemberFormProps = {
  team: ResponderTeam;
  /** Everyone the device knows; those already in the team are left out of the choice. */
  people: readonly PersonRef[];
  onMessage: (message: string) => void;
};

/** Adds a known person, or someone new by name, to a team with a role. */
export function AddTeamMemberForm({ team, people, onMessage }: AddTeamMemberFormProps) {
  const candidates = people.filter((person) => !team.members.some((member) => member.person.id === person.id));
  const [choice, setChoice] = useState('');
  const [newName, setNewName] = useState('');
  const [role, setRole] = useState<TeamMemberRole>('member');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const personFieldId = `team-${team.id}-add-person`;
  const newNameFieldId = `team-${team.id}-new-person`;
  // With nobody left to choose, the only way is someone new.
  const effectiveChoice = candidates.length === 0 ? someoneNew : choice;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const person = candidates.find((candidate) => candidate.id === effectiveChoice);
    if (effectiveChoice === '') {
      setErrors({ person: 'Choose a person, or "Someone new" to type a name' });
      return;
    }
    const input = effectiveChoice === someoneNew ? { newPersonName: newName, role } : { person, role };
    const result = await addTeamMember(getDataEnvironment(), team.id, input);
    if (!result.ok) {
      setErrors(result.errors);
      return;
    }
    const added = result.value.members.at(-1)!;
    setErrors({});
    setChoice('');
    setNewName('');
    setRole('member');
    onMessage(`${added.person.name} added to ${result.value.name} as ${teamMemberRoleLabels[added.role].toLowerCase()}.`);
    document.getElementById(personFieldId)?.focus();
  };

  return (
    <form className="form-row add-member-form" aria-label={`Add a member to ${team.name}`} onSubmit={(event) => void submit(event)} noValidate>
      <SelectField
        id={personFieldId}
        label="Person"
        value={effectiveChoice}
        options={[
          ...(candidates.length > 0 ? [{ value: '', label: 'Choose…' }] : []),
          ...candidates.map((person) => ({ value: person.id, label: person.name })),
          { value: someoneNew, label: 'Someone new…' },
        ]}
        onChange={(next) => {
          setChoice(next);
          setErrors({});
        }}
        error={effectiveChoice === someoneNew ? undefined : errors.person}
      />
      {effectiveChoice === someoneNew ? (
        <TextField
          id={newNameFieldId}
          label="New person's name"
          value={newName}
          onChange={setNewName}
          error={errors.newPersonName ?? errors.person}
          maxLength={120}
          autoComplete="off"
        />
      ) : null}
      <SelectField id={`team-${team.id}-add-role`} label="Role" value={role} options={optionsOf(teamMemberRoles, teamMemberRoleLabels)} onChange={setRole} error={errors.role} />
      <div className="form-actions">
        <button type="submit">Add member</button>
      </div>
      <FieldError id={`team-${team.id}-add-error`} message={errors.form} />
    </form>
  );
}
