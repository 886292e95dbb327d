/**
 * The exercise data layer against the database: scenario library commands, run controls as an
 * insert-only clock log, player and evaluator records, role refusals that write nothing, inject
 * releases that stay one row across two devices, and an after-action report read end to end.
 */
import { describe, expect, it } from 'vitest';
import { createExerciseRun, addAdhocInject, finishRun, jumpToNextInject, pauseRun, releaseDueInjects, releaseInject, resumeRun, setRunSpeed, startRun } from '../../../../renderer/data/exerciseRunCommands';
import { createScenario, deleteScenario, editScenario, importMselFile, importScenarioFile, seedStarterScenarios, type ScenarioInput } from '../../../../renderer/data/exerciseScenarioCommands';
import {
  acknowledgeInject,
  addCorrectiveAction,
  addHotWashEntry,
  addObservation,
  createExerciseIncident,
  moveCorrectiveAction,
  rateObjective,
  recordDecision,
  scoreExpectedAction,
} from '../../../../renderer/data/exerciseRecordCommands';
import {
  readAfterActionReport,
  readExerciseRun,
  readExerciseScoresOverTime,
  readOpenCorrectiveActions,
  readRunEvidence,
  readRunRecords,
  readScenarioLibrary,
  runStateAt,
} from '../../../../renderer/data/exerciseQueries';
import { applyPlaybookToIncident, completeStep } from '../../../../renderer/data/incidentPlaybookCommands';
import { takeLifecycleAction } from '../../../../renderer/data/incidentCommands';
import { seedStarterPlaybooks } from '../../../../renderer/data/playbookCommands';
import { applyPulledPage } from '../../../../renderer/data/syncStore';
import type { SyncColumns } from '../../../../renderer/db/database';
import { injectReleaseEventId } from '../../../../shared/domain/exerciseClock';
import { scenarioOfRecord } from '../../../../shared/domain/exerciseRecords';
import { starterPlaybookLineages, starterScenarios } from '../../../../shared/domain/starterScenarios';
import { starterPlaybooks } from '../../../../shared/domain/starterPlaybooks';
import { exportMselCsv } from '../../../../shared/formats/mselCsv';
import { exportScenarioFile } from '../../../../shared/formats/scenarioJson';
import type { SyncedTable } from '../../../../shared/sync/mutation';
import type { PulledRow } from '../../../../shared/sync/protocol';
import { createTestEnvironment, databaseText, minute, saveTestProfile, validNewIncidentInput, type TestEnvironment } from '../../../support/dataEnvironment';

const trainer = { name: 'Tess Trainer', initials: 'TT', role: 'trainer' } as const;
const responder = { name: 'Ada Responder', initials: 'AR', role: 'responder' } as const;
const viewer = { name: 'Vic Viewer', initials: 'VV', role: 'viewer' } as const;
const ransomware = starterScenarios[0]!;

function expectOk<T>(result: { ok: true; value: T } | { ok: false; errors: Record<string, string> }): T {
  if (!result.ok) throw new Error(`Expected success: ${JSON.stringify(result.errors)}`);
  return result.value;
}

async function device(profile: { name: string; initials: string; role: string }, startMs?: number): Promise<TestEnvironment> {
  const test = createTestEnvironment(startMs === undefined ? {} : { startMs });
  await saveTestProfile(test.env, profile);
  return test;
}

let seq = 0;
/** Copies rows of the given tables from one device to another as a sync pull would. */
async function syncRows(from: TestEnvironment, to: TestEnvironment, tables: SyncedTable[]): Promise<void> {
  const rows: PulledRow[] = [];
  for (const table of tables) {
    for (const row of (await from.db.table(table).toArray()) as (SyncColumns & Record<string, unknown>)[]) {
      const { fieldStamps, localSeq: _localSeq, ...fields } = row;
      seq += 1;
      rows.push({ table, rowId: String(fields['id']), teamId: 'team-1', seq, fields, stamps: fieldStamps, authors: {}, isDeleted: typeof fields['deletedAt'] === 'string' });
    }
  }
  const result = await applyPulledPage(to.env, rows, seq);
  expect(result.skipped).toEqual([]);
}

