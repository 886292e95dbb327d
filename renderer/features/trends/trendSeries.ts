/**
 * Ready-made series for the trend charts and tiles, built from a MetricsReport (and the previous
 * period's, to compare). Pure: the chart components only render what this returns, so the
 * printable report can reuse them with the same numbers.
 */
import { priorityLabels } from '../../../shared/domain/priority';
import { incidentSourceLabels } from '../../../shared/domain/routing';
import { incidentCategoryLabels, incidentKindLabels } from '../../../shared/domain/taxonomy';
import { unassignedTeamKey, type DurationMetric, type MetricName, type MetricsReport, type VolumeDimension } from '../../../shared/domain/metrics';
import { volumeCountOf, volumeKeysOf } from '../../../shared/formats/metricsCsv';
import { formatDurationText } from '../../../shared/domain/time';

export const durationMetricLabels: Record<DurationMetric, string> = {
  timeToAcknowledge: 'Time to acknowledge',
  timeToDetect: 'Time to detect',
  timeToContain: 'Time to contain',
  timeToResolve: 'Time to resolve',
  timeToClose: 'Time to close',
};

export const volumeDimensionLabels: Record<VolumeDimension, string> = {
  category: 'Category',
  priority: 'Priority',
  team: 'Team',
  source: 'Source',
  kind: 'Kind',
};

/** The duration metrics the first chart shows. */
export const chartedDurationMetrics = ['timeToAcknowledge', 'timeToContain', 'timeToResolve'] as const satisfies readonly DurationMetric[];
export type ChartedDurationMetric = (typeof chartedDurationMetrics)[number];

const hourMs = 3_600_000;
/** Hours with two decimals, for axes and tables; null stays null (a gap in the line). */
const toHours = (valueMs: number | null): number | null => (valueMs === null ? null : Math.round((valueMs / hourMs) * 100) / 100);
const toPercent = (rate: number | null): number | null => (rate === null ? null : Math.round(rate * 1000) / 10);

export type DurationSeriesRow = {
  periodKey: string;
  label: string;
  isPartial: boolean;
} & Record<`${ChartedDurationMetric}Median` | `${ChartedDurationMetric}P90`, number | null> &
  Record<`${ChartedDurationMetric}Count`, number>;

/** Medians and 90th percentiles in hours per period. */
export function buildDurationSeries(report: MetricsReport): DurationSeriesRow[] {
  return report.periods.map((period) => {
    const row: Record<string, string | number | boolean | null> = { periodKey: period.key, label: period.label, isPartial: period.isPartial };
    for (const metric of chartedDurationMetrics) {
      row[`${metric}Median`] = toHours(period[metric].medianMs);
      row[`${metric}P90`] = toHours(period[metric].p90Ms);
      row[`${metric}Count`] = period[metric].count;
    }
    return row as DurationSeriesRow;
  });
}

/** The legend name of one key of a volume split. */
export function volumeKeyLabel(dimension: VolumeDimension, key: string, teamNames: Record<string, string>): string {
  switch (dimension) {
    case 'category':
      return incidentCategoryLabels[key as keyof typeof incidentCategoryLabels] ?? key;
    case 'priority':
      return priorityLabels[key as keyof typeof priorityLabels] ?? key;
    case 'source':
      return incidentSourceLabels[key as keyof typeof incidentSourceLabels] ?? key;
    case 'kind':
      return incidentKindLabels[key as keyof typeof incidentKindLabels] ?? key;
    case 'team':
      return key === unassignedTeamKey ? 'No team' : (teamNames[key] ?? key);
  }
}

/** One stacked series: `dataKey` is 's0', 's1'… so no key (a team id) can clash with a row field. */
export type VolumeSeriesKey = { dataKey: string; key: string; label: string };
export type VolumeSeriesRow = { periodKey: string; label: string; total: number; previousTotal: number | null; previousLabel: string | null } & Record<string, number | string | null>;

/**
 * Incidents reported per period split by a dimension, with the previous range's totals aligned
 * period by period (period i of the previous range lines up with period i of this one).
 */
export function buildVolumeSeries(report: MetricsReport, dimension: VolumeDimension, previous: MetricsReport | null): { keys: VolumeSeriesKey[]; rows: VolumeSeriesRow[] } {
  const keys = volumeKeysOf(report, dimension).map((key, index) => ({ dataKey: `s${index}`, key, label: volumeKeyLabel(dimension, key, report.teamNames) }));
  const rows = report.periods.map((period, index) => {
    const before = previous?.periods[index] ?? null;
    const row: VolumeSeriesRow = { periodKey: period.key, label: period.label, total: period.volume.total, previousTotal: before?.volume.total ?? null, previousLabel: before?.label ?? null };
    for (const series of keys) row[series.dataKey] = volumeCountOf(period, dimension, series.key);
    return row;
  });
  return { keys, rows };
}

export type BacklogSeriesRow = { periodKey: string; label: string; backlog: number; previousBacklog: number | null };

export function buildBacklogSeries(report: MetricsReport, previous: MetricsReport | null): BacklogSeriesRow[] {
  return report.periods.map((period, index) => ({ periodKey: period.key, label: period.label, backlog: period.backlog, previousBacklog: previous?.periods[index]?.backlog ?? null }));
}

export type SlaSeriesRow = {
  periodKey: string;
  label: string;
  /** Percent met of the clocks stopped in the period; null when none stopped. */
  responsePercent: number | null;
  resolutionPercent: number | null;
  responseMet: number;
  responseMissed: number;
  resolutionMet: number;
  resolutionMissed: number;
};

