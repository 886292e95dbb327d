/**
 * Live reads of exercises as domain values: the scenario library, runs with their clock logs,
 * a run's incidents (the evidence its automatic checks read) and records, corrective actions
 * across every run, the after-action report and scores over time. Each hook has a plain `read…`
 * function beside it, so tests and commands read exactly what the UI shows.
 *
 * Runs are returned with their events, not with a state: the state depends on the time, so the
 * UI calls deriveRunState (shared/domain/exerciseClock.ts) with its own ticking clock.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { buildAfterActionReport, type AfterActionReport } from '../../shared/domain/afterActionReport';
import type { CorrectiveAction } from '../../shared/domain/correctiveAction';
import { deriveRunState, type ExerciseRunEvent, type ExerciseRunState } from '../../shared/domain/exerciseClock';
import type { ExerciseObservation, FacilitatorScore, HotWashEntry, ObjectiveRatingRecord } from '../../shared/domain/exerciseEvaluation';
import type { ExerciseDecision, InjectDelivery } from '../../shared/domain/exercisePlay';
import { recordsOfKind, type ExerciseRecord, type ExerciseRunRecord, type ScenarioRecord } from '../../shared/domain/exerciseRecords';
import { scoreExercise, type ExerciseScore } from '../../shared/domain/exerciseScoring';
import { evaluateExpectedActions, type ExerciseEvidence } from '../../shared/domain/expectedActions';
import type { Incident } from '../../shared/domain/incident';
import { toIso } from '../../shared/domain/time';
import type { StoredExerciseRecord } from '../db/database';
import { getDataEnvironment, type DataEnvironment } from './dataEnvironment';
import { exerciseRunOf, runEventOf } from './exerciseRunCommands';
import { scenarioRecordOf } from './exerciseScenarioCommands';

// ------------------------------------------------------------------------------------ scenarios

/** The newest live version of each scenario, sorted by title. Call seedStarterScenarios once when the library first opens. */
export async function readScenarioLibrary(environment: DataEnvironment): Promise<ScenarioRecord[]> {
  const newest = new Map<string, ScenarioRecord>();
  for (const row of await environment.db.exerciseScenarios.toArray()) {
    if (row.deletedAt !== null) continue;
    const held = newest.get(row.lineageId);
    // Two devices editing one version offline make two equal versions: the higher id wins everywhere.
    if (!held || row.version > held.version || (row.version === held.version && row.id > held.id)) newest.set(row.lineageId, scenarioRecordOf(row));
  }
  return [...newest.values()].sort((left, right) => left.title.localeCompare(right.title, 'en') || (left.id < right.id ? -1 : 1));
}

/** One version by id; null when it does not exist here or was deleted. */
export async function readScenario(environment: DataEnvironment, scenarioId: string): Promise<ScenarioRecord | null> {
  const row = await environment.db.exerciseScenarios.get(scenarioId);
  return row && row.deletedAt === null ? scenarioRecordOf(row) : null;
}

export function useScenarioLibrary(): ScenarioRecord[] | undefined {
  return useLiveQuery(() => readScenarioLibrary(getDataEnvironment()), [], undefined);
}

/** undefined while loading, null when missing or deleted. */
export function useScenario(scenarioId: string): ScenarioRecord | null | undefined {
  return useLiveQuery(() => readScenario(getDataEnvironment(), scenarioId), [scenarioId], undefined);
}

// ----------------------------------------------------------------------------------------- runs

export type ExerciseRunWithEvents = { run: ExerciseRunRecord; events: ExerciseRunEvent[] };

/** Every live run with its clock log, newest first. */
export async function readExerciseRuns(environment: DataEnvironment): Promise<ExerciseRunWithEvents[]> {
  const { db } = environment;
  const runs = (await db.exerciseRuns.toArray()).filter((row) => row.deletedAt === null).map(exerciseRunOf);
  const events = (await db.exerciseRunEvents.toArray()).map(runEventOf);
  const byRun = new Map<string, ExerciseRunEvent[]>();
  for (const event of events) byRun.set(event.runId, [...(byRun.get(event.runId) ?? []), event]);
  return runs
    .sort((left, right) => (left.createdAt !== right.createdAt ? (left.createdAt > right.createdAt ? -1 : 1) : left.id > right.id ? -1 : 1))
    .map((run) => ({ run, events: byRun.get(run.id) ?? [] }));
}

