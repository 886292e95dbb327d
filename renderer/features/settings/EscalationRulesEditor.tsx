import { useState } from 'react';
import type { CommandResult } from '../../data/dataEnvironment';
import { getDataEnvironment } from '../../data/dataEnvironment';
import {
  canEditEscalationRules,
  deleteEscalationRule,
  moveEscalationRule,
  setEscalationRuleEnabled,
  useEscalationRules,
} from '../../data/escalationRules';
import { useProfile } from '../../data/profile';
import { EscalationRuleForm } from './EscalationRuleForm';
import { EscalationRuleItem } from './EscalationRuleItem';

/**
 * The team's automatic escalation rules, in order. Leads and administrators change them; everyone
 * else sees what is in force. Rules sync to the team like the rest of team policy.
 */
export function EscalationRulesEditor() {
  const { rules } = useEscalationRules();
  const profile = useProfile();
  const canEdit = canEditEscalationRules(profile?.role);
  const [outcome, setOutcome] = useState<{ message: string; isError: boolean }>({ message: '', isError: false });

  const report = async (change: Promise<CommandResult<unknown>>, done: string) => {
    const result = await change;
    setOutcome(result.ok ? { message: done, isError: false } : { message: `Not saved. ${Object.values(result.errors).join(' ')}`, isError: true });
  };
  const environment = getDataEnvironment();

  return (
    <section className="card" aria-labelledby="settings-escalation-title">
      <h2 id="settings-escalation-title">Escalation rules</h2>
      <p className="muted">
        When an open incident reaches a rule&apos;s trigger, the rule escalates it once: the timeline records it and the people it reaches are notified. A new
        rule acts on thresholds crossed from the moment it is saved.
      </p>
      {canEdit ? null : <p className="muted">Only team leads and administrators can change escalation rules.</p>}
      {rules.length === 0 ? (
        <p className="muted">No rules yet: nothing is escalated automatically.</p>
      ) : (
        <ol className="escalation-rules" aria-label="Escalation rules">
          {rules.map((rule, index) => (
            <EscalationRuleItem
              key={rule.id}
              rule={rule}
              canEdit={canEdit}
              canMoveUp={index > 0}
              canMoveDown={index < rules.length - 1}
              onMove={(offset) => void report(moveEscalationRule(environment, rule.id, offset), `Rule "${rule.name}" moved ${offset < 0 ? 'up' : 'down'}.`)}
              onSetEnabled={(isEnabled) =>
                void report(setEscalationRuleEnabled(environment, rule.id, isEnabled), `Rule "${rule.name}" ${isEnabled ? 'enabled' : 'disabled'}.`)
              }
              onDelete={() => void report(deleteEscalationRule(environment, rule.id), `Rule "${rule.name}" deleted.`)}
            />
          ))}
        </ol>
      )}
      {canEdit ? <EscalationRuleForm onSubmitted={(name) => setOutcome({ message: name === null ? '' : `Rule "${name}" added.`, isError: false })} /> : null}
      <p role={outcome.isError ? 'alert' : 'status'} className={outcome.isError ? 'form-error' : 'muted'}>
        {outcome.message}
      </p>
    </section>
  );
}
