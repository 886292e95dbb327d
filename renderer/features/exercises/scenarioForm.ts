/**
 * The scenario editor's form as plain data, and the pure steps between it and a ScenarioInput:
 * numbers stay text until saved (so a half-typed "1" is not lost), optional values are '' in the
 * form and null in the scenario. Errors use the domain's field paths ("injects.0.mselNumber"), so
 * the editor shows the form's own errors and the command's (validateScenario) in the same places.
 */
import type { FieldErrors } from '../../../shared/domain/incident';
import type { AutoCheck, AutoCheckKind, CheckableStage, ExpectedAction, Inject, InjectChannel, ScenarioDifficulty, ScenarioObjective } from '../../../shared/domain/exerciseScenario';
import type { IncidentCategory } from '../../../shared/domain/taxonomy';
import type { TimelineEntryKind } from '../../../shared/domain/timeline';
import type { ScenarioInput } from '../../data/exerciseScenarioCommands';

export type ReleaseKind = Inject['release']['kind'];

export type ExpectedActionForm = {
  id: string;
  description: string;
  points: string;
  /** '' = not tied to an objective. */
  objectiveId: string;
  /** 'none' = the facilitator judges it. */
  checkKind: AutoCheckKind | 'none';
  /** The check's main setting: category ('' = any), playbook lineage id, stage, task title words or timeline entry kind. */
  checkSetting: string;
  /** Words a timeline entry contains ('' = any); only for timeline_entry checks. */
  checkText: string;
  /** '' = at any time during the run. */
  checkWithin: string;
};

export type InjectForm = {
  id: string;
  mselNumber: string;
  releaseKind: ReleaseKind;
  /** Minutes from the start (offset) or after the other inject (after). */
  releaseMinutes: string;
  afterInjectId: string;
  channel: InjectChannel;
  fromPersona: string;
  toAudience: string;
  title: string;
  content: string;
  facilitatorNotes: string;
  expectedActions: ExpectedActionForm[];
};

export type ScenarioForm = {
  title: string;
  audience: string;
  difficulty: ScenarioDifficulty;
  durationMinutes: string;
  narrative: string;
  objectives: ScenarioObjective[];
  linkedPlaybookLineageIds: string[];
  injects: InjectForm[];
};

/** Random text for ids; passed in so tests can pin it. */
export type RandomText = () => string;

export function randomText(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return Array.from(bytes, (byte) => (byte % 36).toString(36)).join('');
}

function freshId(prefix: string, taken: Iterable<string>, random: RandomText): string {
  const used = new Set(taken);
  for (;;) {
    const id = `${prefix}-${random()}`;
    if (!used.has(id)) return id;
  }
}

export function emptyScenarioForm(): ScenarioForm {
  return { title: '', audience: '', difficulty: 'introductory', durationMinutes: '60', narrative: '', objectives: [], linkedPlaybookLineageIds: [], injects: [] };
}

// ------------------------------------------------------------------------- scenario -> form

function checkSettingOf(check: AutoCheck): string {
  switch (check.kind) {
    case 'incident_created':
      return check.category ?? '';
    case 'playbook_applied':
      return check.playbookLineageId;
    case 'containment_recorded':
      return '';
    case 'stage_reached':
      return check.stage;
    case 'task_completed':
      return check.titleIncludes;
    case 'timeline_entry':
      return check.entryKind;
  }
}

export function expectedActionToForm(action: ExpectedAction): ExpectedActionForm {
  return {
    id: action.id,
    description: action.description,
    points: String(action.points),
    objectiveId: action.objectiveId ?? '',
    checkKind: action.check?.kind ?? 'none',
    checkSetting: action.check ? checkSettingOf(action.check) : '',
    checkText: action.check?.kind === 'timeline_entry' ? (action.check.textIncludes ?? '') : '',
    checkWithin: action.check?.withinMinutes == null ? '' : String(action.check.withinMinutes),
  };
}

export function injectToForm(inject: Inject): InjectForm {
  return {
    id: inject.id,
    mselNumber: String(inject.mselNumber),
    releaseKind: inject.release.kind,
    releaseMinutes: inject.release.kind === 'manual' ? '' : String(inject.release.minutes),
    afterInjectId: inject.release.kind === 'after' ? inject.release.injectId : '',
    channel: inject.channel,
    fromPersona: inject.fromPersona,
    toAudience: inject.toAudience,
    title: inject.title,
    content: inject.content,
    facilitatorNotes: inject.facilitatorNotes,
    expectedActions: inject.expectedActions.map(expectedActionToForm),
  };
}

