/**
 * Routing rules: an ordered list, owned by leads, that sends a new or re-categorised incident to a
 * responder team (and optionally a person). The first enabled rule whose conditions all hold wins,
 * and the result says, in words, which rule that was and why, so the incident can show it and the
 * timeline can record it.
 */
import { z } from 'zod';
import { incidentSourceSchema, zodErrorsToFieldErrors, type FieldErrors, type Incident, type Validated } from './incident';
import { personRefSchema } from './people';
import { prioritySchema } from './priority';
import {
  categoriesByKind,
  incidentCategoryLabels,
  incidentCategorySchema,
  incidentKindLabels,
  incidentKindSchema,
  incidentKinds,
  type IncidentCategory,
  type IncidentKind,
} from './taxonomy';
import { tlpMarkingSchema } from './tlp';
import { isoTimestampSchema } from './time';

type IncidentSource = Incident['source'];

/**
 * Labels for where an incident came from. They live here until incident.ts grows its own map:
 * routing is the first place that shows a source to people.
 */
export const incidentSourceLabels: Record<IncidentSource, string> = {
  manual: 'Manual entry',
  alert: 'Alert',
  import: 'Import',
  exercise: 'Exercise',
  sample: 'Sample data',
};

export const maxRoutingRules = 200;
export const maxAffectedServiceNeedleLength = 120;

// Lists are sets: a value twice is almost certainly an editor slip, and refusing it keeps the
// explanations ("kind is Security or Security") tidy.
function uniqueList<T extends z.ZodType>(item: T, noun: string) {
  return z
    .array(item)
    .refine((values) => new Set(values).size === values.length, { message: `Choose each ${noun} only once` })
    .optional();
}

/**
 * What an incident must look like for a rule to apply. Every present condition must hold; an
 * absent or empty list, or a blank service text, means "any".
 */
export const routingConditionsSchema = z.strictObject({
  kinds: uniqueList(incidentKindSchema, 'kind'),
  categories: uniqueList(incidentCategorySchema, 'category'),
  priorities: uniqueList(prioritySchema, 'priority'),
  /** Case-insensitive substring of the incident's free-text affected services. */
  affectedServiceContains: z
    .string()
    .trim()
    .max(maxAffectedServiceNeedleLength, `Keep the service text under ${maxAffectedServiceNeedleLength} characters`)
    .optional(),
  sources: uniqueList(incidentSourceSchema, 'source'),
  tlps: uniqueList(tlpMarkingSchema, 'TLP marking'),
});
export type RoutingConditions = z.infer<typeof routingConditionsSchema>;

/**
 * Where a matching incident goes. `teamId` names a responder team (the owning group, e.g. Security
 * Operations), not the sync team space of `Incident.teamId`. The names are copied so the incident
 * reads correctly offline, before any directory lookup.
 */
export const routingTargetSchema = z.strictObject({
  teamId: z.string().min(1, 'Choose a team').max(128),
  teamName: z.string().trim().min(1, 'Choose a team').max(120, 'Keep the team name under 120 characters'),
  assignee: personRefSchema.nullable(),
});
export type RoutingTarget = z.infer<typeof routingTargetSchema>;

/**
 * One routing rule. A rule with no conditions would silently match everything, so that is only
 * allowed when the lead says so by marking it catch-all; a catch-all carries no conditions, so
 * what it does is never ambiguous.
 */
export const routingRuleSchema = z
  .strictObject({
    id: z.string().min(1).max(64),
    name: z.string().trim().min(1, 'Name the rule').max(120, 'Keep the rule name under 120 characters'),
    isEnabled: z.boolean(),
    isCatchAll: z.boolean(),
    conditions: routingConditionsSchema,
    target: routingTargetSchema,
  })
  .superRefine((rule, context) => {
    const hasConditions = hasAnyCondition(rule.conditions);
    if (!hasConditions && !rule.isCatchAll) {
      context.addIssue({
        code: 'custom',
        path: ['conditions'],
        message: 'Add at least one condition, or mark the rule as the catch-all for everything else',
      });
    }
    if (hasConditions && rule.isCatchAll) {
      context.addIssue({
        code: 'custom',
        path: ['isCatchAll'],
        message: 'A catch-all rule matches every incident; remove its conditions or untick catch-all',
      });
    }
  });
export type RoutingRule = z.infer<typeof routingRuleSchema>;

