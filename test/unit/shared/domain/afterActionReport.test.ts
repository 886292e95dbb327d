import { describe, expect, it } from 'vitest';
import { buildAfterActionReport, type AfterActionReportInput } from '../../../../shared/domain/afterActionReport';
import { createCorrectiveAction } from '../../../../shared/domain/correctiveAction';
import { createInjectReleasedEvent, deriveRunState, type ExerciseRun } from '../../../../shared/domain/exerciseClock';
import { facilitatorScoreId, objectiveRatingId } from '../../../../shared/domain/exerciseEvaluation';
import { acknowledgeDelivery, createDelivery } from '../../../../shared/domain/exercisePlay';
import { scoreExercise } from '../../../../shared/domain/exerciseScoring';
import { evaluateExpectedActions } from '../../../../shared/domain/expectedActions';
import { afterActionReportToMarkdown } from '../../../../shared/formats/afterActionReportMarkdown';
import { makeIncident, minute, testUuid } from '../fixtures';
import { facilitator, runEvent, runId, sampleScenario, second, t0 } from '../exerciseFixtures';

const iso = (offsetMs: number) => new Date(t0 + offsetMs).toISOString();
const player = { id: 'p-1', name: 'Pat | Player' };

function reportInput(): AfterActionReportInput {
  const scenario = sampleScenario();
  const run: ExerciseRun = {
    id: runId,
    scenarioId: scenario.id,
    scenarioLineageId: scenario.lineageId,
    scenarioVersion: 1,
    title: 'Q1 *tabletop*',
    scheduledFor: null,
    initialMultiplier: 10,
    facilitator,
    createdAt: iso(-minute),
  };
  const release = (injectId: string, offsetMs: number, manual = false) => createInjectReleasedEvent({ runId, injectId, manual, nowIso: iso(offsetMs), by: facilitator });
  // At 10x: inject 1 at +00:00, inject 2 at +00:10 (60 s in), inject 3 at +00:15, paused for 5 min of wall time at +00:20, finished at +00:50.
  const events = [
    runEvent('started', 0),
    release('inject-1', 0),
    release('inject-2', 60 * second),
    release('inject-3', 90 * second),
    runEvent('paused', 2 * minute),
    runEvent('resumed', 7 * minute),
    runEvent('finished', 10 * minute),
  ];
  const incident = makeIncident({ mode: 'exercise', reference: 'EX-0001', category: 'ransomware', createdAt: iso(30 * second), containedAt: iso(9 * minute + 30 * second) });
  const state = deriveRunState(scenario, events, t0 + 12 * minute, run.initialMultiplier);
  const autoResults = evaluateExpectedActions(state, { exerciseRunId: runId, incidents: [incident], tasks: [], timeline: [] });
  const score = scoreExercise({
    injects: state.injects,
    objectives: scenario.objectives,
    releasedInjectIds: new Set(state.released.keys()),
    autoResults,
    facilitatorScores: [
      { id: facilitatorScoreId(runId, 'inject-1', 'inject-1-2'), runId, by: facilitator, at: iso(8 * minute), injectId: 'inject-1', expectedActionId: 'inject-1-2', points: 2, note: 'Called late' },
    ],
  });
  const base = { runId, by: facilitator };
  return {
    scenario,
    run,
    events,
    deliveries: [acknowledgeDelivery(createDelivery({ runId, injectId: 'inject-1', player, nowIso: iso(0) }), iso(10 * second)), createDelivery({ runId, injectId: 'inject-2', player, nowIso: iso(60 * second) })],
    decisions: [{ ...base, id: testUuid(), at: iso(80 * second), injectId: 'inject-2', question: 'Isolate the server?', optionsConsidered: ['Isolate now', 'Wait for backups'], choice: 'Isolate now', rationale: 'Spread risk', by: player }],
    observations: [
      { ...base, id: testUuid(), at: iso(100 * second), kind: 'strength', text: 'Clear command from the *start*', objectiveId: 'detect', injectId: null },
      { ...base, id: testUuid(), at: iso(110 * second), kind: 'area_for_improvement', text: 'Containment was slow', objectiveId: 'contain', injectId: 'inject-2' },
    ],
    ratings: [
      { ...base, id: objectiveRatingId(runId, 'detect'), at: iso(9 * minute), objectiveId: 'detect', rating: 'P', note: '' },
      { ...base, id: objectiveRatingId(runId, 'contain'), at: iso(9 * minute), objectiveId: 'contain', rating: 'M', note: 'Took 75 minutes' },
    ],
    hotWash: [
      { ...base, id: testUuid(), at: iso(9 * minute), kind: 'went_well', text: 'Roles were clear', by: player },
      { ...base, id: testUuid(), at: iso(9 * minute + 1), kind: 'to_improve', text: 'Nobody knew the backup admin # number' },
      { ...base, id: testUuid(), at: iso(9 * minute + 2), kind: 'other', text: 'More coffee' },
    ],
    correctiveActions: [
      createCorrectiveAction({ title: 'Publish the on-call list', owner: 'IT ops', dueDate: '2026-05-01', objectiveId: 'contain', observationId: null }, { id: testUuid(), runId, by: facilitator, nowIso: iso(10 * minute) }),
      createCorrectiveAction({ title: 'Add EDR isolation runbook', owner: 'SOC lead', dueDate: '2026-04-15', objectiveId: null, observationId: null }, { id: testUuid(), runId, by: facilitator, nowIso: iso(10 * minute) }),
    ],
    score,
    nowMs: t0 + 12 * minute,
  };
}

