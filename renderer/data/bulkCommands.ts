/**
 * Bulk assign and bulk status change from a queue, with one undo for the whole change.
 *
 * Each incident goes through the same lifecycle rules as a single action and gets its own
 * timeline entry; an incident the action does not fit (a closed one in an "acknowledge" batch) is
 * reported and left alone, and the others still change. Undo puts back the fields the change
 * wrote, on every incident nobody has touched since, and says so on each timeline (timelines are
 * append-only: the original entries stay, followed by the undo).
 */
import type { Incident } from '../../shared/domain/incident';
import { zodErrorsToFieldErrors } from '../../shared/domain/incident';
import { applyLifecycleAction, lifecycleActionLabels, lifecycleActionSchema, type LifecycleAction } from '../../shared/domain/lifecycle';
import { createTimelineEntry } from '../../shared/domain/timeline';
import type { StoredIncident } from '../db/database';
import { commandFailed, type CommandResult, type DataEnvironment } from './dataEnvironment';
import { saveIncident } from './incidentStore';
import { readProfile, toPersonRef } from './profile';
import { runWriteCommand } from './writeTransaction';

/** A batch is one transaction; this bounds how long it can hold the database. */
export const maxBulkIncidents = 5_000;

export type BulkChangeReceipt = {
  /** What was done, in words: "Assign to Ada Lovelace". */
  label: string;
  /** Each changed incident, with the values its changed fields had before. */
  changed: { incidentId: string; before: Partial<Incident>; updatedAt: string }[];
  /** Incidents the action did not fit, with why. */
  refused: { incidentId: string; reference: string; reason: string }[];
};

export type UndoReport = { restored: number; skipped: { reference: string; reason: string }[] };

function describeAction(action: LifecycleAction): string {
  if (action.type !== 'assign') return lifecycleActionLabels[action.type];
  return `Assign to ${[action.team?.name, action.assignee?.name].filter((name) => name !== undefined).join(' and ')}`;
}

export async function applyBulkLifecycleAction(environment: DataEnvironment, incidentIds: readonly string[], rawAction: unknown): Promise<CommandResult<BulkChangeReceipt>> {
  const parsed = lifecycleActionSchema.safeParse(rawAction);
  if (!parsed.success) return { ok: false, errors: zodErrorsToFieldErrors(parsed.error) };
  const action = parsed.data;
  if (incidentIds.length === 0) return commandFailed('Select at least one incident.');
  if (incidentIds.length > maxBulkIncidents) return commandFailed(`Select at most ${maxBulkIncidents.toLocaleString('en')} incidents at a time.`);
  const profile = await readProfile(environment);
  if (!profile) return commandFailed('Set up your profile first: every entry records who made it.');
  const author = toPersonRef(profile);
  const label = describeAction(action);
  const receipt: BulkChangeReceipt = { label, changed: [], refused: [] };
  const { db } = environment;
  const unique = [...new Set(incidentIds)];
  const incidents = (await db.incidents.bulkGet(unique)).filter((incident): incident is StoredIncident => incident !== undefined && incident.deletedAt === null);
  // Sample incidents never leave the device; a command is local or not as a whole, so the two
  // kinds go in separate transactions.
  for (const group of [incidents.filter((incident) => incident.source !== 'sample'), incidents.filter((incident) => incident.source === 'sample')]) {
    if (group.length === 0) continue;
    await runWriteCommand(environment, [db.incidents, db.timelineEntries], async (recorder) => {
      if (group[0]!.source === 'sample') recorder.keepLocal();
      for (const { id } of group) {
        // Read again inside the transaction: the copy read above may be stale.
        const incident = await db.incidents.get(id);
        if (!incident || incident.deletedAt !== null) continue;
        const result = applyLifecycleAction(incident, action, recorder.nowIso);
        if (!result.ok) {
          receipt.refused.push({ incidentId: id, reference: incident.reference, reason: Object.values(result.errors).join(' ') });
          continue;
        }
        const patch = result.change.patch as Partial<StoredIncident>;
        const before = Object.fromEntries(Object.keys(patch).map((field) => [field, incident[field as keyof StoredIncident]])) as Partial<Incident>;
        const updated = recorder.stampPatch('incidents', id, incident, patch);
        await saveIncident(db, updated);
        const entry = createTimelineEntry(
          { id: environment.newId(), incidentId: id, author, deviceId: recorder.device.deviceId, nowIso: recorder.nowIso },
          action.type === 'assign' ? 'assignment' : 'status_change',
          `${result.change.summary} (bulk change of ${unique.length})`,
        );
        await db.timelineEntries.add(recorder.stampNew('timelineEntries', entry.id, entry));
        receipt.changed.push({ incidentId: id, before, updatedAt: updated.updatedAt });
      }
    });
  }
  const missing = unique.length - incidents.length;
  if (missing > 0) receipt.refused.push({ incidentId: '', reference: `${missing} incident${missing === 1 ? '' : 's'}`, reason: 'No longer exist (deleted elsewhere).' });
  return { ok: true, value: receipt };
}

/**
 * Reverses a bulk change. An incident changed again since (by anyone, on any device once synced)
 * keeps its newer state and is reported, so undo never overwrites later work.
 */
export async function undoBulkChange(environment: DataEnvironment, receipt: BulkChangeReceipt): Promise<CommandResult<UndoReport>> {
  const profile = await readProfile(environment);
  if (!profile) return commandFailed('Set up your profile first: every entry records who made it.');
  const author = toPersonRef(profile);
  const report: UndoReport = { restored: 0, skipped: [] };
  const { db } = environment;
  const incidents = (await db.incidents.bulkGet(receipt.changed.map((change) => change.incidentId))).filter((incident): incident is StoredIncident => incident !== undefined);
  const sampleIds = new Set(incidents.filter((incident) => incident.source === 'sample').map((incident) => incident.id));
  for (const group of [receipt.changed.filter((change) => !sampleIds.has(change.incidentId)), receipt.changed.filter((change) => sampleIds.has(change.incidentId))]) {
    if (group.length === 0) continue;
    await runWriteCommand(environment, [db.incidents, db.timelineEntries], async (recorder) => {
      if (sampleIds.has(group[0]!.incidentId)) recorder.keepLocal();
      for (const change of group) {
        const incident = await db.incidents.get(change.incidentId);
        if (!incident || incident.deletedAt !== null) {
          report.skipped.push({ reference: incident?.reference ?? change.incidentId, reason: 'It has been deleted.' });
          continue;
        }
        if (incident.updatedAt !== change.updatedAt) {
          report.skipped.push({ reference: incident.reference, reason: 'It has changed since, so it keeps the newer state.' });
          continue;
        }
        const updated = recorder.stampPatch('incidents', incident.id, incident, { ...change.before, updatedAt: recorder.nowIso } as Partial<StoredIncident>);
        await saveIncident(db, updated);
        const entry = createTimelineEntry(
          { id: environment.newId(), incidentId: incident.id, author, deviceId: recorder.device.deviceId, nowIso: recorder.nowIso },
          'action',
          `Undone: ${receipt.label} (bulk change)`,
        );
        await db.timelineEntries.add(recorder.stampNew('timelineEntries', entry.id, entry));
        report.restored += 1;
      }
    });
  }
  return { ok: true, value: report };
}