/** The ordered rules in force. Order is meaning: the first enabled match wins. */
export const routingRuleSetSchema = z.strictObject({
  rules: z.array(routingRuleSchema).max(maxRoutingRules, `Keep to ${maxRoutingRules} rules or fewer`),
  updatedAt: isoTimestampSchema,
});
export type RoutingRuleSet = z.infer<typeof routingRuleSetSchema>;

/** The incident fields routing looks at; nothing else can change where an incident goes. */
export const routingFields = ['kind', 'category', 'priority', 'affectedServices', 'source', 'tlp'] as const;
export type RoutingField = (typeof routingFields)[number];
export type RoutingSubject = Pick<Incident, RoutingField>;

/** True when at least one condition restricts the rule (empty lists and blank text do not). */
export function hasAnyCondition(conditions: RoutingConditions): boolean {
  const lists = [conditions.kinds, conditions.categories, conditions.priorities, conditions.sources, conditions.tlps];
  return lists.some((list) => list !== undefined && list.length > 0) || serviceNeedle(conditions) !== null;
}

// ---------------------------------------------------------------------------------------------
// Evaluation

/** The rule that routed an incident and, one line per condition, why it applied. */
export type RoutingMatch = {
  ruleId: string;
  ruleName: string;
  target: RoutingTarget;
  /** One readable line per condition that held, e.g. `category is Phishing`. */
  explanation: string[];
};

/** How one rule fared. Only rules up to and including the match are listed: later ones were not looked at. */
export type RuleEvaluation = {
  ruleId: string;
  ruleName: string;
  isMatch: boolean;
  /** Set when the rule was enabled but did not match: the first condition that failed, in words. */
  failedCondition?: string;
  /** Set when the rule was not evaluated at all, e.g. `rule is disabled`. */
  skippedReason?: string;
};

export type RoutingResult = {
  matched: RoutingMatch | null;
  evaluated: RuleEvaluation[];
};

type ConditionCheck = { holds: boolean; text: string; failure: string };

/** Joins labels the way a person would say them: "A", "A or B", "A, B or C". */
function orList(labels: readonly string[]): string {
  if (labels.length <= 1) return labels[0] ?? '';
  return `${labels.slice(0, -1).join(', ')} or ${labels[labels.length - 1]!}`;
}

// Lower-casing both sides is enough for the free text people type ("VPN", "vpn gateway"); it is
// locale-independent, so every device routes the same incident the same way.
function normaliseServices(text: string): string {
  return text.trim().toLowerCase();
}

function serviceNeedle(conditions: RoutingConditions): string | null {
  const needle = conditions.affectedServiceContains?.trim() ?? '';
  return needle === '' ? null : needle;
}

function listCheck<T extends string>(
  subjectName: string,
  allowed: readonly T[] | undefined,
  actual: T,
  label: (value: T) => string,
): ConditionCheck | null {
  if (allowed === undefined || allowed.length === 0) return null;
  const expected = orList(allowed.map(label));
  return {
    holds: allowed.includes(actual),
    text: `${subjectName} is ${expected}`,
    failure: `${subjectName} is ${label(actual)}, not ${expected}`,
  };
}

// Checks in a fixed order (broad to narrow), so explanations and "first failed condition" read
// the same on every device and in every test.
function conditionChecks(conditions: RoutingConditions, subject: RoutingSubject): ConditionCheck[] {
  const needle = serviceNeedle(conditions);
  const checks = [
    listCheck('kind', conditions.kinds, subject.kind, (kind) => incidentKindLabels[kind]),
    listCheck('category', conditions.categories, subject.category, (category) => incidentCategoryLabels[category]),
    // The bare code ("P1") is what responders say; the long label would make the line wordy.
    listCheck('priority', conditions.priorities, subject.priority, (priority) => priority),
    needle === null
      ? null
      : {
          holds: normaliseServices(subject.affectedServices).includes(needle.toLowerCase()),
          text: `affected services contain "${needle}"`,
          failure: `affected services do not contain "${needle}"`,
        },
    listCheck('source', conditions.sources, subject.source, (source) => incidentSourceLabels[source]),
    listCheck('TLP', conditions.tlps, subject.tlp, (tlp) => tlp),
  ];
  return checks.filter((check): check is ConditionCheck => check !== null);
}

