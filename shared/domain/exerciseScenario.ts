/**
 * Tabletop exercise scenarios in HSEEP terms: objectives, and a master scenario events list
 * (MSEL) of injects, each with the actions players are expected to take and the points they earn.
 *
 * Versions of one scenario share a `lineageId` (like playbooks): a run names the exact version it
 * played, so editing a scenario never changes the report of an exercise already held.
 */
import { z } from 'zod';
import { zodErrorsToFieldErrors, type FieldErrors, type Validated } from './incident';
import { incidentCategorySchema } from './taxonomy';
import { timelineEntryKindSchema } from './timeline';

export const scenarioLimits = {
  injects: 200,
  objectives: 30,
  expectedActionsPerInject: 20,
  titleLength: 200,
  textLength: 20_000,
  personaLength: 120,
  descriptionLength: 500,
  /** A week of exercise time: longer is a campaign, not a tabletop. */
  minutes: 7 * 24 * 60,
  pointsPerAction: 100,
} as const;

/** Ids of objectives, injects and expected actions: readable slugs or UUIDs (ad hoc injects get UUIDs). */
export const exerciseItemIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/, 'An id is 1 to 64 letters, digits, dots, colons, dashes or underscores');

export const injectChannels = ['email', 'phone_call', 'news', 'chat', 'siem_alert', 'ticket', 'document', 'verbal'] as const;
export const injectChannelSchema = z.enum(injectChannels, { message: `Choose a channel: ${injectChannels.join(', ')}` });
export type InjectChannel = z.infer<typeof injectChannelSchema>;
export const injectChannelLabels: Record<InjectChannel, string> = {
  email: 'Email',
  phone_call: 'Phone call',
  news: 'News',
  chat: 'Chat',
  siem_alert: 'SIEM alert',
  ticket: 'Ticket',
  document: 'Document',
  verbal: 'Verbal',
};

export const scenarioDifficulties = ['introductory', 'intermediate', 'advanced'] as const;
export const scenarioDifficultySchema = z.enum(scenarioDifficulties);
export type ScenarioDifficulty = z.infer<typeof scenarioDifficultySchema>;
export const scenarioDifficultyLabels: Record<ScenarioDifficulty, string> = { introductory: 'Introductory', intermediate: 'Intermediate', advanced: 'Advanced' };

const minutesSchema = z
  .number()
  .int('Use whole minutes')
  .min(0, 'Minutes cannot be negative')
  .max(scenarioLimits.minutes, 'At most a week (10,080 minutes)');

/**
 * What the app can check by itself in the exercise incidents of a run. `withinMinutes` counts
 * exercise time from the release of the inject the action belongs to (see expectedActions.ts);
 * null means "at any time during the run".
 */
/** The stages an incident records the time of reaching (acknowledged, on hold, resolved, closed, cancelled). */
export const checkableStages = ['triaged', 'on_hold', 'resolved', 'closed', 'cancelled'] as const;
export const checkableStageSchema = z.enum(checkableStages, { message: `A stage check names one of ${checkableStages.join(', ')}` });
export type CheckableStage = z.infer<typeof checkableStageSchema>;

const withinSchema = z.number().int().min(1, 'Within at least 1 minute').max(scenarioLimits.minutes).nullable();
export const autoCheckSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('incident_created'), category: incidentCategorySchema.nullable(), withinMinutes: withinSchema }),
  z.strictObject({ kind: z.literal('playbook_applied'), playbookLineageId: z.uuid('Name the playbook by its lineage id'), withinMinutes: withinSchema }),
  z.strictObject({ kind: z.literal('containment_recorded'), withinMinutes: withinSchema }),
  z.strictObject({ kind: z.literal('stage_reached'), stage: checkableStageSchema, withinMinutes: withinSchema }),
  z.strictObject({
    kind: z.literal('task_completed'),
    titleIncludes: z.string().trim().min(1, 'Say which words the task title contains').max(200),
    withinMinutes: withinSchema,
  }),
  z.strictObject({
    kind: z.literal('timeline_entry'),
    entryKind: timelineEntryKindSchema,
    textIncludes: z.string().trim().min(1).max(200).nullable(),
    withinMinutes: withinSchema,
  }),
]);
export type AutoCheck = z.infer<typeof autoCheckSchema>;
export const autoCheckKinds = ['incident_created', 'playbook_applied', 'containment_recorded', 'stage_reached', 'task_completed', 'timeline_entry'] as const;
export type AutoCheckKind = AutoCheck['kind'];

