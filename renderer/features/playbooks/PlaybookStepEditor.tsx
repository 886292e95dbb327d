import type { DragEvent, KeyboardEvent } from 'react';
import { playbookPhaseLabels, playbookPhases } from '../../../shared/domain/playbook';
import { FieldError } from '../../components/FieldError';
import { optionsOf, SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import { DecisionAnswersEditor } from './DecisionAnswersEditor';
import { stepGroupId, stepName, type StepForm } from './playbookForm';

type PlaybookStepEditorProps = {
  step: StepForm;
  index: number;
  steps: readonly StepForm[];
  /** This step's errors, keyed by the rest of their path ("title", "branches.0.label"). */
  errors: Record<string, string>;
  onChange: (step: StepForm) => void;
  /** Moves the step; `focusId` is the element to give focus back to once it has moved. */
  onMove: (from: number, to: number, focusId: string) => void;
  onRemove: (index: number) => void;
  onDragStart: (index: number) => void;
  onDragEnd: () => void;
  /** A step (by id) was dropped on this one's place. */
  onDrop: (stepId: string, index: number) => void;
  isDropTarget: boolean;
  onDragEnter: (index: number) => void;
};

/**
 * The drag carries the step's id under our own type: drops of anything else (text, files) are
 * ignored, and the id (not a position) says which step moves, however the list changed meanwhile.
 */
const stepDragType = 'application/x-firebreak-step';

function isStepDrag(event: DragEvent<HTMLElement>): boolean {
  return event.dataTransfer.types.includes(stepDragType);
}

const phaseOptions = optionsOf(playbookPhases, playbookPhaseLabels);

/** Fields shown beside their own input; any other error of the step is listed at its top. */
const fieldsWithPlace = new Set(['phase', 'title', 'question', 'instructions', 'role', 'expectedMinutes', 'isRequired']);

/**
 * One step or question of the editor, a group named "Step N" or "Question N" by its place in the
 * whole list. Alt+ArrowUp and Alt+ArrowDown anywhere inside it move it; the handle drags it.
 */
export function PlaybookStepEditor(props: PlaybookStepEditorProps) {
  const { step, index, steps, errors, onChange, onMove, onRemove } = props;
  const name = stepName(step, index);
  const number = index + 1;
  const id = step.id;
  const isFirst = index === 0;
  const isLast = index === steps.length - 1;
  const otherErrors = Object.entries(errors).filter(([field]) => !fieldsWithPlace.has(field) && !field.startsWith('branches'));

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    if (event.key !== 'ArrowUp' && event.key !== 'ArrowDown') return;
    // Also stops a focused <select> from opening its list, which Alt+ArrowDown does on some systems.
    event.preventDefault();
    event.stopPropagation();
    const to = event.key === 'ArrowUp' ? index - 1 : index + 1;
    const active = document.activeElement;
    const focusId = active instanceof HTMLElement && active.id && event.currentTarget.contains(active) ? active.id : stepGroupId(step);
    if (to >= 0 && to < steps.length) onMove(index, to, focusId);
  };

  const onDragOver = (event: DragEvent<HTMLDivElement>) => {
    if (!isStepDrag(event)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'move';
  };

  const classNames = ['step-editor', `kind-${step.kind}`, props.isDropTarget ? 'drop-target' : ''].filter(Boolean).join(' ');
  return (
    <div
      id={stepGroupId(step)}
      className={classNames}
      role="group"
      aria-labelledby={`${id}-name`}
      tabIndex={-1}
      onKeyDown={onKeyDown}
      onDragOver={onDragOver}
      onDragEnter={(event) => {
        if (isStepDrag(event)) props.onDragEnter(index);
      }}
      onDrop={(event) => {
        if (!isStepDrag(event)) return;
        event.preventDefault();
        props.onDrop(event.dataTransfer.getData(stepDragType), index);
      }}
    >
      <div className="step-editor-header">
        <span
          className="drag-handle"
          role="img"
          aria-label={`Drag step ${number}`}
          title="Drag onto another step's place to move it here (or use Alt+Arrow keys)"
          draggable
          onDragStart={(event) => {
            event.dataTransfer.setData(stepDragType, step.id);
            event.dataTransfer.effectAllowed = 'move';
            props.onDragStart(index);
          }}
          onDragEnd={props.onDragEnd}
        >
          ⠿
        </span>
        <span id={`${id}-name`} className="step-name">
          {name}
        </span>
        <div className="step-editor-buttons">
          <button type="button" id={`${id}-up`} className="small" onClick={() => onMove(index, index - 1, `${id}-up`)} disabled={isFirst}>
            Move step {number} up
          </button>
          <button type="button" id={`${id}-down`} className="small" onClick={() => onMove(index, index + 1, `${id}-down`)} disabled={isLast}>
            Move step {number} down
          </button>
          <button type="button" className="small danger-outline" onClick={() => onRemove(index)}>
            Remove step {number}
          </button>
        </div>
      </div>
      {otherErrors.map(([field, message]) => (
        <p key={field} className="field-error" role="alert">
          {message}
        </p>
      ))}
      <div className="step-fields">
        <SelectField id={`${id}-phase`} label="Phase" value={step.phase} options={phaseOptions} onChange={(phase) => onChange({ ...step, phase })} error={errors['phase']} />
        {step.kind === 'action' ? (
          <TextField id={`${id}-title`} label="Title" value={step.title} onChange={(title) => onChange({ ...step, title })} error={errors['title']} className="field step-title" />
        ) : (
          <TextField
            id={`${id}-question`}
            label="Question"
            value={step.question}
            onChange={(question) => onChange({ ...step, question })}
            error={errors['question']}
            className="field step-title"
          />
        )}
        <div className="field step-instructions">
          <label htmlFor={`${id}-instructions`}>Instructions</label>
          <textarea
            id={`${id}-instructions`}
            rows={3}
            value={step.instructions}
            aria-invalid={errors['instructions'] ? true : undefined}
            aria-describedby={errors['instructions'] ? `${id}-instructions-error` : `${id}-instructions-hint`}
            onChange={(event) => onChange({ ...step, instructions: event.target.value })}
          />
          <p id={`${id}-instructions-hint`} className="hint">
            {step.kind === 'decision' ? 'What to look at to answer. ' : ''}Markdown; a blank line starts a new paragraph.
          </p>
          <FieldError id={`${id}-instructions-error`} message={errors['instructions']} />
        </div>
        <TextField id={`${id}-role`} label="Role" value={step.role} onChange={(role) => onChange({ ...step, role })} error={errors['role']} placeholder="Anyone on the response" />
        {step.kind === 'action' ? (
          <>
            <TextField
              id={`${id}-minutes`}
              label="Expected minutes"
              type="number"
              min={1}
              step={1}
              inputMode="numeric"
              value={step.expectedMinutes}
              onChange={(expectedMinutes) => onChange({ ...step, expectedMinutes })}
              error={errors['expectedMinutes']}
              className="field step-minutes"
            />
            <label className="checkbox step-required">
              <input id={`${id}-required`} type="checkbox" checked={step.isRequired} onChange={(event) => onChange({ ...step, isRequired: event.target.checked })} />
              Required
            </label>
          </>
        ) : null}
      </div>
      {step.kind === 'action' && (step.links.length > 0 || step.callsPlaybook) ? (
        <p className="hint">
          {step.links.length > 0 ? `${step.links.length === 1 ? '1 link' : `${step.links.length} links`} kept as imported. ` : ''}
          {step.callsPlaybook ? `Runs the playbook ${step.callsPlaybook.id}.` : ''}
        </p>
      ) : null}
      {step.kind === 'decision' ? <DecisionAnswersEditor decision={step} index={index} steps={steps} errors={errors} onChange={onChange} /> : null}
    </div>
  );
}
