import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { alwaysOpenCalendar, businessCalendarSchema } from '../../../../shared/domain/businessCalendar';
import { createIncident, incidentSources, type Incident } from '../../../../shared/domain/incident';
import { localDateRange, previousComparableRange } from '../../../../shared/domain/metricPeriods';
import {
  agingBuckets,
  computeMetrics,
  durationMetrics,
  holdTimeWithinMs,
  incidentsBehind,
  metricFormulas,
  summariseDurations,
  toMetricIncident,
  type MetricIncident,
  type MetricsQuery,
} from '../../../../shared/domain/metrics';
import { defaultPriorityMatrix, priorities } from '../../../../shared/domain/priority';
import { defaultServiceLevelPolicy, type ServiceLevelPolicy } from '../../../../shared/domain/serviceLevel';
import { incidentCategories } from '../../../../shared/domain/taxonomy';
import { metricRow } from '../../../support/metricRows';

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;
const ms = (iso: string) => Date.parse(iso);
const policy = defaultServiceLevelPolicy;

const row = metricRow;

// ---------------------------------------------------------------------------------------------
// The hand-computed fixture: three UTC days, Mon 2026-03-02 .. Wed 2026-03-04 (P0, P1, P2), period
// ends E0 = 03-03 00:00, E1 = 03-04 00:00, E2 = 03-05 00:00 (the range end). Targets are the
// defaults, 24x7: P1 15 min / 4 h, P2 30 min / 8 h, P3 2 h / 24 h, P4 8 h / 72 h, P5 24 h / 7 d.
const net = { teamId: 'team-net', teamName: 'Network' };
const soc = { teamId: 'team-soc', teamName: 'Security Operations' };
const fixture: MetricIncident[] = [
  // A: P2 outage, reported P0 09:00, ack 09:20 (20 min <= 30 met), hold 10:00-12:00, resolved 15:00
  // (6 h - 2 h hold = 4 h <= 8 h met), closed 03-03 09:00 (24 h after report), escalated, major.
  row('A', '2026-03-02T09:00:00Z', {
    ...net,
    priority: 'P2',
    isMajor: true,
    escalationCount: 1,
    acknowledgedMs: ms('2026-03-02T09:20:00Z'),
    holds: [{ fromMs: ms('2026-03-02T10:00:00Z'), toMs: ms('2026-03-02T12:00:00Z') }],
    resolvedMs: ms('2026-03-02T15:00:00Z'),
    closedMs: ms('2026-03-03T09:00:00Z'),
  }),
  // B: P1 security phishing, started 06:00, detected 08:00 (2 h to detect), reported 08:30, ack 09:00
  // (30 min > 15 missed), contained 10:00 (2 h after detection), resolved 03-03 10:30 (26 h > 4 h
  // missed), reopened once before that last resolution.
  row('B', '2026-03-02T08:30:00Z', {
    ...soc,
    kind: 'security',
    category: 'phishing',
    priority: 'P1',
    reopenCount: 1,
    startedMs: ms('2026-03-02T06:00:00Z'),
    detectedMs: ms('2026-03-02T08:00:00Z'),
    acknowledgedMs: ms('2026-03-02T09:00:00Z'),
    containedMs: ms('2026-03-02T10:00:00Z'),
    resolvedMs: ms('2026-03-03T10:30:00Z'),
  }),
  // C: P3 degradation, reported P1 12:00, ack 13:00 (1 h <= 2 h met), on hold since 14:00 and still:
  // resolution clock at E2 = 2 h (12:00-14:00) <= 24 h, pending, not breached.
  row('C', '2026-03-03T12:00:00Z', {
    category: 'degradation',
    acknowledgedMs: ms('2026-03-03T13:00:00Z'),
    holds: [{ fromMs: ms('2026-03-03T14:00:00Z'), toMs: null }],
  }),
  // D: P4 hardware reported before the range (03-01 10:00), ack 03-02 02:00 (16 h > 8 h missed, in
  // P0), still open: in every backlog, never pending (not reported in the range).
  row('D', '2026-03-01T10:00:00Z', { category: 'hardware', priority: 'P4', acknowledgedMs: ms('2026-03-02T02:00:00Z') }),
  // E: P3 security malware, reported P2 09:00, cancelled 10:00 unacknowledged: volume only.
  row('E', '2026-03-04T09:00:00Z', { ...soc, kind: 'security', category: 'malware', cancelledMs: ms('2026-03-04T10:00:00Z') }),
  // F: an exercise (P1 ransomware, reported P1 10:00, ack 10:05): left out unless asked for.
  row('F', '2026-03-03T10:00:00Z', { kind: 'security', category: 'ransomware', priority: 'P1', isExercise: true, acknowledgedMs: ms('2026-03-03T10:05:00Z') }),
  // G: imported P5 supplier, reported P2 11:00, ack 11:30 (met), resolved 12:00 (1 h, met).
  row('G', '2026-03-04T11:00:00Z', {
    category: 'supplier',
    priority: 'P5',
    source: 'import',
    isImported: true,
    acknowledgedMs: ms('2026-03-04T11:30:00Z'),
    resolvedMs: ms('2026-03-04T12:00:00Z'),
  }),
  // H: deleted: never counts.
  row('H', '2026-03-02T10:00:00Z', { isDeleted: true, acknowledgedMs: ms('2026-03-02T10:01:00Z') }),
  // I: P2 outage, reported P2 20:00, never acknowledged: at E2 4 h elapsed > 30 min (response
  // pending, breached) and <= 8 h (resolution pending, not breached). Escalated twice.
  row('I', '2026-03-04T20:00:00Z', { ...net, priority: 'P2', escalationCount: 2 }),
  // J: P3 software, reported P1 08:00, ack 08:10 (met), resolved 20:00 (12 h <= 24 h met).
  row('J', '2026-03-03T08:00:00Z', { ...net, category: 'software', acknowledgedMs: ms('2026-03-03T08:10:00Z'), resolvedMs: ms('2026-03-03T20:00:00Z') }),
];
const query: MetricsQuery = { range: localDateRange('UTC', '2026-03-02', '2026-03-04'), granularity: 'day', timeZone: 'UTC' };