export function scenarioToForm(scenario: ScenarioInput): ScenarioForm {
  return {
    title: scenario.title,
    audience: scenario.audience,
    difficulty: scenario.difficulty,
    durationMinutes: String(scenario.durationMinutes),
    narrative: scenario.narrative,
    objectives: scenario.objectives.map((objective) => ({ ...objective })),
    linkedPlaybookLineageIds: [...scenario.linkedPlaybookLineageIds],
    injects: scenario.injects.map(injectToForm),
  };
}

// ------------------------------------------------------------------------- form -> scenario

export type FormMapping = { ok: true; value: ScenarioInput } | { ok: false; errors: FieldErrors };

/** Whole numbers only; the message names the field so the summary reads on its own. */
function readWholeNumber(text: string, label: string, path: string, errors: FieldErrors): number {
  const trimmed = text.trim();
  if (!/^-?\d+$/.test(trimmed)) {
    errors[path] = trimmed === '' ? `Enter ${label}` : `${label[0]!.toUpperCase()}${label.slice(1)} must be a whole number`;
    return 0;
  }
  return Number(trimmed);
}

function checkOf(form: ExpectedActionForm, path: string, errors: FieldErrors): AutoCheck | null {
  if (form.checkKind === 'none') return null;
  const withinMinutes = form.checkWithin.trim() === '' ? null : readWholeNumber(form.checkWithin, 'the minutes of the check', `${path}.check.withinMinutes`, errors);
  const setting = form.checkSetting.trim();
  switch (form.checkKind) {
    case 'incident_created':
      return { kind: 'incident_created', category: setting === '' ? null : (setting as IncidentCategory), withinMinutes };
    case 'playbook_applied':
      return { kind: 'playbook_applied', playbookLineageId: setting, withinMinutes };
    case 'containment_recorded':
      return { kind: 'containment_recorded', withinMinutes };
    case 'stage_reached':
      return { kind: 'stage_reached', stage: setting as CheckableStage, withinMinutes };
    case 'task_completed':
      return { kind: 'task_completed', titleIncludes: form.checkSetting, withinMinutes };
    case 'timeline_entry':
      return { kind: 'timeline_entry', entryKind: setting as TimelineEntryKind, textIncludes: form.checkText.trim() === '' ? null : form.checkText, withinMinutes };
  }
}

function injectOf(form: InjectForm, index: number, errors: FieldErrors): Inject {
  const path = `injects.${index}`;
  const mselNumber = readWholeNumber(form.mselNumber, 'an MSEL number', `${path}.mselNumber`, errors);
  const release: Inject['release'] =
    form.releaseKind === 'manual'
      ? { kind: 'manual' }
      : form.releaseKind === 'offset'
        ? { kind: 'offset', minutes: readWholeNumber(form.releaseMinutes, 'the minutes from the start', `${path}.release.minutes`, errors) }
        : { kind: 'after', injectId: form.afterInjectId, minutes: readWholeNumber(form.releaseMinutes, 'the minutes after the other inject', `${path}.release.minutes`, errors) };
  if (release.kind === 'after' && form.afterInjectId === '') errors[`${path}.release.injectId`] = 'Choose the inject this one follows';
  return {
    id: form.id,
    mselNumber,
    release,
    channel: form.channel,
    fromPersona: form.fromPersona,
    toAudience: form.toAudience,
    title: form.title,
    content: form.content,
    expectedActions: form.expectedActions.map((action, actionIndex) => {
      const actionPath = `${path}.expectedActions.${actionIndex}`;
      return {
        id: action.id,
        description: action.description,
        points: readWholeNumber(action.points, 'the points', `${actionPath}.points`, errors),
        check: checkOf(action, actionPath, errors),
        objectiveId: action.objectiveId === '' ? null : action.objectiveId,
      };
    }),
    facilitatorNotes: form.facilitatorNotes,
  };
}

/**
 * The form as the scenario the commands take, or the form's own errors (numbers that are not
 * numbers). Everything else is checked by the command with validateScenario.
 */
