import { describe, expect, it } from 'vitest';
import { applyIncidentDetails, createIncident } from '../../../../shared/domain/incident';
import { defaultPriorityMatrix } from '../../../../shared/domain/priority';

const base = createIncident(
  {
    title: 'Mail gateway down',
    description: '',
    kind: 'service',
    category: 'outage',
    affectedServices: 'Email',
    impact: 'medium',
    urgency: 'medium',
    detectedAt: '2026-11-27T08:00:00.000Z',
    startedAt: null,
    tlp: 'AMBER',
    hasPersonalData: false,
    isMajor: false,
    priorityOverride: null,
    mode: 'live',
  },
  { id: '0190f0e0-0000-7000-8000-000000000001', reference: 'INC-2026-AAAA-0001', reporter: { id: 'p1', name: 'Ada' }, matrix: defaultPriorityMatrix, nowIso: '2026-11-27T08:05:00.000Z' },
);

const editedAt = '2026-11-27T08:20:00.000Z';

describe('applyIncidentDetails', () => {
  it('returns only the fields that change', () => {
    expect(applyIncidentDetails(base, { title: 'Mail gateway degraded', tlp: 'AMBER' }, defaultPriorityMatrix, editedAt)).toEqual({ ok: true, value: { title: 'Mail gateway degraded' } });
    expect(applyIncidentDetails(base, {}, defaultPriorityMatrix, editedAt)).toEqual({ ok: true, value: {} });
  });

  it('re-derives the priority from impact and urgency through the matrix', () => {
    expect(applyIncidentDetails(base, { impact: 'high', urgency: 'high' }, defaultPriorityMatrix, editedAt)).toEqual({
      ok: true,
      value: { impact: 'high', urgency: 'high', priority: 'P1', priorityChanges: [{ at: editedAt, from: 'P3', to: 'P1' }] },
    });
    const custom = { ...defaultPriorityMatrix, low: { ...defaultPriorityMatrix.low, low: 'P4' as const } };
    expect(applyIncidentDetails(base, { impact: 'low', urgency: 'low' }, custom, editedAt)).toMatchObject({ ok: true, value: { priority: 'P4' } });
  });

  it('refuses a category of the other kind, unknown fields and an empty title', () => {
    expect(applyIncidentDetails(base, { category: 'phishing' }, defaultPriorityMatrix, editedAt)).toMatchObject({ ok: false, errors: { category: expect.any(String) } });
    expect(applyIncidentDetails(base, { stage: 'closed' }, defaultPriorityMatrix, editedAt).ok).toBe(false);
    expect(applyIncidentDetails(base, { title: '   ' }, defaultPriorityMatrix, editedAt)).toMatchObject({ ok: false, errors: { title: 'Enter a title' } });
  });

  it('adds each change of priority to the history, after the earlier ones', () => {
    const first = applyIncidentDetails(base, { impact: 'high' }, defaultPriorityMatrix, editedAt);
    if (!first.ok) throw new Error('edit refused');
    const raised = { ...base, ...first.value };
    const second = applyIncidentDetails(raised, { impact: 'low', urgency: 'low' }, defaultPriorityMatrix, '2026-11-27T09:00:00.000Z');
    expect(second).toMatchObject({
      ok: true,
      value: { priorityChanges: [{ at: editedAt, from: 'P3', to: raised.priority }, { at: '2026-11-27T09:00:00.000Z', from: raised.priority, to: 'P5' }] },
    });
  });
});