describe('computeMetrics on the hand-computed fixture', () => {
  const report = computeMetrics(fixture, query, policy);
  const [p0, p1, p2] = report.periods;

  it('lists the three days', () => {
    expect(report.periods.map((period) => period.key)).toEqual(['2026-03-02', '2026-03-03', '2026-03-04']);
  });

  it('counts volume by reportedAt, split every way (D before the range, F exercise, H deleted: out)', () => {
    expect(p0!.volume).toEqual({
      total: 2, // A, B
      byCategory: { outage: 1, phishing: 1 },
      byPriority: { P2: 1, P1: 1 },
      byTeam: { 'team-net': 1, 'team-soc': 1 },
      bySource: { manual: 2 },
      byKind: { service: 1, security: 1 },
    });
    expect(p1!.volume).toEqual({ total: 2, byCategory: { degradation: 1, software: 1 }, byPriority: { P3: 2 }, byTeam: { unassigned: 1, 'team-net': 1 }, bySource: { manual: 2 }, byKind: { service: 2 } });
    // E (cancelled still counts), G, I.
    expect(p2!.volume.total).toBe(3);
    expect(p2!.volume.byCategory).toEqual({ malware: 1, supplier: 1, outage: 1 });
    expect(p2!.volume.bySource).toEqual({ manual: 2, import: 1 });
    expect(report.totals.volume.total).toBe(7);
    expect(report.totals.volume.byTeam).toEqual({ 'team-net': 3, 'team-soc': 2, unassigned: 2 });
    expect(report.teamNames).toEqual({ 'team-net': 'Network', 'team-soc': 'Security Operations' });
  });

  it('gives time to acknowledge by the period of acknowledgement: median, nearest-rank p90, mean', () => {
    // P0: A 20 min, B 30 min, D 16 h (acknowledged in P0 though reported before the range).
    // Sorted [20, 30, 960] min: median 30; p90 rank ceil(0.9 * 3) = 3 -> 960; mean 1010 / 3 min.
    expect(p0!.timeToAcknowledge).toEqual({ count: 3, medianMs: 30 * minute, p90Ms: 16 * hour, meanMs: (1010 * minute) / 3 });
    // P1: C 60 min, J 10 min. Even count: median (10 + 60) / 2 = 35; p90 rank ceil(1.8) = 2 -> 60.
    expect(p1!.timeToAcknowledge).toEqual({ count: 2, medianMs: 35 * minute, p90Ms: hour, meanMs: 35 * minute });
    // P2: G 30 min.
    expect(p2!.timeToAcknowledge).toEqual({ count: 1, medianMs: 30 * minute, p90Ms: 30 * minute, meanMs: 30 * minute });
    // Range: [10, 20, 30, 30, 60, 960] min: median (30 + 30) / 2 = 30; p90 rank ceil(5.4) = 6 -> 960;
    // mean 1110 / 6 = 185 min.
    expect(report.totals.timeToAcknowledge).toEqual({ count: 6, medianMs: 30 * minute, p90Ms: 960 * minute, meanMs: 185 * minute });
  });

  it('gives time to detect only where the start is known, and time to contain from detection', () => {
    // B only: 08:00 - 06:00 = 2 h; contained 10:00 - detected 08:00 = 2 h. Both in P0.
    expect(p0!.timeToDetect).toEqual({ count: 1, medianMs: 2 * hour, p90Ms: 2 * hour, meanMs: 2 * hour });
    expect(p0!.timeToContain).toEqual({ count: 1, medianMs: 2 * hour, p90Ms: 2 * hour, meanMs: 2 * hour });
    expect(p1!.timeToDetect.count).toBe(0);
    expect(report.totals.timeToContain.count).toBe(1);
  });

  it('gives time to resolve without time on hold, by the period of resolution', () => {
    // P0: A 15:00 - 09:00 - 2 h hold = 4 h.
    expect(p0!.timeToResolve).toEqual({ count: 1, medianMs: 4 * hour, p90Ms: 4 * hour, meanMs: 4 * hour });
    // P1: B 26 h, J 12 h: median 19 h, p90 rank 2 -> 26 h, mean 19 h.
    expect(p1!.timeToResolve).toEqual({ count: 2, medianMs: 19 * hour, p90Ms: 26 * hour, meanMs: 19 * hour });
    // P2: G 1 h. Range: [1, 4, 12, 26] h: median (4 + 12) / 2 = 8 h, p90 rank ceil(3.6) = 4 -> 26 h,
    // mean 43 / 4 = 10.75 h.
    expect(p2!.timeToResolve.medianMs).toBe(hour);
    expect(report.totals.timeToResolve).toEqual({ count: 4, medianMs: 8 * hour, p90Ms: 26 * hour, meanMs: 10.75 * hour });
  });

  it('gives time to close by the period of closing', () => {
    // A closed 03-03 09:00, 24 h after report: in P1, not P0.
    expect(p0!.timeToClose.count).toBe(0);
    expect(p1!.timeToClose).toEqual({ count: 1, medianMs: 24 * hour, p90Ms: 24 * hour, meanMs: 24 * hour });
  });

  it('counts SLA response compliance where the clock stopped, and pending clocks where reported', () => {
    // P0: A met (20 <= 30 min), B missed (30 > 15 min), D missed (16 h > 8 h).
    expect(p0!.slaResponse).toEqual({ met: 1, missed: 2, pending: 0, pendingBreached: 0, rate: 1 / 3 });
    // P1: C met (1 h <= 2 h), J met (10 min).
    expect(p1!.slaResponse).toEqual({ met: 2, missed: 0, pending: 0, pendingBreached: 0, rate: 1 });
    // P2: G met (30 min <= 24 h); I pending and breached (4 h > 30 min); E cancelled: nowhere.
    expect(p2!.slaResponse).toEqual({ met: 1, missed: 0, pending: 1, pendingBreached: 1, rate: 1 });
    expect(report.totals.slaResponse).toEqual({ met: 4, missed: 2, pending: 1, pendingBreached: 1, rate: 4 / 6 });
  });

  it('counts SLA resolution compliance with holds left out', () => {
    // P0: A 4 h of 8 h met. P1: B 26 h > 4 h missed, J 12 h <= 24 h met, C pending (2 h, on hold).
    // P2: G 1 h met, I pending (4 h <= 8 h). D reported before the range: not pending anywhere.
    expect(p0!.slaResolution).toEqual({ met: 1, missed: 0, pending: 0, pendingBreached: 0, rate: 1 });
    expect(p1!.slaResolution).toEqual({ met: 1, missed: 1, pending: 1, pendingBreached: 0, rate: 0.5 });
    expect(p2!.slaResolution).toEqual({ met: 1, missed: 0, pending: 1, pendingBreached: 0, rate: 1 });
    expect(report.totals.slaResolution).toEqual({ met: 3, missed: 1, pending: 2, pendingBreached: 0, rate: 0.75 });
  });

  it('counts the backlog at each period end, hold as open, and ages the open ones at the range end', () => {
    // E0: B (resolved 03-03 10:30), D. E1: C, D. E2: C (on hold), D, I.
    expect(report.periods.map((period) => period.backlog)).toEqual([2, 2, 3]);
    expect(report.totals.backlog).toBe(3);
    // At 03-05 00:00: I 4 h (< 1 d), C 36 h (1-3 d), D 3 d 14 h (3-7 d).
    expect(report.aging).toEqual([
      { key: 'under1d', label: 'Under 1 day', count: 1 },
      { key: '1to3d', label: '1-3 days', count: 1 },
      { key: '3to7d', label: '3-7 days', count: 1 },
      { key: '7to30d', label: '7-30 days', count: 0 },
      { key: 'over30d', label: '30 days or more', count: 0 },
    ]);
  });

  it('gives reopen rate by resolution period and escalation rate by report period', () => {
    // Resolved: P0 A; P1 B (reopened once), J; P2 G.
    expect(report.periods.map((period) => period.reopenRate)).toEqual([
      { numerator: 0, denominator: 1, rate: 0 },
      { numerator: 1, denominator: 2, rate: 0.5 },
      { numerator: 0, denominator: 1, rate: 0 },
    ]);
    expect(report.totals.reopenRate).toEqual({ numerator: 1, denominator: 4, rate: 0.25 });
    // Reported: P0 A (escalated), B; P1 C, J; P2 E, G, I (escalated twice: counts once).
    expect(report.periods.map((period) => period.escalationRate.rate)).toEqual([0.5, 0, 1 / 3]);
    expect(report.totals.escalationRate).toEqual({ numerator: 2, denominator: 7, rate: 2 / 7 });
    expect(report.periods.map((period) => period.majorIncidents)).toEqual([1, 0, 0]);
  });

  it('gives the mean time between incidents of each category over the range', () => {
    // Outage: A 03-02 09:00 and I 03-04 20:00: 59 h / (2 - 1). The others have one incident each;
    // D (hardware) was reported before the range. Taxonomy order: security categories first.
    const single = (category: string, at: string) => ({ category, count: 1, firstReportedMs: ms(at), lastReportedMs: ms(at), meanMs: null });
    expect(report.meanTimeBetweenIncidents).toEqual([
      single('malware', '2026-03-04T09:00:00Z'),
      single('phishing', '2026-03-02T08:30:00Z'),
      { category: 'outage', count: 2, firstReportedMs: ms('2026-03-02T09:00:00Z'), lastReportedMs: ms('2026-03-04T20:00:00Z'), meanMs: 59 * hour },
      single('degradation', '2026-03-03T12:00:00Z'),
      single('software', '2026-03-03T08:00:00Z'),
      single('supplier', '2026-03-04T11:00:00Z'),
    ]);
    // Three in a category: (last - first) / 2.
    const three = [row('x', '2026-03-02T00:00:00Z'), row('y', '2026-03-02T01:00:00Z'), row('z', '2026-03-03T06:00:00Z')];
    expect(computeMetrics(three, query, policy).meanTimeBetweenIncidents).toEqual([
      { category: 'outage', count: 3, firstReportedMs: ms('2026-03-02T00:00:00Z'), lastReportedMs: ms('2026-03-03T06:00:00Z'), meanMs: 15 * hour },
    ]);
  });
});

