import { describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { createTestEnvironment } from '../../../support/dataEnvironment';
import { makeIncident } from '../../shared/fixtures';

describe('FirebreakDatabase', () => {
  it('opens with the tables and indexes the data layer relies on', async () => {
    const { db } = createTestEnvironment();
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(1);
    const schema = Object.fromEntries(db.tables.map((table) => [table.name, [table.schema.primKey.src, ...table.schema.indexes.map((index) => index.src)]]));
    expect(schema).toMatchObject({
      incidents: ['id', '&reference', 'source', 'reportedAt', 'localSeq', 'exerciseRunId'],
      incidentListRows: ['id', 'reportedAt', 'localSeq', 'slaDueAt'],
      timelineEntries: ['id', 'incidentId', 'localSeq'],
      tasks: ['id', 'incidentId', 'localSeq'],
      settings: ['key', 'localSeq'],
      outbox: ['mutationId', 'table', 'rowId'],
      meta: ['key'],
      responderTeams: ['id', 'localSeq'],
      notifications: ['id', 'createdAt'],
      savedViews: ['id'],
      playbooks: ['id', 'lineageId', 'localSeq'],
      exerciseScenarios: ['id', 'lineageId', 'localSeq'],
      exerciseRuns: ['id', 'localSeq'],
      exerciseRunEvents: ['id', 'runId', 'localSeq'],
      exerciseRecords: ['id', 'runId', 'recordKind', 'localSeq'],
    });
  });

  it('upgrades a version-4 database to version 5, keeping its rows, adding empty exercise tables and indexing incidents by run', async () => {
    const { name } = createTestEnvironment();
    const incident = { ...makeIncident(), priorityChanges: [], fieldStamps: {}, localSeq: 1 };
    const playbook = { id: 'pb-1', lineageId: 'lineage-1', name: 'Ransomware', localSeq: 2, fieldStamps: {} };
    // The schema as version 4 shipped it.
    const old = new Dexie(name);
    old.version(4).stores({
      incidents: 'id, &reference, source, reportedAt, localSeq',
      incidentListRows: 'id, reportedAt, localSeq, slaDueAt',
      timelineEntries: 'id, incidentId, localSeq',
      tasks: 'id, incidentId, localSeq',
      settings: 'key, localSeq',
      outbox: 'mutationId, table, rowId',
      meta: 'key',
      conflicts: 'id, detectedAt, [table+rowId]',
      acknowledgedMutations: 'mutationId, rowId, visibleAtSeq',
      responderTeams: 'id, localSeq',
      notifications: 'id, createdAt',
      savedViews: 'id',
      playbooks: 'id, lineageId, localSeq',
    });
    const { exerciseRunId: _runId, ...oldIncident } = incident;
    await old.table('incidents').add(oldIncident);
    await old.table('playbooks').add(playbook);
    old.close();

    const { db } = createTestEnvironment({ name });
    await db.open();
    expect(db.verno).toBe(5);
    const stored = await db.incidents.get(incident.id);
    expect(stored).toEqual(oldIncident);
    // Read as the readers do: a row from before version 5 belongs to no run.
    expect(stored!.exerciseRunId ?? null).toBeNull();
    expect(await db.playbooks.get('pb-1')).toEqual(playbook);
    for (const table of [db.exerciseScenarios, db.exerciseRuns, db.exerciseRunEvents, db.exerciseRecords]) expect(await table.count()).toBe(0);
    expect(await db.exerciseRecords.where('recordKind').equals('corrective_action').count()).toBe(0);

    // The new index finds incidents by run; rows without a run stay out of it.
    await db.incidents.add({ ...incident, id: '0190f0e0-0000-7000-8000-00000000aaaa', reference: 'INC-2026-K7QF-0099', mode: 'exercise', exerciseRunId: 'run-1' });
    expect((await db.incidents.where('exerciseRunId').equals('run-1').toArray()).map((row) => row.id)).toEqual(['0190f0e0-0000-7000-8000-00000000aaaa']);
  });

  it('upgrades a version-3 database to version 4, keeping its rows and adding an empty playbook library', async () => {
    const { name } = createTestEnvironment();
    const incident = { ...makeIncident(), priorityChanges: [], fieldStamps: {}, localSeq: 1 };
    const task = { id: 'task-1', incidentId: incident.id, title: 'Call the ISP', state: 'open', localSeq: 2, fieldStamps: {} };
    // The schema as version 3 shipped it.
    const old = new Dexie(name);
    old.version(3).stores({
      incidents: 'id, &reference, source, reportedAt, localSeq',
      incidentListRows: 'id, reportedAt, localSeq, slaDueAt',
      timelineEntries: 'id, incidentId, localSeq',
      tasks: 'id, incidentId, localSeq',
      settings: 'key, localSeq',
      outbox: 'mutationId, table, rowId',
      meta: 'key',
      conflicts: 'id, detectedAt, [table+rowId]',
      acknowledgedMutations: 'mutationId, rowId, visibleAtSeq',
      responderTeams: 'id, localSeq',
      notifications: 'id, createdAt',
      savedViews: 'id',
    });
    await old.table('incidents').add(incident);
    await old.table('tasks').add(task);
    old.close();

    const { db } = createTestEnvironment({ name });
    await db.open();
    expect(db.verno).toBe(5);
    expect(await db.incidents.get(incident.id)).toEqual(incident);
    expect(await db.tasks.get('task-1')).toEqual(task);
    expect(await db.playbooks.count()).toBe(0);
    expect(await db.playbooks.where('lineageId').equals('any').count()).toBe(0);
  });

  it('refuses two incidents with the same reference', async () => {
    const { db } = createTestEnvironment();
    const first = { ...makeIncident(), fieldStamps: {}, localSeq: 1 };
    const second = { ...makeIncident(), fieldStamps: {}, localSeq: 2 };
    expect(first.id).not.toBe(second.id);
    expect(first.reference).toBe(second.reference);
    await db.incidents.add(first);
    await expect(db.incidents.add(second)).rejects.toMatchObject({ name: 'ConstraintError' });
    expect(await db.incidents.count()).toBe(1);
  });

  describe('test isolation', () => {
    const sharedName = 'test-isolation-check';

    it('writes a row in one test', async () => {
      const { db } = createTestEnvironment({ name: sharedName });
      await db.meta.put({ key: 'profile', personId: 'p1', name: 'Someone', initials: 'S', role: 'viewer' });
      expect(await db.meta.count()).toBe(1);
      expect(Dexie.dependencies.indexedDB).toBe(globalThis.indexedDB);
    });

    it('sees a fresh IndexedDB in the next test, even under the same database name', async () => {
      const { db } = createTestEnvironment({ name: sharedName });
      expect(await db.meta.count()).toBe(0);
      expect((await globalThis.indexedDB.databases()).map((info) => info.name)).toEqual([sharedName]);
    });
  });
});
