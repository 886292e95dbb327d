/**
 * A playbook applied to an incident. Its steps become tasks grouped by phase; a decision point
 * becomes a task that asks its question, and the chosen answer adds that branch's steps. Finishing
 * or skipping a step (a skip needs a reason) writes a timeline entry.
 *
 * Every function returns the rows to write and changes nothing itself, so the data layer can
 * write them, with their sync records, in one transaction.
 */
import { incidentStageLabels, openStages, type FieldErrors, type Incident, type Validated } from './incident';
import type { PersonRef } from './people';
import {
  branchStepIds,
  isDecisionPoint,
  playbookPhaseLabels,
  playbookPhases,
  type Playbook,
  type PlaybookPhase,
  type PlaybookStep,
} from './playbook';
import type { Task } from './task';
import { createTimelineEntry, type TimelineEntry } from './timeline';
import type { IsoTimestamp } from './time';

export type PlaybookTaskContext = {
  /** Makes a fresh id for each new row (task or timeline entry). */
  newId: () => string;
  author: PersonRef;
  deviceId: string;
  nowIso: IsoTimestamp;
};

export const skipReasonMaxLength = 2000;
/** A decision entry lists this many added steps by name, then counts the rest. */
const listedStepTitles = 20;

const refuse = (message: string, field = 'form'): { ok: false; errors: FieldErrors } => ({ ok: false, errors: { [field]: message } });

function playbookLabel(playbook: Pick<Playbook, 'name' | 'version'>): string {
  return `${playbook.name} v${playbook.version}`;
}

function stepTitle(step: PlaybookStep): string {
  return isDecisionPoint(step) ? step.question : step.title;
}

function taskFromStep(step: PlaybookStep, position: number, playbook: Playbook, incidentId: string, context: PlaybookTaskContext): Task {
  return {
    id: context.newId(),
    incidentId,
    title: stepTitle(step),
    state: 'open',
    assignee: null,
    dueAt: null,
    playbookStepId: step.id,
    fromPlaybook: {
      playbookId: playbook.id,
      lineageId: playbook.lineageId,
      version: playbook.version,
      phase: step.phase,
      position,
      stepKind: step.kind,
      isRequired: isDecisionPoint(step) ? true : step.isRequired,
    },
    createdAt: context.nowIso,
    updatedAt: context.nowIso,
    completedAt: null,
    deletedAt: null,
  };
}

/** Phase order first, then the playbook's own order: how the checklist reads. */
export function comparePlaybookTasks(left: Task, right: Task): number {
  const leftOrigin = left.fromPlaybook;
  const rightOrigin = right.fromPlaybook;
  if (!leftOrigin || !rightOrigin) return leftOrigin ? -1 : rightOrigin ? 1 : 0;
  return (
    playbookPhases.indexOf(leftOrigin.phase) - playbookPhases.indexOf(rightOrigin.phase) ||
    leftOrigin.position - rightOrigin.position ||
    left.id.localeCompare(right.id)
  );
}

function isLiveTaskOf(task: Task, lineageId: string): boolean {
  return task.deletedAt === null && task.fromPlaybook?.lineageId === lineageId;
}

export type AppliedPlaybook = { tasks: Task[]; timelineEntry: TimelineEntry };

/**
 * Applies a playbook to an incident: one task per step that no answer is waiting for, in phase
 * order. Only approved versions apply to real incidents; an exercise may also try out a draft,
 * which is how a team tests a procedure before approving it. A playbook applies once per
 * incident, whichever version: two copies of the same checklist would only confuse.
 */
export function applyPlaybook(playbook: Playbook, incident: Incident, incidentTasks: readonly Task[], context: PlaybookTaskContext): Validated<AppliedPlaybook> {
  if (incident.deletedAt !== null) return refuse('That incident was deleted');
  if (!openStages.includes(incident.stage)) return refuse(`The incident is ${incidentStageLabels[incident.stage].toLowerCase()}; reopen it before applying a playbook`);
  if (playbook.deletedAt !== null) return refuse('That playbook draft was discarded');
  if (playbook.status === 'retired') return refuse(`Version ${playbook.version} of "${playbook.name}" is retired; apply the current version`);
  if (playbook.status === 'draft' && incident.mode !== 'exercise') {
    return refuse(`"${playbook.name}" version ${playbook.version} is a draft: it can be tried in an exercise, but a real incident needs an approved playbook`);
  }
  const applied = incidentTasks.find((task) => isLiveTaskOf(task, playbook.lineageId));
  if (applied) return refuse(`"${playbook.name}" (version ${applied.fromPlaybook!.version}) is already applied to this incident`);

  const waitingForAnswer = branchStepIds(playbook.steps);
  const tasks = playbook.steps
    .map((step, position) => ({ step, position }))
    .filter(({ step }) => !waitingForAnswer.has(step.id))
    .map(({ step, position }) => taskFromStep(step, position, playbook, incident.id, context))
    .sort(comparePlaybookTasks);
  const phaseCount = new Set(tasks.map((task) => task.fromPlaybook!.phase)).size;
  const text = `Playbook applied: ${playbookLabel(playbook)}, ${tasks.length} ${tasks.length === 1 ? 'task' : 'tasks'} in ${phaseCount} ${phaseCount === 1 ? 'phase' : 'phases'}`;
  return { ok: true, value: { tasks, timelineEntry: entry(context, incident.id, 'task', text) } };
}

