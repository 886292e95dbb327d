/**
 * The incident list: the slim row each list entry needs, and pure filter, sort and search over
 * those rows. Kept apart from the data layer so that 100,000 rows can be filtered in memory in a
 * few milliseconds and the rules can be tested without a database.
 */
import type { Incident, IncidentMode, IncidentStage } from './incident';
import { openStages, incidentStages } from './incident';
import { priorities, type Priority } from './priority';
import { listServiceLevelState, listServiceLevelTimeLeftMs, type ListServiceLevel, type ListServiceLevelState } from './listServiceLevel';
import type { IncidentCategory } from './taxonomy';

export type IncidentListItem = Pick<
  Incident,
  | 'id'
  | 'reference'
  | 'title'
  | 'stage'
  | 'priority'
  | 'category'
  | 'kind'
  | 'mode'
  | 'reportedAt'
  | 'updatedAt'
  | 'tlp'
  | 'isMajor'
  // What the service-level clocks need, so queues can count down without the full records.
  | 'acknowledgedAt'
  | 'resolvedAt'
  | 'holdIntervals'
  | 'priorityChanges'
> & {
  assigneeId: string | null;
  assigneeName: string | null;
  /** The responder team that owns the incident (Incident.routedTeam). */
  teamId: string | null;
  teamName: string | null;
  /** Generated sample data (Settings > Sample data), not a real incident. */
  isSample: boolean;
  /** Lower-cased title and reference, precomputed once so search is a plain substring test. */
  searchText: string;
};

export type IncidentListFilter = {
  stage: IncidentStage | 'open' | 'all';
  priority: Priority | 'all';
  category: IncidentCategory | 'all';
  /** 'all', 'unassigned', or a person id. */
  assignee: string;
  mode: IncidentMode | 'all';
  /** 'real' hides generated sample incidents; 'sample' shows only them. */
  origin: 'all' | 'real' | 'sample';
  /** 'all', 'none' (no team yet), or a responder team id. */
  team: string;
  /** Service-level state now; 'all' also shows incidents whose clocks have stopped. */
  serviceLevel: 'all' | ListServiceLevelState;
  isMajor: 'all' | 'major';
  search: string;
};

export const emptyIncidentListFilter: IncidentListFilter = {
  stage: 'all',
  priority: 'all',
  category: 'all',
  assignee: 'all',
  mode: 'all',
  origin: 'all',
  team: 'all',
  serviceLevel: 'all',
  isMajor: 'all',
  search: '',
};

/** timeLeft: time before the first service-level breach; incidents without a running clock last. */
export const incidentSortFields = ['reportedAt', 'updatedAt', 'priority', 'stage', 'reference', 'title', 'timeLeft'] as const;
export type IncidentSortField = (typeof incidentSortFields)[number];
export type IncidentSort = { field: IncidentSortField; direction: 'asc' | 'desc' };
export const defaultIncidentSort: IncidentSort = { field: 'reportedAt', direction: 'desc' };

export function toIncidentListItem(incident: Incident): IncidentListItem {
  return {
    id: incident.id,
    reference: incident.reference,
    title: incident.title,
    stage: incident.stage,
    priority: incident.priority,
    category: incident.category,
    kind: incident.kind,
    mode: incident.mode,
    reportedAt: incident.reportedAt,
    updatedAt: incident.updatedAt,
    tlp: incident.tlp,
    isMajor: incident.isMajor,
    assigneeId: incident.assignee?.id ?? null,
    assigneeName: incident.assignee?.name ?? null,
    teamId: incident.routedTeam?.id ?? null,
    teamName: incident.routedTeam?.name ?? null,
    acknowledgedAt: incident.acknowledgedAt,
    resolvedAt: incident.resolvedAt,
    holdIntervals: incident.holdIntervals,
    // A record from a peer that predates the history field has none.
    priorityChanges: incident.priorityChanges ?? [],
    isSample: incident.source === 'sample',
    searchText: `${incident.reference} ${incident.title}`.toLowerCase(),
  };
}

/**
 * What the time-dependent filter and sort need: the moment they apply to, and each row's service
 * level (computed once per row and policy by the caller, see listServiceLevel.ts).
 */
