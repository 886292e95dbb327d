import { useState, type FormEvent } from 'react';
import { escalationLevelLabels, escalationLevels, type EscalationLevel } from '../../../shared/domain/escalation';
import type { Incident } from '../../../shared/domain/incident';
import type { PersonRef } from '../../../shared/domain/people';
import { teamMemberRoleLabels } from '../../../shared/domain/team';
import { Dialog } from '../../components/Dialog';
import { FieldError } from '../../components/FieldError';
import { optionsOf, SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import { getDataEnvironment } from '../../data/dataEnvironment';
import { useActiveResponderTeams } from '../../data/escalationTeams';
import { takeLifecycleAction } from '../../data/incidentCommands';
import { useAssigneeOptions } from '../../data/useIncidentList';

type EscalateDialogProps = { incident: Incident; onClose: () => void };

/** The choice that reveals the free-text "Escalate to" field. */
const otherChoice = 'other';

/**
 * Escalate: functional (the incident moves to a specialist team) or hierarchical (the lead or
 * manager of its team, or a named person, is told), always with a reason. A party the app does
 * not know (an outside vendor, a duty manager by title) can be typed instead.
 */
export function EscalateDialog({ incident, onClose }: EscalateDialogProps) {
  const teams = useActiveResponderTeams();
  const assignees = useAssigneeOptions();
  const [level, setLevel] = useState<EscalationLevel>('functional');
  const [teamChoice, setTeamChoice] = useState('');
  const [recipientChoice, setRecipientChoice] = useState('lead');
  const [target, setTarget] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});

  const otherTeams = teams.filter((team) => team.id !== incident.routedTeam?.id);
  const teamOptions = [
    ...(otherTeams.length > 0 ? [{ value: '', label: 'Choose a team…' }] : []),
    ...otherTeams.map((team) => ({ value: team.id, label: team.name })),
    { value: otherChoice, label: 'Another team or party (type it below)' },
  ];
  // With no team to choose from, the only way is to type one.
  const chosenTeam = otherTeams.length === 0 ? otherChoice : teamChoice;

  // Team members first (with their role in the team), then anyone who has held an incident.
  const people = new Map<string, { person: PersonRef; label: string }>();
  for (const team of teams) {
    for (const member of team.members) {
      if (!people.has(member.person.id)) people.set(member.person.id, { person: member.person, label: `${member.person.name} (${teamMemberRoleLabels[member.role]}, ${team.name})` });
    }
  }
  for (const person of assignees) if (!people.has(person.id)) people.set(person.id, { person, label: person.name });
  const teamName = incident.routedTeam?.name ?? "the incident's team";
  const recipientOptions = [
    { value: 'lead', label: `The lead of ${teamName}` },
    { value: 'manager', label: `The manager of ${teamName}` },
    ...[...people.values()].map(({ person, label }) => ({ value: `person:${person.id}`, label })),
    { value: otherChoice, label: 'Someone else (type the name below)' },
  ];

  const isTyping = level === 'functional' ? chosenTeam === otherChoice : recipientChoice === otherChoice;

  const buildAction = (): Record<string, unknown> => {
    const base = { type: 'escalate', level, reason };
    if (isTyping) return { ...base, target };
    if (level === 'functional') {
      const team = otherTeams.find((candidate) => candidate.id === chosenTeam);
      return team ? { ...base, team: { id: team.id, name: team.name } } : base;
    }
    if (recipientChoice === 'lead' || recipientChoice === 'manager') return { ...base, recipient: { kind: recipientChoice } };
    const person = people.get(recipientChoice.slice('person:'.length))?.person;
    return person ? { ...base, recipient: { kind: 'person', person } } : base;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await takeLifecycleAction(getDataEnvironment(), incident.id, buildAction());
    if (!result.ok) {
      setErrors(result.errors);
      return;
    }
    onClose();
  };

  // With the text field hidden, a "name who" error belongs to the list the person chooses from.
  const choiceError = level === 'functional' ? (errors.team ?? (isTyping ? undefined : errors.target)) : (errors.recipient ?? errors['recipient.kind'] ?? (isTyping ? undefined : errors.target));

  return (
    <Dialog title={`Escalate ${incident.reference}`} isOpen onClose={onClose}>
      <form className="form" onSubmit={submit} noValidate>
        {errors.form ? (
          <p className="form-error" role="alert">
            {errors.form}
          </p>
        ) : null}
        <SelectField
          id="action-escalation-level"
          label="Escalation"
          value={level}
          options={optionsOf(escalationLevels, escalationLevelLabels)}
          onChange={(next) => {
            setLevel(next);
            setErrors({});
          }}
          error={errors.level}
        />
        {level === 'functional' && otherTeams.length > 0 ? (
          <SelectField id="action-escalation-team" label="Team" value={chosenTeam} options={teamOptions} onChange={setTeamChoice} error={choiceError} />
        ) : null}
        {level === 'hierarchical' ? (
          <SelectField id="action-escalation-recipient" label="Person" value={recipientChoice} options={recipientOptions} onChange={setRecipientChoice} error={choiceError} />
        ) : null}
        {isTyping ? <TextField id="action-escalation-target" label="Escalate to" value={target} onChange={setTarget} error={errors.target ?? (level === 'functional' ? errors.team : undefined)} maxLength={120} /> : null}
        <div className="field">
          <label htmlFor="action-escalation-reason">Reason</label>
          <textarea
            id="action-escalation-reason"
            rows={3}
            value={reason}
            aria-invalid={Boolean(errors.reason)}
            aria-describedby={errors.reason ? 'action-escalation-reason-error' : undefined}
            onChange={(event) => setReason(event.target.value)}
          />
          <FieldError id="action-escalation-reason-error" message={errors.reason} />
        </div>
        {level === 'functional' ? <p className="muted small-text">The incident moves to the team you choose; the timeline records who escalated it and why.</p> : null}
        <div className="form-actions">
          <button type="submit" className="primary">
            Escalate
          </button>
          <button type="button" onClick={onClose}>
            Back
          </button>
        </div>
      </form>
    </Dialog>
  );
}
