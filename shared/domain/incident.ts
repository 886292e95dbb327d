/**
 * The incident record and the rules for registering one.
 */
import { z } from 'zod';
import { personRefSchema, type PersonRef } from './people';
import { levelSchema, prioritySchema, priorityChangeSchema, priorityOverrideSchema, effectivePriority, type PriorityMatrix } from './priority';
import { incidentCategorySchema, incidentKindSchema, isCategoryOfKind } from './taxonomy';
import { teamRefSchema } from './team';
import { tlpMarkingSchema } from './tlp';
import { allowedFutureSkewMs, isoTimestampSchema, toMs, type IsoTimestamp } from './time';

export const incidentStages = ['new', 'triaged', 'in_progress', 'on_hold', 'resolved', 'closed', 'cancelled'] as const;
export const incidentStageSchema = z.enum(incidentStages);
export type IncidentStage = z.infer<typeof incidentStageSchema>;
export const incidentStageLabels: Record<IncidentStage, string> = {
  new: 'New',
  triaged: 'Triaged',
  in_progress: 'In progress',
  on_hold: 'On hold',
  resolved: 'Resolved',
  closed: 'Closed',
  cancelled: 'Cancelled',
};
export const openStages: readonly IncidentStage[] = ['new', 'triaged', 'in_progress', 'on_hold'];

export const incidentModes = ['live', 'exercise', 'imported'] as const;
export const incidentModeSchema = z.enum(incidentModes);
export type IncidentMode = z.infer<typeof incidentModeSchema>;
export const incidentModeLabels: Record<IncidentMode, string> = { live: 'Live', exercise: 'Exercise', imported: 'Imported' };

export const incidentSources = ['manual', 'alert', 'import', 'exercise', 'sample'] as const;

/**
 * How precisely the incident's start, detection and report times are known. Records imported from
 * history (VERIS gives "June 2023" or just "2014") keep the first instant of the known period and
 * say so here, so charts never place them on a day nobody recorded. Everything made in the app is
 * 'exact'.
 */
export const datePrecisions = ['exact', 'day', 'month', 'year'] as const;
export const datePrecisionSchema = z.enum(datePrecisions);
export type DatePrecision = z.infer<typeof datePrecisionSchema>;
export const incidentSourceSchema = z.enum(incidentSources);

export const responsePhases = ['detection_analysis', 'containment', 'eradication', 'recovery', 'post_incident'] as const;
export const responsePhaseSchema = z.enum(responsePhases);

export const resolutionCodes = [
  'fixed',
  'workaround',
  'contained_and_eradicated',
  'mitigated',
  'third_party_fix',
  'no_fault_found',
  'user_error',
  'risk_accepted',
] as const;
export const resolutionCodeSchema = z.enum(resolutionCodes, { message: 'Choose a resolution code' });
export type ResolutionCode = z.infer<typeof resolutionCodeSchema>;
export const resolutionCodeLabels: Record<ResolutionCode, string> = {
  fixed: 'Fixed permanently',
  workaround: 'Workaround in place',
  contained_and_eradicated: 'Contained and eradicated',
  mitigated: 'Mitigated',
  third_party_fix: 'Fixed by a third party',
  no_fault_found: 'No fault found',
  user_error: 'User error',
  risk_accepted: 'Risk accepted',
};

export const cancelReasons = ['duplicate', 'false_positive', 'raised_in_error', 'not_an_incident'] as const;
export const cancelReasonSchema = z.enum(cancelReasons, { message: 'Choose why the incident is cancelled' });
export type CancelReason = z.infer<typeof cancelReasonSchema>;
export const cancelReasonLabels: Record<CancelReason, string> = {
  duplicate: 'Duplicate',
  false_positive: 'False positive',
  raised_in_error: 'Raised in error',
  not_an_incident: 'Not an incident',
};

export const holdIntervalSchema = z.strictObject({
  from: isoTimestampSchema,
  to: isoTimestampSchema.nullable(),
  reason: z.string().max(2000),
});
export type HoldInterval = z.infer<typeof holdIntervalSchema>;

