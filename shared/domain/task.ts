/** Tasks: checklist items on an incident, written by hand or created from playbook steps. */
import { z } from 'zod';
import { zodErrorsToFieldErrors, type Validated } from './incident';
import { personRefSchema } from './people';
import { playbookPhaseSchema } from './playbook';
import { isoTimestampSchema } from './time';

export const taskStates = ['open', 'done', 'cancelled'] as const;
export const taskStateSchema = z.enum(taskStates);
export type TaskState = z.infer<typeof taskStateSchema>;

/**
 * Where a task created from a playbook came from. It names the exact version record, so the
 * incident keeps the procedure it used after the playbook is revised; phase, position, kind and
 * whether the step is required are copied so the checklist can be grouped, ordered and counted
 * without loading the playbook.
 */
export const taskPlaybookOriginSchema = z.strictObject({
  playbookId: z.uuid(),
  lineageId: z.uuid(),
  version: z.number().int().min(1),
  phase: playbookPhaseSchema,
  /** Index of the step in the playbook's list: the order to show the checklist in. */
  position: z.number().int().min(0),
  stepKind: z.enum(['action', 'decision']),
  isRequired: z.boolean(),
});
export type TaskPlaybookOrigin = z.infer<typeof taskPlaybookOriginSchema>;

export const taskSchema = z.strictObject({
  id: z.uuid(),
  incidentId: z.uuid(),
  title: z.string().trim().min(1).max(500),
  state: taskStateSchema,
  assignee: personRefSchema.nullable(),
  dueAt: isoTimestampSchema.nullable(),
  playbookStepId: z.string().max(64).nullable(),
  /** Set together with playbookStepId. Rows written before playbooks existed read as null. */
  fromPlaybook: taskPlaybookOriginSchema.nullable().default(null),
  createdAt: isoTimestampSchema,
  updatedAt: isoTimestampSchema,
  completedAt: isoTimestampSchema.nullable(),
  deletedAt: isoTimestampSchema.nullable(),
});
export type Task = z.infer<typeof taskSchema>;

export const newTaskInputSchema = z.strictObject({
  title: z.string().trim().min(1, 'Name the task').max(500, 'Keep a task under 500 characters'),
  dueAt: isoTimestampSchema.nullable(),
});
export type NewTaskInput = z.infer<typeof newTaskInputSchema>;

export function validateNewTask(input: unknown): Validated<NewTaskInput> {
  const parsed = newTaskInputSchema.safeParse(input);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, errors: zodErrorsToFieldErrors(parsed.error) };
}
