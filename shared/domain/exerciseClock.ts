/**
 * An exercise run as an append-only log of clock events, and the rules that read it: the run's
 * status, its exercise time at any wall-clock instant, which injects are due and when the next
 * one will be.
 *
 * Why a log: the facilitator's laptop and the players' devices may each write events offline.
 * Insert-only rows never conflict, and every function here gives the same answer for the same set
 * of events in any order (events are deduplicated by id and replayed by time, then id). Releasing
 * an inject has an id derived from the run and the inject, so two devices that release the same
 * inject write one row, and a second release of an inject is ignored anyway.
 *
 * Exercise time is scenario time: it starts at 0 on 'started', stops while paused, runs at
 * `multiplier` times wall time (a speed change applies from the moment it was made) and can jump
 * forward to the next inject. Release times of injects are in exercise time.
 */
import { z } from 'zod';
import { uuidFromText } from './deterministicId';
import { injectSchema, injectsInMselOrder, type Inject, type Scenario } from './exerciseScenario';
import { personRefSchema, type PersonRef } from './people';
import { isoTimestampSchema, toMs, type IsoTimestamp } from './time';

export const exerciseRunStatuses = ['scheduled', 'running', 'paused', 'finished'] as const;
export type ExerciseRunStatus = (typeof exerciseRunStatuses)[number];
export const exerciseRunStatusLabels: Record<ExerciseRunStatus, string> = { scheduled: 'Scheduled', running: 'Running', paused: 'Paused', finished: 'Finished' };

/** From a tenth of real time (slow motion for a walkthrough) to an hour a minute. */
export const minMultiplier = 0.1;
export const maxMultiplier = 60;
export const multiplierSchema = z
  .number()
  .min(minMultiplier, `The speed is at least ${minMultiplier}x`)
  .max(maxMultiplier, `The speed is at most ${maxMultiplier}x`);

/**
 * One playing of one scenario version. Its status and clock are not fields: they come from the
 * event log, so they cannot clash between devices.
 */
export const exerciseRunSchema = z.strictObject({
  id: z.uuid(),
  scenarioId: z.uuid(),
  scenarioLineageId: z.uuid(),
  scenarioVersion: z.number().int().min(1),
  title: z.string().trim().min(1, 'Name the exercise').max(200, 'Keep the name under 200 characters'),
  scheduledFor: isoTimestampSchema.nullable(),
  /** The speed the clock starts at. */
  initialMultiplier: multiplierSchema,
  facilitator: personRefSchema,
  createdAt: isoTimestampSchema,
});
export type ExerciseRun = z.infer<typeof exerciseRunSchema>;

const eventBase = { id: z.uuid(), runId: z.uuid(), at: isoTimestampSchema, by: personRefSchema };
export const exerciseRunEventSchema = z.discriminatedUnion('kind', [
  z.strictObject({ ...eventBase, kind: z.literal('started') }),
  z.strictObject({ ...eventBase, kind: z.literal('paused') }),
  z.strictObject({ ...eventBase, kind: z.literal('resumed') }),
  z.strictObject({ ...eventBase, kind: z.literal('speed_changed'), multiplier: multiplierSchema }),
  z.strictObject({ ...eventBase, kind: z.literal('inject_released'), injectId: z.string().min(1).max(64), manual: z.boolean() }),
  z.strictObject({ ...eventBase, kind: z.literal('adhoc_inject_added'), inject: injectSchema }),
  /** Exercise time moves forward to `toExerciseMs`, the release time of the next inject. */
  z.strictObject({ ...eventBase, kind: z.literal('jumped_to_next'), injectId: z.string().min(1).max(64), toExerciseMs: z.number().int().min(0) }),
  z.strictObject({ ...eventBase, kind: z.literal('finished') }),
]);
export type ExerciseRunEvent = z.infer<typeof exerciseRunEventSchema>;
export type ExerciseRunEventKind = ExerciseRunEvent['kind'];

/** The id of the release of an inject in a run: every device derives the same one. */
export function injectReleaseEventId(runId: string, injectId: string): string {
  return uuidFromText(`firebreak-exercise:${runId}:release:${injectId}`);
}

/** A release event with its derived id, so releasing is idempotent by (run, inject). */
export function createInjectReleasedEvent(input: { runId: string; injectId: string; manual: boolean; nowIso: IsoTimestamp; by: PersonRef }): ExerciseRunEvent {
  return { id: injectReleaseEventId(input.runId, input.injectId), runId: input.runId, at: input.nowIso, by: input.by, kind: 'inject_released', injectId: input.injectId, manual: input.manual };
}

/** One stretch of the exercise clock: from `fromWallMs` exercise time runs at `rate` from `exerciseMs`. */
export type ClockSegment = { fromWallMs: number; exerciseMs: number; rate: number };

