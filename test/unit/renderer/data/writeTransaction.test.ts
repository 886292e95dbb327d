/**
 * The one write path: entity rows, timeline rows, outbox rows and the clock commit together or
 * not at all, and the hybrid logical clock persists and never goes backwards.
 */
import { describe, expect, it } from 'vitest';
import { v7 as uuidV7 } from 'uuid';
import { addTimelineNote, createIncident, takeLifecycleAction } from '../../../../renderer/data/incidentCommands';
import { ClockAheadError, ensureDevice, hlcNodeIdForDevice, runWriteCommand } from '../../../../renderer/data/writeTransaction';
import { formatHlcStamp, parseHlcStamp } from '../../../../shared/domain/hlc';
import {
  createTestEnvironment,
  databaseText,
  hour,
  minute,
  saveTestProfile,
  snapshotDatabase,
  validNewIncidentInput,
} from '../../../support/dataEnvironment';

async function readyEnvironment() {
  const test = createTestEnvironment();
  await saveTestProfile(test.env);
  const first = await createIncident(test.env, validNewIncidentInput(test.now()));
  if (!first.ok) throw new Error('setup failed');
  test.advance(minute);
  return { test, firstIncident: first.value };
}

describe('atomicity', () => {
  it('rolls back the incident row, outbox rows and clock together when the timeline write fails', async () => {
    const { test } = await readyEnvironment();
    const before = await databaseText(test.db);
    const failTimeline = () => {
      throw new Error('disk full');
    };
    test.db.timelineEntries.hook('creating', failTimeline);

    await expect(createIncident(test.env, validNewIncidentInput(test.now(), { title: 'Never saved' }))).rejects.toThrow('disk full');
    expect(await databaseText(test.db)).toBe(before);
    expect(await test.db.incidents.filter((row) => row.title === 'Never saved').count()).toBe(0);

    // Once the fault clears, the next command takes the reference and mutation ids the failed
    // one would have used: nothing was consumed.
    test.db.timelineEntries.hook('creating').unsubscribe(failTimeline);
    const retried = await createIncident(test.env, validNewIncidentInput(test.now(), { title: 'Saved on retry' }));
    expect(retried.ok && retried.value.reference).toMatch(/-0002$/);
    const outbox = await test.db.outbox.orderBy('mutationId').toArray();
    expect(outbox.map((row) => row.mutationId)).toEqual([1, 2, 3, 4]);
  });

  it('rolls back entity rows when the outbox write fails', async () => {
    const { test, firstIncident } = await readyEnvironment();
    const before = await databaseText(test.db);
    test.db.outbox.hook('creating', () => {
      throw new Error('outbox full');
    });
    await expect(takeLifecycleAction(test.env, firstIncident.id, { type: 'acknowledge' })).rejects.toThrow('outbox full');
    await expect(createIncident(test.env, validNewIncidentInput(test.now()))).rejects.toThrow('outbox full');
    expect(await databaseText(test.db)).toBe(before);
    expect((await test.db.incidents.get(firstIncident.id))?.stage).toBe('new');
  });

  it('rolls back everything on a unique-constraint violation (a reference already taken)', async () => {
    const { test, firstIncident } = await readyEnvironment();
    // A row that already holds the reference the next incident will get (as an imported
    // incident from a device with the same code could).
    const stored = await test.db.incidents.get(firstIncident.id);
    const squatter = { ...stored!, id: uuidV7(), reference: firstIncident.reference.replace(/-0001$/, '-0002'), localSeq: 99 };
    await test.db.incidents.add(squatter);
    const before = await databaseText(test.db);

    // Dexie reports it as ConstraintError, or as BulkError when the row went in through bulkAdd.
    await expect(createIncident(test.env, validNewIncidentInput(test.now()))).rejects.toMatchObject({ name: expect.stringMatching(/^(ConstraintError|BulkError)$/) });
    expect(await databaseText(test.db)).toBe(before);
    expect(await test.db.timelineEntries.count()).toBe(1);
    expect(await test.db.outbox.count()).toBe(2);
  });

  it('a failing lifecycle action keeps the incident, its timeline and the clock as they were', async () => {
    const { test, firstIncident } = await readyEnvironment();
    const before = await databaseText(test.db);
    test.db.timelineEntries.hook('creating', () => {
      throw new Error('disk full');
    });
    await expect(takeLifecycleAction(test.env, firstIncident.id, { type: 'acknowledge' })).rejects.toThrow('disk full');
    await expect(addTimelineNote(test.env, firstIncident.id, { kind: 'note', text: 'Lost', occurredAt: null, correctsEntryId: null })).rejects.toThrow('disk full');
    expect(await databaseText(test.db)).toBe(before);
  });

  it('a body that throws after queueing outbox rows commits none of them', async () => {
    const { test } = await readyEnvironment();
    const before = await databaseText(test.db);
    await expect(
      runWriteCommand(test.env, [test.db.tasks], async (recorder) => {
        recorder.stampNew('tasks', uuidV7(), { title: 'queued but never written' });
        recorder.stampNew('tasks', uuidV7(), { title: 'also queued' });
        throw new Error('validation bug');
      }),
    ).rejects.toThrow('validation bug');
    expect(await databaseText(test.db)).toBe(before);
  });

  it('the first command on a fresh database creates the device identity in the same transaction', async () => {
    const test = createTestEnvironment();
    await saveTestProfile(test.env);
    test.db.timelineEntries.hook('creating', () => {
      throw new Error('disk full');
    });
    await expect(createIncident(test.env, validNewIncidentInput(test.now()))).rejects.toThrow('disk full');
    const after = await snapshotDatabase(test.db);
    expect(after.meta.map((row) => (row as { key: string }).key)).toEqual(['profile']);
    expect(Object.entries(after).filter(([, rows]) => rows.length > 0).map(([name]) => name)).toEqual(['meta']);
  });
});

