/**
 * The timeline is append-only: notes may be backdated but are recorded "now", corrections are new
 * entries pointing at an existing one, and no command ever rewrites or deletes an entry.
 */
import { describe, expect, it } from 'vitest';
import {
  addTask,
  addTimelineNote,
  createIncident,
  setIncidentDeleted,
  setTaskState,
  takeLifecycleAction,
} from '../../../../renderer/data/incidentCommands';
import { updateSetting } from '../../../../renderer/data/settingsData';
import { exportAllData, importExportText } from '../../../../renderer/data/importExport';
import { createTestEnvironment, hour, minute, saveTestProfile, validNewIncidentInput } from '../../../support/dataEnvironment';

async function environmentWithIncident() {
  const test = createTestEnvironment();
  await saveTestProfile(test.env);
  const created = await createIncident(test.env, validNewIncidentInput(test.now()));
  if (!created.ok) throw new Error('setup failed');
  test.advance(minute);
  return { test, incident: created.value };
}

describe('addTimelineNote', () => {
  it('keeps recordedAt at the device clock when occurredAt is backdated', async () => {
    const { test, incident } = await environmentWithIncident();
    const occurredAt = new Date(test.now() - 3 * hour).toISOString();
    const result = await addTimelineNote(test.env, incident.id, { kind: 'action', text: 'Blocked the IP at the firewall', occurredAt, correctsEntryId: null });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.occurredAt).toBe(occurredAt);
    expect(result.value.recordedAt).toBe(new Date(test.now()).toISOString());
    expect(await test.db.timelineEntries.get(result.value.id)).toMatchObject({ occurredAt, recordedAt: result.value.recordedAt, kind: 'action' });
  });

  it('writes the entry and bumps the incident updatedAt, with one outbox row each', async () => {
    const { test, incident } = await environmentWithIncident();
    const result = await addTimelineNote(test.env, incident.id, { kind: 'note', text: 'Logs collected', occurredAt: null, correctsEntryId: null });
    if (!result.ok) throw new Error('note failed');
    const nowIso = new Date(test.now()).toISOString();
    expect(result.value.occurredAt).toBe(nowIso);
    const outbox = (await test.db.outbox.orderBy('mutationId').toArray()).slice(2);
    expect(outbox.map((row) => [row.table, row.operation, row.rowId])).toEqual([
      ['timelineEntries', 'insert', result.value.id],
      ['incidents', 'update', incident.id],
    ]);
    expect(outbox[1]!.fields).toEqual({ updatedAt: nowIso });
    expect(outbox[0]!.hlc).toBe(outbox[1]!.hlc);
  });

  it('accepts a correction of an existing entry on the same incident, as a new entry', async () => {
    const { test, incident } = await environmentWithIncident();
    const original = await addTimelineNote(test.env, incident.id, { kind: 'note', text: 'Host isolated at 10:00', occurredAt: null, correctsEntryId: null });
    if (!original.ok) throw new Error('note failed');
    const originalRow = await test.db.timelineEntries.get(original.value.id);
    test.advance(minute);
    const correction = await addTimelineNote(test.env, incident.id, { kind: 'correction', text: 'Isolated at 10:30, not 10:00', occurredAt: null, correctsEntryId: original.value.id });
    expect(correction.ok && correction.value).toMatchObject({ kind: 'correction', correctsEntryId: original.value.id });
    expect(await test.db.timelineEntries.get(original.value.id)).toEqual(originalRow);
    // The automatic "created" entry can be corrected too.
    const created = await test.db.timelineEntries.where('incidentId').equals(incident.id).filter((entry) => entry.kind === 'created').first();
    expect((await addTimelineNote(test.env, incident.id, { kind: 'correction', text: 'Reported by phone', occurredAt: null, correctsEntryId: created!.id })).ok).toBe(true);
  });

  it('accepts a note on a closed incident (the record stays open for late facts)', async () => {
    const { test, incident } = await environmentWithIncident();
    await takeLifecycleAction(test.env, incident.id, { type: 'acknowledge' });
    await takeLifecycleAction(test.env, incident.id, { type: 'resolve', resolutionCode: 'fixed', resolutionSummary: 'Fixed' });
    await takeLifecycleAction(test.env, incident.id, { type: 'close' });
    expect((await addTimelineNote(test.env, incident.id, { kind: 'note', text: 'Vendor confirmed root cause', occurredAt: null, correctsEntryId: null })).ok).toBe(true);
  });
});

