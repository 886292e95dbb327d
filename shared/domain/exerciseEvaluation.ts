/**
 * What evaluators and the facilitator record about a run: observations, HSEEP ratings of each
 * objective, hot-wash entries, and scores for expected actions the app cannot check itself.
 */
import { z } from 'zod';
import { uuidFromText } from './deterministicId';
import { exerciseItemIdSchema } from './exerciseScenario';
import { personRefSchema } from './people';
import { isoTimestampSchema } from './time';

const recordBase = { id: z.uuid(), runId: z.uuid(), by: personRefSchema, at: isoTimestampSchema };

export const observationKinds = ['strength', 'area_for_improvement'] as const;
export const observationKindSchema = z.enum(observationKinds);
export type ObservationKind = z.infer<typeof observationKindSchema>;
export const observationKindLabels: Record<ObservationKind, string> = { strength: 'Strength', area_for_improvement: 'Area for improvement' };

export const exerciseObservationSchema = z.strictObject({
  ...recordBase,
  kind: observationKindSchema,
  text: z.string().trim().min(1, 'Write the observation').max(5000, 'Keep an observation under 5,000 characters'),
  objectiveId: exerciseItemIdSchema.nullable(),
  injectId: z.string().min(1).max(64).nullable(),
});
export type ExerciseObservation = z.infer<typeof exerciseObservationSchema>;

/** HSEEP performance ratings of an objective (or core capability). */
export const objectiveRatings = ['P', 'S', 'M', 'U'] as const;
export const objectiveRatingSchema = z.enum(objectiveRatings, { message: 'Rate it P, S, M or U' });
export type ObjectiveRating = z.infer<typeof objectiveRatingSchema>;
export const objectiveRatingLabels: Record<ObjectiveRating, string> = {
  P: 'Performed without challenges',
  S: 'Performed with some challenges',
  M: 'Performed with major challenges',
  U: 'Unable to be performed',
};

/**
 * One rating per objective per run: the id comes from (run, objective), so a re-rating is an
 * edit of the same row and sync keeps the newest.
 */
export const objectiveRatingRecordSchema = z.strictObject({
  ...recordBase,
  objectiveId: exerciseItemIdSchema,
  rating: objectiveRatingSchema,
  note: z.string().trim().max(5000, 'Keep the note under 5,000 characters'),
});
export type ObjectiveRatingRecord = z.infer<typeof objectiveRatingRecordSchema>;

export function objectiveRatingId(runId: string, objectiveId: string): string {
  return uuidFromText(`firebreak-exercise:${runId}:rating:${objectiveId}`);
}

/** The rating in force per objective: the latest by time, then id, if several rows exist. */
export function latestRatings(ratings: readonly ObjectiveRatingRecord[]): Map<string, ObjectiveRatingRecord> {
  const latest = new Map<string, ObjectiveRatingRecord>();
  for (const rating of ratings) {
    const current = latest.get(rating.objectiveId);
    if (!current || rating.at > current.at || (rating.at === current.at && rating.id > current.id)) latest.set(rating.objectiveId, rating);
  }
  return latest;
}

export const hotWashKinds = ['went_well', 'to_improve', 'other'] as const;
export const hotWashKindSchema = z.enum(hotWashKinds);
export type HotWashKind = z.infer<typeof hotWashKindSchema>;
export const hotWashKindLabels: Record<HotWashKind, string> = { went_well: 'What went well', to_improve: 'What to improve', other: 'Other comments' };

export const hotWashEntrySchema = z.strictObject({
  ...recordBase,
  kind: hotWashKindSchema,
  text: z.string().trim().min(1, 'Write the comment').max(5000, 'Keep a comment under 5,000 characters'),
});
export type HotWashEntry = z.infer<typeof hotWashEntrySchema>;

/**
 * The facilitator's score for one expected action, 0 to its points (partial credit allowed). It
 * also overrides an automatic check, for when players did the thing outside the app. One row per
 * (run, inject, action): the id is derived, so a re-score edits it.
 */
export const facilitatorScoreSchema = z.strictObject({
  ...recordBase,
  injectId: z.string().min(1).max(64),
  expectedActionId: exerciseItemIdSchema,
  points: z.number().int('Score in whole points').min(0, 'A score cannot be negative'),
  note: z.string().trim().max(2000, 'Keep the note under 2,000 characters'),
});
export type FacilitatorScore = z.infer<typeof facilitatorScoreSchema>;

export function facilitatorScoreId(runId: string, injectId: string, expectedActionId: string): string {
  return uuidFromText(`firebreak-exercise:${runId}:score:${injectId}:${expectedActionId}`);
}