describe('hybrid logical clock persistence', () => {
  it('stamps with the device node id and stores the clock with every write', async () => {
    const { test } = await readyEnvironment();
    const device = await ensureDevice(test.env);
    const clock = await test.db.meta.get('clock');
    if (clock?.key !== 'clock') throw new Error('no clock');
    const state = parseHlcStamp(clock.hlc);
    expect(state.nodeId).toBe(hlcNodeIdForDevice(device.deviceId));
    expect(state.wallMs).toBe(test.now() - minute);
    const outbox = await test.db.outbox.toArray();
    expect(outbox.every((row) => row.hlc === clock.hlc)).toBe(true);
  });

  it('survives closing and reopening the database', async () => {
    const { test } = await readyEnvironment();
    const clockBefore = await test.db.meta.get('clock');
    const deviceBefore = await test.db.meta.get('device');
    const reopened = test.reopen();
    expect(reopened.db).not.toBe(test.db);
    expect(await reopened.db.meta.get('clock')).toEqual(clockBefore);
    expect(await reopened.db.meta.get('device')).toEqual(deviceBefore);

    const second = await createIncident(reopened.env, validNewIncidentInput(reopened.now()));
    expect(second.ok && second.value.reference).toMatch(/-0002$/);
    const outbox = await reopened.db.outbox.orderBy('mutationId').toArray();
    expect(outbox.map((row) => row.mutationId)).toEqual([1, 2, 3, 4]);
  });

  it('after a restart with the device clock an hour behind, new stamps still sort after every earlier one', async () => {
    const { test, firstIncident } = await readyEnvironment();
    await takeLifecycleAction(test.env, firstIncident.id, { type: 'acknowledge' });
    test.advance(minute);
    await addTimelineNote(test.env, firstIncident.id, { kind: 'note', text: 'Before the restart', occurredAt: null, correctsEntryId: null });
    const earlier = await snapshotDatabase(test.db);
    const earlierStamps = [
      ...earlier.outbox.map((row) => (row as { hlc: string }).hlc),
      ...[...earlier.incidents, ...earlier.timelineEntries].flatMap((row) => Object.values((row as { fieldStamps: Record<string, string> }).fieldStamps)),
    ];
    const newestEarlier = earlierStamps.reduce((max, stamp) => (stamp > max ? stamp : max));

    const reopened = test.reopen(test.now() - hour);
    const note = await addTimelineNote(reopened.env, firstIncident.id, { kind: 'note', text: 'After the restart', occurredAt: null, correctsEntryId: null });
    const second = await createIncident(reopened.env, validNewIncidentInput(reopened.now()));
    expect(note.ok && second.ok).toBe(true);

    const later = (await reopened.db.outbox.orderBy('mutationId').toArray()).slice(earlier.outbox.length);
    expect(later).toHaveLength(4);
    for (const row of later) expect(row.hlc > newestEarlier).toBe(true);
    expect(later[0]!.hlc < later[2]!.hlc).toBe(true);
    // The wall part holds at the newest time seen; the counter carries the order.
    expect(parseHlcStamp(later[0]!.hlc).wallMs).toBe(parseHlcStamp(newestEarlier).wallMs);
    // The note's recordedAt is still the (wrong) device clock: only the stamps are corrected.
    expect(note.ok && note.value.recordedAt).toBe(new Date(reopened.now()).toISOString());
  });

  it('moves past a stamp observed from elsewhere, and refuses one too far in the future', async () => {
    const { test } = await readyEnvironment();
    const device = await ensureDevice(test.env);
    const nodeId = hlcNodeIdForDevice(device.deviceId);
    const nearFuture = formatHlcStamp({ wallMs: test.now() + 2 * minute, counter: 7, nodeId: 'remote0001' });
    const stamp = await runWriteCommand(test.env, [], async (recorder) => recorder.stamp, { observedStamp: nearFuture });
    expect(stamp > nearFuture).toBe(true);
    // receive: counter 7 + 1 = 8 at the remote wall time; then the local tick: 9.
    expect(parseHlcStamp(stamp)).toEqual({ wallMs: test.now() + 2 * minute, counter: 9, nodeId });

    const before = await databaseText(test.db);
    const farFuture = formatHlcStamp({ wallMs: test.now() + 2 * hour, counter: 0, nodeId: 'remote0001' });
    const refused = runWriteCommand(test.env, [], async (recorder) => recorder.stamp, { observedStamp: farFuture });
    await expect(refused).rejects.toBeInstanceOf(ClockAheadError);
    await expect(refused).rejects.toThrow(/120 minutes ahead/);
    expect(await databaseText(test.db)).toBe(before);
  });
});
