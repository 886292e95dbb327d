/** The filtered, sorted incident list for the list and queue views. */
import { useDeferredValue, useMemo, useSyncExternalStore } from 'react';
import {
  filterIncidentList,
  restrictToIds,
  sortIncidentList,
  type IncidentListFilter,
  type IncidentListItem,
  type IncidentSort,
  type ServiceLevelLookup,
} from '../../shared/domain/incidentList';
import { createListServiceLevelCalculator, type ListServiceLevel } from '../../shared/domain/listServiceLevel';
import type { ServiceLevelPolicy } from '../../shared/domain/serviceLevel';
import { getDataEnvironment } from './dataEnvironment';
import { IncidentListSource } from './incidentListSource';
import { useServiceLevelPolicy } from './serviceLevelPolicy';

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
  /** True for the one render in which `rows` still follow the previous filter (it is deferred). */
  isStale: boolean;
  /** Each row's service level under the policy in force, for the countdown column. */
  serviceLevelOf: (item: IncidentListItem) => ListServiceLevel | null;
};

/**
 * Each row's list service level, computed on first use and kept per row object: the list source
 * replaces only the rows that changed, so an edit costs one computation, not 100,000. A new
 * policy starts a new cache.
 */
export function createServiceLevelCache(policy: ServiceLevelPolicy): (item: IncidentListItem) => ListServiceLevel | null {
  const calculate = createListServiceLevelCalculator(policy);
  const cache = new WeakMap<IncidentListItem, ListServiceLevel | null>();
  return (item) => {
    let level = cache.get(item);
    if (level === undefined) {
      level = calculate(item);
      cache.set(item, level);
    }
    return level;
  };
}

const minuteMs = 60_000;

/**
 * @param nowMs the moment time-dependent filters (service-level state) apply to; the caller
 *   ticks it (every few seconds) only while such a filter or sort is on, so other views never
 *   re-filter.
 * @param onlyIds when set, only these incidents (a trend chart's drill-down), still filtered and sorted.
 */
export function useIncidentList(filter: IncidentListFilter, sort: IncidentSort, nowMs: number, onlyIds: readonly string[] | null = null): IncidentListView {
  const source = getIncidentListSource();
  const snapshot = useSyncExternalStore(source.subscribe, source.getSnapshot);
  const policy = useServiceLevelPolicy();
  // The live query hands over a new object on every settings write; only a real change counts.
  const policyKey = JSON.stringify(policy);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed by content on purpose
  const serviceLevelOf = useMemo(() => createServiceLevelCache(policy), [policyKey]);
  // Typing in the search box stays responsive: the filter catches up a frame later.
  const deferredFilter = useDeferredValue(filter);
  // Time left orders running clocks by due instant, which time does not change; only paused rows
  // (frozen time left) move against them, so re-sorting once a minute is enough, not every tick.
  const sortMinuteMs = Math.floor(nowMs / minuteMs) * minuteMs;
  // The whole list sorted, computed only when a view needs it and kept while rows and sort stay.
  const sortAll = useMemo(() => {
    let sorted: IncidentListItem[] | null = null;
    return () => (sorted ??= sortIncidentList(snapshot.items, sort, { nowMs: sortMinuteMs, levelOf: serviceLevelOf }));
  }, [snapshot.items, sort, sortMinuteMs, serviceLevelOf]);
  const filteredRows = useMemo(() => {
    const lookup: ServiceLevelLookup = { nowMs, levelOf: serviceLevelOf };
    const matching = filterIncidentList(snapshot.items, deferredFilter, lookup);
    // A narrow view (a queue, a search) sorts only its own rows; a broad one filters the cached
    // sort of everything, so clearing a filter does not sort 100,000 rows again.
    if (matching.length * 4 < snapshot.items.length) return sortIncidentList(matching, sort, { nowMs: sortMinuteMs, levelOf: serviceLevelOf });
    return filterIncidentList(sortAll(), deferredFilter, lookup);
  }, [snapshot.items, deferredFilter, nowMs, sort, sortMinuteMs, sortAll, serviceLevelOf]);
  const rows = useMemo(() => restrictToIds(filteredRows, onlyIds), [filteredRows, onlyIds]);
  return { rows, isStale: deferredFilter !== filter, isComplete: snapshot.isComplete, loadedCount: snapshot.loadedCount, totalCount: snapshot.totalCount, serviceLevelOf };
}

/** The distinct {id, name} pairs a field of the loaded rows holds, sorted by name. */
function useDistinctNamed(pick: (item: IncidentListItem) => { id: string | null; name: string | null }): { id: string; name: string }[] {
  const source = getIncidentListSource();
  const snapshot = useSyncExternalStore(source.subscribe, source.getSnapshot);
  return useMemo(() => {
    const named = new Map<string, string>();
    for (const item of snapshot.items) {
      const { id, name } = pick(item);
      if (id && name) named.set(id, name);
    }
    return Array.from(named, ([id, name]) => ({ id, name })).sort((left, right) => left.name.localeCompare(right.name));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `pick` is a module-level function
  }, [snapshot.items]);
}

const pickAssignee = (item: IncidentListItem) => ({ id: item.assigneeId, name: item.assigneeName });
const pickTeam = (item: IncidentListItem) => ({ id: item.teamId, name: item.teamName });

/** People who currently hold an assignment, for the assignee filter. */
export function useAssigneeOptions(): { id: string; name: string }[] {
  return useDistinctNamed(pickAssignee);
}

/** Responder teams that own at least one incident, for the team filter and the team queue. */
export function useTeamOptions(): { id: string; name: string }[] {
  return useDistinctNamed(pickTeam);
}

/** Every loaded row, unfiltered, for views that group them their own way (data quality). */
export function useAllIncidentListItems(): { items: readonly IncidentListItem[]; isComplete: boolean } {
  const source = getIncidentListSource();
  const snapshot = useSyncExternalStore(source.subscribe, source.getSnapshot);
  return { items: snapshot.items, isComplete: snapshot.isComplete };
}
