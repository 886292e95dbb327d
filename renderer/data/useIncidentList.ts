/** The filtered, sorted incident list for the list view. */
import { useDeferredValue, useMemo, useSyncExternalStore } from 'react';
import {
  filterIncidentList,
  sortIncidentList,
  type IncidentListFilter,
  type IncidentListItem,
  type IncidentSort,
} from '../../shared/domain/incidentList';
import { getDataEnvironment } from './dataEnvironment';
import { IncidentListSource } from './incidentListSource';

let appSource: IncidentListSource | null = null;

function getIncidentListSource(): IncidentListSource {
  appSource ??= new IncidentListSource(getDataEnvironment());
  return appSource;
}

export type IncidentListView = {
  rows: IncidentListItem[];
  isComplete: boolean;
  /** Incidents loaded so far (every live incident once complete). */
  loadedCount: number;
  totalCount: number;
};

export function useIncidentList(filter: IncidentListFilter, sort: IncidentSort): IncidentListView {
  const source = getIncidentListSource();
  const snapshot = useSyncExternalStore(source.subscribe, source.getSnapshot);
  // Typing in the search box stays responsive: the filter catches up a frame later.
  const deferredFilter = useDeferredValue(filter);
  const sorted = useMemo(() => sortIncidentList(snapshot.items, sort), [snapshot.items, sort]);
  const rows = useMemo(() => filterIncidentList(sorted, deferredFilter), [sorted, deferredFilter]);
  return { rows, isComplete: snapshot.isComplete, loadedCount: snapshot.loadedCount, totalCount: snapshot.totalCount };
}

/** People who currently hold an assignment, for the assignee filter. */
export function useAssigneeOptions(): { id: string; name: string }[] {
  const source = getIncidentListSource();
  const snapshot = useSyncExternalStore(source.subscribe, source.getSnapshot);
  return useMemo(() => {
    const people = new Map<string, string>();
    for (const item of snapshot.items) if (item.assigneeId && item.assigneeName) people.set(item.assigneeId, item.assigneeName);
    return Array.from(people, ([id, name]) => ({ id, name })).sort((left, right) => left.name.localeCompare(right.name));
  }, [snapshot.items]);
}
