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
      incidents: ['id', '&reference', 'source', 'reportedAt', 'localSeq'],
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
    });
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
    expect(db.verno).toBe(4);
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
