/**
 * The stored shapes of exercise data, as they sync: scenario versions, runs (with the scenario
 * version they play frozen inside), the run's clock events, and one table of per-run records
 * (deliveries, decisions, observations, ratings, hot-wash entries, facilitator scores and
 * corrective actions) told apart by `recordKind`. Built from the exercise domain's own schemas;
 * the rules stay in those files.
 */
import { z } from 'zod';
import { correctiveActionSchema } from './correctiveAction';
import { exerciseRunSchema } from './exerciseClock';
import { exerciseObservationSchema, facilitatorScoreSchema, hotWashEntrySchema, objectiveRatingRecordSchema } from './exerciseEvaluation';
import { exerciseDecisionSchema, injectDeliverySchema } from './exercisePlay';
import { scenarioSchema, type Scenario } from './exerciseScenario';
import { starterPlaybookStamp } from './starterPlaybooks';
import { starterScenarios } from './starterScenarios';
import { isoTimestampSchema } from './time';

/**
 * One version of a scenario in the library. `deletedAt` is the tombstone; `updatedAt` orders the
 * library. Versions of one scenario share `lineageId`; an edit adds the next version.
 */
export const scenarioRecordSchema = scenarioSchema.extend({
  updatedAt: isoTimestampSchema,
  deletedAt: isoTimestampSchema.nullable(),
});
export type ScenarioRecord = z.infer<typeof scenarioRecordSchema>;

/** The scenario itself, without the library's bookkeeping (for runs, files and the domain). */
export function scenarioOfRecord(record: ScenarioRecord): Scenario {
  const { updatedAt: _updatedAt, deletedAt: _deletedAt, ...scenario } = record;
  return scenario;
}

/**
 * How a run is played: 'room' is a tabletop around one screen (the facilitator's device records
 * for everyone); 'team' has every player on their own device, receiving injects and working
 * exercise incidents.
 */
export const exerciseModes = ['room', 'team'] as const;
export const exerciseModeSchema = z.enum(exerciseModes, { message: 'Choose room or team' });
export type ExerciseMode = z.infer<typeof exerciseModeSchema>;
export const exerciseModeLabels: Record<ExerciseMode, string> = { room: 'In the room', team: 'Team on their own devices' };

/**
 * A run as stored: the run, plus the scenario version it plays as it was when the run was made
 * (later edits of the scenario do not change a run, nor its report), how it is played, and a
 * tombstone.
 */
export const exerciseRunRecordSchema = exerciseRunSchema.extend({
  scenario: scenarioSchema,
  mode: exerciseModeSchema,
  deletedAt: isoTimestampSchema.nullable(),
});
export type ExerciseRunRecord = z.infer<typeof exerciseRunRecordSchema>;

/** The per-run records, each the domain's schema with its kind. */
export const exerciseRecordVariants = {
  delivery: injectDeliverySchema.extend({ recordKind: z.literal('delivery') }),
  decision: exerciseDecisionSchema.extend({ recordKind: z.literal('decision') }),
  observation: exerciseObservationSchema.extend({ recordKind: z.literal('observation') }),
  rating: objectiveRatingRecordSchema.extend({ recordKind: z.literal('rating') }),
  hot_wash: hotWashEntrySchema.extend({ recordKind: z.literal('hot_wash') }),
  facilitator_score: facilitatorScoreSchema.extend({ recordKind: z.literal('facilitator_score') }),
  corrective_action: correctiveActionSchema.extend({ recordKind: z.literal('corrective_action') }),
} as const;
export type ExerciseRecordKind = keyof typeof exerciseRecordVariants;
export const exerciseRecordKinds = Object.keys(exerciseRecordVariants) as ExerciseRecordKind[];

export const exerciseRecordSchema = z.discriminatedUnion('recordKind', [
  exerciseRecordVariants.delivery,
  exerciseRecordVariants.decision,
  exerciseRecordVariants.observation,
  exerciseRecordVariants.rating,
  exerciseRecordVariants.hot_wash,
  exerciseRecordVariants.facilitator_score,
  exerciseRecordVariants.corrective_action,
]);
export type ExerciseRecord = z.infer<typeof exerciseRecordSchema>;
export type ExerciseRecordOf<K extends ExerciseRecordKind> = Extract<ExerciseRecord, { recordKind: K }>;

export function isExerciseRecordKind(value: unknown): value is ExerciseRecordKind {
  return typeof value === 'string' && Object.hasOwn(exerciseRecordVariants, value);
}

/** The records of one kind, without their kind tag (the domain functions take the plain shapes). */
export function recordsOfKind<K extends ExerciseRecordKind>(records: readonly ExerciseRecord[], kind: K): Omit<ExerciseRecordOf<K>, 'recordKind'>[] {
  return records
    .filter((record): record is ExerciseRecordOf<K> => record.recordKind === kind)
    .map((record) => {
      const { recordKind: _kind, ...rest } = record;
      return rest as Omit<ExerciseRecordOf<K>, 'recordKind'>;
    });
}

// ---------------------------------------------------------------------------- starter scenarios

/** The starter scenarios as library records: the starter playbooks' date, never deleted. */
const starterUpdatedAt = '2026-01-01T00:00:00.000Z';
export const starterScenarioRecords: readonly ScenarioRecord[] = starterScenarios.map((scenario) => ({ ...scenario, updatedAt: starterUpdatedAt, deletedAt: null }));

const starterScenarioIds = new Set(starterScenarios.map((scenario) => scenario.id));

/** Whether a version record is one of the starters as shipped (not a team's later version). */
export function isStarterScenarioId(id: string): boolean {
  return starterScenarioIds.has(id);
}

export function findStarterScenarioRecord(id: string): ScenarioRecord | undefined {
  return starterScenarioRecords.find((scenario) => scenario.id === id);
}

/**
 * The stamps of a starter as shipped: the same fixed stamp as the starter playbooks, so devices
 * seed byte-identical rows that never clash and any real edit wins field by field.
 */
export function starterScenarioStamps(record: ScenarioRecord): Record<string, string> {
  return Object.fromEntries(Object.keys(record).map((field) => [field, starterPlaybookStamp]));
}
