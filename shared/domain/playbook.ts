/**
 * Playbooks: response procedures as versioned, validated content, and the rules for who may
 * propose, approve and retire them.
 *
 * Versions of one playbook share a `lineageId` and are numbered 1, 2, 3... Each version is its own
 * record. An approved or retired version never changes again: editing it starts a new draft
 * version, and approving that draft retires the old one. Tasks created from a playbook point at
 * the exact version record they came from, so an incident always shows the procedure it followed.
 *
 * Steps are one ordered list. A decision point is a step that asks a question; each of its
 * branches names the steps to add when that answer is chosen. Those branch steps live later in the
 * same list, so references only ever point forward and a playbook cannot loop.
 */
import { z } from 'zod';
import { zodErrorsToFieldErrors, type FieldErrors, type Validated } from './incident';
import { personRefSchema, type AppRole, type PersonRef } from './people';
import { incidentCategorySchema, incidentKindSchema, isCategoryOfKind, type IncidentCategory, type IncidentKind } from './taxonomy';
import { isoTimestampSchema, type IsoTimestamp } from './time';

/** The phases of NIST SP 800-61, with containment split from eradication and recovery as responders work them. */
export const playbookPhases = ['preparation', 'detection_analysis', 'containment', 'eradication_recovery', 'post_incident'] as const;
export const playbookPhaseSchema = z.enum(playbookPhases);
export type PlaybookPhase = z.infer<typeof playbookPhaseSchema>;
export const playbookPhaseLabels: Record<PlaybookPhase, string> = {
  preparation: 'Preparation',
  detection_analysis: 'Detection and analysis',
  containment: 'Containment',
  eradication_recovery: 'Eradication and recovery',
  post_incident: 'Post-incident activity',
};

/**
 * The phases a complete response covers: analyse, contain, recover and learn. Preparation may stay
 * empty: it happens before an incident, and teams often keep it outside the playbook. A gap is
 * shown to the approver, not enforced: a short procedure (two phases, a handful of steps) is
 * still worth approving, and the issue's own journey approves one.
 */
export const phasesOfCompleteResponse: readonly PlaybookPhase[] = ['detection_analysis', 'containment', 'eradication_recovery', 'post_incident'];

export const playbookStatuses = ['draft', 'approved', 'retired'] as const;
export const playbookStatusSchema = z.enum(playbookStatuses);
export type PlaybookStatus = z.infer<typeof playbookStatusSchema>;
export const playbookStatusLabels: Record<PlaybookStatus, string> = { draft: 'Draft', approved: 'Approved', retired: 'Retired' };

export const playbookLimits = {
  steps: 300,
  branches: 10,
  linksPerStep: 20,
  nameLength: 120,
  summaryLength: 4000,
  titleLength: 200,
  questionLength: 300,
  instructionsLength: 20_000,
  roleLength: 80,
  /** A week: a step that takes longer is a project, not a step. */
  expectedMinutes: 7 * 24 * 60,
} as const;

/**
 * Step ids are stable across versions and short enough for a task row. CACAO step ids
 * ("action--<uuid>", at most 53 characters) fit, so an imported step keeps its id.
 */
export const stepIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/, 'A step id is 1 to 64 letters, digits, dots, colons, dashes or underscores');
export const branchIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'A branch id is 1 to 64 letters, digits, dashes or underscores');

/** Only links a responder can safely open from the app. */
export const playbookLinkSchema = z.strictObject({
  label: z.string().trim().min(1, 'Give the link a label').max(200, 'Keep a link label under 200 characters'),
  url: z
    .string()
    .trim()
    .max(2000, 'Keep a link under 2,000 characters')
    .regex(/^(https?:\/\/[^\s/]+[^\s]*|mailto:[^\s]+)$/i, 'A link must start with https://, http:// or mailto:'),
});
export type PlaybookLink = z.infer<typeof playbookLinkSchema>;

const roleSchema = z.string().trim().max(playbookLimits.roleLength, `Keep a role under ${playbookLimits.roleLength} characters`);
const instructionsSchema = z
  .string()
  .max(playbookLimits.instructionsLength, 'Keep instructions under 20,000 characters');

