// A small hand-computed metrics fixture for the CSV export and the chart series tests: two UTC
// days, Mon 2 and Tue 3 March 2026, range end 4 March 00:00 UTC, default (24x7) targets.
import type { MetricIncident, MetricsQuery } from '../../shared/domain/metrics';
import { localDateRange } from '../../shared/domain/metricPeriods';

const minute = 60_000;
const ms = (iso: string) => Date.parse(iso);

/** A live, open, unacknowledged P3 service outage with no team, reported at `reportedAt`. */
export function metricRow(id: string, reportedAt: string, overrides: Partial<MetricIncident> = {}): MetricIncident {
  return {
    id,
    kind: 'service',
    category: 'outage',
    priority: 'P3',
    source: 'manual',
    teamId: null,
    teamName: null,
    isMajor: false,
    isExercise: false,
    isImported: false,
    isDeleted: false,
    datePrecision: 'exact',
    hasUnknownEnd: false,
    reopenCount: 0,
    escalationCount: 0,
    startedMs: null,
    detectedMs: ms(reportedAt) - 10 * minute,
    reportedMs: ms(reportedAt),
    acknowledgedMs: null,
    containedMs: null,
    resolvedMs: null,
    closedMs: null,
    cancelledMs: null,
    holds: [],
    priorityChanges: [],
    ...overrides,
  };
}

/**
 * - a: P2 phishing (security), reported Mon 09:00, acknowledged 09:10 (10 min), resolved 11:00 (2 h);
 * - b: P3 outage (service), reported Mon 12:00, acknowledged 12:30 (30 min), still open;
 * - c: P2 phishing (security), major and escalated, reported Tue 08:00, nothing since.
 */
export const twoDayRows: MetricIncident[] = [
  metricRow('a', '2026-03-02T09:00:00Z', { kind: 'security', category: 'phishing', priority: 'P2', acknowledgedMs: ms('2026-03-02T09:10:00Z'), resolvedMs: ms('2026-03-02T11:00:00Z') }),
  metricRow('b', '2026-03-02T12:00:00Z', { acknowledgedMs: ms('2026-03-02T12:30:00Z') }),
  metricRow('c', '2026-03-03T08:00:00Z', { kind: 'security', category: 'phishing', priority: 'P2', isMajor: true, escalationCount: 1 }),
];

export const twoDayQuery: MetricsQuery = { range: localDateRange('UTC', '2026-03-02', '2026-03-03'), granularity: 'day', timeZone: 'UTC' };