export type ServiceLevelLookup = { nowMs: number; levelOf: (item: IncidentListItem) => ListServiceLevel | null };

export function matchesIncidentFilter(item: IncidentListItem, filter: IncidentListFilter, searchNeedle: string, serviceLevels?: ServiceLevelLookup): boolean {
  if (filter.stage === 'open') {
    if (!openStages.includes(item.stage)) return false;
  } else if (filter.stage !== 'all' && item.stage !== filter.stage) return false;
  if (filter.priority !== 'all' && item.priority !== filter.priority) return false;
  if (filter.category !== 'all' && item.category !== filter.category) return false;
  if (filter.mode !== 'all' && item.mode !== filter.mode) return false;
  if (filter.origin !== 'all' && item.isSample !== (filter.origin === 'sample')) return false;
  if (filter.assignee === 'unassigned') {
    if (item.assigneeId !== null) return false;
  } else if (filter.assignee !== 'all' && item.assigneeId !== filter.assignee) return false;
  if (filter.team === 'none') {
    if (item.teamId !== null) return false;
  } else if (filter.team !== 'all' && item.teamId !== filter.team) return false;
  if (filter.isMajor === 'major' && !item.isMajor) return false;
  if (searchNeedle && !item.searchText.includes(searchNeedle)) return false;
  if (filter.serviceLevel !== 'all') {
    const level = serviceLevels?.levelOf(item) ?? null;
    if (level === null || listServiceLevelState(level, serviceLevels!.nowMs) !== filter.serviceLevel) return false;
  }
  return true;
}

/** Keeps the input order, so a list sorted once stays sorted through every filter. */
export function filterIncidentList(items: readonly IncidentListItem[], filter: IncidentListFilter, serviceLevels?: ServiceLevelLookup): IncidentListItem[] {
  const needle = filter.search.trim().toLowerCase();
  return items.filter((item) => matchesIncidentFilter(item, filter, needle, serviceLevels));
}

/**
 * Only the rows whose id is in `ids` (the incidents behind a trend chart point), in the input
 * order; null means no restriction. Ids of incidents since deleted simply match nothing.
 */
export function restrictToIds<Item extends { id: string }>(items: Item[], ids: readonly string[] | null): Item[] {
  if (ids === null) return items;
  const wanted = new Set(ids);
  return items.filter((item) => wanted.has(item.id));
}

/** True when the filter or sort changes answer as time passes, so a view must re-run them. */
export function dependsOnTime(filter: IncidentListFilter, sort: IncidentSort): boolean {
  return filter.serviceLevel !== 'all' || sort.field === 'timeLeft';
}

const stageOrder = new Map(incidentStages.map((stage, index) => [stage, index]));
const priorityOrder = new Map(priorities.map((priority, index) => [priority, index]));

function sortKey(item: IncidentListItem, field: IncidentSortField, serviceLevels: ServiceLevelLookup | undefined): string | number {
  switch (field) {
    case 'timeLeft': {
      const level = serviceLevels?.levelOf(item) ?? null;
      return level === null ? Number.POSITIVE_INFINITY : listServiceLevelTimeLeftMs(level, serviceLevels!.nowMs);
    }
    case 'priority':
      return priorityOrder.get(item.priority) ?? 0;
    case 'stage':
      return stageOrder.get(item.stage) ?? 0;
    case 'title':
      return item.title.toLowerCase();
    default:
      return item[field];
  }
}

/** Sorts a copy; ties fall back to newest reported first, then id, so the order is total. */
export function sortIncidentList(items: readonly IncidentListItem[], sort: IncidentSort, serviceLevels?: ServiceLevelLookup): IncidentListItem[] {
  const sign = sort.direction === 'asc' ? 1 : -1;
  const keyed = items.map((item) => ({ item, key: sortKey(item, sort.field, serviceLevels) }));
  keyed.sort((left, right) => {
    if (left.key !== right.key) return (left.key < right.key ? -1 : 1) * sign;
    if (left.item.reportedAt !== right.item.reportedAt) return left.item.reportedAt < right.item.reportedAt ? 1 : -1;
    return left.item.id < right.item.id ? -1 : left.item.id > right.item.id ? 1 : 0;
  });
  return keyed.map((entry) => entry.item);
}
