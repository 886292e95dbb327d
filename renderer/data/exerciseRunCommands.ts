/**
 * Commands that make and drive exercise runs. A run's state is never a field: every control
 * appends an event to the run's insert-only clock log (shared/domain/exerciseClock.ts), so
 * devices that press buttons offline never clash and all replay to the same run. Each command
 * reads the run and its log inside its transaction, refuses what the run's state does not allow
 * (with a message a facilitator can act on), and writes the events with their outbox entries.
 */
import {
  createInjectReleasedEvent,
  deriveRunState,
  dueInjects,
  exerciseRunSchema,
  injectReleaseEventId,
  multiplierSchema,
  nextJumpTarget,
  type ExerciseRunEvent,
  type ExerciseRunState,
} from '../../shared/domain/exerciseClock';
import { exerciseModeSchema, scenarioOfRecord, type ExerciseMode, type ExerciseRunRecord } from '../../shared/domain/exerciseRecords';
import { injectSchema, scenarioRuleErrors, type Inject } from '../../shared/domain/exerciseScenario';
import { zodErrorsToFieldErrors } from '../../shared/domain/incident';
import type { PersonRef } from '../../shared/domain/people';
import { toMs } from '../../shared/domain/time';
import type { StoredExerciseRun } from '../db/database';
import { commandFailed, type CommandResult, type DataEnvironment } from './dataEnvironment';
import { readExercisePlayer, requireFacilitator, type ExerciseActor } from './exerciseAccess';
import { scenarioRecordOf } from './exerciseScenarioCommands';
import { runWriteCommand, type ChangeRecorder } from './writeTransaction';

const missingRun = 'That exercise no longer exists on this device (it may have been deleted on another device).';

export function exerciseRunOf(row: StoredExerciseRun): ExerciseRunRecord {
  const { fieldStamps: _stamps, localSeq: _seq, ...run } = row;
  return run;
}

export function runEventOf<T extends ExerciseRunEvent>(row: T & { fieldStamps?: unknown; localSeq?: unknown }): ExerciseRunEvent {
  const { fieldStamps: _stamps, localSeq: _seq, ...event } = row;
  return event as ExerciseRunEvent;
}

export type NewExerciseRunInput = {
  scenarioId: string;
  title: string;
  mode: ExerciseMode;
  initialMultiplier: number;
  /** ISO instant, or null for "whenever the facilitator starts it". */
  scheduledFor: string | null;
};

/**
 * Makes a run of a scenario version, frozen into the run, with the person making it as its
 * facilitator. Any player may make one (a responder running a drill for their team).
 */
export async function createExerciseRun(environment: DataEnvironment, input: NewExerciseRunInput): Promise<CommandResult<ExerciseRunRecord>> {
  const actor = await readExercisePlayer(environment);
  if (!actor.ok) return actor;
  const mode = exerciseModeSchema.safeParse(input.mode);
  if (!mode.success) return commandFailed('Choose room or team', 'mode');
  const { db } = environment;
  const id = environment.newId();
  return runWriteCommand(environment, [db.exerciseScenarios, db.exerciseRuns], async (recorder): Promise<CommandResult<ExerciseRunRecord>> => {
    const scenarioRow = await db.exerciseScenarios.get(input.scenarioId);
    if (!scenarioRow || scenarioRow.deletedAt !== null) return commandFailed('That scenario no longer exists on this device (it may have been deleted on another device).', 'scenarioId');
    const scenario = scenarioOfRecord(scenarioRecordOf(scenarioRow));
    const run = exerciseRunSchema.safeParse({
      id,
      scenarioId: scenario.id,
      scenarioLineageId: scenario.lineageId,
      scenarioVersion: scenario.version,
      title: input.title,
      scheduledFor: input.scheduledFor,
      initialMultiplier: input.initialMultiplier,
      facilitator: actor.value.person,
      createdAt: recorder.nowIso,
    });
    if (!run.success) return { ok: false, errors: zodErrorsToFieldErrors(run.error) };
    const record: ExerciseRunRecord = { ...run.data, scenario, mode: mode.data, deletedAt: null };
    await db.exerciseRuns.add(recorder.stampNew('exerciseRuns', id, record));
    return { ok: true, value: record };
  });
}

type RunContext = { run: ExerciseRunRecord; events: ExerciseRunEvent[]; nowMs: number; state: ExerciseRunState };

