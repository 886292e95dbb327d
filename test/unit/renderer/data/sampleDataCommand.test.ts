/** Generated sample data: chunked, local-only, deterministic, never overwriting edits, cancellable. */
import { describe, expect, it } from 'vitest';
import { addTask, addTimelineNote, setIncidentDeleted, setTaskState, takeLifecycleAction } from '../../../../renderer/data/incidentCommands';
import { generateSampleData, type SampleDataProgress } from '../../../../renderer/data/sampleDataCommand';
import type { FirebreakDatabase } from '../../../../renderer/db/database';
import { createTestEnvironment, databaseText, defaultStartMs, minute, saveTestProfile } from '../../../support/dataEnvironment';

const options = { seed: 42, count: 40, periodDays: 30, endMs: defaultStartMs };

async function domainRows(db: FirebreakDatabase) {
  const strip = <T extends { fieldStamps: unknown; localSeq: number }>(row: T) => {
    const { fieldStamps: _stamps, localSeq: _seq, ...record } = row;
    return record;
  };
  return {
    incidents: (await db.incidents.toArray()).map(strip),
    timelineEntries: (await db.timelineEntries.toArray()).map(strip),
    tasks: (await db.tasks.toArray()).map(strip),
  };
}

describe('generateSampleData', () => {
  it('writes count incidents with timelines and tasks, and no outbox rows', async () => {
    const test = createTestEnvironment();
    const progress: SampleDataProgress[] = [];
    const result = await generateSampleData(test.env, options, (update) => progress.push(update));
    expect(result).toEqual({ ok: true, value: { written: 40, cancelled: false } });
    expect(progress).toEqual([{ written: 40, total: 40 }]);
    expect(await test.db.incidents.count()).toBe(40);
    expect(await test.db.timelineEntries.count()).toBeGreaterThanOrEqual(40);
    expect(await test.db.outbox.count()).toBe(0);
    const incidents = await test.db.incidents.toArray();
    expect(incidents.every((incident) => incident.source === 'sample')).toBe(true);
    // Every sample timeline entry belongs to a generated incident.
    const ids = new Set(incidents.map((incident) => incident.id));
    expect((await test.db.timelineEntries.toArray()).every((entry) => ids.has(entry.incidentId))).toBe(true);
    // Rows are still stamped, so later local edits merge per field like any other row.
    expect(incidents.every((incident) => Object.keys(incident.fieldStamps).length === Object.keys(incident).length - 2)).toBe(true);
  });

  it('writes large sets in chunks, reporting progress after each', async () => {
    const test = createTestEnvironment();
    const progress: SampleDataProgress[] = [];
    const result = await generateSampleData(test.env, { ...options, count: 2001 }, (update) => progress.push(update));
    expect(result).toEqual({ ok: true, value: { written: 2001, cancelled: false } });
    expect(progress).toEqual([
      { written: 2000, total: 2001 },
      { written: 2001, total: 2001 },
    ]);
    expect(await test.db.incidents.count()).toBe(2001);
    expect(await test.db.outbox.count()).toBe(0);
  });

  it('stops between chunks when aborted, keeping what was written', async () => {
    const test = createTestEnvironment();
    const controller = new AbortController();
    const progress: SampleDataProgress[] = [];
    const result = await generateSampleData(
      test.env,
      { ...options, count: 4001 },
      (update) => {
        progress.push(update);
        controller.abort();
      },
      controller.signal,
    );
    expect(result).toEqual({ ok: true, value: { written: 2000, cancelled: true } });
    expect(progress).toEqual([{ written: 2000, total: 4001 }]);
    expect(await test.db.incidents.count()).toBe(2000);

    // Running again with the same options fills in the rest without duplicating the first chunk.
    const resumed = await generateSampleData(test.env, { ...options, count: 4001 });
    expect(resumed).toEqual({ ok: true, value: { written: 4001, cancelled: false } });
    expect(await test.db.incidents.count()).toBe(4001);
  });

  it('writes nothing when aborted before it starts', async () => {
    const test = createTestEnvironment();
    const before = await databaseText(test.db);
    const result = await generateSampleData(test.env, options, undefined, AbortSignal.abort());
    expect(result).toEqual({ ok: true, value: { written: 0, cancelled: true } });
    expect(await databaseText(test.db)).toBe(before);
  });

  it('is deterministic: two fresh databases, same options, same rows', async () => {
    const one = createTestEnvironment();
    const two = createTestEnvironment({ startMs: defaultStartMs + 5 * minute });
    await generateSampleData(one.env, options);
    await generateSampleData(two.env, options);
    const left = await domainRows(one.db);
    const right = await domainRows(two.db);
    expect(left.incidents).toHaveLength(40);
    expect(right).toEqual(left);
    // A different seed gives different incidents.
    const three = createTestEnvironment();
    await generateSampleData(three.env, { ...options, seed: 43 });
    expect((await domainRows(three.db)).incidents).not.toEqual(left.incidents);
  });

  it('generating again with the same seed keeps an edited sample incident as it is', async () => {
    const test = createTestEnvironment();
    await saveTestProfile(test.env);
    await generateSampleData(test.env, options);
    const target = (await test.db.incidents.toArray()).find((incident) => incident.stage === 'new' || incident.stage === 'triaged');
    expect(target).toBeDefined();
    test.advance(minute);
    const edited = await takeLifecycleAction(test.env, target!.id, { type: 'assign', assignee: { id: 'p-dana', name: 'Dana Levi' } });
    expect(edited.ok).toBe(true);
    const afterEdit = await databaseText(test.db);

    test.advance(minute);
    const again = await generateSampleData(test.env, options);
    expect(again).toEqual({ ok: true, value: { written: 40, cancelled: false } });
    const after = JSON.parse(await databaseText(test.db));
    const expected = JSON.parse(afterEdit);
    // Only the clock moved; every row, the edit included, is as it was.
    expect({ ...after, meta: undefined }).toEqual({ ...expected, meta: undefined });
    expect((await test.db.incidents.get(target!.id))?.assignee).toEqual({ id: 'p-dana', name: 'Dana Levi' });
  });

  it('rejects invalid options with field errors and writes nothing', async () => {
    const test = createTestEnvironment();
    const before = await databaseText(test.db);
    const result = await generateSampleData(test.env, { ...options, count: 0, seed: 1.5 });
    expect(result.ok).toBe(false);
    expect(!result.ok && Object.keys(result.errors).sort()).toEqual(['count', 'seed']);
    expect(await databaseText(test.db)).toBe(before);
  });

  it('a second set with the same seed but other settings fails clearly, keeping the first set', async () => {
    // References depend on (seed, index) only; ids also on count and period end, so the new set's
    // references collide with the old set's under different ids.
    const test = createTestEnvironment();
    await generateSampleData(test.env, options);
    const before = await databaseText(test.db);
    for (const changed of [{ ...options, count: 41 }, { ...options, endMs: options.endMs + 24 * 60 * minute }]) {
      const result = await generateSampleData(test.env, changed);
      expect(result).toEqual({ ok: false, errors: { seed: expect.stringMatching(/choose another seed/) } });
      expect(await databaseText(test.db)).toBe(before);
    }
  });

  it('changes to sample incidents stay local: no command on them queues an outbox row', async () => {
    const test = createTestEnvironment();
    await saveTestProfile(test.env);
    await generateSampleData(test.env, options);
    const target = (await test.db.incidents.toArray()).find((incident) => incident.stage === 'new' || incident.stage === 'triaged');
    expect(target).toBeDefined();
    test.advance(minute);
    expect((await takeLifecycleAction(test.env, target!.id, { type: 'assign', assignee: { id: 'p-dana', name: 'Dana Levi' } })).ok).toBe(true);
    expect((await addTimelineNote(test.env, target!.id, { kind: 'note', text: 'Demo note', occurredAt: null, correctsEntryId: null })).ok).toBe(true);
    const task = await addTask(test.env, target!.id, { title: 'Demo task', dueAt: null });
    expect(task.ok).toBe(true);
    if (task.ok) expect((await setTaskState(test.env, task.value.id, 'done')).ok).toBe(true);
    expect((await setIncidentDeleted(test.env, target!.id, true)).ok).toBe(true);
    expect(await test.db.outbox.count()).toBe(0);
    // The edits themselves were saved.
    expect((await test.db.incidents.get(target!.id))?.deletedAt).not.toBeNull();
    expect((await test.db.timelineEntries.where('incidentId').equals(target!.id).toArray()).map((entry) => entry.text)).toContain('Demo note');
  });
});
