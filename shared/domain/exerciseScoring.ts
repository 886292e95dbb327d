/**
 * Scoring a run against its expected actions.
 *
 * Per expected action: a facilitator's score wins (0 to the action's points, partial credit
 * allowed, and it overrides an automatic check for work done outside the app); otherwise an
 * automatic check that is met earns all the points; otherwise nothing. Only injects that were
 * released count: an inject the facilitator skipped is "not played" and neither adds to what was
 * possible nor takes points away. Percentages are rounded to one decimal place.
 */
import type { FacilitatorScore } from './exerciseEvaluation';
import type { Inject, ScenarioObjective } from './exerciseScenario';
import type { AutoCheckResult, ExpectedActionCheckResult } from './expectedActions';

export type ScoreTotals = { earned: number; possible: number; percent: number | null };

export type ExpectedActionScoreStatus = 'met' | 'partial' | 'missed' | 'pending' | 'unscored' | 'not_played';

export type ExpectedActionScore = {
  injectId: string;
  mselNumber: number;
  injectTitle: string;
  expectedActionId: string;
  description: string;
  objectiveId: string | null;
  earned: number;
  possible: number;
  status: ExpectedActionScoreStatus;
  source: 'auto' | 'facilitator' | null;
  auto: AutoCheckResult | null;
  facilitatorNote: string | null;
};

export type InjectScore = ScoreTotals & { injectId: string; mselNumber: number; title: string; isPlayed: boolean };
export type ObjectiveScore = ScoreTotals & { objectiveId: string; text: string };

export type ExerciseScore = {
  actions: ExpectedActionScore[];
  injects: InjectScore[];
  objectives: ObjectiveScore[];
  /** Actions tied to no objective. */
  unassigned: ScoreTotals;
  overall: ScoreTotals;
};

export type ScoreInput = {
  injects: readonly Inject[];
  objectives: readonly ScenarioObjective[];
  releasedInjectIds: ReadonlySet<string>;
  autoResults: readonly ExpectedActionCheckResult[];
  facilitatorScores: readonly FacilitatorScore[];
};

export function percentOf(earned: number, possible: number): number | null {
  return possible === 0 ? null : Math.round((earned / possible) * 1000) / 10;
}

function totals(scores: readonly ExpectedActionScore[]): ScoreTotals {
  const counted = scores.filter((score) => score.status !== 'not_played');
  const earned = counted.reduce((sum, score) => sum + score.earned, 0);
  const possible = counted.reduce((sum, score) => sum + score.possible, 0);
  return { earned, possible, percent: percentOf(earned, possible) };
}

const key = (injectId: string, actionId: string) => `${injectId}\u0000${actionId}`;

/** Scores every expected action, then sums them per inject, per objective and overall. */
export function scoreExercise(input: ScoreInput): ExerciseScore {
  const autoByKey = new Map(input.autoResults.map((entry) => [key(entry.injectId, entry.expectedActionId), entry.result]));
  // The newest score per action, should two rows exist for one.
  const manualByKey = new Map<string, FacilitatorScore>();
  for (const score of input.facilitatorScores) {
    const current = manualByKey.get(key(score.injectId, score.expectedActionId));
    if (!current || score.at > current.at || (score.at === current.at && score.id > current.id)) manualByKey.set(key(score.injectId, score.expectedActionId), score);
  }
  const actions: ExpectedActionScore[] = [];
  const injects = [...input.injects].sort((left, right) => left.mselNumber - right.mselNumber);
  for (const inject of injects) {
    const isPlayed = input.releasedInjectIds.has(inject.id);
    for (const action of inject.expectedActions) {
      const auto = action.check === null ? null : (autoByKey.get(key(inject.id, action.id)) ?? null);
      const manual = manualByKey.get(key(inject.id, action.id));
      const base = {
        injectId: inject.id,
        mselNumber: inject.mselNumber,
        injectTitle: inject.title,
        expectedActionId: action.id,
        description: action.description,
        objectiveId: action.objectiveId,
        possible: action.points,
        auto,
        facilitatorNote: manual && manual.note !== '' ? manual.note : null,
      };
      if (!isPlayed) actions.push({ ...base, earned: 0, status: 'not_played', source: null });
      else if (manual) {
        const earned = Math.min(Math.max(manual.points, 0), action.points);
        const status = earned === action.points ? 'met' : earned === 0 ? 'missed' : 'partial';
        actions.push({ ...base, earned, status, source: 'facilitator' });
      } else if (auto) actions.push({ ...base, earned: auto.met ? action.points : 0, status: auto.status, source: 'auto' });
      else actions.push({ ...base, earned: 0, status: 'unscored', source: null });
    }
  }
  return {
    actions,
    injects: injects.map((inject) => ({
      injectId: inject.id,
      mselNumber: inject.mselNumber,
      title: inject.title,
      isPlayed: input.releasedInjectIds.has(inject.id),
      ...totals(actions.filter((action) => action.injectId === inject.id)),
    })),
    objectives: input.objectives.map((objective) => ({ objectiveId: objective.id, text: objective.text, ...totals(actions.filter((action) => action.objectiveId === objective.id)) })),
    unassigned: totals(actions.filter((action) => action.objectiveId === null)),
    overall: totals(actions),
  };
}
