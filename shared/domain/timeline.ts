/**
 * Timeline entries: append-only. A correction is a new entry that points at the one it corrects;
 * nothing is ever edited in place. occurredAt may be backdated; recordedAt is always the device
 * clock at the moment of entry.
 */
import { z } from 'zod';
import { zodErrorsToFieldErrors, type Validated } from './incident';
import { personRefSchema, type PersonRef } from './people';
import { allowedFutureSkewMs, isoTimestampSchema, toMs, type IsoTimestamp } from './time';

export const timelineEntryKinds = [
  'created',
  'note',
  'action',
  'status_change',
  'assignment',
  'escalation',
  'evidence',
  'indicator',
  'communication',
  'decision',
  'task',
  'correction',
] as const;
export const timelineEntryKindSchema = z.enum(timelineEntryKinds);
export type TimelineEntryKind = z.infer<typeof timelineEntryKindSchema>;
export const timelineEntryKindLabels: Record<TimelineEntryKind, string> = {
  created: 'Created',
  note: 'Note',
  action: 'Action taken',
  status_change: 'Status change',
  assignment: 'Assignment',
  escalation: 'Escalation',
  evidence: 'Evidence',
  indicator: 'Indicator',
  communication: 'Communication',
  decision: 'Decision',
  task: 'Task',
  correction: 'Correction',
};

export const timelineEntrySchema = z.strictObject({
  id: z.uuid(),
  incidentId: z.uuid(),
  kind: timelineEntryKindSchema,
  text: z.string().max(20_000),
  occurredAt: isoTimestampSchema,
  recordedAt: isoTimestampSchema,
  author: personRefSchema,
  deviceId: z.string().min(1).max(64),
  correctsEntryId: z.uuid().nullable(),
});
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;

/** The kinds a person may add by hand; the rest are written by the app as a side effect. */
export const manualEntryKinds = ['note', 'action', 'decision', 'communication', 'correction'] as const;

export const newTimelineNoteSchema = z.strictObject({
  kind: z.enum(manualEntryKinds),
  text: z.string().trim().min(1, 'Write the note first').max(20_000, 'Keep a note under 20,000 characters'),
  /** null means "now". */
  occurredAt: isoTimestampSchema.nullable(),
  correctsEntryId: z.uuid().nullable(),
});
export type NewTimelineNote = z.infer<typeof newTimelineNoteSchema>;

/**
 * Validates a hand-written entry. Backdating has no lower limit on purpose: responders record
 * attacker activity found in logs long before the incident was detected.
 */
export function validateTimelineNote(input: unknown, nowMs: number): Validated<NewTimelineNote> {
  const parsed = newTimelineNoteSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: zodErrorsToFieldErrors(parsed.error) };
  const value = parsed.data;
  if (value.kind === 'correction' && value.correctsEntryId === null) {
    return { ok: false, errors: { correctsEntryId: 'A correction must name the entry it corrects' } };
  }
  if (value.occurredAt !== null && toMs(value.occurredAt) > nowMs + allowedFutureSkewMs) {
    return { ok: false, errors: { occurredAt: 'Occurred at cannot be in the future' } };
  }
  return { ok: true, value };
}

export type TimelineEntryContext = {
  id: string;
  incidentId: string;
  author: PersonRef;
  deviceId: string;
  nowIso: IsoTimestamp;
};

export function createTimelineEntry(
  context: TimelineEntryContext,
  kind: TimelineEntryKind,
  text: string,
  occurredAt: IsoTimestamp | null = null,
  correctsEntryId: string | null = null,
): TimelineEntry {
  return {
    id: context.id,
    incidentId: context.incidentId,
    kind,
    text,
    occurredAt: occurredAt ?? context.nowIso,
    recordedAt: context.nowIso,
    author: context.author,
    deviceId: context.deviceId,
    correctsEntryId,
  };
}

/** Timeline order: by occurredAt, then by when it was recorded, then by id for a stable tie-break. */
export function compareTimelineEntries(left: TimelineEntry, right: TimelineEntry): number {
  if (left.occurredAt !== right.occurredAt) return left.occurredAt < right.occurredAt ? -1 : 1;
  if (left.recordedAt !== right.recordedAt) return left.recordedAt < right.recordedAt ? -1 : 1;
  return left.id < right.id ? -1 : left.id > right.id ? 1 : 0;
}
