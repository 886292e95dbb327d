/**
 * What players and evaluators record during and after a run: exercise incidents, acknowledged
 * injects, decisions, facilitator scores, observations, objective ratings, hot-wash comments and
 * corrective actions. Each is a row of `exerciseRecords` (one table, told apart by `recordKind`),
 * built with the exercise domain's own functions; rows whose id the domain derives (a player's
 * delivery of an inject, a score of an action, a rating of an objective) are edited in place, so
 * a re-score or re-rating is one row on every device.
 */
import { correctiveActionStatusSchema, createCorrectiveAction, moveCorrectiveAction as moveCorrectiveActionStatus, validateCorrectiveActionInput, type CorrectiveAction, type CorrectiveActionStatus } from '../../shared/domain/correctiveAction';
import { deriveRunState, type ExerciseRunState } from '../../shared/domain/exerciseClock';
import {
  exerciseObservationSchema,
  facilitatorScoreId,
  hotWashEntrySchema,
  objectiveRatingId,
  objectiveRatingSchema,
  type ExerciseObservation,
  type FacilitatorScore,
  type HotWashEntry,
  type ObjectiveRating,
  type ObjectiveRatingRecord,
} from '../../shared/domain/exerciseEvaluation';
import { acknowledgeDelivery, createDelivery, deliveryId, validateExerciseDecision, type ExerciseDecision, type InjectDelivery } from '../../shared/domain/exercisePlay';
import type { ExerciseRecord, ExerciseRecordKind, ExerciseRecordOf, ExerciseRunRecord } from '../../shared/domain/exerciseRecords';
import { zodErrorsToFieldErrors, type Incident } from '../../shared/domain/incident';
import { toIso, toMs } from '../../shared/domain/time';
import type { StoredExerciseRecord } from '../db/database';
import { commandFailed, type CommandResult, type DataEnvironment } from './dataEnvironment';
import { canFacilitate, readExercisePlayer, requireFacilitator, type ExerciseActor } from './exerciseAccess';
import { exerciseRunOf, runEventOf } from './exerciseRunCommands';
import { createIncident } from './incidentCommands';
import { runWriteCommand, type ChangeRecorder } from './writeTransaction';

const missingRun = 'That exercise no longer exists on this device (it may have been deleted on another device).';

/** A stored record without its sync columns or kind tag: the domain's own shape. */
export function recordValueOf<K extends ExerciseRecordKind>(row: StoredExerciseRecord & { recordKind: K }): Omit<ExerciseRecordOf<K>, 'recordKind'> {
  const { fieldStamps: _stamps, localSeq: _seq, recordKind: _kind, ...value } = row;
  return value as unknown as Omit<ExerciseRecordOf<K>, 'recordKind'>;
}

type RecordContext = { run: ExerciseRunRecord; state: ExerciseRunState; actor: ExerciseActor; recorder: ChangeRecorder };

/**
 * Runs one record command: reads the run and its clock inside the transaction, checks who may
 * do it, and lets `body` write. `access`: 'facilitator' for evaluation, 'player' for play.
 */
async function recordCommand<T>(
  environment: DataEnvironment,
  runId: string,
  access: 'facilitator' | 'player',
  body: (context: RecordContext) => Promise<CommandResult<T>>,
): Promise<CommandResult<T>> {
  const actor = await readExercisePlayer(environment);
  if (!actor.ok) return actor;
  const { db } = environment;
  return runWriteCommand(environment, [db.exerciseRuns, db.exerciseRunEvents, db.exerciseRecords], async (recorder): Promise<CommandResult<T>> => {
    const row = await db.exerciseRuns.get(runId);
    if (!row || row.deletedAt !== null) return commandFailed(missingRun);
    const run = exerciseRunOf(row);
    if (access === 'facilitator') {
      const allowed = requireFacilitator(actor.value, run);
      if (!allowed.ok) return allowed;
    }
    const events = (await db.exerciseRunEvents.where('runId').equals(runId).toArray()).map(runEventOf);
    const state = deriveRunState(run.scenario, events, toMs(recorder.nowIso), run.initialMultiplier);
    return body({ run, state, actor: actor.value, recorder });
  });
}

/** Adds a new record, or edits the one with the same (derived) id field by field. */
async function putRecord(environment: DataEnvironment, recorder: ChangeRecorder, record: ExerciseRecord): Promise<void> {
  const { db } = environment;
  const existing = await db.exerciseRecords.get(record.id);
  if (existing) await db.exerciseRecords.put(recorder.stampPatch('exerciseRecords', record.id, existing, record as Partial<StoredExerciseRecord>));
  else await db.exerciseRecords.add(recorder.stampNew('exerciseRecords', record.id, record));
}

function findInject(state: ExerciseRunState, injectId: string) {
  return state.injects.find((inject) => inject.id === injectId);
}

// ---------------------------------------------------------------------------------- players

