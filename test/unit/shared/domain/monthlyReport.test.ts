import { describe, expect, it } from 'vitest';
import { computeMetrics } from '../../../../shared/domain/metrics';
import { metricRow as row } from '../../../support/metricRows';
import { formatReportMonth, monthlyReportQueries, parseReportMonth, previousReportMonth, summaryFigures } from '../../../../shared/domain/monthlyReport';
import { defaultServiceLevelPolicy } from '../../../../shared/domain/serviceLevel';

const ms = (iso: string) => Date.parse(iso);
const hour = 3_600_000;

describe('report months', () => {
  it('parses, formats and picks the last whole month', () => {
    expect(parseReportMonth('2026-10')).toEqual({ year: 2026, month: 10 });
    expect(parseReportMonth('2026-13')).toBeNull();
    expect(parseReportMonth('26-10')).toBeNull();
    expect(parseReportMonth(null)).toBeNull();
    expect(formatReportMonth({ year: 2027, month: 1 })).toBe('2027-01');
    expect(previousReportMonth('2026-11-27')).toEqual({ year: 2026, month: 10 });
    expect(previousReportMonth('2027-01-03')).toEqual({ year: 2026, month: 12 });
  });

  it('covers the local month, the month before, and twelve months of trend, exercises left out', () => {
    const queries = monthlyReportQueries({ year: 2026, month: 3 }, 'Europe/London', { includeImported: false });
    // March 2026 in London: 1 March 00:00 GMT to 1 April 00:00 BST (31 March 23:00 UTC).
    expect(queries.month.range).toEqual({ startMs: ms('2026-03-01T00:00:00Z'), endMs: ms('2026-03-31T23:00:00Z') });
    expect(queries.previousMonth.range).toEqual({ startMs: ms('2026-02-01T00:00:00Z'), endMs: ms('2026-03-01T00:00:00Z') });
    expect(queries.trend.range).toEqual({ startMs: ms('2025-04-01T00:00:00Z') - hour, endMs: ms('2026-03-31T23:00:00Z') });
    expect(queries.month).toMatchObject({ granularity: 'month', includeExercises: false, includeImported: false });
  });
});

describe('summaryFigures', () => {
  it('compares the month with the one before, with the direction that is good news', () => {
    const { month, previousMonth } = monthlyReportQueries({ year: 2026, month: 3 }, 'UTC');
    const rows = [
      // February: two incidents, resolved in 2 h and 4 h.
      row('f1', '2026-02-10T10:00:00Z', { acknowledgedMs: ms('2026-02-10T10:10:00Z'), resolvedMs: ms('2026-02-10T12:00:00Z') }),
      row('f2', '2026-02-11T10:00:00Z', { acknowledgedMs: ms('2026-02-11T10:20:00Z'), resolvedMs: ms('2026-02-11T14:00:00Z') }),
      // March: three incidents, one major; resolved in 1 h and 2 h, one still open.
      row('m1', '2026-03-02T09:00:00Z', { acknowledgedMs: ms('2026-03-02T09:05:00Z'), resolvedMs: ms('2026-03-02T10:00:00Z'), isMajor: true }),
      row('m2', '2026-03-03T09:00:00Z', { acknowledgedMs: ms('2026-03-03T09:05:00Z'), resolvedMs: ms('2026-03-03T11:00:00Z') }),
      row('m3', '2026-03-30T09:00:00Z'),
    ];
    const current = computeMetrics(rows, month, defaultServiceLevelPolicy).totals;
    const before = computeMetrics(rows, previousMonth, defaultServiceLevelPolicy).totals;
    const figures = summaryFigures(current, before);
    const byLabel = Object.fromEntries(figures.map((figure) => [figure.label, figure]));
    expect(byLabel['Incidents reported']).toMatchObject({ value: 3, previous: 2, change: 0.5, isHigherBetter: false });
    expect(byLabel['Major incidents']).toMatchObject({ value: 1, previous: 0, change: null });
    // Medians: March (1 h + 2 h) / 2 = 1.5 h; February (2 h + 4 h) / 2 = 3 h; half the time.
    expect(byLabel['Median time to resolve']).toMatchObject({ value: 1.5 * hour, previous: 3 * hour, change: -0.5, unit: 'duration' });
    expect(byLabel['Backlog at month end']).toMatchObject({ value: 1, previous: 0 });
    expect(byLabel['SLA response met']).toMatchObject({ value: 1, previous: 1, change: 0, isHigherBetter: true, unit: 'rate' });
    expect(summaryFigures(current, null).every((figure) => figure.previous === null && figure.change === null)).toBe(true);
  });
});
