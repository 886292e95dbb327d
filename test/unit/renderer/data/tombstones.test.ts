/** Deleting keeps the row as a tombstone, queues a delete mutation, hides it, and can be undone. */
import { describe, expect, it } from 'vitest';
import { renderHook, waitFor } from '@testing-library/react';
import { v7 as uuidV7 } from 'uuid';
import { createIncident, setIncidentDeleted } from '../../../../renderer/data/incidentCommands';
import { useIncident, useTimeline } from '../../../../renderer/data/incidentQueries';
import { getDatabase } from '../../../../renderer/db/database';
import { createTestEnvironment, minute, saveTestProfile, validNewIncidentInput } from '../../../support/dataEnvironment';

describe('setIncidentDeleted', () => {
  it('keeps the row with deletedAt set, leaves its timeline, and queues a delete mutation', async () => {
    const test = createTestEnvironment();
    await saveTestProfile(test.env);
    const created = await createIncident(test.env, validNewIncidentInput(test.now()));
    if (!created.ok) throw new Error('setup failed');
    const entriesBefore = await test.db.timelineEntries.toArray();
    test.advance(minute);
    const nowIso = new Date(test.now()).toISOString();

    const deleted = await setIncidentDeleted(test.env, created.value.id, true);
    expect(deleted.ok && deleted.value.deletedAt).toBe(nowIso);
    const row = await test.db.incidents.get(created.value.id);
    expect(row).toMatchObject({ ...created.value, deletedAt: nowIso, updatedAt: nowIso });
    expect(await test.db.timelineEntries.toArray()).toEqual(entriesBefore);

    const mutation = await test.db.outbox.orderBy('mutationId').last();
    expect(mutation).toMatchObject({ mutationId: 3, table: 'incidents', rowId: created.value.id, operation: 'delete', fields: { deletedAt: nowIso, updatedAt: nowIso } });
    expect(row!.fieldStamps.deletedAt).toBe(mutation!.hlc);

    test.advance(minute);
    const restoredIso = new Date(test.now()).toISOString();
    const restored = await setIncidentDeleted(test.env, created.value.id, false);
    expect(restored.ok && restored.value.deletedAt).toBeNull();
    expect(await test.db.incidents.get(created.value.id)).toMatchObject({ deletedAt: null, updatedAt: restoredIso });
    const undo = await test.db.outbox.orderBy('mutationId').last();
    expect(undo).toMatchObject({ mutationId: 4, operation: 'update', fields: { deletedAt: null, updatedAt: restoredIso } });
    expect(undo!.hlc > mutation!.hlc).toBe(true);
  });

  it('deleting an already deleted incident keeps the first delete time and queues nothing', async () => {
    const test = createTestEnvironment();
    await saveTestProfile(test.env);
    const created = await createIncident(test.env, validNewIncidentInput(test.now()));
    if (!created.ok) throw new Error('setup failed');
    await setIncidentDeleted(test.env, created.value.id, true);
    const firstDelete = await test.db.incidents.get(created.value.id);
    const outboxBefore = await test.db.outbox.count();
    test.advance(minute);
    const again = await setIncidentDeleted(test.env, created.value.id, true);
    expect(again.ok).toBe(true);
    expect(await test.db.incidents.get(created.value.id)).toEqual(firstDelete);
    expect(await test.db.outbox.count()).toBe(outboxBefore);
  });

  it('useIncident hides a deleted incident and shows it again when restored', async () => {
    // The hooks read the app's shared database; drive the commands against that same database.
    let clockMs = Date.UTC(2026, 2, 10, 12);
    const env = { db: getDatabase(), nowMs: () => clockMs, newId: () => uuidV7() };
    await saveTestProfile(env);
    const created = await createIncident(env, validNewIncidentInput(clockMs));
    if (!created.ok) throw new Error('setup failed');
    const id = created.value.id;

    const { result } = renderHook(() => ({ incident: useIncident(id), timeline: useTimeline(id) }));
    await waitFor(() => expect(result.current.incident?.title).toBe('Payments API unavailable'));
    expect(result.current.incident).toEqual(created.value);
    expect(result.current.incident).not.toHaveProperty('fieldStamps');
    expect(result.current.timeline?.map((entry) => entry.kind)).toEqual(['created']);

    clockMs += minute;
    await setIncidentDeleted(env, id, true);
    await waitFor(() => expect(result.current.incident).toBeNull());

    clockMs += minute;
    await setIncidentDeleted(env, id, false);
    await waitFor(() => expect(result.current.incident?.deletedAt).toBeNull());
    expect(result.current.incident?.id).toBe(id);
  });
});
