/**
 * Writes incident rows together with their list rows. Every command that saves an incident goes
 * through here, inside its write transaction, so the two tables never disagree.
 */
import { toIncidentListItem } from '../../shared/domain/incidentList';
import type { FirebreakDatabase, StoredIncident, StoredIncidentListRow } from '../db/database';

export function toStoredListRow(incident: StoredIncident): StoredIncidentListRow {
  return { ...toIncidentListItem(incident), deletedAt: incident.deletedAt, localSeq: incident.localSeq };
}

export async function saveIncident(db: FirebreakDatabase, incident: StoredIncident): Promise<void> {
  await Promise.all([db.incidents.put(incident), db.incidentListRows.put(toStoredListRow(incident))]);
}

/** Adds new incidents in bulk; fails (and the transaction rolls back) if any id already exists. */
export async function addIncidents(db: FirebreakDatabase, incidents: readonly StoredIncident[]): Promise<void> {
  await Promise.all([db.incidents.bulkAdd(incidents as StoredIncident[]), db.incidentListRows.bulkAdd(incidents.map(toStoredListRow))]);
}

/** Saves many incidents (new or changed) with their list rows, in the caller's transaction. */
export async function saveIncidents(db: FirebreakDatabase, incidents: readonly StoredIncident[]): Promise<void> {
  if (incidents.length === 0) return;
  await Promise.all([db.incidents.bulkPut(incidents as StoredIncident[]), db.incidentListRows.bulkPut(incidents.map(toStoredListRow))]);
}
