/**
 * Commands that work a playbook on an incident: apply it (its tasks and a timeline entry), tick a
 * step off, skip a step with a reason, answer a decision. Each wraps the matching function of
 * shared/domain/playbookTasks.ts and writes every row it returns in one runWriteCommand, so the
 * tasks, the timeline entry and their outbox entries commit together or not at all.
 */
import type { Incident } from '../../shared/domain/incident';
import { canProposePlaybooks, type Playbook } from '../../shared/domain/playbook';
import {
  answerPlaybookDecision,
  applyPlaybook,
  completePlaybookStep,
  skipPlaybookStep,
  type AnsweredDecision,
  type AppliedPlaybook,
  type ChangedPlaybookTask,
  type PlaybookTaskContext,
} from '../../shared/domain/playbookTasks';
import type { Task } from '../../shared/domain/task';
import { appRoleLabels, type PersonRef } from '../../shared/domain/people';
import type { StoredTask } from '../db/database';
import { commandFailed, type CommandResult, type DataEnvironment } from './dataEnvironment';
import { withoutSyncColumns } from './playbookCommands';
import { readProfile, toPersonRef } from './profile';
import { runWriteCommand, type ChangeRecorder } from './writeTransaction';

const noProfile = 'Set up your profile first: every entry records who made it.';
const missingIncident = 'That incident does not exist on this device.';
const missingTask = 'That task does not exist.';
const missingPlaybookVersion = 'The playbook version this task came from is not on this device; sync, then try again.';

/** Who is working the incident; viewers read only. */
async function readAuthor(environment: DataEnvironment): Promise<CommandResult<PersonRef>> {
  const profile = await readProfile(environment);
  if (!profile) return commandFailed(noProfile);
  // Working a checklist is writing to an incident: the same people who may propose playbooks.
  if (!canProposePlaybooks(profile.role)) return commandFailed(`Your profile role (${appRoleLabels[profile.role]}) can read incidents but not work their playbooks.`);
  return { ok: true, value: toPersonRef(profile) };
}

function taskContext(environment: DataEnvironment, recorder: ChangeRecorder, author: PersonRef): PlaybookTaskContext {
  return { newId: () => environment.newId(), author, deviceId: recorder.device.deviceId, nowIso: recorder.nowIso };
}

function withoutTaskSyncColumns(row: StoredTask): Task {
  const { fieldStamps: _stamps, localSeq: _seq, ...task } = row;
  return task;
}

async function liveIncidentTasks(environment: DataEnvironment, incidentId: string): Promise<Task[]> {
  return (await environment.db.tasks.where('incidentId').equals(incidentId).toArray()).map(withoutTaskSyncColumns);
}

/** Generated sample incidents never reach the team server, nor does anything written on them. */
async function readIncidentFor(environment: DataEnvironment, recorder: ChangeRecorder, incidentId: string): Promise<Incident | undefined> {
  const incident = await environment.db.incidents.get(incidentId);
  if (incident?.source === 'sample') recorder.keepLocal();
  return incident;
}

/** Applies a playbook version to an incident: its tasks and a timeline entry, in one transaction. */
export async function applyPlaybookToIncident(environment: DataEnvironment, incidentId: string, playbookId: string): Promise<CommandResult<AppliedPlaybook>> {
  const author = await readAuthor(environment);
  if (!author.ok) return author;
  const { db } = environment;
  return runWriteCommand(environment, [db.incidents, db.playbooks, db.tasks, db.timelineEntries], async (recorder): Promise<CommandResult<AppliedPlaybook>> => {
    const incident = await readIncidentFor(environment, recorder, incidentId);
    if (!incident) return commandFailed(missingIncident);
    const playbook = await db.playbooks.get(playbookId);
    if (!playbook) return commandFailed('That playbook is not on this device (it may have been discarded on another device).');
    const applied = applyPlaybook(withoutSyncColumns(playbook), incident, await liveIncidentTasks(environment, incidentId), taskContext(environment, recorder, author.value));
    if (!applied.ok) return applied;
    await db.tasks.bulkAdd(applied.value.tasks.map((task) => recorder.stampNew('tasks', task.id, task)));
    await db.timelineEntries.add(recorder.stampNew('timelineEntries', applied.value.timelineEntry.id, applied.value.timelineEntry));
    return applied;
  });
}

/** Runs a change of one playbook task: loads the task and the exact version it came from. */
async function changeStepTask<T extends ChangedPlaybookTask>(
  environment: DataEnvironment,
  taskId: string,
  change: (task: Task, playbook: Playbook, context: PlaybookTaskContext, incidentTasks: () => Promise<Task[]>) => Promise<CommandResult<T>> | CommandResult<T>,
): Promise<CommandResult<T>> {
  const author = await readAuthor(environment);
  if (!author.ok) return author;
  const { db } = environment;
  return runWriteCommand(environment, [db.incidents, db.playbooks, db.tasks, db.timelineEntries], async (recorder): Promise<CommandResult<T>> => {
    const stored = await db.tasks.get(taskId);
    if (!stored) return commandFailed(missingTask);
    const incident = await readIncidentFor(environment, recorder, stored.incidentId);
    if (!incident || incident.deletedAt !== null) return commandFailed('That incident was deleted.');
    const origin = stored.fromPlaybook ?? null;
    if (origin === null) return commandFailed('That task did not come from a playbook.');
    const playbook = await db.playbooks.get(origin.playbookId);
    if (!playbook) return commandFailed(missingPlaybookVersion);
    const changed = await change(withoutTaskSyncColumns(stored), withoutSyncColumns(playbook), taskContext(environment, recorder, author.value), () =>
      liveIncidentTasks(environment, stored.incidentId),
    );
    if (!changed.ok) return changed;
    await db.tasks.put(recorder.stampPatch('tasks', taskId, stored, changed.value.task));
    await db.timelineEntries.add(recorder.stampNew('timelineEntries', changed.value.timelineEntry.id, changed.value.timelineEntry));
    // An answered question adds its branch's steps in the same transaction.
    const newTasks = 'newTasks' in changed.value ? (changed.value as unknown as AnsweredDecision).newTasks : [];
    if (newTasks.length > 0) await db.tasks.bulkAdd(newTasks.map((task) => recorder.stampNew('tasks', task.id, task)));
    return changed;
  });
}

/** Ticks a step off. A question is answered with answerDecision instead. */
export async function completeStep(environment: DataEnvironment, taskId: string): Promise<CommandResult<ChangedPlaybookTask>> {
  return changeStepTask(environment, taskId, (task, playbook, context) => completePlaybookStep(task, playbook, context));
}

/** Skips a step or question; the reason is required and goes into the timeline. */
export async function skipStep(environment: DataEnvironment, taskId: string, reason: string): Promise<CommandResult<ChangedPlaybookTask>> {
  if (typeof reason !== 'string' || reason.trim() === '') return commandFailed('Say why the step is skipped', 'reason');
  return changeStepTask(environment, taskId, (task, playbook, context) => skipPlaybookStep(task, playbook, reason, context));
}

/** Answers a decision: its task is done and the chosen branch's steps become tasks. */
export async function answerDecision(environment: DataEnvironment, taskId: string, branchId: string): Promise<CommandResult<AnsweredDecision>> {
  return changeStepTask<AnsweredDecision>(environment, taskId, async (task, playbook, context, incidentTasks) =>
    answerPlaybookDecision(task, playbook, branchId, await incidentTasks(), context),
  );
}
