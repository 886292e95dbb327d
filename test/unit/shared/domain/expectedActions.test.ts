import { describe, expect, it } from 'vitest';
import { createInjectReleasedEvent, deriveRunState, type ExerciseRunEvent } from '../../../../shared/domain/exerciseClock';
import { evaluateAutoCheck, evaluateExpectedActions, type ExerciseEvidence } from '../../../../shared/domain/expectedActions';
import { scoreExercise } from '../../../../shared/domain/exerciseScoring';
import { facilitatorScoreId, type FacilitatorScore } from '../../../../shared/domain/exerciseEvaluation';
import { starterPlaybookLineages } from '../../../../shared/domain/starterScenarios';
import type { Task } from '../../../../shared/domain/task';
import type { TimelineEntry } from '../../../../shared/domain/timeline';
import { makeIncident, minute, testUuid } from '../fixtures';
import { facilitator, runEvent, runId, sampleScenario, second, t0 } from '../exerciseFixtures';

const scenario = sampleScenario();
const iso = (offsetMs: number) => new Date(t0 + offsetMs).toISOString();
const release = (injectId: string, offsetMs: number) => createInjectReleasedEvent({ runId, injectId, manual: false, nowIso: iso(offsetMs), by: facilitator });

function evidence(overrides: Partial<ExerciseEvidence> = {}): ExerciseEvidence {
  return { exerciseRunId: runId, incidents: [], tasks: [], timeline: [], ...overrides };
}

function exerciseIncident(overrides: Parameters<typeof makeIncident>[0] = {}) {
  return makeIncident({ mode: 'exercise', reference: 'EX-0001', category: 'ransomware', createdAt: iso(2 * minute), ...overrides });
}

function task(incidentId: string, overrides: Partial<Task> = {}): Task {
  return {
    id: testUuid(),
    incidentId,
    title: 'Isolate affected hosts from the network, without powering them off',
    state: 'open',
    assignee: null,
    dueAt: null,
    playbookStepId: null,
    fromPlaybook: null,
    createdAt: iso(3 * minute),
    updatedAt: iso(3 * minute),
    completedAt: null,
    deletedAt: null,
    ...overrides,
  };
}

// At 10x from the start: inject 2 (+10 min of exercise time) is released 60 s of wall time in,
// so "within 30 minutes" of it ends 180 s of wall time later, at t0 + 240 s.
const tenTimes: ExerciseRunEvent[] = [runEvent('started', 0), runEvent('speed_changed', 0, { multiplier: 10 }), release('inject-1', 0), release('inject-2', 60 * second)];
const containment = { kind: 'containment_recorded', withinMinutes: 30 } as const;