export async function readExerciseRun(environment: DataEnvironment, runId: string): Promise<ExerciseRunWithEvents | null> {
  const row = await environment.db.exerciseRuns.get(runId);
  if (!row || row.deletedAt !== null) return null;
  const events = (await environment.db.exerciseRunEvents.where('runId').equals(runId).toArray()).map(runEventOf);
  return { run: exerciseRunOf(row), events };
}

/** The run as it stands at `nowMs` (for commands, tests and reports; the UI derives it on its own clock). */
export function runStateAt(entry: ExerciseRunWithEvents, nowMs: number): ExerciseRunState {
  return deriveRunState(entry.run.scenario, entry.events, nowMs, entry.run.initialMultiplier);
}

export function useExerciseRuns(): ExerciseRunWithEvents[] | undefined {
  return useLiveQuery(() => readExerciseRuns(getDataEnvironment()), [], undefined);
}

/** undefined while loading, null when missing or deleted. */
export function useExerciseRun(runId: string): ExerciseRunWithEvents | null | undefined {
  return useLiveQuery(() => readExerciseRun(getDataEnvironment(), runId), [runId], undefined);
}

// ---------------------------------------------------------------------------- run evidence

/** The run's exercise incidents with their tasks and timelines, and the names of playbooks applied. */
export async function readRunEvidence(environment: DataEnvironment, runId: string): Promise<ExerciseEvidence> {
  const { db } = environment;
  const incidents: Incident[] = (await db.incidents.where('exerciseRunId').equals(runId).toArray()).map(({ fieldStamps: _stamps, localSeq: _seq, ...incident }) => incident);
  const ids = incidents.map((incident) => incident.id);
  const tasks = (await db.tasks.where('incidentId').anyOf(ids).toArray()).map(({ fieldStamps: _stamps, localSeq: _seq, ...task }) => ({ ...task, fromPlaybook: task.fromPlaybook ?? null }));
  const timeline = (await db.timelineEntries.where('incidentId').anyOf(ids).toArray()).map(({ fieldStamps: _stamps, localSeq: _seq, ...entry }) => entry);
  const lineages = [...new Set(tasks.map((task) => task.fromPlaybook?.lineageId).filter((id): id is string => typeof id === 'string'))];
  const playbookNames = new Map<string, string>();
  for (const lineageId of lineages) {
    const versions = await db.playbooks.where('lineageId').equals(lineageId).toArray();
    const newest = versions.reduce<(typeof versions)[number] | undefined>((best, version) => (!best || version.version > best.version ? version : best), undefined);
    if (newest) playbookNames.set(lineageId, newest.name);
  }
  return { exerciseRunId: runId, incidents, tasks, timeline, playbookNames };
}

export function useRunIncidents(runId: string): ExerciseEvidence | undefined {
  return useLiveQuery(() => readRunEvidence(getDataEnvironment(), runId), [runId], undefined);
}

export type RunRecords = {
  deliveries: InjectDelivery[];
  decisions: ExerciseDecision[];
  observations: ExerciseObservation[];
  ratings: ObjectiveRatingRecord[];
  hotWash: HotWashEntry[];
  facilitatorScores: FacilitatorScore[];
  correctiveActions: CorrectiveAction[];
};

function withoutSyncColumns(row: StoredExerciseRecord): ExerciseRecord {
  const { fieldStamps: _stamps, localSeq: _seq, ...record } = row;
  return record as ExerciseRecord;
}

/** Sorted by time then id, so every device lists them alike. */
function byTime<T extends { id: string }>(records: T[], at: (record: T) => string): T[] {
  return records.sort((left, right) => (at(left) !== at(right) ? (at(left) < at(right) ? -1 : 1) : left.id < right.id ? -1 : 1));
}

/** The run's records by kind, each in time order; records of kinds this version does not know are left out. */
export async function readRunRecords(environment: DataEnvironment, runId: string): Promise<RunRecords> {
  const records = (await environment.db.exerciseRecords.where('runId').equals(runId).toArray()).map(withoutSyncColumns);
  return {
    deliveries: byTime(recordsOfKind(records, 'delivery'), (record) => record.deliveredAt),
    decisions: byTime(recordsOfKind(records, 'decision'), (record) => record.at),
    observations: byTime(recordsOfKind(records, 'observation'), (record) => record.at),
    ratings: byTime(recordsOfKind(records, 'rating'), (record) => record.at),
    hotWash: byTime(recordsOfKind(records, 'hot_wash'), (record) => record.at),
    facilitatorScores: byTime(recordsOfKind(records, 'facilitator_score'), (record) => record.at),
    correctiveActions: byTime(recordsOfKind(records, 'corrective_action'), (record) => record.createdAt),
  };
}

