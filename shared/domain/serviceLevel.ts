/**
 * Service-level clocks: how much of the response and resolution targets an incident has used,
 * in working time of a business calendar, with time on hold left out, and when the next warning
 * or breach falls due. Pure functions: the caller passes the clock in as `nowIso`.
 *
 * The model, in one place:
 * - A clock starts at reportedAt. The response clock stops at acknowledgedAt, the resolution clock
 *   at resolvedAt (a reopen clears resolvedAt, so the clock runs on, counting the time the incident
 *   spent resolved, as the "time to resolve" metric does).
 * - Elapsed time is working time of the calendar since reportedAt minus the working time spent on
 *   hold. Holds are merged first, so overlapping records are not subtracted twice, and hold time
 *   outside working hours was never counted in the first place, so it is not subtracted either.
 *   An open hold (to: null) lasts until it is resumed: the clock is paused, not stopped.
 * - The target is met when elapsed <= target (product.md), so a running clock breaches at the
 *   first working millisecond after the target is used up.
 * - Priority changes: see {@link computeServiceLevel}.
 */
import { z } from 'zod';
import {
  alwaysOpenCalendar,
  businessCalendarSchema,
  prepareBusinessCalendar,
  type BusinessCalendar,
  type PreparedCalendar,
} from './businessCalendar';
import type { HoldInterval } from './incident';
import { defaultServiceTargets, serviceTargetsSchema, type Priority, type PriorityChange, type ServiceTargets } from './priority';
import type { IncidentKind } from './taxonomy';
import { toIso, type IsoTimestamp } from './time';

export const defaultWarnAtFraction = 0.75;

/**
 * - running: counting, below the warning threshold
 * - warning: counting, at or past the warning threshold, target not yet exceeded
 * - paused: on hold now, target not yet exceeded (a breached clock on hold stays "breached")
 * - breached: not stopped, elapsed working time exceeds the target
 * - met: stopped (acknowledged / resolved) within the target
 * - missed: stopped after the target was exceeded
 */
export const serviceLevelStates = ['running', 'warning', 'paused', 'breached', 'met', 'missed'] as const;
export const serviceLevelStateSchema = z.enum(serviceLevelStates);
export type ServiceLevelState = z.infer<typeof serviceLevelStateSchema>;
export const serviceLevelStateLabels: Record<ServiceLevelState, string> = {
  running: 'On track',
  warning: 'At risk',
  paused: 'Paused',
  breached: 'Breached',
  met: 'Met',
  missed: 'Missed',
};

export const warnAtFractionSchema = z.number().gt(0).lte(1);


/** What a clock needs of an incident (an Incident satisfies it, plus an optional priority history). */
export type ServiceLevelSubject = {
  /** The priority now. */
  priority: Priority;
  reportedAt: IsoTimestamp;
  acknowledgedAt: IsoTimestamp | null;
  resolvedAt: IsoTimestamp | null;
  holdIntervals: readonly HoldInterval[];
  /** Oldest first. Without it, the current priority is taken to have applied throughout. */
  priorityChanges?: readonly PriorityChange[];
};

export type ServiceLevelClock = {
  /** The priority whose target applies (see computeServiceLevel for the rule). */
  priority: Priority;
  targetMs: number;
  /** Working time since reportedAt up to the stop (or now), minus working time on hold. */
  elapsedMs: number;
  /** targetMs - elapsedMs; negative by how much the target is exceeded. */
  remainingMs: number;
  /** elapsedMs / targetMs; above 1 once exceeded. */
  fractionElapsed: number;
  state: ServiceLevelState;
  /** acknowledgedAt / resolvedAt, or null while the clock has not stopped. */
  stoppedAtIso: IsoTimestamp | null;
  /**
   * When the target is (or was) used up: in the past once exceeded; projected from now while
   * running, assuming no further hold; null while an open hold pauses the clock (it depends on
   * when the hold ends: show remainingMs, which is frozen) and for clocks stopped within target.
   */
  dueAtIso: IsoTimestamp | null;
  /** When the warning threshold is (or was) reached, on the same terms as dueAtIso. */
  warningAtIso: IsoTimestamp | null;
  /** The first instant at which elapsed exceeds the target, on the same terms as dueAtIso. */
  breachAtIso: IsoTimestamp | null;
  /** The hold pausing the clock now, with the reason recorded for it. */
  pause: { sinceIso: IsoTimestamp; reason: string } | null;
};