export type ReleasedInject = { injectId: string; exerciseMs: number; wallMs: number; manual: boolean; by: PersonRef };

export type ExerciseRunState = {
  status: ExerciseRunStatus;
  multiplier: number;
  /** Exercise time elapsed at `nowMs`, in milliseconds of scenario time. */
  exerciseMs: number;
  nowMs: number;
  startedAtMs: number | null;
  finishedAtMs: number | null;
  /** The scenario's injects and those added during the run, in MSEL order. */
  injects: Inject[];
  released: ReadonlyMap<string, ReleasedInject>;
  /** The clock since the start, oldest first; empty before the start. */
  segments: ClockSegment[];
};

/**
 * The events that count, once each, in replay order. Two rows with one id (the same release
 * written on two devices before they synced) keep the earliest; ties break on the content, so
 * the choice does not depend on the order they arrived in.
 */
export function canonicalRunEvents(events: readonly ExerciseRunEvent[]): ExerciseRunEvent[] {
  const byId = new Map<string, { event: ExerciseRunEvent; key: string }>();
  for (const event of events) {
    const key = `${event.at}|${JSON.stringify(event)}`;
    const existing = byId.get(event.id);
    if (!existing || key < existing.key) byId.set(event.id, { event, key });
  }
  return [...byId.values()]
    .map((entry) => entry.event)
    .sort((left, right) => (left.at !== right.at ? (left.at < right.at ? -1 : 1) : left.id < right.id ? -1 : left.id > right.id ? 1 : 0));
}

/** Exercise time at a wall-clock instant, read from the clock segments. */
export function exerciseTimeAt(segments: readonly ClockSegment[], wallMs: number): number {
  let current: ClockSegment | undefined;
  for (const segment of segments) {
    if (segment.fromWallMs > wallMs) break;
    current = segment;
  }
  if (!current) return 0;
  return current.exerciseMs + Math.floor((wallMs - current.fromWallMs) * current.rate);
}

/**
 * Replays the run's events up to `nowMs` (an event a device stamped later than now, from a clock
 * running ahead, counts once now reaches it) and returns the run as it stands.
 */
export function deriveRunState(scenario: Pick<Scenario, 'injects'>, events: readonly ExerciseRunEvent[], nowMs: number, initialMultiplier = 1): ExerciseRunState {
  const ordered = canonicalRunEvents(events).filter((event) => toMs(event.at) <= nowMs);
  const injects = [...scenario.injects];
  const known = new Set(injects.map((inject) => inject.id));
  // Ad hoc injects first: a release may sort before the event that added its inject.
  for (const event of ordered) {
    if (event.kind === 'adhoc_inject_added' && !known.has(event.inject.id)) {
      injects.push(event.inject);
      known.add(event.inject.id);
    }
  }
  let status: ExerciseRunStatus = 'scheduled';
  let multiplier = initialMultiplier;
  let startedAtMs: number | null = null;
  let finishedAtMs: number | null = null;
  const segments: ClockSegment[] = [];
  const released = new Map<string, ReleasedInject>();
  const now = (wallMs: number) => exerciseTimeAt(segments, wallMs);
  const setClock = (wallMs: number, exerciseMs: number, rate: number) => {
    if (segments.at(-1)?.fromWallMs === wallMs) segments.pop();
    segments.push({ fromWallMs: wallMs, exerciseMs, rate });
  };

  for (const event of ordered) {
    const wallMs = toMs(event.at);
    if (status === 'finished') break;
    switch (event.kind) {
      case 'started':
        if (status === 'scheduled') {
          status = 'running';
          startedAtMs = wallMs;
          setClock(wallMs, 0, multiplier);
        }
        break;
      case 'paused':
        if (status === 'running') {
          setClock(wallMs, now(wallMs), 0);
          status = 'paused';
        }
        break;
      case 'resumed':
        if (status === 'paused') {
          setClock(wallMs, now(wallMs), multiplier);
          status = 'running';
        }
        break;
      case 'speed_changed':
        multiplier = event.multiplier;
        if (status === 'running') setClock(wallMs, now(wallMs), multiplier);
        break;
      case 'jumped_to_next':
        if (status === 'running' || status === 'paused') {
          setClock(wallMs, Math.max(now(wallMs), event.toExerciseMs), status === 'running' ? multiplier : 0);
        }
        break;
      case 'inject_released':
        if (known.has(event.injectId) && !released.has(event.injectId)) {
          released.set(event.injectId, { injectId: event.injectId, exerciseMs: now(wallMs), wallMs, manual: event.manual, by: event.by });
        }
        break;
      case 'adhoc_inject_added':
        break;
      case 'finished':
        if (status !== 'scheduled') setClock(wallMs, now(wallMs), 0);
        finishedAtMs = wallMs;
        status = 'finished';
        break;
    }
  }
  return { status, multiplier, exerciseMs: now(nowMs), nowMs, startedAtMs, finishedAtMs, injects: injectsInMselOrder(injects), released, segments };
}

