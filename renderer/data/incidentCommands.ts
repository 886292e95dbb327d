/**
 * Commands that change incidents, their timelines and tasks. Each validates with the domain
 * first, then writes the entity rows, the timeline entry and the outbox in one transaction.
 */
import {
  createIncident as buildIncident,
  validateNewIncident,
  zodErrorsToFieldErrors,
  type Incident,
} from '../../shared/domain/incident';
import { applyLifecycleAction, lifecycleActionSchema } from '../../shared/domain/lifecycle';
import { formatIncidentReference, parseIncidentReference } from '../../shared/domain/reference';
import { validateNewTask, type Task, type TaskState } from '../../shared/domain/task';
import { createTimelineEntry, validateTimelineNote, type TimelineEntry, type TimelineEntryKind } from '../../shared/domain/timeline';
import type { StoredIncident } from '../db/database';
import { commandFailed, type CommandResult, type DataEnvironment } from './dataEnvironment';
import { routingOutcome } from './incidentRouting';
import { addIncidents, saveIncident } from './incidentStore';
import { readProfile, toPersonRef } from './profile';
import { readSetting } from './settingsData';
import { readDefaultTeamId } from './syncSettings';
import { readResponderTeamsById } from './teamQueries';
import { runWriteCommand, type ChangeRecorder } from './writeTransaction';

const noProfile = 'Set up your profile first: every entry records who made it.';

function timelineContext(environment: DataEnvironment, recorder: ChangeRecorder, incidentId: string, author: { id: string; name: string }) {
  return { id: environment.newId(), incidentId, author, deviceId: recorder.device.deviceId, nowIso: recorder.nowIso };
}

export type CreateIncidentOptions = {
  /** The exercise run the incident is opened in; only an exercise incident may have one. */
  exerciseRunId?: string | null;
};

export async function createIncident(environment: DataEnvironment, input: unknown, options: CreateIncidentOptions = {}): Promise<CommandResult<Incident>> {
  const validated = validateNewIncident(input, environment.nowMs());
  if (!validated.ok) return validated;
  const exerciseRunId = options.exerciseRunId ?? null;
  if (exerciseRunId !== null && validated.value.mode !== 'exercise') return commandFailed('Only an exercise incident can belong to an exercise run.', 'mode');
  const profile = await readProfile(environment);
  if (!profile) return commandFailed(noProfile);
  const matrix = await readSetting(environment, 'priorityMatrix');
  const routingRules = await readSetting(environment, 'routingRules');
  const responderTeams = await readResponderTeamsById(environment);
  const teamId = await readDefaultTeamId(environment);
  const { db } = environment;
  const author = toPersonRef(profile);
  const incident = await runWriteCommand(environment, [db.incidents, db.timelineEntries], async (recorder) => {
    const reference = formatIncidentReference({
      year: new Date(recorder.nowIso).getUTCFullYear(),
      deviceCode: recorder.device.deviceCode,
      sequence: recorder.takeReferenceSequence(),
    });
    const id = environment.newId();
    const built = buildIncident(validated.value, { id, teamId, reference, reporter: author, matrix, nowIso: recorder.nowIso, exerciseRunId });
    const routing = routingOutcome(built, routingRules, responderTeams);
    const created = routing ? { ...built, ...routing.patch } : built;
    await addIncidents(db, [recorder.stampNew('incidents', id, created)]);
    const entry = createTimelineEntry(timelineContext(environment, recorder, id, author), 'created', `Reported by ${author.name}`);
    await db.timelineEntries.add(recorder.stampNew('timelineEntries', entry.id, entry));
    if (routing) {
      const routed = createTimelineEntry(timelineContext(environment, recorder, id, author), 'assignment', routing.summary);
      await db.timelineEntries.add(recorder.stampNew('timelineEntries', routed.id, routed));
    }
    return created;
  });
  return { ok: true, value: incident };
}

function entryKindForAction(type: string): TimelineEntryKind {
  if (type === 'assign') return 'assignment';
  if (type === 'escalate') return 'escalation';
  return 'status_change';
}