export type ServiceLevelClockName = 'response' | 'resolution';

/** An upcoming change of state that happens by time passing alone (no edit of the incident). */
export type ServiceLevelTransition = {
  atIso: IsoTimestamp;
  clock: ServiceLevelClockName;
  state: 'warning' | 'breached';
};

export type ServiceLevel = {
  response: ServiceLevelClock;
  resolution: ServiceLevelClock;
  /** The earlier of the two clocks' next transitions; see nextServiceLevelTransitionAt. */
  nextTransition: ServiceLevelTransition | null;
};

/**
 * The priority in force at an instant: the `to` of the last change at or before it; before the
 * first change, that change's `from`; with no history, the current priority.
 */
export function priorityAt(subject: Pick<ServiceLevelSubject, 'priority' | 'priorityChanges'>, atIso: IsoTimestamp): Priority {
  const changes = (subject.priorityChanges ?? [])
    .map((change) => ({ atMs: parseInstant(change.at), from: change.from, to: change.to }))
    .sort((a, b) => a.atMs - b.atMs);
  return priorityAtMs(subject.priority, changes, parseInstant(atIso));
}

/** priorityAt on changes already parsed and sorted oldest first. */
function priorityAtMs(current: Priority, changes: readonly { atMs: number; from: Priority; to: Priority }[], atMs: number): Priority {
  const first = changes[0];
  if (!first) return current;
  let priority = first.from;
  for (const change of changes) {
    if (change.atMs > atMs) break;
    priority = change.to;
  }
  return priority;
}

/**
 * Both service-level clocks of an incident at `nowIso`.
 *
 * Priority change rule: a clock is measured against the target of the priority in force when it
 * stops (acknowledgedAt / resolvedAt), or of the current priority while it runs, and that target
 * applies to the whole elapsed time since reportedAt. This is the product.md definition ("target
 * for the priority at that moment") and what most service-desk tools do. Consequences, on purpose:
 * - raising P3 to P1 twenty minutes in breaches the P1 response target at once (the incident has
 *   waited longer than a P1 may); lowering a breached P1 to P3 puts the clock back on track;
 * - a stopped clock never changes again: a later priority change does not rewrite a met response.
 * A response clock of an incident resolved without acknowledgement stops at resolvedAt.
 *
 * @param calendar working hours; `alwaysOpenCalendar` for 24x7.
 * @param warnAtFraction warning threshold as a fraction of the target, in (0, 1]; the threshold is
 *   rounded to the nearest ms (P1 response 15 min at 0.75 warns from 11 min 15 s).
 */
export function computeServiceLevel(
  subject: ServiceLevelSubject,
  targets: ServiceTargets,
  calendar: BusinessCalendar,
  nowIso: IsoTimestamp,
  warnAtFraction: number = defaultWarnAtFraction,
): ServiceLevel {
  return computeWithPreparedCalendar(subject, targets, prepareBusinessCalendar(calendar), nowIso, warnAtFraction);
}

function computeWithPreparedCalendar(
  subject: ServiceLevelSubject,
  targets: ServiceTargets,
  prepared: PreparedCalendar,
  nowIso: IsoTimestamp,
  warnAtFraction: number,
): ServiceLevel {
  if (!(warnAtFraction > 0 && warnAtFraction <= 1)) throw new RangeError(`warnAtFraction must be in (0, 1]: ${warnAtFraction}`);
  const nowMs = parseInstant(nowIso);
  const reportedMs = parseInstant(subject.reportedAt);
  const holds = mergeHolds(subject.holdIntervals, reportedMs);
  const pause = currentPause(subject.holdIntervals, nowMs);
  const responseStop = subject.acknowledgedAt ?? subject.resolvedAt;

  const clock = (stopIso: IsoTimestamp | null, targetOf: (priority: Priority) => number): ServiceLevelClock => {
    const priority = stopIso === null ? subject.priority : priorityAt(subject, stopIso);
    return evaluateClock({
      prepared,
      reportedMs,
      stopMs: stopIso === null ? null : parseInstant(stopIso),
      holds,
      pause,
      nowMs,
      priority,
      targetMs: targetOf(priority),
      warnAtFraction,
    });
  };
  const response = clock(responseStop, (priority) => targets[priority].respondWithinMs);
  const resolution = clock(subject.resolvedAt, (priority) => targets[priority].resolveWithinMs);
  return { response, resolution, nextTransition: earliestTransition(response, resolution, nowMs) };
}

