import { describe, expect, it } from 'vitest';
import { createIncident, renumberDeviceReferences } from '../../../../renderer/data/incidentCommands';
import { createTestEnvironment, minute, saveTestProfile, validNewIncidentInput } from '../../../support/dataEnvironment';

describe('renumberDeviceReferences', () => {
  it("gives this device's offline incidents the code the server assigned, keeping ids and noting the old reference", async () => {
    const test = createTestEnvironment();
    await saveTestProfile(test.env);
    const first = await createIncident(test.env, validNewIncidentInput(test.now(), { title: 'First' }));
    test.advance(minute);
    const second = await createIncident(test.env, validNewIncidentInput(test.now(), { title: 'Second' }));
    if (!first.ok || !second.ok) throw new Error('setup failed');
    const oldCode = first.value.reference.split('-')[2]!;
    const newCode = oldCode === 'ZZZZ' ? 'YYYY' : 'ZZZZ';
    const outboxBefore = await test.db.outbox.count();
    expect(await renumberDeviceReferences(test.env, oldCode, newCode)).toBe(2);
    const renamed = await test.db.incidents.get(first.value.id);
    expect(renamed?.reference).toBe(first.value.reference.replace(`-${oldCode}-`, `-${newCode}-`));
    expect((await test.db.incidentListRows.get(first.value.id))?.reference).toBe(renamed?.reference);
    const entries = await test.db.timelineEntries.where('incidentId').equals(first.value.id).toArray();
    expect(entries.map((entry) => entry.text)).toContain(`Reference changed from ${first.value.reference} to ${renamed?.reference} on joining the team server`);
    // Each renumbering is recorded for sync (the reference field and a timeline entry).
    expect(await test.db.outbox.count()).toBe(outboxBefore + 4);
    // Running it again changes nothing.
    expect(await renumberDeviceReferences(test.env, oldCode, newCode)).toBe(0);
  });
});
