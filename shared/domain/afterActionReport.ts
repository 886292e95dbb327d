/**
 * The after-action report and improvement plan (HSEEP AAR/IP) of one run, as structured data for
 * the screen (Markdown for a document is in shared/formats/afterActionReportMarkdown.ts). Built
 * from the run's records only; nothing here reads a clock (`nowMs` is when it is drawn up).
 */
import type { CorrectiveAction, CorrectiveActionStatus } from './correctiveAction';
import { deriveRunState, exerciseTimeAt, type ExerciseRun, type ExerciseRunEvent, type ExerciseRunStatus } from './exerciseClock';
import { latestRatings, objectiveRatingLabels, type ExerciseObservation, type HotWashEntry, type ObjectiveRating, type ObjectiveRatingRecord } from './exerciseEvaluation';
import type { ExerciseDecision, InjectDelivery } from './exercisePlay';
import { injectChannelLabels, type Scenario, type ScenarioDifficulty } from './exerciseScenario';
import type { ExerciseScore, ExpectedActionScore, ScoreTotals } from './exerciseScoring';
import { toIso, toMs } from './time';

export type AfterActionReportInput = {
  scenario: Scenario;
  run: ExerciseRun;
  events: readonly ExerciseRunEvent[];
  deliveries: readonly InjectDelivery[];
  decisions: readonly ExerciseDecision[];
  observations: readonly ExerciseObservation[];
  ratings: readonly ObjectiveRatingRecord[];
  hotWash: readonly HotWashEntry[];
  correctiveActions: readonly CorrectiveAction[];
  /** scoreExercise over the run's automatic results and facilitator scores. */
  score: ExerciseScore;
  nowMs: number;
};

export type AarTimelineItem = {
  exerciseMs: number;
  wallMs: number;
  kind: 'inject' | 'decision' | 'expected_action' | 'clock';
  text: string;
};

export type AarFinding = { text: string; source: 'observation' | 'hot_wash'; objectiveId: string | null; by: string };

export type AarObjective = {
  id: string;
  text: string;
  rating: ObjectiveRating | null;
  ratingLabel: string;
  ratingNote: string;
  score: ScoreTotals;
  strengths: string[];
  areasForImprovement: string[];
};

export type AarCorrectiveAction = {
  title: string;
  owner: string;
  dueDate: string;
  status: CorrectiveActionStatus;
  objectiveText: string | null;
};

export type AfterActionReport = {
  title: string;
  scenario: { title: string; version: number; difficulty: ScenarioDifficulty; audience: string; durationMinutes: number };
  overview: {
    status: ExerciseRunStatus;
    startedAt: string | null;
    finishedAt: string | null;
    wallDurationMs: number;
    exerciseDurationMs: number;
    injectsReleased: number;
    injectsPlanned: number;
    adhocInjects: number;
    participants: string[];
    acknowledgedDeliveries: number;
    deliveries: number;
    score: ScoreTotals;
  };
  objectives: AarObjective[];
  timeline: AarTimelineItem[];
  expectedActions: { met: ExpectedActionScore[]; partial: ExpectedActionScore[]; missed: ExpectedActionScore[]; unscored: ExpectedActionScore[] };
  strengths: AarFinding[];
  areasForImprovement: AarFinding[];
  otherComments: AarFinding[];
  improvementPlan: AarCorrectiveAction[];
};

function personNames(names: Iterable<string>): string[] {
  return [...new Set(names)].sort((left, right) => left.localeCompare(right, 'en'));
}

