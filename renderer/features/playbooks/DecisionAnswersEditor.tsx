import { playbookLimits, type DecisionPoint } from '../../../shared/domain/playbook';
import { FieldError } from '../../components/FieldError';
import { addBranch, removeBranch, setBranchStep, type StepForm } from './playbookForm';

type DecisionAnswersEditorProps = {
  decision: DecisionPoint;
  /** The question's place in the whole list, 0-based. */
  index: number;
  steps: readonly StepForm[];
  /** This question's errors, keyed from "branches". */
  errors: Record<string, string>;
  onChange: (decision: DecisionPoint) => void;
};

function describeStep(step: StepForm, position: number): string {
  const text = step.kind === 'decision' ? step.question : step.title;
  return text.trim() || `untitled step ${position + 1}`;
}

/**
 * The answers of a question and, under each, the later steps it adds. Only later steps are offered
 * because a branch may only point forward; a step that was ticked and then moved above the
 * question stays listed (and flagged by validation) so it can be unticked.
 */
export function DecisionAnswersEditor({ decision, index, steps, errors, onChange }: DecisionAnswersEditorProps) {
  const idPrefix = `${decision.id}-answer`;
  const canRemove = decision.branches.length > 2;
  return (
    <div className="answers-editor">
      <p className="answers-title">Answers</p>
      <FieldError id={`${idPrefix}s-error`} message={errors['branches']} />
      {decision.branches.map((branch, branchIndex) => {
        const number = branchIndex + 1;
        const labelId = `${idPrefix}-${branch.id}-label`;
        const candidates = steps
          .map((step, position) => ({ step, position }))
          .filter(({ step, position }) => position > index || (branch.stepIds.includes(step.id) && step.id !== decision.id));
        const labelError = errors[`branches.${branchIndex}.label`] ?? errors[`branches.${branchIndex}.id`];
        const stepsError = errors[`branches.${branchIndex}.stepIds`];
        return (
          <div key={branch.id} className="answer-editor">
            <div className="answer-line">
              <div className="field">
                <label htmlFor={labelId}>Answer {number}</label>
                <input
                  id={labelId}
                  value={branch.label}
                  aria-invalid={labelError ? true : undefined}
                  aria-describedby={labelError ? `${labelId}-error` : undefined}
                  onChange={(event) =>
                    onChange({ ...decision, branches: decision.branches.map((existing, position) => (position === branchIndex ? { ...existing, label: event.target.value } : existing)) })
                  }
                />
                <FieldError id={`${labelId}-error`} message={labelError} />
              </div>
              <button
                type="button"
                className="small"
                onClick={() => onChange(removeBranch(decision, branchIndex))}
                disabled={!canRemove}
                title={canRemove ? undefined : 'A question needs at least two answers'}
              >
                Remove answer {number}
              </button>
            </div>
            <div
              className="answer-steps"
              role="group"
              aria-label={`Steps added by answer ${number}`}
              aria-describedby={stepsError ? `${labelId}-steps-error` : undefined}
            >
              {candidates.length === 0 ? (
                <p className="hint">No steps follow this question yet. Add steps after it, then tick the ones this answer adds.</p>
              ) : (
                candidates.map(({ step, position }) => (
                  <label key={step.id} className="checkbox">
                    <input
                      type="checkbox"
                      checked={branch.stepIds.includes(step.id)}
                      onChange={(event) => onChange(setBranchStep(decision, branchIndex, step.id, event.target.checked, steps))}
                    />
                    Adds: {describeStep(step, position)}
                  </label>
                ))
              )}
              <FieldError id={`${labelId}-steps-error`} message={stepsError} />
            </div>
          </div>
        );
      })}
      <button type="button" className="small" onClick={() => onChange(addBranch(decision))} disabled={decision.branches.length >= playbookLimits.branches}>
        Add answer
      </button>
      <p className="hint">Steps no answer adds are always on the checklist. An answer with no steps ticked means “carry on”.</p>
    </div>
  );
}
