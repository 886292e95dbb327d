/**
 * Bulk assign and bulk status change from a queue, and the one undo that reverses the whole change.
 */
import { describe, expect, it } from 'vitest';
import { applyBulkLifecycleAction, undoBulkChange } from '../../../../renderer/data/bulkCommands';
import { createIncident, takeLifecycleAction } from '../../../../renderer/data/incidentCommands';
import { createTestEnvironment, databaseText, minute, saveTestProfile, validNewIncidentInput, type TestEnvironment } from '../../../support/dataEnvironment';

const grace = { id: 'person-grace', name: 'Grace Mensah' };

async function setUp(count: number): Promise<{ test: TestEnvironment; ids: string[] }> {
  const test = createTestEnvironment();
  await saveTestProfile(test.env);
  const ids: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const created = await createIncident(test.env, validNewIncidentInput(test.now(), { title: `Incident ${index + 1}` }));
    if (!created.ok) throw new Error('setup failed');
    ids.push(created.value.id);
    test.advance(minute);
  }
  return { test, ids };
}

describe('applyBulkLifecycleAction', () => {
  it('assigns every selected incident, each with its own timeline entry and outbox update', async () => {
    const { test, ids } = await setUp(3);
    const outboxBefore = await test.db.outbox.count();
    const result = await applyBulkLifecycleAction(test.env, ids, { type: 'assign', assignee: grace });
    expect(result).toMatchObject({ ok: true, value: { label: 'Assign to Grace Mensah', refused: [] } });
    if (!result.ok) return;
    expect(result.value.changed.map((change) => change.incidentId).sort()).toEqual([...ids].sort());
    for (const id of ids) {
      expect(await test.db.incidents.get(id)).toMatchObject({ assignee: grace });
      expect(await test.db.incidentListRows.get(id)).toMatchObject({ assigneeId: grace.id });
      const entries = await test.db.timelineEntries.where('incidentId').equals(id).toArray();
      expect(entries.map((entry) => entry.text)).toContain('Assigned to Grace Mensah (bulk change of 3)');
    }
    // One outbox update per incident and one insert per timeline entry.
    expect(await test.db.outbox.count()).toBe(outboxBefore + 6);
  });

  it('changes the incidents the action fits and reports the others, leaving them untouched', async () => {
    const { test, ids } = await setUp(3);
    await takeLifecycleAction(test.env, ids[0]!, { type: 'acknowledge' });
    const result = await applyBulkLifecycleAction(test.env, ids, { type: 'acknowledge' });
    if (!result.ok) throw new Error('refused');
    expect(result.value.changed).toHaveLength(2);
    expect(result.value.refused).toEqual([{ incidentId: ids[0], reference: expect.any(String), reason: expect.stringMatching(/acknowledge/i) }]);
  });

  it('refuses an invalid action and an empty selection, writing nothing', async () => {
    const { test, ids } = await setUp(2);
    const before = await databaseText(test.db);
    expect(await applyBulkLifecycleAction(test.env, ids, { type: 'putOnHold', reason: '' })).toMatchObject({ ok: false, errors: { reason: expect.any(String) } });
    expect(await applyBulkLifecycleAction(test.env, [], { type: 'acknowledge' })).toMatchObject({ ok: false, errors: { form: 'Select at least one incident.' } });
    expect(await applyBulkLifecycleAction(test.env, ids, { type: 'delete-everything' })).toMatchObject({ ok: false });
    expect(await databaseText(test.db)).toBe(before);
  });
});

describe('undoBulkChange', () => {
  it('puts back every changed field with one undo, noting it on each timeline', async () => {
    const { test, ids } = await setUp(3);
    const before = await Promise.all(ids.map((id) => test.db.incidents.get(id)));
    test.advance(minute);
    const result = await applyBulkLifecycleAction(test.env, ids, { type: 'putOnHold', reason: 'Waiting for the vendor' });
    if (!result.ok) throw new Error('refused');
    // Hold needs triaged or in progress: new incidents are refused, so acknowledge first.
    expect(result.value.changed).toHaveLength(0);
    await applyBulkLifecycleAction(test.env, ids, { type: 'acknowledge' });
    const acknowledged = await Promise.all(ids.map((id) => test.db.incidents.get(id)));
    test.advance(minute);
    const held = await applyBulkLifecycleAction(test.env, ids, { type: 'putOnHold', reason: 'Waiting for the vendor' });
    if (!held.ok) throw new Error('refused');
    expect(held.value.changed).toHaveLength(3);
    test.advance(minute);
    const undone = await undoBulkChange(test.env, held.value);
    expect(undone).toEqual({ ok: true, value: { restored: 3, skipped: [] } });
    for (const [index, id] of ids.entries()) {
      const incident = (await test.db.incidents.get(id))!;
      expect(incident.stage).toBe('triaged');
      expect(incident.holdIntervals).toEqual(acknowledged[index]!.holdIntervals);
      expect(incident.holdReason).toBe(acknowledged[index]!.holdReason);
      expect(incident.stage).not.toBe(before[index]!.stage);
      const texts = (await test.db.timelineEntries.where('incidentId').equals(id).toArray()).map((entry) => entry.text);
      expect(texts).toContain('Undone: Put on hold (bulk change)');
    }
  });

  it('keeps the newer state of an incident changed since, and says so', async () => {
    const { test, ids } = await setUp(2);
    const result = await applyBulkLifecycleAction(test.env, ids, { type: 'assign', assignee: grace });
    if (!result.ok) throw new Error('refused');
    test.advance(minute);
    await takeLifecycleAction(test.env, ids[1]!, { type: 'acknowledge' });
    const undone = await undoBulkChange(test.env, result.value);
    expect(undone).toMatchObject({ ok: true, value: { restored: 1, skipped: [{ reason: expect.stringMatching(/changed since/) }] } });
    expect((await test.db.incidents.get(ids[0]!))!.assignee).toBeNull();
    expect((await test.db.incidents.get(ids[1]!))!.assignee).toEqual(grace);
  });
});
