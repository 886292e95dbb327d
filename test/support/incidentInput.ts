// A valid "New incident" form, shared by the domain, data-layer and server tests.
import type { NewIncidentInput } from '../../shared/domain/incident';

const minute = 60_000;

/** Detected 30 minutes and started 45 minutes before `nowMs`. */
export function newIncidentInputAt(nowMs: number, overrides: Partial<NewIncidentInput> = {}): NewIncidentInput {
  return {
    title: 'Payments API unavailable',
    description: 'All card payments fail with 503.',
    kind: 'service',
    category: 'outage',
    affectedServices: 'Payments API',
    impact: 'high',
    urgency: 'high',
    detectedAt: new Date(nowMs - 30 * minute).toISOString(),
    startedAt: new Date(nowMs - 45 * minute).toISOString(),
    tlp: 'AMBER',
    hasPersonalData: false,
    isMajor: true,
    priorityOverride: null,
    mode: 'live',
    ...overrides,
  };
}
