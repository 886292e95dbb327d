/**
 * The playbook editor's form as plain data, and the pure steps between it and PlaybookContent:
 * adding, moving and removing steps and answers, mapping to content for the save command, and
 * naming where a validation error sits.
 *
 * Order: the editor shows steps in list order, and a phase heading wherever the phase changes from
 * the step before. Moving a step only changes its place in the list; its phase comes from its own
 * Phase select. So Move up and Move down always swap with the step shown next to it.
 */
import {
  playbookPhaseLabels,
  type ActionStep,
  type DecisionBranch,
  type DecisionPoint,
  type PlaybookContent,
  type PlaybookPhase,
} from '../../../shared/domain/playbook';
import type { PersonRef } from '../../../shared/domain/people';
import { isCategoryOfKind, type IncidentCategory, type IncidentKind } from '../../../shared/domain/taxonomy';

/** An action step as the form holds it: expected minutes stay text until saved. */
export type ActionStepForm = Omit<ActionStep, 'expectedMinutes'> & { expectedMinutes: string };
export type StepForm = ActionStepForm | DecisionPoint;

export type PlaybookForm = {
  name: string;
  summary: string;
  kinds: IncidentKind[];
  categories: IncidentCategory[];
  owner: PersonRef;
  steps: StepForm[];
};

/** Random text for ids; passed in so tests can pin it. */
export type RandomText = () => string;

/** Eight base-36 characters from the browser's generator: plenty for a few hundred steps. */
export function randomText(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return Array.from(bytes, (byte) => (byte % 36).toString(36)).join('');
}

/** A step id that no step of the list has. The prefix keeps it valid for the domain's step id rule. */
export function createStepId(steps: readonly StepForm[], random: RandomText = randomText): string {
  const taken = new Set(steps.map((step) => step.id));
  for (;;) {
    const id = `step-${random()}`;
    if (!taken.has(id)) return id;
  }
}

function createBranchId(branches: readonly DecisionBranch[], random: RandomText): string {
  const taken = new Set(branches.map((branch) => branch.id));
  for (;;) {
    const id = `answer-${random()}`;
    if (!taken.has(id)) return id;
  }
}

export function emptyPlaybookForm(owner: PersonRef): PlaybookForm {
  return { name: '', summary: '', kinds: [], categories: [], owner, steps: [] };
}

export function contentToForm(content: PlaybookContent): PlaybookForm {
  return {
    name: content.name,
    summary: content.summary,
    kinds: [...content.kinds],
    categories: [...content.categories],
    owner: content.owner,
    steps: content.steps.map((step) => (step.kind === 'action' ? { ...step, expectedMinutes: step.expectedMinutes === null ? '' : String(step.expectedMinutes) } : step)),
  };
}

/** A new step goes in the phase of the last step, where an author is most likely still writing. */
function phaseForNewStep(steps: readonly StepForm[]): PlaybookPhase {
  return steps.at(-1)?.phase ?? 'detection_analysis';
}

export function addActionStep(steps: readonly StepForm[], random: RandomText = randomText): StepForm[] {
  const step: ActionStepForm = {
    kind: 'action',
    id: createStepId(steps, random),
    phase: phaseForNewStep(steps),
    title: '',
    instructions: '',
    role: '',
    isRequired: true,
    expectedMinutes: '',
    links: [],
    callsPlaybook: null,
  };
  return [...steps, step];
}

/**
 * A new question starts as yes/no, the most common kind. The ids "yes" and "no" are what the CACAO
 * export recognises as an if-condition.
 */
export function addDecisionStep(steps: readonly StepForm[], random: RandomText = randomText): StepForm[] {
  const step: DecisionPoint = {
    kind: 'decision',
    id: createStepId(steps, random),
    phase: phaseForNewStep(steps),
    question: '',
    instructions: '',
    role: '',
    condition: null,
    branches: [
      { id: 'yes', label: 'Yes', stepIds: [] },
      { id: 'no', label: 'No', stepIds: [] },
    ],
  };
  return [...steps, step];
}