export function useRunRecords(runId: string): RunRecords | undefined {
  return useLiveQuery(() => readRunRecords(getDataEnvironment(), runId), [runId], undefined);
}

// -------------------------------------------------------------------- across exercises

export type TrackedCorrectiveAction = CorrectiveAction & { runTitle: string };

/**
 * Corrective actions not yet verified, from every live run, soonest due first: the improvement
 * plan is tracked across exercises until someone checks each fix works.
 */
export async function readOpenCorrectiveActions(environment: DataEnvironment): Promise<TrackedCorrectiveAction[]> {
  const { db } = environment;
  const rows = await db.exerciseRecords.where('recordKind').equals('corrective_action').toArray();
  const actions = recordsOfKind(rows.map(withoutSyncColumns), 'corrective_action').filter((action) => action.status !== 'verified');
  const runs = new Map((await db.exerciseRuns.bulkGet([...new Set(actions.map((action) => action.runId))])).filter((row) => row !== undefined && row.deletedAt === null).map((row) => [row!.id, row!.title]));
  return actions
    .filter((action) => runs.has(action.runId))
    .map((action) => ({ ...action, runTitle: runs.get(action.runId)! }))
    .sort((left, right) => (left.dueDate !== right.dueDate ? (left.dueDate < right.dueDate ? -1 : 1) : left.title.localeCompare(right.title, 'en')));
}

export function useCorrectiveActions(): TrackedCorrectiveAction[] | undefined {
  return useLiveQuery(() => readOpenCorrectiveActions(getDataEnvironment()), [], undefined);
}

// ------------------------------------------------------------------------------ evaluation

type RunEvaluation = { entry: ExerciseRunWithEvents; state: ExerciseRunState; records: RunRecords; score: ExerciseScore };

/** Scores a run at `nowMs`: automatic checks over its incidents, then the facilitator's scores over them. */
async function evaluateRun(environment: DataEnvironment, entry: ExerciseRunWithEvents, nowMs: number): Promise<RunEvaluation> {
  const state = runStateAt(entry, nowMs);
  const [evidence, records] = await Promise.all([readRunEvidence(environment, entry.run.id), readRunRecords(environment, entry.run.id)]);
  const score = scoreExercise({
    injects: state.injects,
    objectives: entry.run.scenario.objectives,
    releasedInjectIds: new Set(state.released.keys()),
    autoResults: evaluateExpectedActions(state, evidence),
    facilitatorScores: records.facilitatorScores,
  });
  return { entry, state, records, score };
}

/** The after-action report of a run as drawn up at `nowMs`; null when the run does not exist here. */
export async function readAfterActionReport(environment: DataEnvironment, runId: string, nowMs: number): Promise<AfterActionReport | null> {
  const entry = await readExerciseRun(environment, runId);
  if (!entry) return null;
  const { records, score } = await evaluateRun(environment, entry, nowMs);
  return buildAfterActionReport({ scenario: entry.run.scenario, run: entry.run, events: entry.events, ...records, score, nowMs });
}

/** The report, redrawn whenever the run's data changes; `nowMs` is the caller's clock (pass a ticking one while the run is live). */
export function useAfterActionReport(runId: string, nowMs: number): AfterActionReport | null | undefined {
  return useLiveQuery(() => readAfterActionReport(getDataEnvironment(), runId, nowMs), [runId, nowMs], undefined);
}

export type ExerciseScorePoint = { runId: string; title: string; scenarioTitle: string; finishedAt: string; percent: number | null };

/** The overall score of every finished run, oldest first: a chart of how the team does across exercises. */
export async function readExerciseScoresOverTime(environment: DataEnvironment): Promise<ExerciseScorePoint[]> {
  const nowMs = environment.nowMs();
  const points: ExerciseScorePoint[] = [];
  for (const entry of await readExerciseRuns(environment)) {
    if (!entry.events.some((event) => event.kind === 'finished')) continue;
    const { state, score } = await evaluateRun(environment, entry, nowMs);
    if (state.finishedAtMs === null) continue;
    points.push({ runId: entry.run.id, title: entry.run.title, scenarioTitle: entry.run.scenario.title, finishedAt: toIso(state.finishedAtMs), percent: score.overall.percent });
  }
  return points.sort((left, right) => (left.finishedAt !== right.finishedAt ? (left.finishedAt < right.finishedAt ? -1 : 1) : left.runId < right.runId ? -1 : 1));
}

export function useExerciseScoresOverTime(): ExerciseScorePoint[] | undefined {
  return useLiveQuery(() => readExerciseScoresOverTime(getDataEnvironment()), [], undefined);
}
