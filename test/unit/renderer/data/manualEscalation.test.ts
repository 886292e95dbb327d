/** Escalating by hand through the lifecycle command, and the check behind the "e" shortcut. */
import { describe, expect, it } from 'vitest';
import { readEscalationRefusal } from '../../../../renderer/data/escalationAvailability';
import { createIncident, takeLifecycleAction } from '../../../../renderer/data/incidentCommands';
import { createTestEnvironment, databaseText, saveTestProfile, validNewIncidentInput } from '../../../support/dataEnvironment';

const network = { id: 'team-network', name: 'Network engineering' };

async function setUp() {
  const test = createTestEnvironment();
  await saveTestProfile(test.env);
  const created = await createIncident(test.env, validNewIncidentInput(test.now()));
  if (!created.ok) throw new Error(JSON.stringify(created.errors));
  return { test, incident: created.value };
}

describe('manual escalation', () => {
  it('to a team moves the incident, counts it, and records who and why', async () => {
    const { test, incident } = await setUp();
    const result = await takeLifecycleAction(test.env, incident.id, { type: 'escalate', level: 'functional', team: network, reason: 'Needs a BGP specialist' });
    expect(result.ok).toBe(true);
    expect(await test.db.incidents.get(incident.id)).toMatchObject({ routedTeam: network, routedByRule: null, escalationCount: 1, stage: 'new' });
    const entries = await test.db.timelineEntries.where('incidentId').equals(incident.id).toArray();
    expect(entries.filter((entry) => entry.kind === 'escalation').map((entry) => entry.text)).toEqual(['Escalated (functional) to Network engineering: Needs a BGP specialist']);
    const update = (await test.db.outbox.orderBy('mutationId').toArray()).find((mutation) => mutation.table === 'incidents' && mutation.operation === 'update');
    expect(update?.fields).toMatchObject({ routedTeam: network, escalationCount: 1 });
  });

  it('refuses the team the incident is already with, writing nothing', async () => {
    const { test, incident } = await setUp();
    await takeLifecycleAction(test.env, incident.id, { type: 'escalate', level: 'functional', team: network, reason: 'Needs a BGP specialist' });
    const before = await databaseText(test.db);
    expect(await takeLifecycleAction(test.env, incident.id, { type: 'escalate', level: 'functional', team: network, reason: 'Again' })).toEqual({
      ok: false,
      errors: { team: 'The incident is already with Network engineering' },
    });
    expect(await databaseText(test.db)).toBe(before);
  });

  it('"e" may open Escalate on an open incident; otherwise it says why not', async () => {
    const { test, incident } = await setUp();
    expect(await readEscalationRefusal(test.env, incident.id)).toBeNull();
    await takeLifecycleAction(test.env, incident.id, { type: 'cancel', reason: 'duplicate' });
    expect(await readEscalationRefusal(test.env, incident.id)).toBe('Escalate is not possible while the incident is cancelled');
    expect(await readEscalationRefusal(test.env, '0190a000-0000-7000-8000-000000000999')).toBe('That incident does not exist (it may have been deleted).');
  });
});