/** Reads the run and its log inside the transaction; refuses a missing or deleted run. */
async function readRunContext(environment: DataEnvironment, runId: string, recorder: ChangeRecorder): Promise<CommandResult<RunContext>> {
  const row = await environment.db.exerciseRuns.get(runId);
  if (!row || row.deletedAt !== null) return commandFailed(missingRun);
  const run = exerciseRunOf(row);
  const events = (await environment.db.exerciseRunEvents.where('runId').equals(runId).toArray()).map(runEventOf);
  const nowMs = toMs(recorder.nowIso);
  return { ok: true, value: { run, events, nowMs, state: deriveRunState(run.scenario, events, nowMs, run.initialMultiplier) } };
}

type EventDraft = { [K in ExerciseRunEvent['kind']]: Omit<Extract<ExerciseRunEvent, { kind: K }>, 'id' | 'runId' | 'at' | 'by'> }[ExerciseRunEvent['kind']];

/**
 * Runs one control of a run: `plan` looks at the run as it stands and returns the events to
 * append (or a refusal). Release events carry derived ids, so one already in the log is skipped:
 * releasing twice, or on two devices, writes one row.
 */
async function controlRun(
  environment: DataEnvironment,
  runId: string,
  access: 'facilitator' | 'player',
  plan: (context: RunContext, actor: ExerciseActor, nowIso: string) => CommandResult<ExerciseRunEvent[]>,
): Promise<CommandResult<ExerciseRunEvent[]>> {
  const actor = await readExercisePlayer(environment);
  if (!actor.ok) return actor;
  const { db } = environment;
  return runWriteCommand(environment, [db.exerciseRuns, db.exerciseRunEvents], async (recorder): Promise<CommandResult<ExerciseRunEvent[]>> => {
    const context = await readRunContext(environment, runId, recorder);
    if (!context.ok) return context;
    if (access === 'facilitator') {
      const allowed = requireFacilitator(actor.value, context.value.run);
      if (!allowed.ok) return allowed;
    }
    const planned = plan(context.value, actor.value, recorder.nowIso);
    if (!planned.ok) return planned;
    const known = new Set(context.value.events.map((event) => event.id));
    const written: ExerciseRunEvent[] = [];
    for (const event of planned.value) {
      if (known.has(event.id)) continue;
      known.add(event.id);
      await db.exerciseRunEvents.add(recorder.stampNew('exerciseRunEvents', event.id, event));
      written.push(event);
    }
    return { ok: true, value: written };
  });
}

function newEvent(environment: DataEnvironment, runId: string, by: PersonRef, at: string, draft: EventDraft): ExerciseRunEvent {
  return { id: environment.newId(), runId, at, by, ...draft } as ExerciseRunEvent;
}

function refuseUnless(state: ExerciseRunState, allowed: readonly ExerciseRunState['status'][], message: string): CommandResult<never> | null {
  if (allowed.includes(state.status)) return null;
  const why = state.status === 'finished' ? 'The exercise has finished.' : state.status === 'scheduled' ? 'The exercise has not started yet.' : state.status === 'paused' ? 'The exercise is paused.' : 'The exercise is running.';
  return commandFailed(`${why} ${message}`);
}

/**
 * Releases, at `atIso`, every scheduled inject due by the clock, and those that fall due because
 * of them ("5 minutes after inject 3" with 0 minutes), as dueInjects says.
 */
function planDueReleases(context: RunContext, events: ExerciseRunEvent[], by: PersonRef, atIso: string): ExerciseRunEvent[] {
  const releases: ExerciseRunEvent[] = [];
  const log = [...events];
  const atMs = Math.max(context.nowMs, toMs(atIso));
  for (let round = 0; round <= context.state.injects.length; round += 1) {
    const due = dueInjects(context.run.scenario, log, atMs, context.run.initialMultiplier);
    // Ad hoc injects come from the log, so dueInjects sees them through `log` as well.
    if (due.length === 0) break;
    for (const { inject } of due) {
      const event = createInjectReleasedEvent({ runId: context.run.id, injectId: inject.id, manual: false, nowIso: atIso, by });
      releases.push(event);
      log.push(event);
    }
  }
  return releases;
}

export function startRun(environment: DataEnvironment, runId: string): Promise<CommandResult<ExerciseRunEvent[]>> {
  return controlRun(environment, runId, 'facilitator', (context, actor, nowIso) => {
    const refusal = refuseUnless(context.state, ['scheduled'], 'It can be started only once.');
    if (refusal) return refusal;
    const started = newEvent(environment, runId, actor.person, nowIso, { kind: 'started' });
    // Injects due at +00:00 come out with the start.
    return { ok: true, value: [started, ...planDueReleases(context, [...context.events, started], actor.person, nowIso)] };
  });
}

