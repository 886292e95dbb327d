import { describe, expect, it } from 'vitest';
import {
  generateSampleIncident,
  sampleDataOptionsSchema,
  sampleDeviceCode,
  type SampleDataOptions,
  type SampleIncident,
} from '../../../../shared/domain/sampleData';
import { incidentSchema, incidentStages, type Incident, type IncidentStage } from '../../../../shared/domain/incident';
import { timelineEntrySchema } from '../../../../shared/domain/timeline';
import { taskSchema } from '../../../../shared/domain/task';
import { defaultPriorityMatrix, derivePriority, type PriorityMatrix } from '../../../../shared/domain/priority';
import { isCategoryOfKind } from '../../../../shared/domain/taxonomy';
import { parseIncidentReference } from '../../../../shared/domain/reference';

const dayMs = 24 * 60 * 60 * 1000;
// deliberately not at midnight: the generator rounds the end down to a UTC midnight
const options: SampleDataOptions = { seed: 20260310, count: 2000, periodDays: 90, endMs: Date.UTC(2026, 2, 10, 15, 42, 7) };
const periodEnd = Date.UTC(2026, 2, 10);
const periodStart = periodEnd - 90 * dayMs;

const generated: SampleIncident[] = Array.from({ length: options.count }, (_, index) => generateSampleIncident(options, index));
const ms = (iso: string | null): number => (iso === null ? Number.NaN : Date.parse(iso));

/** The ordering rules every generated record must satisfy, whatever its options. */
function checkLifecycleConsistency(incident: Incident): void {
  const reported = ms(incident.reportedAt);
  expect(ms(incident.detectedAt)).toBeLessThanOrEqual(reported);
  if (incident.startedAt !== null) expect(ms(incident.startedAt)).toBeLessThanOrEqual(ms(incident.detectedAt));
  if (incident.acknowledgedAt !== null) expect(ms(incident.acknowledgedAt)).toBeGreaterThanOrEqual(reported);
  if (incident.containedAt !== null) expect(ms(incident.containedAt)).toBeGreaterThanOrEqual(ms(incident.acknowledgedAt));
  if (incident.resolvedAt !== null) expect(ms(incident.resolvedAt)).toBeGreaterThanOrEqual(ms(incident.acknowledgedAt));
  if (incident.closedAt !== null) expect(ms(incident.closedAt)).toBeGreaterThanOrEqual(ms(incident.resolvedAt));
  if (incident.cancelledAt !== null) expect(ms(incident.cancelledAt)).toBeGreaterThanOrEqual(reported);
  for (const hold of incident.holdIntervals) {
    expect(ms(hold.from)).toBeGreaterThanOrEqual(ms(incident.acknowledgedAt));
    if (hold.to !== null) expect(ms(hold.to)).toBeGreaterThanOrEqual(ms(hold.from));
  }
  expect(ms(incident.updatedAt)).toBeGreaterThanOrEqual(reported);

  const stage = incident.stage;
  const acknowledged = stage !== 'new' && stage !== 'cancelled';
  expect(incident.acknowledgedAt !== null).toBe(acknowledged);
  expect(incident.resolvedAt !== null).toBe(stage === 'resolved' || stage === 'closed');
  expect(incident.closedAt !== null).toBe(stage === 'closed');
  expect(incident.cancelledAt !== null).toBe(stage === 'cancelled');
  expect(incident.cancelReason !== null).toBe(stage === 'cancelled');
  if (stage === 'resolved' || stage === 'closed') {
    expect(incident.resolutionCode).not.toBeNull();
    expect(incident.resolutionSummary?.trim()).toBeTruthy();
  } else {
    expect(incident.resolutionCode).toBeNull();
    expect(incident.resolutionSummary).toBeNull();
  }
  const openHolds = incident.holdIntervals.filter((hold) => hold.to === null);
  if (stage === 'on_hold') {
    expect(openHolds).toHaveLength(1);
    expect(incident.holdReason).toBe(openHolds[0]!.reason);
  } else {
    expect(openHolds).toHaveLength(0);
    expect(incident.holdReason).toBeNull();
  }
  if (incident.containedAt !== null) expect(incident.kind).toBe('security');
}

describe('determinism', () => {
  it('the same options and index give deep-equal output', () => {
    for (const index of [0, 1, 777, 1999]) {
      expect(generateSampleIncident({ ...options }, index)).toEqual(generated[index]);
    }
  });

  it('each incident depends only on (seed, index), not on count-independent state such as call order', () => {
    const backwards = [5, 4, 3, 2, 1, 0].map((index) => generateSampleIncident(options, index));
    expect(backwards.reverse()).toEqual(generated.slice(0, 6));
  });

  it('a different seed gives different incidents', () => {
    const other = { ...options, seed: options.seed + 1 };
    for (const index of [0, 10, 500]) {
      const a = generated[index]!;
      const b = generateSampleIncident(other, index);
      expect(b.incident.id).not.toBe(a.incident.id);
      expect(b).not.toEqual(a);
    }
    expect(sampleDeviceCode(options.seed)).toBe(sampleDeviceCode(options.seed));
    expect(sampleDeviceCode(options.seed)).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}$/);
  });
});

