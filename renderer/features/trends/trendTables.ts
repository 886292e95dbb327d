/**
 * The data tables behind the charts: the same numbers as the series, with a drill-down on every
 * count, so the keyboard reaches everything a click on the chart does.
 */
import type { VolumeDimension } from '../../../shared/domain/metrics';
import type { TrendTableRow } from './TrendDataTable';
import {
  durationMetricLabels,
  type AgingSeriesRow,
  type BacklogSeriesRow,
  type ChartedDurationMetric,
  type DurationSeriesRow,
  type SlaSeriesRow,
  type VolumeSeriesKey,
  type VolumeSeriesRow,
} from './trendSeries';

export type TrendTable = { columns: string[]; rows: TrendTableRow[] };

const numberText = (value: number | null): string => (value === null ? '–' : value.toLocaleString('en-GB'));
const percentText = (value: number | null): string => (value === null ? '–' : `${value.toLocaleString('en-GB')}%`);

export function durationTable(rows: readonly DurationSeriesRow[], metrics: readonly ChartedDurationMetric[]): TrendTable {
  return {
    columns: ['Period', ...metrics.flatMap((metric) => [`${durationMetricLabels[metric]}: median (h)`, `${durationMetricLabels[metric]}: 90th percentile (h)`, `${durationMetricLabels[metric]}: incidents measured`])],
    rows: rows.map((row) => ({
      key: row.periodKey,
      header: row.label,
      cells: metrics.flatMap((metric) => [
        { text: numberText(row[`${metric}Median`]) },
        { text: numberText(row[`${metric}P90`]) },
        { text: numberText(row[`${metric}Count`]), drill: { point: { metric, periodKey: row.periodKey }, label: `${durationMetricLabels[metric].toLowerCase()} measured in ${row.label}` } },
      ]),
    })),
  };
}

export function volumeTable(keys: readonly VolumeSeriesKey[], rows: readonly VolumeSeriesRow[], dimension: VolumeDimension, showPrevious: boolean): TrendTable {
  return {
    columns: ['Period', ...keys.map((series) => series.label), 'Total', ...(showPrevious ? ['Previous period total'] : [])],
    rows: rows.map((row) => ({
      key: row.periodKey,
      header: row.label,
      cells: [
        ...keys.map((series) => ({
          text: numberText(row[series.dataKey] as number),
          drill: { point: { metric: 'volume' as const, periodKey: row.periodKey, series: `${dimension}:${series.key}` as const }, label: `incidents reported in ${row.label}: ${series.label}` },
        })),
        { text: numberText(row.total), drill: { point: { metric: 'volume', periodKey: row.periodKey }, label: `incidents reported in ${row.label}` } },
        ...(showPrevious ? [{ text: numberText(row.previousTotal) }] : []),
      ],
    })),
  };
}

export function backlogTable(rows: readonly BacklogSeriesRow[], showPrevious: boolean): TrendTable {
  return {
    columns: ['Period', 'Open at period end', ...(showPrevious ? ['Previous period'] : [])],
    rows: rows.map((row) => ({
      key: row.periodKey,
      header: row.label,
      cells: [
        { text: numberText(row.backlog), drill: { point: { metric: 'backlog', periodKey: row.periodKey }, label: `the backlog at the end of ${row.label}` } },
        ...(showPrevious ? [{ text: numberText(row.previousBacklog) }] : []),
      ],
    })),
  };
}

export function slaTable(rows: readonly SlaSeriesRow[]): TrendTable {
  const clockCells = (row: SlaSeriesRow, clock: 'slaResponse' | 'slaResolution') => {
    const name = clock === 'slaResponse' ? 'response' : 'resolution';
    const [percent, met, missed] = clock === 'slaResponse' ? [row.responsePercent, row.responseMet, row.responseMissed] : [row.resolutionPercent, row.resolutionMet, row.resolutionMissed];
    return [
      { text: percentText(percent) },
      { text: numberText(met), drill: { point: { metric: clock, periodKey: row.periodKey, series: 'met' as const }, label: `the ${name} targets met in ${row.label}` } },
      { text: numberText(missed), drill: { point: { metric: clock, periodKey: row.periodKey, series: 'missed' as const }, label: `the ${name} targets missed in ${row.label}` } },
    ];
  };
  return {
    columns: ['Period', 'Response met (%)', 'Response met', 'Response missed', 'Resolution met (%)', 'Resolution met', 'Resolution missed'],
    rows: rows.map((row) => ({ key: row.periodKey, header: row.label, cells: [...clockCells(row, 'slaResponse'), ...clockCells(row, 'slaResolution')] })),
  };
}

export function agingTable(rows: readonly AgingSeriesRow[]): TrendTable {
  return {
    columns: ['Age', 'Open incidents'],
    rows: rows.map((row) => ({
      key: row.key,
      header: row.label,
      cells: [{ text: numberText(row.count), drill: { point: { metric: 'aging', series: row.key }, label: `the open incidents aged ${row.label.toLowerCase()}` } }],
    })),
  };
}