describe('buildAfterActionReport', () => {
  it('summarises the run', () => {
    const report = buildAfterActionReport(reportInput());
    expect(report.overview).toEqual({
      status: 'finished',
      startedAt: iso(0),
      finishedAt: iso(10 * minute),
      wallDurationMs: 10 * minute,
      // 2 min + 3 min of wall time at 10x; the 5 paused minutes do not count.
      exerciseDurationMs: 50 * minute,
      injectsReleased: 3,
      injectsPlanned: 5,
      adhocInjects: 0,
      participants: ['Fran Facilitator', 'Pat | Player'],
      acknowledgedDeliveries: 1,
      deliveries: 2,
      score: { earned: 7, possible: 30, percent: 23.3 },
    });
    expect(report.objectives.map((objective) => [objective.id, objective.rating, objective.score.percent, objective.strengths, objective.areasForImprovement])).toEqual([
      ['detect', 'P', 70, ['Clear command from the *start*'], []],
      ['contain', 'M', 0, [], ['Containment was slow']],
    ]);
    expect(report.expectedActions.met.map((action) => action.expectedActionId)).toEqual(['inject-1-1']);
    expect(report.expectedActions.partial.map((action) => action.expectedActionId)).toEqual(['inject-1-2']);
    expect(report.expectedActions.missed.map((action) => [action.expectedActionId, action.auto?.sinceReleaseMs])).toEqual([['inject-2-1', 35 * minute]]);
    expect(report.expectedActions.unscored.map((action) => action.expectedActionId)).toEqual(['inject-3-1']);
    expect(report.improvementPlan.map((action) => action.title)).toEqual(['Add EDR isolation runbook', 'Publish the on-call list']);
    expect(report.timeline.map((item) => [item.exerciseMs, item.kind, item.text])).toEqual([
      [0, 'clock', 'Exercise started'],
      [0, 'inject', 'Inject 1 released (Email from Sam Sender to Incident manager): Inject 1'],
      [5 * minute, 'expected_action', 'Expected action met (inject 1): Open a ransomware incident'],
      [10 * minute, 'inject', 'Inject 2 released (Email from Sam Sender to Incident manager): Inject 2'],
      [13 * minute + 20 * second, 'decision', 'Decision by Pat | Player: Isolate the server? Chose: Isolate now (considered: Isolate now; Wait for backups). Why: Spread risk'],
      [15 * minute, 'inject', 'Inject 3 released (Email from Sam Sender to Incident manager): Inject 3'],
      [20 * minute, 'clock', 'Paused'],
      [20 * minute, 'clock', 'Resumed'],
      [50 * minute, 'clock', 'Exercise finished'],
    ]);
  });

  it('writes Markdown with user text escaped', () => {
    const markdown = afterActionReportToMarkdown(buildAfterActionReport(reportInput()));
    const lines = markdown.split('\n');
    expect(lines[0]).toBe('# After-action report: Q1 \\*tabletop\\*');
    expect(lines).toContain('Scenario: Sample exercise (version 1) · Introductory · planned for 1 h 30 min');
    expect(lines).toContain('- Exercise time played: 50 min (wall clock 10 min)');
    expect(lines).toContain('- Injects released: 3 of 5');
    expect(lines).toContain('- Injects acknowledged by players: 1 of 2 deliveries');
    expect(lines).toContain('- Participants: Fran Facilitator, Pat \\| Player');
    expect(lines).toContain('- Overall score: 7 of 30 points (23.3%)');
    expect(lines).toContain('| Detect it | P: Performed without challenges | 7 of 10 points (70%) |');
    expect(lines).toContain('| Contain it | M: Performed with major challenges | 0 of 10 points (0%) |');
    expect(lines).toContain('- Contain it: Took 75 minutes');
    expect(lines).toContain('| +00:13 | Decision by Pat \\| Player: Isolate the server? Chose: Isolate now (considered: Isolate now; Wait for backups). Why: Spread risk |');
    expect(lines).toContain('- Inject 1: Open a ransomware incident · 5 of 5 points · 5 min after the inject · checked by the app: EX-0001 created with category Ransomware at +00:05, 5 min after the inject');
    expect(lines).toContain('- Inject 1: Call the service owner · 2 of 5 points · scored by the facilitator · note: Called late');
    expect(lines).toContain(
      '- Inject 2: Record containment within 30 minutes · 0 of 10 points · 35 min after the inject · checked by the app: EX-0001 marked contained at +00:45, 35 min after the inject: later than the 30 min expected',
    );
    expect(lines).toContain('- Clear command from the \\*start\\* (objective: Detect it)');
    expect(lines).toContain('- Nobody knew the backup admin \\# number (hot wash)');
    expect(lines).toContain('## Other comments');
    expect(lines).toContain('| Add EDR isolation runbook |  | SOC lead | 2026-04-15 | Open |');
    expect(lines).toContain('| Publish the on-call list | Contain it | IT ops | 2026-05-01 | Open |');
    expect(markdown.endsWith('|\n')).toBe(true);
  });

  it('handles a run that never started', () => {
    const input = reportInput();
    const report = buildAfterActionReport({ ...input, events: [], decisions: [], score: { ...input.score, actions: [] } });
    expect(report.overview).toMatchObject({ status: 'scheduled', startedAt: null, exerciseDurationMs: 0, injectsReleased: 0 });
    expect(afterActionReportToMarkdown(report)).toContain('Nothing happened: the exercise did not start.');
  });
});
