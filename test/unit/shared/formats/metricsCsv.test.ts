import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { computeMetrics } from '../../../../shared/domain/metrics';
import { defaultServiceLevelPolicy } from '../../../../shared/domain/serviceLevel';
import { metricsCsv, metricsCsvRows, volumeKeysOf } from '../../../../shared/formats/metricsCsv';
import { metricRow, twoDayQuery, twoDayRows } from '../../../support/metricRows';

const report = computeMetrics(twoDayRows, twoDayQuery, defaultServiceLevelPolicy);

const header = [
  'period_key', 'period_label', 'period_start', 'period_end', 'is_partial', 'incidents_reported', 'major_incidents',
  'time_to_acknowledge_count', 'time_to_acknowledge_median_minutes', 'time_to_acknowledge_p90_minutes', 'time_to_acknowledge_mean_minutes',
  'time_to_detect_count', 'time_to_detect_median_minutes', 'time_to_detect_p90_minutes', 'time_to_detect_mean_minutes',
  'time_to_contain_count', 'time_to_contain_median_minutes', 'time_to_contain_p90_minutes', 'time_to_contain_mean_minutes',
  'time_to_resolve_count', 'time_to_resolve_median_minutes', 'time_to_resolve_p90_minutes', 'time_to_resolve_mean_minutes',
  'time_to_close_count', 'time_to_close_median_minutes', 'time_to_close_p90_minutes', 'time_to_close_mean_minutes',
  'sla_response_met', 'sla_response_missed', 'sla_response_pending', 'sla_response_percent',
  'sla_resolution_met', 'sla_resolution_missed', 'sla_resolution_pending', 'sla_resolution_percent',
  'backlog_at_end', 'reopened', 'resolved', 'reopen_rate_percent', 'escalated', 'escalation_rate_percent',
];

describe('metricsCsvRows', () => {
  it('gives one row per period and a totals row, with the hand-computed figures', () => {
    expect(metricsCsvRows(report, 'kind')).toEqual([
      [...header, 'reported_kind_security', 'reported_kind_service'],
      // Mon: a and b reported; acknowledged after 10 and 30 min (median 20, p90 30); a resolved in
      // 2 h; both responses met, a's resolution met, b's pending (12 h of 24 by the range end);
      // b open at the end of the day.
      ['2026-03-02', '2 Mar 2026', '2026-03-02T00:00:00.000Z', '2026-03-03T00:00:00.000Z', 'no', '2', '0',
        '2', '20', '30', '20', '0', '', '', '', '0', '', '', '', '1', '120', '120', '120', '0', '', '', '',
        '2', '0', '0', '100', '1', '0', '1', '100', '1', '0', '1', '0', '0', '0', '1', '1'],
      // Tue: c reported (major, escalated), nothing measured; both its clocks pending; b and c open.
      ['2026-03-03', '3 Mar 2026', '2026-03-03T00:00:00.000Z', '2026-03-04T00:00:00.000Z', 'no', '1', '1',
        '0', '', '', '', '0', '', '', '', '0', '', '', '', '0', '', '', '', '0', '', '', '',
        '0', '0', '1', '', '0', '0', '1', '', '2', '0', '0', '', '1', '100', '1', '0'],
      ['total', 'Whole range', '2026-03-02T00:00:00.000Z', '2026-03-04T00:00:00.000Z', 'no', '3', '1',
        '2', '20', '30', '20', '0', '', '', '', '0', '', '', '', '1', '120', '120', '120', '0', '', '', '',
        '2', '0', '1', '100', '1', '0', '2', '100', '2', '0', '1', '0', '1', '33.33', '2', '1'],
    ]);
  });

  it('names team columns by team, "unassigned" last, and lists only keys with incidents', () => {
    const rows = [
      metricRow('t1', '2026-03-02T10:00:00Z', { teamId: 'team-z', teamName: 'Zulu' }),
      metricRow('t2', '2026-03-02T11:00:00Z'),
      metricRow('t3', '2026-03-03T10:00:00Z', { teamId: 'team-a', teamName: 'Alpha' }),
    ];
    const teamReport = computeMetrics(rows, twoDayQuery, defaultServiceLevelPolicy);
    expect(volumeKeysOf(teamReport, 'team')).toEqual(['team-a', 'team-z', 'unassigned']);
    const [head, monday] = metricsCsvRows(teamReport, 'team');
    expect(head!.slice(-3)).toEqual(['reported_team_Alpha', 'reported_team_Zulu', 'reported_team_unassigned']);
    expect(monday!.slice(-3)).toEqual(['0', '1', '1']);
    expect(volumeKeysOf(teamReport, 'priority')).toEqual(['P3']);
  });

  it('writes CSV that reads back to exactly the same cells, quoting a team name with a comma or quote', () => {
    const rows = [metricRow('t1', '2026-03-02T10:00:00Z', { teamId: 'team-x', teamName: 'Ops, "night" shift' })];
    const teamReport = computeMetrics(rows, twoDayQuery, defaultServiceLevelPolicy);
    const text = metricsCsv(teamReport, 'team');
    expect(text.split('\r\n')[0]!.endsWith('"reported_team_Ops, ""night"" shift"')).toBe(true);
    expect(Papa.parse<string[]>(text).data).toEqual(metricsCsvRows(teamReport, 'team'));
  });
});
