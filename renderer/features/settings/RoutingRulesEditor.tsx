import { useState, type FormEvent } from 'react';
import { priorities, type Priority } from '../../../shared/domain/priority';
import { validateRoutingRule, type RoutingRule } from '../../../shared/domain/routing';
import type { ResponderTeam } from '../../../shared/domain/team';
import { incidentCategories, incidentCategoryLabels, type IncidentCategory } from '../../../shared/domain/taxonomy';
import { optionsOf, SelectField } from '../../components/SelectField';
import { FieldError } from '../../components/FieldError';
import { TextField } from '../../components/TextField';
import { getDataEnvironment } from '../../data/dataEnvironment';
import { updateSetting, useSetting } from '../../data/settingsData';
import { useResponderTeams, useResponderTeamsById } from '../../data/teamQueries';
import { teamsPanelHeadingId } from './TeamsPanel';

/** "Nobody" in the optional assignee choice: the team picks the incident up. */
const noAssignee = '';

/**
 * Where a saved rule routes, as the team list knows it now: a renamed team by its current name, and
 * a team that was deleted or never synced here (or was typed by hand in an older version) by its
 * saved name with a note, so a rule never reads as pointing at nothing.
 */
function describeTarget(rule: RoutingRule, teamsById: ReadonlyMap<string, ResponderTeam> | undefined): string {
  const team = teamsById?.get(rule.target.teamId);
  const assignee = rule.target.assignee ? `, assigned to ${rule.target.assignee.name}` : '';
  if (teamsById === undefined) return `${rule.target.teamName}${assignee}`;
  if (!team) return `${rule.target.teamName} (not in the team list)${assignee}`;
  if (team.deletedAt !== null) return `${team.name} (deleted team)${assignee}`;
  return `${team.name}${assignee}`;
}

function goToTeamsPanel(): void {
  const heading = document.getElementById(teamsPanelHeadingId);
  heading?.scrollIntoView({ block: 'start' });
  heading?.focus();
}

function describeConditions(rule: RoutingRule): string {
  const parts: string[] = [];
  if (rule.conditions.categories?.length) parts.push(`category is ${rule.conditions.categories.map((category) => incidentCategoryLabels[category]).join(' or ')}`);
  if (rule.conditions.priorities?.length) parts.push(`priority is ${rule.conditions.priorities.join(' or ')}`);
  return rule.isCatchAll ? 'every incident no earlier rule took' : parts.join(' and ');
}

