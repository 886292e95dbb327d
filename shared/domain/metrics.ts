/**
 * The metrics engine: the product.md "Metric definitions", per reporting period, over compact
 * rows (MetricIncident), for trend charts, comparison with the previous period, each metric's
 * formula on hover (metricFormulas) and the incidents behind a chart point (incidentsBehind).
 *
 * Definitions, exactly as product.md gives them, and the choices it leaves open:
 * - Durations, in ms, each bucketed by the period of the event that ends it (the instant the
 *   measurement becomes known, so a closed period's figures do not move later):
 *   - time to acknowledge = acknowledgedAt - reportedAt, in the period of acknowledgedAt;
 *   - time to detect = detectedAt - startedAt, only where startedAt is known, period of detectedAt;
 *   - time to contain = containedAt - detectedAt, period of containedAt;
 *   - time to resolve = resolvedAt - reportedAt - time on hold, period of resolvedAt. Time on hold
 *     is the union of the hold intervals (overlaps counted once) clipped to [reportedAt,
 *     resolvedAt]; a hold still open counts up to resolvedAt. Cancelled incidents are left out.
 *   - time to close = closedAt - reportedAt, period of closedAt.
 *   Cancelled incidents still count in acknowledge, detect and contain (those happened).
 *   Each is reported as median, 90th percentile and mean (see summariseDurations).
 * - SLA response / resolution compliance: met when the clock's elapsed time (computed by
 *   serviceLevel.ts, with holds, business calendars and the priority in force when the clock
 *   stopped) <= the target. Counted in the period in which the clock stopped (acknowledgedAt, or
 *   resolvedAt when resolved without acknowledgement; resolvedAt). A clock not stopped by the end
 *   of the range is "pending", counted in the period its incident was reported (so only incidents
 *   reported in the range); "pendingBreached" are those pending clocks already past the target at
 *   the range end. A clock that never stopped because the incident was cancelled counts nowhere.
 *   rate = met / (met + missed); null when nothing stopped.
 * - Volume: incidents by the period of reportedAt, split by category, priority (the priority now),
 *   responder team (routedTeam; "unassigned" when none), source and kind. Cancelled ones count.
 * - Backlog at the end of a period (the instant its end): incidents reported before it and not
 *   resolved, closed or cancelled before it. On hold counts as open. It includes incidents
 *   reported before the range. A reopened incident has no resolvedAt (reopening clears it), so
 *   history shows it open since it was reported: the record keeps no earlier resolution time.
 * - Aging: the incidents open at the end of the range (backlog of the last period), by
 *   age = range end - reportedAt (calendar time, hold included), in agingBuckets.
 * - Reopen rate: incidents reopened at least once (reopenCount >= 1) / incidents resolved,
 *   both in the period of resolvedAt. Reopen times are not stored (only the count), so the rate
 *   is "of the incidents resolved in P, how many had been reopened"; one reopened and still open
 *   counts in neither until it is resolved again. Cancelled incidents are left out.
 * - Escalation rate: incidents escalated at least once / incidents, both by reportedAt.
 * - Major incidents: count of isMajor incidents by reportedAt.
 * - Mean time between incidents of a category, over the range: (last reportedAt - first
 *   reportedAt) / (n - 1) for the n incidents of that category reported in the range; null if n < 2.
 * Every count in `totals` is over the whole range (= the sum over periods; backlog: at the range end).
 *
 * Which incidents count: never deleted ones; exercises only when includeExercises (product.md:
 * "excluded unless the user asks"); imported ones unless includeImported is false; then the
 * team / kind / category / priority / source filters.
 *
 * The range end is "now" for the report: pass a range that ends no later than the present
 * (the UI's "this month" is [start of month, now)). Pure: no clock is read here.
 */
import { z } from 'zod';
import { incidentSources, incidentSourceSchema, type DatePrecision, type Incident, type IncidentMode, type IncidentStage } from './incident';
import { createPeriodLocator, listMetricPeriods, metricGranularitySchema, metricRangeSchema, type MetricGranularity, type MetricPeriod, type MetricRange } from './metricPeriods';
import { prioritySchema, priorities, type Priority } from './priority';
import { createServiceLevelOutcomeCalculator, type ServiceLevelInstants, type ServiceLevelOutcome, type ServiceLevelPolicy } from './serviceLevel';
import { incidentCategories, incidentCategorySchema, incidentKinds, incidentKindSchema, type IncidentCategory, type IncidentKind } from './taxonomy';

// ---- input --------------------------------------------------------------------------------------

export type IncidentSource = (typeof incidentSources)[number];

/** One incident as the metrics need it: instants in epoch ms, nothing else. Build with toMetricIncident. */
export type MetricIncident = ServiceLevelInstants & {
  id: string;
  category: IncidentCategory;
  source: IncidentSource;
  /** routedTeam's id; null when the incident has no responder team. */
  teamId: string | null;
  /** routedTeam's name, for legends. */
  teamName: string | null;
  isMajor: boolean;
  /** mode 'exercise' (or source 'exercise'): left out unless includeExercises. */
  isExercise: boolean;
  /** mode 'imported' (or source 'import'): left out when includeImported is false. */
  isImported: boolean;
  isDeleted: boolean;
  /**
   * How precisely reportedAt is known (imported history: 'month' or 'year'). A row is placed in a
   * period only when its precision is at least that of the granularity, so no chart invents a day.
   */
  datePrecision: DatePrecision;
  /** Resolved, closed or cancelled at a time nobody recorded (imported history): never in backlog or pending. */
  hasUnknownEnd: boolean;
  reopenCount: number;
  escalationCount: number;
  startedMs: number | null;
  detectedMs: number;
  containedMs: number | null;
  closedMs: number | null;
  cancelledMs: number | null;
};