describe('which incidents count', () => {
  it('includes exercises only when asked', () => {
    const report = computeMetrics(fixture, { ...query, includeExercises: true }, policy);
    // F joins P1: volume 3, acknowledgement 5 min (met, P1 target 15 min).
    expect(report.periods[1]!.volume.total).toBe(3);
    expect(report.periods[1]!.volume.byCategory.ransomware).toBe(1);
    expect(report.periods[1]!.timeToAcknowledge.count).toBe(3);
    expect(report.periods[1]!.slaResponse.met).toBe(3);
    // F has no resolution: pending in P1 (open 38 h at the range end > 4 h: breached), in the backlog.
    expect(report.periods[1]!.slaResolution).toMatchObject({ pending: 2, pendingBreached: 1 });
    expect(report.totals.backlog).toBe(4);
  });

  it('leaves imported incidents out when asked', () => {
    const report = computeMetrics(fixture, { ...query, includeImported: false }, policy);
    // Without G: P2 volume 2, nothing acknowledged or resolved in P2.
    expect(report.periods[2]!.volume).toMatchObject({ total: 2, bySource: { manual: 2 } });
    expect(report.periods[2]!.timeToAcknowledge.count).toBe(0);
    expect(report.periods[2]!.slaResponse).toEqual({ met: 0, missed: 0, pending: 1, pendingBreached: 1, rate: null });
    expect(report.totals.timeToResolve.count).toBe(3);
  });

  it('filters by team (with "unassigned"), kind, category, priority and source', () => {
    expect(computeMetrics(fixture, { ...query, teamIds: ['team-net'] }, policy).totals.volume.total).toBe(3); // A, I, J
    expect(computeMetrics(fixture, { ...query, teamIds: ['unassigned'] }, policy).totals.volume.total).toBe(2); // C, G
    expect(computeMetrics(fixture, { ...query, kinds: ['security'] }, policy).totals.volume.total).toBe(2); // B, E
    expect(computeMetrics(fixture, { ...query, categories: ['outage', 'hardware'] }, policy).totals).toMatchObject({ volume: { total: 2 }, backlog: 2 }); // A, I; D and I open
    expect(computeMetrics(fixture, { ...query, priorities: ['P1', 'P2'] }, policy).totals.slaResponse).toMatchObject({ met: 1, missed: 1, pending: 1 }); // A, B, I
    expect(computeMetrics(fixture, { ...query, sources: ['import'] }, policy).totals.volume.total).toBe(1);
    expect(computeMetrics(fixture, { ...query, teamIds: [] }, policy).totals.volume.total).toBe(7); // empty = all
  });
});

