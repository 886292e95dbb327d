/** Live reads for the conflict log and the status bar: clashes with their incident, pending count. */
import { useLiveQuery } from 'dexie-react-hooks';
import type { ConflictRow } from '../db/database';
import { getDataEnvironment } from './dataEnvironment';

export type ConflictLogEntry = ConflictRow & { incidentReference: string | null; incidentTitle: string | null; teamName: string | null; playbookLabel: string | null; exerciseLabel: string | null };

/**
 * Newest first, each with the reference and title of its incident (or the name of its responder
 * team, playbook version or exercise) when this device has it.
 */
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
    const idsOf = (table: ConflictRow['table']) => [...new Set(conflicts.filter((conflict) => conflict.table === table).map((conflict) => conflict.rowId))];
    const exerciseLabels = new Map<string, string>();
    for (const row of await db.exerciseScenarios.bulkGet(idsOf('exerciseScenarios'))) if (row) exerciseLabels.set(`exerciseScenarios|${row.id}`, `Scenario ${row.title} v${row.version}`);
    const runIds = new Set(idsOf('exerciseRuns'));
    const events = (await db.exerciseRunEvents.bulkGet(idsOf('exerciseRunEvents'))).filter((row) => row !== undefined);
    const records = (await db.exerciseRecords.bulkGet(idsOf('exerciseRecords'))).filter((row) => row !== undefined);
    for (const row of [...events, ...records]) runIds.add(row.runId);
    const runTitles = new Map((await db.exerciseRuns.bulkGet([...runIds])).filter((row) => row !== undefined).map((row) => [row.id, row.title]));
    for (const [id, title] of runTitles) exerciseLabels.set(`exerciseRuns|${id}`, `Exercise ${title}`);
    for (const row of events) exerciseLabels.set(`exerciseRunEvents|${row.id}`, `Exercise ${runTitles.get(row.runId) ?? row.runId} (clock)`);
    for (const row of records) exerciseLabels.set(`exerciseRecords|${row.id}`, `Exercise ${runTitles.get(row.runId) ?? row.runId} (${row.recordKind.replace('_', ' ')})`);
    return conflicts.map((conflict) => {
      const incident = conflict.incidentId ? incidents.get(conflict.incidentId) : undefined;
      return {
        ...conflict,
        incidentReference: incident?.reference ?? null,
        incidentTitle: incident?.title ?? null,
        teamName: teams.get(conflict.rowId) ?? null,
        playbookLabel: playbooks.get(conflict.rowId) ?? null,
        exerciseLabel: exerciseLabels.get(`${conflict.table}|${conflict.rowId}`) ?? null,
      };
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
