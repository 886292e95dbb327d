/**
 * Corrective actions of an exercise's improvement plan (the "IP" of HSEEP's AAR/IP), tracked to
 * closure. Status only moves forward (open -> in progress -> done -> verified; in progress may
 * be skipped), and "verified" needs "done" first: someone checks the fix works before the item
 * leaves the plan.
 */
import { z } from 'zod';
import { zodErrorsToFieldErrors, type Validated } from './incident';
import { exerciseItemIdSchema } from './exerciseScenario';
import { personRefSchema, type PersonRef } from './people';
import { isoTimestampSchema, type IsoTimestamp } from './time';

export const correctiveActionStatuses = ['open', 'in_progress', 'done', 'verified'] as const;
export const correctiveActionStatusSchema = z.enum(correctiveActionStatuses);
export type CorrectiveActionStatus = z.infer<typeof correctiveActionStatusSchema>;
export const correctiveActionStatusLabels: Record<CorrectiveActionStatus, string> = { open: 'Open', in_progress: 'In progress', done: 'Done', verified: 'Verified' };

/** A calendar day, YYYY-MM-DD: a due date has no time of day or zone. */
export const calendarDateSchema = z.iso.date({ message: 'Enter a date as YYYY-MM-DD' });

export const correctiveActionInputSchema = z.strictObject({
  title: z.string().trim().min(1, 'Say what will be done').max(300, 'Keep the title under 300 characters'),
  /** A person or a role ("Head of IT operations"): owners are often outside the app. */
  owner: z.string().trim().min(1, 'Name an owner').max(120, 'Keep the owner under 120 characters'),
  dueDate: calendarDateSchema,
  objectiveId: exerciseItemIdSchema.nullable(),
  /** The observation it answers, if any. */
  observationId: z.uuid().nullable(),
});
export type CorrectiveActionInput = z.infer<typeof correctiveActionInputSchema>;

export const correctiveActionSchema = correctiveActionInputSchema.extend({
  id: z.uuid(),
  runId: z.uuid(),
  status: correctiveActionStatusSchema,
  createdAt: isoTimestampSchema,
  createdBy: personRefSchema,
  doneAt: isoTimestampSchema.nullable(),
  verifiedAt: isoTimestampSchema.nullable(),
  verifiedBy: personRefSchema.nullable(),
  updatedAt: isoTimestampSchema,
});
export type CorrectiveAction = z.infer<typeof correctiveActionSchema>;

export function validateCorrectiveActionInput(input: unknown): Validated<CorrectiveActionInput> {
  const parsed = correctiveActionInputSchema.safeParse(input);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, errors: zodErrorsToFieldErrors(parsed.error) };
}

export function createCorrectiveAction(input: CorrectiveActionInput, context: { id: string; runId: string; by: PersonRef; nowIso: IsoTimestamp }): CorrectiveAction {
  return {
    ...input,
    id: context.id,
    runId: context.runId,
    status: 'open',
    createdAt: context.nowIso,
    createdBy: context.by,
    doneAt: null,
    verifiedAt: null,
    verifiedBy: null,
    updatedAt: context.nowIso,
  };
}

const rank: Record<CorrectiveActionStatus, number> = { open: 0, in_progress: 1, done: 2, verified: 3 };

/** Whether the status may go from `from` to `to`: forward only, and verified only from done. */
export function canMoveCorrectiveAction(from: CorrectiveActionStatus, to: CorrectiveActionStatus): boolean {
  if (to === 'verified') return from === 'done';
  return rank[to] > rank[from];
}

/** Moves the status on, stamping when it was done and who verified it; refuses a step back. */
export function moveCorrectiveAction(action: CorrectiveAction, to: CorrectiveActionStatus, context: { by: PersonRef; nowIso: IsoTimestamp }): Validated<CorrectiveAction> {
  if (!canMoveCorrectiveAction(action.status, to)) {
    const message =
      to === 'verified'
        ? action.status === 'verified'
          ? 'The action is already verified'
          : 'Mark the action done before verifying it'
        : action.status === to
          ? `The action is already ${correctiveActionStatusLabels[to].toLowerCase()}`
          : `A corrective action cannot go back from ${correctiveActionStatusLabels[action.status].toLowerCase()} to ${correctiveActionStatusLabels[to].toLowerCase()}`;
    return { ok: false, errors: { status: message } };
  }
  return {
    ok: true,
    value: {
      ...action,
      status: to,
      doneAt: to === 'done' ? context.nowIso : action.doneAt,
      verifiedAt: to === 'verified' ? context.nowIso : action.verifiedAt,
      verifiedBy: to === 'verified' ? context.by : action.verifiedBy,
      updatedAt: context.nowIso,
    },
  };
}

/** Open past its due date on `todayDate` (YYYY-MM-DD in the viewer's zone). */
export function isCorrectiveActionOverdue(action: Pick<CorrectiveAction, 'status' | 'dueDate'>, todayDate: string): boolean {
  return (action.status === 'open' || action.status === 'in_progress') && action.dueDate < todayDate;
}