/**
 * The next instant after `nowIso` at which either clock changes state by time passing alone
 * (running -> warning, warning -> breached), or null when none will (both stopped, paused or
 * already breached). It is exact: computeServiceLevel at that instant shows the new state, and one
 * millisecond earlier the old one. A UI can set one timer for it; an escalation job can key its
 * action on (incident, clock, state, atIso), which stays the same however often it is recomputed,
 * so the action fires once. Edits (acknowledge, hold, priority change) change the answer: recompute.
 */
export function nextServiceLevelTransitionAt(
  subject: ServiceLevelSubject,
  targets: ServiceTargets,
  calendar: BusinessCalendar,
  nowIso: IsoTimestamp,
  warnAtFraction: number = defaultWarnAtFraction,
): ServiceLevelTransition | null {
  return computeServiceLevel(subject, targets, calendar, nowIso, warnAtFraction).nextTransition;
}

/**
 * The calendars and warning threshold a lead configures in Settings (the targets are a setting of
 * their own). Security incidents are handled around the clock by default; service desks may keep
 * office hours.
 */
export const serviceLevelCalendarsSchema = z.strictObject({
  calendars: z.strictObject({ security: businessCalendarSchema, service: businessCalendarSchema }),
  warnAtFraction: warnAtFractionSchema,
});
export type ServiceLevelCalendars = z.infer<typeof serviceLevelCalendarsSchema>;
export const defaultServiceLevelCalendars: ServiceLevelCalendars = {
  calendars: { security: alwaysOpenCalendar, service: alwaysOpenCalendar },
  warnAtFraction: defaultWarnAtFraction,
};

/** Targets, calendars and the warning threshold: everything a clock needs besides the incident. */
export const serviceLevelPolicySchema = serviceLevelCalendarsSchema.extend({ targets: serviceTargetsSchema });
export type ServiceLevelPolicy = z.infer<typeof serviceLevelPolicySchema>;

export const defaultServiceLevelPolicy: ServiceLevelPolicy = { ...defaultServiceLevelCalendars, targets: defaultServiceTargets };

/** computeServiceLevel with the policy's targets, threshold and the calendar of the incident's kind. */
export function computeServiceLevelWithPolicy(
  subject: ServiceLevelSubject & { kind: IncidentKind },
  policy: ServiceLevelPolicy,
  nowIso: IsoTimestamp,
): ServiceLevel {
  return computeServiceLevel(subject, policy.targets, policy.calendars[subject.kind], nowIso, policy.warnAtFraction);
}

/**
 * computeServiceLevelWithPolicy for many incidents: the calendars are parsed once, not once per
 * incident, which is most of the cost when a queue computes clocks for tens of thousands.
 */
export function createServiceLevelCalculator(policy: ServiceLevelPolicy): (subject: ServiceLevelSubject & { kind: IncidentKind }, nowIso: IsoTimestamp) => ServiceLevel {
  const prepared = { security: prepareBusinessCalendar(policy.calendars.security), service: prepareBusinessCalendar(policy.calendars.service) };
  return (subject, nowIso) => computeWithPreparedCalendar(subject, policy.targets, prepared[subject.kind], nowIso, policy.warnAtFraction);
}

/**
 * An incident's service-level inputs as epoch milliseconds, for computing many clocks fast
 * (metrics over 100,000 incidents). Same meaning as ServiceLevelSubject.
 */
export type ServiceLevelInstants = {
  kind: IncidentKind;
  /** The priority now. */
  priority: Priority;
  reportedMs: number;
  acknowledgedMs: number | null;
  resolvedMs: number | null;
  holds: readonly { fromMs: number; toMs: number | null }[];
  /** Oldest first (sorted by atMs). */
  priorityChanges: readonly { atMs: number; from: Priority; to: Priority }[];
};

/** What a clock's state is at an instant, without the due, warning and breach projections. */
export type ServiceLevelOutcome = Pick<ServiceLevelClock, 'priority' | 'targetMs' | 'elapsedMs' | 'state'>;

/**
 * The state of both clocks at `nowMs`, by exactly the rules of computeServiceLevel (it shares
 * their code): `state`, `elapsedMs`, `targetMs` and `priority` equal that function's for the same
 * incident, policy and instant. It leaves out the projected instants (due, warning, breach) and
 * the ISO formatting, which are most of the cost: metrics need only met / missed / breached.
 */