export function pauseRun(environment: DataEnvironment, runId: string): Promise<CommandResult<ExerciseRunEvent[]>> {
  return controlRun(environment, runId, 'facilitator', (context, actor, nowIso) => {
    const refusal = refuseUnless(context.state, ['running'], 'Only a running exercise can be paused.');
    return refusal ?? { ok: true, value: [newEvent(environment, runId, actor.person, nowIso, { kind: 'paused' })] };
  });
}

export function resumeRun(environment: DataEnvironment, runId: string): Promise<CommandResult<ExerciseRunEvent[]>> {
  return controlRun(environment, runId, 'facilitator', (context, actor, nowIso) => {
    const refusal = refuseUnless(context.state, ['paused'], 'Only a paused exercise can be resumed.');
    if (refusal) return refusal;
    const resumed = newEvent(environment, runId, actor.person, nowIso, { kind: 'resumed' });
    // What fell due just before the pause comes out on resume.
    return { ok: true, value: [resumed, ...planDueReleases(context, [...context.events, resumed], actor.person, nowIso)] };
  });
}

/** Changes the speed of exercise time from now on (0.1x to 60x). */
export function setRunSpeed(environment: DataEnvironment, runId: string, multiplier: number): Promise<CommandResult<ExerciseRunEvent[]>> {
  return controlRun(environment, runId, 'facilitator', (context, actor, nowIso) => {
    const parsed = multiplierSchema.safeParse(multiplier);
    if (!parsed.success) return commandFailed(parsed.error.issues[0]?.message ?? 'Choose a speed', 'multiplier');
    const refusal = refuseUnless(context.state, ['scheduled', 'running', 'paused'], 'Its speed can no longer change.');
    if (refusal) return refusal;
    if (context.state.multiplier === parsed.data) return { ok: true, value: [] };
    return { ok: true, value: [newEvent(environment, runId, actor.person, nowIso, { kind: 'speed_changed', multiplier: parsed.data })] };
  });
}

/**
 * Moves exercise time forward to the next scheduled inject (nextJumpTarget) and, when running,
 * releases what is then due. The releases are stamped a millisecond after the jump: events of
 * one instant replay in id order, and a release replayed before the jump would be timed before it.
 */
export function jumpToNextInject(environment: DataEnvironment, runId: string): Promise<CommandResult<ExerciseRunEvent[]>> {
  return controlRun(environment, runId, 'facilitator', (context, actor, nowIso) => {
    const refusal = refuseUnless(context.state, ['running', 'paused'], 'Jumping ahead works only during the exercise.');
    if (refusal) return refusal;
    const target = nextJumpTarget(context.run.scenario, context.events, context.nowMs, context.run.initialMultiplier);
    if (!target) return commandFailed('No scheduled inject is left to jump to (the rest are released by hand, or wait for one that is not released yet).');
    const jumped = newEvent(environment, runId, actor.person, nowIso, { kind: 'jumped_to_next', injectId: target.injectId, toExerciseMs: target.toExerciseMs });
    const releaseAt = new Date(context.nowMs + 1).toISOString();
    return { ok: true, value: [jumped, ...planDueReleases(context, [...context.events, jumped], actor.person, releaseAt)] };
  });
}

export type ReleaseResult = { event: ExerciseRunEvent; isNew: boolean };

/**
 * Releases one inject now, by hand or early. Releasing an inject already released (here or on
 * another device that synced) is not an error: nothing is written and the first release stands.
 */
export async function releaseInject(environment: DataEnvironment, runId: string, injectId: string, manual = true): Promise<CommandResult<ReleaseResult>> {
  let existing: ExerciseRunEvent | null = null;
  const result = await controlRun(environment, runId, 'facilitator', (context, actor, nowIso) => {
    if (!context.state.injects.some((inject) => inject.id === injectId)) return commandFailed('The exercise has no such inject.', 'injectId');
    const eventId = injectReleaseEventId(runId, injectId);
    existing = context.events.find((event) => event.id === eventId) ?? null;
    if (existing) return { ok: true, value: [] };
    const refusal = refuseUnless(context.state, ['running', 'paused'], 'Injects are released only during the exercise.');
    return refusal ?? { ok: true, value: [createInjectReleasedEvent({ runId, injectId, manual, nowIso, by: actor.person })] };
  });
  if (!result.ok) return result;
  const written = result.value[0];
  return written ? { ok: true, value: { event: written, isNew: true } } : { ok: true, value: { event: existing!, isNew: false } };
}