function entry(context: PlaybookTaskContext, incidentId: string, kind: 'task' | 'decision', text: string): TimelineEntry {
  return createTimelineEntry({ id: context.newId(), incidentId, author: context.author, deviceId: context.deviceId, nowIso: context.nowIso }, kind, text);
}

function checkOpenStepTask(task: Task, playbook: Playbook): { ok: false; errors: FieldErrors } | { ok: true; step: PlaybookStep } {
  if (task.deletedAt !== null) return refuse('That task was deleted');
  // `!`: a row stored before tasks had the field reads back without it.
  if (!task.fromPlaybook || task.playbookStepId === null) return refuse('That task did not come from a playbook');
  if (task.fromPlaybook.playbookId !== playbook.id) {
    return refuse(`That task came from version ${task.fromPlaybook.version} of the playbook, not version ${playbook.version}; load the version it came from`);
  }
  const step = playbook.steps.find((candidate) => candidate.id === task.playbookStepId);
  if (!step) return refuse(`Version ${playbook.version} of "${playbook.name}" has no step "${task.playbookStepId}"`);
  if (task.state !== 'open') return refuse(`"${task.title}" is already ${task.state === 'done' ? 'done' : 'skipped'}`);
  return { ok: true, step };
}

export type ChangedPlaybookTask = { task: Task; timelineEntry: TimelineEntry };

/** Ticks off a step. A question is answered with answerPlaybookDecision instead. */
export function completePlaybookStep(task: Task, playbook: Playbook, context: PlaybookTaskContext): Validated<ChangedPlaybookTask> {
  const checked = checkOpenStepTask(task, playbook);
  if (!checked.ok) return checked;
  if (isDecisionPoint(checked.step)) return refuse(`"${checked.step.question}" is a question: choose an answer instead of ticking it off`);
  const done: Task = { ...task, state: 'done', completedAt: context.nowIso, updatedAt: context.nowIso };
  const text = `Playbook step done: ${task.title} (${playbookPhaseLabels[task.fromPlaybook!.phase]}, ${playbookLabel(playbook)})`;
  return { ok: true, value: { task: done, timelineEntry: entry(context, task.incidentId, 'task', text) } };
}

/**
 * Skips a step or a question, which needs a reason: the timeline must say why a required step of
 * an approved procedure was not done. A skipped task is a cancelled one.
 */
export function skipPlaybookStep(task: Task, playbook: Playbook, reason: string, context: PlaybookTaskContext): Validated<ChangedPlaybookTask> {
  const trimmed = reason.trim();
  if (trimmed === '') return refuse('Say why the step is skipped', 'reason');
  if (trimmed.length > skipReasonMaxLength) return refuse('Keep the reason under 2,000 characters', 'reason');
  const checked = checkOpenStepTask(task, playbook);
  if (!checked.ok) return checked;
  const skipped: Task = { ...task, state: 'cancelled', completedAt: null, updatedAt: context.nowIso };
  const text = `Playbook step skipped: ${task.title} (${playbookPhaseLabels[task.fromPlaybook!.phase]}, ${playbookLabel(playbook)}). Reason: ${trimmed}`;
  return { ok: true, value: { task: skipped, timelineEntry: entry(context, task.incidentId, 'task', text) } };
}

export type AnsweredDecision = { task: Task; newTasks: Task[]; timelineEntry: TimelineEntry };

/**
 * Answers a decision point: the question's task is done and the chosen branch's steps become
 * tasks (a question inside the branch becomes a task that asks it in turn). Steps that somehow
 * already have a task on this incident are not added twice.
 */
