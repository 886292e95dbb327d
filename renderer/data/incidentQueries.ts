/** Live reads of one incident, its timeline and its tasks, as domain values. */
import { useLiveQuery } from 'dexie-react-hooks';
import type { Incident } from '../../shared/domain/incident';
import type { Task } from '../../shared/domain/task';
import { compareTimelineEntries, type TimelineEntry } from '../../shared/domain/timeline';
import type { SyncColumns } from '../db/database';
import { getDataEnvironment } from './dataEnvironment';

function withoutSyncColumns<T extends SyncColumns>(row: T): Omit<T, keyof SyncColumns> {
  const { fieldStamps: _stamps, localSeq: _seq, ...domain } = row;
  return domain;
}

/** undefined while loading; null when there is no such incident (or it was deleted). */
export function useIncident(incidentId: string): Incident | null | undefined {
  return useLiveQuery(
    async () => {
      const row = await getDataEnvironment().db.incidents.get(incidentId);
      return row && row.deletedAt === null ? (withoutSyncColumns(row) as Incident) : null;
    },
    [incidentId],
    undefined,
  );
}

export function useTimeline(incidentId: string): TimelineEntry[] | undefined {
  return useLiveQuery(
    async () => {
      const rows = await getDataEnvironment().db.timelineEntries.where('incidentId').equals(incidentId).toArray();
      return rows.map((row) => withoutSyncColumns(row) as TimelineEntry).sort(compareTimelineEntries);
    },
    [incidentId],
    undefined,
  );
}

export function useTasks(incidentId: string): Task[] | undefined {
  return useLiveQuery(
    async () => {
      const rows = await getDataEnvironment().db.tasks.where('incidentId').equals(incidentId).toArray();
      return rows
        .filter((row) => row.deletedAt === null)
        .map((row) => withoutSyncColumns(row) as Task)
        .sort((left, right) => (left.createdAt < right.createdAt ? -1 : left.createdAt > right.createdAt ? 1 : 0));
    },
    [incidentId],
    undefined,
  );
}