export const actionStepSchema = z.strictObject({
  kind: z.literal('action'),
  id: stepIdSchema,
  phase: playbookPhaseSchema,
  title: z.string().trim().min(1, 'Give the step a title').max(playbookLimits.titleLength, `Keep a step title under ${playbookLimits.titleLength} characters`),
  /** Markdown. */
  instructions: instructionsSchema,
  /** Who does it, in the team's words ("Network engineer"); empty means anyone on the response. */
  role: roleSchema,
  isRequired: z.boolean(),
  expectedMinutes: z.number().int().min(1, 'Expected duration is at least a minute').max(playbookLimits.expectedMinutes, 'Expected duration is at most a week').nullable(),
  links: z.array(playbookLinkSchema).max(playbookLimits.linksPerStep, `A step has at most ${playbookLimits.linksPerStep} links`),
  /** The step runs another playbook (a CACAO playbook-action): its id there and, if pinned, its version. */
  callsPlaybook: z.strictObject({ id: z.string().trim().min(1).max(200), version: z.string().max(64).nullable() }).nullable(),
});
export type ActionStep = z.infer<typeof actionStepSchema>;

export const decisionBranchSchema = z.strictObject({
  id: branchIdSchema,
  label: z.string().trim().min(1, 'Label the answer').max(120, 'Keep an answer under 120 characters'),
  /** The steps this answer adds, in order. Empty means "carry on". */
  stepIds: z.array(stepIdSchema).max(playbookLimits.steps),
});
export type DecisionBranch = z.infer<typeof decisionBranchSchema>;

export const decisionPointSchema = z.strictObject({
  kind: z.literal('decision'),
  id: stepIdSchema,
  phase: playbookPhaseSchema,
  question: z.string().trim().min(1, 'Write the question').max(playbookLimits.questionLength, `Keep a question under ${playbookLimits.questionLength} characters`),
  /** Markdown: what to look at to answer. */
  instructions: instructionsSchema,
  role: roleSchema,
  /** The machine condition of an imported CACAO step, kept so an export gives it back unchanged. */
  condition: z.string().max(2000).nullable(),
  branches: z
    .array(decisionBranchSchema)
    .min(2, 'A question needs at least two answers')
    .max(playbookLimits.branches, `A question has at most ${playbookLimits.branches} answers`),
});
export type DecisionPoint = z.infer<typeof decisionPointSchema>;

export const playbookStepSchema = z.discriminatedUnion('kind', [actionStepSchema, decisionPointSchema]);
export type PlaybookStep = z.infer<typeof playbookStepSchema>;

/** What an author edits: everything but identity, status and approval. */
export const playbookContentSchema = z.strictObject({
  name: z.string().trim().min(1, 'Name the playbook').max(playbookLimits.nameLength, `Keep the name under ${playbookLimits.nameLength} characters`),
  summary: z.string().trim().max(playbookLimits.summaryLength, 'Keep the summary under 4,000 characters'),
  kinds: z.array(incidentKindSchema).min(1, 'Choose the kinds of incident the playbook is for').max(2),
  /** Empty means the playbook is general for its kinds: suggested after the ones made for the category. */
  categories: z.array(incidentCategorySchema).max(18),
  owner: personRefSchema,
  steps: z.array(playbookStepSchema).min(1, 'Add at least one step').max(playbookLimits.steps, `A playbook has at most ${playbookLimits.steps} steps`),
});
export type PlaybookContent = z.infer<typeof playbookContentSchema>;

export const playbookSchema = z.strictObject({
  id: z.uuid(),
  lineageId: z.uuid(),
  version: z.number().int().min(1),
  status: playbookStatusSchema,
  ...playbookContentSchema.shape,
  /** The id it had in the file it was imported from (a CACAO "playbook--<uuid>"), so exports keep its identity. */
  externalId: z.string().max(200).nullable(),
  createdAt: isoTimestampSchema,
  createdBy: personRefSchema,
  updatedAt: isoTimestampSchema,
  approvedAt: isoTimestampSchema.nullable(),
  approvedBy: personRefSchema.nullable(),
  retiredAt: isoTimestampSchema.nullable(),
  /** The version that replaced this one when it was approved; null when retired without a successor. */
  supersededBy: z.uuid().nullable(),
  deletedAt: isoTimestampSchema.nullable(),
});
export type Playbook = z.infer<typeof playbookSchema>;

export function isDecisionPoint(step: PlaybookStep): step is DecisionPoint {
  return step.kind === 'decision';
}

/** Ids of the steps that only a chosen answer adds; every other step is added when the playbook is applied. */
export function branchStepIds(steps: readonly PlaybookStep[]): Set<string> {
  const ids = new Set<string>();
  for (const step of steps) if (isDecisionPoint(step)) for (const branch of step.branches) for (const id of branch.stepIds) ids.add(id);
  return ids;
}

function describeStep(step: PlaybookStep): string {
  return step.kind === 'decision' ? `the question "${step.question}"` : `the step "${step.title}"`;
}

