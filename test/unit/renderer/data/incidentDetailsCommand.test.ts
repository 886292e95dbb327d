import { describe, expect, it } from 'vitest';
import { createIncident } from '../../../../renderer/data/incidentCommands';
import { updateIncidentDetails } from '../../../../renderer/data/incidentDetailsCommand';
import { createTestEnvironment, databaseText, minute, saveTestProfile, validNewIncidentInput } from '../../../support/dataEnvironment';

describe('updateIncidentDetails', () => {
  it('writes the changed fields, a timeline entry and one outbox update with only those fields', async () => {
    const test = createTestEnvironment();
    await saveTestProfile(test.env);
    const created = await createIncident(test.env, validNewIncidentInput(test.now()));
    if (!created.ok) throw new Error('setup failed');
    test.advance(minute);
    const result = await updateIncidentDetails(test.env, created.value.id, { title: 'Payments API degraded', impact: 'low', urgency: 'low' });
    expect(result.ok && result.value.priority).toBe('P5');
    const outbox = await test.db.outbox.orderBy('mutationId').toArray();
    const update = outbox.find((row) => row.table === 'incidents' && row.operation === 'update');
    expect(Object.keys(update!.fields).sort()).toEqual(['impact', 'priority', 'priorityChanges', 'title', 'updatedAt', 'urgency']);
    const entries = await test.db.timelineEntries.where('incidentId').equals(created.value.id).toArray();
    expect(entries.map((entry) => entry.text)).toContain('Details changed: title, impact, urgency, priority');
    expect((await test.db.incidentListRows.get(created.value.id))?.title).toBe('Payments API degraded');
    // The priority history the SLA clocks use, on the record and on its list row.
    const change = { at: new Date(test.now()).toISOString(), from: created.value.priority, to: 'P5' };
    expect((await test.db.incidents.get(created.value.id))?.priorityChanges).toEqual([change]);
    expect((await test.db.incidentListRows.get(created.value.id))?.priorityChanges).toEqual([change]);
  });

  it('changes nothing at all when the edit is invalid', async () => {
    const test = createTestEnvironment();
    await saveTestProfile(test.env);
    const created = await createIncident(test.env, validNewIncidentInput(test.now()));
    if (!created.ok) throw new Error('setup failed');
    const before = await databaseText(test.db);
    expect((await updateIncidentDetails(test.env, created.value.id, { title: '' })).ok).toBe(false);
    expect((await updateIncidentDetails(test.env, created.value.id, { stage: 'closed' })).ok).toBe(false);
    expect(await databaseText(test.db)).toBe(before);
  });
});