/** Takes a lifecycle action (acknowledge, assign, put on hold, resolve, close, ...). */
export async function takeLifecycleAction(
  environment: DataEnvironment,
  incidentId: string,
  action: unknown,
): Promise<CommandResult<Incident>> {
  const parsedAction = lifecycleActionSchema.safeParse(action);
  if (!parsedAction.success) {
    return { ok: false, errors: zodErrorsToFieldErrors(parsedAction.error) };
  }
  const profile = await readProfile(environment);
  if (!profile) return commandFailed(noProfile);
  const author = toPersonRef(profile);
  const { db } = environment;
  return runWriteCommand(environment, [db.incidents, db.timelineEntries, db.responderTeams], async (recorder): Promise<CommandResult<Incident>> => {
    const existing = await db.incidents.get(incidentId);
    if (!existing || existing.deletedAt !== null) return commandFailed('That incident does not exist (it may have been deleted).');
    if (existing.source === 'sample') recorder.keepLocal();
    let action = parsedAction.data;
    if (action.type === 'assign' && action.team) {
      // The team must still exist; its current name is the one the incident keeps.
      const team = await db.responderTeams.get(action.team.id);
      if (!team || team.deletedAt !== null) return commandFailed('That team no longer exists (it may have been deleted on another device); choose another.', 'team');
      action = { ...action, team: { id: team.id, name: team.name } };
    }
    const result = applyLifecycleAction(existing, action, recorder.nowIso);
    if (!result.ok) return result;
    const updated = recorder.stampPatch('incidents', incidentId, existing, result.change.patch as Partial<StoredIncident>);
    await saveIncident(db, updated);
    const entry = createTimelineEntry(
      timelineContext(environment, recorder, incidentId, author),
      entryKindForAction(parsedAction.data.type),
      result.change.summary,
    );
    await db.timelineEntries.add(recorder.stampNew('timelineEntries', entry.id, entry));
    return { ok: true, value: updated };
  });
}

/** Appends a note (or action, decision, communication, correction) to the timeline. */
export async function addTimelineNote(
  environment: DataEnvironment,
  incidentId: string,
  input: unknown,
): Promise<CommandResult<TimelineEntry>> {
  const profile = await readProfile(environment);
  if (!profile) return commandFailed(noProfile);
  const author = toPersonRef(profile);
  const { db } = environment;
  return runWriteCommand(environment, [db.incidents, db.timelineEntries], async (recorder): Promise<CommandResult<TimelineEntry>> => {
    const incident = await db.incidents.get(incidentId);
    if (!incident || incident.deletedAt !== null) return commandFailed('That incident does not exist (it may have been deleted).');
    if (incident.source === 'sample') recorder.keepLocal();
    const validated = validateTimelineNote(input, environment.nowMs());
    if (!validated.ok) return validated;
    const note = validated.value;
    if (note.correctsEntryId !== null) {
      const target = await db.timelineEntries.get(note.correctsEntryId);
      if (!target || target.incidentId !== incidentId) return commandFailed('The entry to correct is not on this incident.', 'correctsEntryId');
    }
    const entry = createTimelineEntry(
      timelineContext(environment, recorder, incidentId, author),
      note.kind,
      note.text,
      note.occurredAt,
      note.correctsEntryId,
    );
    await db.timelineEntries.add(recorder.stampNew('timelineEntries', entry.id, entry));
    await saveIncident(db, recorder.stampPatch('incidents', incidentId, incident, { updatedAt: recorder.nowIso }));
    return { ok: true, value: entry };
  });
}

export async function addTask(environment: DataEnvironment, incidentId: string, input: unknown): Promise<CommandResult<Task>> {
  const validated = validateNewTask(input);
  if (!validated.ok) return validated;
  const profile = await readProfile(environment);
  if (!profile) return commandFailed(noProfile);
  const author = toPersonRef(profile);
  const { db } = environment;
  return runWriteCommand(environment, [db.incidents, db.tasks, db.timelineEntries], async (recorder): Promise<CommandResult<Task>> => {
    const incident = await db.incidents.get(incidentId);
    if (!incident || incident.deletedAt !== null) return commandFailed('That incident does not exist (it may have been deleted).');
    if (incident.source === 'sample') recorder.keepLocal();
    const task: Task = {
      id: environment.newId(),
      incidentId,
      title: validated.value.title,
      state: 'open',
      assignee: null,
      dueAt: validated.value.dueAt,
      playbookStepId: null,
      fromPlaybook: null,
      createdAt: recorder.nowIso,
      updatedAt: recorder.nowIso,
      completedAt: null,
      deletedAt: null,
    };
    await db.tasks.add(recorder.stampNew('tasks', task.id, task));
    const entry = createTimelineEntry(timelineContext(environment, recorder, incidentId, author), 'task', `Task added: ${task.title}`);
    await db.timelineEntries.add(recorder.stampNew('timelineEntries', entry.id, entry));
    return { ok: true, value: task };
  });
}