/**
 * The rules zod cannot see: ids, references between steps, and kinds against categories. Keys are
 * field paths ("steps.4.branches.0.stepIds") so a form can show each message beside its field.
 */
export function findPlaybookContentProblems(content: PlaybookContent): FieldErrors {
  const errors: FieldErrors = {};
  const add = (field: string, message: string) => {
    if (!(field in errors)) errors[field] = message;
  };

  const uniqueKinds = new Set(content.kinds);
  if (uniqueKinds.size !== content.kinds.length) add('kinds', 'Each kind of incident is listed once');
  const seenCategories = new Set<IncidentCategory>();
  content.categories.forEach((category, index) => {
    if (seenCategories.has(category)) add(`categories.${index}`, `The category "${category}" is listed twice`);
    seenCategories.add(category);
    if (!content.kinds.some((kind) => isCategoryOfKind(kind, category))) {
      add(`categories.${index}`, `The category "${category}" does not belong to the kinds chosen (${content.kinds.join(', ')})`);
    }
  });

  const positionById = new Map<string, number>();
  content.steps.forEach((step, index) => {
    const earlier = positionById.get(step.id);
    if (earlier !== undefined) add(`steps.${index}.id`, `The id "${step.id}" is used by steps ${earlier + 1} and ${index + 1}; each step needs its own id`);
    else positionById.set(step.id, index);
  });

  const ownerOf = new Map<string, string>();
  content.steps.forEach((step, index) => {
    if (!isDecisionPoint(step)) return;
    const branchIds = new Set<string>();
    const labels = new Set<string>();
    step.branches.forEach((branch, branchIndex) => {
      const field = `steps.${index}.branches.${branchIndex}`;
      if (branchIds.has(branch.id)) add(`${field}.id`, `Two answers of "${step.question}" share the id "${branch.id}"`);
      branchIds.add(branch.id);
      const label = branch.label.toLowerCase();
      if (labels.has(label)) add(`${field}.label`, `Two answers of "${step.question}" are both "${branch.label}"`);
      labels.add(label);
      const inBranch = new Set<string>();
      for (const stepId of branch.stepIds) {
        const target = positionById.get(stepId);
        const owner = `the answer "${branch.label}" of "${step.question}"`;
        if (inBranch.has(stepId)) add(`${field}.stepIds`, `The answer "${branch.label}" of "${step.question}" lists the step "${stepId}" twice`);
        inBranch.add(stepId);
        if (target === undefined) {
          add(`${field}.stepIds`, `The answer "${branch.label}" of "${step.question}" points to a step "${stepId}" that does not exist`);
        } else if (target <= index) {
          add(
            `${field}.stepIds`,
            `The answer "${branch.label}" of "${step.question}" points to ${describeStep(content.steps[target]!)}, which comes before the question; a branch's steps must follow it`,
          );
        } else {
          const previousOwner = ownerOf.get(stepId);
          if (previousOwner !== undefined && previousOwner !== owner) {
            add(`${field}.stepIds`, `The step "${stepId}" belongs to both ${previousOwner} and ${owner}; a step can belong to one answer only`);
          }
          ownerOf.set(stepId, owner);
        }
      }
    });
  });

  const conditional = branchStepIds(content.steps);
  if (!content.steps.some((step) => !conditional.has(step.id))) add('steps', 'Every step belongs to an answer, so applying the playbook would add nothing');
  if (!content.steps.some((step) => step.kind === 'action')) add('steps', 'Add at least one step that is not a question');
  return errors;
}

/** Validates edited content: the form's fields, then the rules between them. */
export function validatePlaybookContent(input: unknown): Validated<PlaybookContent> {
  const parsed = playbookContentSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: zodErrorsToFieldErrors(parsed.error) };
  const errors = findPlaybookContentProblems(parsed.data);
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, value: parsed.data };
}

/** The response phases with no step, in phase order; shown as a note before approving. */
export function findPhaseGaps(content: Pick<PlaybookContent, 'steps'>): PlaybookPhase[] {
  return phasesOfCompleteResponse.filter((phase) => !content.steps.some((step) => step.phase === phase));
}

/**
 * Validates a whole record (an import or a synced row): its fields, its content rules, and that
 * status and approval fields agree.
 */
