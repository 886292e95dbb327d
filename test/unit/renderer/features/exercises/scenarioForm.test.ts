/** The scenario editor's pure form: every starter survives form and back; numbers, removals and ids. */
import { describe, expect, it } from 'vitest';
import { validateScenario } from '../../../../../shared/domain/exerciseScenario';
import { starterScenarios } from '../../../../../shared/domain/starterScenarios';
import {
  addExpectedAction,
  addInject,
  addObjective,
  emptyScenarioForm,
  errorsUnder,
  formToScenarioInput,
  removeInject,
  removeObjective,
  scenarioToForm,
  updateExpectedAction,
  updateInject,
} from '../../../../../renderer/features/exercises/scenarioForm';

const header = { id: '01941f29-7c00-7000-8000-0000000fffff', lineageId: '01941f29-7c00-7000-8000-0000000fffff', version: 1 };

function counter() {
  let next = 0;
  return () => `r${++next}`;
}

describe('scenario form round trip', () => {
  it.each(starterScenarios.map((scenario) => [scenario.title, scenario] as const))('%s goes to the form and back unchanged', (_title, scenario) => {
    const { id: _id, lineageId: _lineage, version: _version, ...input } = scenario;
    const mapped = formToScenarioInput(scenarioToForm(input));
    expect(mapped.ok).toBe(true);
    if (!mapped.ok) return;
    expect(mapped.value).toEqual(input);
    expect(validateScenario({ ...mapped.value, ...header }).ok).toBe(true);
  });

  it('covers every kind of release and automatic check across the starters', () => {
    const injects = starterScenarios.flatMap((scenario) => scenario.injects);
    expect(new Set(injects.map((inject) => inject.release.kind))).toEqual(new Set(['offset', 'manual', 'after']));
    const kinds = new Set(injects.flatMap((inject) => inject.expectedActions.map((action) => action.check?.kind ?? 'none')));
    expect(kinds.size).toBeGreaterThanOrEqual(5);
  });
});

describe('form numbers', () => {
  it('reports text that is not a whole number at the domain path, and nothing else', () => {
    let form = addInject({ ...emptyScenarioForm(), title: 'Drill', durationMinutes: 'an hour' }, counter());
    form = updateInject(form, 0, { mselNumber: '1.5', releaseMinutes: '' });
    form = addExpectedAction(form, 0, counter());
    form = updateExpectedAction(form, 0, 0, { points: 'ten' });
    const mapped = formToScenarioInput(form);
    expect(mapped).toEqual({
      ok: false,
      errors: {
        durationMinutes: 'The duration in minutes must be a whole number',
        'injects.0.mselNumber': 'An MSEL number must be a whole number',
        'injects.0.release.minutes': 'Enter the minutes from the start',
        'injects.0.expectedActions.0.points': 'The points must be a whole number',
      },
    });
    if (!mapped.ok) expect(errorsUnder(mapped.errors, 'injects.0')).toHaveLength(3);
  });

  it('asks which inject an "after" release follows', () => {
    let form = addInject({ ...emptyScenarioForm(), title: 'Drill' }, counter());
    form = updateInject(form, 0, { releaseKind: 'after', releaseMinutes: '5' });
    const mapped = formToScenarioInput(form);
    expect(mapped.ok).toBe(false);
    if (!mapped.ok) expect(mapped.errors['injects.0.release.injectId']).toBe('Choose the inject this one follows');
  });

  it('maps a new scenario to one the domain accepts', () => {
    let form = addObjective({ ...emptyScenarioForm(), title: 'Drill' }, counter());
    form = { ...form, objectives: [{ id: form.objectives[0]!.id, text: 'Contain quickly' }] };
    form = addInject(form, counter());
    form = updateInject(form, 0, { title: 'Alert fires' });
    form = addExpectedAction(form, 0, counter());
    form = updateExpectedAction(form, 0, 0, { description: 'Record containment', objectiveId: form.objectives[0]!.id, checkKind: 'containment_recorded', checkWithin: '30' });
    const mapped = formToScenarioInput(form);
    expect(mapped.ok).toBe(true);
    if (!mapped.ok) return;
    expect(mapped.value.injects[0]!.expectedActions[0]!.check).toEqual({ kind: 'containment_recorded', withinMinutes: 30 });
    expect(validateScenario({ ...mapped.value, ...header }).ok).toBe(true);
  });
});

describe('removals', () => {
  it('removing an inject makes injects released after it manual', () => {
    const starter = starterScenarios.find((scenario) => scenario.injects.some((inject) => inject.release.kind === 'after'))!;
    const form = scenarioToForm(starter);
    const dependentIndex = form.injects.findIndex((inject) => inject.releaseKind === 'after');
    const predecessorIndex = form.injects.findIndex((inject) => inject.id === form.injects[dependentIndex]!.afterInjectId);
    const dependentId = form.injects[dependentIndex]!.id;
    const next = removeInject(form, predecessorIndex);
    expect(next.injects).toHaveLength(form.injects.length - 1);
    expect(next.injects.find((inject) => inject.id === dependentId)!.releaseKind).toBe('manual');
  });

  it('removing an objective unties the actions that named it', () => {
    const starter = starterScenarios[0]!;
    const form = scenarioToForm(starter);
    const objectiveId = form.objectives[0]!.id;
    const next = removeObjective(form, 0);
    expect(next.objectives.map((objective) => objective.id)).not.toContain(objectiveId);
    expect(next.injects.flatMap((inject) => inject.expectedActions).some((action) => action.objectiveId === objectiveId)).toBe(false);
  });

  it('new injects take the next MSEL number and an id no inject has', () => {
    const form = addInject(addInject(emptyScenarioForm(), () => 'same'), counter());
    expect(form.injects.map((inject) => inject.mselNumber)).toEqual(['1', '2']);
    expect(new Set(form.injects.map((inject) => inject.id)).size).toBe(2);
  });
});