async function runOfRansomware(test: TestEnvironment, overrides: { mode?: 'room' | 'team'; initialMultiplier?: number } = {}) {
  await seedStarterScenarios(test.env);
  return expectOk(await createExerciseRun(test.env, { scenarioId: ransomware.id, title: 'Spring tabletop', mode: overrides.mode ?? 'room', initialMultiplier: overrides.initialMultiplier ?? 10, scheduledFor: null }));
}

function scenarioInput(overrides: Partial<ScenarioInput> = {}): ScenarioInput {
  const { id: _id, lineageId: _lineage, version: _version, ...content } = ransomware;
  return { ...content, title: 'Our ransomware drill', ...overrides };
}

describe('scenario library', () => {
  it('seeds the starters once, local only', async () => {
    const test = await device(responder);
    expect(await seedStarterScenarios(test.env)).toHaveLength(starterScenarios.length);
    expect(await seedStarterScenarios(test.env)).toEqual([]);
    expect(await test.db.outbox.count()).toBe(0);
    expect((await readScenarioLibrary(test.env)).map((scenario) => scenario.id).sort()).toEqual(starterScenarios.map((scenario) => scenario.id).sort());
  });

  it('creates, edits as a new version, and deletes every version; each change with its outbox rows', async () => {
    const test = await device(trainer);
    const created = expectOk(await createScenario(test.env, scenarioInput()));
    expect(created).toMatchObject({ version: 1, lineageId: created.id, deletedAt: null });
    expect(await test.db.outbox.toArray()).toMatchObject([{ table: 'exerciseScenarios', rowId: created.id, operation: 'insert' }]);
    test.advance(minute);
    const edited = expectOk(await editScenario(test.env, created.id, scenarioInput({ title: 'Our ransomware drill, revised' })));
    expect(edited).toMatchObject({ version: 2, lineageId: created.id });
    expect(await editScenario(test.env, created.id, scenarioInput())).toEqual({ ok: false, errors: { form: 'Version 2 of this scenario exists; edit that one instead.' } });
    expect((await readScenarioLibrary(test.env)).map((scenario) => scenario.title)).toEqual(['Our ransomware drill, revised']);
    // A rule between fields refuses the edit.
    const broken = scenarioInput({ injects: [{ ...ransomware.injects[0]!, release: { kind: 'after', injectId: 'inject-99', minutes: 1 } }] });
    const before = await databaseText(test.db);
    expect((await editScenario(test.env, edited.id, broken)).ok).toBe(false);
    expect(await databaseText(test.db)).toBe(before);
    test.advance(minute);
    expectOk(await deleteScenario(test.env, edited.id));
    expect(await readScenarioLibrary(test.env)).toEqual([]);
    expect((await test.db.exerciseScenarios.toArray()).every((row) => row.deletedAt !== null)).toBe(true);
    expect((await test.db.outbox.toArray()).filter((row) => row.operation === 'delete').map((row) => row.rowId).sort()).toEqual([created.id, edited.id].sort());
  });

  it('refuses scenario changes by players and viewers, writing nothing', async () => {
    for (const profile of [responder, viewer]) {
      const test = await device(profile);
      const before = await databaseText(test.db);
      const refused = await createScenario(test.env, scenarioInput());
      expect(refused.ok).toBe(false);
      expect(await importScenarioFile(test.env, exportScenarioFile([ransomware], new Date(test.now()).toISOString()))).toMatchObject({ ok: false, errors: { file: expect.any(String) } });
      expect(await databaseText(test.db)).toBe(before);
    }
  });

  it('imports a scenario file as new scenarios, and an MSEL CSV all or nothing with every row error under file', async () => {
    const test = await device(trainer);
    const imported = expectOk(await importScenarioFile(test.env, exportScenarioFile([ransomware], new Date(test.now()).toISOString())));
    expect(imported).toHaveLength(1);
    expect(imported[0]!.id).not.toBe(ransomware.id);
    expect(imported[0]!.injects).toEqual(ransomware.injects);

    const { id: _id, lineageId: _lineage, version: _version, injects: _injects, ...header } = ransomware;
    const csv = exportMselCsv(ransomware);
    const fromCsv = expectOk(await importMselFile(test.env, csv, { ...header, title: 'From the MSEL' }));
    expect(fromCsv.injects).toEqual(ransomware.injects);
    // As the next version of an existing scenario.
    const next = expectOk(await importMselFile(test.env, csv, { ...header, scenarioId: fromCsv.id }));
    expect(next).toMatchObject({ lineageId: fromCsv.lineageId, version: 2 });

    const before = await databaseText(test.db);
    const damaged = csv.replace(',email,', ',carrier pigeon,').replace('+00:10', 'soon');
    const refused = await importMselFile(test.env, damaged, header);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.errors.file!.split('\n').length).toBeGreaterThanOrEqual(2);
    expect(await databaseText(test.db)).toBe(before);
  });
});