/**
 * Opens an exercise incident in the run, through the normal create command (so routing and
 * service levels work as in a live incident). It is always in 'exercise' mode and linked to the
 * run; automatic escalation leaves exercise incidents alone (renderer/data/escalationRunner.ts).
 */
export async function createExerciseIncident(environment: DataEnvironment, runId: string, input: Record<string, unknown>): Promise<CommandResult<Incident>> {
  const actor = await readExercisePlayer(environment);
  if (!actor.ok) return actor;
  const row = await environment.db.exerciseRuns.get(runId);
  if (!row || row.deletedAt !== null) return commandFailed(missingRun);
  const events = (await environment.db.exerciseRunEvents.where('runId').equals(runId).toArray()).map(runEventOf);
  const status = deriveRunState(row.scenario, events, environment.nowMs(), row.initialMultiplier).status;
  if (status === 'scheduled') return commandFailed('The exercise has not started yet; open exercise incidents once it is under way.');
  if (status === 'finished') return commandFailed('The exercise has finished; incidents opened now would not count.');
  return createIncident(environment, { ...input, mode: 'exercise' }, { exerciseRunId: runId });
}

/** Records that the person on this device received and read a released inject (once: a second time keeps the first). */
export function acknowledgeInject(environment: DataEnvironment, runId: string, injectId: string): Promise<CommandResult<InjectDelivery>> {
  return recordCommand(environment, runId, 'player', async ({ state, actor, recorder }) => {
    const release = state.released.get(injectId);
    if (!findInject(state, injectId) || !release) return commandFailed('That inject has not been released, so there is nothing to acknowledge yet.', 'injectId');
    const id = deliveryId(runId, injectId, actor.person.id);
    const stored = await environment.db.exerciseRecords.get(id);
    const delivery =
      stored?.recordKind === 'delivery'
        ? recordValueOf(stored)
        : createDelivery({ runId, injectId, player: actor.person, nowIso: toIso(Math.min(release.wallMs, toMs(recorder.nowIso))) });
    const acknowledged = acknowledgeDelivery(delivery, recorder.nowIso);
    await putRecord(environment, recorder, { ...acknowledged, recordKind: 'delivery' });
    return { ok: true, value: acknowledged };
  });
}

/** Records a decision the players took, with the options they weighed (insert-only: a changed mind is a new decision). */
export function recordDecision(environment: DataEnvironment, runId: string, input: unknown): Promise<CommandResult<ExerciseDecision>> {
  return recordCommand(environment, runId, 'player', async ({ state, actor, recorder }) => {
    const validated = validateExerciseDecision(input);
    if (!validated.ok) return validated;
    if (validated.value.injectId !== null && !findInject(state, validated.value.injectId)) return commandFailed('The exercise has no such inject.', 'injectId');
    const decision: ExerciseDecision = { ...validated.value, id: environment.newId(), runId, by: actor.person, at: recorder.nowIso };
    await putRecord(environment, recorder, { ...decision, recordKind: 'decision' });
    return { ok: true, value: decision };
  });
}

/** Adds a hot-wash comment; every player may. */
export function addHotWashEntry(environment: DataEnvironment, runId: string, input: { kind: unknown; text: unknown }): Promise<CommandResult<HotWashEntry>> {
  return recordCommand(environment, runId, 'player', async ({ actor, recorder }) => {
    const parsed = hotWashEntrySchema.safeParse({ ...input, id: environment.newId(), runId, by: actor.person, at: recorder.nowIso });
    if (!parsed.success) return { ok: false, errors: zodErrorsToFieldErrors(parsed.error) };
    await putRecord(environment, recorder, { ...parsed.data, recordKind: 'hot_wash' });
    return { ok: true, value: parsed.data };
  });
}

// ------------------------------------------------------------------------------- evaluation

/**
 * The facilitator's score for one expected action (0 to its points). One row per (run, inject,
 * action): scoring again edits it.
 */
export function scoreExpectedAction(environment: DataEnvironment, runId: string, injectId: string, actionId: string, points: number, note = ''): Promise<CommandResult<FacilitatorScore>> {
  return recordCommand(environment, runId, 'facilitator', async ({ state, actor, recorder }) => {
    const action = findInject(state, injectId)?.expectedActions.find((candidate) => candidate.id === actionId);
    if (!action) return commandFailed('The exercise has no such expected action.', 'expectedActionId');
    if (!Number.isInteger(points) || points < 0 || points > action.points) return commandFailed(`Score it from 0 to ${action.points} whole points.`, 'points');
    const score: FacilitatorScore = { id: facilitatorScoreId(runId, injectId, actionId), runId, by: actor.person, at: recorder.nowIso, injectId, expectedActionId: actionId, points, note: note.trim() };
    if (score.note.length > 2000) return commandFailed('Keep the note under 2,000 characters', 'note');
    await putRecord(environment, recorder, { ...score, recordKind: 'facilitator_score' });
    return { ok: true, value: score };
  });
}