/** The explanation line of a catch-all match: by construction nothing above it matched. */
export const catchAllExplanation = 'no earlier rule matched (catch-all rule)';
export const disabledRuleReason = 'rule is disabled';

/**
 * Routes an incident: the first enabled rule, in order, whose conditions all hold. Disabled rules
 * are listed as skipped. Pure and total: it accepts any rule list, even one the editor would
 * refuse (a catch-all in the middle simply wins from there on).
 */
export function routeIncident(subject: RoutingSubject, ruleSet: Pick<RoutingRuleSet, 'rules'>): RoutingResult {
  const evaluated: RuleEvaluation[] = [];
  for (const rule of ruleSet.rules) {
    const base = { ruleId: rule.id, ruleName: rule.name };
    if (!rule.isEnabled) {
      evaluated.push({ ...base, isMatch: false, skippedReason: disabledRuleReason });
      continue;
    }
    const checks = conditionChecks(rule.conditions, subject);
    const failed = checks.find((check) => !check.holds);
    if (failed) {
      evaluated.push({ ...base, isMatch: false, failedCondition: failed.failure });
      continue;
    }
    evaluated.push({ ...base, isMatch: true });
    const explanation = checks.length > 0 ? checks.map((check) => check.text) : [catchAllExplanation];
    return { matched: { ...base, target: rule.target, explanation }, evaluated };
  }
  return { matched: null, evaluated };
}

/** Which routing-relevant fields differ between two versions of an incident. */
export function changedRoutingFields(previous: RoutingSubject, next: RoutingSubject): RoutingField[] {
  return routingFields.filter((field) =>
    // Case and surrounding spaces in the service text cannot change any rule's outcome.
    field === 'affectedServices'
      ? normaliseServices(previous.affectedServices) !== normaliseServices(next.affectedServices)
      : previous[field] !== next[field],
  );
}

/**
 * True when an edit could change where the incident is routed, so the app re-applies routing
 * then (a re-categorisation) and only then. Whether a manual override should survive that is the
 * caller's decision, not routing's.
 */
export function shouldReroute(previous: RoutingSubject, next: RoutingSubject): boolean {
  return changedRoutingFields(previous, next).length > 0;
}

/**
 * One sentence for the timeline, e.g.
 * `Routed to Security Operations by rule "Phishing to SOC": category is Phishing.`
 */
export function describeRouting(result: RoutingResult): string {
  const { matched } = result;
  if (matched === null) {
    const count = result.evaluated.length;
    return `No routing rule matched (${count} ${count === 1 ? 'rule' : 'rules'} checked).`;
  }
  const assignee = matched.target.assignee ? ` and assigned to ${matched.target.assignee.name}` : '';
  return `Routed to ${matched.target.teamName}${assignee} by rule "${matched.ruleName}": ${matched.explanation.join('; ')}.`;
}

// ---------------------------------------------------------------------------------------------
// Validation for the rule editor

function nameKey(name: string): string {
  return name.trim().toLowerCase();
}

/** Problems inside one rule that the schema cannot see because they need the taxonomy. */
function ruleTaxonomyErrors(rule: RoutingRule): FieldErrors {
  const errors: FieldErrors = {};
  const { kinds, categories } = rule.conditions;
  if (kinds && kinds.length > 0 && categories && categories.length > 0) {
    const stray = categories.filter((category) => !kinds.some((kind) => categoriesByKind[kind].includes(category)));
    if (stray.length > 0) {
      const strayLabels = orList(stray.map((category) => incidentCategoryLabels[category]));
      const kindLabels = orList(kinds.map((kind) => incidentKindLabels[kind]));
      errors['conditions.categories'] =
        `${strayLabels} ${stray.length === 1 ? 'is not a category' : 'are not categories'} of ${kindLabels} incidents, so the rule could never match ${stray.length === 1 ? 'it' : 'them'}`;
    }
  }
  return errors;
}

/**
 * Validates one rule being edited against the other rules of the set (for a unique name). Field
 * keys are the rule's own paths, e.g. `name`, `conditions.categories`, `target.teamName`.
 */
export function validateRoutingRule(input: unknown, otherRules: readonly RoutingRule[]): Validated<RoutingRule> {
  const parsed = routingRuleSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: zodErrorsToFieldErrors(parsed.error) };
  const rule = parsed.data;
  const errors = ruleTaxonomyErrors(rule);
  if (otherRules.some((other) => other.id !== rule.id && nameKey(other.name) === nameKey(rule.name))) {
    errors.name = `Another rule is already called "${rule.name}"; give each rule its own name`;
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, value: rule };
}

