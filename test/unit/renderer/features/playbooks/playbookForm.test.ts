/** The playbook editor's pure form steps: ids, adding, moving, removing, answers, kinds and mapping to content. */
import { describe, expect, it } from 'vitest';
import { branchIdSchema, stepIdSchema, validatePlaybookContent, type DecisionPoint } from '../../../../../shared/domain/playbook';
import {
  addActionStep,
  addBranch,
  addDecisionStep,
  contentToForm,
  createStepId,
  describeErrorField,
  emptyPlaybookForm,
  errorsOfStep,
  fieldElementId,
  formToContent,
  moveStep,
  phaseHeadingBefore,
  randomText,
  removeBranch,
  removeStep,
  setBranchStep,
  setCategory,
  setKind,
  stepName,
  type StepForm,
} from '../../../../../renderer/features/playbooks/playbookForm';
import { starterPlaybooks } from '../../../../../shared/domain/starterPlaybooks';
import { lead, sampleContent } from '../../../shared/playbookFixtures';

/** Predictable "random" text: a, b, c... */
function sequence(...values: string[]) {
  let index = 0;
  return () => values[index++ % values.length]!;
}

const ids = (steps: readonly StepForm[]) => steps.map((step) => step.id);

describe('step and answer ids', () => {
  it('are valid for the domain and unique within the playbook', () => {
    const steps = addActionStep(addActionStep([], sequence('aaaa')), sequence('aaaa', 'bbbb'));
    expect(ids(steps)).toEqual(['step-aaaa', 'step-bbbb']);
    expect(createStepId(steps, sequence('aaaa', 'bbbb', 'cccc'))).toBe('step-cccc');
    for (let index = 0; index < 50; index += 1) expect(stepIdSchema.safeParse(createStepId([])).success).toBe(true);
    expect(randomText()).toMatch(/^[a-z0-9]{8}$/);
    const question = addBranch(addDecisionStep([])[0] as DecisionPoint);
    for (const branch of question.branches) expect(branchIdSchema.safeParse(branch.id).success).toBe(true);
    expect(new Set(question.branches.map((branch) => branch.id)).size).toBe(3);
  });
});

describe('adding steps', () => {
  it('puts a new step in the phase of the last step, or detection and analysis when there is none', () => {
    const first = addActionStep([]);
    expect(first[0]).toMatchObject({ kind: 'action', phase: 'detection_analysis', title: '', isRequired: true, expectedMinutes: '' });
    const moved = [{ ...first[0]!, phase: 'containment' as const }];
    const withQuestion = addDecisionStep(moved);
    expect(withQuestion[1]).toMatchObject({ kind: 'decision', phase: 'containment', question: '' });
    expect((withQuestion[1] as DecisionPoint).branches.map((branch) => [branch.id, branch.label])).toEqual([
      ['yes', 'Yes'],
      ['no', 'No'],
    ]);
  });
});

describe('moveStep', () => {
  const steps = contentToForm(sampleContent()).steps;
  it('moves a step to the given position and keeps the others in order', () => {
    expect(ids(moveStep(steps, 1, 0)).slice(0, 3)).toEqual(['analyse', 'prepare', 'spread']);
    expect(ids(moveStep(steps, 0, 3)).slice(0, 5)).toEqual(['analyse', 'spread', 'isolate', 'prepare', 'backups']);
    expect(ids(moveStep(steps, 9, 0))[0]).toBe('review');
  });
  it('changes nothing for a move out of range or onto itself', () => {
    expect(ids(moveStep(steps, 0, -1))).toEqual(ids(steps));
    expect(ids(moveStep(steps, 9, 10))).toEqual(ids(steps));
    expect(ids(moveStep(steps, 4, 4))).toEqual(ids(steps));
  });
});

describe('removeStep', () => {
  it('removes the step and every answer reference to it', () => {
    const steps = contentToForm(sampleContent()).steps;
    const removed = removeStep(steps, steps.findIndex((step) => step.id === 'isolate'));
    expect(ids(removed)).not.toContain('isolate');
    const spread = removed.find((step) => step.id === 'spread') as DecisionPoint;
    expect(spread.branches[0]!.stepIds).toEqual(['backups']);
    expect(removeStep(steps, 99)).toEqual(steps);
  });
});

describe('answers', () => {
  const steps = contentToForm(sampleContent()).steps;
  const spread = steps[2] as DecisionPoint;

  it('ticks steps in list order and unticks them', () => {
    const ticked = setBranchStep(spread, 1, 'recover', true, steps);
    const again = setBranchStep(ticked, 1, 'contain', true, steps);
    expect(again.branches[1]!.stepIds).toEqual(['contain', 'recover']);
    expect(setBranchStep(again, 1, 'contain', false, steps).branches[1]!.stepIds).toEqual(['recover']);
    expect(setBranchStep(again, 1, 'contain', true, steps).branches[1]!.stepIds).toEqual(['contain', 'recover']);
  });

  it('adds a blank answer and removes one by position', () => {
    const added = addBranch(spread, sequence('x1'));
    expect(added.branches.at(-1)).toEqual({ id: 'answer-x1', label: '', stepIds: [] });
    expect(removeBranch(added, 0).branches.map((branch) => branch.id)).toEqual(['no', 'answer-x1']);
  });
});

