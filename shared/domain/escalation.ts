/**
 * Escalation: functional (the incident moves to a specialist team) and hierarchical (a lead, a
 * manager or a named person is told), taken by hand or fired by the team's automatic rules.
 *
 * Automatic rules are an ordered list owned by leads (a synced setting). A rule fires when its
 * trigger instant has come: a service-level clock reaching "at risk" or "breached", or an
 * incident staying unacknowledged for N minutes. Everything here is pure and exact: given the
 * incident, its computed service level and the rules, `planEscalations` says which escalations
 * are due at `nowIso` and when the next one will be. Each due escalation carries a key made of
 * the incident, the rule and the trigger instant; recomputing at any later time yields the same
 * key for the same trigger, which is what lets every device fire it once and only once.
 */
import { z } from 'zod';
import { openStages, zodErrorsToFieldErrors, type FieldErrors, type Incident, type Validated } from './incident';
import { personRefSchema, type PersonRef } from './people';
import { prioritySchema } from './priority';
import type { ServiceLevel } from './serviceLevel';
import { incidentKindLabels, incidentKindSchema } from './taxonomy';
import { teamRefSchema, type ResponderTeam, type TeamMemberRole, type TeamRef } from './team';
import { isoTimestampSchema, toIso, toMs, type IsoTimestamp } from './time';

// ---------------------------------------------------------------------------------------------
// Who an escalation goes to

/**
 * The receiver of a hierarchical escalation: the lead or the manager of the incident's team
 * (resolved when it fires, so a rule follows the incident wherever it is routed), or one person.
 */
export const escalationRecipientSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('lead') }),
    z.strictObject({ kind: z.literal('manager') }),
    z.strictObject({ kind: z.literal('person'), person: z.strictObject(personRefSchema.shape, { error: 'Choose the person to notify' }) }),
  ],
  { message: 'Choose who is told: the lead, the manager, or a person' },
);
export type EscalationRecipient = z.infer<typeof escalationRecipientSchema>;

export const escalationLevels = ['functional', 'hierarchical'] as const;
export type EscalationLevel = (typeof escalationLevels)[number];
export const escalationLevelLabels: Record<EscalationLevel, string> = {
  functional: 'Functional: to a specialist team',
  hierarchical: 'Hierarchical: to a lead or manager',
};

/** "the lead of Security Operations", "Dana Lee", "the manager of the incident's team". */
export function describeRecipient(recipient: EscalationRecipient, team: TeamRef | null): string {
  if (recipient.kind === 'person') return recipient.person.name;
  return `the ${recipient.kind} of ${team ? team.name : "the incident's team"}`;
}

// ---------------------------------------------------------------------------------------------
// Rules

export const maxEscalationRules = 100;
/** A week: an incident nobody acknowledges for longer has a problem no timer will solve. */
export const maxUnacknowledgedMinutes = 7 * 24 * 60;

export const serviceLevelTriggerStates = ['warning', 'breached'] as const;

/**
 * When a rule fires:
 * - serviceLevel: the response or resolution clock reaches "at risk" (the warning threshold of
 *   the service-level policy) or "breached", counted in the policy's working time with holds left out;
 * - unacknowledged: the incident is still not acknowledged N minutes (wall-clock) after it was reported.
 */
export const escalationTriggerSchema = z.discriminatedUnion(
  'type',
  [
    z.strictObject({
      type: z.literal('serviceLevel'),
      clock: z.enum(['response', 'resolution'], { message: 'Choose the response or the resolution clock' }),
      state: z.enum(serviceLevelTriggerStates, { message: 'Choose at risk or breached' }),
    }),
    z.strictObject({
      type: z.literal('unacknowledged'),
      minutes: z
        .number({ message: 'Enter a number of minutes' })
        .int('Enter whole minutes')
        .min(1, 'Enter at least 1 minute')
        .max(maxUnacknowledgedMinutes, `Enter at most ${maxUnacknowledgedMinutes} minutes (a week)`),
    }),
  ],
  { message: 'Choose when the rule fires' },
);
export type EscalationTrigger = z.infer<typeof escalationTriggerSchema>;

function uniqueBy<T extends z.ZodType>(item: T, keyOf: (value: z.infer<T>) => string, noun: string) {
  return z
    .array(item)
    .max(50)
    .refine((values) => new Set(values.map(keyOf)).size === values.length, { message: `Choose each ${noun} only once` })
    .optional();
}

/** Every present condition must hold; an absent or empty list means "any". */
export const escalationConditionsSchema = z.strictObject({
  priorities: uniqueBy(prioritySchema, (value) => value, 'priority'),
  kinds: uniqueBy(incidentKindSchema, (value) => value, 'kind'),
  /** The incident's responder team (Incident.routedTeam) is one of these. */
  teams: uniqueBy(teamRefSchema, (team) => team.id, 'team'),
});
export type EscalationConditions = z.infer<typeof escalationConditionsSchema>;

