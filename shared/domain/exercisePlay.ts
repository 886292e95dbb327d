/**
 * What players do during a run besides working the exercise incident: receive and acknowledge
 * injects, and record the decisions they take with the options they weighed.
 */
import { z } from 'zod';
import { uuidFromText } from './deterministicId';
import { zodErrorsToFieldErrors, type Validated } from './incident';
import { personRefSchema, type PersonRef } from './people';
import { isoTimestampSchema, toMs, type IsoTimestamp } from './time';

/**
 * One inject reaching one player. The id comes from (run, inject, player), so a delivery written
 * on two devices is one row; acknowledging is a field that only goes from null to a time.
 */
export const injectDeliverySchema = z.strictObject({
  id: z.uuid(),
  runId: z.uuid(),
  injectId: z.string().min(1).max(64),
  player: personRefSchema,
  deliveredAt: isoTimestampSchema,
  acknowledgedAt: isoTimestampSchema.nullable(),
});
export type InjectDelivery = z.infer<typeof injectDeliverySchema>;

export function deliveryId(runId: string, injectId: string, playerId: string): string {
  return uuidFromText(`firebreak-exercise:${runId}:delivery:${injectId}:${playerId}`);
}

export function createDelivery(input: { runId: string; injectId: string; player: PersonRef; nowIso: IsoTimestamp }): InjectDelivery {
  return { id: deliveryId(input.runId, input.injectId, input.player.id), runId: input.runId, injectId: input.injectId, player: input.player, deliveredAt: input.nowIso, acknowledgedAt: null };
}

/** Acknowledges once: a second acknowledgement keeps the first time; a clock behind the delivery is clamped to it. */
export function acknowledgeDelivery(delivery: InjectDelivery, nowIso: IsoTimestamp): InjectDelivery {
  if (delivery.acknowledgedAt !== null) return delivery;
  return { ...delivery, acknowledgedAt: toMs(nowIso) < toMs(delivery.deliveredAt) ? delivery.deliveredAt : nowIso };
}

/**
 * Merges two copies of one delivery (same id) from different devices: the earliest delivery and
 * the earliest acknowledgement win, whatever the order.
 */
export function mergeDeliveries(left: InjectDelivery, right: InjectDelivery): InjectDelivery {
  const earliest = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : a <= b ? a : b);
  const base = left.deliveredAt <= right.deliveredAt ? left : right;
  return { ...base, acknowledgedAt: earliest(left.acknowledgedAt, right.acknowledgedAt) };
}

export const exerciseDecisionInputSchema = z.strictObject({
  injectId: z.string().min(1).max(64).nullable(),
  question: z.string().trim().min(1, 'Say what had to be decided').max(300, 'Keep the question under 300 characters'),
  optionsConsidered: z
    .array(z.string().trim().min(1, 'An option cannot be empty').max(300, 'Keep an option under 300 characters'))
    .max(20, 'At most 20 options'),
  choice: z.string().trim().min(1, 'Record what was chosen').max(300, 'Keep the choice under 300 characters'),
  rationale: z.string().trim().max(5000, 'Keep the rationale under 5,000 characters'),
});
export type ExerciseDecisionInput = z.infer<typeof exerciseDecisionInputSchema>;

/** Insert-only, like timeline entries: a changed mind is a new decision. */
export const exerciseDecisionSchema = exerciseDecisionInputSchema.extend({
  id: z.uuid(),
  runId: z.uuid(),
  by: personRefSchema,
  at: isoTimestampSchema,
});
export type ExerciseDecision = z.infer<typeof exerciseDecisionSchema>;

export function validateExerciseDecision(input: unknown): Validated<ExerciseDecisionInput> {
  const parsed = exerciseDecisionInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: zodErrorsToFieldErrors(parsed.error) };
  const options = parsed.data.optionsConsidered.map((option) => option.toLowerCase());
  if (new Set(options).size !== options.length) return { ok: false, errors: { optionsConsidered: 'An option is listed twice' } };
  return { ok: true, value: parsed.data };
}
