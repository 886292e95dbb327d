/**
 * A whole incident lifecycle through the commands: every action writes its timeline entry and an
 * outbox update holding only the fields it changed, with ever-growing mutation ids and stamps.
 */
import { describe, expect, it } from 'vitest';
import { createIncident, takeLifecycleAction } from '../../../../renderer/data/incidentCommands';
import { readProfile } from '../../../../renderer/data/profile';
import type { StoredIncident } from '../../../../renderer/db/database';
import { createTestEnvironment, databaseText, minute, saveTestProfile, validNewIncidentInput } from '../../../support/dataEnvironment';

const assignee = { id: 'person-grace', name: 'Grace Mensah' };

type Step = {
  action: Record<string, unknown>;
  stage: StoredIncident['stage'];
  entryKind: 'status_change' | 'assignment';
  entryText: string;
  /** The fields the outbox update must carry, given the time of the step. */
  changed: (nowIso: string, before: StoredIncident) => Record<string, unknown>;
};

const journey: Step[] = [
  {
    action: { type: 'acknowledge' },
    stage: 'triaged',
    entryKind: 'status_change',
    entryText: 'Acknowledged',
    changed: (nowIso) => ({ updatedAt: nowIso, stage: 'triaged', acknowledgedAt: nowIso }),
  },
  {
    action: { type: 'assign', assignee },
    stage: 'in_progress',
    entryKind: 'assignment',
    entryText: 'Assigned to Grace Mensah',
    changed: (nowIso) => ({ updatedAt: nowIso, stage: 'in_progress', assignee }),
  },
  {
    action: { type: 'putOnHold', reason: 'Waiting for the vendor' },
    stage: 'on_hold',
    entryKind: 'status_change',
    entryText: 'Put on hold: Waiting for the vendor',
    changed: (nowIso) => ({
      updatedAt: nowIso,
      stage: 'on_hold',
      holdReason: 'Waiting for the vendor',
      holdIntervals: [{ from: nowIso, to: null, reason: 'Waiting for the vendor' }],
    }),
  },
  {
    action: { type: 'resume' },
    stage: 'in_progress',
    entryKind: 'status_change',
    entryText: 'Resumed',
    changed: (nowIso, before) => ({
      updatedAt: nowIso,
      stage: 'in_progress',
      holdReason: null,
      holdIntervals: [{ ...before.holdIntervals[0]!, to: nowIso }],
    }),
  },
  {
    action: { type: 'resolve', resolutionCode: 'workaround', resolutionSummary: 'Traffic moved to the standby processor' },
    stage: 'resolved',
    entryKind: 'status_change',
    entryText: 'Resolved: Traffic moved to the standby processor',
    changed: (nowIso) => ({
      updatedAt: nowIso,
      stage: 'resolved',
      resolvedAt: nowIso,
      resolutionCode: 'workaround',
      resolutionSummary: 'Traffic moved to the standby processor',
    }),
  },
  {
    // Code and summary come from the resolution, so they are not changed (and not sent) again.
    action: { type: 'close' },
    stage: 'closed',
    entryKind: 'status_change',
    entryText: 'Closed',
    changed: (nowIso) => ({ updatedAt: nowIso, stage: 'closed', closedAt: nowIso }),
  },
];

