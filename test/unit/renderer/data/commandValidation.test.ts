/**
 * Every command refuses invalid input with field errors and leaves every table, the outbox and
 * the clock meta row exactly as they were.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { v7 as uuidV7 } from 'uuid';
import {
  addTask,
  addTimelineNote,
  createIncident,
  setIncidentDeleted,
  setTaskState,
  takeLifecycleAction,
} from '../../../../renderer/data/incidentCommands';
import { updateSetting } from '../../../../renderer/data/settingsData';
import type { CommandResult } from '../../../../renderer/data/dataEnvironment';
import type { TaskState } from '../../../../shared/domain/task';
import { defaultPriorityMatrix } from '../../../../shared/domain/priority';
import {
  createTestEnvironment,
  databaseText,
  hour,
  minute,
  saveTestProfile,
  validNewIncidentInput,
  type TestEnvironment,
} from '../../../support/dataEnvironment';

type Fixture = {
  test: TestEnvironment;
  incidentId: string;
  otherIncidentId: string;
  deletedIncidentId: string;
  otherEntryId: string;
  taskId: string;
};

/** A database with some history: incidents, a note, a task, a setting, a tombstone. */
async function populatedDatabase(): Promise<Fixture> {
  const test = createTestEnvironment();
  await saveTestProfile(test.env);
  const created = await createIncident(test.env, validNewIncidentInput(test.now()));
  test.advance(minute);
  const other = await createIncident(test.env, validNewIncidentInput(test.now(), { title: 'Other incident' }));
  test.advance(minute);
  const deleted = await createIncident(test.env, validNewIncidentInput(test.now(), { title: 'Deleted incident' }));
  if (!created.ok || !other.ok || !deleted.ok) throw new Error('setup failed');
  test.advance(minute);
  const note = await addTimelineNote(test.env, other.value.id, { kind: 'note', text: 'On the other incident', occurredAt: null, correctsEntryId: null });
  const task = await addTask(test.env, created.value.id, { title: 'Notify the service owner', dueAt: null });
  await updateSetting(test.env, 'displayPreferences', { timeZone: 'utc', theme: 'dark' });
  await setIncidentDeleted(test.env, deleted.value.id, true);
  if (!note.ok || !task.ok) throw new Error('setup failed');
  test.advance(minute);
  return { test, incidentId: created.value.id, otherIncidentId: other.value.id, deletedIncidentId: deleted.value.id, otherEntryId: note.value.id, taskId: task.value.id };
}

type Case = { name: string; run: (fixture: Fixture) => Promise<CommandResult<unknown>>; errorField: string };

const future = (fixture: Fixture, offsetMs: number) => new Date(fixture.test.now() + offsetMs).toISOString();