describe('empty periods, open incidents and time zones', () => {
  it('lists empty periods with zero counts and null figures, and carries the backlog through them', () => {
    const rows = [row('only', '2026-03-02T10:00:00Z')];
    const report = computeMetrics(rows, { range: localDateRange('UTC', '2026-03-01', '2026-03-05'), granularity: 'day', timeZone: 'UTC' }, policy);
    expect(report.periods.map((period) => [period.key, period.volume.total, period.backlog])).toEqual([
      ['2026-03-01', 0, 0],
      ['2026-03-02', 1, 1],
      ['2026-03-03', 0, 1],
      ['2026-03-04', 0, 1],
      ['2026-03-05', 0, 1],
    ]);
    const empty = report.periods[0]!;
    expect(empty.timeToAcknowledge).toEqual({ count: 0, medianMs: null, p90Ms: null, meanMs: null });
    expect(empty.slaResponse).toEqual({ met: 0, missed: 0, pending: 0, pendingBreached: 0, rate: null });
    expect(empty.reopenRate.rate).toBeNull();
    expect(empty.volume).toEqual({ total: 0, byCategory: {}, byPriority: {}, byTeam: {}, bySource: {}, byKind: {} });
    // Reported 03-02 10:00, unacknowledged at 03-06 00:00: 3 d 14 h > 2 h and > 24 h.
    expect(report.totals.slaResponse).toEqual({ met: 0, missed: 0, pending: 1, pendingBreached: 1, rate: null });
    expect(report.aging.find((bucket) => bucket.key === '3to7d')!.count).toBe(1);
    expect(computeMetrics([], query, policy).totals.volume.total).toBe(0);
  });

  it('counts an incident resolved exactly at a period end in the next period, and open at that end', () => {
    const rows = [row('edge', '2026-03-02T10:00:00Z', { acknowledgedMs: ms('2026-03-02T11:00:00Z'), resolvedMs: ms('2026-03-03T00:00:00Z') })];
    const report = computeMetrics(rows, query, policy);
    expect(report.periods.map((period) => period.backlog)).toEqual([1, 0, 0]);
    expect(report.periods.map((period) => period.timeToResolve.count)).toEqual([0, 1, 0]);
  });

  it('treats stops after the range end as not yet happened: pending, and open in the backlog', () => {
    // Acknowledged 3 h after report (> 2 h) but after the range end; at the end 1 h had passed.
    const rows = [row('late', '2026-03-04T23:00:00Z', { acknowledgedMs: ms('2026-03-05T02:00:00Z'), resolvedMs: ms('2026-03-05T03:00:00Z') })];
    const report = computeMetrics(rows, query, policy);
    expect(report.totals.slaResponse).toEqual({ met: 0, missed: 0, pending: 1, pendingBreached: 0, rate: null });
    expect(report.totals.timeToAcknowledge.count).toBe(0);
    expect(report.totals.backlog).toBe(1);
    // The next day's report sees the miss, where the clock stopped.
    const next = computeMetrics(rows, { ...query, range: localDateRange('UTC', '2026-03-05', '2026-03-05') }, policy);
    expect(next.totals.slaResponse).toMatchObject({ met: 0, missed: 1, pending: 0 });
  });

  it('buckets by the day in the chosen zone: 23:30 UTC is the next day in Berlin', () => {
    const rows = [row('late-evening', '2026-05-10T23:30:00Z')];
    const utc = computeMetrics(rows, { range: localDateRange('UTC', '2026-05-10', '2026-05-11'), granularity: 'day', timeZone: 'UTC' }, policy);
    const berlin = computeMetrics(rows, { range: localDateRange('Europe/Berlin', '2026-05-10', '2026-05-11'), granularity: 'day', timeZone: 'Europe/Berlin' }, policy);
    expect(utc.periods.map((period) => period.volume.total)).toEqual([1, 0]);
    expect(berlin.periods.map((period) => period.volume.total)).toEqual([0, 1]);
  });

  it('counts the 23-hour spring-forward day in London and the 25-hour autumn day in New York', () => {
    // London 2026-03-29 runs 00:00Z to 23:00Z: 22:30Z is in it, 23:30Z (00:30 BST on the 30th) is not.
    const london = computeMetrics(
      [row('in', '2026-03-29T22:30:00Z'), row('out', '2026-03-29T23:30:00Z'), row('before-change', '2026-03-29T00:30:00Z')],
      { range: localDateRange('Europe/London', '2026-03-29', '2026-03-30'), granularity: 'day', timeZone: 'Europe/London' },
      policy,
    );
    expect(london.periods.map((period) => [period.key, period.volume.total])).toEqual([
      ['2026-03-29', 2],
      ['2026-03-30', 1],
    ]);
    // New York 2026-11-01 runs 04:00Z to 05:00Z on the 2nd: 04:30Z on the 2nd is 23:30 EST on the 1st.
    const newYork = computeMetrics(
      [row('late', '2026-11-02T04:30:00Z', { acknowledgedMs: ms('2026-11-02T05:30:00Z') })],
      { range: localDateRange('America/New_York', '2026-11-01', '2026-11-02'), granularity: 'day', timeZone: 'America/New_York' },
      policy,
    );
    expect(newYork.periods.map((period) => period.volume.total)).toEqual([1, 0]);
    // Acknowledged 00:30 EST on the 2nd: 1 h, in the second day; open at the end of the first.
    expect(newYork.periods.map((period) => period.timeToAcknowledge.count)).toEqual([0, 1]);
    expect(newYork.periods.map((period) => period.backlog)).toEqual([1, 1]);
  });

  it('buckets by ISO week across the year end: 2026-12-31 and 2027-01-01 are both 2026-W53', () => {
    const rows = [row('thu', '2026-12-31T12:00:00Z'), row('fri', '2027-01-01T12:00:00Z'), row('mon', '2027-01-04T12:00:00Z')];
    const report = computeMetrics(rows, { range: localDateRange('UTC', '2026-12-28', '2027-01-10'), granularity: 'week', timeZone: 'UTC' }, policy);
    expect(report.periods.map((period) => [period.key, period.volume.total])).toEqual([
      ['2026-W53', 2],
      ['2027-W01', 1],
    ]);
  });

  it('compares with the previous comparable range', () => {
    // The three days before the fixture's range: 02-27 .. 03-01. Only D was reported then.
    const previousRange = previousComparableRange(query.range, 'day', 'UTC');
    const previous = computeMetrics(fixture, { ...query, range: previousRange }, policy);
    expect(previous.periods.map((period) => [period.key, period.volume.total, period.backlog])).toEqual([
      ['2026-02-27', 0, 0],
      ['2026-02-28', 0, 0],
      ['2026-03-01', 1, 1],
    ]);
    // D was not yet acknowledged at 03-02 00:00 (16 h > 8 h): pending and breached then.
    expect(previous.totals.slaResponse).toEqual({ met: 0, missed: 0, pending: 1, pendingBreached: 1, rate: null });
  });

  it('measures SLA compliance in working time of the kind’s calendar, with the priority at the stop', () => {
    const officeDay = [{ start: '09:00', end: '17:00' }];
    const office = businessCalendarSchema.parse({ id: 'office', name: 'Office', timeZone: 'Europe/London', weeklyHours: [[], officeDay, officeDay, officeDay, officeDay, officeDay, []], holidays: [] });
    const officePolicy: ServiceLevelPolicy = { ...policy, calendars: { security: alwaysOpenCalendar, service: office } };
    // Reported Fri 2026-03-06 16:30Z (16:30 GMT), acknowledged Mon 09:45: 30 + 45 = 75 min of
    // office time <= 2 h (P3) met; around the clock it is 65 h 15 min: missed.
    const weekend = row('weekend', '2026-03-06T16:30:00Z', { acknowledgedMs: ms('2026-03-09T09:45:00Z') });
    // Raised from P3 to P1 at 10:00, acknowledged 10:20 (20 min): the P1 target (15 min) applies.
    const raised = row('raised', '2026-03-09T10:00:00Z', {
      priority: 'P1',
      acknowledgedMs: ms('2026-03-09T10:20:00Z'),
      priorityChanges: [{ atMs: ms('2026-03-09T10:00:00Z'), from: 'P3', to: 'P1' }],
    });
    const range = { range: localDateRange('UTC', '2026-03-06', '2026-03-09'), granularity: 'week' as const, timeZone: 'UTC' };
    expect(computeMetrics([weekend], range, officePolicy).totals.slaResponse).toMatchObject({ met: 1, missed: 0 });
    expect(computeMetrics([weekend], range, policy).totals.slaResponse).toMatchObject({ met: 0, missed: 1 });
    expect(computeMetrics([raised], range, policy).totals.slaResponse).toMatchObject({ met: 0, missed: 1 });
  });
});