export async function setTaskState(environment: DataEnvironment, taskId: string, state: TaskState): Promise<CommandResult<Task>> {
  if (!['open', 'done', 'cancelled'].includes(state)) return commandFailed(`Unknown task state "${String(state)}"`, 'state');
  const profile = await readProfile(environment);
  if (!profile) return commandFailed(noProfile);
  const author = toPersonRef(profile);
  const { db } = environment;
  return runWriteCommand(environment, [db.incidents, db.tasks, db.timelineEntries], async (recorder): Promise<CommandResult<Task>> => {
    const task = await db.tasks.get(taskId);
    if (!task || task.deletedAt !== null) return commandFailed('That task does not exist.');
    if (task.state === state) return { ok: true, value: task };
    // A playbook step is skipped only with a reason (renderer/data/incidentPlaybookCommands.ts skipStep),
    // so the timeline always says why a step of the procedure was not done.
    if (state === 'cancelled' && (task.fromPlaybook ?? null) !== null) {
      return commandFailed(`"${task.title}" is a playbook step: skip it with a reason instead of cancelling it.`, 'state');
    }
    if (state === 'done' && task.fromPlaybook?.stepKind === 'decision') {
      return commandFailed(`"${task.title}" is a playbook question: choose an answer instead of ticking it off.`, 'state');
    }
    if ((await db.incidents.get(task.incidentId))?.source === 'sample') recorder.keepLocal();
    const updated = recorder.stampPatch('tasks', taskId, task, {
      state,
      updatedAt: recorder.nowIso,
      completedAt: state === 'done' ? recorder.nowIso : null,
    });
    await db.tasks.put(updated);
    const verb = state === 'done' ? 'Task done' : state === 'cancelled' ? 'Task cancelled' : 'Task reopened';
    const entry = createTimelineEntry(timelineContext(environment, recorder, task.incidentId, author), 'task', `${verb}: ${task.title}`);
    await db.timelineEntries.add(recorder.stampNew('timelineEntries', entry.id, entry));
    return { ok: true, value: updated };
  });
}

/**
 * Deleting is a tombstone: the row stays (so sync can spread the delete and an undo can restore
 * it) but every view hides it.
 */
export async function setIncidentDeleted(
  environment: DataEnvironment,
  incidentId: string,
  isDeleted: boolean,
): Promise<CommandResult<Incident>> {
  const { db } = environment;
  return runWriteCommand(environment, [db.incidents], async (recorder): Promise<CommandResult<Incident>> => {
    const incident = await db.incidents.get(incidentId);
    if (!incident) return commandFailed('That incident does not exist.');
    // Deleting twice keeps the first delete time (and queues nothing new).
    if ((incident.deletedAt !== null) === isDeleted) return { ok: true, value: incident };
    if (incident.source === 'sample') recorder.keepLocal();
    const updated = recorder.stampPatch(
      'incidents',
      incidentId,
      incident,
      { deletedAt: isDeleted ? recorder.nowIso : null, updatedAt: recorder.nowIso },
      isDeleted ? 'delete' : 'update',
    );
    await saveIncident(db, updated);
    return { ok: true, value: updated };
  });
}

/**
 * The team server may give this device another reference code than the one it used offline (two
 * devices can derive the same code). Incidents numbered with the old code are renumbered with the
 * new one; links use ids, so nothing breaks, and the timeline keeps the old reference.
 */
export async function renumberDeviceReferences(environment: DataEnvironment, oldCode: string, newCode: string): Promise<number> {
  if (oldCode === newCode) return 0;
  const profile = await readProfile(environment);
  const author = profile ? toPersonRef(profile) : { id: 'firebreak', name: 'Firebreak' };
  const { db } = environment;
  const candidates = await db.incidents.filter((incident) => parseIncidentReference(incident.reference)?.deviceCode === oldCode).toArray();
  if (candidates.length === 0) return 0;
  return runWriteCommand(environment, [db.incidents, db.timelineEntries], async (recorder) => {
    let renumbered = 0;
    for (const candidate of candidates) {
      const incident = await db.incidents.get(candidate.id);
      const parts = incident && parseIncidentReference(incident.reference);
      if (!incident || !parts || parts.deviceCode !== oldCode) continue;
      const reference = formatIncidentReference({ ...parts, deviceCode: newCode });
      if (incident.source === 'sample') recorder.keepLocal();
      await saveIncident(db, recorder.stampPatch('incidents', incident.id, incident, { reference, updatedAt: recorder.nowIso }));
      const entry = createTimelineEntry(timelineContext(environment, recorder, incident.id, author), 'action', `Reference changed from ${incident.reference} to ${reference} on joining the team server`);
      await db.timelineEntries.add(recorder.stampNew('timelineEntries', entry.id, entry));
      renumbered += 1;
    }
    return renumbered;
  });
}
