import { describe, expect, it } from 'vitest';
import type { EscalationRule } from '../../../../shared/domain/escalation';
import { saveEscalationRules } from '../../../../renderer/data/escalationRules';
import { readSetting } from '../../../../renderer/data/settingsData';
import { createTestEnvironment, databaseText, saveTestProfile } from '../../../support/dataEnvironment';

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
