/**
 * Export and import: a round trip reproduces every row, re-importing changes nothing, an older
 * file never overwrites newer local fields, and hostile files are refused without writing.
 */
import { describe, expect, it } from 'vitest';
import { v7 as uuidV7 } from 'uuid';
import {
  addTask,
  addTimelineNote,
  createIncident,
  setIncidentDeleted,
  setTaskState,
  takeLifecycleAction,
} from '../../../../renderer/data/incidentCommands';
import { emptyImportSummary, exportAllData, exportFileName, importExportText } from '../../../../renderer/data/importExport';
import { updateSetting } from '../../../../renderer/data/settingsData';
import { addTeamMember, createResponderTeam } from '../../../../renderer/data/teamCommands';
import type { FirebreakDatabase } from '../../../../renderer/db/database';
import { exportFormatName, exportFormatVersion, parseExportFile, type ExportFile } from '../../../../shared/formats/firebreakExport';
import { formatHlcStamp, parseHlcStamp } from '../../../../shared/domain/hlc';
import {
  createTestEnvironment,
  databaseText,
  day,
  hour,
  minute,
  saveTestProfile,
  snapshotDatabase,
  testProfile,
  validNewIncidentInput,
  withoutLocalSeq,
  type TestEnvironment,
} from '../../../support/dataEnvironment';

const zeroSummary = emptyImportSummary();

/** Two incidents with history, a tombstoned one, tasks, settings and a responder team with a member. */
async function populate(test: TestEnvironment) {
  await saveTestProfile(test.env, { ...testProfile, role: 'lead' });
  const team = await createResponderTeam(test.env, { name: 'Security Operations', description: 'Phishing and malware' });
  if (!team.ok) throw new Error('setup failed');
  await addTeamMember(test.env, team.value.id, { newPersonName: 'Kim Keyboard', role: 'lead' });
  const step = () => test.advance(minute);
  const first = await createIncident(test.env, validNewIncidentInput(test.now()));
  step();
  const second = await createIncident(test.env, validNewIncidentInput(test.now(), { title: 'Phishing wave', kind: 'security', category: 'phishing', startedAt: null }));
  step();
  const third = await createIncident(test.env, validNewIncidentInput(test.now(), { title: 'Raised by mistake' }));
  if (!first.ok || !second.ok || !third.ok) throw new Error('setup failed');
  step();
  await takeLifecycleAction(test.env, first.value.id, { type: 'acknowledge' });
  step();
  await takeLifecycleAction(test.env, first.value.id, { type: 'putOnHold', reason: 'Waiting for the vendor' });
  step();
  await addTimelineNote(test.env, second.value.id, { kind: 'note', text: 'Blocked sender domain', occurredAt: new Date(test.now() - hour).toISOString(), correctsEntryId: null });
  const task = await addTask(test.env, second.value.id, { title: 'Reset credentials', dueAt: new Date(test.now() + hour).toISOString() });
  if (!task.ok) throw new Error('setup failed');
  step();
  await setTaskState(test.env, task.value.id, 'done');
  await updateSetting(test.env, 'displayPreferences', { timeZone: 'utc', theme: 'dark' });
  await setIncidentDeleted(test.env, third.value.id, true);
  step();
  return { firstId: first.value.id, secondId: second.value.id, thirdId: third.value.id, taskId: task.value.id };
}

async function exportText(test: TestEnvironment): Promise<string> {
  return JSON.stringify(await exportAllData(test.env));
}

async function syncedRows(db: FirebreakDatabase) {
  const byId = <T extends { localSeq: number }>(rows: T[], key: (row: T) => string) => rows.map(withoutLocalSeq).sort((a, b) => (key(a as T) < key(b as T) ? -1 : 1));
  return {
    incidents: byId(await db.incidents.toArray(), (row) => row.id),
    tasks: byId(await db.tasks.toArray(), (row) => row.id),
    settings: byId(await db.settings.toArray(), (row) => row.key),
    responderTeams: byId(await db.responderTeams.toArray(), (row) => row.id),
    // The export carries no stamps for insert-only timeline entries; the importer stamps them anew.
    timelineEntries: (await db.timelineEntries.toArray())
      .map(({ fieldStamps: _stamps, localSeq: _seq, ...entry }) => entry)
      .sort((a, b) => (a.id < b.id ? -1 : 1)),
  };
}