export const escalationActionSchema = z.discriminatedUnion(
  'level',
  [
    z.strictObject({
      level: z.literal('functional'),
      /** The team that takes the incident over: it becomes the incident's routedTeam. */
      team: z.strictObject(teamRefSchema.shape, { error: 'Choose the team the incident moves to' }),
      reason: z.string().trim().min(1, 'Say why the incident moves to this team').max(500, 'Keep the reason under 500 characters'),
    }),
    z.strictObject({ level: z.literal('hierarchical'), recipient: escalationRecipientSchema }),
  ],
  { message: 'Choose what the rule does' },
);
export type EscalationAction = z.infer<typeof escalationActionSchema>;

export const escalationRuleSchema = z.strictObject({
  id: z.string().min(1).max(64),
  name: z.string().trim().min(1, 'Name the rule').max(120, 'Keep the rule name under 120 characters'),
  isEnabled: z.boolean(),
  trigger: escalationTriggerSchema,
  conditions: escalationConditionsSchema,
  action: escalationActionSchema,
  /**
   * Triggers that fell before this instant never fire. Saving (or re-enabling) a rule sets it, so
   * a new rule acts on thresholds crossed from then on instead of escalating the whole backlog of
   * already-late incidents at once.
   */
  activeFrom: isoTimestampSchema,
});
export type EscalationRule = z.infer<typeof escalationRuleSchema>;

/** The ordered rules in force. When several fire at the same instant they apply in this order. */
export const escalationRuleSetSchema = z.strictObject({
  rules: z
    .array(escalationRuleSchema)
    .max(maxEscalationRules, `Keep to ${maxEscalationRules} rules or fewer`)
    .refine((rules) => new Set(rules.map((rule) => rule.id)).size === rules.length, { message: 'Each rule id must be unique' }),
  updatedAt: isoTimestampSchema,
});
export type EscalationRuleSet = z.infer<typeof escalationRuleSetSchema>;
export const defaultEscalationRuleSet: EscalationRuleSet = { rules: [], updatedAt: '1970-01-01T00:00:00.000Z' };

/**
 * Validates a rule for the editor: the schema, plus a name no other rule has (the timeline names
 * the rule, so two rules of the same name would be indistinguishable there).
 */
export function validateEscalationRule(candidate: unknown, otherRules: readonly EscalationRule[]): Validated<EscalationRule> {
  const parsed = escalationRuleSchema.safeParse(candidate);
  if (!parsed.success) return { ok: false, errors: zodErrorsToFieldErrors(parsed.error) };
  const rule = parsed.data;
  const errors: FieldErrors = {};
  const nameKey = rule.name.trim().toLowerCase();
  if (otherRules.some((other) => other.id !== rule.id && other.name.trim().toLowerCase() === nameKey)) {
    errors.name = `Another rule is already called "${rule.name}"`;
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, value: rule };
}

// ---------------------------------------------------------------------------------------------
// Reading rules out loud

const clockStateLabels: Record<(typeof serviceLevelTriggerStates)[number], string> = { warning: 'at risk', breached: 'breached' };

/** "response clock at risk", "not acknowledged for 30 min". */
export function describeTrigger(trigger: EscalationTrigger): string {
  if (trigger.type === 'unacknowledged') return `not acknowledged for ${formatMinutes(trigger.minutes)}`;
  return `${trigger.clock} clock ${clockStateLabels[trigger.state]}`;
}

/** "priority is P1 or P2; kind is Security". Empty when the rule applies to every incident. */
export function describeConditions(conditions: EscalationConditions): string {
  const parts: string[] = [];
  if (conditions.priorities?.length) parts.push(`priority is ${conditions.priorities.join(' or ')}`);
  if (conditions.kinds?.length) parts.push(`kind is ${conditions.kinds.map((kind) => incidentKindLabels[kind]).join(' or ')}`);
  if (conditions.teams?.length) parts.push(`team is ${conditions.teams.map((team) => team.name).join(' or ')}`);
  return parts.join('; ');
}

/** "move to Network engineering", "notify the lead of the incident's team". */
export function describeAction(action: EscalationAction): string {
  return action.level === 'functional' ? `move to ${action.team.name}` : `notify ${describeRecipient(action.recipient, null)}`;
}