describe('incidentsBehind', () => {
  const behind = (point: Parameters<typeof incidentsBehind>[2], overrides: Partial<MetricsQuery> = {}) => incidentsBehind(fixture, { ...query, ...overrides }, point, policy);

  it('lists the incidents behind each kind of chart point', () => {
    expect(behind({ metric: 'volume', periodKey: '2026-03-02', series: 'category:outage' })).toEqual(['A']);
    expect(behind({ metric: 'volume', periodKey: '2026-03-04' })).toEqual(['E', 'G', 'I']);
    expect(behind({ metric: 'volume', periodKey: null, series: 'team:unassigned' })).toEqual(['C', 'G']);
    expect(behind({ metric: 'backlog', periodKey: '2026-03-03' })).toEqual(['C', 'D']);
    expect(behind({ metric: 'backlog', periodKey: null })).toEqual(['C', 'D', 'I']);
    expect(behind({ metric: 'slaResponse', periodKey: '2026-03-02', series: 'missed' })).toEqual(['B', 'D']);
    expect(behind({ metric: 'slaResponse', periodKey: '2026-03-02' })).toEqual(['A', 'B', 'D']);
    expect(behind({ metric: 'slaResponse', periodKey: null, series: 'pendingBreached' })).toEqual(['I']);
    expect(behind({ metric: 'slaResolution', periodKey: null, series: 'pending' })).toEqual(['C', 'I']);
    expect(behind({ metric: 'timeToAcknowledge', periodKey: '2026-03-02' })).toEqual(['A', 'B', 'D']);
    expect(behind({ metric: 'timeToResolve', periodKey: '2026-03-03' })).toEqual(['B', 'J']);
    expect(behind({ metric: 'aging', series: '3to7d' })).toEqual(['D']);
    expect(behind({ metric: 'reopenRate', periodKey: '2026-03-03', series: 'reopened' })).toEqual(['B']);
    expect(behind({ metric: 'reopenRate', periodKey: '2026-03-03' })).toEqual(['B', 'J']);
    expect(behind({ metric: 'escalationRate', periodKey: null, series: 'escalated' })).toEqual(['A', 'I']);
    expect(behind({ metric: 'majorIncidents', periodKey: null })).toEqual(['A']);
    expect(behind({ metric: 'meanTimeBetweenIncidents', series: 'outage' })).toEqual(['A', 'I']);
    expect(behind({ metric: 'volume', periodKey: '2026-03-03' }, { includeExercises: true })).toEqual(['C', 'F', 'J']);
    expect(behind({ metric: 'volume', periodKey: '2027-W01' })).toEqual([]);
  });
});

