/**
 * Automatic checks of expected actions against what players did in the app during a run.
 *
 * Which incidents belong to a run is the caller's business (the integration decides how an
 * exercise incident links to its run): it passes them, with their tasks and timeline entries, as
 * the run's evidence. Only incidents in 'exercise' mode that are not deleted count, so a live
 * incident can never score an exercise.
 *
 * "Within N minutes" is measured in EXERCISE time from the release of the inject the action
 * belongs to, because that is the time the scenario is written in: at 10x speed, "contain within
 * 30 minutes" leaves players 3 wall-clock minutes, and time spent paused does not count against
 * them. Evidence is timed by its wall-clock instant (createdAt, containedAt...) converted through
 * the run's clock. Something done before the inject was released counts as done at once; anything
 * done after the run finished does not count.
 */
import type { Incident } from './incident';
import { exerciseTimeAt, formatExerciseOffset, type ExerciseRunState, type ReleasedInject } from './exerciseClock';
import type { AutoCheck, CheckableStage, Inject } from './exerciseScenario';
import { starterPlaybooks } from './starterPlaybooks';
import type { Task } from './task';
import { incidentCategoryLabels } from './taxonomy';
import { timelineEntryKindLabels, type TimelineEntry } from './timeline';
import { toMs } from './time';

export type ExerciseEvidence = {
  exerciseRunId: string;
  incidents: readonly Incident[];
  tasks: readonly Task[];
  timeline: readonly TimelineEntry[];
  /** Names of playbook lineages for the evidence text; starters are known without it. */
  playbookNames?: ReadonlyMap<string, string>;
};

export type AutoCheckStatus = 'met' | 'missed' | 'pending';

export type AutoCheckResult = {
  met: boolean;
  /** 'pending': not met yet, but the run is still going and any deadline has not passed. */
  status: AutoCheckStatus;
  /** Wall-clock instant of the evidence used, or null when there is none. */
  atMs: number | null;
  /** Exercise time from the inject's release to the evidence (0 if it came first). */
  sinceReleaseMs: number | null;
  evidence: string;
};

export type ExpectedActionCheckResult = { injectId: string; expectedActionId: string; result: AutoCheckResult };

type Occurrence = { atMs: number; text: string };

const stageTimes: Record<CheckableStage, (incident: Incident) => (string | null)[]> = {
  triaged: (incident) => [incident.acknowledgedAt],
  on_hold: (incident) => incident.holdIntervals.map((interval) => interval.from),
  resolved: (incident) => [incident.resolvedAt, incident.closedAt],
  closed: (incident) => [incident.closedAt],
  cancelled: (incident) => [incident.cancelledAt],
};
const stageWords: Record<CheckableStage, string> = { triaged: 'acknowledged', on_hold: 'put on hold', resolved: 'resolved', closed: 'closed', cancelled: 'cancelled' };

function earliest(values: readonly (string | null)[]): number | null {
  const times = values.filter((value): value is string => value !== null).map(toMs);
  return times.length === 0 ? null : Math.min(...times);
}

function playbookName(evidence: ExerciseEvidence, lineageId: string): string {
  return evidence.playbookNames?.get(lineageId) ?? starterPlaybooks.find((playbook) => playbook.lineageId === lineageId)?.name ?? 'the playbook';
}

function describeCheck(check: AutoCheck, evidence: ExerciseEvidence): string {
  switch (check.kind) {
    case 'incident_created':
      return check.category === null ? 'an exercise incident created' : `an exercise incident created with category ${incidentCategoryLabels[check.category]}`;
    case 'playbook_applied':
      return `${playbookName(evidence, check.playbookLineageId)} playbook applied`;
    case 'containment_recorded':
      return 'containment recorded';
    case 'stage_reached':
      return `an incident ${stageWords[check.stage]}`;
    case 'task_completed':
      return `a task containing "${check.titleIncludes}" completed`;
    case 'timeline_entry':
      return `a ${timelineEntryKindLabels[check.entryKind].toLowerCase()} entry${check.textIncludes === null ? '' : ` containing "${check.textIncludes}"`} on the timeline`;
  }
}

