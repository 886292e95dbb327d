/**
 * How a playbook applied to an incident reads as a checklist: its tasks grouped by phase, each
 * beside the step it came from, with what the task row itself does not hold. A task records only
 * its state; why a step was skipped and which answer a question got live in the timeline entries
 * the commands wrote, so they are read back from there (and, for an answer, from the steps it added).
 */
import { isDecisionPoint, playbookPhaseLabels, type DecisionBranch, type DecisionPoint, type Playbook, type PlaybookPhase, type PlaybookStep } from './playbook';
import { comparePlaybookTasks, type PlaybookProgress } from './playbookTasks';
import type { Task } from './task';
import type { TimelineEntry } from './timeline';

export type ChecklistItem = {
  task: Task;
  /** The step the task came from; null when that playbook version is not on this device. */
  step: PlaybookStep | null;
  /** Why a skipped task was skipped, when the timeline says. */
  skipReason: string | null;
  /** The answer a done question got, when it can be told. */
  answer: DecisionBranch | null;
};

export type ChecklistPhase = { phase: PlaybookPhase; total: number; done: number; skipped: number; open: number; items: ChecklistItem[] };

/** "3 of 7 steps done, 1 skipped": done and skipped together are what is finished. */
export function describePlaybookProgress(progress: Pick<PlaybookProgress, 'total' | 'done' | 'skipped'>): string {
  const steps = progress.total === 1 ? 'step' : 'steps';
  const done = `${progress.done} of ${progress.total} ${steps} done`;
  return progress.skipped > 0 ? `${done}, ${progress.skipped} skipped` : done;
}

function versionLabel(playbook: Pick<Playbook, 'name' | 'version'>): string {
  return `${playbook.name} v${playbook.version}`;
}

/**
 * The reason of the latest "Playbook step skipped" entry for this task. The entry names the step,
 * its phase and the playbook version (as skipPlaybookStep writes it), then the reason.
 */
export function findSkipReason(task: Task, playbook: Pick<Playbook, 'name' | 'version'> | null, entries: readonly TimelineEntry[]): string | null {
  const origin = task.fromPlaybook;
  if (!origin || task.state !== 'cancelled') return null;
  const stepPart = `Playbook step skipped: ${task.title} (${playbookPhaseLabels[origin.phase]}, `;
  const prefix = playbook ? `${stepPart}${versionLabel(playbook)}). Reason: ` : null;
  for (let index = entries.length - 1; index >= 0; index -= 1) {
    const entry = entries[index]!;
    if (entry.kind !== 'task' || entry.incidentId !== task.incidentId) continue;
    if (prefix !== null) {
      if (entry.text.startsWith(prefix)) return entry.text.slice(prefix.length);
    } else if (entry.text.startsWith(stepPart)) {
      // Without the playbook at hand its name is unknown; the reason follows the first marker.
      const marker = entry.text.indexOf('). Reason: ', stepPart.length);
      if (marker >= 0) return entry.text.slice(marker + '). Reason: '.length);
    }
  }
  return null;
}

/**
 * The answer a done question got: the one its "Decision" timeline entry names, else the one whose
 * steps are on the incident, else the only answer that adds no steps. Null when none of these
 * tells (the entry has not synced yet and two answers add nothing).
 */
export function findChosenAnswer(decision: DecisionPoint, task: Task, playbook: Pick<Playbook, 'name' | 'version'>, incidentTasks: readonly Task[], entries: readonly TimelineEntry[]): DecisionBranch | null {
  if (task.state !== 'done') return null;
  const prefix = `Decision (${versionLabel(playbook)}): ${decision.question} Answer: `;
  for (let index = entries.length - 1; index >= 0; index -= 1) {
    const entry = entries[index]!;
    if (entry.kind !== 'decision' || entry.incidentId !== task.incidentId || !entry.text.startsWith(prefix)) continue;
    const rest = entry.text.slice(prefix.length);
    // Longest label first, so "Yes" does not claim the entry of an answer "Yes, widely".
    const named = [...decision.branches].sort((left, right) => right.label.length - left.label.length).find((branch) => rest.startsWith(`${branch.label}. `));
    if (named) return named;
  }
  const present = new Set(
    incidentTasks.filter((other) => other.deletedAt === null && other.fromPlaybook?.playbookId === task.fromPlaybook?.playbookId).map((other) => other.playbookStepId),
  );
  const withSteps = decision.branches.find((branch) => branch.stepIds.length > 0 && branch.stepIds.some((stepId) => present.has(stepId)));
  if (withSteps) return withSteps;
  const empty = decision.branches.filter((branch) => branch.stepIds.length === 0);
  return empty.length === 1 ? empty[0]! : null;
}

/**
 * The checklist of one applied playbook: its live tasks in phase and playbook order, grouped under
 * their phases with counts. `playbook` is the exact version the tasks came from, or null when it
 * is not on this device (the tasks still show, by title).
 */
export function buildPlaybookChecklist(
  playbookId: string,
  playbook: Playbook | null,
  incidentTasks: readonly Task[],
  entries: readonly TimelineEntry[],
): ChecklistPhase[] {
  const stepsById = new Map((playbook?.steps ?? []).map((step) => [step.id, step]));
  const tasks = incidentTasks.filter((task) => task.deletedAt === null && task.fromPlaybook?.playbookId === playbookId).sort(comparePlaybookTasks);
  const phases: ChecklistPhase[] = [];
  for (const task of tasks) {
    const phase = task.fromPlaybook!.phase;
    let group = phases.find((candidate) => candidate.phase === phase);
    if (!group) {
      group = { phase, total: 0, done: 0, skipped: 0, open: 0, items: [] };
      phases.push(group);
    }
    const step = task.playbookStepId === null ? null : (stepsById.get(task.playbookStepId) ?? null);
    const answer = step && playbook && isDecisionPoint(step) ? findChosenAnswer(step, task, playbook, incidentTasks, entries) : null;
    group.items.push({ task, step, skipReason: findSkipReason(task, playbook, entries), answer });
    group.total += 1;
    if (task.state === 'done') group.done += 1;
    else if (task.state === 'cancelled') group.skipped += 1;
    else group.open += 1;
  }
  return phases;
}

/** "about 15 min", "about 1 h 30 min": an estimate, so it says "about". */
export function describeExpectedMinutes(minutes: number | null): string | null {
  if (minutes === null) return null;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `about ${rest} min`;
  return rest === 0 ? `about ${hours} h` : `about ${hours} h ${rest} min`;
}