export function createServiceLevelOutcomeCalculator(
  policy: ServiceLevelPolicy,
): (subject: ServiceLevelInstants, nowMs: number) => { response: ServiceLevelOutcome; resolution: ServiceLevelOutcome } {
  const prepared = { security: prepareBusinessCalendar(policy.calendars.security), service: prepareBusinessCalendar(policy.calendars.service) };
  const { targets, warnAtFraction } = policy;
  return (subject, nowMs) => {
    const calendar = prepared[subject.kind];
    let holds: Hold[] = [];
    let isPaused = false;
    if (subject.holds.length > 0) {
      holds = mergeHoldSpans(
        subject.holds.map((hold) => ({ fromMs: hold.fromMs, toMs: hold.toMs === null ? Number.POSITIVE_INFINITY : hold.toMs })),
        subject.reportedMs,
      );
      isPaused = subject.holds.some((hold) => hold.fromMs <= nowMs && (hold.toMs === null || nowMs < hold.toMs));
    }
    const responseStopMs = subject.acknowledgedMs ?? subject.resolvedMs;
    const responsePriority = responseStopMs === null ? subject.priority : priorityAtMs(subject.priority, subject.priorityChanges, responseStopMs);
    const resolutionPriority = subject.resolvedMs === null ? subject.priority : priorityAtMs(subject.priority, subject.priorityChanges, subject.resolvedMs);
    return {
      response: clockOutcome(calendar, subject.reportedMs, responseStopMs, holds, nowMs, isPaused, responsePriority, targets[responsePriority].respondWithinMs, warnAtFraction),
      resolution: clockOutcome(calendar, subject.reportedMs, subject.resolvedMs, holds, nowMs, isPaused, resolutionPriority, targets[resolutionPriority].resolveWithinMs, warnAtFraction),
    };
  };
}

// ---- internals -------------------------------------------------------------------------------

type Hold = { fromMs: number; toMs: number };

function parseInstant(iso: IsoTimestamp): number {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) throw new RangeError(`Invalid timestamp: ${iso}`);
  return ms;
}

/**
 * Holds as disjoint, sorted spans from reportedAt on. An open hold runs to +Infinity: it has no
 * end yet, and projecting "as if nothing changes" means it goes on. Empty and inverted records are
 * dropped rather than allowed to add time.
 */
function mergeHolds(intervals: readonly HoldInterval[], reportedMs: number): Hold[] {
  return mergeHoldSpans(
    intervals.map((interval) => ({
      fromMs: parseInstant(interval.from),
      toMs: interval.to === null ? Number.POSITIVE_INFINITY : parseInstant(interval.to),
    })),
    reportedMs,
  );
}

/** mergeHolds on parsed spans (an open hold's toMs is +Infinity). */
function mergeHoldSpans(parsed: readonly Hold[], reportedMs: number): Hold[] {
  const spans = parsed
    .map((span) => ({ fromMs: Math.max(span.fromMs, reportedMs), toMs: span.toMs }))
    .filter((span) => span.toMs > span.fromMs)
    .sort((a, b) => a.fromMs - b.fromMs);
  const merged: Hold[] = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (last && span.fromMs <= last.toMs) last.toMs = Math.max(last.toMs, span.toMs);
    else merged.push({ ...span });
  }
  return merged;
}

/** The spans during which the clock counts: [reportedAt, stop) minus holds. The last may be open-ended. */
function countingSpans(reportedMs: number, stopMs: number | null, holds: readonly Hold[]): [number, number][] {
  const endMs = stopMs ?? Number.POSITIVE_INFINITY;
  const spans: [number, number][] = [];
  let cursor = reportedMs;
  for (const hold of holds) {
    if (hold.fromMs >= endMs) break;
    if (hold.fromMs > cursor) spans.push([cursor, hold.fromMs]);
    cursor = Math.max(cursor, hold.toMs);
  }
  if (cursor < endMs) spans.push([cursor, endMs]);
  return spans;
}

type ClockInput = {
  prepared: PreparedCalendar;
  reportedMs: number;
  stopMs: number | null;
  holds: readonly Hold[];
  pause: ServiceLevelClock['pause'];
  nowMs: number;
  priority: Priority;
  targetMs: number;
  warnAtFraction: number;
};

