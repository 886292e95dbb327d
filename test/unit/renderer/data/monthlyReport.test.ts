/** The monthly report's lists on a real (fake-indexeddb) database. */
import { describe, expect, it } from 'vitest';
import { addTask, createIncident, setIncidentDeleted, setTaskState } from '../../../../renderer/data/incidentCommands';
import { readOpenActions, readReportIncidents } from '../../../../renderer/data/monthlyReport';
import { defaultServiceLevelPolicy } from '../../../../shared/domain/serviceLevel';
import { createTestEnvironment, hour, saveTestProfile, validNewIncidentInput } from '../../../support/dataEnvironment';

async function setUp() {
  const test = createTestEnvironment();
  await saveTestProfile(test.env);
  const create = async (title: string) => {
    const created = await createIncident(test.env, validNewIncidentInput(test.now(), { title }));
    if (!created.ok) throw new Error(JSON.stringify(created.errors));
    return created.value;
  };
  const task = async (incidentId: string, title: string, dueAt: string | null) => {
    const added = await addTask(test.env, incidentId, { title, dueAt });
    if (!added.ok) throw new Error(JSON.stringify(added.errors));
    return added.value;
  };
  return { ...test, create, task };
}

describe('readOpenActions', () => {
  it('lists open tasks of the given incidents, overdue first, then by due time, and leaves out done tasks and deleted incidents', async () => {
    const { env, now, create, task, advance } = await setUp();
    const first = await create('Mail relay down');
    const second = await create('Phishing wave');
    const gone = await create('Raised by mistake');
    const startMs = now();
    const noDue = await task(first.id, 'Write the post-incident review', null);
    const later = await task(second.id, 'Confirm backups', new Date(startMs + 5 * hour).toISOString());
    const overdue = await task(first.id, 'Notify the data protection officer', new Date(startMs + 1 * hour).toISOString());
    const done = await task(second.id, 'Block the sender', null);
    await setTaskState(env, done.id, 'done');
    await task(gone.id, 'Nothing to do', null);
    await setIncidentDeleted(env, gone.id, true);
    advance(2 * hour);

    const actions = await readOpenActions(env, [first.id, second.id, gone.id], now());
    expect(actions.map((action) => [action.title, action.isOverdue, action.reference])).toEqual([
      [overdue.title, true, first.reference],
      [later.title, false, second.reference],
      [noDue.title, false, first.reference],
    ]);
    expect(await readOpenActions(env, [], now())).toEqual([]);
  });
});

describe('readReportIncidents', () => {
  it('reads the listed incidents with their clocks, oldest first, skipping unknown ids', async () => {
    const { env, now, create, advance } = await setUp();
    const older = await create('Older');
    advance(hour);
    const newer = await create('Newer');
    advance(3 * hour);
    const lines = await readReportIncidents(env, [newer.id, 'no-such-id', older.id], defaultServiceLevelPolicy, new Date(now()).toISOString());
    expect(lines.map((line) => line.incident.title)).toEqual(['Older', 'Newer']);
    // Medium/medium is P3: respond within 2 h. Four hours on, the older one's response clock has breached.
    expect(lines[0]!.serviceLevel.response.state).toBe('breached');
  });
});