describe('tasks', () => {
  it('addTask writes the task, a "task" timeline entry and two outbox inserts', async () => {
    const { test, incident } = await environmentWithIncident();
    const dueAt = new Date(test.now() + 4 * hour).toISOString();
    const result = await addTask(test.env, incident.id, { title: '  Reset credentials  ', dueAt });
    if (!result.ok) throw new Error('task failed');
    const nowIso = new Date(test.now()).toISOString();
    expect(result.value).toMatchObject({ incidentId: incident.id, title: 'Reset credentials', state: 'open', dueAt, createdAt: nowIso, completedAt: null, deletedAt: null });
    expect(await test.db.tasks.count()).toBe(1);
    const entries = await test.db.timelineEntries.where('incidentId').equals(incident.id).sortBy('localSeq');
    expect(entries.at(-1)).toMatchObject({ kind: 'task', text: 'Task added: Reset credentials' });
    const outbox = (await test.db.outbox.orderBy('mutationId').toArray()).slice(2);
    expect(outbox.map((row) => [row.table, row.operation])).toEqual([
      ['tasks', 'insert'],
      ['timelineEntries', 'insert'],
    ]);
  });

  it('setTaskState marks done, reopens and cancels, each with a timeline entry and a minimal update', async () => {
    const { test, incident } = await environmentWithIncident();
    const task = await addTask(test.env, incident.id, { title: 'Confirm backups', dueAt: null });
    if (!task.ok) throw new Error('task failed');

    test.advance(minute);
    const doneIso = new Date(test.now()).toISOString();
    const done = await setTaskState(test.env, task.value.id, 'done');
    expect(done.ok && done.value).toMatchObject({ state: 'done', completedAt: doneIso, updatedAt: doneIso });
    expect((await test.db.outbox.orderBy('mutationId').last())!.table).toBe('timelineEntries');
    const doneUpdate = (await test.db.outbox.where('table').equals('tasks').toArray()).at(-1)!;
    expect(doneUpdate).toMatchObject({ operation: 'update', fields: { state: 'done', updatedAt: doneIso, completedAt: doneIso } });

    test.advance(minute);
    const reopenIso = new Date(test.now()).toISOString();
    const reopened = await setTaskState(test.env, task.value.id, 'open');
    expect(reopened.ok && reopened.value).toMatchObject({ state: 'open', completedAt: null });
    const reopenUpdate = (await test.db.outbox.where('table').equals('tasks').toArray()).at(-1)!;
    expect(reopenUpdate.fields).toEqual({ state: 'open', updatedAt: reopenIso, completedAt: null });

    test.advance(minute);
    expect((await setTaskState(test.env, task.value.id, 'cancelled')).ok).toBe(true);
    const texts = (await test.db.timelineEntries.where('incidentId').equals(incident.id).sortBy('localSeq')).map((entry) => entry.text);
    expect(texts.slice(-4)).toEqual(['Task added: Confirm backups', 'Task done: Confirm backups', 'Task reopened: Confirm backups', 'Task cancelled: Confirm backups']);
  });

  it('setting the state a task already has writes no entry and no outbox row', async () => {
    const { test, incident } = await environmentWithIncident();
    const task = await addTask(test.env, incident.id, { title: 'Confirm backups', dueAt: null });
    if (!task.ok) throw new Error('task failed');
    const outboxBefore = await test.db.outbox.count();
    const entriesBefore = await test.db.timelineEntries.count();
    const result = await setTaskState(test.env, task.value.id, 'open');
    expect(result.ok && result.value.state).toBe('open');
    expect(await test.db.outbox.count()).toBe(outboxBefore);
    expect(await test.db.timelineEntries.count()).toBe(entriesBefore);
  });
});

describe('the timeline is append-only', () => {
  it('no command modifies or deletes an existing entry across a full journey', async () => {
    const { test, incident } = await environmentWithIncident();
    let updates = 0;
    let deletes = 0;
    test.db.timelineEntries.hook('updating', () => {
      updates += 1;
    });
    test.db.timelineEntries.hook('deleting', () => {
      deletes += 1;
    });
    const seen = new Map<string, unknown>();
    const checkEarlierEntriesUnchanged = async () => {
      for (const entry of await test.db.timelineEntries.toArray()) {
        if (seen.has(entry.id)) expect(entry).toEqual(seen.get(entry.id));
        else seen.set(entry.id, structuredClone(entry));
      }
    };
    await checkEarlierEntriesUnchanged();

    const steps: (() => Promise<unknown>)[] = [
      () => addTimelineNote(test.env, incident.id, { kind: 'note', text: 'First look', occurredAt: null, correctsEntryId: null }),
      () => takeLifecycleAction(test.env, incident.id, { type: 'acknowledge' }),
      () => addTask(test.env, incident.id, { title: 'Call the vendor', dueAt: null }),
      async () => setTaskState(test.env, (await test.db.tasks.toCollection().first())!.id, 'done'),
      () => takeLifecycleAction(test.env, incident.id, { type: 'assign', assignee: { id: 'p2', name: 'Chen Wei' } }),
      () => takeLifecycleAction(test.env, incident.id, { type: 'putOnHold', reason: 'Vendor' }),
      () => takeLifecycleAction(test.env, incident.id, { type: 'resume' }),
      async () => {
        const first = (await test.db.timelineEntries.where('incidentId').equals(incident.id).filter((entry) => entry.text === 'First look').first())!;
        return addTimelineNote(test.env, incident.id, { kind: 'correction', text: 'Second look, actually', occurredAt: null, correctsEntryId: first.id });
      },
      () => takeLifecycleAction(test.env, incident.id, { type: 'resolve', resolutionCode: 'fixed', resolutionSummary: 'Patched' }),
      () => takeLifecycleAction(test.env, incident.id, { type: 'close' }),
      () => takeLifecycleAction(test.env, incident.id, { type: 'reopen', reason: 'Came back' }),
      () => updateSetting(test.env, 'displayPreferences', { timeZone: 'utc', theme: 'light' }),
      () => setIncidentDeleted(test.env, incident.id, true),
      () => setIncidentDeleted(test.env, incident.id, false),
      async () => importExportText(test.env, JSON.stringify(await exportAllData(test.env))),
    ];
    for (const step of steps) {
      test.advance(minute);
      const result = (await step()) as { ok: boolean };
      expect(result.ok).toBe(true);
      await checkEarlierEntriesUnchanged();
    }
    expect(seen.size).toBe(await test.db.timelineEntries.count());
    expect(seen.size).toBe(12);
    expect(updates).toBe(0);
    expect(deletes).toBe(0);

    // The hooks do see a rewrite, so the zero counts above mean something.
    const anyEntry = (await test.db.timelineEntries.toCollection().first())!;
    await test.db.timelineEntries.put({ ...anyEntry, text: 'rewritten' });
    await test.db.timelineEntries.delete(anyEntry.id);
    expect([updates, deletes]).toEqual([1, 1]);
  });
});