/** Moves the step at `from` to position `to` (both 0-based); out-of-range moves change nothing. */
export function moveStep(steps: readonly StepForm[], from: number, to: number): StepForm[] {
  if (from === to || from < 0 || to < 0 || from >= steps.length || to >= steps.length) return [...steps];
  const moved = [...steps];
  const [step] = moved.splice(from, 1);
  moved.splice(to, 0, step!);
  return moved;
}

/** Removes a step and every answer's reference to it, so no answer points at a step that is gone. */
export function removeStep(steps: readonly StepForm[], index: number): StepForm[] {
  const removed = steps[index];
  if (!removed) return [...steps];
  return steps
    .filter((_, position) => position !== index)
    .map((step) =>
      step.kind === 'decision'
        ? { ...step, branches: step.branches.map((branch) => ({ ...branch, stepIds: branch.stepIds.filter((id) => id !== removed.id) })) }
        : step,
    );
}

export function replaceStep(steps: readonly StepForm[], index: number, step: StepForm): StepForm[] {
  return steps.map((existing, position) => (position === index ? step : existing));
}

export function addBranch(decision: DecisionPoint, random: RandomText = randomText): DecisionPoint {
  return { ...decision, branches: [...decision.branches, { id: createBranchId(decision.branches, random), label: '', stepIds: [] }] };
}

export function removeBranch(decision: DecisionPoint, branchIndex: number): DecisionPoint {
  return { ...decision, branches: decision.branches.filter((_, position) => position !== branchIndex) };
}

/** Ticks or unticks a step under one answer, keeping the answer's steps in list order. */
export function setBranchStep(decision: DecisionPoint, branchIndex: number, stepId: string, isAdded: boolean, steps: readonly StepForm[]): DecisionPoint {
  const order = new Map(steps.map((step, position) => [step.id, position]));
  return {
    ...decision,
    branches: decision.branches.map((branch, position) => {
      if (position !== branchIndex) return branch;
      const others = branch.stepIds.filter((id) => id !== stepId);
      const stepIds = isAdded ? [...others, stepId].sort((left, right) => (order.get(left) ?? Infinity) - (order.get(right) ?? Infinity)) : others;
      return { ...branch, stepIds };
    }),
  };
}

/**
 * Checking or unchecking a kind also drops the categories that no longer belong to any chosen
 * kind: the editor shows only the categories of the chosen kinds, so a hidden one must not stay.
 */
export function setKind(form: PlaybookForm, kind: IncidentKind, isChosen: boolean): PlaybookForm {
  const kinds = isChosen ? [...new Set([...form.kinds, kind])] : form.kinds.filter((existing) => existing !== kind);
  return { ...form, kinds, categories: form.categories.filter((category) => kinds.some((chosen) => isCategoryOfKind(chosen, category))) };
}

export function setCategory(form: PlaybookForm, category: IncidentCategory, isChosen: boolean): PlaybookForm {
  const categories = isChosen ? [...new Set([...form.categories, category])] : form.categories.filter((existing) => existing !== category);
  return { ...form, categories };
}

export type FormToContentResult = { ok: true; content: PlaybookContent } | { ok: false; errors: Record<string, string> };

/**
 * The content the save command validates. Only what the domain cannot see is checked here: the
 * expected minutes, which the form holds as text.
 */
export function formToContent(form: PlaybookForm): FormToContentResult {
  const errors: Record<string, string> = {};
  const steps = form.steps.map((step, index): ActionStep | DecisionPoint => {
    if (step.kind === 'decision') return step;
    const text = step.expectedMinutes.trim();
    let expectedMinutes: number | null = null;
    if (text !== '') {
      const minutes = Number(text);
      if (/^\d+$/.test(text) && Number.isSafeInteger(minutes)) expectedMinutes = minutes;
      else errors[`steps.${index}.expectedMinutes`] = 'Enter expected minutes as a whole number, such as 30, or leave it empty';
    }
    return { ...step, expectedMinutes };
  });
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, content: { name: form.name, summary: form.summary, kinds: form.kinds, categories: form.categories, owner: form.owner, steps } };
}

/** The id of a step's group element, which takes focus when the step moves or has an error. */
export function stepGroupId(step: Pick<StepForm, 'id'>): string {
  return `${step.id}-group`;
}