/**
 * The compact row of an incident. Parses each timestamp once, so the engine does no date parsing.
 * An incident counts as an exercise when its mode or its source says so, and as imported when its
 * mode is 'imported' or its source 'import'.
 */
export function toMetricIncident(incident: Incident): MetricIncident {
  const parse = (iso: string | null): number | null => (iso === null ? null : Date.parse(iso));
  const mode: IncidentMode = incident.mode;
  return {
    id: incident.id,
    kind: incident.kind,
    category: incident.category,
    priority: incident.priority,
    source: incident.source,
    teamId: incident.routedTeam?.id ?? null,
    teamName: incident.routedTeam?.name ?? null,
    isMajor: incident.isMajor,
    isExercise: mode === 'exercise' || incident.source === 'exercise',
    isImported: mode === 'imported' || incident.source === 'import',
    isDeleted: incident.deletedAt !== null,
    // `?? 'exact'`: records stored before the field existed were all made in the app.
    datePrecision: incident.datePrecision ?? 'exact',
    hasUnknownEnd: endedStages.has(incident.stage) && incident.resolvedAt === null && incident.closedAt === null && incident.cancelledAt === null,
    reopenCount: incident.reopenCount,
    escalationCount: incident.escalationCount,
    startedMs: parse(incident.startedAt),
    detectedMs: Date.parse(incident.detectedAt),
    reportedMs: Date.parse(incident.reportedAt),
    acknowledgedMs: parse(incident.acknowledgedAt),
    containedMs: parse(incident.containedAt),
    resolvedMs: parse(incident.resolvedAt),
    closedMs: parse(incident.closedAt),
    cancelledMs: parse(incident.cancelledAt),
    holds: incident.holdIntervals.map((hold) => ({ fromMs: Date.parse(hold.from), toMs: parse(hold.to) })),
    // `?? []`: records from peers that predate the history field have none.
    priorityChanges: (incident.priorityChanges ?? []).map((change) => ({ atMs: Date.parse(change.at), from: change.from, to: change.to })).sort((a, b) => a.atMs - b.atMs),
  };
}

const endedStages = new Set<IncidentStage>(['resolved', 'closed', 'cancelled']);

/** The coarsest date precision each granularity can place: a month is enough for a quarter, not for a week. */
const coarsestPlaceable: Record<MetricGranularity, readonly DatePrecision[]> = {
  day: ['exact', 'day'],
  week: ['exact', 'day'],
  month: ['exact', 'day', 'month'],
  quarter: ['exact', 'day', 'month'],
};

/** The key of "no responder team" in volume by team and in the team filter. */
export const unassignedTeamKey = 'unassigned';

export const metricsQuerySchema = z.strictObject({
  range: metricRangeSchema,
  granularity: metricGranularitySchema,
  /** IANA zone the periods are cut in: the user's. */
  timeZone: z.string().min(1).max(64),
  /** Responder team ids; unassignedTeamKey for incidents without a team. Absent or empty: all. */
  teamIds: z.array(z.string().min(1).max(128)).optional(),
  kinds: z.array(incidentKindSchema).optional(),
  categories: z.array(incidentCategorySchema).optional(),
  /** The priority now. */
  priorities: z.array(prioritySchema).optional(),
  sources: z.array(incidentSourceSchema).optional(),
  /** Default false: exercises never count in real metrics unless asked for. */
  includeExercises: z.boolean().optional(),
  /** Default true: imported incidents are real history. */
  includeImported: z.boolean().optional(),
});
export type MetricsQuery = z.infer<typeof metricsQuerySchema>;

// ---- output -------------------------------------------------------------------------------------

export const durationMetrics = ['timeToAcknowledge', 'timeToDetect', 'timeToContain', 'timeToResolve', 'timeToClose'] as const;
export type DurationMetric = (typeof durationMetrics)[number];

export const volumeDimensions = ['category', 'priority', 'team', 'source', 'kind'] as const;
export type VolumeDimension = (typeof volumeDimensions)[number];

/** Durations in ms; the three figures are null when count is 0. */
export type DurationStats = { count: number; medianMs: number | null; p90Ms: number | null; meanMs: number | null };

export type ComplianceStats = { met: number; missed: number; pending: number; pendingBreached: number; rate: number | null };

export type VolumeStats = {
  total: number;
  /** Only keys with a count > 0; absent keys mean 0. */
  byCategory: Partial<Record<IncidentCategory, number>>;
  byPriority: Partial<Record<Priority, number>>;
  /** By team id, or unassignedTeamKey. */
  byTeam: Record<string, number>;
  bySource: Partial<Record<IncidentSource, number>>;
  byKind: Partial<Record<IncidentKind, number>>;
};