/**
 * Releases every inject due by the clock now. Meant for a timer in the UI (sleep until
 * nextReleaseAt, then call this); safe to call at any time and on several devices: it writes
 * nothing when nothing is due, and releases have derived ids. Any player's device may do it.
 */
export function releaseDueInjects(environment: DataEnvironment, runId: string): Promise<CommandResult<ExerciseRunEvent[]>> {
  return controlRun(environment, runId, 'player', (context, actor, nowIso) => ({ ok: true, value: planDueReleases(context, context.events, actor.person, nowIso) }));
}

/** An inject made up during the run; id and MSEL number are given when left out. */
export type AdhocInjectInput = Omit<Inject, 'id' | 'mselNumber' | 'release' | 'expectedActions' | 'facilitatorNotes'> &
  Partial<Pick<Inject, 'mselNumber' | 'release' | 'expectedActions' | 'facilitatorNotes'>> & {
    /** Release it at once (the usual case: the facilitator has something to say now). */
    releaseNow?: boolean;
  };

/**
 * Adds an inject to this run only (the scenario is not changed), checked against the run's
 * injects and objectives like any scenario inject. Released by hand unless it says otherwise.
 */
export async function addAdhocInject(environment: DataEnvironment, runId: string, input: AdhocInjectInput): Promise<CommandResult<Inject>> {
  const injectId = environment.newId();
  let added: Inject | null = null;
  const result = await controlRun(environment, runId, 'facilitator', (context, actor, nowIso) => {
    const refusal = refuseUnless(context.state, ['scheduled', 'running', 'paused'], 'Injects can no longer be added.');
    if (refusal) return refusal;
    const { releaseNow = false, ...fields } = input;
    const nextMsel = Math.max(0, ...context.state.injects.map((inject) => inject.mselNumber)) + 1;
    const parsed = injectSchema.safeParse({ release: { kind: 'manual' }, expectedActions: [], facilitatorNotes: '', mselNumber: nextMsel, ...fields, id: injectId });
    if (!parsed.success) return { ok: false, errors: zodErrorsToFieldErrors(parsed.error) };
    const injects = [...context.state.injects, parsed.data];
    const ruleErrors = scenarioRuleErrors({ objectives: context.run.scenario.objectives, injects });
    const index = `injects.${injects.length - 1}.`;
    const own = Object.entries(ruleErrors).filter(([field]) => field.startsWith(index));
    if (own.length > 0) return { ok: false, errors: Object.fromEntries(own.map(([field, message]) => [field.slice(index.length), message])) };
    if (releaseNow && context.state.status === 'scheduled') return commandFailed('Start the exercise before releasing an inject.', 'releaseNow');
    added = parsed.data;
    const event = newEvent(environment, runId, actor.person, nowIso, { kind: 'adhoc_inject_added', inject: parsed.data });
    return { ok: true, value: releaseNow ? [event, createInjectReleasedEvent({ runId, injectId, manual: true, nowIso, by: actor.person })] : [event] };
  });
  return result.ok ? { ok: true, value: added! } : result;
}

/** Ends the run: the clock stops for good and the evaluation begins. */
export function finishRun(environment: DataEnvironment, runId: string): Promise<CommandResult<ExerciseRunEvent[]>> {
  return controlRun(environment, runId, 'facilitator', (context, actor, nowIso) => {
    const refusal = refuseUnless(context.state, ['running', 'paused'], 'Only a started exercise can be finished.');
    return refusal ?? { ok: true, value: [newEvent(environment, runId, actor.person, nowIso, { kind: 'finished' })] };
  });
}

/** Deletes a run (a tombstone): its records stay, unseen, and its incidents stay exercise incidents. */
export async function deleteExerciseRun(environment: DataEnvironment, runId: string): Promise<CommandResult<ExerciseRunRecord>> {
  const actor = await readExercisePlayer(environment);
  if (!actor.ok) return actor;
  const { db } = environment;
  return runWriteCommand(environment, [db.exerciseRuns], async (recorder): Promise<CommandResult<ExerciseRunRecord>> => {
    const row = await db.exerciseRuns.get(runId);
    if (!row || row.deletedAt !== null) return commandFailed(missingRun);
    const allowed = requireFacilitator(actor.value, row);
    if (!allowed.ok) return allowed;
    const updated = recorder.stampPatch('exerciseRuns', runId, row, { deletedAt: recorder.nowIso }, 'delete');
    await db.exerciseRuns.put(updated);
    return { ok: true, value: exerciseRunOf(updated) };
  });
}
