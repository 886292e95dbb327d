/**
 * The Trends page's filters as the user sets them (local dates, "all" choices, checkboxes), and
 * their translation into the metrics engine's query, with the errors a person can act on.
 */
import { zonedDateTime } from './businessCalendar';
import type { MetricsQuery } from './metrics';
import { localDateRange, previousComparableRange, type MetricGranularity } from './metricPeriods';
import type { Priority } from './priority';
import type { IncidentCategory, IncidentKind } from './taxonomy';
import { toIso } from './time';

export type TrendFilters = {
  /** Local dates 'YYYY-MM-DD', both inclusive. */
  from: string;
  to: string;
  granularity: MetricGranularity;
  /** 'all', a responder team id, or unassignedTeamKey. */
  team: string;
  kind: IncidentKind | 'all';
  category: IncidentCategory | 'all';
  priority: Priority | 'all';
  isComparing: boolean;
  includeImported: boolean;
  includeExercises: boolean;
};

/** Day by day over more than this many days gives charts nobody can read (and slow tables). */
export const maxDayGranularityDays = 400;
const dayMs = 86_400_000;

/**
 * The default view: the last 12 months to today, from the first day of the month 11 months back,
 * so the monthly chart shows 12 months (the current one to date).
 */
export function defaultTrendFilters(nowMs: number, timeZone: string): TrendFilters {
  const today = zonedDateTime(timeZone, toIso(nowMs)).date;
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  const first = new Date(Date.UTC(year, month - 1 - 11, 1));
  const from = `${String(first.getUTCFullYear()).padStart(4, '0')}-${String(first.getUTCMonth() + 1).padStart(2, '0')}-01`;
  return {
    from,
    to: today,
    granularity: 'month',
    team: 'all',
    kind: 'all',
    category: 'all',
    priority: 'all',
    isComparing: true,
    includeImported: true,
    includeExercises: false,
  };
}

export type TrendQueryResult =
  | { ok: true; query: MetricsQuery; previousQuery: MetricsQuery | null }
  | { ok: false; errors: Partial<Record<'from' | 'to' | 'granularity', string>> };

const isoDatePattern = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The query for the filters. The range runs from local midnight of `from` to the end of `to`,
 * cut at `nowMs` (the engine's range end is "now": nothing after it has happened yet).
 */
export function buildTrendQuery(filters: TrendFilters, timeZone: string, nowMs: number): TrendQueryResult {
  const errors: Partial<Record<'from' | 'to' | 'granularity', string>> = {};
  const today = zonedDateTime(timeZone, toIso(nowMs)).date;
  if (!isoDatePattern.test(filters.from)) errors.from = 'Enter a start date';
  if (!isoDatePattern.test(filters.to)) errors.to = 'Enter an end date';
  if (!errors.to && filters.to > today) errors.to = 'The end date cannot be after today';
  if (!errors.from && filters.from > today) errors.from = 'The start date cannot be after today';
  if (!errors.from && !errors.to && filters.to < filters.from) errors.to = 'The end date must be on or after the start date';
  if (!errors.from && filters.from < '1970-01-01') errors.from = 'Choose a start date from 1970 on';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  let range: { startMs: number; endMs: number };
  try {
    range = localDateRange(timeZone, filters.from, filters.to);
  } catch {
    return { ok: false, errors: { from: 'Enter valid dates' } };
  }
  range = { startMs: range.startMs, endMs: Math.min(range.endMs, nowMs) };
  if (!(range.startMs < range.endMs)) return { ok: false, errors: { from: 'The range must include some time before now' } };
  const days = Math.ceil((range.endMs - range.startMs) / dayMs);
  if (filters.granularity === 'day' && days > maxDayGranularityDays) {
    return { ok: false, errors: { granularity: `Day is too fine for ${days} days: choose Week, Month or Quarter, or a range of ${maxDayGranularityDays} days or less` } };
  }
  const query: MetricsQuery = {
    range,
    granularity: filters.granularity,
    timeZone,
    ...(filters.team === 'all' ? {} : { teamIds: [filters.team] }),
    ...(filters.kind === 'all' ? {} : { kinds: [filters.kind] }),
    ...(filters.category === 'all' ? {} : { categories: [filters.category] }),
    ...(filters.priority === 'all' ? {} : { priorities: [filters.priority] }),
    includeImported: filters.includeImported,
    includeExercises: filters.includeExercises,
  };
  const previousQuery = filters.isComparing ? { ...query, range: previousComparableRange(range, filters.granularity, timeZone) } : null;
  return { ok: true, query, previousQuery };
}
