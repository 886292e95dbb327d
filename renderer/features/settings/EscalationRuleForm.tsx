import { useState, type FormEvent } from 'react';
import { priorities, type Priority } from '../../../shared/domain/priority';
import { incidentKindLabels, incidentKinds, type IncidentKind } from '../../../shared/domain/taxonomy';
import { optionsOf, SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import { getDataEnvironment } from '../../data/dataEnvironment';
import { addEscalationRule } from '../../data/escalationRules';
import { useActiveResponderTeams } from '../../data/escalationTeams';
import { useAssigneeOptions } from '../../data/useIncidentList';

const triggerChoices = ['response-warning', 'response-breached', 'resolution-warning', 'resolution-breached', 'unacknowledged'] as const;
type TriggerChoice = (typeof triggerChoices)[number];
const triggerLabels: Record<TriggerChoice, string> = {
  'response-warning': 'Response clock at risk',
  'response-breached': 'Response target breached',
  'resolution-warning': 'Resolution clock at risk',
  'resolution-breached': 'Resolution target breached',
  unacknowledged: 'Not acknowledged for some minutes',
};

type ActionChoice = 'lead' | 'manager' | 'person' | 'functional';

function triggerOf(choice: TriggerChoice, minutes: string): Record<string, unknown> {
  if (choice === 'unacknowledged') return { type: 'unacknowledged', minutes: minutes.trim() === '' ? Number.NaN : Number(minutes) };
  const [clock, state] = choice.split('-') as ['response' | 'resolution', 'warning' | 'breached'];
  return { type: 'serviceLevel', clock, state };
}

/** Adds one rule: a trigger, optional conditions, and what it does. */
/** `onSubmitted` gets the name of the rule added, or null when the form was refused (its errors show beside the fields). */
export function EscalationRuleForm({ onSubmitted }: { onSubmitted: (addedName: string | null) => void }) {
  const teams = useActiveResponderTeams();
  const assignees = useAssigneeOptions();
  const [name, setName] = useState('');
  const [trigger, setTrigger] = useState<TriggerChoice>('response-warning');
  const [minutes, setMinutes] = useState('30');
  const [chosenPriorities, setChosenPriorities] = useState<Priority[]>([]);
  const [kind, setKind] = useState<IncidentKind | 'any'>('any');
  const [teamCondition, setTeamCondition] = useState('any');
  const [action, setAction] = useState<ActionChoice>('lead');
  const [personId, setPersonId] = useState('');
  const [targetTeamId, setTargetTeamId] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});

  const people = new Map<string, { id: string; name: string }>();
  for (const team of teams) for (const member of team.members) people.set(member.person.id, member.person);
  for (const person of assignees) if (!people.has(person.id)) people.set(person.id, person);
  const actionOptions: { value: ActionChoice; label: string }[] = [
    { value: 'lead', label: "Notify the lead of the incident's team" },
    { value: 'manager', label: "Notify the manager of the incident's team" },
    ...(people.size > 0 ? [{ value: 'person' as const, label: 'Notify a named person' }] : []),
    ...(teams.length > 0 ? [{ value: 'functional' as const, label: 'Move the incident to a team (functional)' }] : []),
  ];
  const teamRef = (teamId: string) => {
    const team = teams.find((candidate) => candidate.id === teamId);
    return team ? { id: team.id, name: team.name } : undefined;
  };

  const buildAction = (): Record<string, unknown> => {
    if (action === 'functional') return { level: 'functional', team: teamRef(targetTeamId), reason };
    if (action === 'person') return { level: 'hierarchical', recipient: { kind: 'person', person: people.get(personId) } };
    return { level: 'hierarchical', recipient: { kind: action } };
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const conditionTeam = teamRef(teamCondition);
    const result = await addEscalationRule(getDataEnvironment(), {
      name,
      isEnabled: true,
      trigger: triggerOf(trigger, minutes),
      conditions: {
        ...(chosenPriorities.length > 0 ? { priorities: chosenPriorities } : {}),
        ...(kind === 'any' ? {} : { kinds: [kind] }),
        ...(conditionTeam ? { teams: [conditionTeam] } : {}),
      },
      action: buildAction(),
    });
    if (!result.ok) {
      setErrors(result.errors);
      onSubmitted(null);
      return;
    }
    setErrors({});
    setName('');
    setChosenPriorities([]);
    setReason('');
    onSubmitted(result.value.name);
  };

  const togglePriority = (priority: Priority, isChecked: boolean) =>
    setChosenPriorities(priorities.filter((candidate) => (candidate === priority ? isChecked : chosenPriorities.includes(candidate))));

  const actionError = errors.action ?? errors['action.recipient'] ?? errors['action.recipient.person'] ?? errors['action.team'];

  return (
    <form className="form" onSubmit={(event) => void submit(event)} noValidate aria-label="New escalation rule">
      <h3>Add a rule</h3>
      {errors.form ? (
        <p className="form-error" role="alert">
          {errors.form}
        </p>
      ) : null}
      <div className="form-row">
        <TextField id="escalation-rule-name" label="Rule name" value={name} onChange={setName} error={errors.name} maxLength={120} />
        <SelectField id="escalation-rule-trigger" label="When" value={trigger} options={optionsOf(triggerChoices, triggerLabels)} onChange={setTrigger} error={errors.trigger} />
        {trigger === 'unacknowledged' ? (
          <TextField id="escalation-rule-minutes" label="Minutes without acknowledgement" type="number" min={1} step={1} value={minutes} onChange={setMinutes} error={errors['trigger.minutes']} />
        ) : null}
      </div>
      <div className="form-row">
        <fieldset className="checkbox-group">
          <legend>Only for priorities (none ticked: any)</legend>
          {priorities.map((priority) => (
            <label key={priority}>
              <input type="checkbox" checked={chosenPriorities.includes(priority)} onChange={(event) => togglePriority(priority, event.target.checked)} /> {priority}
            </label>
          ))}
        </fieldset>
        <SelectField
          id="escalation-rule-kind"
          label="Only for kind"
          value={kind}
          options={[{ value: 'any', label: 'Any kind' }, ...optionsOf(incidentKinds, incidentKindLabels)]}
          onChange={setKind}
        />
        {teams.length > 0 ? (
          <SelectField
            id="escalation-rule-team"
            label="Only for the team"
            value={teamCondition}
            options={[{ value: 'any', label: 'Any team' }, ...teams.map((team) => ({ value: team.id, label: team.name }))]}
            onChange={setTeamCondition}
          />
        ) : null}
      </div>
      <div className="form-row">
        <SelectField id="escalation-rule-action" label="Then" value={action} options={actionOptions} onChange={setAction} error={action === 'person' || action === 'functional' ? undefined : actionError} />
        {action === 'person' ? (
          <SelectField
            id="escalation-rule-person"
            label="Person"
            value={personId}
            options={[{ value: '', label: 'Choose a person…' }, ...[...people.values()].map((person) => ({ value: person.id, label: person.name }))]}
            onChange={setPersonId}
            error={actionError}
          />
        ) : null}
        {action === 'functional' ? (
          <>
            <SelectField
              id="escalation-rule-target-team"
              label="Team"
              value={targetTeamId}
              options={[{ value: '', label: 'Choose a team…' }, ...teams.map((team) => ({ value: team.id, label: team.name }))]}
              onChange={setTargetTeamId}
              error={actionError}
            />
            <TextField id="escalation-rule-reason" label="Why it moves" value={reason} onChange={setReason} error={errors['action.reason']} maxLength={500} />
          </>
        ) : null}
      </div>
      {teams.length === 0 ? (
        <p className="muted small-text">
          Without responder teams on this device, a rule notifies the team leads (people whose role is lead or administrator); add teams to move incidents
          between them or to reach a team&apos;s own lead.
        </p>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="primary">
          Add escalation rule
        </button>
      </div>
    </form>
  );
}