/** How the editor names a step: "Step 3" for an action, "Question 3" for a decision, by place in the whole list. */
export function stepName(step: Pick<StepForm, 'kind'>, index: number): string {
  return `${step.kind === 'decision' ? 'Question' : 'Step'} ${index + 1}`;
}

const fieldNames: Record<string, string> = {
  name: 'Name',
  summary: 'Summary',
  kinds: 'Kinds of incident',
  categories: 'Categories',
  owner: 'Owner',
  steps: 'Steps',
  title: 'title',
  question: 'question',
  instructions: 'instructions',
  role: 'role',
  expectedMinutes: 'expected minutes',
  phase: 'phase',
  id: 'id',
  links: 'links',
  branches: 'answers',
  label: 'text',
  stepIds: 'steps it adds',
};

/**
 * Where an error key points, in the editor's words: "steps.4.branches.0.stepIds" becomes
 * "Question 5, answer 1: steps it adds". Used by the error summary above the form.
 */
export function describeErrorField(field: string, steps: readonly Pick<StepForm, 'kind'>[]): string {
  const parts = field.split('.');
  if (parts[0] === 'form') return 'Playbook';
  if (parts[0] !== 'steps' || parts.length === 1) return fieldNames[parts[0]!] ?? parts[0]!;
  const index = Number(parts[1]);
  const step = steps[index];
  const where = [step ? stepName(step, index) : `Step ${index + 1}`];
  if (parts[2] === 'branches' && parts[3] !== undefined && /^\d+$/.test(parts[3])) {
    where.push(`answer ${Number(parts[3]) + 1}`);
    if (parts[4]) where.push(fieldNames[parts[4]] ?? parts[4]);
    return `${where[0]}, ${where[1]}${where[2] ? `: ${where[2]}` : ''}`;
  }
  const fieldName = parts[2] ? (fieldNames[parts[2]] ?? parts[2]) : undefined;
  return fieldName ? `${where[0]}: ${fieldName}` : where[0]!;
}

/** The errors of one step, keyed by the rest of their path ("title", "branches.0.label"). */
export function errorsOfStep(errors: Record<string, string>, index: number): Record<string, string> {
  const prefix = `steps.${index}.`;
  const own: Record<string, string> = {};
  for (const [field, message] of Object.entries(errors)) if (field.startsWith(prefix)) own[field.slice(prefix.length)] = message;
  return own;
}

/** Which phase headings the editor shows: one before each step whose phase differs from the step before. */
export function phaseHeadingBefore(steps: readonly Pick<StepForm, 'phase'>[], index: number): string | null {
  const phase = steps[index]?.phase;
  if (phase === undefined) return null;
  return index === 0 || steps[index - 1]!.phase !== phase ? playbookPhaseLabels[phase] : null;
}

/** Element ids of the editor's top fields, shared by the editor and the error summary. */
export const editorFieldIds = {
  name: 'playbook-name',
  summary: 'playbook-summary',
  kinds: 'playbook-kinds',
  categories: 'playbook-categories',
  owner: 'playbook-owner',
  steps: 'playbook-steps-title',
} as const;

const stepFieldIds: Record<string, string> = {
  phase: 'phase',
  title: 'title',
  question: 'question',
  instructions: 'instructions',
  role: 'role',
  expectedMinutes: 'minutes',
  isRequired: 'required',
};

/** The element an error summary entry takes the user to: the field itself, else its step, else the steps heading. */
export function fieldElementId(field: string, steps: readonly Pick<StepForm, 'id' | 'kind'>[]): string {
  const parts = field.split('.');
  const top = parts[0] as keyof typeof editorFieldIds;
  if (top !== 'steps') return editorFieldIds[top] ?? editorFieldIds.name;
  const step = parts[1] === undefined ? undefined : steps[Number(parts[1])];
  if (!step) return editorFieldIds.steps;
  const stepField = parts[2];
  if (stepField === 'branches' && step.kind === 'decision' && parts[3] !== undefined) {
    const branch = (step as DecisionPoint).branches[Number(parts[3])];
    if (branch) return `${step.id}-answer-${branch.id}-label`;
  }
  const suffix = stepField === undefined ? undefined : stepFieldIds[stepField];
  return suffix ? `${step.id}-${suffix}` : stepGroupId(step);
}