describe('evaluateAutoCheck: "within N minutes" in exercise time', () => {
  it('is met exactly at the deadline at 10x speed', () => {
    const state = deriveRunState(scenario, tenTimes, t0 + 10 * minute);
    const result = evaluateAutoCheck(containment, state.released.get('inject-2'), state, evidence({ incidents: [exerciseIncident({ containedAt: iso(240 * second) })] }));
    expect(result).toEqual({ met: true, status: 'met', atMs: t0 + 240_000, sinceReleaseMs: 1_800_000, evidence: 'EX-0001 marked contained at +00:40, 30 min after the inject' });
  });

  it('is missed a millisecond later', () => {
    const state = deriveRunState(scenario, tenTimes, t0 + 10 * minute);
    const result = evaluateAutoCheck(containment, state.released.get('inject-2'), state, evidence({ incidents: [exerciseIncident({ containedAt: iso(240 * second + 1) })] }));
    expect(result).toEqual({
      met: false,
      status: 'missed',
      atMs: t0 + 240_001,
      sinceReleaseMs: 1_800_010,
      evidence: 'EX-0001 marked contained at +00:40, 30 min after the inject: later than the 30 min expected',
    });
  });

  it('does not count time spent paused against the players', () => {
    const events = [...tenTimes, runEvent('paused', 100 * second), runEvent('resumed', 20 * minute + 100 * second)];
    const state = deriveRunState(scenario, events, t0 + 30 * minute);
    const result = evaluateAutoCheck(containment, state.released.get('inject-2'), state, evidence({ incidents: [exerciseIncident({ containedAt: iso(20 * minute + 240 * second) })] }));
    expect(result).toMatchObject({ met: true, sinceReleaseMs: 1_800_000 });
  });

  it('is pending while the run goes on and missed once the deadline or the run is over', () => {
    const running = deriveRunState(scenario, tenTimes, t0 + 200 * second);
    expect(evaluateAutoCheck(containment, running.released.get('inject-2'), running, evidence())).toMatchObject({ met: false, status: 'pending', evidence: 'No sign of containment recorded' });
    const late = deriveRunState(scenario, tenTimes, t0 + 241 * second);
    expect(evaluateAutoCheck(containment, late.released.get('inject-2'), late, evidence()).status).toBe('missed');
    const untimed = { kind: 'incident_created', category: null, withinMinutes: null } as const;
    const finished = deriveRunState(scenario, [...tenTimes, runEvent('finished', 5 * minute)], t0 + 10 * minute);
    expect(evaluateAutoCheck(untimed, finished.released.get('inject-1'), finished, evidence()).status).toBe('missed');
  });

  it('ignores live incidents, deleted ones and anything done after the run finished', () => {
    const finished = deriveRunState(scenario, [...tenTimes, runEvent('finished', 5 * minute)], t0 + 10 * minute);
    const incidents = [
      makeIncident({ mode: 'live', containedAt: iso(100 * second) }),
      exerciseIncident({ containedAt: iso(100 * second), deletedAt: iso(110 * second) }),
      exerciseIncident({ containedAt: iso(6 * minute) }),
    ];
    expect(evaluateAutoCheck(containment, finished.released.get('inject-2'), finished, evidence({ incidents })).met).toBe(false);
  });

  it('says so when the inject was not released', () => {
    const state = deriveRunState(scenario, [runEvent('started', 0)], t0 + minute);
    expect(evaluateAutoCheck(containment, undefined, state, evidence())).toMatchObject({ met: false, status: 'pending', evidence: 'The inject was not yet released' });
  });

  it('checks categories, playbooks, stages, tasks and timeline entries', () => {
    const state = deriveRunState(scenario, tenTimes, t0 + 10 * minute);
    const released = state.released.get('inject-1');
    const incident = exerciseIncident({ acknowledgedAt: iso(90 * second), resolvedAt: null });
    const malware = exerciseIncident({ category: 'malware' });
    const fromPlaybook = { playbookId: testUuid(), lineageId: starterPlaybookLineages.ransomware, version: 1, phase: 'containment', position: 4, stepKind: 'action', isRequired: true } as const;
    const tasks = [task(incident.id, { fromPlaybook, createdAt: iso(70 * second) }), task(incident.id, { state: 'done', completedAt: iso(150 * second) })];
    const timeline: TimelineEntry[] = [
      { id: testUuid(), incidentId: incident.id, kind: 'communication', text: 'Holding statement sent to all staff', occurredAt: iso(0), recordedAt: iso(120 * second), author: facilitator, deviceId: 'device-1', correctsEntryId: null },
    ];
    const all = evidence({ incidents: [incident], tasks, timeline });
    // Created 2 min of wall time in: 20 min of exercise time at 10x.
    expect(evaluateAutoCheck({ kind: 'incident_created', category: 'ransomware', withinMinutes: 20 }, released, state, all)).toMatchObject({ met: true, sinceReleaseMs: 1_200_000 });
    expect(evaluateAutoCheck({ kind: 'incident_created', category: 'ransomware', withinMinutes: 19 }, released, state, all)).toMatchObject({ met: false, status: 'missed' });
    expect(evaluateAutoCheck({ kind: 'incident_created', category: 'ransomware', withinMinutes: 15 }, released, state, evidence({ incidents: [malware] }))).toMatchObject({
      met: false,
      evidence: 'No sign of an exercise incident created with category Ransomware',
    });
    expect(evaluateAutoCheck({ kind: 'playbook_applied', playbookLineageId: starterPlaybookLineages.ransomware, withinMinutes: null }, released, state, all)).toMatchObject({
      met: true,
      atMs: t0 + 70_000,
      evidence: 'Ransomware playbook applied to EX-0001 at +00:11, 11 min after the inject',
    });
    expect(evaluateAutoCheck({ kind: 'stage_reached', stage: 'triaged', withinMinutes: null }, released, state, all)).toMatchObject({ met: true, atMs: t0 + 90_000 });
    expect(evaluateAutoCheck({ kind: 'stage_reached', stage: 'resolved', withinMinutes: null }, released, state, all).met).toBe(false);
    expect(evaluateAutoCheck({ kind: 'task_completed', titleIncludes: 'isolate affected HOSTS', withinMinutes: null }, released, state, all)).toMatchObject({ met: true, atMs: t0 + 150_000 });
    // The recorded time counts, not the backdated occurredAt.
    expect(evaluateAutoCheck({ kind: 'timeline_entry', entryKind: 'communication', textIncludes: 'holding statement', withinMinutes: 15 }, released, state, all)).toMatchObject({
      met: false,
      sinceReleaseMs: 1_200_000,
      evidence: 'Communication on EX-0001: "Holding statement sent to all staff" at +00:20, 20 min after the inject: later than the 15 min expected',
    });
  });
});

