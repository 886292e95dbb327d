/**
 * The Trends page's "Export CSV": one row per period with every metric, then one row for the
 * whole range, so a lead can rework the numbers in a spreadsheet.
 *
 * Columns, in order (documented here and in the README):
 * - period_key ('2026-W10', or 'total'), period_label, period_start and period_end (ISO 8601 UTC,
 *   end exclusive), is_partial ('yes' when the range cuts the period);
 * - incidents_reported, major_incidents;
 * - for each of time to acknowledge, detect, contain, resolve and close: <metric>_count,
 *   <metric>_median_minutes, <metric>_p90_minutes, <metric>_mean_minutes;
 * - sla_response_met, sla_response_missed, sla_response_pending, sla_response_percent, and the
 *   same four for sla_resolution;
 * - backlog_at_end; reopened, resolved, reopen_rate_percent; escalated, escalation_rate_percent;
 * - reported_<dimension>_<key> for each key of the volume split shown (e.g. reported_category_phishing;
 *   teams by name), in legend order.
 * Minutes and percents have at most two decimals; an empty cell means "nothing to measure".
 */
import Papa from 'papaparse';
import { durationMetrics, unassignedTeamKey, volumeDimensionKeys, type DurationMetric, type MetricValues, type MetricsReport, type VolumeDimension, type VolumeStats } from '../domain/metrics';
import { toIso } from '../domain/time';

const durationColumnNames: Record<DurationMetric, string> = {
  timeToAcknowledge: 'time_to_acknowledge',
  timeToDetect: 'time_to_detect',
  timeToContain: 'time_to_contain',
  timeToResolve: 'time_to_resolve',
  timeToClose: 'time_to_close',
};

const volumeFields: Record<VolumeDimension, keyof Omit<VolumeStats, 'total'>> = {
  category: 'byCategory',
  priority: 'byPriority',
  team: 'byTeam',
  source: 'bySource',
  kind: 'byKind',
};

/**
 * The keys of a volume split that the report holds, in legend order: the taxonomy's order, and
 * teams by name ('unassigned' last).
 */
export function volumeKeysOf(report: MetricsReport, dimension: VolumeDimension): string[] {
  const present = new Set<string>();
  for (const stretch of [...report.periods, report.totals]) for (const key of Object.keys(stretch.volume[volumeFields[dimension]])) present.add(key);
  if (dimension !== 'team') return volumeDimensionKeys[dimension].filter((key) => present.has(key));
  const name = (key: string) => report.teamNames[key] ?? key;
  return [...present].sort((left, right) => (left === unassignedTeamKey ? 1 : right === unassignedTeamKey ? -1 : name(left).localeCompare(name(right))));
}

/** How many of a volume split's key a stretch counts (absent keys are 0). */
export function volumeCountOf(values: MetricValues, dimension: VolumeDimension, key: string): number {
  return (values.volume[volumeFields[dimension]] as Record<string, number | undefined>)[key] ?? 0;
}

const minutes = (valueMs: number | null): string => (valueMs === null ? '' : String(Math.round(valueMs / 600) / 100));
const percent = (rate: number | null): string => (rate === null ? '' : String(Math.round(rate * 10_000) / 100));

/** The header and rows of the export, as text cells (the tests compare them exactly). */
export function metricsCsvRows(report: MetricsReport, splitBy: VolumeDimension): string[][] {
  const volumeKeys = volumeKeysOf(report, splitBy);
  const header = [
    'period_key',
    'period_label',
    'period_start',
    'period_end',
    'is_partial',
    'incidents_reported',
    'major_incidents',
    ...durationMetrics.flatMap((metric) => ['count', 'median_minutes', 'p90_minutes', 'mean_minutes'].map((figure) => `${durationColumnNames[metric]}_${figure}`)),
    ...['sla_response', 'sla_resolution'].flatMap((clock) => ['met', 'missed', 'pending', 'percent'].map((figure) => `${clock}_${figure}`)),
    'backlog_at_end',
    'reopened',
    'resolved',
    'reopen_rate_percent',
    'escalated',
    'escalation_rate_percent',
    ...volumeKeys.map((key) => `reported_${splitBy}_${splitBy === 'team' ? (report.teamNames[key] ?? key) : key}`),
  ];
  const valueCells = (values: MetricValues): string[] => [
    String(values.volume.total),
    String(values.majorIncidents),
    ...durationMetrics.flatMap((metric) => {
      const stats = values[metric];
      return [String(stats.count), minutes(stats.medianMs), minutes(stats.p90Ms), minutes(stats.meanMs)];
    }),
    ...[values.slaResponse, values.slaResolution].flatMap((stats) => [String(stats.met), String(stats.missed), String(stats.pending), percent(stats.rate)]),
    String(values.backlog),
    String(values.reopenRate.numerator),
    String(values.reopenRate.denominator),
    percent(values.reopenRate.rate),
    String(values.escalationRate.numerator),
    percent(values.escalationRate.rate),
    ...volumeKeys.map((key) => String(volumeCountOf(values, splitBy, key))),
  ];
  const rows = report.periods.map((period) => [period.key, period.label, toIso(period.startMs), toIso(period.endMs), period.isPartial ? 'yes' : 'no', ...valueCells(period)]);
  const totals = ['total', 'Whole range', toIso(report.range.startMs), toIso(report.range.endMs), 'no', ...valueCells(report.totals)];
  return [header, ...rows, totals];
}

/** The export as CSV text; cells that a spreadsheet would run as a formula (a team named "=...") are escaped. */
export function metricsCsv(report: MetricsReport, splitBy: VolumeDimension): string {
  return Papa.unparse(metricsCsvRows(report, splitBy), { escapeFormulae: true });
}