describe('runs', () => {
  it('snapshots the scenario, and drives the clock through events with their outbox rows', async () => {
    const test = await device(trainer);
    const run = await runOfRansomware(test);
    expect(run.scenario).toEqual(ransomware);
    expect(run).toMatchObject({ scenarioId: ransomware.id, scenarioVersion: 1, mode: 'room', facilitator: { name: 'Tess Trainer' } });

    expect(await pauseRun(test.env, run.id)).toEqual({ ok: false, errors: { form: 'The exercise has not started yet. Only a running exercise can be paused.' } });
    const started = expectOk(await startRun(test.env, run.id));
    // The start releases inject 1, due at +00:00.
    expect(started.map((event) => event.kind)).toEqual(['started', 'inject_released']);
    expect((await startRun(test.env, run.id)).ok).toBe(false);
    test.advance(minute); // 10 exercise minutes at 10x: inject 2 is due
    expect(expectOk(await releaseDueInjects(test.env, run.id)).map((event) => event.kind === 'inject_released' && event.injectId)).toEqual(['inject-2']);
    expect(expectOk(await releaseDueInjects(test.env, run.id))).toEqual([]);
    expectOk(await pauseRun(test.env, run.id));
    test.advance(10 * minute);
    expect(expectOk(await releaseDueInjects(test.env, run.id))).toEqual([]); // nothing is released while paused
    expect(expectOk(await resumeRun(test.env, run.id)).map((event) => event.kind)).toEqual(['resumed']);
    expect(await setRunSpeed(test.env, run.id, 500)).toMatchObject({ ok: false, errors: { multiplier: expect.stringContaining('at most 60x') } });
    expectOk(await setRunSpeed(test.env, run.id, 60));
    // Jump: inject 3 (5 minutes after inject 2) is next, released with the jump.
    const jumped = expectOk(await jumpToNextInject(test.env, run.id));
    expect(jumped.map((event) => event.kind)).toEqual(['jumped_to_next', 'inject_released']);
    test.advance(1);
    const entry = (await readExerciseRun(test.env, run.id))!;
    const state = runStateAt(entry, test.now());
    // Released a wall millisecond after the jump (60 exercise milliseconds at 60x).
    expect(state.released.get('inject-3')!.exerciseMs - 15 * minute).toBeLessThan(1000);
    expect(state.released.get('inject-3')!.exerciseMs).toBeGreaterThanOrEqual(15 * minute);
    const adhoc = expectOk(await addAdhocInject(test.env, run.id, { channel: 'phone_call', fromPersona: 'CEO', toAudience: 'Incident manager', title: 'The CEO calls', content: 'Are we paying?', releaseNow: true }));
    expect(adhoc.mselNumber).toBe(12);
    expect(runStateAt((await readExerciseRun(test.env, run.id))!, test.now()).released.has(adhoc.id)).toBe(true);
    expectOk(await finishRun(test.env, run.id));
    expect(runStateAt((await readExerciseRun(test.env, run.id))!, test.now()).status).toBe('finished');
    // Every event row has its insert in the outbox.
    const events = await test.db.exerciseRunEvents.toArray();
    const inserts = await test.db.outbox.where('table').equals('exerciseRunEvents').toArray();
    expect(inserts.map((row) => row.rowId).sort()).toEqual(events.map((event) => event.id).sort());
  });

  it('lets only the facilitator or a trainer, lead or administrator run it; viewers write nothing', async () => {
    const facilitator = await device(trainer);
    const run = await runOfRansomware(facilitator);
    const player = await device(responder, facilitator.now());
    const watcher = await device(viewer, facilitator.now());
    for (const other of [player, watcher]) {
      await syncRows(facilitator, other, ['exerciseRuns']);
      const before = await databaseText(other.db);
      const refused = await startRun(other.env, run.id);
      expect(refused.ok).toBe(false);
      expect(await databaseText(other.db)).toBe(before);
    }
    expect(await startRun(player.env, run.id)).toEqual({ ok: false, errors: { form: 'Only the facilitator (Tess Trainer) or a trainer, lead or administrator can do that; your role is Responder. Nothing was saved.' } });
    expect(await createExerciseRun(watcher.env, { scenarioId: ransomware.id, title: 'x', mode: 'room', initialMultiplier: 1, scheduledFor: null })).toEqual({
      ok: false,
      errors: { form: 'Viewers can follow an exercise but not change it. Nothing was saved.' },
    });
  });

  it('releasing an inject twice, or on two devices, is one release', async () => {
    const a = await device(trainer);
    const run = await runOfRansomware(a, { initialMultiplier: 1 });
    const b = await device({ ...trainer, name: 'Lee Lead', role: 'lead' }, a.now());
    await syncRows(a, b, ['exerciseRuns']);
    expectOk(await startRun(a.env, run.id));
    await syncRows(a, b, ['exerciseRunEvents']);
    // Both devices release inject 7 (manual) while offline.
    a.advance(minute);
    b.advance(2 * minute);
    const onA = expectOk(await releaseInject(a.env, run.id, 'inject-7'));
    const onB = expectOk(await releaseInject(b.env, run.id, 'inject-7'));
    expect(onA.isNew && onB.isNew).toBe(true);
    expect(onA.event.id).toBe(injectReleaseEventId(run.id, 'inject-7'));
    expect(onB.event.id).toBe(onA.event.id);
    const outboxBefore = await a.db.outbox.count();
    expect(expectOk(await releaseInject(a.env, run.id, 'inject-7'))).toEqual({ event: onA.event, isNew: false });
    expect(await a.db.outbox.count()).toBe(outboxBefore);
    // They exchange rows: each keeps the row it has (insert-only), and both replay to one release.
    await syncRows(b, a, ['exerciseRunEvents']);
    await syncRows(a, b, ['exerciseRunEvents']);
    const releasesOn = async (test: TestEnvironment) => (await test.db.exerciseRunEvents.where('runId').equals(run.id).toArray()).filter((event) => event.kind === 'inject_released' && event.injectId === 'inject-7');
    expect(await releasesOn(a)).toHaveLength(1);
    expect(await releasesOn(b)).toHaveLength(1);
    // Due injects released on both devices are likewise one row each.
    a.advance(10 * minute);
    b.setClock(a.now());
    const dueOnA = expectOk(await releaseDueInjects(a.env, run.id));
    const dueOnB = expectOk(await releaseDueInjects(b.env, run.id));
    expect(dueOnA.map((event) => event.id)).toEqual(dueOnB.map((event) => event.id));
    await syncRows(b, a, ['exerciseRunEvents']);
    expect(await a.db.exerciseRunEvents.count()).toBe(await b.db.exerciseRunEvents.count());
    const stateA = runStateAt((await readExerciseRun(a.env, run.id))!, a.now());
    const stateB = runStateAt((await readExerciseRun(b.env, run.id))!, a.now());
    expect([...stateA.released.keys()].sort()).toEqual([...stateB.released.keys()].sort());
  });
});