export function validatePlaybook(input: unknown): Validated<Playbook> {
  const parsed = playbookSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: zodErrorsToFieldErrors(parsed.error) };
  const playbook = parsed.data;
  const errors = findPlaybookContentProblems(playbook);
  const isApprovedOnce = playbook.status !== 'draft';
  if (isApprovedOnce && (playbook.approvedAt === null || playbook.approvedBy === null)) {
    errors.approvedAt = `An ${playbook.status} playbook records who approved it and when`;
  }
  if (!isApprovedOnce && (playbook.approvedAt !== null || playbook.approvedBy !== null)) errors.approvedAt = 'A draft has not been approved yet';
  if (playbook.status === 'retired' && playbook.retiredAt === null) errors.retiredAt = 'A retired playbook records when it was retired';
  if (playbook.status !== 'retired' && (playbook.retiredAt !== null || playbook.supersededBy !== null)) {
    errors.retiredAt = 'Only a retired playbook has a retirement time or a successor';
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, value: playbook };
}

// ---------------------------------------------------------------------------------------------
// Who may do what, and the version rules.

/** Responders (and trainers, who test playbooks in exercises) propose; leads and admins also approve. */
const proposingRoles: readonly AppRole[] = ['responder', 'lead', 'trainer', 'admin'];
const approvingRoles: readonly AppRole[] = ['lead', 'admin'];

export function canProposePlaybooks(role: AppRole): boolean {
  return proposingRoles.includes(role);
}

export function canApprovePlaybooks(role: AppRole): boolean {
  return approvingRoles.includes(role);
}

export type PlaybookActor = { person: PersonRef; role: AppRole };

const refuse = (message: string, field = 'form'): { ok: false; errors: FieldErrors } => ({ ok: false, errors: { [field]: message } });

function maxVersion(lineage: readonly Playbook[]): number {
  return lineage.reduce((highest, version) => Math.max(highest, version.version), 0);
}

function liveVersions(lineage: readonly Playbook[], lineageId: string): Playbook[] {
  return lineage.filter((version) => version.lineageId === lineageId && version.deletedAt === null);
}

/** Starts a new playbook as draft version 1. */
export function createPlaybookDraft(
  input: unknown,
  context: { id: string; lineageId: string; actor: PlaybookActor; nowIso: IsoTimestamp },
): Validated<Playbook> {
  if (!canProposePlaybooks(context.actor.role)) return refuse('Viewers cannot write playbooks; ask a responder or a lead');
  const content = validatePlaybookContent(input);
  if (!content.ok) return content;
  return {
    ok: true,
    value: {
      id: context.id,
      lineageId: context.lineageId,
      version: 1,
      status: 'draft',
      ...content.value,
      externalId: null,
      ...freshDraftFields(context),
    },
  };
}

/** What every new draft version starts with: made now by the actor, not approved, retired or deleted. */
function freshDraftFields(context: { actor: PlaybookActor; nowIso: IsoTimestamp }) {
  return {
    createdAt: context.nowIso,
    createdBy: context.actor.person,
    updatedAt: context.nowIso,
    approvedAt: null,
    approvedBy: null,
    retiredAt: null,
    supersededBy: null,
    deletedAt: null,
  };
}

/**
 * Applies an edit. A draft changes in place. An approved version stays as it is and the edit
 * becomes a new draft version (id `newId`), because incidents may already follow the approved
 * one; only one draft per playbook is open at a time, so two people do not fork it unknowingly.
 * `lineage` is every version of the playbook known on this device.
 */
export function editPlaybook(
  playbook: Playbook,
  input: unknown,
  context: { lineage: readonly Playbook[]; newId: string; actor: PlaybookActor; nowIso: IsoTimestamp },
): Validated<Playbook> {
  if (!canProposePlaybooks(context.actor.role)) return refuse('Viewers cannot change playbooks; ask a responder or a lead');
  if (playbook.deletedAt !== null) return refuse('This draft was discarded');
  if (playbook.status === 'retired') {
    return refuse(`Version ${playbook.version} of "${playbook.name}" is retired and kept as it was; edit the current version instead`);
  }
  const content = validatePlaybookContent(input);
  if (!content.ok) return content;
  if (playbook.status === 'draft') return { ok: true, value: { ...playbook, ...content.value, updatedAt: context.nowIso } };

  const versions = liveVersions(context.lineage, playbook.lineageId);
  const openDraft = versions.find((version) => version.status === 'draft');
  if (openDraft) {
    return refuse(`Version ${openDraft.version} of "${openDraft.name}" is already a draft; edit that draft instead of starting another`);
  }
  return {
    ok: true,
    value: {
      ...playbook,
      ...content.value,
      id: context.newId,
      version: Math.max(maxVersion(context.lineage.filter((version) => version.lineageId === playbook.lineageId)), playbook.version) + 1,
      status: 'draft',
      ...freshDraftFields(context),
    },
  };
}