export function buildAfterActionReport(input: AfterActionReportInput): AfterActionReport {
  const { scenario, run, score } = input;
  const state = deriveRunState(scenario, input.events, input.nowMs, run.initialMultiplier);
  const endMs = state.finishedAtMs ?? input.nowMs;
  const injectById = new Map(state.injects.map((inject) => [inject.id, inject]));
  const objectiveText = new Map(scenario.objectives.map((objective) => [objective.id, objective.text]));

  const timeline: AarTimelineItem[] = [];
  const at = (wallMs: number) => exerciseTimeAt(state.segments, wallMs);
  for (const release of state.released.values()) {
    const inject = injectById.get(release.injectId)!;
    const how = `${injectChannelLabels[inject.channel]}${inject.fromPersona ? ` from ${inject.fromPersona}` : ''}${inject.toAudience ? ` to ${inject.toAudience}` : ''}`;
    timeline.push({ exerciseMs: release.exerciseMs, wallMs: release.wallMs, kind: 'inject', text: `Inject ${inject.mselNumber} released${release.manual ? ' by hand' : ''} (${how}): ${inject.title}` });
  }
  for (const decision of input.decisions) {
    const wallMs = toMs(decision.at);
    if (wallMs > endMs) continue;
    const considered = decision.optionsConsidered.length > 0 ? ` (considered: ${decision.optionsConsidered.join('; ')})` : '';
    timeline.push({ exerciseMs: at(wallMs), wallMs, kind: 'decision', text: `Decision by ${decision.by.name}: ${decision.question} Chose: ${decision.choice}${considered}${decision.rationale ? `. Why: ${decision.rationale}` : ''}` });
  }
  for (const action of score.actions) {
    if (action.source === 'auto' && action.auto?.met && action.auto.atMs !== null) {
      timeline.push({ exerciseMs: at(action.auto.atMs), wallMs: action.auto.atMs, kind: 'expected_action', text: `Expected action met (inject ${action.mselNumber}): ${action.description}` });
    }
  }
  for (const event of state.status === 'scheduled' ? [] : input.events) {
    const wallMs = toMs(event.at);
    if (wallMs > endMs || (state.startedAtMs !== null && wallMs < state.startedAtMs)) continue;
    const text =
      event.kind === 'started' ? 'Exercise started'
      : event.kind === 'paused' ? 'Paused'
      : event.kind === 'resumed' ? 'Resumed'
      : event.kind === 'speed_changed' ? `Speed set to ${event.multiplier}x`
      : event.kind === 'jumped_to_next' ? `Jumped ahead to inject ${injectById.get(event.injectId)?.mselNumber ?? '?'}`
      : event.kind === 'finished' ? 'Exercise finished'
      : null;
    if (text !== null) timeline.push({ exerciseMs: at(wallMs), wallMs, kind: 'clock', text });
  }
  const kindOrder: Record<AarTimelineItem['kind'], number> = { clock: 0, inject: 1, decision: 2, expected_action: 3 };
  // Duplicate clock events (two devices pressing Pause) say the same thing; keep one line.
  const seen = new Set<string>();
  const orderedTimeline = timeline
    .sort((left, right) => left.wallMs - right.wallMs || kindOrder[left.kind] - kindOrder[right.kind] || left.text.localeCompare(right.text, 'en'))
    .filter((item) => {
      const id = `${item.wallMs}|${item.text}`;
      if (seen.has(id)) return false;
      seen.add(id);
      return true;
    });

  const finding = (text: string, source: AarFinding['source'], objectiveId: string | null, by: string): AarFinding => ({ text, source, objectiveId, by });
  const byTime = <T extends { at: string; id: string }>(records: readonly T[]) => [...records].sort((left, right) => (left.at !== right.at ? (left.at < right.at ? -1 : 1) : left.id < right.id ? -1 : 1));
  const strengths = [
    ...byTime(input.observations.filter((observation) => observation.kind === 'strength')).map((observation) => finding(observation.text, 'observation', observation.objectiveId, observation.by.name)),
    ...byTime(input.hotWash.filter((entry) => entry.kind === 'went_well')).map((entry) => finding(entry.text, 'hot_wash', null, entry.by.name)),
  ];
  const areasForImprovement = [
    ...byTime(input.observations.filter((observation) => observation.kind === 'area_for_improvement')).map((observation) => finding(observation.text, 'observation', observation.objectiveId, observation.by.name)),
    ...byTime(input.hotWash.filter((entry) => entry.kind === 'to_improve')).map((entry) => finding(entry.text, 'hot_wash', null, entry.by.name)),
  ];
  const otherComments = byTime(input.hotWash.filter((entry) => entry.kind === 'other')).map((entry) => finding(entry.text, 'hot_wash', null, entry.by.name));

  const ratings = latestRatings(input.ratings);
  const objectives: AarObjective[] = scenario.objectives.map((objective) => {
    const rating = ratings.get(objective.id) ?? null;
    return {
      id: objective.id,
      text: objective.text,
      rating: rating?.rating ?? null,
      ratingLabel: rating ? `${rating.rating}: ${objectiveRatingLabels[rating.rating]}` : 'Not rated',
      ratingNote: rating?.note ?? '',
      score: score.objectives.find((entry) => entry.objectiveId === objective.id) ?? { earned: 0, possible: 0, percent: null },
      strengths: strengths.filter((entry) => entry.objectiveId === objective.id).map((entry) => entry.text),
      areasForImprovement: areasForImprovement.filter((entry) => entry.objectiveId === objective.id).map((entry) => entry.text),
    };
  });

  const played = score.actions.filter((action) => action.status !== 'not_played');
  const participants = personNames([
    ...input.deliveries.map((delivery) => delivery.player.name),
    ...input.decisions.map((decision) => decision.by.name),
    ...input.hotWash.map((entry) => entry.by.name),
  ]);
  const scenarioInjectIds = new Set(scenario.injects.map((inject) => inject.id));

  return {
    title: run.title,
    scenario: { title: scenario.title, version: scenario.version, difficulty: scenario.difficulty, audience: scenario.audience, durationMinutes: scenario.durationMinutes },
    overview: {
      status: state.status,
      startedAt: state.startedAtMs === null ? null : toIso(state.startedAtMs),
      finishedAt: state.finishedAtMs === null ? null : toIso(state.finishedAtMs),
      wallDurationMs: state.startedAtMs === null ? 0 : endMs - state.startedAtMs,
      exerciseDurationMs: at(endMs),
      injectsReleased: state.released.size,
      injectsPlanned: scenario.injects.length,
      adhocInjects: state.injects.filter((inject) => !scenarioInjectIds.has(inject.id)).length,
      participants,
      acknowledgedDeliveries: input.deliveries.filter((delivery) => delivery.acknowledgedAt !== null).length,
      deliveries: input.deliveries.length,
      score: score.overall,
    },
    objectives,
    timeline: orderedTimeline,
    expectedActions: {
      met: played.filter((action) => action.status === 'met'),
      partial: played.filter((action) => action.status === 'partial'),
      missed: played.filter((action) => action.status === 'missed' || action.status === 'pending'),
      unscored: played.filter((action) => action.status === 'unscored'),
    },
    strengths,
    areasForImprovement,
    otherComments,
    improvementPlan: [...input.correctiveActions]
      .sort((left, right) => (left.dueDate !== right.dueDate ? (left.dueDate < right.dueDate ? -1 : 1) : left.title.localeCompare(right.title, 'en')))
      .map((action) => ({
        title: action.title,
        owner: action.owner,
        dueDate: action.dueDate,
        status: action.status,
        objectiveText: action.objectiveId === null ? null : (objectiveText.get(action.objectiveId) ?? null),
      })),
  };
}