describe('exportAllData', () => {
  it('writes every record with its field stamps, tombstones included, in the documented format', async () => {
    const test = createTestEnvironment();
    const ids = await populate(test);
    const file = await exportAllData(test.env);
    expect(file).toMatchObject({ format: exportFormatName, formatVersion: exportFormatVersion, exportedAt: new Date(test.now()).toISOString() });
    const device = await test.db.meta.get('device');
    expect(device?.key === 'device' && file.deviceId).toBe(device?.key === 'device' ? device.deviceId : null);
    expect(file.incidents).toHaveLength(3);
    expect(file.incidents.find((row) => row.record.id === ids.thirdId)!.record.deletedAt).not.toBeNull();
    expect(file.timelineEntries).toHaveLength(await test.db.timelineEntries.count());
    expect(file.tasks).toHaveLength(1);
    expect(file.settings.map((row) => row.record.key)).toEqual(['displayPreferences']);
    expect(file.responderTeams.map((row) => [row.record.name, row.record.members.map((member) => member.person.name)])).toEqual([['Security Operations', ['Kim Keyboard']]]);
    const storedTeam = await test.db.responderTeams.get(file.responderTeams[0]!.record.id);
    expect(file.responderTeams[0]!.fieldStamps).toEqual(storedTeam!.fieldStamps);
    const stored = await test.db.incidents.get(ids.firstId);
    expect(file.incidents.find((row) => row.record.id === ids.firstId)!.fieldStamps).toEqual(stored!.fieldStamps);
    // What we write, we can read.
    const reparsed = parseExportFile(JSON.stringify(file));
    expect(reparsed.ok).toBe(true);
    expect(exportFileName(Date.UTC(2026, 2, 10, 12, 5, 9))).toBe('firebreak-export-2026-03-10-12-05-09.json');
  });
});