/**
 * When an inject is due, in exercise time: its offset, or the release of the inject it follows
 * plus its delay. null for manual injects and for injects whose predecessor is not released yet.
 */
export function injectDueExerciseMs(inject: Inject, released: ReadonlyMap<string, ReleasedInject>): number | null {
  switch (inject.release.kind) {
    case 'offset':
      return inject.release.minutes * 60_000;
    case 'manual':
      return null;
    case 'after': {
      const predecessor = released.get(inject.release.injectId);
      return predecessor ? predecessor.exerciseMs + inject.release.minutes * 60_000 : null;
    }
  }
}

export type DueInject = { inject: Inject; dueExerciseMs: number };

function pendingScheduled(state: ExerciseRunState): DueInject[] {
  const pending: DueInject[] = [];
  for (const inject of state.injects) {
    if (state.released.has(inject.id)) continue;
    const dueExerciseMs = injectDueExerciseMs(inject, state.released);
    if (dueExerciseMs !== null) pending.push({ inject, dueExerciseMs });
  }
  return pending.sort((left, right) => left.dueExerciseMs - right.dueExerciseMs || left.inject.mselNumber - right.inject.mselNumber);
}

/**
 * The scheduled injects whose release time has come and that are not released yet, earliest
 * first. Only while running: nothing is released automatically while paused, and what fell due
 * just before a pause comes out on resume. Manual injects never appear here. The caller releases
 * each with createInjectReleasedEvent; an inject that follows one of them becomes due after that.
 */
export function dueInjects(scenario: Pick<Scenario, 'injects'>, events: readonly ExerciseRunEvent[], nowMs: number, initialMultiplier = 1): DueInject[] {
  const state = deriveRunState(scenario, events, nowMs, initialMultiplier);
  if (state.status !== 'running') return [];
  return pendingScheduled(state).filter((pending) => pending.dueExerciseMs <= state.exerciseMs);
}

/**
 * The wall-clock instant (ms) at which the next scheduled inject falls due at the current speed,
 * so a UI can sleep on one timer; `nowMs` when one is already due. null when the run is not
 * running or no scheduled inject can fall due (all released, manual, or waiting for an inject
 * that is not released yet: call again after each release or clock event).
 */
export function nextReleaseAt(scenario: Pick<Scenario, 'injects'>, events: readonly ExerciseRunEvent[], nowMs: number, initialMultiplier = 1): number | null {
  const state = deriveRunState(scenario, events, nowMs, initialMultiplier);
  if (state.status !== 'running') return null;
  const next = pendingScheduled(state)[0];
  if (!next) return null;
  if (next.dueExerciseMs <= state.exerciseMs) return nowMs;
  const segment = state.segments.at(-1)!;
  let wallMs = segment.fromWallMs + Math.ceil((next.dueExerciseMs - segment.exerciseMs) / segment.rate);
  // Floating point may land a millisecond short at odd speeds; never hand back an instant at which it is not due.
  while (exerciseTimeAt(state.segments, wallMs) < next.dueExerciseMs) wallMs += 1;
  return wallMs;
}

/**
 * What "jump to next" would do now: the next scheduled inject and the exercise time to move to.
 * null when the run is not running or paused, or nothing scheduled is left.
 */
export function nextJumpTarget(scenario: Pick<Scenario, 'injects'>, events: readonly ExerciseRunEvent[], nowMs: number, initialMultiplier = 1): { injectId: string; toExerciseMs: number } | null {
  const state = deriveRunState(scenario, events, nowMs, initialMultiplier);
  if (state.status !== 'running' && state.status !== 'paused') return null;
  const next = pendingScheduled(state)[0];
  return next ? { injectId: next.inject.id, toExerciseMs: Math.max(next.dueExerciseMs, state.exerciseMs) } : null;
}

/** "+01:05" style: hours and minutes of exercise time (seconds dropped). */
export function formatExerciseOffset(exerciseMs: number): string {
  const totalMinutes = Math.floor(Math.max(0, exerciseMs) / 60_000);
  const hours = Math.floor(totalMinutes / 60);
  return `+${hours.toString().padStart(2, '0')}:${(totalMinutes % 60).toString().padStart(2, '0')}`;
}

/** For callers that store wall instants as ISO text. */
export function exerciseTimeAtIso(segments: readonly ClockSegment[], iso: IsoTimestamp): number {
  return exerciseTimeAt(segments, toMs(iso));
}