export function buildSlaSeries(report: MetricsReport): SlaSeriesRow[] {
  return report.periods.map((period) => ({
    periodKey: period.key,
    label: period.label,
    responsePercent: toPercent(period.slaResponse.rate),
    resolutionPercent: toPercent(period.slaResolution.rate),
    responseMet: period.slaResponse.met,
    responseMissed: period.slaResponse.missed,
    resolutionMet: period.slaResolution.met,
    resolutionMissed: period.slaResolution.missed,
  }));
}

export type AgingSeriesRow = { key: MetricsReport['aging'][number]['key']; label: string; count: number };

export function buildAgingSeries(report: MetricsReport): AgingSeriesRow[] {
  return report.aging.map((bucket) => ({ key: bucket.key, label: bucket.label, count: bucket.count }));
}

// ---- summary tiles ------------------------------------------------------------------------------

const formatPercent = (rate: number): string => `${(Math.round(rate * 1000) / 10).toLocaleString('en-GB')}%`;

/**
 * How a tile's value moved: a relative change for counts and durations ("down 12%"), a change in
 * points for rates ("up 3.5 points"), so a move from 90% to 95% does not read as "up 5.6%".
 */
export type TileComparison = { text: string; direction: 'up' | 'down' | 'same' | 'none' };

export type SummaryTile = {
  id: string;
  title: string;
  metric: MetricName;
  value: string;
  /** The raw number behind value (ms, a count, or a rate 0..1), for tests and the PDF report. */
  rawValue: number | null;
  comparison: TileComparison | null;
  /** True when a lower value is better (durations, backlog, reopen rate): colours the change. */
  isLowerBetter: boolean;
};

function compare(current: number | null, before: number | null, kind: 'relative' | 'points'): TileComparison {
  if (current === null || before === null) return { text: 'no figure for the previous period', direction: 'none' };
  if (kind === 'points') {
    const points = Math.round((current - before) * 1000) / 10;
    if (points === 0) return { text: 'no change on the previous period', direction: 'same' };
    return { text: `${points > 0 ? 'up' : 'down'} ${Math.abs(points).toLocaleString('en-GB')} points on the previous period`, direction: points > 0 ? 'up' : 'down' };
  }
  if (before === 0) return current === 0 ? { text: 'no change on the previous period', direction: 'same' } : { text: 'up from none in the previous period', direction: 'up' };
  const change = Math.round(((current - before) / before) * 100);
  if (change === 0) return { text: 'no change on the previous period', direction: 'same' };
  return { text: `${change > 0 ? 'up' : 'down'} ${Math.abs(change)}% on the previous period`, direction: change > 0 ? 'up' : 'down' };
}

/** The tiles for the whole range, each compared with the previous range when there is one. */
export function buildSummaryTiles(report: MetricsReport, previous: MetricsReport | null): SummaryTile[] {
  const totals = report.totals;
  const before = previous?.totals ?? null;
  const tiles: SummaryTile[] = [];
  const count = (id: string, title: string, metric: MetricName, value: number, previousValue: number | null, isLowerBetter: boolean) =>
    tiles.push({ id, title, metric, value: value.toLocaleString('en-GB'), rawValue: value, comparison: previous ? compare(value, previousValue, 'relative') : null, isLowerBetter });
  const duration = (metric: ChartedDurationMetric, figure: 'medianMs' | 'p90Ms') => {
    const value = totals[metric][figure];
    const name = `${figure === 'medianMs' ? 'Median' : '90th percentile'} ${durationMetricLabels[metric].toLowerCase()}`;
    tiles.push({
      id: `${metric}-${figure === 'medianMs' ? 'median' : 'p90'}`,
      title: name,
      metric,
      value: value === null ? 'None measured' : formatDurationText(value),
      rawValue: value,
      comparison: previous ? compare(value, before?.[metric][figure] ?? null, 'relative') : null,
      isLowerBetter: true,
    });
  };
  const rate = (id: string, title: string, metric: MetricName, value: number | null, previousValue: number | null, isLowerBetter: boolean) =>
    tiles.push({ id, title, metric, value: value === null ? 'None measured' : formatPercent(value), rawValue: value, comparison: previous ? compare(value, previousValue, 'points') : null, isLowerBetter });

  count('reported', 'Incidents reported', 'volume', totals.volume.total, before?.volume.total ?? null, true);
  for (const metric of chartedDurationMetrics) {
    duration(metric, 'medianMs');
    duration(metric, 'p90Ms');
  }
  rate('sla-response', 'SLA response compliance', 'slaResponse', totals.slaResponse.rate, before?.slaResponse.rate ?? null, false);
  rate('sla-resolution', 'SLA resolution compliance', 'slaResolution', totals.slaResolution.rate, before?.slaResolution.rate ?? null, false);
  count('backlog', 'Backlog at end', 'backlog', totals.backlog, before?.backlog ?? null, true);
  rate('reopen-rate', 'Reopen rate', 'reopenRate', totals.reopenRate.rate, before?.reopenRate.rate ?? null, true);
  rate('escalation-rate', 'Escalation rate', 'escalationRate', totals.escalationRate.rate, before?.escalationRate.rate ?? null, true);
  count('major', 'Major incidents', 'majorIncidents', totals.majorIncidents, before?.majorIncidents ?? null, true);
  return tiles;
}