/** Working time counted up to the stop (or now), and the state that gives. */
function clockState(
  prepared: PreparedCalendar,
  spans: readonly [number, number][],
  stopMs: number | null,
  nowMs: number,
  targetMs: number,
  warnMs: number,
  isOnHoldNow: boolean,
): { elapsedMs: number; state: ServiceLevelState } {
  const untilMs = stopMs ?? nowMs;
  let elapsedMs = 0;
  for (const [fromMs, toMs] of spans) {
    if (fromMs >= untilMs) break;
    elapsedMs += prepared.workingMs(fromMs, Math.min(toMs, untilMs));
  }
  const state: ServiceLevelState =
    stopMs !== null
      ? elapsedMs <= targetMs
        ? 'met'
        : 'missed'
      : elapsedMs > targetMs
        ? 'breached'
        : isOnHoldNow
          ? 'paused'
          : elapsedMs >= warnMs
            ? 'warning'
            : 'running';
  return { elapsedMs, state };
}

function clockOutcome(
  prepared: PreparedCalendar,
  reportedMs: number,
  stopMs: number | null,
  holds: readonly Hold[],
  nowMs: number,
  isOnHoldNow: boolean,
  priority: Priority,
  targetMs: number,
  warnAtFraction: number,
): ServiceLevelOutcome {
  const spans = countingSpans(reportedMs, stopMs, holds);
  const { elapsedMs, state } = clockState(prepared, spans, stopMs, nowMs, targetMs, Math.round(targetMs * warnAtFraction), isOnHoldNow);
  return { priority, targetMs, elapsedMs, state };
}

function evaluateClock(input: ClockInput): ServiceLevelClock {
  const { prepared, stopMs, nowMs, targetMs } = input;
  const spans = countingSpans(input.reportedMs, stopMs, input.holds);

  /** The earliest instant at which elapsed reaches `amountMs`, or null if it never does. */
  const reachedAt = (amountMs: number): number | null => {
    let total = 0;
    for (const [fromMs, toMs] of spans) {
      const spanMs = toMs === Number.POSITIVE_INFINITY ? Number.POSITIVE_INFINITY : prepared.workingMs(fromMs, toMs);
      if (total + spanMs >= amountMs) return prepared.addWorkingMs(fromMs, amountMs - total);
      total += spanMs;
    }
    return null;
  };

  const warnMs = Math.round(targetMs * input.warnAtFraction);
  const pause = stopMs === null ? input.pause : null;
  const { elapsedMs, state } = clockState(prepared, spans, stopMs, nowMs, targetMs, warnMs, input.pause !== null);
  const dueAtMs = state === 'met' ? null : reachedAt(targetMs);
  const isoOrNull = (ms: number | null) => (ms === null ? null : toIso(ms));
  return {
    priority: input.priority,
    targetMs,
    elapsedMs,
    remainingMs: targetMs - elapsedMs,
    fractionElapsed: elapsedMs / targetMs,
    state,
    stoppedAtIso: isoOrNull(stopMs),
    dueAtIso: isoOrNull(dueAtMs),
    warningAtIso: isoOrNull(reachedAt(warnMs)),
    breachAtIso: isoOrNull(reachedAt(targetMs + 1)),
    pause,
  };
}

/**
 * The hold in force now, as recorded (not merged, so its own reason shows). With overlapping
 * records, the latest to start wins: it is the most recent reason anyone gave.
 */
function currentPause(intervals: readonly HoldInterval[], nowMs: number): ServiceLevelClock['pause'] {
  let current: HoldInterval | null = null;
  for (const interval of intervals) {
    const fromMs = parseInstant(interval.from);
    const isInForce = fromMs <= nowMs && (interval.to === null || nowMs < parseInstant(interval.to));
    if (isInForce && (current === null || fromMs >= parseInstant(current.from))) current = interval;
  }
  return current === null ? null : { sinceIso: toIso(parseInstant(current.from)), reason: current.reason };
}

function earliestTransition(response: ServiceLevelClock, resolution: ServiceLevelClock, nowMs: number): ServiceLevelTransition | null {
  let next: ServiceLevelTransition | null = null;
  for (const [name, clock] of [
    ['response', response],
    ['resolution', resolution],
  ] as const) {
    if (clock.stoppedAtIso !== null) continue;
    for (const [atIso, state] of [
      [clock.warningAtIso, 'warning'],
      [clock.breachAtIso, 'breached'],
    ] as const) {
      if (atIso === null || parseInstant(atIso) <= nowMs) continue;
      if (next === null || parseInstant(atIso) < parseInstant(next.atIso)) next = { atIso, clock: name, state };
    }
  }
  return next;
}
