import { describe, expect, it } from 'vitest';
import {
  createIncident,
  incidentSchema,
  timeOnHoldMs,
  validateNewIncident,
  type HoldInterval,
} from '../../../../shared/domain/incident';
import { defaultPriorityMatrix } from '../../../../shared/domain/priority';
import { fixedNowIso, fixedNowMs, hour, isoAt, minute, validNewIncidentInput } from '../fixtures';

function errorsFor(input: unknown): Record<string, string> {
  const result = validateNewIncident(input, fixedNowMs);
  expect(result.ok).toBe(false);
  return result.ok ? {} : result.errors;
}

describe('validateNewIncident', () => {
  it('accepts a valid form and trims the title', () => {
    const result = validateNewIncident(validNewIncidentInput({ title: '  Payments down  ' }), fixedNowMs);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.value.title).toBe('Payments down');
  });

  it('accepts a security incident with a security category and no start time', () => {
    expect(
      validateNewIncident(validNewIncidentInput({ kind: 'security', category: 'phishing', startedAt: null }), fixedNowMs).ok,
    ).toBe(true);
  });

  it('rejects a missing title', () => {
    const { title: _title, ...withoutTitle } = validNewIncidentInput();
    expect(Object.keys(errorsFor(withoutTitle))).toEqual(['title']);
  });

  it.each(['', '    '])('rejects the empty title %j with the form message', (title) => {
    expect(errorsFor(validNewIncidentInput({ title }))).toEqual({ title: 'Enter a title' });
  });

  it('accepts a 200 character title and rejects 201', () => {
    expect(validateNewIncident(validNewIncidentInput({ title: 'x'.repeat(200) }), fixedNowMs).ok).toBe(true);
    expect(errorsFor(validNewIncidentInput({ title: 'x'.repeat(201) }))).toEqual({ title: 'Keep the title under 200 characters' });
  });

  it('rejects a category that is not of the kind', () => {
    expect(errorsFor(validNewIncidentInput({ kind: 'security', category: 'outage' })).category).toMatch(/security/);
    expect(errorsFor(validNewIncidentInput({ kind: 'service', category: 'ransomware' })).category).toMatch(/service/);
  });

  it('rejects detectedAt in the future beyond the 5 minute skew, and allows it within', () => {
    expect(errorsFor(validNewIncidentInput({ detectedAt: isoAt(hour), startedAt: null }))).toEqual({
      detectedAt: 'Detected at cannot be in the future',
    });
    expect(errorsFor(validNewIncidentInput({ detectedAt: isoAt(5 * minute + 1000), startedAt: null })).detectedAt).toBeDefined();
    expect(validateNewIncident(validNewIncidentInput({ detectedAt: isoAt(4 * minute), startedAt: null }), fixedNowMs).ok).toBe(true);
  });

  it('rejects startedAt after detectedAt, and allows them equal', () => {
    expect(errorsFor(validNewIncidentInput({ detectedAt: isoAt(-hour), startedAt: isoAt(-hour + 1000) }))).toEqual({
      startedAt: 'Started at cannot be after detected at',
    });
    expect(validateNewIncident(validNewIncidentInput({ detectedAt: isoAt(-hour), startedAt: isoAt(-hour) }), fixedNowMs).ok).toBe(true);
  });

  it('reports cross-field problems together', () => {
    const errors = errorsFor(validNewIncidentInput({ kind: 'security', category: 'outage', detectedAt: isoAt(hour), startedAt: isoAt(2 * hour) }));
    expect(Object.keys(errors).sort()).toEqual(['category', 'detectedAt', 'startedAt']);
  });

  it('rejects an unknown extra field', () => {
    const errors = errorsFor({ ...validNewIncidentInput(), reporterEmail: 'a@b.c' });
    expect(Object.keys(errors)).toEqual(['form']);
    expect(errors.form).toMatch(/reporterEmail/);
  });

  it.each([
    ['detectedAt', { detectedAt: '10 March 2026' }],
    ['detectedAt', { detectedAt: '2026-03-10T12:00:00+01:00' }],
    ['impact', { impact: 'critical' }],
    ['tlp', { tlp: 'WHITE' }],
    ['mode', { mode: 'imported' }],
    ['kind', { kind: 'safety' }],
    ['priorityOverride.justification', { priorityOverride: { priority: 'P1', justification: 'short' } }],
  ])('rejects a bad %s', (field, patch) => {
    expect(Object.keys(errorsFor({ ...validNewIncidentInput(), ...patch }))).toContain(field);
  });

  it('rejects non-objects', () => {
    for (const input of [null, undefined, 'title', 42, []]) expect(errorsFor(input).form).toBeDefined();
  });
});