describe('scoreExercise', () => {
  const score = (points: number, injectId: string, expectedActionId: string, at = iso(0)): FacilitatorScore => ({
    id: facilitatorScoreId(runId, injectId, expectedActionId),
    runId,
    by: facilitator,
    at,
    injectId,
    expectedActionId,
    points,
    note: '',
  });

  it('adds auto and facilitator points per inject, per objective and overall, leaving out injects not played', () => {
    // Released: 1, 2, 3 and 5 (4 is manual and never released).
    const events = [...tenTimes, release('inject-3', 100 * second), release('inject-5', 7 * minute)];
    const state = deriveRunState(scenario, events, t0 + 10 * minute);
    const results = evaluateExpectedActions(state, evidence({ incidents: [exerciseIncident({ createdAt: iso(30 * second), containedAt: iso(5 * minute) })] }));
    expect(results.map((entry) => [entry.expectedActionId, entry.result.status])).toEqual([
      ['inject-1-1', 'met'],
      ['inject-2-1', 'missed'],
    ]);
    const result = scoreExercise({
      injects: state.injects,
      objectives: scenario.objectives,
      releasedInjectIds: new Set(state.released.keys()),
      autoResults: results,
      facilitatorScores: [score(3, 'inject-1', 'inject-1-2'), score(10, 'inject-3', 'inject-3-1'), score(4, 'inject-4', 'inject-4-1')],
    });
    expect(result.actions.map((entry) => [entry.expectedActionId, entry.earned, entry.possible, entry.status, entry.source])).toEqual([
      ['inject-1-1', 5, 5, 'met', 'auto'],
      ['inject-1-2', 3, 5, 'partial', 'facilitator'],
      ['inject-2-1', 0, 10, 'missed', 'auto'],
      ['inject-3-1', 10, 10, 'met', 'facilitator'],
      ['inject-4-1', 0, 4, 'not_played', null],
      ['inject-5-1', 0, 6, 'unscored', null],
    ]);
    expect(result.injects.map((entry) => [entry.mselNumber, entry.earned, entry.possible, entry.percent])).toEqual([
      [1, 8, 10, 80],
      [2, 0, 10, 0],
      [3, 10, 10, 100],
      [4, 0, 0, null],
      [5, 0, 6, 0],
    ]);
    expect(result.objectives).toEqual([
      { objectiveId: 'detect', text: 'Detect it', earned: 8, possible: 10, percent: 80 },
      { objectiveId: 'contain', text: 'Contain it', earned: 0, possible: 16, percent: 0 },
    ]);
    expect(result.unassigned).toEqual({ earned: 10, possible: 10, percent: 100 });
    expect(result.overall).toEqual({ earned: 18, possible: 36, percent: 50 });
  });

  it('lets the facilitator override an automatic result, caps at the points and keeps the newest score', () => {
    const state = deriveRunState(scenario, tenTimes, t0 + 10 * minute);
    const results = evaluateExpectedActions(state, evidence());
    const result = scoreExercise({
      injects: state.injects,
      objectives: scenario.objectives,
      releasedInjectIds: new Set(state.released.keys()),
      autoResults: results,
      facilitatorScores: [score(2, 'inject-2-x', 'nothing'), { ...score(7, 'inject-2', 'inject-2-1', iso(2)), id: testUuid() }, score(4, 'inject-2', 'inject-2-1', iso(1)), score(99, 'inject-1', 'inject-1-2')],
    });
    expect(result.actions.find((entry) => entry.expectedActionId === 'inject-2-1')).toMatchObject({ earned: 7, status: 'partial', source: 'facilitator' });
    expect(result.actions.find((entry) => entry.expectedActionId === 'inject-1-2')).toMatchObject({ earned: 5, status: 'met' });
    // 0 (auto, pending: no incident yet) + 5 + 7 of 5 + 5 + 10.
    expect(result.overall).toEqual({ earned: 12, possible: 20, percent: 60 });
  });

  it('rounds percentages to one decimal place', () => {
    const state = deriveRunState(scenario, tenTimes, t0 + 10 * minute);
    const result = scoreExercise({ injects: state.injects, objectives: [], releasedInjectIds: new Set(['inject-1', 'inject-2']), autoResults: [], facilitatorScores: [score(2, 'inject-1', 'inject-1-2')] });
    expect(result.overall).toEqual({ earned: 2, possible: 20, percent: 10 });
    const third = scoreExercise({ injects: state.injects, objectives: [], releasedInjectIds: new Set(['inject-3', 'inject-5']), autoResults: [], facilitatorScores: [score(5, 'inject-3', 'inject-3-1')] });
    expect(third.overall).toEqual({ earned: 5, possible: 16, percent: 31.3 });
  });
});