function occurrences(check: AutoCheck, evidence: ExerciseEvidence, incidents: readonly Incident[]): Occurrence[] {
  const byId = new Map(incidents.map((incident) => [incident.id, incident]));
  const label = (incidentId: string) => byId.get(incidentId)?.reference ?? 'an incident';
  const found: Occurrence[] = [];
  switch (check.kind) {
    case 'incident_created':
      for (const incident of incidents) {
        if (check.category === null || incident.category === check.category) {
          found.push({ atMs: toMs(incident.createdAt), text: `${incident.reference} created with category ${incidentCategoryLabels[incident.category]}` });
        }
      }
      break;
    case 'playbook_applied': {
      const first = new Map<string, number>();
      for (const task of evidence.tasks) {
        if (!byId.has(task.incidentId) || task.deletedAt !== null || task.fromPlaybook?.lineageId !== check.playbookLineageId) continue;
        const at = toMs(task.createdAt);
        first.set(task.incidentId, Math.min(first.get(task.incidentId) ?? at, at));
      }
      for (const [incidentId, atMs] of first) found.push({ atMs, text: `${playbookName(evidence, check.playbookLineageId)} playbook applied to ${label(incidentId)}` });
      break;
    }
    case 'containment_recorded':
      for (const incident of incidents) {
        if (incident.containedAt !== null) found.push({ atMs: toMs(incident.containedAt), text: `${incident.reference} marked contained` });
      }
      break;
    case 'stage_reached':
      for (const incident of incidents) {
        const atMs = earliest(stageTimes[check.stage](incident));
        if (atMs !== null) found.push({ atMs, text: `${incident.reference} ${stageWords[check.stage]}` });
      }
      break;
    case 'task_completed': {
      const words = check.titleIncludes.toLowerCase();
      for (const task of evidence.tasks) {
        if (!byId.has(task.incidentId) || task.deletedAt !== null || task.state !== 'done' || task.completedAt === null) continue;
        if (task.title.toLowerCase().includes(words)) found.push({ atMs: toMs(task.completedAt), text: `Task "${task.title}" completed on ${label(task.incidentId)}` });
      }
      break;
    }
    case 'timeline_entry': {
      const words = check.textIncludes?.toLowerCase() ?? null;
      for (const entry of evidence.timeline) {
        if (!byId.has(entry.incidentId) || entry.kind !== check.entryKind) continue;
        if (words !== null && !entry.text.toLowerCase().includes(words)) continue;
        // recordedAt, not occurredAt: a backdated entry must not beat the clock.
        found.push({ atMs: toMs(entry.recordedAt), text: `${timelineEntryKindLabels[entry.kind]} on ${label(entry.incidentId)}: "${shorten(entry.text, 80)}"` });
      }
      break;
    }
  }
  return found.sort((left, right) => left.atMs - right.atMs);
}

function shorten(text: string, limit: number): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= limit ? line : `${line.slice(0, limit - 1).trimEnd()}…`;
}

function minutesText(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min`;
}

/** The exercise incidents of the evidence: 'exercise' mode, not deleted. */
export function exerciseIncidentsOf(evidence: ExerciseEvidence): Incident[] {
  return evidence.incidents.filter((incident) => incident.mode === 'exercise' && incident.deletedAt === null);
}

/**
 * Checks one automatic expected action of an inject. `state` is the run at the moment of
 * evaluation (deriveRunState); `release` is the inject's release in it, or undefined.
 */
export function evaluateAutoCheck(check: AutoCheck, release: ReleasedInject | undefined, state: Pick<ExerciseRunState, 'segments' | 'status' | 'finishedAtMs' | 'exerciseMs'>, evidence: ExerciseEvidence): AutoCheckResult {
  const wanted = describeCheck(check, evidence);
  const isOver = state.status === 'finished';
  if (!release) {
    return { met: false, status: isOver ? 'missed' : 'pending', atMs: null, sinceReleaseMs: null, evidence: `The inject was ${isOver ? 'never' : 'not yet'} released` };
  }
  const found = occurrences(check, evidence, exerciseIncidentsOf(evidence)).filter((occurrence) => state.finishedAtMs === null || occurrence.atMs <= state.finishedAtMs);
  const deadlineMs = check.withinMinutes === null ? null : release.exerciseMs + check.withinMinutes * 60_000;
  const first = found[0];
  if (!first) {
    const pastDeadline = deadlineMs !== null && state.exerciseMs > deadlineMs;
    return { met: false, status: isOver || pastDeadline ? 'missed' : 'pending', atMs: null, sinceReleaseMs: null, evidence: `No sign of ${wanted}` };
  }
  const exerciseMs = exerciseTimeAt(state.segments, first.atMs);
  const sinceReleaseMs = Math.max(0, exerciseMs - release.exerciseMs);
  const when = `at ${formatExerciseOffset(exerciseMs)}, ${minutesText(sinceReleaseMs)} after the inject`;
  if (deadlineMs !== null && exerciseMs > deadlineMs) {
    return { met: false, status: 'missed', atMs: first.atMs, sinceReleaseMs, evidence: `${first.text} ${when}: later than the ${check.withinMinutes} min expected` };
  }
  return { met: true, status: 'met', atMs: first.atMs, sinceReleaseMs, evidence: `${first.text} ${when}` };
}

/** Every automatic expected action of the run's injects (scenario and ad hoc), in MSEL order. */
export function evaluateExpectedActions(state: ExerciseRunState, evidence: ExerciseEvidence): ExpectedActionCheckResult[] {
  const results: ExpectedActionCheckResult[] = [];
  for (const inject of state.injects as readonly Inject[]) {
    for (const action of inject.expectedActions) {
      if (action.check === null) continue;
      results.push({ injectId: inject.id, expectedActionId: action.id, result: evaluateAutoCheck(action.check, state.released.get(inject.id), state, evidence) });
    }
  }
  return results;
}