describe('createIncident', () => {
  const context = {
    id: '0190a000-0000-7000-8000-000000000001',
    reference: 'INC-2026-K7QF-0001',
    reporter: { id: 'person-1', name: 'Ada' },
    matrix: defaultPriorityMatrix,
    nowIso: fixedNowIso,
  };

  it('derives the priority from the matrix and starts in new', () => {
    const incident = createIncident(validNewIncidentInput({ impact: 'high', urgency: 'high' }), context);
    expect(incident.priority).toBe('P1');
    expect(incident.stage).toBe('new');
    expect(createIncident(validNewIncidentInput({ impact: 'medium', urgency: 'low' }), context).priority).toBe('P4');
    expect(createIncident(validNewIncidentInput({ impact: 'low', urgency: 'low' }), context).priority).toBe('P5');
  });

  it('uses an override when present and keeps it on the record', () => {
    const override = { priority: 'P1' as const, justification: 'Board meeting depends on it' };
    const incident = createIncident(validNewIncidentInput({ impact: 'low', urgency: 'low', priorityOverride: override }), context);
    expect(incident.priority).toBe('P1');
    expect(incident.priorityOverride).toEqual(override);
  });

  it('sets reportedAt, createdAt and updatedAt to now and leaves every later timestamp empty', () => {
    const incident = createIncident(validNewIncidentInput(), context);
    expect(incident).toMatchObject({
      reportedAt: fixedNowIso,
      createdAt: fixedNowIso,
      updatedAt: fixedNowIso,
      acknowledgedAt: null,
      containedAt: null,
      resolvedAt: null,
      closedAt: null,
      cancelledAt: null,
      deletedAt: null,
      holdIntervals: [],
      reopenCount: 0,
      assignee: null,
      source: 'manual',
    });
    expect(incidentSchema.parse(incident)).toEqual(incident);
  });

  it('gives security incidents a response phase and service incidents none', () => {
    expect(createIncident(validNewIncidentInput({ kind: 'security', category: 'malware' }), context).responsePhase).toBe('detection_analysis');
    expect(createIncident(validNewIncidentInput(), context).responsePhase).toBeNull();
  });

  it('the schema rejects an unknown extra field on a stored incident', () => {
    const incident = createIncident(validNewIncidentInput(), context);
    expect(incidentSchema.safeParse({ ...incident, secret: 1 }).success).toBe(false);
    expect(incidentSchema.safeParse({ ...incident, id: 'not-a-uuid' }).success).toBe(false);
  });
});

describe('timeOnHoldMs', () => {
  const interval = (fromOffset: number, toOffset: number | null): HoldInterval => ({
    from: isoAt(fromOffset),
    to: toOffset === null ? null : isoAt(toOffset),
    reason: 'waiting',
  });

  it('is zero without holds', () => {
    expect(timeOnHoldMs([], fixedNowMs)).toBe(0);
  });

  it('sums closed intervals', () => {
    expect(timeOnHoldMs([interval(-5 * hour, -4 * hour), interval(-3 * hour, -2.5 * hour)], fixedNowMs)).toBe(1.5 * hour);
  });

  it('counts an open interval up to the given time', () => {
    const holds = [interval(-5 * hour, -4 * hour), interval(-30 * minute, null)];
    expect(timeOnHoldMs(holds, fixedNowMs)).toBe(hour + 30 * minute);
    expect(timeOnHoldMs(holds, fixedNowMs + 10 * minute)).toBe(hour + 40 * minute);
  });

  it('counts only the part before the given time', () => {
    const holds = [interval(-5 * hour, -4 * hour), interval(-2 * hour, -hour)];
    expect(timeOnHoldMs(holds, fixedNowMs - 1.5 * hour)).toBe(hour + 30 * minute);
    expect(timeOnHoldMs(holds, fixedNowMs - 6 * hour)).toBe(0);
    expect(timeOnHoldMs([interval(hour, null)], fixedNowMs)).toBe(0);
  });
});
