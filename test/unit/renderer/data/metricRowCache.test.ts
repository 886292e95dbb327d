import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeMetricRows, encodeMetricRows, metricRowCacheVersion } from '../../../../renderer/data/metricRowCache';
import { datePrecisions, incidentSources } from '../../../../shared/domain/incident';
import type { MetricIncident } from '../../../../shared/domain/metrics';
import { priorities } from '../../../../shared/domain/priority';
import { incidentCategories, incidentKinds } from '../../../../shared/domain/taxonomy';
import { metricRow } from '../../../support/metricRows';

const instant = fc.integer({ min: 1_500_000_000_000, max: 1_900_000_000_000 });
const maybeInstant = fc.option(instant, { nil: null });

// A row has a team (id and name, as routedTeam gives them) or none.
const team = fc.option(fc.record({ teamId: fc.constantFrom('team-a', 'team-b', 'team-c'), teamName: fc.constantFrom('Network', 'Security Operations') }), { nil: null });

const metricIncident: fc.Arbitrary<MetricIncident> = fc.tuple(team, fc.record({
  id: fc.uuid(),
  kind: fc.constantFrom(...incidentKinds),
  category: fc.constantFrom(...incidentCategories),
  priority: fc.constantFrom(...priorities),
  source: fc.constantFrom(...incidentSources),
  datePrecision: fc.constantFrom(...datePrecisions),
  isMajor: fc.boolean(),
  isExercise: fc.boolean(),
  isImported: fc.boolean(),
  isDeleted: fc.boolean(),
  hasUnknownEnd: fc.boolean(),
  reopenCount: fc.nat(20),
  escalationCount: fc.nat(20),
  startedMs: maybeInstant,
  detectedMs: instant,
  reportedMs: instant,
  acknowledgedMs: maybeInstant,
  containedMs: maybeInstant,
  resolvedMs: maybeInstant,
  closedMs: maybeInstant,
  cancelledMs: maybeInstant,
  holds: fc.array(fc.record({ fromMs: instant, toMs: maybeInstant }), { maxLength: 4 }),
  priorityChanges: fc.array(fc.record({ atMs: instant, from: fc.constantFrom(...priorities), to: fc.constantFrom(...priorities) }), { maxLength: 4 }),
})).map(([routed, rest]) => ({ ...rest, teamId: routed?.teamId ?? null, teamName: routed?.teamName ?? null }));

describe('the Trends worker cache', () => {
  it('gives back exactly the rows it was given, with the sequence and epoch they reflect', () => {
    fc.assert(
      fc.property(fc.array(metricIncident, { maxLength: 40 }), fc.nat(), fc.nat(), (rows, highestSeq, epoch) => {
        const columns = structuredClone(encodeMetricRows(rows, highestSeq, epoch));
        expect(columns).toMatchObject({ layoutVersion: metricRowCacheVersion, highestSeq, epoch, count: rows.length });
        expect(decodeMetricRows(columns)).toEqual(rows);
      }),
    );
  });

  it('ignores a cache written by another layout, and refuses values it cannot encode', () => {
    const columns = encodeMetricRows([metricRow('a', '2026-03-02T09:00:00Z')], 5, 0);
    expect(decodeMetricRows({ ...columns, layoutVersion: metricRowCacheVersion + 1 })).toBeNull();
    expect(() => encodeMetricRows([{ ...metricRow('b', '2026-03-02T09:00:00Z'), category: 'volcano' as MetricIncident['category'] }], 0, 0)).toThrow('Cannot cache the unknown value "volcano"');
  });
});