describe('players and evaluators', () => {
  it('records deliveries, decisions, scores, ratings, observations, hot wash and corrective actions; refuses what the role may not do', async () => {
    const test = await device(trainer);
    const run = await runOfRansomware(test);
    expect(await acknowledgeInject(test.env, run.id, 'inject-1')).toMatchObject({ ok: false, errors: { injectId: expect.any(String) } });
    expectOk(await startRun(test.env, run.id));
    test.advance(minute);
    const delivery = expectOk(await acknowledgeInject(test.env, run.id, 'inject-1'));
    expect(delivery.acknowledgedAt).toBe(new Date(test.now()).toISOString());
    test.advance(minute);
    expect(expectOk(await acknowledgeInject(test.env, run.id, 'inject-1')).acknowledgedAt).toBe(delivery.acknowledgedAt);
    expectOk(await recordDecision(test.env, run.id, { injectId: 'inject-1', question: 'Pay the ransom?', optionsConsidered: ['Pay', 'Restore from backup'], choice: 'Restore from backup', rationale: 'Backups are intact' }));
    expect(await scoreExpectedAction(test.env, run.id, 'inject-2', 'inject-2-3', 9, '')).toMatchObject({ ok: false, errors: { points: 'Score it from 0 to 5 whole points.' } });
    const first = expectOk(await scoreExpectedAction(test.env, run.id, 'inject-2', 'inject-2-3', 3, 'Partly'));
    const second = expectOk(await scoreExpectedAction(test.env, run.id, 'inject-2', 'inject-2-3', 5, 'Fully'));
    expect(second.id).toBe(first.id);
    expectOk(await rateObjective(test.env, run.id, 'contain', 'S'));
    expectOk(await rateObjective(test.env, run.id, 'contain', 'P', 'On reflection'));
    const observation = expectOk(await addObservation(test.env, run.id, { kind: 'area_for_improvement', text: 'Nobody owned comms', objectiveId: 'communicate', injectId: null }));
    expectOk(await addHotWashEntry(test.env, run.id, { kind: 'to_improve', text: 'Runbook was hard to find' }));
    const action = expectOk(await addCorrectiveAction(test.env, run.id, { title: 'Name a comms lead', owner: 'Head of comms', dueDate: '2026-04-01', objectiveId: 'communicate', observationId: observation.id }));
    const records = await readRunRecords(test.env, run.id);
    expect(records.deliveries).toHaveLength(1);
    expect(records.facilitatorScores).toMatchObject([{ points: 5, note: 'Fully' }]);
    expect(records.ratings).toMatchObject([{ rating: 'P', note: 'On reflection' }]);
    expect(records).toMatchObject({ decisions: [{ choice: 'Restore from backup' }], observations: [{ text: 'Nobody owned comms' }], hotWash: [{ kind: 'to_improve' }], correctiveActions: [{ status: 'open' }] });
    // Each record write queued its row.
    const outboxRows = new Set((await test.db.outbox.where('table').equals('exerciseRecords').toArray()).map((row) => row.rowId));
    expect((await test.db.exerciseRecords.toArray()).every((row) => outboxRows.has(row.id))).toBe(true);

    // A player on another device: plays, moves the action on, but cannot score or verify.
    const player = await device(responder, test.now());
    await syncRows(test, player, ['exerciseRuns', 'exerciseRunEvents', 'exerciseRecords']);
    const before = await databaseText(player.db);
    expect((await scoreExpectedAction(player.env, run.id, 'inject-2', 'inject-2-3', 1)).ok).toBe(false);
    expect((await addObservation(player.env, run.id, { kind: 'strength', text: 'x', objectiveId: null, injectId: null })).ok).toBe(false);
    expect(await databaseText(player.db)).toBe(before);
    expectOk(await acknowledgeInject(player.env, run.id, 'inject-1'));
    expectOk(await moveCorrectiveAction(player.env, action.id, 'done'));
    expect(await moveCorrectiveAction(player.env, action.id, 'open')).toMatchObject({ ok: false, errors: { status: 'A corrective action cannot go back from done to open' } });
    expect((await moveCorrectiveAction(player.env, action.id, 'verified')).ok).toBe(false);
    expect((await readOpenCorrectiveActions(player.env)).map((tracked) => [tracked.title, tracked.status, tracked.runTitle])).toEqual([['Name a comms lead', 'done', 'Spring tabletop']]);
    await syncRows(player, test, ['exerciseRecords']);
    expectOk(await moveCorrectiveAction(test.env, action.id, 'verified'));
    expect(await readOpenCorrectiveActions(test.env)).toEqual([]);
    // A viewer writes nothing at all.
    const watcher = await device(viewer, test.now());
    await syncRows(test, watcher, ['exerciseRuns', 'exerciseRunEvents']);
    const watcherBefore = await databaseText(watcher.db);
    expect((await acknowledgeInject(watcher.env, run.id, 'inject-1')).ok).toBe(false);
    expect((await createExerciseIncident(watcher.env, run.id, validNewIncidentInput(watcher.now()))).ok).toBe(false);
    expect(await databaseText(watcher.db)).toBe(watcherBefore);
  });
});