export type RateStats = { numerator: number; denominator: number; rate: number | null };

/** Every metric for one stretch of time (a period, or the whole range). */
export type MetricValues = Record<DurationMetric, DurationStats> & {
  slaResponse: ComplianceStats;
  slaResolution: ComplianceStats;
  volume: VolumeStats;
  /** Open at the end. */
  backlog: number;
  /** numerator: resolved and reopened at least once; denominator: resolved. */
  reopenRate: RateStats;
  /** numerator: escalated at least once; denominator: reported. */
  escalationRate: RateStats;
  majorIncidents: number;
};

export type MetricsPeriodPoint = MetricPeriod & MetricValues;

export const agingBuckets = [
  { key: 'under1d', label: 'Under 1 day', fromMs: 0, toMs: 1 * 86_400_000 },
  { key: '1to3d', label: '1-3 days', fromMs: 1 * 86_400_000, toMs: 3 * 86_400_000 },
  { key: '3to7d', label: '3-7 days', fromMs: 3 * 86_400_000, toMs: 7 * 86_400_000 },
  { key: '7to30d', label: '7-30 days', fromMs: 7 * 86_400_000, toMs: 30 * 86_400_000 },
  { key: 'over30d', label: '30 days or more', fromMs: 30 * 86_400_000, toMs: Number.POSITIVE_INFINITY },
] as const;
/** Bucket bounds: fromMs <= age < toMs. */
export type AgingBucketKey = (typeof agingBuckets)[number]['key'];

export type MeanTimeBetween = { category: IncidentCategory; count: number; firstReportedMs: number; lastReportedMs: number; meanMs: number | null };

export type MetricsReport = {
  range: MetricRange;
  granularity: MetricGranularity;
  timeZone: string;
  periods: MetricsPeriodPoint[];
  /** The whole range as one stretch; backlog is the backlog at the range end. */
  totals: MetricValues;
  /** The incidents open at the range end, by age; every bucket listed, in order. */
  aging: { key: AgingBucketKey; label: string; count: number }[];
  /** Categories with at least one incident reported in the range, in taxonomy order. */
  meanTimeBetweenIncidents: MeanTimeBetween[];
  /** Team id -> name, for the legend of volume by team. */
  teamNames: Record<string, string>;
  /** Imported incidents in the range known only by month or year, left out at this granularity. */
  leftOutForDatePrecision: number;
};

export type MetricName = DurationMetric | 'slaResponse' | 'slaResolution' | 'volume' | 'backlog' | 'aging' | 'reopenRate' | 'escalationRate' | 'majorIncidents' | 'meanTimeBetweenIncidents';

/** The formula of each metric as the UI shows it on hover. */
export const metricFormulas: Record<MetricName, string> = {
  timeToAcknowledge: 'acknowledged at - reported at; median, 90th percentile and mean of the incidents acknowledged in the period',
  timeToDetect: 'detected at - started at, where the start is known; over the incidents detected in the period',
  timeToContain: 'contained at - detected at; over the incidents contained in the period',
  timeToResolve: 'resolved at - reported at - time on hold; over the incidents resolved in the period (cancelled ones left out)',
  timeToClose: 'closed at - reported at; over the incidents closed in the period',
  slaResponse: 'met when time to acknowledge minus time on hold (working hours of the calendar) <= the response target of the priority at acknowledgement; rate = met / (met + missed), by the period of acknowledgement',
  slaResolution: 'met when time to resolve (working hours of the calendar, hold left out) <= the resolution target of the priority at resolution; rate = met / (met + missed), by the period of resolution',
  volume: 'incidents reported in the period, by category, priority, team, source or kind',
  backlog: 'incidents reported before the end of the period and not resolved, closed or cancelled by then (on hold counts as open)',
  aging: 'incidents open at the end of the range, by time since reported',
  reopenRate: 'incidents reopened at least once / incidents resolved, both by the period of resolution',
  escalationRate: 'incidents escalated at least once / incidents reported in the period',
  majorIncidents: 'major incidents reported in the period',
  meanTimeBetweenIncidents: '(last reported at - first reported at) / (number of incidents - 1), per category over the range',
};

// ---- statistics ---------------------------------------------------------------------------------

/**
 * Median, 90th percentile and mean of durations (any order; the array is not changed).
 * - p90 by the nearest-rank method: the value at rank ceil(0.9 * n) of the ascending values
 *   (1-based), so it is always one of the durations: the largest for n <= 9, the 9th of 10.
 * - median: the middle value; for an even count the mean of the two middle values (the usual
 *   definition, so 10 and 20 min give 15 min). It can end in .5 ms.
 * - mean: sum / n.
 */
export function summariseDurations(values: ArrayLike<number>): DurationStats {
  const count = values.length;
  if (count === 0) return { count: 0, medianMs: null, p90Ms: null, meanMs: null };
  const work = new Float64Array(count);
  let sum = 0;
  for (let index = 0; index < count; index += 1) {
    work[index] = values[index]!;
    sum += values[index]!;
  }
  return statsOfWorkArray(work, sum);
}

