import { describe, expect, it } from 'vitest';
import { emptyIncidentListFilter } from '../../../../shared/domain/incidentList';
import { matchingQueue, queueIds, queueView } from '../../../../shared/domain/queues';
import { findDataQualityIssues, updateIntervalMs } from '../../../../shared/domain/dataQuality';
import { toIncidentListItem } from '../../../../shared/domain/incidentList';
import type { Incident } from '../../../../shared/domain/incident';
import { hour, makeIncident, testUuid } from '../fixtures';

const context = { personId: 'person-ada', teamId: 'team-soc' };

describe('queue views', () => {
  it('each queue shows open incidents, sorted by time left', () => {
    for (const queue of queueIds) {
      const view = queueView(queue, context);
      expect(view.filter.stage).toBe('open');
      expect(view.sort).toEqual({ field: 'timeLeft', direction: 'asc' });
    }
  });

  it('narrows to the person, the team, nobody, the service-level state or major incidents', () => {
    expect(queueView('mine', context).filter).toEqual({ ...emptyIncidentListFilter, stage: 'open', assignee: 'person-ada' });
    expect(queueView('team', context).filter).toEqual({ ...emptyIncidentListFilter, stage: 'open', team: 'team-soc' });
    expect(queueView('unassigned', context).filter).toEqual({ ...emptyIncidentListFilter, stage: 'open', assignee: 'unassigned' });
    expect(queueView('at_risk', context).filter).toEqual({ ...emptyIncidentListFilter, stage: 'open', serviceLevel: 'at_risk' });
    expect(queueView('breached', context).filter).toEqual({ ...emptyIncidentListFilter, stage: 'open', serviceLevel: 'breached' });
    expect(queueView('major', context).filter).toEqual({ ...emptyIncidentListFilter, stage: 'open', isMajor: 'major' });
  });

  it('recognises the queue a filter and sort amount to, and none after a change by hand', () => {
    for (const queue of queueIds) expect(matchingQueue(queueView(queue, context), context)).toBe(queue);
    const edited = queueView('breached', context);
    expect(matchingQueue({ ...edited, filter: { ...edited.filter, priority: 'P1' } }, context)).toBeNull();
    expect(matchingQueue({ ...edited, sort: { field: 'reportedAt', direction: 'desc' } }, context)).toBeNull();
  });
});

describe('data quality', () => {
  const nowMs = Date.parse('2026-11-27T12:00:00.000Z');
  const at = (offsetMs: number) => new Date(nowMs + offsetMs).toISOString();
  const item = (overrides: Partial<Incident>) => toIncidentListItem(makeIncident({ id: testUuid(), reportedAt: at(-10 * hour), updatedAt: at(-10 * hour), ...overrides }));

  it('finds open incidents without a category, without an assignee, or without a recent update', () => {
    const ada = { id: 'person-ada', name: 'Ada' };
    const uncategorised = item({ reference: 'INC-1', category: 'other', kind: 'security', assignee: ada, priority: 'P3' });
    const unassigned = item({ reference: 'INC-2', category: 'phishing', kind: 'security', assignee: null, priority: 'P3' });
    const staleP1 = item({ reference: 'INC-3', category: 'phishing', kind: 'security', assignee: ada, priority: 'P1', updatedAt: at(-updateIntervalMs.P1 - 1) });
    const freshP1 = item({ reference: 'INC-4', category: 'phishing', kind: 'security', assignee: ada, priority: 'P1', updatedAt: at(-updateIntervalMs.P1) });
    const closed = item({ reference: 'INC-5', category: 'other', kind: 'security', assignee: null, stage: 'closed', priority: 'P1' });
    const exercise = item({ reference: 'INC-6', category: 'other', kind: 'security', assignee: null, mode: 'exercise' });
    const report = findDataQualityIssues([uncategorised, unassigned, staleP1, freshP1, closed, exercise], nowMs);
    expect(report.uncategorised.map((entry) => entry.reference)).toEqual(['INC-1']);
    expect(report.unassigned.map((entry) => entry.reference)).toEqual(['INC-2']);
    expect(report.stale.map((entry) => entry.reference)).toEqual(['INC-3']);
  });

  it('lists the longest-silent first', () => {
    const older = item({ reference: 'INC-old', assignee: null, updatedAt: at(-9 * hour) });
    const newer = item({ reference: 'INC-new', assignee: null, updatedAt: at(-2 * hour) });
    expect(findDataQualityIssues([newer, older], nowMs).unassigned.map((entry) => entry.reference)).toEqual(['INC-old', 'INC-new']);
  });
});
