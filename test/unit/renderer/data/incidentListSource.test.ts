/** The in-memory incident list: initial load, then live changes, tombstones hidden. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createIncident, setIncidentDeleted, takeLifecycleAction } from '../../../../renderer/data/incidentCommands';
import { IncidentListSource, type IncidentListSnapshot } from '../../../../renderer/data/incidentListSource';
import { generateSampleData, removeSampleData } from '../../../../renderer/data/sampleDataCommand';
import { createTestEnvironment, minute, saveTestProfile, validNewIncidentInput, type TestEnvironment } from '../../../support/dataEnvironment';

const sources: IncidentListSource[] = [];
afterEach(() => {
  for (const source of sources.splice(0)) source.stop();
});

function follow(test: TestEnvironment) {
  const source = new IncidentListSource(test.env);
  sources.push(source);
  const snapshots: IncidentListSnapshot[] = [];
  const unsubscribe = source.subscribe(() => snapshots.push(source.getSnapshot()));
  const items = () => source.getSnapshot().items;
  const find = (id: string) => items().find((item) => item.id === id);
  return { source, snapshots, unsubscribe, items, find };
}

async function create(test: TestEnvironment, title: string): Promise<string> {
  test.advance(minute);
  const result = await createIncident(test.env, validNewIncidentInput(test.now(), { title }));
  if (!result.ok) throw new Error('create failed');
  return result.value.id;
}

describe('IncidentListSource', () => {
  it('loads existing rows without tombstones, then follows creates, lifecycle changes and deletes', async () => {
    const test = createTestEnvironment();
    await saveTestProfile(test.env);
    const first = await create(test, 'First');
    const second = await create(test, 'Second');
    const gone = await create(test, 'Deleted before loading');
    await setIncidentDeleted(test.env, gone, true);

    const list = follow(test);
    expect(list.source.getSnapshot()).toMatchObject({ items: [], isComplete: false, totalCount: 0 });
    await vi.waitFor(() => expect(list.source.getSnapshot().isComplete).toBe(true));
    expect(list.items().map((item) => item.title).sort()).toEqual(['First', 'Second']);
    expect(list.find(gone)).toBeUndefined();
    expect(list.find(first)).toMatchObject({ stage: 'new', priority: 'P1', assigneeId: null, searchText: expect.stringContaining('first') });

    const third = await create(test, 'Created after subscribing');
    await vi.waitFor(() => expect(list.find(third)?.title).toBe('Created after subscribing'));
    expect(list.source.getSnapshot()).toMatchObject({ isComplete: true, totalCount: 3 });

    test.advance(minute);
    await takeLifecycleAction(test.env, second, { type: 'acknowledge' });
    await vi.waitFor(() => expect(list.find(second)?.stage).toBe('triaged'));
    await takeLifecycleAction(test.env, second, { type: 'assign', assignee: { id: 'p-chen', name: 'Chen Wei' } });
    await vi.waitFor(() => expect(list.find(second)).toMatchObject({ stage: 'in_progress', assigneeId: 'p-chen', assigneeName: 'Chen Wei' }));

    await setIncidentDeleted(test.env, first, true);
    await vi.waitFor(() => expect(list.find(first)).toBeUndefined());
    expect(list.source.getSnapshot().totalCount).toBe(2);

    await setIncidentDeleted(test.env, gone, false);
    await vi.waitFor(() => expect(list.find(gone)?.title).toBe('Deleted before loading'));
    expect(list.items()).toHaveLength(3);
    // Snapshots are new objects on change (useSyncExternalStore relies on that).
    expect(new Set(list.snapshots).size).toBe(list.snapshots.length);
  });

  it('paints the newest page first, then completes, for tables bigger than one page', async () => {
    const test = createTestEnvironment();
    const generated = await generateSampleData(test.env, { seed: 3, count: 250, periodDays: 30, endMs: test.now() });
    expect(generated.ok).toBe(true);
    const list = follow(test);
    await vi.waitFor(() => expect(list.source.getSnapshot().isComplete).toBe(true));
    const [firstPaint] = list.snapshots;
    expect(firstPaint).toMatchObject({ isComplete: false, totalCount: 250 });
    expect(firstPaint!.items).toHaveLength(200);
    const newest200 = (await test.db.incidents.orderBy('reportedAt').reverse().limit(200).primaryKeys()).sort();
    expect(firstPaint!.items.map((item) => item.id).sort()).toEqual(newest200);
    expect(list.source.getSnapshot()).toMatchObject({ isComplete: true, totalCount: 250 });
    expect(list.items()).toHaveLength(250);
  });

  it('stops following changes after stop()', async () => {
    const test = createTestEnvironment();
    await saveTestProfile(test.env);
    await create(test, 'Before');
    const list = follow(test);
    await vi.waitFor(() => expect(list.source.getSnapshot().isComplete).toBe(true));
    list.source.stop();
    const count = list.snapshots.length;
    await create(test, 'After stop');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(list.snapshots).toHaveLength(count);
    expect(list.items().map((item) => item.title)).toEqual(['Before']);
  });

  it('unsubscribed listeners are no longer called', async () => {
    const test = createTestEnvironment();
    await saveTestProfile(test.env);
    const list = follow(test);
    await vi.waitFor(() => expect(list.source.getSnapshot().isComplete).toBe(true));
    list.unsubscribe();
    const count = list.snapshots.length;
    const id = await create(test, 'Unheard');
    await vi.waitFor(() => expect(list.find(id)).toBeDefined());
    expect(list.snapshots).toHaveLength(count);
  });

  it('removing sample data deletes only sample rows and makes a live list reload without them', async () => {
    const test = createTestEnvironment();
    await saveTestProfile(test.env);
    const real = await create(test, 'A real incident');
    await generateSampleData(test.env, { seed: 3, count: 25, periodDays: 10, endMs: test.now() });
    const list = follow(test);
    await vi.waitFor(() => expect(list.source.getSnapshot()).toMatchObject({ isComplete: true, totalCount: 26 }));
    expect(list.items().filter((item) => item.isSample)).toHaveLength(25);

    const progress: number[] = [];
    expect(await removeSampleData(test.env, (update) => progress.push(update.written))).toEqual({ removed: 25 });
    expect(progress.at(-1)).toBe(25);
    await vi.waitFor(() => expect(list.items().map((item) => item.id)).toEqual([real]));
    expect(await test.db.incidents.count()).toBe(1);
    expect(await test.db.incidentListRows.count()).toBe(1);
    const remainingEntries = await test.db.timelineEntries.toArray();
    expect(remainingEntries.length).toBeGreaterThan(0);
    expect(remainingEntries.every((entry) => entry.incidentId === real)).toBe(true);
    expect(await test.db.tasks.count()).toBe(0);
    // Nothing about the real incident was queued for removal.
    expect((await test.db.outbox.toArray()).every((row) => row.operation === 'insert')).toBe(true);
  });
});
