/** Live reads for the conflict log and the status bar: clashes with their incident, pending count. */
import { useLiveQuery } from 'dexie-react-hooks';
import type { ConflictRow } from '../db/database';
import { getDataEnvironment } from './dataEnvironment';

export type ConflictLogEntry = ConflictRow & { incidentReference: string | null; incidentTitle: string | null; teamName: string | null; playbookLabel: string | null };

/** Newest first, each with the reference and title of its incident (or the name of its responder team or playbook version) when this device has it. */
export function useConflictLog(): ConflictLogEntry[] | undefined {
  return useLiveQuery(async () => {
    const { db } = getDataEnvironment();
    const conflicts = await db.conflicts.orderBy('detectedAt').reverse().toArray();
    const incidentIds = [...new Set(conflicts.map((conflict) => conflict.incidentId).filter((id): id is string => id !== null))];
    const incidents = new Map((await db.incidents.bulkGet(incidentIds)).filter((row) => row !== undefined).map((row) => [row.id, row]));
    const teamIds = [...new Set(conflicts.filter((conflict) => conflict.table === 'responderTeams').map((conflict) => conflict.rowId))];
    const teams = new Map((await db.responderTeams.bulkGet(teamIds)).filter((row) => row !== undefined).map((row) => [row.id, row.name]));
    const playbookIds = [...new Set(conflicts.filter((conflict) => conflict.table === 'playbooks').map((conflict) => conflict.rowId))];
    const playbooks = new Map((await db.playbooks.bulkGet(playbookIds)).filter((row) => row !== undefined).map((row) => [row.id, `${row.name} v${row.version}`]));
    return conflicts.map((conflict) => {
      const incident = conflict.incidentId ? incidents.get(conflict.incidentId) : undefined;
      return { ...conflict, incidentReference: incident?.reference ?? null, incidentTitle: incident?.title ?? null, teamName: teams.get(conflict.rowId) ?? null, playbookLabel: playbooks.get(conflict.rowId) ?? null };
    });
  }, []);
}

export function useUnresolvedConflictCount(): number {
  return useLiveQuery(() => getDataEnvironment().db.conflicts.filter((conflict) => conflict.resolvedAt === null).count(), [], 0);
}

/** Local changes not yet accepted by the team server. */
export function usePendingChangeCount(): number {
  return useLiveQuery(() => getDataEnvironment().db.outbox.count(), [], 0);
}
