import { describe, expect, it } from 'vitest';
import { deriveRunState, type ExerciseRunEvent } from '../../../../../../shared/domain/exerciseClock';
import type { Inject } from '../../../../../../shared/domain/exerciseScenario';
import { buildRunTimeline } from '../../../../../../renderer/features/exercises/run/runTimeline';
import { formatExerciseClock, formatExerciseMinutes } from '../../../../../../renderer/features/exercises/run/runFormat';

const kim = { id: 'p-kim', name: 'Kim Keyboard' };
const ada = { id: 'p-ada', name: 'Ada Responder' };
const runId = '01941f29-7c00-7000-8000-0000000a0001';

function inject(mselNumber: number, minutes: number, title: string): Inject {
  return {
    id: `inject-${mselNumber}`,
    mselNumber,
    release: { kind: 'offset', minutes },
    channel: 'email',
    fromPersona: '',
    toAudience: '',
    title,
    content: '',
    expectedActions: [],
    facilitatorNotes: '',
  };
}

const injects = [inject(1, 0, 'Files will not open'), inject(2, 10, 'Mass renames'), inject(3, 30, 'Backups failed')];
const t = (seconds: number) => new Date(Date.UTC(2026, 2, 9, 9, 0, seconds)).toISOString();
const event = (id: number, seconds: number, draft: Record<string, unknown>) =>
  ({ id: `01941f29-7c00-7000-8000-0000000b000${id}`, runId, at: t(seconds), by: kim, ...draft }) as ExerciseRunEvent;

// At 10x: started at 0 s, inject 1 out at once, inject 2 at 60 s wall (+10:00), paused at 90 s (+15:00).
const events = [
  event(1, 0, { kind: 'started' }),
  event(2, 0, { kind: 'inject_released', injectId: 'inject-1', manual: false }),
  event(3, 60, { kind: 'inject_released', injectId: 'inject-2', manual: false }),
  event(4, 90, { kind: 'paused' }),
];
const state = deriveRunState({ injects }, events, Date.UTC(2026, 2, 9, 9, 5), 10);

describe('buildRunTimeline', () => {
  it('lists injects, incidents, their entries, decisions and acknowledgements in exercise-time order', () => {
    const items = buildRunTimeline({
      state,
      evidence: {
        incidents: [
          { id: 'i-1', mode: 'exercise', deletedAt: null, reference: 'INC-7', reporter: ada, createdAt: t(12), title: 'Ransomware on FILESRV02' },
          { id: 'i-live', mode: 'live', deletedAt: null, reference: 'INC-8', reporter: ada, createdAt: t(13), title: 'A real one' },
        ],
        timeline: [
          { id: 'e-0', incidentId: 'i-1', kind: 'created', text: 'Created', recordedAt: t(12), author: ada },
          { id: 'e-1', incidentId: 'i-1', kind: 'task', text: 'Applied playbook Ransomware', recordedAt: t(20), author: ada },
          { id: 'e-2', incidentId: 'i-live', kind: 'note', text: 'Not part of the run', recordedAt: t(21), author: ada },
        ],
      },
      decisions: [{ id: 'd-1', at: t(120), by: ada, question: 'Pay the ransom?', choice: 'No' }],
      deliveries: [
        { id: 'a-1', injectId: 'inject-1', player: ada, acknowledgedAt: t(3) },
        { id: 'a-2', injectId: 'inject-2', player: ada, acknowledgedAt: null },
      ],
    });
    expect(items.map((item) => [formatExerciseMinutes(item.exerciseMs), item.kind, item.text])).toEqual([
      ['+00:00', 'inject', 'Inject 1 released (Email): Files will not open'],
      ['+00:30', 'acknowledgement', 'Ada Responder acknowledged inject 1: Files will not open'],
      ['+02:00', 'incident', 'Ada Responder opened exercise incident INC-7: Ransomware on FILESRV02'],
      ['+03:20', 'incident_entry', 'INC-7 task by Ada Responder: Applied playbook Ransomware'],
      ['+10:00', 'inject', 'Inject 2 released (Email): Mass renames'],
      // Paused at +15:00: a decision taken during the pause is timed at the paused clock.
      ['+15:00', 'decision', 'Decision by Ada Responder: Pay the ransom? Chose: No'],
    ]);
  });

  it('is empty before the start', () => {
    const scheduled = deriveRunState({ injects }, [], Date.UTC(2026, 2, 9, 9, 5), 10);
    expect(buildRunTimeline({ state: scheduled, evidence: { incidents: [], timeline: [] }, decisions: [], deliveries: [] })).toEqual([]);
  });
});

describe('exercise time formats', () => {
  it('writes the clock to the second and offsets in minutes past the hour', () => {
    expect(formatExerciseClock(3_723_000)).toBe('+01:02:03');
    expect(formatExerciseClock(-5)).toBe('+00:00:00');
    expect(formatExerciseMinutes(6_030_000)).toBe('+100:30');
  });
});
