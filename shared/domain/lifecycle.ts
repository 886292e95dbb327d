/**
 * The incident lifecycle: which actions each stage allows, what each needs, and what it changes.
 *
 *   new --acknowledge--> triaged --start work / assign a person--> in progress
 *   triaged | in progress --put on hold (reason)--> on hold --resume--> in progress
 *   triaged | in progress --resolve (code + summary)--> resolved --close--> closed
 *   resolved | closed --reopen (reason)--> in progress
 *   any open stage --cancel (reason)--> cancelled
 *   any open stage --escalate (level, team | recipient | target, reason)--> the same stage, escalation
 *     counted; a functional escalation to a team moves the incident to that team
 */
import { z } from 'zod';
import {
  cancelReasonSchema,
  resolutionCodeSchema,
  zodErrorsToFieldErrors,
  type FieldErrors,
  type Incident,
  type IncidentStage,
} from './incident';
import { describeRecipient, escalationRecipientSchema } from './escalation';
import { personRefSchema } from './people';
import { teamRefSchema, type TeamRef } from './team';
import type { IsoTimestamp } from './time';

export const lifecycleActionSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('acknowledge') }),
  /**
   * To a responder team, a person, or both. A team chosen here replaces whatever a routing rule
   * chose (the timeline says so). Assigning only a team leaves the stage alone: nobody has taken
   * the incident yet.
   */
  z
    .strictObject({ type: z.literal('assign'), assignee: personRefSchema.optional(), team: teamRefSchema.optional() })
    .refine((action) => action.assignee !== undefined || action.team !== undefined, { message: 'Choose a team or a person to assign the incident to', path: ['assignee'] }),
  z.strictObject({ type: z.literal('startWork') }),
  z.strictObject({ type: z.literal('markContained') }),
  z.strictObject({
    type: z.literal('putOnHold'),
    reason: z.string().trim().min(1, 'Say why the incident is on hold').max(2000),
  }),
  z.strictObject({ type: z.literal('resume') }),
  z.strictObject({
    type: z.literal('resolve'),
    resolutionCode: resolutionCodeSchema,
    resolutionSummary: z.string().trim().min(1, 'Summarise the resolution').max(20_000),
  }),
  z.strictObject({
    type: z.literal('close'),
    resolutionCode: resolutionCodeSchema.optional(),
    resolutionSummary: z.string().trim().max(20_000).optional(),
  }),
  z.strictObject({
    type: z.literal('reopen'),
    reason: z.string().trim().min(1, 'Say why the incident is reopened').max(2000),
  }),
  z.strictObject({
    type: z.literal('cancel'),
    reason: cancelReasonSchema,
    note: z.string().trim().max(2000).optional(),
  }),
  z
    .strictObject({
      type: z.literal('escalate'),
      /** Functional: to a specialist team. Hierarchical: to a lead, a manager or a named person. */
      level: z.enum(['functional', 'hierarchical'], { message: 'Choose functional or hierarchical escalation' }),
      /** Functional: the responder team that takes the incident over (it becomes the incident's team). */
      team: teamRefSchema.optional(),
      /** Hierarchical: who is told; the lead and manager are those of the incident's team. */
      recipient: escalationRecipientSchema.optional(),
      /** Free text, for a party the app has no record of (an outside vendor, a duty manager by title). */
      target: z.string().trim().max(120, 'Keep the name under 120 characters').optional(),
      reason: z.string().trim().min(1, 'Say why it is escalated').max(2000),
    })
    .superRefine((action, context) => {
      const hasTarget = (action.target ?? '') !== '';
      const chosen = action.level === 'functional' ? action.team : action.recipient;
      if (action.level === 'functional' && action.recipient) {
        context.addIssue({ code: 'custom', path: ['recipient'], message: 'A functional escalation goes to a team; choose hierarchical to tell a lead, a manager or a person' });
      }
      if (action.level === 'hierarchical' && action.team) {
        context.addIssue({ code: 'custom', path: ['team'], message: 'A hierarchical escalation tells a person; choose functional to move the incident to a team' });
      }
      if (!chosen && !hasTarget) context.addIssue({ code: 'custom', path: ['target'], message: 'Name who the incident is escalated to' });
      if (chosen && hasTarget) context.addIssue({ code: 'custom', path: ['target'], message: 'Choose from the list or type a name, not both' });
    }),
]);
export type LifecycleAction = z.infer<typeof lifecycleActionSchema>;
export type LifecycleActionType = LifecycleAction['type'];