describe('validity of 2,000 generated incidents', () => {
  it('every incident passes incidentSchema and is marked as sample data', () => {
    for (const { incident } of generated) {
      expect(incidentSchema.parse(incident)).toEqual(incident);
      expect(incident.source).toBe('sample');
      expect(isCategoryOfKind(incident.kind, incident.category)).toBe(true);
    }
  });

  it('every timeline entry passes timelineEntrySchema and belongs to its incident', () => {
    let entries = 0;
    for (const { incident, timeline } of generated) {
      expect(timeline[0]).toMatchObject({ kind: 'created', occurredAt: incident.reportedAt });
      for (const entry of timeline) {
        timelineEntrySchema.parse(entry);
        expect(entry.incidentId).toBe(incident.id);
        expect(ms(entry.occurredAt)).toBeGreaterThanOrEqual(ms(incident.reportedAt));
        entries += 1;
      }
    }
    expect(entries).toBeGreaterThan(options.count);
  });

  it('every task passes taskSchema and belongs to its incident', () => {
    let tasks = 0;
    for (const { incident, tasks: list } of generated) {
      for (const task of list) {
        taskSchema.parse(task);
        expect(task.incidentId).toBe(incident.id);
        expect(task.state === 'done').toBe(task.completedAt !== null);
        tasks += 1;
      }
    }
    expect(tasks).toBeGreaterThan(0);
  });

  it('all ids are unique across incidents, timeline entries and tasks', () => {
    const ids = generated.flatMap(({ incident, timeline, tasks }) => [incident.id, ...timeline.map((e) => e.id), ...tasks.map((t) => t.id)]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('lifecycle timestamps and fields are consistent with the stage', () => {
    for (const { incident } of generated) checkLifecycleConsistency(incident);
  });

  it('every stage occurs, so the consistency checks are not vacuous', () => {
    const stages = new Set<IncidentStage>(generated.map(({ incident }) => incident.stage));
    expect([...stages].sort()).toEqual([...incidentStages].sort());
  });

  it('references are unique, parse, and carry the seed device code and the index as sequence', () => {
    const references = generated.map(({ incident }) => incident.reference);
    expect(new Set(references).size).toBe(references.length);
    generated.forEach(({ incident }, index) => {
      expect(parseIncidentReference(incident.reference)).toEqual({
        year: new Date(incident.reportedAt).getUTCFullYear(),
        deviceCode: sampleDeviceCode(options.seed),
        sequence: index + 1,
      });
    });
  });

  it('all reportedAt fall within the period, in index order', () => {
    let previous = -Infinity;
    for (const { incident } of generated) {
      const reported = ms(incident.reportedAt);
      expect(reported).toBeGreaterThanOrEqual(periodStart);
      expect(reported).toBeLessThan(periodEnd);
      expect(reported).toBeGreaterThanOrEqual(previous);
      previous = reported;
    }
  });

  it('no lifecycle timestamp lies after the end of the period', () => {
    for (const { incident } of generated) {
      for (const value of [incident.acknowledgedAt, incident.containedAt, incident.resolvedAt, incident.closedAt, incident.cancelledAt, incident.updatedAt]) {
        if (value !== null) expect(ms(value)).toBeLessThan(periodEnd);
      }
    }
  });

  it('priority comes from the default matrix', () => {
    for (const { incident } of generated) {
      expect(incident.priority).toBe(derivePriority(defaultPriorityMatrix, incident.impact, incident.urgency));
    }
  });
});

describe('edge cases', () => {
  it('honours a custom matrix', () => {
    const allP5: PriorityMatrix = {
      high: { high: 'P5', medium: 'P5', low: 'P5' },
      medium: { high: 'P5', medium: 'P5', low: 'P5' },
      low: { high: 'P5', medium: 'P5', low: 'P5' },
    };
    for (let index = 0; index < 20; index += 1) expect(generateSampleIncident(options, index, allP5).incident.priority).toBe('P5');
  });

  it('stays consistent when many incidents are reported in the last second of the period', () => {
    // 100,000 incidents in one day: slots of 864 ms, so the last ones are reported less than a
    // second before the end. Their lifecycle timestamps must still not precede reportedAt.
    const dense: SampleDataOptions = { seed: 1, count: 100_000, periodDays: 1, endMs: Date.UTC(2026, 5, 1) };
    for (let index = dense.count - 2000; index < dense.count; index += 1) {
      const { incident, timeline } = generateSampleIncident(dense, index);
      checkLifecycleConsistency(incident);
      for (const entry of timeline) expect(ms(entry.occurredAt)).toBeGreaterThanOrEqual(ms(incident.reportedAt));
    }
  });

  it('a one-incident, one-day set works', () => {
    const single = generateSampleIncident({ seed: 0, count: 1, periodDays: 1, endMs: Date.UTC(2026, 0, 2) }, 0);
    expect(incidentSchema.safeParse(single.incident).success).toBe(true);
    expect(ms(single.incident.reportedAt)).toBeGreaterThanOrEqual(Date.UTC(2026, 0, 1));
  });

  it('the options schema enforces its limits', () => {
    expect(sampleDataOptionsSchema.safeParse(options).success).toBe(true);
    for (const bad of [{ seed: -1 }, { seed: 1.5 }, { count: 0 }, { count: 200_001 }, { periodDays: 0 }, { periodDays: 3651 }, { endMs: 0 }, { extra: 1 }]) {
      expect(sampleDataOptionsSchema.safeParse({ ...options, ...bad }).success).toBe(false);
    }
  });
});