const cases: Case[] = [
  // createIncident
  { name: 'createIncident: blank title', errorField: 'title', run: (f) => createIncident(f.test.env, validNewIncidentInput(f.test.now(), { title: '   ' })) },
  { name: 'createIncident: category of another kind', errorField: 'category', run: (f) => createIncident(f.test.env, validNewIncidentInput(f.test.now(), { kind: 'security', category: 'outage' })) },
  { name: 'createIncident: detected in the future', errorField: 'detectedAt', run: (f) => createIncident(f.test.env, validNewIncidentInput(f.test.now(), { detectedAt: future(f, hour), startedAt: null })) },
  { name: 'createIncident: started after detected', errorField: 'startedAt', run: (f) => createIncident(f.test.env, validNewIncidentInput(f.test.now(), { startedAt: future(f, -1 * minute) })) },
  { name: 'createIncident: unknown field', errorField: 'form', run: (f) => createIncident(f.test.env, { ...validNewIncidentInput(f.test.now()), reference: 'INC-HACK' }) },
  { name: 'createIncident: impact out of range', errorField: 'impact', run: (f) => createIncident(f.test.env, { ...validNewIncidentInput(f.test.now()), impact: 'extreme' }) },
  { name: 'createIncident: short override justification', errorField: 'priorityOverride.justification', run: (f) => createIncident(f.test.env, validNewIncidentInput(f.test.now(), { priorityOverride: { priority: 'P4', justification: 'meh' } })) },
  { name: 'createIncident: not an object', errorField: 'form', run: (f) => createIncident(f.test.env, null) },

  // takeLifecycleAction
  { name: 'takeLifecycleAction: unknown action', errorField: 'type', run: (f) => takeLifecycleAction(f.test.env, f.incidentId, { type: 'explode' }) },
  { name: 'takeLifecycleAction: hold without a reason', errorField: 'reason', run: (f) => takeLifecycleAction(f.test.env, f.incidentId, { type: 'putOnHold', reason: '  ' }) },
  { name: 'takeLifecycleAction: resolve without a summary', errorField: 'resolutionSummary', run: (f) => takeLifecycleAction(f.test.env, f.incidentId, { type: 'resolve', resolutionCode: 'fixed', resolutionSummary: '' }) },
  { name: 'takeLifecycleAction: resolve with an unknown code', errorField: 'resolutionCode', run: (f) => takeLifecycleAction(f.test.env, f.incidentId, { type: 'resolve', resolutionCode: 'prayed', resolutionSummary: 'It went away' }) },
  { name: 'takeLifecycleAction: assign to nobody', errorField: 'assignee', run: (f) => takeLifecycleAction(f.test.env, f.incidentId, { type: 'assign' }) },
  { name: 'takeLifecycleAction: close a new incident', errorField: 'form', run: (f) => takeLifecycleAction(f.test.env, f.incidentId, { type: 'close', resolutionCode: 'fixed', resolutionSummary: 'Done' }) },
  { name: 'takeLifecycleAction: resume an incident that is not on hold', errorField: 'form', run: (f) => takeLifecycleAction(f.test.env, f.incidentId, { type: 'resume' }) },
  { name: 'takeLifecycleAction: unknown incident', errorField: 'form', run: (f) => takeLifecycleAction(f.test.env, uuidV7(), { type: 'acknowledge' }) },
  { name: 'takeLifecycleAction: deleted incident', errorField: 'form', run: (f) => takeLifecycleAction(f.test.env, f.deletedIncidentId, { type: 'acknowledge' }) },

  // addTimelineNote
  { name: 'addTimelineNote: blank text', errorField: 'text', run: (f) => addTimelineNote(f.test.env, f.incidentId, { kind: 'note', text: ' ', occurredAt: null, correctsEntryId: null }) },
  { name: 'addTimelineNote: a kind only the app writes', errorField: 'kind', run: (f) => addTimelineNote(f.test.env, f.incidentId, { kind: 'status_change', text: 'Closed', occurredAt: null, correctsEntryId: null }) },
  { name: 'addTimelineNote: occurred in the future', errorField: 'occurredAt', run: (f) => addTimelineNote(f.test.env, f.incidentId, { kind: 'note', text: 'Later', occurredAt: future(f, hour), correctsEntryId: null }) },
  { name: 'addTimelineNote: correction naming no entry', errorField: 'correctsEntryId', run: (f) => addTimelineNote(f.test.env, f.incidentId, { kind: 'correction', text: 'Fix', occurredAt: null, correctsEntryId: null }) },
  { name: 'addTimelineNote: correction of a missing entry', errorField: 'correctsEntryId', run: (f) => addTimelineNote(f.test.env, f.incidentId, { kind: 'correction', text: 'Fix', occurredAt: null, correctsEntryId: uuidV7() }) },
  { name: 'addTimelineNote: correction of an entry on another incident', errorField: 'correctsEntryId', run: (f) => addTimelineNote(f.test.env, f.incidentId, { kind: 'correction', text: 'Fix', occurredAt: null, correctsEntryId: f.otherEntryId }) },
  { name: 'addTimelineNote: unknown incident', errorField: 'form', run: (f) => addTimelineNote(f.test.env, uuidV7(), { kind: 'note', text: 'Hello', occurredAt: null, correctsEntryId: null }) },
  { name: 'addTimelineNote: deleted incident', errorField: 'form', run: (f) => addTimelineNote(f.test.env, f.deletedIncidentId, { kind: 'note', text: 'Hello', occurredAt: null, correctsEntryId: null }) },

  // addTask
  { name: 'addTask: blank title', errorField: 'title', run: (f) => addTask(f.test.env, f.incidentId, { title: '', dueAt: null }) },
  { name: 'addTask: bad due date', errorField: 'dueAt', run: (f) => addTask(f.test.env, f.incidentId, { title: 'Call back', dueAt: 'tomorrow' }) },
  { name: 'addTask: unknown incident', errorField: 'form', run: (f) => addTask(f.test.env, uuidV7(), { title: 'Call back', dueAt: null }) },
  { name: 'addTask: deleted incident', errorField: 'form', run: (f) => addTask(f.test.env, f.deletedIncidentId, { title: 'Call back', dueAt: null }) },

  // setTaskState
  { name: 'setTaskState: unknown state', errorField: 'state', run: (f) => setTaskState(f.test.env, f.taskId, 'finished' as TaskState) },
  { name: 'setTaskState: unknown task', errorField: 'form', run: (f) => setTaskState(f.test.env, uuidV7(), 'done') },

  // updateSetting
  { name: 'updateSetting: a matrix with P9', errorField: 'high.high', run: (f) => updateSetting(f.test.env, 'priorityMatrix', { ...defaultPriorityMatrix, high: { ...defaultPriorityMatrix.high, high: 'P9' } }) },
  { name: 'updateSetting: a matrix missing a row', errorField: 'low', run: (f) => updateSetting(f.test.env, 'priorityMatrix', { high: defaultPriorityMatrix.high, medium: defaultPriorityMatrix.medium }) },
  { name: 'updateSetting: an unknown theme', errorField: 'theme', run: (f) => updateSetting(f.test.env, 'displayPreferences', { timeZone: 'utc', theme: 'neon' }) },

  // setIncidentDeleted
  { name: 'setIncidentDeleted: unknown incident', errorField: 'form', run: (f) => setIncidentDeleted(f.test.env, uuidV7(), true) },
];

