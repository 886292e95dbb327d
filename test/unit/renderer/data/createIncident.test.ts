import { describe, expect, it } from 'vitest';
import { createIncident } from '../../../../renderer/data/incidentCommands';
import { readProfile } from '../../../../renderer/data/profile';
import { updateSetting } from '../../../../renderer/data/settingsData';
import { incidentSchema } from '../../../../shared/domain/incident';
import { isHlcStamp } from '../../../../shared/domain/hlc';
import { deviceCodeFromId } from '../../../../shared/domain/reference';
import { syncSchemaVersion } from '../../../../shared/sync/mutation';
import { timelineEntrySchema } from '../../../../shared/domain/timeline';
import {
  createTestEnvironment,
  databaseText,
  minute,
  saveTestProfile,
  testProfile,
  validNewIncidentInput,
} from '../../../support/dataEnvironment';

describe('createIncident', () => {
  it('writes one incident, one "created" entry and two outbox inserts sharing one HLC stamp', async () => {
    const test = createTestEnvironment();
    await saveTestProfile(test.env);
    const profile = await readProfile(test.env);

    const result = await createIncident(test.env, validNewIncidentInput(test.now()));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const incident = result.value;

    const { db } = test;
    const incidents = await db.incidents.toArray();
    const entries = await db.timelineEntries.toArray();
    const outbox = await db.outbox.orderBy('mutationId').toArray();
    expect(incidents).toHaveLength(1);
    expect(entries).toHaveLength(1);
    expect(outbox).toHaveLength(2);
    expect(await db.tasks.count()).toBe(0);
    expect(await db.settings.count()).toBe(0);

    const [stored] = incidents;
    const [entry] = entries;
    expect(stored!.id).toBe(incident.id);
    expect(incidentSchema.parse(incident)).toEqual(incident);
    expect(stored!.stage).toBe('new');
    expect(stored!.priority).toBe('P1');
    expect(stored!.reporter).toEqual({ id: profile!.personId, name: testProfile.name });
    expect(stored!.reportedAt).toBe(new Date(test.now()).toISOString());

    expect(entry!.kind).toBe('created');
    expect(entry!.incidentId).toBe(incident.id);
    expect(entry!.text).toBe(`Reported by ${testProfile.name}`);
    expect(entry!.author).toEqual({ id: profile!.personId, name: testProfile.name });
    const { fieldStamps: _entryStamps, localSeq: _entrySeq, ...entryRecord } = entry!;
    expect(timelineEntrySchema.parse(entryRecord)).toEqual(entryRecord);

    // Outbox: insert incidents, then insert timelineEntries, one stamp for the whole action.
    const stamp = outbox[0]!.hlc;
    expect(isHlcStamp(stamp)).toBe(true);
    expect(outbox.map((row) => [row.mutationId, row.table, row.rowId, row.operation, row.hlc])).toEqual([
      [1, 'incidents', incident.id, 'insert', stamp],
      [2, 'timelineEntries', entry!.id, 'insert', stamp],
    ]);
    expect(outbox.every((row) => row.schemaVersion === syncSchemaVersion)).toBe(true);
    const { fieldStamps, localSeq, ...incidentRecord } = stored!;
    expect(outbox[0]!.fields).toEqual(incidentRecord);
    expect(outbox[0]!.fields).toEqual(incident);
    expect(outbox[1]!.fields).toEqual(entryRecord);

    // Every field of both rows is stamped with the action's stamp.
    expect(Object.keys(fieldStamps).sort()).toEqual(Object.keys(incidentRecord).sort());
    expect(new Set(Object.values(fieldStamps))).toEqual(new Set([stamp]));
    expect(Object.keys(entry!.fieldStamps).sort()).toEqual(Object.keys(entryRecord).sort());
    expect(new Set(Object.values(entry!.fieldStamps))).toEqual(new Set([stamp]));

    // localSeq grows per row; the clock meta holds the stamp and the next counters.
    expect(localSeq).toBe(1);
    expect(entry!.localSeq).toBe(2);
    expect(await db.meta.get('clock')).toEqual({ key: 'clock', hlc: stamp, localSeq: 2, nextReferenceSequence: 2, nextMutationId: 3 });
  });

  it('numbers references INC-<year>-<device code>-0001, -0002 and keeps incrementing mutation ids', async () => {
    const test = createTestEnvironment();
    await saveTestProfile(test.env);
    const first = await createIncident(test.env, validNewIncidentInput(test.now()));
    test.advance(minute);
    const second = await createIncident(test.env, validNewIncidentInput(test.now(), { title: 'Second incident' }));
    expect(first.ok && second.ok).toBe(true);
    if (!first.ok || !second.ok) return;

    const device = await test.db.meta.get('device');
    expect(device?.key).toBe('device');
    if (device?.key !== 'device') return;
    expect(device.deviceCode).toBe(deviceCodeFromId(device.deviceId));
    expect(device.deviceCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(first.value.reference).toBe(`INC-2026-${device.deviceCode}-0001`);
    expect(second.value.reference).toBe(`INC-2026-${device.deviceCode}-0002`);

    const outbox = await test.db.outbox.orderBy('mutationId').toArray();
    expect(outbox.map((row) => row.mutationId)).toEqual([1, 2, 3, 4]);
    expect(outbox[2]!.hlc > outbox[1]!.hlc).toBe(true);
    expect(outbox[2]!.hlc).toBe(outbox[3]!.hlc);
  });

  it('takes the year of the reference from the device clock', async () => {
    const test = createTestEnvironment({ startMs: Date.UTC(2027, 0, 1, 0, 5) });
    await saveTestProfile(test.env);
    const result = await createIncident(test.env, validNewIncidentInput(test.now()));
    expect(result.ok && result.value.reference).toMatch(/^INC-2027-[0-9A-Z]{4}-0001$/);
  });

  it('fails clearly without a saved profile and writes nothing, not even a device identity', async () => {
    const test = createTestEnvironment();
    const before = await databaseText(test.db);
    const result = await createIncident(test.env, validNewIncidentInput(test.now()));
    expect(result).toEqual({ ok: false, errors: { form: expect.stringMatching(/profile/i) } });
    expect(await databaseText(test.db)).toBe(before);
    expect(await test.db.meta.count()).toBe(0);
  });

  it('uses the saved priority matrix', async () => {
    const test = createTestEnvironment();
    await saveTestProfile(test.env);
    const matrix = { high: { high: 'P2', medium: 'P2', low: 'P3' }, medium: { high: 'P2', medium: 'P3', low: 'P4' }, low: { high: 'P3', medium: 'P4', low: 'P5' } };
    expect((await updateSetting(test.env, 'priorityMatrix', matrix)).ok).toBe(true);
    const result = await createIncident(test.env, validNewIncidentInput(test.now()));
    expect(result.ok && result.value.priority).toBe('P2');
  });

  it('links an exercise incident to its run, and refuses a run on a live incident writing nothing', async () => {
    const test = createTestEnvironment();
    await saveTestProfile(test.env);
    const runId = '0190f0e0-0000-7000-8000-0000000e0001';
    const before = await databaseText(test.db);
    const refused = await createIncident(test.env, validNewIncidentInput(test.now(), { mode: 'live' }), { exerciseRunId: runId });
    expect(refused).toEqual({ ok: false, errors: { mode: 'Only an exercise incident can belong to an exercise run.' } });
    expect(await databaseText(test.db)).toBe(before);

    const created = await createIncident(test.env, validNewIncidentInput(test.now(), { mode: 'exercise' }), { exerciseRunId: runId });
    if (!created.ok) throw new Error('setup failed');
    expect(created.value.exerciseRunId).toBe(runId);
    expect((await test.db.incidents.where('exerciseRunId').equals(runId).toArray()).map((row) => row.id)).toEqual([created.value.id]);
    const plain = await createIncident(test.env, validNewIncidentInput(test.now(), { mode: 'exercise' }));
    expect(plain.ok && plain.value.exerciseRunId).toBeNull();
  });
});