describe('importExportText', () => {
  it('reproduces every row in a fresh database (ignoring localSeq) and queues the imported changes', async () => {
    const source = createTestEnvironment();
    await populate(source);
    const text = await exportText(source);

    const target = createTestEnvironment({ startMs: source.now() + minute });
    const result = await importExportText(target.env, text);
    expect(result).toEqual({
      ok: true,
      summary: { ...zeroSummary, incidentsAdded: 3, timelineEntriesAdded: await source.db.timelineEntries.count(), tasksAdded: 1, settingsUpdated: 1, teamsAdded: 1 },
    });
    expect(await syncedRows(target.db)).toEqual(await syncedRows(source.db));

    // The import is a change on this device: it is queued for sync with the original stamps.
    const outbox = await target.db.outbox.orderBy('mutationId').toArray();
    expect(outbox.length).toBeGreaterThan(0);
    outbox.forEach((row, index) => expect(row.mutationId).toBe(index + 1));
    const sourceStamps = new Set((await source.db.incidents.toArray()).flatMap((row) => Object.values(row.fieldStamps)));
    for (const row of outbox.filter((mutation) => mutation.table === 'incidents')) expect(sourceStamps.has(row.hlc)).toBe(true);
    // Every field of every imported incident is queued exactly once.
    const queuedFields = outbox.filter((row) => row.table === 'incidents').flatMap((row) => Object.keys(row.fields).map((field) => `${row.rowId}.${field}`));
    expect(new Set(queuedFields).size).toBe(queuedFields.length);
    expect(queuedFields).toHaveLength(3 * Object.keys((await source.db.incidents.toCollection().first())!.fieldStamps).length);
    // The local clock has moved past every imported stamp.
    const clock = await target.db.meta.get('clock');
    const newest = [...sourceStamps].sort().at(-1)!;
    expect(clock?.key === 'clock' && clock.hlc > newest).toBe(true);
  });

  it('importing the same file twice changes nothing the second time', async () => {
    const source = createTestEnvironment();
    await populate(source);
    const text = await exportText(source);
    const target = createTestEnvironment({ startMs: source.now() });
    expect((await importExportText(target.env, text)).ok).toBe(true);
    const afterFirst = await snapshotDatabase(target.db);

    target.advance(minute);
    const second = await importExportText(target.env, text);
    expect(second).toEqual({ ok: true, summary: zeroSummary });
    const afterSecond = await snapshotDatabase(target.db);
    expect({ ...afterSecond, meta: [] }).toEqual({ ...afterFirst, meta: [] });
    expect(afterSecond.outbox).toHaveLength(afterFirst.outbox.length);
  });

  it('importing a database its own export changes nothing', async () => {
    const test = createTestEnvironment();
    await populate(test);
    const before = await snapshotDatabase(test.db);
    expect(await importExportText(test.env, await exportText(test))).toEqual({ ok: true, summary: zeroSummary });
    expect({ ...(await snapshotDatabase(test.db)), meta: [] }).toEqual({ ...before, meta: [] });
  });

  it('an older export imported after local edits keeps the newer local fields', async () => {
    const test = createTestEnvironment();
    const ids = await populate(test);
    const oldText = await exportText(test);

    test.advance(minute);
    await takeLifecycleAction(test.env, ids.firstId, { type: 'resume' });
    test.advance(minute);
    await takeLifecycleAction(test.env, ids.firstId, { type: 'resolve', resolutionCode: 'fixed', resolutionSummary: 'Vendor patched' });
    await setIncidentDeleted(test.env, ids.thirdId, false);
    await setTaskState(test.env, ids.taskId, 'open');
    await updateSetting(test.env, 'displayPreferences', { timeZone: 'local', theme: 'light' });
    test.advance(minute);
    const before = await snapshotDatabase(test.db);

    const result = await importExportText(test.env, oldText);
    expect(result).toEqual({ ok: true, summary: zeroSummary });
    expect({ ...(await snapshotDatabase(test.db)), meta: [] }).toEqual({ ...before, meta: [] });
    expect(await test.db.incidents.get(ids.firstId)).toMatchObject({ stage: 'resolved', holdReason: null, resolutionSummary: 'Vendor patched' });
    expect((await test.db.incidents.get(ids.thirdId))!.deletedAt).toBeNull();
  });

  it('merges per field: newer fields from the file win, newer local fields stay', async () => {
    const laptop = createTestEnvironment();
    await saveTestProfile(laptop.env);
    const created = await createIncident(laptop.env, validNewIncidentInput(laptop.now()));
    if (!created.ok) throw new Error('setup failed');
    const id = created.value.id;

    // The incident travels to a second device, which acknowledges it later on.
    const desktop = createTestEnvironment({ startMs: laptop.now() });
    await saveTestProfile(desktop.env, { name: 'Chen Wei', initials: 'CW', role: 'lead' });
    expect((await importExportText(desktop.env, await exportText(laptop))).ok).toBe(true);
    desktop.advance(10 * minute);
    expect((await takeLifecycleAction(desktop.env, id, { type: 'acknowledge' })).ok).toBe(true);

    // Meanwhile the laptop assigns it (the stage stays "new") and, later still, touches updatedAt.
    laptop.advance(5 * minute);
    expect((await takeLifecycleAction(laptop.env, id, { type: 'assign', assignee: { id: 'p-dana', name: 'Dana Levi' } })).ok).toBe(true);
    laptop.advance(10 * minute);
    await addTimelineNote(laptop.env, id, { kind: 'note', text: 'Laptop note', occurredAt: null, correctsEntryId: null });
    const outboxBefore = await laptop.db.outbox.count();

    const result = await importExportText(laptop.env, await exportText(desktop));
    expect(result).toEqual({ ok: true, summary: { ...zeroSummary, incidentsUpdated: 1, timelineEntriesAdded: 1 } });
    const merged = (await laptop.db.incidents.get(id))!;
    const fromDesktop = (await desktop.db.incidents.get(id))!;
    expect(merged).toMatchObject({
      stage: 'triaged', // desktop, newer
      acknowledgedAt: fromDesktop.acknowledgedAt, // desktop, newer
      assignee: { id: 'p-dana', name: 'Dana Levi' }, // laptop, desktop never touched it
      updatedAt: new Date(laptop.now()).toISOString(), // laptop, newer
    });
    expect(merged.fieldStamps.stage).toBe(fromDesktop.fieldStamps.stage);
    const queued = (await laptop.db.outbox.orderBy('mutationId').toArray()).slice(outboxBefore);
    const incidentUpdates = queued.filter((row) => row.table === 'incidents');
    expect(incidentUpdates).toHaveLength(1);
    expect(incidentUpdates[0]).toMatchObject({ operation: 'update', rowId: id, hlc: fromDesktop.fieldStamps.stage, fields: { stage: 'triaged', acknowledgedAt: fromDesktop.acknowledgedAt } });
    expect(queued.filter((row) => row.table === 'timelineEntries')).toHaveLength(1);
    // Both devices' timeline entries are kept.
    expect((await laptop.db.timelineEntries.where('incidentId').equals(id).toArray()).map((entry) => entry.text).sort()).toEqual(['Acknowledged', 'Assigned to Dana Levi', 'Laptop note', 'Reported by Ada Responder']);
  });

  describe('hostile files are refused and nothing is written', () => {
    const hostile: { name: string; make: (valid: string, file: ExportFile, test: TestEnvironment) => string; error: RegExp }[] = [
      { name: 'an empty file', make: () => '', error: /empty/ },
      { name: 'not JSON', make: () => 'Subject: invoice\n\nPlease pay', error: /not JSON/ },
      { name: 'truncated JSON', make: (valid) => valid.slice(0, Math.floor(valid.length / 2)), error: /truncated/ },
      { name: 'JSON without the format marker', make: (_valid, file) => JSON.stringify({ ...file, format: undefined }), error: /not a Firebreak export/ },
      { name: 'a JSON array', make: () => '[1,2,3]', error: /not a Firebreak export/ },
      { name: 'a newer format version', make: (_valid, file) => JSON.stringify({ ...file, formatVersion: exportFormatVersion + 1 }), error: /newer Firebreak/ },
      {
        name: 'an incident with a bad field',
        make: (_valid, file) => JSON.stringify({ ...file, incidents: file.incidents.map((row, index) => (index === 1 ? { ...row, record: { ...row.record, priority: 'P9' } } : row)) }),
        error: /damaged at incidents\[1\]\.record\.priority/,
      },
      {
        name: 'an incident with an extra field',
        make: (_valid, file) => JSON.stringify({ ...file, incidents: file.incidents.map((row) => ({ ...row, record: { ...row.record, isAdmin: true } })) }),
        error: /damaged at incidents\[0\]\.record/,
      },
      {
        name: 'a timeline entry that is not an entry',
        make: (_valid, file) => JSON.stringify({ ...file, timelineEntries: [...file.timelineEntries, { id: 'x', text: '<script>' }] }),
        error: /damaged at timelineEntries/,
      },
      {
        name: 'a change stamp that is not a stamp',
        make: (_valid, file) => JSON.stringify({ ...file, tasks: file.tasks.map((row) => ({ ...row, fieldStamps: { ...row.fieldStamps, title: 'yesterday' } })) }),
        error: /damaged at tasks\[0\]\.fieldStamps\.title/,
      },
      {
        name: 'an invalid setting value',
        make: (_valid, file) => JSON.stringify({ ...file, settings: file.settings.map((row) => ({ ...row, record: { ...row.record, value: { theme: 'neon' } } })) }),
        error: /setting "displayPreferences".*not valid/,
      },
      {
        name: '50 MB of junk',
        make: () => 'x'.repeat(50 * 1024 * 1024),
        error: /not JSON/,
      },
      {
        name: '50 MB of brackets',
        make: () => '{'.repeat(50 * 1024 * 1024),
        error: /truncated/,
      },
      {
        name: 'change stamps a day in the future',
        make: (_valid, file, test) => {
          const future = formatHlcStamp({ wallMs: test.now() + day, counter: 0, nodeId: 'f00dcafe' });
          return JSON.stringify({ ...file, incidents: file.incidents.map((row) => ({ ...row, fieldStamps: { ...row.fieldStamps, title: future }, record: { ...row.record, title: 'From the future' } })) });
        },
        error: /1440 minutes ahead.*Nothing was imported/,
      },
      {
        name: 'an incident reusing a local reference under another id',
        make: (_valid, file) => JSON.stringify({ ...file, incidents: [{ ...file.incidents[0]!, record: { ...file.incidents[0]!.record, id: uuidV7() } }] }),
        error: /reference is already used/,
      },
    ];

    it.each(hostile)('$name', async ({ make, error }) => {
      const test = createTestEnvironment();
      await populate(test);
      const file = await exportAllData(test.env);
      const text = make(JSON.stringify(file), file, test);
      const before = await databaseText(test.db);
      const result = await importExportText(test.env, text);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error).toMatch(error);
      expect(await databaseText(test.db)).toBe(before);
    });

    it('a file with future stamps leaves a fresh database completely empty', async () => {
      const source = createTestEnvironment();
      await populate(source);
      const file = await exportAllData(source.env);
      const target = createTestEnvironment({ startMs: source.now() - 2 * hour });
      const result = await importExportText(target.env, JSON.stringify(file));
      expect(result.ok).toBe(false);
      expect(!result.ok && result.error).toMatch(/ahead of this device's clock/);
      const snapshot = await snapshotDatabase(target.db);
      expect(Object.keys(snapshot)).toEqual(expect.arrayContaining(['incidents', 'timelineEntries', 'tasks', 'settings', 'outbox', 'meta']));
      for (const [table, rows] of Object.entries(snapshot)) expect(rows, table).toEqual([]);
    });

    it('stamps a little ahead (under five minutes) are accepted and the local clock moves past them', async () => {
      const source = createTestEnvironment();
      await populate(source);
      const target = createTestEnvironment({ startMs: source.now() - 4 * minute });
      expect((await importExportText(target.env, await exportText(source))).ok).toBe(true);
      const clock = await target.db.meta.get('clock');
      const newestSource = (await source.db.meta.get('clock'))!;
      expect(clock?.key === 'clock' && newestSource.key === 'clock' && clock.hlc > newestSource.hlc).toBe(true);
      expect(clock?.key === 'clock' && parseHlcStamp(clock.hlc).wallMs).toBeGreaterThan(target.now());
    });
  });
});
