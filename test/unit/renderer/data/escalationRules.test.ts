import { describe, expect, it } from 'vitest';
import type { EscalationRule } from '../../../../shared/domain/escalation';
import {
  addEscalationRule,
  deleteEscalationRule,
  moveEscalationRule,
  saveEscalationRules,
  setEscalationRuleEnabled,
} from '../../../../renderer/data/escalationRules';
import { readSetting } from '../../../../renderer/data/settingsData';
import { createTestEnvironment, databaseText, hour, saveTestProfile } from '../../../support/dataEnvironment';

const rule: EscalationRule = {
  id: 'rule-1',
  name: 'P1 response at risk',
  isEnabled: true,
  trigger: { type: 'serviceLevel', clock: 'response', state: 'warning' },
  conditions: { priorities: ['P1'] },
  action: { level: 'hierarchical', recipient: { kind: 'lead' } },
  activeFrom: '2026-03-10T12:00:00.000Z',
};

describe('saveEscalationRules', () => {
  it('saves the ordered rules for a lead, queued for sync', async () => {
    const test = createTestEnvironment();
    await saveTestProfile(test.env, { name: 'Lena Lead', initials: 'LL', role: 'lead' });
    const second = { ...rule, id: 'rule-2', name: 'Unacknowledged P2', trigger: { type: 'unacknowledged', minutes: 30 } as const };
    const result = await saveEscalationRules(test.env, [second, rule]);
    expect(result.ok).toBe(true);
    expect((await readSetting(test.env, 'escalationRules')).rules.map((saved) => saved.id)).toEqual(['rule-2', 'rule-1']);
    expect((await test.db.outbox.toArray()).map((mutation) => [mutation.table, mutation.rowId])).toEqual([['settings', 'escalationRules']]);
  });

  it('refuses responders and viewers, and changes nothing', async () => {
    for (const role of ['responder', 'viewer', 'trainer']) {
      const test = createTestEnvironment();
      await saveTestProfile(test.env, { name: 'Ray Someone', initials: 'RS', role });
      const before = await databaseText(test.db);
      expect(await saveEscalationRules(test.env, [rule])).toEqual({ ok: false, errors: { form: 'Only team leads and administrators can change escalation rules.' } });
      expect(await databaseText(test.db)).toBe(before);
    }
  });

  it('names the rule that is wrong, and changes nothing', async () => {
    const test = createTestEnvironment();
    await saveTestProfile(test.env, { name: 'Ada Admin', initials: 'AA', role: 'admin' });
    const before = await databaseText(test.db);
    expect(await saveEscalationRules(test.env, [rule, { ...rule, id: 'rule-2', name: 'p1 RESPONSE at risk' }])).toEqual({
      ok: false,
      errors: { name: 'Rule "p1 RESPONSE at risk": Another rule is already called "p1 RESPONSE at risk"' },
    });
    expect(await saveEscalationRules(test.env, [{ ...rule, trigger: { type: 'unacknowledged', minutes: -5 } }])).toEqual({
      ok: false,
      errors: { 'trigger.minutes': 'Rule "P1 response at risk": Enter at least 1 minute' },
    });
    expect(await databaseText(test.db)).toBe(before);
  });
});

describe('rule commands', () => {
  const draft = { name: 'P1 response at risk', isEnabled: true, trigger: rule.trigger, conditions: rule.conditions, action: rule.action };

  it('adds a rule active from now, toggles it (re-enabling starts it afresh), moves and deletes it', async () => {
    const test = createTestEnvironment();
    await saveTestProfile(test.env, { name: 'Lena Lead', initials: 'LL', role: 'lead' });
    const added = await addEscalationRule(test.env, draft);
    if (!added.ok) throw new Error(JSON.stringify(added.errors));
    expect(added.value.activeFrom).toBe(new Date(test.now()).toISOString());
    const other = await addEscalationRule(test.env, { ...draft, name: 'Nobody took it', trigger: { type: 'unacknowledged', minutes: 20 } });
    if (!other.ok) throw new Error(JSON.stringify(other.errors));
    const ids = async () => (await readSetting(test.env, 'escalationRules')).rules.map((saved) => saved.id);
    expect(await ids()).toEqual([added.value.id, other.value.id]);

    test.advance(hour);
    expect((await setEscalationRuleEnabled(test.env, added.value.id, false)).ok).toBe(true);
    const disabled = (await readSetting(test.env, 'escalationRules')).rules[0]!;
    expect(disabled).toMatchObject({ isEnabled: false, activeFrom: added.value.activeFrom });
    test.advance(hour);
    await setEscalationRuleEnabled(test.env, added.value.id, true);
    expect((await readSetting(test.env, 'escalationRules')).rules[0]).toMatchObject({ isEnabled: true, activeFrom: new Date(test.now()).toISOString() });

    expect((await moveEscalationRule(test.env, other.value.id, -1)).ok).toBe(true);
    expect(await ids()).toEqual([other.value.id, added.value.id]);
    expect(await moveEscalationRule(test.env, other.value.id, -1)).toEqual({ ok: false, errors: { form: 'The rule is already first.' } });
    expect((await deleteEscalationRule(test.env, other.value.id)).ok).toBe(true);
    expect(await ids()).toEqual([added.value.id]);
    expect(await setEscalationRuleEnabled(test.env, other.value.id, true)).toEqual({ ok: false, errors: { form: 'That rule no longer exists (someone may have deleted it).' } });
  });

  it('returns field errors for a bad new rule, keyed for the form, and changes nothing', async () => {
    const test = createTestEnvironment();
    await saveTestProfile(test.env, { name: 'Lena Lead', initials: 'LL', role: 'lead' });
    await addEscalationRule(test.env, draft);
    const before = await databaseText(test.db);
    expect(await addEscalationRule(test.env, { ...draft, name: 'p1 response AT RISK' })).toEqual({ ok: false, errors: { name: 'Another rule is already called "p1 response AT RISK"' } });
    expect(await addEscalationRule(test.env, { ...draft, name: 'Move', action: { level: 'functional', reason: '' } })).toEqual({
      ok: false,
      errors: { 'action.team': 'Choose the team the incident moves to', 'action.reason': 'Say why the incident moves to this team' },
    });
    expect(await addEscalationRule(test.env, { ...draft, name: 'Unack', trigger: { type: 'unacknowledged', minutes: Number.NaN } })).toEqual({
      ok: false,
      errors: { 'trigger.minutes': 'Enter a number of minutes' },
    });
    expect(await databaseText(test.db)).toBe(before);
  });
});