describe('lifecycle journey through the commands', () => {
  it('acknowledge, assign, hold, resume, resolve and close each write one entry and one minimal update', async () => {
    const test = createTestEnvironment();
    await saveTestProfile(test.env);
    const profile = await readProfile(test.env);
    const created = await createIncident(test.env, validNewIncidentInput(test.now()));
    if (!created.ok) throw new Error('setup failed');
    const incidentId = created.value.id;
    const creationStamp = (await test.db.outbox.get(1))!.hlc;

    for (const step of journey) {
      test.advance(7 * minute);
      const nowIso = new Date(test.now()).toISOString();
      const before = (await test.db.incidents.get(incidentId))!;
      const outboxBefore = await test.db.outbox.count();
      const entriesBefore = await test.db.timelineEntries.count();

      const result = await takeLifecycleAction(test.env, incidentId, step.action);
      expect(result.ok, `${String(step.action.type)}: ${JSON.stringify(!result.ok && result.errors)}`).toBe(true);

      const after = (await test.db.incidents.get(incidentId))!;
      expect(after.stage).toBe(step.stage);
      const newOutbox = (await test.db.outbox.orderBy('mutationId').toArray()).slice(outboxBefore);
      const newEntries = (await test.db.timelineEntries.orderBy('localSeq').toArray()).slice(entriesBefore);
      expect(newEntries).toHaveLength(1);
      expect(newOutbox).toHaveLength(2);

      const [update, insert] = newOutbox;
      const expectedFields = step.changed(nowIso, before);
      expect(update).toMatchObject({ table: 'incidents', rowId: incidentId, operation: 'update' });
      expect(update!.fields).toEqual(expectedFields);
      expect(insert).toMatchObject({ table: 'timelineEntries', rowId: newEntries[0]!.id, operation: 'insert', hlc: update!.hlc });

      const [entry] = newEntries;
      expect(entry).toMatchObject({
        incidentId,
        kind: step.entryKind,
        text: step.entryText,
        occurredAt: nowIso,
        recordedAt: nowIso,
        author: { id: profile!.personId, name: profile!.name },
        correctsEntryId: null,
      });

      // Only the changed fields carry the new stamp; every other field keeps its old one.
      for (const [field, stamp] of Object.entries(after.fieldStamps)) {
        if (field in expectedFields) expect(stamp, field).toBe(update!.hlc);
        else expect(stamp, field).toBe(before.fieldStamps[field]);
      }
      expect(after.localSeq).toBeGreaterThan(before.localSeq);
    }

    const incident = (await test.db.incidents.get(incidentId))!;
    expect(incident).toMatchObject({ stage: 'closed', assignee, resolutionCode: 'workaround', holdReason: null });
    expect(incident.fieldStamps.title).toBe(creationStamp);

    const outbox = await test.db.outbox.orderBy('mutationId').toArray();
    expect(outbox).toHaveLength(2 + 2 * journey.length);
    outbox.forEach((row, index) => expect(row.mutationId).toBe(index + 1));
    // One stamp per command, strictly increasing from command to command.
    const stampsPerCommand = [...new Set(outbox.map((row) => row.hlc))];
    expect(stampsPerCommand).toHaveLength(1 + journey.length);
    for (let index = 1; index < outbox.length; index += 1) expect(outbox[index]!.hlc >= outbox[index - 1]!.hlc).toBe(true);
    for (let index = 1; index < stampsPerCommand.length; index += 1) expect(stampsPerCommand[index]! > stampsPerCommand[index - 1]!).toBe(true);

    const entries = await test.db.timelineEntries.where('incidentId').equals(incidentId).sortBy('localSeq');
    expect(entries.map((entry) => entry.kind)).toEqual(['created', 'status_change', 'assignment', 'status_change', 'status_change', 'status_change', 'status_change']);
  });

  it('stamps still increase when several commands run within the same millisecond', async () => {
    const test = createTestEnvironment();
    await saveTestProfile(test.env);
    const created = await createIncident(test.env, validNewIncidentInput(test.now()));
    if (!created.ok) throw new Error('setup failed');
    for (const step of journey) expect((await takeLifecycleAction(test.env, created.value.id, step.action)).ok).toBe(true);
    const outbox = await test.db.outbox.orderBy('mutationId').toArray();
    const stamps = [...new Set(outbox.map((row) => row.hlc))];
    expect(stamps).toHaveLength(1 + journey.length);
    for (let index = 1; index < stamps.length; index += 1) expect(stamps[index]! > stamps[index - 1]!).toBe(true);
    // With the clock frozen, updatedAt does not change after the first action, so it is not resent.
    expect(outbox.filter((row) => row.table === 'incidents' && row.operation === 'update').every((row) => !('updatedAt' in row.fields))).toBe(true);
  });

  it('refuses to close before the incident is resolved, and writes nothing', async () => {
    const test = createTestEnvironment();
    await saveTestProfile(test.env);
    const created = await createIncident(test.env, validNewIncidentInput(test.now()));
    if (!created.ok) throw new Error('setup failed');
    await takeLifecycleAction(test.env, created.value.id, { type: 'acknowledge' });
    test.advance(minute);
    const before = await databaseText(test.db);
    const result = await takeLifecycleAction(test.env, created.value.id, { type: 'close', resolutionCode: 'fixed', resolutionSummary: 'Done' });
    expect(result).toEqual({ ok: false, errors: { form: expect.stringMatching(/not possible while the incident is triaged/) } });
    expect(await databaseText(test.db)).toBe(before);
  });

  it('refuses to close a resolved incident that has no resolution code or summary', async () => {
    const test = createTestEnvironment();
    await saveTestProfile(test.env);
    const created = await createIncident(test.env, validNewIncidentInput(test.now()));
    if (!created.ok) throw new Error('setup failed');
    // A resolved incident without a resolution, as a merge of an older record could leave it.
    const stored = (await test.db.incidents.get(created.value.id))!;
    await test.db.incidents.put({ ...stored, stage: 'resolved', resolvedAt: stored.reportedAt, resolutionCode: null, resolutionSummary: null });
    const before = await databaseText(test.db);

    const refused = await takeLifecycleAction(test.env, created.value.id, { type: 'close' });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(Object.keys(refused.errors).sort()).toEqual(['resolutionCode', 'resolutionSummary']);
    expect(await databaseText(test.db)).toBe(before);

    test.advance(minute);
    const closed = await takeLifecycleAction(test.env, created.value.id, { type: 'close', resolutionCode: 'fixed', resolutionSummary: 'Patched' });
    expect(closed.ok && closed.value.stage).toBe('closed');
    const update = await test.db.outbox.orderBy('mutationId').filter((row) => row.table === 'incidents' && row.operation === 'update').last();
    expect(update!.fields).toMatchObject({ stage: 'closed', resolutionCode: 'fixed', resolutionSummary: 'Patched' });
  });
});
