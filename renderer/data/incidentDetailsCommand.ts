/** "Edit details": changes the descriptive fields of an incident and notes the change on its timeline. */
import { applyIncidentDetails, type Incident } from '../../shared/domain/incident';
import { shouldReroute } from '../../shared/domain/routing';
import { createTimelineEntry } from '../../shared/domain/timeline';
import type { StoredIncident } from '../db/database';
import { commandFailed, type CommandResult, type DataEnvironment } from './dataEnvironment';
import { routingOutcome } from './incidentRouting';
import { saveIncident } from './incidentStore';
import { readProfile, toPersonRef } from './profile';
import { readSetting } from './settingsData';
import { readResponderTeamsById } from './teamQueries';
import { runWriteCommand } from './writeTransaction';

const fieldNames: Record<string, string> = {
  title: 'title',
  description: 'description',
  category: 'category',
  affectedServices: 'affected services',
  impact: 'impact',
  urgency: 'urgency',
  priority: 'priority',
  priorityOverride: 'priority override',
  tlp: 'TLP',
  hasPersonalData: 'personal data flag',
  isMajor: 'major incident flag',
};

export async function updateIncidentDetails(environment: DataEnvironment, incidentId: string, input: unknown): Promise<CommandResult<Incident>> {
  const profile = await readProfile(environment);
  if (!profile) return commandFailed('Set up your profile first: every entry records who made it.');
  const matrix = await readSetting(environment, 'priorityMatrix');
  const routingRules = await readSetting(environment, 'routingRules');
  const responderTeams = await readResponderTeamsById(environment);
  const { db } = environment;
  return runWriteCommand(environment, [db.incidents, db.timelineEntries], async (recorder): Promise<CommandResult<Incident>> => {
    const incident = await db.incidents.get(incidentId);
    if (!incident || incident.deletedAt !== null) return commandFailed('That incident does not exist (it may have been deleted).');
    const result = applyIncidentDetails(incident, input, matrix, recorder.nowIso);
    if (!result.ok) return result;
    const changed = Object.keys(result.value);
    if (changed.length === 0) return { ok: true, value: incident };
    if (incident.source === 'sample') recorder.keepLocal();
    // Re-categorisation routes again; other edits leave the team as it is.
    const edited = { ...incident, ...result.value };
    const routing = shouldReroute(incident, edited) ? routingOutcome(edited, routingRules, responderTeams) : null;
    const updated = recorder.stampPatch('incidents', incidentId, incident, { ...result.value, ...(routing?.patch ?? {}), updatedAt: recorder.nowIso } as Partial<StoredIncident>);
    await saveIncident(db, updated);
    const entry = createTimelineEntry(
      { id: environment.newId(), incidentId, author: toPersonRef(profile), deviceId: recorder.device.deviceId, nowIso: recorder.nowIso },
      'action',
      `Details changed: ${changed.filter((field) => field !== 'priorityChanges').map((field) => fieldNames[field] ?? field).join(', ')}`,
    );
    await db.timelineEntries.add(recorder.stampNew('timelineEntries', entry.id, entry));
    if (routing) {
      const routed = createTimelineEntry(
        { id: environment.newId(), incidentId, author: toPersonRef(profile), deviceId: recorder.device.deviceId, nowIso: recorder.nowIso },
        'assignment',
        routing.summary,
      );
      await db.timelineEntries.add(recorder.stampNew('timelineEntries', routed.id, routed));
    }
    return { ok: true, value: updated };
  });
}