describe('kinds and categories', () => {
  it('drops categories that no chosen kind has when a kind is unticked', () => {
    let form = emptyPlaybookForm(lead);
    form = setKind(form, 'security', true);
    form = setKind(form, 'service', true);
    form = setCategory(form, 'phishing', true);
    form = setCategory(form, 'outage', true);
    form = setCategory(form, 'phishing', true);
    expect(form.categories).toEqual(['phishing', 'outage']);
    form = setKind(form, 'service', false);
    expect(form).toMatchObject({ kinds: ['security'], categories: ['phishing'] });
    expect(setCategory(form, 'phishing', false).categories).toEqual([]);
  });
});

describe('formToContent', () => {
  it('gives back the content it was made from', () => {
    const content = sampleContent({ steps: sampleContent().steps.map((step) => (step.id === 'review' && step.kind === 'action' ? { ...step, expectedMinutes: null } : step)) });
    const mapped = formToContent(contentToForm(content));
    expect(mapped).toEqual({ ok: true, content });
    if (mapped.ok) expect(validatePlaybookContent(mapped.content).ok).toBe(true);
  });

  it('gives back every starter playbook unchanged, so saving an untouched edit changes nothing', () => {
    for (const starter of starterPlaybooks) {
      const { name, summary, kinds, categories, owner, steps } = starter;
      expect(formToContent(contentToForm(starter))).toEqual({ ok: true, content: { name, summary, kinds, categories, owner, steps } });
    }
  });

  it('refuses expected minutes that are not a whole number, naming the step field', () => {
    const form = contentToForm(sampleContent());
    for (const text of ['1.5', 'abc', '-3', '1e3']) {
      const steps = form.steps.map((step, index) => (index === 1 && step.kind === 'action' ? { ...step, expectedMinutes: text } : step));
      expect(formToContent({ ...form, steps })).toEqual({
        ok: false,
        errors: { 'steps.1.expectedMinutes': 'Enter expected minutes as a whole number, such as 30, or leave it empty' },
      });
    }
    const padded = form.steps.map((step, index) => (index === 1 && step.kind === 'action' ? { ...step, expectedMinutes: ' 45 ' } : step));
    const mapped = formToContent({ ...form, steps: padded });
    expect(mapped.ok && mapped.content.steps[1]).toMatchObject({ expectedMinutes: 45 });
  });
});

describe('naming steps and errors', () => {
  const steps = contentToForm(sampleContent()).steps;

  it('names steps by kind and place in the whole list', () => {
    expect(stepName(steps[0]!, 0)).toBe('Step 1');
    expect(stepName(steps[2]!, 2)).toBe('Question 3');
  });

  it('describes where an error is in the editor words', () => {
    expect(describeErrorField('name', steps)).toBe('Name');
    expect(describeErrorField('categories.0', steps)).toBe('Categories');
    expect(describeErrorField('steps', steps)).toBe('Steps');
    expect(describeErrorField('form', steps)).toBe('Playbook');
    expect(describeErrorField('steps.0.title', steps)).toBe('Step 1: title');
    expect(describeErrorField('steps.2.branches.0.stepIds', steps)).toBe('Question 3, answer 1: steps it adds');
    expect(describeErrorField('steps.2.branches', steps)).toBe('Question 3: answers');
    expect(describeErrorField('steps.40.title', steps)).toBe('Step 41: title');
  });

  it('splits out one step errors and points each error at its element', () => {
    const errors = { name: 'Name the playbook', 'steps.2.question': 'Write the question', 'steps.2.branches.1.label': 'Label the answer', 'steps.12.title': 'x' };
    expect(errorsOfStep(errors, 2)).toEqual({ question: 'Write the question', 'branches.1.label': 'Label the answer' });
    expect(errorsOfStep(errors, 1)).toEqual({});
    expect(fieldElementId('name', steps)).toBe('playbook-name');
    expect(fieldElementId('categories.1', steps)).toBe('playbook-categories');
    expect(fieldElementId('steps.2.question', steps)).toBe('spread-question');
    expect(fieldElementId('steps.2.branches.1.label', steps)).toBe('spread-answer-no-label');
    expect(fieldElementId('steps.1.expectedMinutes', steps)).toBe('analyse-minutes');
    expect(fieldElementId('steps.1.links.0.url', steps)).toBe('analyse-group');
    expect(fieldElementId('steps.12.title', steps)).toBe('playbook-steps-title');
  });

  it('shows a phase heading before the first step and wherever the phase changes', () => {
    const headings = steps.map((_, index) => phaseHeadingBefore(steps, index));
    expect(headings).toEqual([
      'Preparation',
      'Detection and analysis',
      'Containment',
      null,
      'Eradication and recovery',
      null,
      null,
      'Containment',
      'Eradication and recovery',
      'Post-incident activity',
    ]);
    expect(phaseHeadingBefore(steps, 10)).toBeNull();
  });
});