export const expectedActionSchema = z.strictObject({
  id: exerciseItemIdSchema,
  description: z.string().trim().min(1, 'Describe the expected action').max(scenarioLimits.descriptionLength, 'Keep an expected action under 500 characters'),
  points: z.number().int('Points are whole numbers').min(0, 'Points cannot be negative').max(scenarioLimits.pointsPerAction, 'At most 100 points per action'),
  /** null: the facilitator judges it. */
  check: autoCheckSchema.nullable(),
  objectiveId: exerciseItemIdSchema.nullable(),
});
export type ExpectedAction = z.infer<typeof expectedActionSchema>;

export const injectReleaseSchema = z.discriminatedUnion('kind', [
  /** Due this many minutes of exercise time after the start. */
  z.strictObject({ kind: z.literal('offset'), minutes: minutesSchema }),
  /** Released only when the facilitator says so. */
  z.strictObject({ kind: z.literal('manual') }),
  /** Due this many minutes of exercise time after another inject was released. */
  z.strictObject({ kind: z.literal('after'), injectId: exerciseItemIdSchema, minutes: minutesSchema }),
]);
export type InjectRelease = z.infer<typeof injectReleaseSchema>;

export const injectSchema = z.strictObject({
  id: exerciseItemIdSchema,
  mselNumber: z.number().int('An MSEL number is a whole number').min(1, 'MSEL numbers start at 1').max(9999, 'MSEL numbers go up to 9999'),
  release: injectReleaseSchema,
  channel: injectChannelSchema,
  /** Who the message seems to come from ("Sam Okafor, service desk"). */
  fromPersona: z.string().trim().max(scenarioLimits.personaLength, 'Keep the persona under 120 characters'),
  /** The team or role it is addressed to ("Incident manager"). */
  toAudience: z.string().trim().max(scenarioLimits.personaLength, 'Keep the audience under 120 characters'),
  title: z.string().trim().min(1, 'Give the inject a title').max(scenarioLimits.titleLength, 'Keep the title under 200 characters'),
  /** Markdown: what the players receive. */
  content: z.string().max(scenarioLimits.textLength, 'Keep the content under 20,000 characters'),
  expectedActions: z.array(expectedActionSchema).max(scenarioLimits.expectedActionsPerInject, 'At most 20 expected actions per inject'),
  /** Markdown, for the facilitator only. */
  facilitatorNotes: z.string().max(scenarioLimits.textLength, 'Keep the notes under 20,000 characters'),
});
export type Inject = z.infer<typeof injectSchema>;

export const scenarioObjectiveSchema = z.strictObject({
  id: exerciseItemIdSchema,
  text: z.string().trim().min(1, 'Write the objective').max(scenarioLimits.descriptionLength, 'Keep an objective under 500 characters'),
});
export type ScenarioObjective = z.infer<typeof scenarioObjectiveSchema>;

/** Everything but the injects: what a MSEL CSV import needs besides the CSV. */
export const scenarioHeaderSchema = z.strictObject({
  id: z.uuid(),
  lineageId: z.uuid(),
  version: z.number().int().min(1),
  title: z.string().trim().min(1, 'Give the scenario a title').max(scenarioLimits.titleLength, 'Keep the title under 200 characters'),
  objectives: z.array(scenarioObjectiveSchema).max(scenarioLimits.objectives, 'At most 30 objectives'),
  /** Who should play it ("Service desk, IT operations and the incident manager"). */
  audience: z.string().trim().max(scenarioLimits.descriptionLength, 'Keep the audience under 500 characters'),
  difficulty: scenarioDifficultySchema,
  durationMinutes: z.number().int().min(1, 'An exercise lasts at least a minute').max(scenarioLimits.minutes, 'At most a week'),
  /** Markdown: the situation read out at the start. */
  narrative: z.string().max(scenarioLimits.textLength, 'Keep the narrative under 20,000 characters'),
  linkedPlaybookLineageIds: z.array(z.uuid()).max(50),
});
export type ScenarioHeader = z.infer<typeof scenarioHeaderSchema>;

export const scenarioSchema = scenarioHeaderSchema.extend({
  injects: z.array(injectSchema).max(scenarioLimits.injects, 'At most 200 injects'),
});
export type Scenario = z.infer<typeof scenarioSchema>;

/**
 * The rules that span more than one field, as field path -> message: unique ids and MSEL
 * numbers, 'after' references to an existing inject without a cycle, objective references that
 * exist.
 */