/** True when every incident `later` matches is also matched by `earlier` (a conservative check). */
function isShadowedBy(later: RoutingConditions, earlier: RoutingConditions): boolean {
  const covers = <T>(outer: readonly T[] | undefined, inner: readonly T[] | undefined): boolean =>
    outer === undefined || outer.length === 0 || (inner !== undefined && inner.length > 0 && inner.every((value) => outer.includes(value)));
  // A rule limited to categories is implicitly limited to the kinds those categories belong to.
  const laterKinds =
    later.kinds && later.kinds.length > 0
      ? later.kinds
      : later.categories && later.categories.length > 0
        ? incidentKinds.filter((kind) => later.categories!.some((category) => categoriesByKind[kind].includes(category)))
        : undefined;
  const earlierNeedle = serviceNeedle(earlier);
  const laterNeedle = serviceNeedle(later);
  const servicesCovered =
    earlierNeedle === null || (laterNeedle !== null && laterNeedle.toLowerCase().includes(earlierNeedle.toLowerCase()));
  return (
    covers<IncidentKind>(earlier.kinds, laterKinds) &&
    covers<IncidentCategory>(earlier.categories, later.categories) &&
    covers(earlier.priorities, later.priorities) &&
    servicesCovered &&
    covers(earlier.sources, later.sources) &&
    covers(earlier.tlps, later.tlps)
  );
}

export type RoutingRuleSetValidation = Validated<RoutingRuleSet> & {
  /** Advice that does not block saving, keyed like errors (e.g. `rules.3.conditions`). */
  warnings: FieldErrors;
};

/**
 * Validates the whole ordered set before a lead saves it. Errors block saving; warnings do not.
 * Keys are paths such as `rules.2.name`.
 *
 * Decisions:
 * - A catch-all must be the last rule, and so there is at most one. This is an error, not a
 *   warning: every rule below a catch-all could never route anything, and a lead who reorders
 *   rules should see that immediately rather than discover it from a misrouted incident.
 * - Rule names are unique (ignoring case and surrounding spaces), because the incident and the
 *   timeline name the rule that routed it.
 * - A category that belongs to none of the selected kinds is an error: that part of the rule is
 *   dead, which is never what the lead meant.
 * - An enabled rule that can never fire because an earlier enabled rule already matches
 *   everything it would match is only a warning: the lead may be mid-way through a reorder.
 */
export function validateRoutingRuleSet(input: unknown): RoutingRuleSetValidation {
  const parsed = routingRuleSetSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: zodErrorsToFieldErrors(parsed.error), warnings: {} };
  const { rules } = parsed.data;
  const errors: FieldErrors = {};
  const warnings: FieldErrors = {};
  const seenIds = new Set<string>();
  const seenNames = new Map<string, number>();

  rules.forEach((rule, index) => {
    const prefix = `rules.${index}`;
    for (const [field, message] of Object.entries(ruleTaxonomyErrors(rule))) errors[`${prefix}.${field}`] = message;

    if (seenIds.has(rule.id)) errors[`${prefix}.id`] = 'Two rules share the same id';
    seenIds.add(rule.id);

    const firstWithName = seenNames.get(nameKey(rule.name));
    if (firstWithName === undefined) seenNames.set(nameKey(rule.name), index);
    else errors[`${prefix}.name`] = `Rule ${firstWithName + 1} is already called "${rule.name}"; give each rule its own name`;

    if (rule.isCatchAll && index < rules.length - 1) {
      errors[`${prefix}.isCatchAll`] = 'The catch-all rule must come last: rules below it would never be used';
    }

    if (rule.isEnabled && !rule.isCatchAll) {
      const shadowIndex = rules.findIndex(
        (earlier, earlierIndex) => earlierIndex < index && earlier.isEnabled && !earlier.isCatchAll && isShadowedBy(rule.conditions, earlier.conditions),
      );
      if (shadowIndex >= 0) {
        warnings[`${prefix}.conditions`] =
          `Rule ${shadowIndex + 1} ("${rules[shadowIndex]!.name}") already matches every incident this rule would, so this rule never applies`;
      }
    }
  });

  return Object.keys(errors).length > 0 ? { ok: false, errors, warnings } : { ok: true, value: parsed.data, warnings };
}
