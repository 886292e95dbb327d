/**
 * Impact x urgency -> priority, through a configurable matrix, and the service targets per
 * priority. Defaults follow product.md; leads may change both in Settings.
 */
import { z } from 'zod';
import { isoTimestampSchema } from './time';

export const levels = ['high', 'medium', 'low'] as const;
export const levelSchema = z.enum(levels);
export type Level = z.infer<typeof levelSchema>;
export const levelLabels: Record<Level, string> = { high: 'High', medium: 'Medium', low: 'Low' };

export const priorities = ['P1', 'P2', 'P3', 'P4', 'P5'] as const;
export const prioritySchema = z.enum(priorities);
export type Priority = z.infer<typeof prioritySchema>;
export const priorityLabels: Record<Priority, string> = {
  P1: 'P1 Critical',
  P2: 'P2 High',
  P3: 'P3 Moderate',
  P4: 'P4 Low',
  P5: 'P5 Planning',
};

const matrixRowSchema = z.strictObject({ high: prioritySchema, medium: prioritySchema, low: prioritySchema });
/** Indexed by impact, then urgency. */
export const priorityMatrixSchema = z.strictObject({
  high: matrixRowSchema,
  medium: matrixRowSchema,
  low: matrixRowSchema,
});
export type PriorityMatrix = z.infer<typeof priorityMatrixSchema>;

export const defaultPriorityMatrix: PriorityMatrix = {
  high: { high: 'P1', medium: 'P2', low: 'P3' },
  medium: { high: 'P2', medium: 'P3', low: 'P4' },
  low: { high: 'P3', medium: 'P4', low: 'P5' },
};

export function derivePriority(matrix: PriorityMatrix, impact: Level, urgency: Level): Priority {
  return matrix[impact][urgency];
}

/** Minimum length of the written reason required to override the matrix. */
export const minOverrideJustificationLength = 10;

export const priorityOverrideSchema = z.strictObject({
  priority: prioritySchema,
  justification: z
    .string()
    .trim()
    .min(minOverrideJustificationLength, `Explain the override in at least ${minOverrideJustificationLength} characters`)
    .max(2000),
});
export type PriorityOverride = z.infer<typeof priorityOverrideSchema>;

/** The priority in force: the override when there is one, otherwise the matrix. */
export function effectivePriority(
  matrix: PriorityMatrix,
  impact: Level,
  urgency: Level,
  override: PriorityOverride | null,
): Priority {
  return override ? override.priority : derivePriority(matrix, impact, urgency);
}

export function comparePriorities(left: Priority, right: Priority): number {
  return priorities.indexOf(left) - priorities.indexOf(right);
}

const minutes = 60 * 1000;
const hours = 60 * minutes;

const serviceTargetSchema = z
  .strictObject({
    respondWithinMs: z.number().int().positive().max(365 * 24 * hours),
    resolveWithinMs: z.number().int().positive().max(365 * 24 * hours),
  })
  .refine((target) => target.resolveWithinMs >= target.respondWithinMs, {
    message: 'The resolution target cannot be shorter than the response target',
  });

export const serviceTargetsSchema = z.strictObject({
  P1: serviceTargetSchema,
  P2: serviceTargetSchema,
  P3: serviceTargetSchema,
  P4: serviceTargetSchema,
  P5: serviceTargetSchema,
});
export type ServiceTargets = z.infer<typeof serviceTargetsSchema>;

/** Time on hold does not count against these. */
export const defaultServiceTargets: ServiceTargets = {
  P1: { respondWithinMs: 15 * minutes, resolveWithinMs: 4 * hours },
  P2: { respondWithinMs: 30 * minutes, resolveWithinMs: 8 * hours },
  P3: { respondWithinMs: 2 * hours, resolveWithinMs: 24 * hours },
  P4: { respondWithinMs: 8 * hours, resolveWithinMs: 72 * hours },
  P5: { respondWithinMs: 24 * hours, resolveWithinMs: 7 * 24 * hours },
};

/** One recorded change of priority. `from` says what applied before it, so history needs no other start. */
export const priorityChangeSchema = z.strictObject({
  at: isoTimestampSchema,
  from: prioritySchema,
  to: prioritySchema,
});
export type PriorityChange = z.infer<typeof priorityChangeSchema>;
