import { describe, expect, it } from 'vitest';
import { createIncident } from '../../../../renderer/data/incidentCommands';
import { updateIncidentDetails } from '../../../../renderer/data/incidentDetailsCommand';
import { updateSetting } from '../../../../renderer/data/settingsData';
import { createTestEnvironment, minute, saveTestProfile, validNewIncidentInput } from '../../../support/dataEnvironment';

const socRule = {
  id: 'rule-soc',
  name: 'Phishing to SOC',
  isEnabled: true,
  isCatchAll: false,
  conditions: { categories: ['phishing'] },
  target: { teamId: 'team-security-operations', teamName: 'Security Operations', assignee: null },
};

describe('routing in commands', () => {
  it('routes a new incident by the first matching rule and re-routes on re-categorisation only', async () => {
    const test = createTestEnvironment();
    await saveTestProfile(test.env);
    expect((await updateSetting(test.env, 'routingRules', { rules: [socRule], updatedAt: new Date(test.now()).toISOString() })).ok).toBe(true);
    const phishing = await createIncident(test.env, validNewIncidentInput(test.now(), { kind: 'security', category: 'phishing' }));
    expect(phishing.ok && phishing.value.routedTeam).toEqual({ id: 'team-security-operations', name: 'Security Operations' });
    expect(phishing.ok && phishing.value.routedByRule).toBe('Phishing to SOC');
    if (!phishing.ok) throw new Error('setup failed');
    const entries = await test.db.timelineEntries.where('incidentId').equals(phishing.value.id).toArray();
    expect(entries.map((entry) => entry.text)).toContain('Routed to Security Operations by rule "Phishing to SOC": category is Phishing.');

    const malware = await createIncident(test.env, validNewIncidentInput(test.now(), { kind: 'security', category: 'malware' }));
    if (!malware.ok) throw new Error('setup failed');
    expect(malware.value.routedTeam).toBeNull();
    test.advance(minute);
    const recategorised = await updateIncidentDetails(test.env, malware.value.id, { category: 'phishing' });
    expect(recategorised.ok && recategorised.value.routedTeam?.name).toBe('Security Operations');
    // A title edit does not route again (no second routing entry).
    test.advance(minute);
    await updateIncidentDetails(test.env, malware.value.id, { title: 'Renamed' });
    const routedEntries = (await test.db.timelineEntries.where('incidentId').equals(malware.value.id).toArray()).filter((entry) => entry.text.startsWith('Routed to'));
    expect(routedEntries).toHaveLength(1);
  });
});
