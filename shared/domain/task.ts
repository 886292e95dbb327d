/** Tasks: checklist items on an incident (later issues fill them from playbook steps). */
import { z } from 'zod';
import { zodErrorsToFieldErrors, type Validated } from './incident';
import { personRefSchema } from './people';
import { isoTimestampSchema } from './time';

export const taskStates = ['open', 'done', 'cancelled'] as const;
export const taskStateSchema = z.enum(taskStates);
export type TaskState = z.infer<typeof taskStateSchema>;

export const taskSchema = z.strictObject({
  id: z.uuid(),
  incidentId: z.uuid(),
  title: z.string().trim().min(1).max(500),
  state: taskStateSchema,
  assignee: personRefSchema.nullable(),
  dueAt: isoTimestampSchema.nullable(),
  playbookStepId: z.string().max(64).nullable(),
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