export const incidentSchema = z.strictObject({
  id: z.uuid(),
  /** The team space the incident syncs to; null until it is first synced (or never, offline). */
  teamId: z.string().min(1).max(128).nullable(),
  reference: z.string().min(1).max(40),
  title: z.string().trim().min(1).max(200),
  description: z.string().max(20_000),
  kind: incidentKindSchema,
  category: incidentCategorySchema,
  affectedServices: z.string().max(500),
  reporter: personRefSchema,
  source: incidentSourceSchema,
  impact: levelSchema,
  urgency: levelSchema,
  priority: prioritySchema,
  priorityOverride: priorityOverrideSchema.nullable(),
  tlp: tlpMarkingSchema,
  isMajor: z.boolean(),
  hasPersonalData: z.boolean(),
  mode: incidentModeSchema,
  stage: incidentStageSchema,
  responsePhase: responsePhaseSchema.nullable(),
  assignee: personRefSchema.nullable(),
  /** The responder team a routing rule (or a person) sent the incident to. */
  routedTeam: teamRefSchema.nullable().default(null),
  /** Name of the routing rule that chose routedTeam; null when set by hand or not routed. */
  routedByRule: z.string().max(120).nullable().default(null),
  /** The exercise run an exercise incident was opened in (only exercise incidents have one); rows stored before it read it as null. */
  exerciseRunId: z.string().max(64).nullable().default(null),
  holdReason: z.string().max(2000).nullable(),
  resolutionCode: resolutionCodeSchema.nullable(),
  resolutionSummary: z.string().max(20_000).nullable(),
  cancelReason: cancelReasonSchema.nullable(),
  reopenCount: z.number().int().min(0),
  escalationCount: z.number().int().min(0),
  startedAt: isoTimestampSchema.nullable(),
  detectedAt: isoTimestampSchema,
  reportedAt: isoTimestampSchema,
  datePrecision: datePrecisionSchema.default('exact'),
  acknowledgedAt: isoTimestampSchema.nullable(),
  containedAt: isoTimestampSchema.nullable(),
  resolvedAt: isoTimestampSchema.nullable(),
  closedAt: isoTimestampSchema.nullable(),
  cancelledAt: isoTimestampSchema.nullable(),
  holdIntervals: z.array(holdIntervalSchema).max(500),
  /** Every change of priority, oldest first: the SLA clocks need the priority in force at each stop. */
  priorityChanges: z.array(priorityChangeSchema).max(500).default([]),
  createdAt: isoTimestampSchema,
  updatedAt: isoTimestampSchema,
  deletedAt: isoTimestampSchema.nullable(),
});
export type Incident = z.infer<typeof incidentSchema>;

/** What the "New incident" form collects. Strings come straight from form controls. */
export const newIncidentInputSchema = z.strictObject({
  title: z.string().trim().min(1, 'Enter a title').max(200, 'Keep the title under 200 characters'),
  description: z.string().max(20_000, 'Keep the description under 20,000 characters'),
  kind: incidentKindSchema,
  category: incidentCategorySchema,
  affectedServices: z.string().max(500, 'Keep affected services under 500 characters'),
  impact: levelSchema,
  urgency: levelSchema,
  detectedAt: isoTimestampSchema,
  startedAt: isoTimestampSchema.nullable(),
  tlp: tlpMarkingSchema,
  hasPersonalData: z.boolean(),
  isMajor: z.boolean(),
  priorityOverride: priorityOverrideSchema.nullable(),
  mode: z.enum(['live', 'exercise']),
});
export type NewIncidentInput = z.infer<typeof newIncidentInputSchema>;

/** Field name -> message, shown beside the field. */
export type FieldErrors = Record<string, string>;

export type Validated<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

export function zodErrorsToFieldErrors(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const field = issue.path.length > 0 ? issue.path.map(String).join('.') : 'form';
    if (!(field in errors)) errors[field] = issue.message;
  }
  return errors;
}

/** Validates the form, including the rules that need the clock and more than one field. */
export function validateNewIncident(input: unknown, nowMs: number): Validated<NewIncidentInput> {
  const parsed = newIncidentInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: zodErrorsToFieldErrors(parsed.error) };
  const value = parsed.data;
  const errors: FieldErrors = {};
  if (!isCategoryOfKind(value.kind, value.category)) {
    errors.category = `That category does not belong to ${value.kind} incidents`;
  }
  if (toMs(value.detectedAt) > nowMs + allowedFutureSkewMs) errors.detectedAt = 'Detected at cannot be in the future';
  if (value.startedAt !== null && toMs(value.startedAt) > toMs(value.detectedAt)) {
    errors.startedAt = 'Started at cannot be after detected at';
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, value };
}

