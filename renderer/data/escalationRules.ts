/** Reading and changing the team's automatic escalation rules (a synced, lead-owned setting). */
import { escalationRuleSetSchema, validateEscalationRule, type EscalationRule, type EscalationRuleSet } from '../../shared/domain/escalation';
import { zodErrorsToFieldErrors } from '../../shared/domain/incident';
import type { AppRole } from '../../shared/domain/people';
import { commandFailed, type CommandResult, type DataEnvironment } from './dataEnvironment';
import { readProfile } from './profile';
import { updateSetting, useSetting } from './settingsData';

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