describe('after-action report', () => {
  it('reads a small run end to end: checks met by an exercise incident with the ransomware playbook applied', async () => {
    const test = await device(trainer);
    await seedStarterPlaybooks(test.env);
    const run = await runOfRansomware(test, { initialMultiplier: 10 });
    expect((await createExerciseIncident(test.env, run.id, validNewIncidentInput(test.now()))).ok).toBe(false); // not started yet
    expectOk(await startRun(test.env, run.id));
    test.advance(30 * 1000); // +00:05 exercise time
    const incident = expectOk(await createExerciseIncident(test.env, run.id, validNewIncidentInput(test.now(), { kind: 'security', category: 'ransomware', mode: 'live', title: 'Files encrypted on FIN-FS01' })));
    expect(incident).toMatchObject({ mode: 'exercise', exerciseRunId: run.id });
    const playbook = starterPlaybooks.find((candidate) => candidate.lineageId === starterPlaybookLineages.ransomware)!;
    const applied = expectOk(await applyPlaybookToIncident(test.env, incident.id, playbook.id));
    test.advance(30 * 1000); // +00:10: inject 2 falls due
    expect(expectOk(await releaseDueInjects(test.env, run.id)).map((event) => event.kind === 'inject_released' && event.injectId)).toEqual(['inject-2']);
    test.advance(30 * 1000);
    const isolate = applied.tasks.find((task) => task.title.includes('Isolate affected hosts'))!;
    expectOk(await completeStep(test.env, isolate.id));
    expectOk(await takeLifecycleAction(test.env, incident.id, { type: 'acknowledge' }));
    expect((await readRunEvidence(test.env, run.id)).incidents.map((candidate) => candidate.id)).toEqual([incident.id]);
    test.advance(minute);
    expectOk(await scoreExpectedAction(test.env, run.id, 'inject-2', 'inject-2-3', 5, 'Called the insurer'));
    expectOk(await finishRun(test.env, run.id));
    test.advance(minute);

    const report = (await readAfterActionReport(test.env, run.id, test.now()))!;
    expect(report.overview).toMatchObject({ status: 'finished', injectsReleased: 2 });
    const met = report.expectedActions.met.map((action) => action.expectedActionId);
    expect(met).toEqual(['inject-1-1', 'inject-1-2', 'inject-2-1', 'inject-2-3']);
    expect(report.expectedActions.missed.map((action) => action.expectedActionId)).toContain('inject-2-2'); // containment never recorded
    expect(report.timeline.some((item) => item.kind === 'expected_action' && item.text.includes('inject 1'))).toBe(true);
    const points = await readExerciseScoresOverTime(test.env);
    expect(points).toEqual([{ runId: run.id, title: 'Spring tabletop', scenarioTitle: ransomware.title, finishedAt: expect.any(String), percent: report.overview.score.percent }]);
    expect(report.overview.score.percent).toBeGreaterThan(0);
    // The run plays its snapshot even after the scenario changes.
    expect(scenarioOfRecord({ ...run.scenario, updatedAt: '', deletedAt: null })).toEqual(ransomware);
  });
});
