import { describe, expect, it } from 'vitest';
import { localDateRange } from '../../../../../shared/domain/metricPeriods';
import { computeMetrics } from '../../../../../shared/domain/metrics';
import { defaultServiceLevelPolicy } from '../../../../../shared/domain/serviceLevel';
import {
  buildAgingSeries,
  buildBacklogSeries,
  buildDurationSeries,
  buildSlaSeries,
  buildSummaryTiles,
  buildVolumeSeries,
} from '../../../../../renderer/features/trends/trendSeries';
import { agingTable, volumeTable } from '../../../../../renderer/features/trends/trendTables';
import { metricRow, twoDayQuery, twoDayRows } from '../../../../support/metricRows';

const policy = defaultServiceLevelPolicy;
const report = computeMetrics(twoDayRows, twoDayQuery, policy);
// The two days before: one P3 outage reported on Sat 28 Feb and still open.
const previous = computeMetrics([...twoDayRows, metricRow('p', '2026-02-28T10:00:00Z')], { ...twoDayQuery, range: localDateRange('UTC', '2026-02-28', '2026-03-01') }, policy);

describe('trend series', () => {
  it('durations: medians and 90th percentiles in hours, null where nothing was measured', () => {
    expect(buildDurationSeries(report)).toEqual([
      {
        periodKey: '2026-03-02', label: '2 Mar 2026', isPartial: false,
        timeToAcknowledgeMedian: 0.33, timeToAcknowledgeP90: 0.5, timeToAcknowledgeCount: 2,
        timeToContainMedian: null, timeToContainP90: null, timeToContainCount: 0,
        timeToResolveMedian: 2, timeToResolveP90: 2, timeToResolveCount: 1,
      },
      {
        periodKey: '2026-03-03', label: '3 Mar 2026', isPartial: false,
        timeToAcknowledgeMedian: null, timeToAcknowledgeP90: null, timeToAcknowledgeCount: 0,
        timeToContainMedian: null, timeToContainP90: null, timeToContainCount: 0,
        timeToResolveMedian: null, timeToResolveP90: null, timeToResolveCount: 0,
      },
    ]);
  });

  it('volume: one stacked series per key present, with the previous range aligned period by period', () => {
    expect(buildVolumeSeries(report, 'kind', previous)).toEqual({
      keys: [
        { dataKey: 's0', key: 'security', label: 'Security' },
        { dataKey: 's1', key: 'service', label: 'Service' },
      ],
      rows: [
        { periodKey: '2026-03-02', label: '2 Mar 2026', total: 2, previousTotal: 1, previousLabel: '28 Feb 2026', s0: 1, s1: 1 },
        { periodKey: '2026-03-03', label: '3 Mar 2026', total: 1, previousTotal: 0, previousLabel: '1 Mar 2026', s0: 1, s1: 0 },
      ],
    });
    expect(buildVolumeSeries(report, 'priority', null).keys.map((key) => key.label)).toEqual(['P2 High', 'P3 Moderate']);
    expect(buildVolumeSeries(report, 'team', null).keys).toEqual([{ dataKey: 's0', key: 'unassigned', label: 'No team' }]);
  });

  it('backlog, SLA compliance and aging', () => {
    expect(buildBacklogSeries(report, previous)).toEqual([
      { periodKey: '2026-03-02', label: '2 Mar 2026', backlog: 1, previousBacklog: 1 },
      { periodKey: '2026-03-03', label: '3 Mar 2026', backlog: 2, previousBacklog: 1 },
    ]);
    expect(buildSlaSeries(report)).toEqual([
      { periodKey: '2026-03-02', label: '2 Mar 2026', responsePercent: 100, resolutionPercent: 100, responseMet: 2, responseMissed: 0, resolutionMet: 1, resolutionMissed: 0 },
      { periodKey: '2026-03-03', label: '3 Mar 2026', responsePercent: null, resolutionPercent: null, responseMet: 0, responseMissed: 0, resolutionMet: 0, resolutionMissed: 0 },
    ]);
    // At the range end (4 Mar 00:00) b is 36 h old and c 16 h.
    expect(buildAgingSeries(report)).toEqual([
      { key: 'under1d', label: 'Under 1 day', count: 1 },
      { key: '1to3d', label: '1-3 days', count: 1 },
      { key: '3to7d', label: '3-7 days', count: 0 },
      { key: '7to30d', label: '7-30 days', count: 0 },
      { key: 'over30d', label: '30 days or more', count: 0 },
    ]);
  });

  it('summary tiles: whole-range figures, compared in percent for counts and durations and in points for rates', () => {
    expect(buildSummaryTiles(report, previous).map((tile) => [tile.id, tile.value, tile.comparison?.text ?? null])).toEqual([
      ['reported', '3', 'up 200% on the previous period'],
      ['timeToAcknowledge-median', '20 min', 'no figure for the previous period'],
      ['timeToAcknowledge-p90', '30 min', 'no figure for the previous period'],
      ['timeToContain-median', 'None measured', 'no figure for the previous period'],
      ['timeToContain-p90', 'None measured', 'no figure for the previous period'],
      ['timeToResolve-median', '2 h', 'no figure for the previous period'],
      ['timeToResolve-p90', '2 h', 'no figure for the previous period'],
      ['sla-response', '100%', 'no figure for the previous period'],
      ['sla-resolution', '100%', 'no figure for the previous period'],
      ['backlog', '2', 'up 100% on the previous period'],
      ['reopen-rate', '0%', 'no figure for the previous period'],
      ['escalation-rate', '33.3%', 'up 33.3 points on the previous period'],
      ['major', '1', 'up from none in the previous period'],
    ]);
    expect(buildSummaryTiles(report, null).every((tile) => tile.comparison === null)).toBe(true);
    const sameAgain = buildSummaryTiles(report, report);
    expect(sameAgain.find((tile) => tile.id === 'reported')!.comparison).toEqual({ text: 'no change on the previous period', direction: 'same' });
    expect(sameAgain.find((tile) => tile.id === 'timeToResolve-median')!.comparison).toEqual({ text: 'no change on the previous period', direction: 'same' });
  });
});

describe('trend tables', () => {
  it('every count drills down to the same point the chart does', () => {
    const volume = buildVolumeSeries(report, 'kind', previous);
    const table = volumeTable(volume.keys, volume.rows, 'kind', true);
    expect(table.columns).toEqual(['Period', 'Security', 'Service', 'Total', 'Previous period total']);
    expect(table.rows[0]).toEqual({
      key: '2026-03-02',
      header: '2 Mar 2026',
      cells: [
        { text: '1', drill: { point: { metric: 'volume', periodKey: '2026-03-02', series: 'kind:security' }, label: 'incidents reported in 2 Mar 2026: Security' } },
        { text: '1', drill: { point: { metric: 'volume', periodKey: '2026-03-02', series: 'kind:service' }, label: 'incidents reported in 2 Mar 2026: Service' } },
        { text: '2', drill: { point: { metric: 'volume', periodKey: '2026-03-02' }, label: 'incidents reported in 2 Mar 2026' } },
        { text: '1' },
      ],
    });
    expect(agingTable(buildAgingSeries(report)).rows[1]!.cells).toEqual([{ text: '1', drill: { point: { metric: 'aging', series: '1to3d' }, label: 'the open incidents aged 1-3 days' } }]);
  });
});