/** Routing rules, in order: the first that matches a new or re-categorised incident routes it. */
export function RoutingRulesEditor() {
  const ruleSet = useSetting('routingRules');
  const teams = useResponderTeams();
  const teamsById = useResponderTeamsById();
  const [name, setName] = useState('');
  const [category, setCategory] = useState<IncidentCategory | 'any'>('any');
  const [priority, setPriority] = useState<Priority | 'any'>('any');
  const [teamId, setTeamId] = useState('');
  const [assigneeId, setAssigneeId] = useState(noAssignee);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState('');

  const save = async (rules: RoutingRule[], done: string) => {
    const result = await updateSetting(getDataEnvironment(), 'routingRules', { rules, updatedAt: new Date().toISOString() });
    setMessage(result.ok ? done : Object.values(result.errors).join(' '));
    return result.ok;
  };

  const chosenTeam = teams?.find((team) => team.id === teamId);
  const assigneeOptions = chosenTeam?.members.map((member) => member.person) ?? [];

  const add = async (event: FormEvent) => {
    event.preventDefault();
    const assignee = assigneeOptions.find((person) => person.id === assigneeId) ?? null;
    const candidate = {
      id: getDataEnvironment().newId(),
      name,
      isEnabled: true,
      isCatchAll: false,
      conditions: {
        ...(category === 'any' ? {} : { categories: [category] }),
        ...(priority === 'any' ? {} : { priorities: [priority] }),
      },
      target: { teamId: chosenTeam?.id ?? '', teamName: chosenTeam?.name ?? '', assignee },
    };
    const validated = validateRoutingRule(candidate, ruleSet.rules);
    const formErrors: Record<string, string> = validated.ok ? {} : { ...validated.errors };
    delete formErrors['target.teamId'];
    delete formErrors['target.teamName'];
    if (!chosenTeam) formErrors['target.team'] = teams?.length === 0 ? 'Create a team first (in Teams above), then route to it' : 'Choose the team to route to';
    if (!validated.ok || Object.keys(formErrors).length > 0) {
      setErrors(formErrors);
      return;
    }
    setErrors({});
    if (await save([...ruleSet.rules, validated.value], `Rule "${validated.value.name}" added.`)) {
      setName('');
      setTeamId('');
      setAssigneeId(noAssignee);
      setCategory('any');
      setPriority('any');
    }
  };

  return (
    <section className="card" aria-labelledby="settings-routing-title">
      <h2 id="settings-routing-title">Routing rules</h2>
      <p className="muted">New incidents, and incidents whose category or priority changes, go to the team of the first rule that matches.</p>
      {ruleSet.rules.length === 0 ? (
        <p className="muted">No rules yet: incidents stay with whoever picks them up.</p>
      ) : (
        <ol className="routing-rules" aria-label="Routing rules">
          {ruleSet.rules.map((rule) => (
            <li key={rule.id}>
              <strong>{rule.name}</strong>: when {describeConditions(rule)}, route to <strong>{describeTarget(rule, teamsById)}</strong>{' '}
              <button
                type="button"
                className="link-button"
                aria-label={`Delete rule ${rule.name}`}
                onClick={() => void save(ruleSet.rules.filter((other) => other.id !== rule.id), `Rule "${rule.name}" deleted.`)}
              >
                Delete
              </button>
            </li>
          ))}
        </ol>
      )}
      <form className="form-row" onSubmit={(event) => void add(event)} noValidate>
        <TextField id="routing-name" label="Rule name" value={name} onChange={setName} error={errors.name} />
        <SelectField
          id="routing-category"
          label="When category is"
          value={category}
          options={[{ value: 'any', label: 'Any category' }, ...optionsOf(incidentCategories, incidentCategoryLabels)]}
          onChange={setCategory}
          error={errors['conditions.categories'] ?? errors.conditions}
        />
        <SelectField
          id="routing-priority"
          label="And priority is"
          value={priority}
          options={[{ value: 'any', label: 'Any priority' }, ...optionsOf(priorities, (value) => value)]}
          onChange={setPriority}
        />
        {teams !== undefined && teams.length === 0 ? (
          <div className="field">
            <p className="muted" id="routing-team-none">
              No teams yet: a rule needs a team to route to.{' '}
              <button type="button" className="link-button" onClick={goToTeamsPanel}>
                Create one in Teams
              </button>
            </p>
            <FieldError id="routing-team-error" message={errors['target.team']} />
          </div>
        ) : (
          <SelectField
            id="routing-team"
            label="Route to team"
            value={teamId}
            options={[{ value: '', label: 'Choose a team…' }, ...(teams ?? []).map((team) => ({ value: team.id, label: team.name }))]}
            onChange={(next) => {
              setTeamId(next);
              setAssigneeId(noAssignee);
            }}
            error={errors['target.team']}
          />
        )}
        <SelectField
          id="routing-assignee"
          label="And assign to (optional)"
          value={assigneeId}
          options={[
            { value: noAssignee, label: chosenTeam ? `Nobody: ${chosenTeam.name} picks it up` : 'Nobody' },
            ...assigneeOptions.map((person) => ({ value: person.id, label: person.name })),
          ]}
          onChange={setAssigneeId}
          error={errors['target.assignee']}
        />
        <div className="form-actions">
          <button type="submit">Add rule</button>
        </div>
      </form>
      <p role="status" className="muted">
        {message}
      </p>
    </section>
  );
}
