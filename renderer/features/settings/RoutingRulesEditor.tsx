import { useState, type FormEvent } from 'react';
import { priorities, type Priority } from '../../../shared/domain/priority';
import { validateRoutingRule, type RoutingRule } from '../../../shared/domain/routing';
import { incidentCategories, incidentCategoryLabels, type IncidentCategory } from '../../../shared/domain/taxonomy';
import { optionsOf, SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import { getDataEnvironment } from '../../data/dataEnvironment';
import { updateSetting, useSetting } from '../../data/settingsData';

function teamIdOf(teamName: string): string {
  return `team-${teamName.trim().toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}`;
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
  const [name, setName] = useState('');
  const [category, setCategory] = useState<IncidentCategory | 'any'>('any');
  const [priority, setPriority] = useState<Priority | 'any'>('any');
  const [teamName, setTeamName] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState('');

  const save = async (rules: RoutingRule[], done: string) => {
    const result = await updateSetting(getDataEnvironment(), 'routingRules', { rules, updatedAt: new Date().toISOString() });
    setMessage(result.ok ? done : Object.values(result.errors).join(' '));
    return result.ok;
  };

  const add = async (event: FormEvent) => {
    event.preventDefault();
    const candidate = {
      id: getDataEnvironment().newId(),
      name,
      isEnabled: true,
      isCatchAll: false,
      conditions: {
        ...(category === 'any' ? {} : { categories: [category] }),
        ...(priority === 'any' ? {} : { priorities: [priority] }),
      },
      target: { teamId: teamIdOf(teamName || 'team'), teamName: teamName.trim(), assignee: null },
    };
    const validated = validateRoutingRule(candidate, ruleSet.rules);
    const formErrors: Record<string, string> = validated.ok ? {} : { ...validated.errors };
    if (teamName.trim() === '') formErrors['target.teamName'] = 'Name the team to route to';
    if (!validated.ok || Object.keys(formErrors).length > 0) {
      setErrors(formErrors);
      return;
    }
    setErrors({});
    if (await save([...ruleSet.rules, validated.value], `Rule "${validated.value.name}" added.`)) {
      setName('');
      setTeamName('');
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
              <strong>{rule.name}</strong>: when {describeConditions(rule)}, route to <strong>{rule.target.teamName}</strong>{' '}
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
        <TextField id="routing-team" label="Route to team" value={teamName} onChange={setTeamName} error={errors['target.teamName']} />
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