export function formToScenarioInput(form: ScenarioForm): FormMapping {
  const errors: FieldErrors = {};
  const durationMinutes = readWholeNumber(form.durationMinutes, 'the duration in minutes', 'durationMinutes', errors);
  const value: ScenarioInput = {
    title: form.title,
    objectives: form.objectives.map((objective) => ({ ...objective })),
    audience: form.audience,
    difficulty: form.difficulty,
    durationMinutes,
    narrative: form.narrative,
    linkedPlaybookLineageIds: [...form.linkedPlaybookLineageIds],
    injects: form.injects.map((inject, index) => injectOf(inject, index, errors)),
  };
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, value };
}

// ---------------------------------------------------------------------------------- editing

export function addObjective(form: ScenarioForm, random: RandomText = randomText): ScenarioForm {
  const id = freshId('objective', form.objectives.map((objective) => objective.id), random);
  return { ...form, objectives: [...form.objectives, { id, text: '' }] };
}

/** Removes an objective and unties the expected actions that named it. */
export function removeObjective(form: ScenarioForm, index: number): ScenarioForm {
  const removed = form.objectives[index];
  if (!removed) return form;
  return {
    ...form,
    objectives: form.objectives.filter((_, position) => position !== index),
    injects: form.injects.map((inject) => ({
      ...inject,
      expectedActions: inject.expectedActions.map((action) => (action.objectiveId === removed.id ? { ...action, objectiveId: '' } : action)),
    })),
  };
}

/** A new inject at the end, numbered one past the highest MSEL number, released manually until told otherwise. */
export function addInject(form: ScenarioForm, random: RandomText = randomText): ScenarioForm {
  const numbers = form.injects.map((inject) => Number(inject.mselNumber)).filter((number) => Number.isInteger(number));
  const next = numbers.length === 0 ? 1 : Math.max(...numbers) + 1;
  const id = freshId('inject', form.injects.map((inject) => inject.id), random);
  const inject: InjectForm = {
    id,
    mselNumber: String(next),
    releaseKind: 'offset',
    releaseMinutes: '0',
    afterInjectId: '',
    channel: 'email',
    fromPersona: '',
    toAudience: '',
    title: '',
    content: '',
    facilitatorNotes: '',
    expectedActions: [],
  };
  return { ...form, injects: [...form.injects, inject] };
}

/** Removes an inject; injects released after it become manual (the facilitator releases them). */
export function removeInject(form: ScenarioForm, index: number): ScenarioForm {
  const removed = form.injects[index];
  if (!removed) return form;
  return {
    ...form,
    injects: form.injects
      .filter((_, position) => position !== index)
      .map((inject) => (inject.releaseKind === 'after' && inject.afterInjectId === removed.id ? { ...inject, releaseKind: 'manual', afterInjectId: '', releaseMinutes: '' } : inject)),
  };
}

export function updateInject(form: ScenarioForm, index: number, patch: Partial<InjectForm>): ScenarioForm {
  return { ...form, injects: form.injects.map((inject, position) => (position === index ? { ...inject, ...patch } : inject)) };
}

export function addExpectedAction(form: ScenarioForm, injectIndex: number, random: RandomText = randomText): ScenarioForm {
  const inject = form.injects[injectIndex];
  if (!inject) return form;
  const id = freshId(inject.id, inject.expectedActions.map((action) => action.id), random);
  const action: ExpectedActionForm = { id, description: '', points: '5', objectiveId: '', checkKind: 'none', checkSetting: '', checkText: '', checkWithin: '' };
  return updateInject(form, injectIndex, { expectedActions: [...inject.expectedActions, action] });
}

export function updateExpectedAction(form: ScenarioForm, injectIndex: number, actionIndex: number, patch: Partial<ExpectedActionForm>): ScenarioForm {
  const inject = form.injects[injectIndex];
  if (!inject) return form;
  return updateInject(form, injectIndex, { expectedActions: inject.expectedActions.map((action, position) => (position === actionIndex ? { ...action, ...patch } : action)) });
}

export function removeExpectedAction(form: ScenarioForm, injectIndex: number, actionIndex: number): ScenarioForm {
  const inject = form.injects[injectIndex];
  if (!inject) return form;
  return updateInject(form, injectIndex, { expectedActions: inject.expectedActions.filter((_, position) => position !== actionIndex) });
}

/** Errors under a path prefix, e.g. every error of "injects.2", for a group's summary. */
export function errorsUnder(errors: FieldErrors, prefix: string): string[] {
  return Object.entries(errors)
    .filter(([field]) => field === prefix || field.startsWith(`${prefix}.`))
    .map(([, message]) => message);
}