export type ObservationInput = Pick<ExerciseObservation, 'kind' | 'text' | 'objectiveId' | 'injectId'>;

/** An evaluator's observation: a strength or an area for improvement, tied to an objective or inject if wanted. */
export function addObservation(environment: DataEnvironment, runId: string, input: ObservationInput): Promise<CommandResult<ExerciseObservation>> {
  return recordCommand(environment, runId, 'facilitator', async ({ run, state, actor, recorder }) => {
    const parsed = exerciseObservationSchema.safeParse({ ...input, id: environment.newId(), runId, by: actor.person, at: recorder.nowIso });
    if (!parsed.success) return { ok: false, errors: zodErrorsToFieldErrors(parsed.error) };
    if (parsed.data.objectiveId !== null && !run.scenario.objectives.some((objective) => objective.id === parsed.data.objectiveId)) return commandFailed('The scenario has no such objective.', 'objectiveId');
    if (parsed.data.injectId !== null && !findInject(state, parsed.data.injectId)) return commandFailed('The exercise has no such inject.', 'injectId');
    await putRecord(environment, recorder, { ...parsed.data, recordKind: 'observation' });
    return { ok: true, value: parsed.data };
  });
}

/** Rates an objective P, S, M or U; rating again edits the one rating of that objective. */
export function rateObjective(environment: DataEnvironment, runId: string, objectiveId: string, rating: ObjectiveRating, note = ''): Promise<CommandResult<ObjectiveRatingRecord>> {
  return recordCommand(environment, runId, 'facilitator', async ({ run, actor, recorder }) => {
    if (!run.scenario.objectives.some((objective) => objective.id === objectiveId)) return commandFailed('The scenario has no such objective.', 'objectiveId');
    if (!objectiveRatingSchema.safeParse(rating).success) return commandFailed('Rate it P, S, M or U', 'rating');
    const record: ObjectiveRatingRecord = { id: objectiveRatingId(runId, objectiveId), runId, by: actor.person, at: recorder.nowIso, objectiveId, rating, note: note.trim() };
    if (record.note.length > 5000) return commandFailed('Keep the note under 5,000 characters', 'note');
    await putRecord(environment, recorder, { ...record, recordKind: 'rating' });
    return { ok: true, value: record };
  });
}

/** Adds a corrective action to the run's improvement plan, open. */
export function addCorrectiveAction(environment: DataEnvironment, runId: string, input: unknown): Promise<CommandResult<CorrectiveAction>> {
  return recordCommand(environment, runId, 'facilitator', async ({ run, actor, recorder }) => {
    const validated = validateCorrectiveActionInput(input);
    if (!validated.ok) return validated;
    if (validated.value.objectiveId !== null && !run.scenario.objectives.some((objective) => objective.id === validated.value.objectiveId)) return commandFailed('The scenario has no such objective.', 'objectiveId');
    if (validated.value.observationId !== null) {
      const observation = await environment.db.exerciseRecords.get(validated.value.observationId);
      if (observation?.recordKind !== 'observation' || observation.runId !== runId) return commandFailed('That observation is not part of this exercise.', 'observationId');
    }
    const action = createCorrectiveAction(validated.value, { id: environment.newId(), runId, by: actor.person, nowIso: recorder.nowIso });
    await putRecord(environment, recorder, { ...action, recordKind: 'corrective_action' });
    return { ok: true, value: action };
  });
}

/**
 * Moves a corrective action on (forward only, as the domain says). Any player may report
 * progress or "done" (the person fixing it is often a responder); verifying that the fix works
 * is for the run's facilitator or a trainer, lead or administrator.
 */
export async function moveCorrectiveAction(environment: DataEnvironment, actionId: string, status: CorrectiveActionStatus): Promise<CommandResult<CorrectiveAction>> {
  if (!correctiveActionStatusSchema.safeParse(status).success) return commandFailed('Choose open, in progress, done or verified', 'status');
  const stored = await environment.db.exerciseRecords.get(actionId);
  if (stored?.recordKind !== 'corrective_action') return commandFailed('That corrective action no longer exists on this device.');
  return recordCommand(environment, stored.runId, 'player', async ({ run, actor, recorder }) => {
    if (status === 'verified' && !canFacilitate(actor, run)) return requireFacilitator(actor, run) as CommandResult<never>;
    const current = await environment.db.exerciseRecords.get(actionId);
    if (current?.recordKind !== 'corrective_action') return commandFailed('That corrective action no longer exists on this device.');
    const moved = moveCorrectiveActionStatus(recordValueOf(current), status, { by: actor.person, nowIso: recorder.nowIso });
    if (!moved.ok) return moved;
    await putRecord(environment, recorder, { ...moved.value, recordKind: 'corrective_action' });
    return moved;
  });
}
