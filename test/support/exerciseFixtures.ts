/**
 * Whole rows of the exercise tables, as a device stores and pushes them, for sync and backup
 * tests. Not a test file.
 */
import type { ExerciseRunEvent } from '../../shared/domain/exerciseClock';
import { scenarioOfRecord, starterScenarioRecords, type ExerciseRecord, type ExerciseRunRecord, type ScenarioRecord } from '../../shared/domain/exerciseRecords';
import type { PersonRef } from '../../shared/domain/people';

export const exerciseFacilitator: PersonRef = { id: 'p-kim', name: 'Kim Keyboard' };
export const exercisePlayer: PersonRef = { id: 'p-ada', name: 'Ada Responder' };

/** A team's own scenario: the first starter's content under the given id and lineage. */
export function makeScenarioRecord(id: string, overrides: Partial<ScenarioRecord> = {}): ScenarioRecord {
  return { ...starterScenarioRecords[0]!, id, lineageId: id, version: 1, title: 'Team scenario', updatedAt: '2026-03-09T09:00:00.000Z', ...overrides };
}

export function makeRunRecord(id: string, overrides: Partial<ExerciseRunRecord> = {}): ExerciseRunRecord {
  const scenario = scenarioOfRecord(starterScenarioRecords[0]!);
  return {
    id,
    scenarioId: scenario.id,
    scenarioLineageId: scenario.lineageId,
    scenarioVersion: scenario.version,
    title: 'Spring tabletop',
    scheduledFor: null,
    initialMultiplier: 10,
    facilitator: exerciseFacilitator,
    createdAt: '2026-03-09T09:00:00.000Z',
    scenario,
    mode: 'room',
    deletedAt: null,
    ...overrides,
  };
}

export function makeRunEvent(id: string, runId: string, overrides: Partial<ExerciseRunEvent> = {}): ExerciseRunEvent {
  return { id, runId, at: '2026-03-09T09:05:00.000Z', by: exerciseFacilitator, kind: 'started', ...overrides } as ExerciseRunEvent;
}

export function makeHotWashRecord(id: string, runId: string, overrides: Partial<Extract<ExerciseRecord, { recordKind: 'hot_wash' }>> = {}): ExerciseRecord {
  return { recordKind: 'hot_wash', id, runId, by: exercisePlayer, at: '2026-03-09T11:00:00.000Z', kind: 'went_well', text: 'The backups were checked early', ...overrides };
}
