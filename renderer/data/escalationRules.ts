/** Reading and changing the team's automatic escalation rules (a synced, lead-owned setting). */
import { escalationRuleSetSchema, validateEscalationRule, type EscalationRule, type EscalationRuleSet } from '../../shared/domain/escalation';
import { zodErrorsToFieldErrors } from '../../shared/domain/incident';
import type { AppRole } from '../../shared/domain/people';
import { commandFailed, type CommandResult, type DataEnvironment } from './dataEnvironment';
import { readProfile } from './profile';
import { readSetting, updateSetting, useSetting } from './settingsData';

/** Escalation rules are team policy: leads own them, and administrators may fix them. */
export const escalationRuleEditorRoles: readonly AppRole[] = ['lead', 'admin'];

export function canEditEscalationRules(role: AppRole | undefined): boolean {
  return role !== undefined && escalationRuleEditorRoles.includes(role);
}

/**
 * Replaces the ordered rule list. Refused, with nothing written, when the person on this device is
 * not a lead or administrator, or when any rule is invalid (the message names the rule).
 */
export async function saveEscalationRules(environment: DataEnvironment, rules: readonly unknown[]): Promise<CommandResult<EscalationRuleSet>> {
  const profile = await readProfile(environment);
  if (!canEditEscalationRules(profile?.role)) return commandFailed('Only team leads and administrators can change escalation rules.');
  const checked: EscalationRule[] = [];
  for (const [index, candidate] of rules.entries()) {
    const validated = validateEscalationRule(candidate, checked);
    if (!validated.ok) {
      const name = typeof (candidate as { name?: unknown })?.name === 'string' ? `"${(candidate as { name: string }).name}"` : `${index + 1}`;
      return { ok: false, errors: Object.fromEntries(Object.entries(validated.errors).map(([field, message]) => [field, `Rule ${name}: ${message}`])) };
    }
    checked.push(validated.value);
  }
  const ruleSet = { rules: checked, updatedAt: new Date(environment.nowMs()).toISOString() };
  const parsed = escalationRuleSetSchema.safeParse(ruleSet);
  if (!parsed.success) return { ok: false, errors: zodErrorsToFieldErrors(parsed.error) };
  return updateSetting(environment, 'escalationRules', parsed.data);
}

export function useEscalationRules(): EscalationRuleSet {
  return useSetting('escalationRules');
}

/**
 * Adds a rule at the end of the list. The rule gets its id here, and becomes active now: it acts
 * on thresholds crossed from now on. Field errors come back keyed by field, for the form.
 */
export async function addEscalationRule(environment: DataEnvironment, draft: Record<string, unknown>): Promise<CommandResult<EscalationRule>> {
  const { rules } = await readSetting(environment, 'escalationRules');
  const candidate = { ...draft, id: environment.newId(), activeFrom: new Date(environment.nowMs()).toISOString() };
  const validated = validateEscalationRule(candidate, rules);
  if (!validated.ok) return validated;
  const saved = await saveEscalationRules(environment, [...rules, validated.value]);
  return saved.ok ? { ok: true, value: validated.value } : saved;
}

/** Turns a rule on or off. Turning it on starts it afresh, as a new rule would. */
export async function setEscalationRuleEnabled(environment: DataEnvironment, ruleId: string, isEnabled: boolean): Promise<CommandResult<EscalationRuleSet>> {
  const { rules } = await readSetting(environment, 'escalationRules');
  if (!rules.some((rule) => rule.id === ruleId)) return commandFailed('That rule no longer exists (someone may have deleted it).');
  const activeFrom = new Date(environment.nowMs()).toISOString();
  return saveEscalationRules(
    environment,
    rules.map((rule) => (rule.id !== ruleId || rule.isEnabled === isEnabled ? rule : { ...rule, isEnabled, ...(isEnabled ? { activeFrom } : {}) })),
  );
}

/** Moves a rule one place up (-1) or down (+1); order decides which applies first at the same instant. */
export async function moveEscalationRule(environment: DataEnvironment, ruleId: string, offset: -1 | 1): Promise<CommandResult<EscalationRuleSet>> {
  const { rules } = await readSetting(environment, 'escalationRules');
  const index = rules.findIndex((rule) => rule.id === ruleId);
  if (index < 0) return commandFailed('That rule no longer exists (someone may have deleted it).');
  const target = index + offset;
  if (target < 0 || target >= rules.length) return commandFailed(`The rule is already ${offset < 0 ? 'first' : 'last'}.`);
  const next = [...rules];
  next.splice(target, 0, ...next.splice(index, 1));
  return saveEscalationRules(environment, next);
}

export async function deleteEscalationRule(environment: DataEnvironment, ruleId: string): Promise<CommandResult<EscalationRuleSet>> {
  const { rules } = await readSetting(environment, 'escalationRules');
  return saveEscalationRules(environment, rules.filter((rule) => rule.id !== ruleId));
}