export function answerPlaybookDecision(
  task: Task,
  playbook: Playbook,
  branchId: string,
  incidentTasks: readonly Task[],
  context: PlaybookTaskContext,
): Validated<AnsweredDecision> {
  const checked = checkOpenStepTask(task, playbook);
  if (!checked.ok) return checked;
  const decision = checked.step;
  if (!isDecisionPoint(decision)) return refuse(`"${task.title}" is a step, not a question: tick it off instead`);
  const branch = decision.branches.find((candidate) => candidate.id === branchId);
  if (!branch) return refuse(`"${decision.question}" has no answer "${branchId}"`, 'branchId');

  const alreadyTasks = new Set(
    incidentTasks.filter((existing) => existing.deletedAt === null && existing.fromPlaybook?.playbookId === playbook.id).map((existing) => existing.playbookStepId),
  );
  const newTasks = branch.stepIds
    .filter((stepId) => !alreadyTasks.has(stepId))
    .map((stepId) => {
      const position = playbook.steps.findIndex((step) => step.id === stepId);
      return taskFromStep(playbook.steps[position]!, position, playbook, task.incidentId, context);
    });
  const answered: Task = { ...task, state: 'done', completedAt: context.nowIso, updatedAt: context.nowIso };
  const titles = newTasks.slice(0, listedStepTitles).map((added) => added.title);
  const more = newTasks.length - titles.length;
  const added =
    newTasks.length === 0
      ? 'No steps added.'
      : `Added ${newTasks.length} ${newTasks.length === 1 ? 'step' : 'steps'}: ${titles.join('; ')}${more > 0 ? `; and ${more} more` : ''}.`;
  const text = `Decision (${playbookLabel(playbook)}): ${decision.question} Answer: ${branch.label}. ${added}`;
  return { ok: true, value: { task: answered, newTasks, timelineEntry: entry(context, task.incidentId, 'decision', text) } };
}

export type PhaseProgress = { phase: PlaybookPhase; total: number; done: number; skipped: number; open: number };

export type PlaybookProgress = {
  playbookId: string;
  lineageId: string;
  version: number;
  total: number;
  done: number;
  skipped: number;
  open: number;
  /** Required steps and unanswered questions still open: the ones that hold up "finished". */
  requiredOpen: number;
  openDecisions: number;
  /** Share of steps done or skipped, 0 to 1. */
  fraction: number;
  phases: PhaseProgress[];
};

/** Progress of each playbook applied to an incident, from its tasks alone, in the order the playbooks were applied. */
export function summarizePlaybookProgress(incidentTasks: readonly Task[]): PlaybookProgress[] {
  const byPlaybook = new Map<string, { progress: PlaybookProgress; firstCreatedAt: string }>();
  for (const task of incidentTasks) {
    const origin = task.fromPlaybook;
    if (task.deletedAt !== null || !origin) continue;
    let held = byPlaybook.get(origin.playbookId);
    if (!held) {
      held = {
        progress: { playbookId: origin.playbookId, lineageId: origin.lineageId, version: origin.version, total: 0, done: 0, skipped: 0, open: 0, requiredOpen: 0, openDecisions: 0, fraction: 0, phases: [] },
        firstCreatedAt: task.createdAt,
      };
      byPlaybook.set(origin.playbookId, held);
    }
    if (task.createdAt < held.firstCreatedAt) held.firstCreatedAt = task.createdAt;
    const { progress } = held;
    let phase = progress.phases.find((candidate) => candidate.phase === origin.phase);
    if (!phase) {
      phase = { phase: origin.phase, total: 0, done: 0, skipped: 0, open: 0 };
      progress.phases.push(phase);
    }
    const bucket = task.state === 'done' ? 'done' : task.state === 'cancelled' ? 'skipped' : 'open';
    progress.total += 1;
    progress[bucket] += 1;
    phase.total += 1;
    phase[bucket] += 1;
    if (bucket === 'open' && origin.isRequired) progress.requiredOpen += 1;
    if (bucket === 'open' && origin.stepKind === 'decision') progress.openDecisions += 1;
  }
  return [...byPlaybook.values()]
    .sort((left, right) => left.firstCreatedAt.localeCompare(right.firstCreatedAt) || left.progress.playbookId.localeCompare(right.progress.playbookId))
    .map(({ progress }) => ({
      ...progress,
      fraction: progress.total === 0 ? 0 : (progress.done + progress.skipped) / progress.total,
      phases: progress.phases.sort((left, right) => playbookPhases.indexOf(left.phase) - playbookPhases.indexOf(right.phase)),
    }));
}
