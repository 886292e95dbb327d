/** Builders for the exercise tests. Not a test file. */
import type { ExerciseRunEvent } from '../../../shared/domain/exerciseClock';
import type { ExpectedAction, Inject, Scenario } from '../../../shared/domain/exerciseScenario';
import type { PersonRef } from '../../../shared/domain/people';
import { fixedNowMs, testUuid } from './fixtures';

export const t0 = fixedNowMs;
export const second = 1000;
export const runId = '0190a000-0000-7000-8000-00000000a001';
export const facilitator: PersonRef = { id: 'person-facilitator', name: 'Fran Facilitator' };
export const otherDevicePerson: PersonRef = { id: 'person-deputy', name: 'Dee Deputy' };

export function action(id: string, points: number, overrides: Partial<ExpectedAction> = {}): ExpectedAction {
  return { id, description: `Do ${id}`, points, check: null, objectiveId: null, ...overrides };
}

export function inject(mselNumber: number, release: Inject['release'], overrides: Partial<Inject> = {}): Inject {
  return {
    id: `inject-${mselNumber}`,
    mselNumber,
    release,
    channel: 'email',
    fromPersona: 'Sam Sender',
    toAudience: 'Incident manager',
    title: `Inject ${mselNumber}`,
    content: `Content of inject ${mselNumber}`,
    expectedActions: [],
    facilitatorNotes: '',
    ...overrides,
  };
}

/**
 * 1 at +0; 2 at +10 min; 3 five minutes after 2; 4 manual; 5 at +60 min.
 * Points: 1 -> 5 (auto: ransomware incident) + 5 (facilitator); 2 -> 10 (auto: contained within 30);
 * 3 -> 10 (facilitator, no objective); 4 -> 4; 5 -> 6 (facilitator).
 */
export function sampleScenario(): Scenario {
  return {
    id: '0190a000-0000-7000-8000-00000000b001',
    lineageId: '0190a000-0000-7000-8000-00000000b002',
    version: 1,
    title: 'Sample exercise',
    objectives: [
      { id: 'detect', text: 'Detect it' },
      { id: 'contain', text: 'Contain it' },
    ],
    audience: 'Responders',
    difficulty: 'introductory',
    durationMinutes: 90,
    narrative: 'A quiet morning.',
    linkedPlaybookLineageIds: [],
    injects: [
      inject(1, { kind: 'offset', minutes: 0 }, {
        expectedActions: [
          action('inject-1-1', 5, { check: { kind: 'incident_created', category: 'ransomware', withinMinutes: 15 }, objectiveId: 'detect', description: 'Open a ransomware incident' }),
          action('inject-1-2', 5, { objectiveId: 'detect', description: 'Call the service owner' }),
        ],
      }),
      inject(2, { kind: 'offset', minutes: 10 }, {
        expectedActions: [action('inject-2-1', 10, { check: { kind: 'containment_recorded', withinMinutes: 30 }, objectiveId: 'contain', description: 'Record containment within 30 minutes' })],
      }),
      inject(3, { kind: 'after', injectId: 'inject-2', minutes: 5 }, { expectedActions: [action('inject-3-1', 10, { description: 'Brief the executive' })] }),
      inject(4, { kind: 'manual' }, { expectedActions: [action('inject-4-1', 4, { objectiveId: 'contain' })] }),
      inject(5, { kind: 'offset', minutes: 60 }, { expectedActions: [action('inject-5-1', 6, { objectiveId: 'contain', description: 'Isolate the host' })] }),
    ],
  };
}

type EventExtra = Partial<Omit<ExerciseRunEvent, 'id' | 'runId' | 'at' | 'by'>> & Record<string, unknown>;

/** An event `offsetMs` after t0. */
export function runEvent(kind: ExerciseRunEvent['kind'], offsetMs: number, extra: EventExtra = {}, by: PersonRef = facilitator): ExerciseRunEvent {
  return { id: testUuid(), runId, at: new Date(t0 + offsetMs).toISOString(), by, kind, ...extra } as ExerciseRunEvent;
}