describe('building blocks', () => {
  it('summarises durations: nearest-rank p90 and the mean of the two middle values', () => {
    expect(summariseDurations([])).toEqual({ count: 0, medianMs: null, p90Ms: null, meanMs: null });
    expect(summariseDurations([7])).toEqual({ count: 1, medianMs: 7, p90Ms: 7, meanMs: 7 });
    // 1..10: median (5 + 6) / 2; p90 rank ceil(9) = 9 -> 9; mean 5.5.
    expect(summariseDurations([10, 3, 1, 9, 2, 8, 4, 7, 5, 6])).toEqual({ count: 10, medianMs: 5.5, p90Ms: 9, meanMs: 5.5 });
    // 11 values: p90 rank ceil(9.9) = 10.
    expect(summariseDurations([5, 5, 5, 1, 1, 1, 9, 9, 100, 0, 0]).p90Ms).toBe(9);
    expect(summariseDurations([3, 1, 2]).medianMs).toBe(2);
  });

  it('agrees with a full sort on any values', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1000, max: 1_000_000 }), { minLength: 1, maxLength: 200 }), (values) => {
        const sorted = [...values].sort((a, b) => a - b);
        const n = sorted.length;
        const median = n % 2 === 1 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
        const stats = summariseDurations(values);
        expect(stats.medianMs).toBe(median);
        expect(stats.p90Ms).toBe(sorted[Math.ceil(0.9 * n) - 1]);
        expect(stats.meanMs).toBeCloseTo(values.reduce((a, b) => a + b, 0) / n, 6);
      }),
      { numRuns: 200 },
    );
  });

  it('counts overlapping holds once, clipped to the measured span, an open hold to its end', () => {
    const holds = [
      { fromMs: 0, toMs: 10 },
      { fromMs: 5, toMs: 20 },
      { fromMs: 30, toMs: null },
      { fromMs: -50, toMs: -40 },
    ];
    // [0, 20) = 20 within [0, 100], plus [30, 100] = 70.
    expect(holdTimeWithinMs(holds, 0, 100)).toBe(90);
    // Within [8, 35]: [8, 20) = 12 and [30, 35) = 5.
    expect(holdTimeWithinMs(holds, 8, 35)).toBe(17);
  });

  it('converts a full incident to a row, marking exercises and imports', () => {
    const base = createIncident(
      {
        title: 'VPN down',
        description: '',
        kind: 'service',
        category: 'network',
        affectedServices: 'VPN',
        impact: 'high',
        urgency: 'medium',
        detectedAt: '2026-03-02T08:50:00.000Z',
        startedAt: '2026-03-02T08:40:00.000Z',
        tlp: 'GREEN',
        hasPersonalData: false,
        isMajor: false,
        priorityOverride: null,
        mode: 'live',
      },
      { id: '0195f0b4-0000-7000-8000-000000000001', reference: 'INC-1', reporter: { id: 'p', name: 'P' }, matrix: defaultPriorityMatrix, nowIso: '2026-03-02T09:00:00.000Z' },
    );
    const incident: Incident = {
      ...base,
      routedTeam: { id: 'team-net', name: 'Network' },
      holdIntervals: [{ from: '2026-03-02T10:00:00.000Z', to: null, reason: 'Vendor' }],
      priorityChanges: [
        { at: '2026-03-02T11:00:00.000Z', from: 'P3', to: 'P2' },
        { at: '2026-03-02T10:30:00.000Z', from: 'P2', to: 'P3' },
      ],
    };
    const converted = toMetricIncident(incident);
    expect(converted).toMatchObject({
      id: incident.id,
      priority: 'P2',
      teamId: 'team-net',
      teamName: 'Network',
      isExercise: false,
      isImported: false,
      isDeleted: false,
      startedMs: ms('2026-03-02T08:40:00Z'),
      reportedMs: ms('2026-03-02T09:00:00Z'),
      acknowledgedMs: null,
      holds: [{ fromMs: ms('2026-03-02T10:00:00Z'), toMs: null }],
    });
    // Sorted oldest first.
    expect(converted.priorityChanges.map((change) => change.atMs)).toEqual([ms('2026-03-02T10:30:00Z'), ms('2026-03-02T11:00:00Z')]);
    expect(toMetricIncident({ ...incident, mode: 'exercise' }).isExercise).toBe(true);
    expect(toMetricIncident({ ...incident, source: 'exercise' }).isExercise).toBe(true);
    expect(toMetricIncident({ ...incident, mode: 'imported' }).isImported).toBe(true);
    expect(toMetricIncident({ ...incident, source: 'import' }).isImported).toBe(true);
    expect(toMetricIncident({ ...incident, deletedAt: '2026-03-03T00:00:00.000Z' }).isDeleted).toBe(true);
  });

  it('has a formula for every metric', () => {
    for (const metric of [...durationMetrics, 'slaResponse', 'slaResolution', 'volume', 'backlog', 'aging', 'reopenRate', 'escalationRate', 'majorIncidents', 'meanTimeBetweenIncidents'] as const) {
      expect(metricFormulas[metric].length).toBeGreaterThan(20);
    }
  });
});

