/**
 * The monthly "incident management performance report" a lead sends upward: which metric queries
 * it runs and how its summary compares a month with the one before. Pure; the page runs the
 * queries in the metrics worker and renders the result.
 */
import { localDateRange, previousComparableRange } from './metricPeriods';
import type { MetricName, MetricPoint, MetricsQuery, MetricValues } from './metrics';

export type ReportMonth = { year: number; month: number };

const monthPattern = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** "2026-10" → {2026, 10}; null for anything else. */
export function parseReportMonth(value: string | null | undefined): ReportMonth | null {
  const match = value ? monthPattern.exec(value) : null;
  return match ? { year: Number(match[1]), month: Number(match[2]) } : null;
}

export function formatReportMonth({ year, month }: ReportMonth): string {
  return `${year}-${String(month).padStart(2, '0')}`;
}

/** The last whole month before the local date `todayLocalDate` ("YYYY-MM-DD"): the usual report. */
export function previousReportMonth(todayLocalDate: string): ReportMonth {
  return shiftReportMonth({ year: Number(todayLocalDate.slice(0, 4)), month: Number(todayLocalDate.slice(5, 7)) }, -1);
}

export function shiftReportMonth({ year, month }: ReportMonth, by: number): ReportMonth {
  const index = year * 12 + (month - 1) + by;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

function lastDayOf({ year, month }: ReportMonth): string {
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${formatReportMonth({ year, month })}-${String(days).padStart(2, '0')}`;
}

export type ReportFilters = Pick<MetricsQuery, 'teamIds' | 'kinds' | 'includeImported'>;

export type MonthlyReportQueries = {
  /** The month itself, as one period. */
  month: MetricsQuery;
  /** The month before, for the comparison column. */
  previousMonth: MetricsQuery;
  /** Twelve months ending with the report month, by month: the charts. */
  trend: MetricsQuery;
};

/** The three queries of a report; exercises never count in it. */
export function monthlyReportQueries(month: ReportMonth, timeZone: string, filters: ReportFilters = {}): MonthlyReportQueries {
  const monthRange = localDateRange(timeZone, `${formatReportMonth(month)}-01`, lastDayOf(month));
  const base = { timeZone, includeExercises: false, ...filters };
  return {
    month: { ...base, range: monthRange, granularity: 'month' },
    previousMonth: { ...base, range: previousComparableRange(monthRange, 'month', timeZone), granularity: 'month' },
    trend: { ...base, range: localDateRange(timeZone, `${formatReportMonth(shiftReportMonth(month, -11))}-01`, lastDayOf(month)), granularity: 'month' },
  };
}

/** The drill-downs whose incidents the report lists. */
export const reportListPoints = {
  responseBreaches: { metric: 'slaResponse', periodKey: null, series: 'missed' },
  resolutionBreaches: { metric: 'slaResolution', periodKey: null, series: 'missed' },
  majorIncidents: { metric: 'majorIncidents', periodKey: null },
  reported: { metric: 'volume', periodKey: null },
} as const satisfies Record<string, MetricPoint>;

export type SummaryFigure = {
  metric: MetricName;
  label: string;
  /** 'duration' values are ms; 'rate' values are 0..1; 'count' values are whole numbers. */
  unit: 'duration' | 'rate' | 'count';
  value: number | null;
  previous: number | null;
  /** Relative change (0.12 = 12% more); null when either side is missing or the previous is 0. */
  change: number | null;
  /** Whether a rise is good news (compliance) or bad (time to resolve, backlog). */
  isHigherBetter: boolean;
};

/** The summary table: this month against the one before, in the order a reader expects. */
export function summaryFigures(current: MetricValues, previous: MetricValues | null): SummaryFigure[] {
  const figure = (metric: MetricName, label: string, unit: SummaryFigure['unit'], isHigherBetter: boolean, read: (values: MetricValues) => number | null): SummaryFigure => {
    const value = read(current);
    const before = previous ? read(previous) : null;
    return { metric, label, unit, value, previous: before, change: value !== null && before !== null && before !== 0 ? (value - before) / before : null, isHigherBetter };
  };
  return [
    figure('volume', 'Incidents reported', 'count', false, (values) => values.volume.total),
    figure('majorIncidents', 'Major incidents', 'count', false, (values) => values.majorIncidents),
    figure('timeToAcknowledge', 'Median time to acknowledge', 'duration', false, (values) => values.timeToAcknowledge.medianMs),
    figure('timeToContain', 'Median time to contain', 'duration', false, (values) => values.timeToContain.medianMs),
    figure('timeToResolve', 'Median time to resolve', 'duration', false, (values) => values.timeToResolve.medianMs),
    figure('timeToResolve', '90th percentile time to resolve', 'duration', false, (values) => values.timeToResolve.p90Ms),
    figure('slaResponse', 'SLA response met', 'rate', true, (values) => values.slaResponse.rate),
    figure('slaResolution', 'SLA resolution met', 'rate', true, (values) => values.slaResolution.rate),
    figure('backlog', 'Backlog at month end', 'count', false, (values) => values.backlog),
    figure('reopenRate', 'Reopen rate', 'rate', false, (values) => values.reopenRate.rate),
    figure('escalationRate', 'Escalation rate', 'rate', false, (values) => values.escalationRate.rate),
  ];
}
