/**
 * Backups include tabletop exercises (export format 4): scenario versions, runs, their clock
 * events and records leave with their stamps and come back merged; importing twice changes
 * nothing; a file of format 3 (before exercises) still imports.
 */
import { describe, expect, it } from 'vitest';
import { exportAllData, importExportText } from '../../../../renderer/data/importExport';
import { runWriteCommand } from '../../../../renderer/data/writeTransaction';
import { exportFormatVersion } from '../../../../shared/formats/firebreakExport';
import { createTestEnvironment, saveTestProfile, type TestEnvironment } from '../../../support/dataEnvironment';
import { makeHotWashRecord, makeRunEvent, makeRunRecord, makeScenarioRecord } from '../../../support/exerciseFixtures';

const runId = '0190f0e0-0000-7000-8000-0000000e0001';
const scenario = makeScenarioRecord('0190f0e0-0000-7000-8000-0000000e0002');
const run = makeRunRecord(runId);
const event = makeRunEvent('0190f0e0-0000-7000-8000-0000000e0003', runId);
const record = makeHotWashRecord('0190f0e0-0000-7000-8000-0000000e0004', runId);

async function populate(test: TestEnvironment) {
  await saveTestProfile(test.env);
  await runWriteCommand(test.env, [test.db.exerciseScenarios, test.db.exerciseRuns, test.db.exerciseRunEvents, test.db.exerciseRecords], async (recorder) => {
    await test.db.exerciseScenarios.add(recorder.stampNew('exerciseScenarios', scenario.id, scenario));
    await test.db.exerciseRuns.add(recorder.stampNew('exerciseRuns', run.id, run));
    await test.db.exerciseRunEvents.add(recorder.stampNew('exerciseRunEvents', event.id, event));
    await test.db.exerciseRecords.add(recorder.stampNew('exerciseRecords', record.id, record));
  });
}

describe('exercises in the export file', () => {
  it('exports every exercise table and imports it on another device, once', async () => {
    const source = createTestEnvironment();
    await populate(source);
    const file = await exportAllData(source.env);
    expect(file.formatVersion).toBe(exportFormatVersion);
    expect(exportFormatVersion).toBe(4);
    expect(file.exerciseScenarios.map((row) => row.record)).toEqual([scenario]);
    expect(file.exerciseRuns.map((row) => row.record)).toEqual([run]);
    expect(file.exerciseRunEvents).toEqual([event]);
    expect(file.exerciseRecords.map((row) => row.record)).toEqual([record]);

    const target = createTestEnvironment({ startMs: source.now() });
    await saveTestProfile(target.env);
    const text = JSON.stringify(file);
    const first = await importExportText(target.env, text);
    expect(first).toMatchObject({ ok: true, summary: { exerciseScenariosAdded: 1, exerciseRunsAdded: 1, exerciseRunEventsAdded: 1, exerciseRecordsAdded: 1 } });
    expect(await target.db.exerciseRuns.get(runId)).toMatchObject(run);
    expect(await target.db.exerciseRunEvents.get(event.id)).toMatchObject(event);
    expect(await target.db.exerciseRecords.get(record.id)).toMatchObject(record);
    const outboxAfterFirst = await target.db.outbox.count();
    const second = await importExportText(target.env, text);
    expect(second).toMatchObject({ ok: true, summary: { exerciseScenariosAdded: 0, exerciseRunsAdded: 0, exerciseRunEventsAdded: 0, exerciseRecordsAdded: 0, exerciseRecordsUpdated: 0 } });
    expect(await target.db.outbox.count()).toBe(outboxAfterFirst);
  });

  it('imports a format 3 file, written before exercises', async () => {
    const source = createTestEnvironment();
    await populate(source);
    const { exerciseScenarios: _s, exerciseRuns: _r, exerciseRunEvents: _e, exerciseRecords: _x, ...older } = { ...(await exportAllData(source.env)), formatVersion: 3 };
    const target = createTestEnvironment();
    await saveTestProfile(target.env);
    expect(await importExportText(target.env, JSON.stringify(older))).toMatchObject({ ok: true });
    expect(await target.db.exerciseRuns.count()).toBe(0);
  });
});