/**
 * Approves a draft. Returns every row that changes: the newly approved version first, then the
 * version it supersedes (retired, pointing at its successor). Refuses when a newer or equal
 * version was approved meanwhile (for instance on another device while this one was offline).
 */
export function approvePlaybook(
  draft: Playbook,
  context: { lineage: readonly Playbook[]; actor: PlaybookActor; nowIso: IsoTimestamp },
): Validated<Playbook[]> {
  if (!canApprovePlaybooks(context.actor.role)) return refuse('Only a team lead or an administrator can approve a playbook');
  if (draft.deletedAt !== null) return refuse('This draft was discarded');
  if (draft.status !== 'draft') return refuse(`Version ${draft.version} of "${draft.name}" is ${draft.status}, not a draft`);
  const content = findPlaybookContentProblems(draft);
  if (Object.keys(content).length > 0) return { ok: false, errors: content };

  const approvedVersions = liveVersions(context.lineage, draft.lineageId).filter((version) => version.status === 'approved' && version.id !== draft.id);
  const newer = approvedVersions.find((version) => version.version >= draft.version);
  if (newer) {
    return refuse(`Version ${newer.version} of "${newer.name}" was approved meanwhile; start a new draft from it and carry these changes over`);
  }
  const approved: Playbook = { ...draft, status: 'approved', approvedAt: context.nowIso, approvedBy: context.actor.person, updatedAt: context.nowIso };
  const superseded = approvedVersions.map(
    (version): Playbook => ({ ...version, status: 'retired', retiredAt: context.nowIso, supersededBy: draft.id, updatedAt: context.nowIso }),
  );
  return { ok: true, value: [approved, ...superseded] };
}

/** Retires an approved playbook with no successor: it is no longer suggested or applied. */
export function retirePlaybook(playbook: Playbook, context: { actor: PlaybookActor; nowIso: IsoTimestamp }): Validated<Playbook> {
  if (!canApprovePlaybooks(context.actor.role)) return refuse('Only a team lead or an administrator can retire a playbook');
  if (playbook.status !== 'approved' || playbook.deletedAt !== null) return refuse(`Only an approved playbook can be retired; this one is ${playbook.status}`);
  return { ok: true, value: { ...playbook, status: 'retired', retiredAt: context.nowIso, updatedAt: context.nowIso } };
}

/** Throws away a draft (a tombstone, so sync spreads it). Approved versions are never deleted. */
export function discardPlaybookDraft(draft: Playbook, context: { actor: PlaybookActor; nowIso: IsoTimestamp }): Validated<Playbook> {
  if (!canProposePlaybooks(context.actor.role)) return refuse('Viewers cannot discard drafts');
  if (draft.status !== 'draft') return refuse('Only a draft can be discarded; retire an approved playbook instead');
  if (draft.deletedAt !== null) return refuse('This draft was already discarded');
  return { ok: true, value: { ...draft, deletedAt: context.nowIso, updatedAt: context.nowIso } };
}

/**
 * The version to show for each playbook in a library list: the approved one when there is one
 * (the highest, should sync have brought two), otherwise the newest draft, otherwise the newest
 * retired version. Sorted by name.
 */
export function currentVersions(playbooks: readonly Playbook[]): Playbook[] {
  const rank: Record<PlaybookStatus, number> = { approved: 3, draft: 2, retired: 1 };
  const best = new Map<string, Playbook>();
  for (const playbook of playbooks) {
    if (playbook.deletedAt !== null) continue;
    const held = best.get(playbook.lineageId);
    const isBetter =
      held === undefined || rank[playbook.status] > rank[held.status] || (rank[playbook.status] === rank[held.status] && playbook.version > held.version);
    if (isBetter) best.set(playbook.lineageId, playbook);
  }
  return [...best.values()].sort((left, right) => left.name.localeCompare(right.name) || left.lineageId.localeCompare(right.lineageId));
}

/**
 * Playbooks to offer for an incident: approved versions made for its category first, then approved
 * general playbooks (no categories) for its kind. Each list is sorted by name.
 */
export function suggestPlaybooks(playbooks: readonly Playbook[], incident: { kind: IncidentKind; category: IncidentCategory }): Playbook[] {
  const approved = currentVersions(playbooks).filter((playbook) => playbook.status === 'approved');
  const forCategory = approved.filter((playbook) => playbook.categories.includes(incident.category));
  const general = approved.filter((playbook) => playbook.categories.length === 0 && playbook.kinds.includes(incident.kind));
  return [...forCategory, ...general];
}