describe('metrics properties', () => {
  const start = ms('2026-01-01T00:00:00Z');
  const rowArb = fc
    .record({
      reported: fc.integer({ min: start - 20 * day, max: start + 80 * day }),
      ack: fc.option(fc.integer({ min: 0, max: 3 * day }), { nil: null }),
      resolve: fc.option(fc.integer({ min: 0, max: 20 * day }), { nil: null }),
      close: fc.option(fc.integer({ min: 0, max: 5 * day }), { nil: null }),
      cancel: fc.option(fc.integer({ min: 0, max: 5 * day }), { nil: null }),
      hold: fc.option(fc.record({ from: fc.integer({ min: 0, max: 3 * day }), length: fc.option(fc.integer({ min: 1, max: 5 * day }), { nil: null }) }), { nil: null }),
      category: fc.constantFrom(...incidentCategories),
      priority: fc.constantFrom(...priorities),
      source: fc.constantFrom(...incidentSources),
      team: fc.constantFrom(null, 'team-a', 'team-b'),
      isMajor: fc.boolean(),
      isExercise: fc.boolean(),
      isImported: fc.boolean(),
      isDeleted: fc.boolean(),
      reopenCount: fc.nat(2),
      escalationCount: fc.nat(2),
    })
    .map((spec) => (index: number): MetricIncident => {
      const acknowledgedMs = spec.ack === null ? null : spec.reported + spec.ack;
      const isCancelled = spec.cancel !== null && spec.resolve === null;
      const resolvedMs = spec.resolve === null || isCancelled ? null : (acknowledgedMs ?? spec.reported) + spec.resolve;
      return {
        ...row(`r${index}`, new Date(spec.reported).toISOString()),
        kind: incidentCategories.indexOf(spec.category) < 10 ? 'security' : 'service',
        category: spec.category,
        priority: spec.priority,
        source: spec.source,
        teamId: spec.team,
        teamName: spec.team,
        isMajor: spec.isMajor,
        isExercise: spec.isExercise,
        isImported: spec.isImported,
        isDeleted: spec.isDeleted,
        reopenCount: spec.reopenCount,
        escalationCount: spec.escalationCount,
        acknowledgedMs,
        resolvedMs,
        closedMs: resolvedMs === null || spec.close === null ? null : resolvedMs + spec.close,
        cancelledMs: isCancelled ? spec.reported + spec.cancel! : null,
        holds: spec.hold === null ? [] : [{ fromMs: spec.reported + spec.hold.from, toMs: spec.hold.length === null ? null : spec.reported + spec.hold.from + spec.hold.length }],
      };
    });
  const rowsArb = (maxLength: number) => fc.array(rowArb, { maxLength }).map((builders) => builders.map((build, index) => build(index)));
  const queryArb = fc.record({
    from: fc.integer({ min: 0, max: 40 }),
    days: fc.integer({ min: 1, max: 60 }),
    granularity: fc.constantFrom('day' as const, 'week' as const, 'month' as const, 'quarter' as const),
    timeZone: fc.constantFrom('UTC', 'Europe/London', 'America/New_York', 'Asia/Kathmandu'),
    includeExercises: fc.boolean(),
    includeImported: fc.boolean(),
  }).map((spec): MetricsQuery => ({
    range: { startMs: start + spec.from * day, endMs: start + (spec.from + spec.days) * day },
    granularity: spec.granularity,
    timeZone: spec.timeZone,
    includeExercises: spec.includeExercises,
    includeImported: spec.includeImported,
  }));

  it('puts every counted incident reported in the range in exactly one period, and every split sums to the total', () => {
    fc.assert(
      fc.property(rowsArb(40), queryArb, (rows, metricsQuery) => {
        const report = computeMetrics(rows, metricsQuery, policy);
        const { startMs, endMs } = metricsQuery.range;
        const counted = rows.filter(
          (candidate) =>
            !candidate.isDeleted &&
            (metricsQuery.includeExercises || !candidate.isExercise) &&
            (metricsQuery.includeImported || !candidate.isImported) &&
            candidate.reportedMs >= startMs &&
            candidate.reportedMs < endMs,
        );
        expect(report.totals.volume.total).toBe(counted.length);
        const ids = report.periods.flatMap((period) => incidentsBehind(rows, metricsQuery, { metric: 'volume', periodKey: period.key }, policy));
        expect(ids.sort()).toEqual(counted.map((candidate) => candidate.id).sort());
        const sum = (record: Record<string, number | undefined>) => Object.values(record).reduce<number>((total, value) => total + (value ?? 0), 0);
        for (const slot of [...report.periods, report.totals]) {
          for (const split of [slot.volume.byCategory, slot.volume.byPriority, slot.volume.byTeam, slot.volume.bySource, slot.volume.byKind]) {
            expect(sum(split)).toBe(slot.volume.total);
          }
        }
        expect(report.periods.reduce((total, period) => total + period.volume.total, 0)).toBe(report.totals.volume.total);
        expect(sum(Object.fromEntries(report.aging.map((bucket) => [bucket.key, bucket.count])))).toBe(report.totals.backlog);
      }),
      { numRuns: 60 },
    );
  });

  it('lists exactly the incidents each point counts', () => {
    fc.assert(
      fc.property(rowsArb(30), queryArb, (rows, metricsQuery) => {
        const report = computeMetrics(rows, metricsQuery, policy);
        const count = (point: Parameters<typeof incidentsBehind>[2]) => incidentsBehind(rows, metricsQuery, point, policy).length;
        for (const period of [...report.periods, { ...report.totals, key: null }]) {
          const periodKey = period.key;
          for (const metric of durationMetrics) expect(count({ metric, periodKey })).toBe(period[metric].count);
          for (const metric of ['slaResponse', 'slaResolution'] as const) {
            for (const series of ['met', 'missed', 'pending', 'pendingBreached'] as const) expect(count({ metric, periodKey, series })).toBe(period[metric][series]);
          }
          expect(count({ metric: 'backlog', periodKey })).toBe(period.backlog);
          expect(count({ metric: 'reopenRate', periodKey, series: 'reopened' })).toBe(period.reopenRate.numerator);
          expect(count({ metric: 'reopenRate', periodKey, series: 'resolved' })).toBe(period.reopenRate.denominator);
          expect(count({ metric: 'escalationRate', periodKey, series: 'escalated' })).toBe(period.escalationRate.numerator);
          expect(count({ metric: 'majorIncidents', periodKey })).toBe(period.majorIncidents);
        }
        for (const bucket of agingBuckets) expect(count({ metric: 'aging', series: bucket.key })).toBe(report.aging.find((entry) => entry.key === bucket.key)!.count);
      }),
      { numRuns: 40 },
    );
  });

  it('keeps the backlog equal to a direct count at every period end', () => {
    fc.assert(
      fc.property(rowsArb(40), queryArb, (rows, metricsQuery) => {
        const report = computeMetrics(rows, { ...metricsQuery, includeExercises: true, includeImported: true }, policy);
        for (const period of report.periods) {
          const end = period.endMs;
          const open = rows.filter((candidate) => {
            if (candidate.isDeleted || candidate.reportedMs >= end) return false;
            const done = Math.min(candidate.resolvedMs ?? Infinity, candidate.closedMs ?? Infinity, candidate.cancelledMs ?? Infinity);
            return done >= end;
          });
          expect(period.backlog).toBe(open.length);
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe('imported history with partial dates', () => {
  // Three imported records in March 2026 (UTC): one known to the day, one only to the month
  // (kept at 03-01 00:00), one only to the year (kept at 2026-01-01, outside the range). All three
  // are closed at a time nobody recorded.
  const range = { startMs: ms('2026-03-01T00:00:00Z'), endMs: ms('2026-04-01T00:00:00Z') };
  const imported = (id: string, reportedAt: string, datePrecision: MetricIncident['datePrecision']) =>
    row(id, reportedAt, { isImported: true, source: 'import', datePrecision, hasUnknownEnd: true, category: 'data_breach', kind: 'security' });
  const rows = [
    imported('day', '2026-03-10T00:00:00Z', 'day'),
    imported('month', '2026-03-01T00:00:00Z', 'month'),
    imported('year', '2026-01-01T00:00:00Z', 'year'),
    row('live', '2026-03-11T09:00:00Z'),
  ];

  it('places a month-only record by month but never by week, and says how many were left out', () => {
    const byMonth = computeMetrics(rows, { range, granularity: 'month', timeZone: 'UTC' }, policy);
    expect(byMonth.totals.volume.total).toBe(3);
    expect(byMonth.leftOutForDatePrecision).toBe(0);
    const byWeek = computeMetrics(rows, { range, granularity: 'week', timeZone: 'UTC' }, policy);
    expect(byWeek.totals.volume.total).toBe(2);
    expect(byWeek.leftOutForDatePrecision).toBe(1);
    expect(incidentsBehind(rows, { range, granularity: 'week', timeZone: 'UTC' }, { metric: 'volume', periodKey: null }, policy).sort()).toEqual(['day', 'live']);
  });

  it('keeps records closed at an unknown time out of backlog, aging and pending clocks', () => {
    const report = computeMetrics(rows, { range, granularity: 'month', timeZone: 'UTC' }, policy);
    // Only the live incident is open at the end of March, and only its clocks are pending.
    expect(report.periods.map((period) => period.backlog)).toEqual([1]);
    expect(report.aging.reduce((total, bucket) => total + bucket.count, 0)).toBe(1);
    expect(report.totals.slaResponse.pending).toBe(1);
    expect(report.totals.slaResolution.pending).toBe(1);
  });

  const makeIncidentRecord = (): Incident =>
    createIncident(
      {
        title: 'Old breach',
        description: '',
        kind: 'security',
        category: 'data_breach',
        affectedServices: '',
        impact: 'medium',
        urgency: 'low',
        detectedAt: '2026-03-01T00:00:00.000Z',
        startedAt: null,
        tlp: 'AMBER',
        hasPersonalData: false,
        isMajor: false,
        priorityOverride: null,
        mode: 'live',
      },
      { id: '0195f0b4-0000-7000-8000-000000000002', reference: 'VCDB-1', reporter: { id: 'p', name: 'P' }, matrix: defaultPriorityMatrix, nowIso: '2026-03-01T00:00:00.000Z' },
    );

  it('reads precision and unknown ends from the incident record', () => {
    const closedHistory = toMetricIncident({ ...makeIncidentRecord(), stage: 'closed', mode: 'imported', source: 'import', datePrecision: 'month' });
    expect(closedHistory).toMatchObject({ datePrecision: 'month', hasUnknownEnd: true, isImported: true });
    const legacy: Partial<Incident> = makeIncidentRecord();
    delete legacy.datePrecision;
    expect(toMetricIncident(legacy as Incident)).toMatchObject({ datePrecision: 'exact', hasUnknownEnd: false });
  });
});