export function scenarioRuleErrors(scenario: Pick<Scenario, 'objectives' | 'injects'>): FieldErrors {
  const errors: FieldErrors = {};
  const add = (field: string, message: string) => {
    if (!(field in errors)) errors[field] = message;
  };
  const objectiveIds = new Set<string>();
  scenario.objectives.forEach((objective, index) => {
    if (objectiveIds.has(objective.id)) add(`objectives.${index}.id`, `Objective id "${objective.id}" is used twice`);
    objectiveIds.add(objective.id);
  });
  const injectIndex = new Map<string, number>();
  const mselIndex = new Map<number, number>();
  scenario.injects.forEach((inject, index) => {
    if (injectIndex.has(inject.id)) add(`injects.${index}.id`, `Inject id "${inject.id}" is used twice`);
    else injectIndex.set(inject.id, index);
    const first = mselIndex.get(inject.mselNumber);
    if (first !== undefined) add(`injects.${index}.mselNumber`, `MSEL number ${inject.mselNumber} is used twice`);
    else mselIndex.set(inject.mselNumber, index);
    const actionIds = new Set<string>();
    inject.expectedActions.forEach((action, actionIndex) => {
      if (actionIds.has(action.id)) add(`injects.${index}.expectedActions.${actionIndex}.id`, `Expected action id "${action.id}" is used twice in inject ${inject.mselNumber}`);
      actionIds.add(action.id);
      if (action.objectiveId !== null && !objectiveIds.has(action.objectiveId)) {
        add(`injects.${index}.expectedActions.${actionIndex}.objectiveId`, `Inject ${inject.mselNumber} refers to objective "${action.objectiveId}", which the scenario does not have`);
      }
    });
  });
  scenario.injects.forEach((inject, index) => {
    if (inject.release.kind !== 'after') return;
    if (inject.release.injectId === inject.id) add(`injects.${index}.release.injectId`, `Inject ${inject.mselNumber} cannot be released after itself`);
    else if (!injectIndex.has(inject.release.injectId)) add(`injects.${index}.release.injectId`, `Inject ${inject.mselNumber} is released after inject "${inject.release.injectId}", which the scenario does not have`);
  });
  for (const cycle of findReleaseCycles(scenario.injects)) {
    const first = cycle[0]!;
    const numbers = cycle.map((inject) => inject.mselNumber);
    add(`injects.${injectIndex.get(first.id)}.release.injectId`, `Injects ${[...numbers, numbers[0]].join(' -> ')} wait for each other in a loop, so none of them would ever be released`);
  }
  return errors;
}

/** Each cycle of 'after' references once (self references are reported separately), starting at its lowest MSEL number. */
export function findReleaseCycles(injects: readonly Inject[]): Inject[][] {
  const byId = new Map(injects.map((inject) => [inject.id, inject]));
  const state = new Map<string, 'visiting' | 'done'>();
  const cycles: Inject[][] = [];
  for (const start of injects) {
    if (state.has(start.id)) continue;
    const path: Inject[] = [];
    let current: Inject | undefined = start;
    while (current && !state.has(current.id)) {
      state.set(current.id, 'visiting');
      path.push(current);
      current = current.release.kind === 'after' && current.release.injectId !== current.id ? byId.get(current.release.injectId) : undefined;
    }
    if (current && state.get(current.id) === 'visiting') {
      const cycle = path.slice(path.indexOf(current));
      const lowest = cycle.reduce((best, inject, index) => (inject.mselNumber < cycle[best]!.mselNumber ? index : best), 0);
      cycles.push([...cycle.slice(lowest), ...cycle.slice(0, lowest)]);
    }
    for (const inject of path) state.set(inject.id, 'done');
  }
  return cycles;
}

/** Validates a whole scenario: the schema, then the rules across fields. */
export function validateScenario(candidate: unknown): Validated<Scenario> {
  const parsed = scenarioSchema.safeParse(candidate);
  if (!parsed.success) return { ok: false, errors: zodErrorsToFieldErrors(parsed.error) };
  const errors = scenarioRuleErrors(parsed.data);
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, value: parsed.data };
}

/** Injects in MSEL order. */
export function injectsInMselOrder<T extends Pick<Inject, 'mselNumber'>>(injects: readonly T[]): T[] {
  return [...injects].sort((left, right) => left.mselNumber - right.mselNumber);
}

/** The total points a scenario offers. */
export function scenarioPoints(scenario: Pick<Scenario, 'injects'>): number {
  return scenario.injects.reduce((sum, inject) => sum + inject.expectedActions.reduce((total, action) => total + action.points, 0), 0);
}