export const lifecycleActionLabels: Record<LifecycleActionType, string> = {
  acknowledge: 'Acknowledge',
  assign: 'Assign',
  startWork: 'Start work',
  markContained: 'Mark contained',
  putOnHold: 'Put on hold',
  resume: 'Resume',
  resolve: 'Resolve',
  close: 'Close',
  reopen: 'Reopen',
  cancel: 'Cancel',
  escalate: 'Escalate',
};

/** The stages from which each action may be taken. */
export const allowedFromStages: Record<LifecycleActionType, readonly IncidentStage[]> = {
  acknowledge: ['new'],
  assign: ['new', 'triaged', 'in_progress', 'on_hold'],
  startWork: ['triaged'],
  markContained: ['triaged', 'in_progress', 'on_hold'],
  putOnHold: ['triaged', 'in_progress'],
  resume: ['on_hold'],
  resolve: ['triaged', 'in_progress'],
  close: ['resolved'],
  reopen: ['resolved', 'closed'],
  cancel: ['new', 'triaged', 'in_progress', 'on_hold'],
  escalate: ['new', 'triaged', 'in_progress', 'on_hold'],
};

export function canTakeAction(incident: Pick<Incident, 'stage' | 'containedAt'>, type: LifecycleActionType): boolean {
  if (!allowedFromStages[type].includes(incident.stage)) return false;
  if (type === 'markContained' && incident.containedAt !== null) return false;
  return true;
}

export function availableActions(incident: Pick<Incident, 'stage' | 'containedAt'>): LifecycleActionType[] {
  return (Object.keys(allowedFromStages) as LifecycleActionType[]).filter((type) => canTakeAction(incident, type));
}

export type LifecycleChange = {
  patch: Partial<Incident>;
  /** Text of the status-change timeline entry that records the action. */
  summary: string;
};

export type LifecycleResult = { ok: true; change: LifecycleChange } | { ok: false; errors: FieldErrors };

function closeOpenHold(incident: Incident, nowIso: IsoTimestamp): Incident['holdIntervals'] {
  return incident.holdIntervals.map((interval) => (interval.to === null ? { ...interval, to: nowIso } : interval));
}

/**
 * Checks an action against the incident's stage and the action's own rules, and returns the
 * fields it changes. Nothing is changed when it is refused.
 */