export type IncidentCreationContext = {
  id: string;
  /** The team new incidents sync to, when signed in to a team server. */
  teamId?: string | null;
  reference: string;
  reporter: PersonRef;
  matrix: PriorityMatrix;
  nowIso: IsoTimestamp;
  /** The exercise run the incident is opened in; only for exercise incidents (the create command checks). */
  exerciseRunId?: string | null;
};

/** Builds the full record for a validated form. The incident starts in stage "new". */
export function createIncident(input: NewIncidentInput, context: IncidentCreationContext): Incident {
  return {
    id: context.id,
    teamId: context.teamId ?? null,
    reference: context.reference,
    title: input.title,
    description: input.description,
    kind: input.kind,
    category: input.category,
    affectedServices: input.affectedServices,
    reporter: context.reporter,
    source: 'manual',
    impact: input.impact,
    urgency: input.urgency,
    priority: effectivePriority(context.matrix, input.impact, input.urgency, input.priorityOverride),
    priorityOverride: input.priorityOverride,
    tlp: input.tlp,
    isMajor: input.isMajor,
    hasPersonalData: input.hasPersonalData,
    mode: input.mode,
    stage: 'new',
    responsePhase: input.kind === 'security' ? 'detection_analysis' : null,
    assignee: null,
    routedTeam: null,
    routedByRule: null,
    exerciseRunId: context.exerciseRunId ?? null,
    holdReason: null,
    resolutionCode: null,
    resolutionSummary: null,
    cancelReason: null,
    reopenCount: 0,
    escalationCount: 0,
    startedAt: input.startedAt,
    detectedAt: input.detectedAt,
    reportedAt: context.nowIso,
    datePrecision: 'exact',
    acknowledgedAt: null,
    containedAt: null,
    resolvedAt: null,
    closedAt: null,
    cancelledAt: null,
    holdIntervals: [],
    priorityChanges: [],
    createdAt: context.nowIso,
    updatedAt: context.nowIso,
    deletedAt: null,
  };
}

/** Total time on hold up to `untilMs`, counting an open hold as running until then. */
export function timeOnHoldMs(holdIntervals: readonly HoldInterval[], untilMs: number): number {
  let total = 0;
  for (const interval of holdIntervals) {
    const from = toMs(interval.from);
    const to = interval.to === null ? untilMs : Math.min(toMs(interval.to), untilMs);
    if (to > from) total += to - from;
  }
  return total;
}

/** What "Edit details" may change after registration; the lifecycle fields change only by actions. */
export const incidentDetailsInputSchema = newIncidentInputSchema
  .pick({ title: true, description: true, category: true, affectedServices: true, impact: true, urgency: true, tlp: true, hasPersonalData: true, isMajor: true, priorityOverride: true })
  .partial();
export type IncidentDetailsInput = z.infer<typeof incidentDetailsInputSchema>;

/**
 * Validates an edit and returns only the fields that change. Impact, urgency or an override
 * re-derive the priority through the matrix in force; a changed priority is added to the
 * priority history at `nowIso`, so the SLA clocks can apply the rule of computeServiceLevel.
 */
export function applyIncidentDetails(incident: Incident, input: unknown, matrix: PriorityMatrix, nowIso: IsoTimestamp): Validated<Partial<Incident>> {
  const parsed = incidentDetailsInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: zodErrorsToFieldErrors(parsed.error) };
  const edit = parsed.data;
  const next = { ...incident, ...edit };
  if (edit.category !== undefined && !isCategoryOfKind(incident.kind, edit.category)) {
    return { ok: false, errors: { category: `That category does not belong to ${incident.kind} incidents` } };
  }
  next.priority = effectivePriority(matrix, next.impact, next.urgency, next.priorityOverride);
  const patch: Partial<Incident> = {};
  for (const field of [...Object.keys(edit), 'priority'] as (keyof Incident)[]) {
    if (JSON.stringify(next[field]) !== JSON.stringify(incident[field])) (patch as Record<string, unknown>)[field] = next[field];
  }
  // `?? []`: a record from a peer that predates the history field has none.
  if (patch.priority !== undefined) patch.priorityChanges = [...(incident.priorityChanges ?? []), { at: nowIso, from: incident.priority, to: patch.priority }];
  return { ok: true, value: patch };
}