/** The statistics of `work`, which is reordered (selection, not a full sort: O(n) on average). */
function statsOfWorkArray(work: Float64Array, sum: number): DurationStats {
  const count = work.length;
  const middle = count >> 1;
  let medianMs: number;
  if (count % 2 === 1) medianMs = selectInPlace(work, middle);
  else {
    const lower = selectInPlace(work, middle - 1);
    // Everything after the lower middle is >= it: the upper middle is their minimum.
    let upper = Number.POSITIVE_INFINITY;
    for (let index = middle; index < count; index += 1) if (work[index]! < upper) upper = work[index]!;
    medianMs = (lower + upper) / 2;
  }
  // ceil(9n / 10) in integers, free of floating-point rounding.
  const p90Ms = selectInPlace(work, Math.floor((9 * count + 9) / 10) - 1);
  return { count, medianMs, p90Ms, meanMs: sum / count };
}

/**
 * The k-th smallest value (0-based) of `values`, reordering them so that everything before index k
 * is <= it and everything after is >= it (Hoare's selection, median-of-three pivot).
 */
function selectInPlace(values: Float64Array, k: number): number {
  let left = 0;
  let right = values.length - 1;
  while (left < right) {
    const a = values[left]!;
    const b = values[(left + right) >> 1]!;
    const c = values[right]!;
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
    let i = left;
    let j = right;
    while (i <= j) {
      while (values[i]! < pivot) i += 1;
      while (values[j]! > pivot) j -= 1;
      if (i <= j) {
        const swap = values[i]!;
        values[i] = values[j]!;
        values[j] = swap;
        i += 1;
        j -= 1;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return values[k]!;
  }
  return values[k]!;
}

function rateOf(numerator: number, denominator: number): RateStats {
  return { numerator, denominator, rate: denominator === 0 ? null : numerator / denominator };
}

/** Time on hold within [fromMs, untilMs]: the union of the holds (overlaps once), an open hold lasting to untilMs. */
export function holdTimeWithinMs(holds: MetricIncident['holds'], fromMs: number, untilMs: number): number {
  if (holds.length === 0) return 0;
  const spans: [number, number][] = [];
  for (const hold of holds) {
    const start = Math.max(hold.fromMs, fromMs);
    const end = Math.min(hold.toMs ?? untilMs, untilMs);
    if (end > start) spans.push([start, end]);
  }
  spans.sort((a, b) => a[0] - b[0]);
  let total = 0;
  let cursor = Number.NEGATIVE_INFINITY;
  for (const [start, end] of spans) {
    const from = Math.max(start, cursor);
    if (end > from) total += end - from;
    cursor = Math.max(cursor, end);
  }
  return total;
}

// ---- the one walk over the rows -----------------------------------------------------------------

type SlaClock = 'slaResponse' | 'slaResolution';
type SlaOutcomeKind = 'met' | 'missed' | 'pending';

/**
 * What each row contributes, and to which period (an index into the periods). Both the report
 * and incidentsBehind consume the same walk, so a chart point and its drill-down always agree.
 */
type ContributionSink = {
  reported(period: number, row: MetricIncident): void;
  duration(metric: DurationMetric, period: number, valueMs: number, row: MetricIncident): void;
  sla(clock: SlaClock, period: number, outcome: SlaOutcomeKind, isBreached: boolean, row: MetricIncident): void;
  resolved(period: number, row: MetricIncident): void;
  /** Open at the end of periods firstPeriod..lastPeriod (inclusive). */
  open(firstPeriod: number, lastPeriod: number, row: MetricIncident): void;
  /** Open at the range end, with its age then. */
  openAtEnd(ageMs: number, row: MetricIncident): void;
  /** Included by the filters but dated too coarsely for the granularity. */
  unplaceable(row: MetricIncident): void;
};

type PreparedQuery = {
  periods: MetricPeriod[];
  locate: (instantMs: number) => number;
  /** Period ends, ascending. */
  ends: Float64Array;
  rangeEndMs: number;
  isIncluded: (row: MetricIncident) => boolean;
  /** False for imported rows whose date is too coarse for the granularity: counted apart, never placed. */
  isPlaceable: (row: MetricIncident) => boolean;
};

function prepareQuery(query: MetricsQuery): PreparedQuery {
  const periods = listMetricPeriods(query.range, query.granularity, query.timeZone);
  const ends = Float64Array.from(periods, (period) => period.endMs);
  const includeExercises = query.includeExercises ?? false;
  const includeImported = query.includeImported ?? true;
  const setOf = <T>(values: readonly T[] | undefined): Set<T> | null => (values && values.length > 0 ? new Set(values) : null);
  const teams = setOf(query.teamIds);
  const kinds = setOf(query.kinds);
  const categories = setOf(query.categories);
  const priorityFilter = setOf(query.priorities);
  const sources = setOf(query.sources);
  const placeable = new Set(coarsestPlaceable[query.granularity]);
  return {
    isPlaceable: (row) => placeable.has(row.datePrecision),
    periods,
    locate: createPeriodLocator(periods),
    ends,
    rangeEndMs: query.range.endMs,
    isIncluded: (row) =>
      !row.isDeleted &&
      (includeExercises || !row.isExercise) &&
      (includeImported || !row.isImported) &&
      (teams === null || teams.has(row.teamId ?? unassignedTeamKey)) &&
      (kinds === null || kinds.has(row.kind)) &&
      (categories === null || categories.has(row.category)) &&
      (priorityFilter === null || priorityFilter.has(row.priority)) &&
      (sources === null || sources.has(row.source)),
  };
}

/** The first index whose value is > x (values ascending); values.length when none. */
function firstAbove(values: Float64Array, x: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (values[middle]! > x) high = middle;
    else low = middle + 1;
  }
  return low;
}

type OutcomeCalculator = (subject: ServiceLevelInstants, nowMs: number) => { response: ServiceLevelOutcome; resolution: ServiceLevelOutcome };

function walkContributions(rows: readonly MetricIncident[], prepared: PreparedQuery, outcomesAt: OutcomeCalculator, sink: ContributionSink): void {
  const { locate, ends, rangeEndMs } = prepared;
  const lastPeriod = ends.length - 1;
  for (const row of rows) {
    if (!prepared.isIncluded(row)) continue;
    if (!prepared.isPlaceable(row)) {
      sink.unplaceable(row);
      continue;
    }
    const reportedMs = row.reportedMs;
    const reportedPeriod = locate(reportedMs);
    const isCancelled = row.cancelledMs !== null;
    if (reportedPeriod >= 0) sink.reported(reportedPeriod, row);

    if (row.acknowledgedMs !== null) {
      const period = locate(row.acknowledgedMs);
      if (period >= 0) sink.duration('timeToAcknowledge', period, row.acknowledgedMs - reportedMs, row);
    }
    if (row.startedMs !== null) {
      const period = locate(row.detectedMs);
      if (period >= 0) sink.duration('timeToDetect', period, row.detectedMs - row.startedMs, row);
    }
    if (row.containedMs !== null) {
      const period = locate(row.containedMs);
      if (period >= 0) sink.duration('timeToContain', period, row.containedMs - row.detectedMs, row);
    }
    if (row.resolvedMs !== null && !isCancelled) {
      const period = locate(row.resolvedMs);
      if (period >= 0) {
        sink.duration('timeToResolve', period, row.resolvedMs - reportedMs - holdTimeWithinMs(row.holds, reportedMs, row.resolvedMs), row);
        sink.resolved(period, row);
      }
    }
    if (row.closedMs !== null) {
      const period = locate(row.closedMs);
      if (period >= 0) sink.duration('timeToClose', period, row.closedMs - reportedMs, row);
    }

    // Backlog: open at a period end E when reportedAt < E <= the first of resolved / closed / cancelled.
    let doneMs = Number.POSITIVE_INFINITY;
    if (row.resolvedMs !== null) doneMs = row.resolvedMs;
    if (row.closedMs !== null && row.closedMs < doneMs) doneMs = row.closedMs;
    if (row.cancelledMs !== null && row.cancelledMs < doneMs) doneMs = row.cancelledMs;
    if (lastPeriod >= 0 && !row.hasUnknownEnd) {
      const first = firstAbove(ends, reportedMs);
      const last = firstAbove(ends, doneMs) - 1;
      if (first <= last) sink.open(first, last, row);
      if (reportedMs < rangeEndMs && doneMs >= rangeEndMs) sink.openAtEnd(rangeEndMs - reportedMs, row);
    }

    walkServiceLevel(row, reportedPeriod, prepared, outcomesAt, sink);
  }
}

function walkServiceLevel(row: MetricIncident, reportedPeriod: number, prepared: PreparedQuery, outcomesAt: OutcomeCalculator, sink: ContributionSink): void {
  const { locate, rangeEndMs } = prepared;
  // A clock stops at acknowledgedAt (or resolvedAt, resolved without acknowledgement) and at
  // resolvedAt. One not stopped by the range end is pending there, if its incident was reported in
  // the range and not cancelled before the end (a cancelled incident's running clocks just end).
  const responseStopMs = row.acknowledgedMs ?? row.resolvedMs;
  const resolutionStopMs = row.cancelledMs === null ? row.resolvedMs : null;
  const canBePending = reportedPeriod >= 0 && !row.hasUnknownEnd && !(row.cancelledMs !== null && row.cancelledMs < rangeEndMs);
  const isResponseStopped = responseStopMs !== null && responseStopMs < rangeEndMs;
  const isResolutionStopped = resolutionStopMs !== null && resolutionStopMs < rangeEndMs;
  const responsePeriod = isResponseStopped ? locate(responseStopMs) : -1;
  const resolutionPeriod = isResolutionStopped ? locate(resolutionStopMs) : -1;
  const isResponsePending = !isResponseStopped && canBePending;
  const isResolutionPending = !isResolutionStopped && canBePending;

  if (responsePeriod >= 0 || resolutionPeriod >= 0) {
    // A stopped clock's outcome does not depend on the instant asked about.
    const stopped = outcomesAt(row, rangeEndMs);
    if (responsePeriod >= 0) sink.sla('slaResponse', responsePeriod, stopped.response.state === 'met' ? 'met' : 'missed', false, row);
    if (resolutionPeriod >= 0) sink.sla('slaResolution', resolutionPeriod, stopped.resolution.state === 'met' ? 'met' : 'missed', false, row);
  }
  if (isResponsePending || isResolutionPending) {
    // The clocks as they stood at the range end: stops after it had not happened yet.
    const isLaterStop = (stopMs: number | null) => stopMs !== null && stopMs >= rangeEndMs;
    const subject = isLaterStop(row.acknowledgedMs) || isLaterStop(row.resolvedMs)
      ? {
          ...row,
          acknowledgedMs: isLaterStop(row.acknowledgedMs) ? null : row.acknowledgedMs,
          resolvedMs: isLaterStop(row.resolvedMs) ? null : row.resolvedMs,
        }
      : row;
    const running = outcomesAt(subject, rangeEndMs);
    if (isResponsePending) sink.sla('slaResponse', reportedPeriod, 'pending', running.response.state === 'breached', row);
    if (isResolutionPending) sink.sla('slaResolution', reportedPeriod, 'pending', running.resolution.state === 'breached', row);
  }
}

// ---- the report ---------------------------------------------------------------------------------

const outcomeCalculators = new WeakMap<ServiceLevelPolicy, OutcomeCalculator>();

/** One calculator per policy object: preparing the calendars is the costly part. */
function outcomeCalculatorFor(policy: ServiceLevelPolicy): OutcomeCalculator {
  let calculator = outcomeCalculators.get(policy);
  if (!calculator) {
    calculator = createServiceLevelOutcomeCalculator(policy);
    outcomeCalculators.set(policy, calculator);
  }
  return calculator;
}

type ComplianceCounts = { met: Int32Array; missed: Int32Array; pending: Int32Array; pendingBreached: Int32Array };

/**
 * Every metric, per period and for the whole range, in one pass over the rows.
 * Index `periods.length` of each accumulator holds the totals.
 *
 * @param rows every incident (the query picks which count); deleted ones never do.
 * @param policy the service-level targets and calendars in force.
 * @throws RangeError for an empty range or an unknown time zone.
 */
export function computeMetrics(rows: readonly MetricIncident[], query: MetricsQuery, policy: ServiceLevelPolicy): MetricsReport {
  const prepared = prepareQuery(query);
  const { periods } = prepared;
  const slots = periods.length + 1;
  const totalSlot = periods.length;

  // Per metric, the values of each period; the totals are their concatenation.
  const durations = Object.fromEntries(durationMetrics.map((metric) => [metric, Array.from({ length: periods.length }, () => [] as number[])])) as Record<DurationMetric, number[][]>;
  const compliance = (): ComplianceCounts => ({ met: new Int32Array(slots), missed: new Int32Array(slots), pending: new Int32Array(slots), pendingBreached: new Int32Array(slots) });
  const sla: Record<SlaClock, ComplianceCounts> = { slaResponse: compliance(), slaResolution: compliance() };
  const reported = new Int32Array(slots);
  const escalated = new Int32Array(slots);
  const major = new Int32Array(slots);
  const resolved = new Int32Array(slots);
  const reopened = new Int32Array(slots);
  const backlogDelta = new Int32Array(slots + 1);
  const aging = new Int32Array(agingBuckets.length);
  const volume = Object.fromEntries(volumeDimensions.map((dimension) => [dimension, new Map<string, Int32Array>()])) as Record<VolumeDimension, Map<string, Int32Array>>;
  const teamNames: Record<string, string> = {};
  let leftOutForDatePrecision = 0;
  const categoryTimes = new Map<IncidentCategory, { count: number; firstMs: number; lastMs: number }>();

  const countVolume = (dimension: VolumeDimension, key: string, period: number) => {
    let counts = volume[dimension].get(key);
    if (!counts) {
      counts = new Int32Array(slots);
      volume[dimension].set(key, counts);
    }
    counts[period]! += 1;
    counts[totalSlot]! += 1;
  };

  walkContributions(rows, prepared, outcomeCalculatorFor(policy), {
    reported(period, row) {
      reported[period]! += 1;
      reported[totalSlot]! += 1;
      if (row.escalationCount > 0) {
        escalated[period]! += 1;
        escalated[totalSlot]! += 1;
      }
      if (row.isMajor) {
        major[period]! += 1;
        major[totalSlot]! += 1;
      }
      const team = row.teamId ?? unassignedTeamKey;
      if (row.teamId !== null && row.teamName !== null) teamNames[row.teamId] = row.teamName;
      countVolume('category', row.category, period);
      countVolume('priority', row.priority, period);
      countVolume('team', team, period);
      countVolume('source', row.source, period);
      countVolume('kind', row.kind, period);
      const times = categoryTimes.get(row.category);
      if (!times) categoryTimes.set(row.category, { count: 1, firstMs: row.reportedMs, lastMs: row.reportedMs });
      else {
        times.count += 1;
        if (row.reportedMs < times.firstMs) times.firstMs = row.reportedMs;
        if (row.reportedMs > times.lastMs) times.lastMs = row.reportedMs;
      }
    },
    duration(metric, period, valueMs) {
      durations[metric][period]!.push(valueMs);
    },
    sla(clock, period, outcome, isBreached) {
      const counts = sla[clock];
      counts[outcome][period]! += 1;
      counts[outcome][totalSlot]! += 1;
      if (isBreached) {
        counts.pendingBreached[period]! += 1;
        counts.pendingBreached[totalSlot]! += 1;
      }
    },
    resolved(period, row) {
      resolved[period]! += 1;
      resolved[totalSlot]! += 1;
      if (row.reopenCount > 0) {
        reopened[period]! += 1;
        reopened[totalSlot]! += 1;
      }
    },
    open(firstPeriod, lastPeriod) {
      backlogDelta[firstPeriod]! += 1;
      backlogDelta[lastPeriod + 1]! -= 1;
    },
    openAtEnd(ageMs) {
      const bucket = agingBuckets.findIndex((candidate) => ageMs < candidate.toMs);
      aging[bucket]! += 1;
    },
    unplaceable(row) {
      if (row.reportedMs >= query.range.startMs && row.reportedMs < query.range.endMs) leftOutForDatePrecision += 1;
    },
  });

  const backlog = new Int32Array(periods.length);
  let running = 0;
  for (let index = 0; index < periods.length; index += 1) {
    running += backlogDelta[index]!;
    backlog[index] = running;
  }

  const volumeAt = (slot: number): VolumeStats => {
    const split = (dimension: VolumeDimension): Record<string, number> => {
      const result: Record<string, number> = {};
      for (const [key, counts] of volume[dimension]) if (counts[slot]! > 0) result[key] = counts[slot]!;
      return result;
    };
    return {
      total: reported[slot]!,
      byCategory: split('category'),
      byPriority: split('priority'),
      byTeam: split('team'),
      bySource: split('source'),
      byKind: split('kind'),
    };
  };
  const complianceAt = (counts: ComplianceCounts, slot: number): ComplianceStats => {
    const met = counts.met[slot]!;
    const missed = counts.missed[slot]!;
    return { met, missed, pending: counts.pending[slot]!, pendingBreached: counts.pendingBreached[slot]!, rate: met + missed === 0 ? null : met / (met + missed) };
  };
  const durationsAt = (metric: DurationMetric, slot: number): DurationStats => {
    if (slot < totalSlot) return summariseDurations(durations[metric][slot]!);
    const all = new Float64Array(durations[metric].reduce((total, values) => total + values.length, 0));
    let offset = 0;
    let sum = 0;
    for (const values of durations[metric]) {
      for (const value of values) {
        all[offset] = value;
        offset += 1;
        sum += value;
      }
    }
    return all.length === 0 ? summariseDurations(all) : statsOfWorkArray(all, sum);
  };
  const valuesAt = (slot: number, backlogCount: number): MetricValues => ({
    timeToAcknowledge: durationsAt('timeToAcknowledge', slot),
    timeToDetect: durationsAt('timeToDetect', slot),
    timeToContain: durationsAt('timeToContain', slot),
    timeToResolve: durationsAt('timeToResolve', slot),
    timeToClose: durationsAt('timeToClose', slot),
    slaResponse: complianceAt(sla.slaResponse, slot),
    slaResolution: complianceAt(sla.slaResolution, slot),
    volume: volumeAt(slot),
    backlog: backlogCount,
    reopenRate: rateOf(reopened[slot]!, resolved[slot]!),
    escalationRate: rateOf(escalated[slot]!, reported[slot]!),
    majorIncidents: major[slot]!,
  });

  return {
    range: { ...query.range },
    granularity: query.granularity,
    timeZone: query.timeZone,
    periods: periods.map((period, index) => ({ ...period, ...valuesAt(index, backlog[index]!) })),
    totals: valuesAt(totalSlot, periods.length > 0 ? backlog[periods.length - 1]! : 0),
    aging: agingBuckets.map((bucket, index) => ({ key: bucket.key, label: bucket.label, count: aging[index]! })),
    meanTimeBetweenIncidents: incidentCategories.flatMap((category) => {
      const times = categoryTimes.get(category);
      if (!times) return [];
      return [{ category, count: times.count, firstReportedMs: times.firstMs, lastReportedMs: times.lastMs, meanMs: times.count < 2 ? null : (times.lastMs - times.firstMs) / (times.count - 1) }];
    }),
    teamNames,
    leftOutForDatePrecision,
  };
}

// ---- drill-down ---------------------------------------------------------------------------------

/**
 * A chart point to list the incidents behind. periodKey: a period of the report, or null for the
 * whole range (the totals).
 * - durations: the incidents measured (e.g. acknowledged in the period);
 * - SLA: series 'met' | 'missed' | 'pending' | 'pendingBreached'; none: all stopped (met + missed);
 * - volume: series `${dimension}:${value}` ('category:phishing', 'team:unassigned'); none: all reported;
 * - backlog: open at the end of the period (null: at the range end);
 * - aging: series is the bucket key; periodKey is ignored (aging is at the range end);
 * - reopenRate: series 'reopened' (numerator) | 'resolved' (denominator, the default);
 * - escalationRate: series 'escalated' (numerator) | 'reported' (denominator, the default);
 * - majorIncidents: major incidents reported;
 * - meanTimeBetweenIncidents: series is the category; the incidents of it reported in the range.
 */
export type MetricPoint =
  | { metric: DurationMetric | 'backlog' | 'majorIncidents'; periodKey: string | null }
  | { metric: 'slaResponse' | 'slaResolution'; periodKey: string | null; series?: 'met' | 'missed' | 'pending' | 'pendingBreached' }
  | { metric: 'volume'; periodKey: string | null; series?: `${VolumeDimension}:${string}` }
  | { metric: 'aging'; periodKey?: string | null; series: AgingBucketKey }
  | { metric: 'reopenRate'; periodKey: string | null; series?: 'reopened' | 'resolved' }
  | { metric: 'escalationRate'; periodKey: string | null; series?: 'escalated' | 'reported' }
  | { metric: 'meanTimeBetweenIncidents'; periodKey?: string | null; series: IncidentCategory };

/**
 * The ids of the incidents behind a chart point, in the order of `rows`. Uses the same walk as
 * computeMetrics, so the list is exactly what the point counts (its length is the count, the
 * numerator or the denominator shown). An unknown periodKey gives no ids.
 */
export function incidentsBehind(rows: readonly MetricIncident[], query: MetricsQuery, point: MetricPoint, policy: ServiceLevelPolicy): string[] {
  const prepared = prepareQuery(query);
  const wanted = point.periodKey === null || point.periodKey === undefined ? null : prepared.periods.findIndex((period) => period.key === point.periodKey);
  if (wanted === -1 && point.metric !== 'aging' && point.metric !== 'meanTimeBetweenIncidents') return [];
  const isWantedPeriod = (period: number) => wanted === null || period === wanted;
  const ids: string[] = [];
  // The walk reports each row at most once per point, so no de-duplication is needed.
  const add = (row: MetricIncident) => ids.push(row.id);
  const noop = () => {};
  const sink: ContributionSink = { reported: noop, duration: noop, sla: noop, resolved: noop, open: noop, openAtEnd: noop, unplaceable: noop };
  switch (point.metric) {
    case 'timeToAcknowledge':
    case 'timeToDetect':
    case 'timeToContain':
    case 'timeToResolve':
    case 'timeToClose': {
      const metric = point.metric;
      sink.duration = (candidate, period, _value, row) => {
        if (candidate === metric && isWantedPeriod(period)) add(row);
      };
      break;
    }
    case 'slaResponse':
    case 'slaResolution': {
      const { metric, series } = point;
      sink.sla = (clock, period, outcome, isBreached, row) => {
        if (clock !== metric || !isWantedPeriod(period)) return;
        const matches = series === undefined ? outcome !== 'pending' : series === 'pendingBreached' ? outcome === 'pending' && isBreached : outcome === series;
        if (matches) add(row);
      };
      break;
    }
    case 'volume': {
      const [dimension, value] = point.series === undefined ? [null, null] : splitSeries(point.series);
      sink.reported = (period, row) => {
        if (isWantedPeriod(period) && (dimension === null || volumeKeyOf(row, dimension) === value)) add(row);
      };
      break;
    }
    case 'backlog': {
      const at = wanted ?? prepared.periods.length - 1;
      sink.open = (first, last, row) => {
        if (first <= at && at <= last) add(row);
      };
      break;
    }
    case 'aging': {
      const bucket = agingBuckets.find((candidate) => candidate.key === point.series);
      sink.openAtEnd = (ageMs, row) => {
        if (bucket && ageMs >= bucket.fromMs && ageMs < bucket.toMs) add(row);
      };
      break;
    }
    case 'reopenRate': {
      const onlyReopened = point.series === 'reopened';
      sink.resolved = (period, row) => {
        if (isWantedPeriod(period) && (!onlyReopened || row.reopenCount > 0)) add(row);
      };
      break;
    }
    case 'escalationRate': {
      const onlyEscalated = point.series === 'escalated';
      sink.reported = (period, row) => {
        if (isWantedPeriod(period) && (!onlyEscalated || row.escalationCount > 0)) add(row);
      };
      break;
    }
    case 'majorIncidents':
      sink.reported = (period, row) => {
        if (isWantedPeriod(period) && row.isMajor) add(row);
      };
      break;
    case 'meanTimeBetweenIncidents': {
      const category = point.series;
      sink.reported = (_period, row) => {
        if (row.category === category) add(row);
      };
      break;
    }
  }
  walkContributions(rows, prepared, outcomeCalculatorFor(policy), sink);
  return ids;
}

function splitSeries(series: `${VolumeDimension}:${string}`): [VolumeDimension, string] {
  const colon = series.indexOf(':');
  return [series.slice(0, colon) as VolumeDimension, series.slice(colon + 1)];
}

function volumeKeyOf(row: MetricIncident, dimension: VolumeDimension): string {
  switch (dimension) {
    case 'category':
      return row.category;
    case 'priority':
      return row.priority;
    case 'team':
      return row.teamId ?? unassignedTeamKey;
    case 'source':
      return row.source;
    case 'kind':
      return row.kind;
  }
}

/** For a legend in a fixed order: the keys of a dimension that the taxonomy defines. */
export const volumeDimensionKeys: Record<Exclude<VolumeDimension, 'team'>, readonly string[]> = {
  category: incidentCategories,
  priority: priorities,
  source: incidentSources,
  kind: incidentKinds,
};