export function applyLifecycleAction(incident: Incident, rawAction: unknown, nowIso: IsoTimestamp): LifecycleResult {
  const parsed = lifecycleActionSchema.safeParse(rawAction);
  if (!parsed.success) return { ok: false, errors: zodErrorsToFieldErrors(parsed.error) };
  const action = parsed.data;
  if (!canTakeAction(incident, action.type)) {
    const reason =
      action.type === 'markContained' && incident.containedAt !== null
        ? 'The incident is already marked contained'
        : `${lifecycleActionLabels[action.type]} is not possible while the incident is ${incident.stage.replace('_', ' ')}`;
    return { ok: false, errors: { form: reason } };
  }
  const stamp = { updatedAt: nowIso };
  switch (action.type) {
    case 'acknowledge':
      return ok({ ...stamp, stage: 'triaged', acknowledgedAt: nowIso }, 'Acknowledged');
    case 'assign': {
      const patch: Partial<Incident> = { ...stamp };
      const lines: string[] = [];
      if (action.team && action.team.id !== incident.routedTeam?.id) {
        patch.routedTeam = action.team;
        patch.routedByRule = null;
        lines.push(describeTeamChange(incident, action.team));
      }
      if (action.assignee) {
        patch.assignee = action.assignee;
        patch.stage = incident.stage === 'triaged' ? 'in_progress' : incident.stage;
        lines.push(`Assigned to ${action.assignee.name}`);
      }
      if (lines.length === 0) return { ok: false, errors: { team: `The incident is already with ${action.team?.name ?? 'that team'}` } };
      return ok(patch, lines.join('; '));
    }
    case 'startWork':
      return ok({ ...stamp, stage: 'in_progress' }, 'Work started');
    case 'markContained':
      return ok(
        { ...stamp, containedAt: nowIso, ...(incident.kind === 'security' ? { responsePhase: 'eradication' as const } : {}) },
        'Marked contained',
      );
    case 'putOnHold':
      return ok(
        {
          ...stamp,
          stage: 'on_hold',
          holdReason: action.reason,
          holdIntervals: [...incident.holdIntervals, { from: nowIso, to: null, reason: action.reason }],
        },
        `Put on hold: ${action.reason}`,
      );
    case 'resume':
      return ok(
        { ...stamp, stage: 'in_progress', holdReason: null, holdIntervals: closeOpenHold(incident, nowIso) },
        'Resumed',
      );
    case 'resolve':
      return ok(
        {
          ...stamp,
          stage: 'resolved',
          resolvedAt: nowIso,
          resolutionCode: action.resolutionCode,
          resolutionSummary: action.resolutionSummary,
        },
        `Resolved: ${action.resolutionSummary}`,
      );
    case 'close': {
      const resolutionCode = action.resolutionCode ?? incident.resolutionCode;
      const resolutionSummary = action.resolutionSummary?.trim() || incident.resolutionSummary?.trim() || '';
      const errors: FieldErrors = {};
      if (!resolutionCode) errors.resolutionCode = 'Closing needs a resolution code';
      if (!resolutionSummary) errors.resolutionSummary = 'Closing needs a resolution summary';
      if (Object.keys(errors).length > 0) return { ok: false, errors };
      return ok({ ...stamp, stage: 'closed', closedAt: nowIso, resolutionCode, resolutionSummary }, 'Closed');
    }
    case 'reopen':
      return ok(
        {
          ...stamp,
          stage: 'in_progress',
          reopenCount: incident.reopenCount + 1,
          resolvedAt: null,
          closedAt: null,
          resolutionCode: null,
          resolutionSummary: null,
        },
        `Reopened: ${action.reason}`,
      );
    case 'escalate': {
      if (action.team && incident.routedTeam?.id === action.team.id) {
        return { ok: false, errors: { team: `The incident is already with ${action.team.name}` } };
      }
      const receiver = action.team?.name ?? (action.recipient ? describeRecipient(action.recipient, incident.routedTeam) : (action.target ?? ''));
      return ok(
        {
          ...stamp,
          escalationCount: incident.escalationCount + 1,
          // A person moved the incident, so no routing rule is credited with its team any more.
          ...(action.team ? { routedTeam: action.team, routedByRule: null } : {}),
        },
        `Escalated (${action.level}) to ${receiver}: ${action.reason}`,
      );
    }
    case 'cancel':
      return ok(
        {
          ...stamp,
          stage: 'cancelled',
          cancelledAt: nowIso,
          cancelReason: action.reason,
          holdReason: null,
          holdIntervals: closeOpenHold(incident, nowIso),
        },
        `Cancelled (${action.reason.replace(/_/g, ' ')})${action.note ? `: ${action.note}` : ''}`,
      );
  }
}

/**
 * The timeline line of a team set by hand. Overriding a routing rule names the rule, so anyone
 * reading the timeline sees the routing was deliberately changed, and from what.
 */
function describeTeamChange(incident: Incident, team: TeamRef): string {
  const previous = incident.routedTeam;
  if (previous === null) return `Assigned to team ${team.name}`;
  if (incident.routedByRule !== null) return `Team changed by hand to ${team.name} (was routed to ${previous.name} by rule "${incident.routedByRule}")`;
  return `Team changed to ${team.name} (was ${previous.name})`;
}

function ok(patch: Partial<Incident>, summary: string): LifecycleResult {
  return { ok: true, change: { patch, summary } };
}