describe('invalid input writes nothing', () => {
  let fixture: Fixture;
  beforeEach(async () => {
    fixture = await populatedDatabase();
  });

  it.each(cases)('$name', async ({ run, errorField }) => {
    const before = await databaseText(fixture.test.db);
    const result = await run(fixture);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors)).toContain(errorField);
    expect(result.errors[errorField]).toEqual(expect.any(String));
    expect(result.errors[errorField]!.length).toBeGreaterThan(0);
    const after = await databaseText(fixture.test.db);
    expect(JSON.parse(after)).toEqual(JSON.parse(before));
    expect(after).toBe(before);
  });

  it('the fixture itself wrote rows, a clock and an outbox (so "unchanged" is meaningful)', async () => {
    const { db } = fixture.test;
    expect(await db.incidents.count()).toBe(3);
    expect(await db.timelineEntries.count()).toBe(5);
    expect(await db.tasks.count()).toBe(1);
    expect(await db.settings.count()).toBe(1);
    expect(await db.outbox.count()).toBeGreaterThan(8);
    expect((await db.meta.get('clock'))?.key).toBe('clock');
  });
});

describe('commands need a profile', () => {
  it('every incident command refuses without one and writes nothing', async () => {
    const fixture = await populatedDatabase();
    await fixture.test.db.meta.delete('profile');
    const before = await databaseText(fixture.test.db);
    const results = [
      await createIncident(fixture.test.env, validNewIncidentInput(fixture.test.now())),
      await takeLifecycleAction(fixture.test.env, fixture.incidentId, { type: 'acknowledge' }),
      await addTimelineNote(fixture.test.env, fixture.incidentId, { kind: 'note', text: 'Hello', occurredAt: null, correctsEntryId: null }),
      await addTask(fixture.test.env, fixture.incidentId, { title: 'Call back', dueAt: null }),
      await setTaskState(fixture.test.env, fixture.taskId, 'done'),
    ];
    for (const result of results) expect(result).toEqual({ ok: false, errors: { form: expect.stringMatching(/profile/i) } });
    expect(await databaseText(fixture.test.db)).toBe(before);
  });
});
