/** Builders shared by the shared/ unit tests. Not a test file. */
import { newIncidentInputAt } from '../../support/incidentInput';
import { createIncident, type Incident, type NewIncidentInput } from '../../../shared/domain/incident';
import { defaultPriorityMatrix } from '../../../shared/domain/priority';

export const fixedNowMs = Date.UTC(2026, 2, 10, 12, 0, 0);
export const fixedNowIso = new Date(fixedNowMs).toISOString();
export const minute = 60 * 1000;
export const hour = 60 * minute;

export function isoAt(offsetMs: number): string {
  return new Date(fixedNowMs + offsetMs).toISOString();
}

export function validNewIncidentInput(overrides: Partial<NewIncidentInput> = {}): NewIncidentInput {
  return newIncidentInputAt(fixedNowMs, overrides);
}

let idCounter = 0;
/** A deterministic, valid UUIDv7-shaped id. */
export function testUuid(n: number = ++idCounter): string {
  const hex = n.toString(16).padStart(12, '0');
  return `0190a000-0000-7000-8000-${hex}`;
}

export function makeIncident(overrides: Partial<Incident> = {}, input: Partial<NewIncidentInput> = {}): Incident {
  const incident = createIncident(validNewIncidentInput(input), {
    id: testUuid(),
    reference: 'INC-2026-K7QF-0001',
    reporter: { id: 'person-1', name: 'Ada Reporter' },
    matrix: defaultPriorityMatrix,
    nowIso: isoAt(-20 * minute),
  });
  return { ...incident, ...overrides };
}