/** "15 min", "4 h", "1 h 30 min", "3 days". */
export function formatMinutes(totalMinutes: number): string {
  const minutes = Math.round(totalMinutes);
  if (minutes < 60) return `${minutes} min`;
  if (minutes % (24 * 60) === 0) {
    const days = minutes / (24 * 60);
    return `${days} ${days === 1 ? 'day' : 'days'}`;
  }
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

// ---------------------------------------------------------------------------------------------
// The engine

/** What the engine needs of an incident (an Incident satisfies it). */
export type EscalationSubject = Pick<
  Incident,
  'id' | 'kind' | 'stage' | 'priority' | 'routedTeam' | 'reportedAt' | 'acknowledgedAt' | 'resolvedAt' | 'deletedAt'
>;

/** One escalation whose trigger instant has come. */
export type DueEscalation = {
  /** `${incidentId}|${ruleId}|${triggerAtIso}`: the same for the same trigger, however often recomputed. */
  key: string;
  incidentId: string;
  rule: EscalationRule;
  /** The exact instant the trigger was reached (not when it was noticed). */
  triggerAtIso: IsoTimestamp;
  /** Why, in words: "response clock at risk (P1 target: respond within 15 min)". */
  reason: string;
};

export type EscalationPlan = {
  /** Escalations whose trigger instant is at or before now, in rule order. */
  due: DueEscalation[];
  /** The earliest trigger instant after now of any rule, or null when none will come by time alone. */
  nextAtIso: IsoTimestamp | null;
};

/** The key of one firing of one rule on one incident. */
export function escalationKey(incidentId: string, ruleId: string, triggerAtIso: IsoTimestamp): string {
  return `${incidentId}|${ruleId}|${triggerAtIso}`;
}

/** True when every condition of the rule holds for the incident as it is now. */
export function matchesEscalationConditions(conditions: EscalationConditions, subject: EscalationSubject): boolean {
  if (conditions.priorities?.length && !conditions.priorities.includes(subject.priority)) return false;
  if (conditions.kinds?.length && !conditions.kinds.includes(subject.kind)) return false;
  if (conditions.teams?.length && !conditions.teams.some((team) => team.id === subject.routedTeam?.id)) return false;
  return true;
}

type TriggerInstant = { atMs: number; reason: string };

/**
 * The instant the rule's trigger is (or will be) reached by this incident, or null when it cannot
 * be reached in its present state:
 * - a stopped clock (acknowledged, resolved) never fires its triggers, even if it crossed the
 *   threshold before it stopped: the escalation would come after the fact;
 * - a paused clock (an open hold) does not fire; resuming brings the trigger back, at the instant
 *   the threshold was (or will be) reached in working time without the hold;
 * - acknowledgement (or resolution without it) ends an "unacknowledged" trigger.
 */
function triggerInstant(trigger: EscalationTrigger, subject: EscalationSubject, serviceLevel: () => ServiceLevel): TriggerInstant | null {
  if (trigger.type === 'unacknowledged') {
    if (subject.acknowledgedAt !== null || subject.resolvedAt !== null) return null;
    return { atMs: toMs(subject.reportedAt) + trigger.minutes * 60_000, reason: `not acknowledged within ${formatMinutes(trigger.minutes)} of being reported` };
  }
  const clock = serviceLevel()[trigger.clock];
  if (clock.stoppedAtIso !== null || clock.pause !== null) return null;
  const atIso = trigger.state === 'warning' ? clock.warningAtIso : clock.breachAtIso;
  if (atIso === null) return null;
  const target = `${clock.priority} target: ${trigger.clock === 'response' ? 'respond' : 'resolve'} within ${formatMinutes(clock.targetMs / 60_000)}`;
  const reason = trigger.state === 'warning' ? `${trigger.clock} clock at risk (${target})` : `${trigger.clock} target breached (${target})`;
  return { atMs: toMs(atIso), reason };
}

/**
 * The escalations due for an incident at `nowIso`, and the next instant any rule will fire.
 *
 * A rule applies when it is enabled, the incident is open (not deleted), and every condition holds
 * now. It is due when its trigger instant is at or before `nowIso` and not before the rule's
 * `activeFrom`. Nothing is ever due before its instant. `serviceLevel` must be the incident's
 * service level computed at the same `nowIso` (computeServiceLevelWithPolicy), or a function that
 * computes it: it is then called at most once, and only when an applicable rule watches a clock
 * (computing clocks is the expensive part when thousands of incidents are open).
 *
 * Idempotence: the key depends only on the incident, the rule and the trigger instant, and the
 * instant of a trigger that has been reached is in the past, where the clock can no longer move
 * it; so a caller that records the keys it acted on (as timeline entry ids) fires each once.
 */
export function planEscalations(
  subject: EscalationSubject,
  serviceLevel: ServiceLevel | (() => ServiceLevel),
  rules: readonly EscalationRule[],
  nowIso: IsoTimestamp,
): EscalationPlan {
  let computed: ServiceLevel | null = typeof serviceLevel === 'function' ? null : serviceLevel;
  const levelNow = () => (computed ??= (serviceLevel as () => ServiceLevel)());
  const due: DueEscalation[] = [];
  let nextAtMs: number | null = null;
  if (subject.deletedAt !== null || !openStages.includes(subject.stage)) return { due, nextAtIso: null };
  const nowMs = toMs(nowIso);
  for (const rule of rules) {
    if (!rule.isEnabled || !matchesEscalationConditions(rule.conditions, subject)) continue;
    const instant = triggerInstant(rule.trigger, subject, levelNow);
    if (instant === null || instant.atMs < toMs(rule.activeFrom)) continue;
    if (instant.atMs <= nowMs) {
      const triggerAtIso = toIso(instant.atMs);
      due.push({ key: escalationKey(subject.id, rule.id, triggerAtIso), incidentId: subject.id, rule, triggerAtIso, reason: instant.reason });
    } else if (nextAtMs === null || instant.atMs < nextAtMs) {
      nextAtMs = instant.atMs;
    }
  }
  return { due, nextAtIso: nextAtMs === null ? null : toIso(nextAtMs) };
}

/** True when any enabled rule needs the service-level clocks (so callers can skip computing them). */
export function needsServiceLevel(rules: readonly EscalationRule[]): boolean {
  return rules.some((rule) => rule.isEnabled && rule.trigger.type === 'serviceLevel');
}

// ---------------------------------------------------------------------------------------------
// What firing does

/**
 * The people an escalation reaches, from the responder teams this device knows:
 * - functional: the receiving team's leads and members (managers are told only hierarchically);
 * - hierarchical lead / manager: the people with that role in the incident's team;
 * - a named person: that person.
 * Empty when nobody can be named (no team, a team unknown here, nobody in that role): the caller
 * then falls back to the app's leads, so an escalation is never addressed to no one.
 */
export function escalationRecipients(
  action: EscalationAction,
  incidentTeam: TeamRef | null,
  teams: readonly Pick<ResponderTeam, 'id' | 'members' | 'deletedAt'>[],
): PersonRef[] {
  const membersOf = (teamId: string | undefined, roles: readonly TeamMemberRole[]): PersonRef[] => {
    const team = teams.find((candidate) => candidate.id === teamId && candidate.deletedAt === null);
    return team ? team.members.filter((member) => roles.includes(member.role)).map((member) => member.person) : [];
  };
  if (action.level === 'functional') return membersOf(action.team.id, ['lead', 'member']);
  if (action.recipient.kind === 'person') return [action.recipient.person];
  return membersOf(incidentTeam?.id, [action.recipient.kind]);
}

export type EscalationOutcome = {
  /** The changes to the incident (besides updatedAt, which the caller stamps). */
  patch: Pick<Incident, 'escalationCount'> & Partial<Pick<Incident, 'routedTeam' | 'routedByRule'>>;
  /** The timeline text: what fired, why, and who it went to. */
  summary: string;
  recipients: PersonRef[];
};

/**
 * What firing a due escalation does to the incident and says on its timeline. Pure and
 * deterministic, so two devices that fire the same escalation write the same entry.
 */
export function applyAutomaticEscalation(
  incident: Pick<Incident, 'escalationCount' | 'routedTeam'>,
  escalation: DueEscalation,
  teams: readonly Pick<ResponderTeam, 'id' | 'members' | 'deletedAt'>[],
): EscalationOutcome {
  const { action } = escalation.rule;
  const recipients = escalationRecipients(action, incident.routedTeam, teams);
  const names = recipients.length > 0 ? ` (${recipients.map((person) => person.name).join(', ')})` : '';
  const prefix = `Automatic escalation by rule "${escalation.rule.name}": ${escalation.reason}.`;
  if (action.level === 'functional') {
    const isMove = incident.routedTeam?.id !== action.team.id;
    return {
      patch: { escalationCount: incident.escalationCount + 1, ...(isMove ? { routedTeam: action.team, routedByRule: null } : {}) },
      summary: `${prefix} ${isMove ? 'Moved to' : 'Already with'} ${action.team.name}${names}: ${action.reason}`,
      recipients,
    };
  }
  const fallback = recipients.length === 0 && action.recipient.kind !== 'person' ? ' (nobody recorded in that role: the team leads were notified)' : '';
  return {
    patch: { escalationCount: incident.escalationCount + 1 },
    summary: `${prefix} Escalated to ${describeRecipient(action.recipient, incident.routedTeam)}${names}${fallback}.`,
    recipients,
  };
}
