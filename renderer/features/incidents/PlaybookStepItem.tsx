import { useRef, useState } from 'react';
import { describeExpectedMinutes, type ChecklistItem } from '../../../shared/domain/playbookChecklist';
import type { Task } from '../../../shared/domain/task';
import { FieldError } from '../../components/FieldError';
import { Timestamp } from '../../components/Timestamp';
import { getDataEnvironment } from '../../data/dataEnvironment';
import { completeStep } from '../../data/incidentPlaybookCommands';
import { StepInstructions } from './StepInstructions';
import { useFocusWhenSettled } from './useFocusWhenSettled';

type PlaybookStepItemProps = {
  item: ChecklistItem;
  canWork: boolean;
  disabledReasonId: string | undefined;
  onSkip: (task: Task) => void;
};

/**
 * One action step: ticking its checkbox completes it (a timeline entry, so it is not undone by
 * unticking); Skip asks for a reason first.
 */
export function PlaybookStepItem({ item, canWork, disabledReasonId, onSkip }: PlaybookStepItemProps) {
  const { task, step, skipReason } = item;
  const itemRef = useRef<HTMLLIElement>(null);
  const setActing = useFocusWhenSettled(itemRef, task.state);
  const [error, setError] = useState<string | undefined>();
  const action = step?.kind === 'action' ? step : null;
  const id = `step-${task.id}`;
  const doneHintId = `${id}-done`;
  const isOpen = task.state === 'open';
  const facts = [
    action ? action.role || 'Anyone on the response' : null,
    task.fromPlaybook?.isRequired === false ? 'Optional' : 'Required',
    action ? describeExpectedMinutes(action.expectedMinutes) : null,
  ].filter((fact) => fact !== null);

  const complete = async () => {
    setActing(true);
    const result = await completeStep(getDataEnvironment(), task.id);
    if (result.ok) {
      setError(undefined);
      return;
    }
    setActing(false);
    setError(Object.values(result.errors)[0]);
  };

  const doneNote = 'Done; recorded in the timeline, so unticking does not undo it';
  return (
    <li ref={itemRef} tabIndex={-1} className={`playbook-step task-${task.state}`}>
      <label className="checkbox" title={task.state === 'done' ? doneNote : undefined}>
        <input
          type="checkbox"
          checked={task.state === 'done'}
          disabled={!isOpen || !canWork}
          aria-describedby={[`${id}-facts`, task.state === 'done' ? doneHintId : isOpen ? disabledReasonId : undefined].filter(Boolean).join(' ')}
          onChange={(event) => {
            if (event.target.checked) void complete();
          }}
        />
        {task.title}
      </label>
      <p id={`${id}-facts`} className="step-facts muted small-text">
        {facts.join(' · ')}
      </p>
      {task.state === 'done' ? (
        <p id={doneHintId} className="hint">
          {task.completedAt ? (
            <>
              Done <Timestamp iso={task.completedAt} />; recorded in the timeline, so unticking does not undo it
            </>
          ) : (
            doneNote
          )}
        </p>
      ) : null}
      {task.state === 'cancelled' ? <p className="step-skipped">{skipReason ? `Skipped: ${skipReason}` : 'Skipped (the reason is in the timeline)'}</p> : null}
      <div className="step-actions">
        {isOpen && canWork ? (
          <button
            type="button"
            className="link-button small-text"
            aria-label={`Skip ${task.title}`}
            onClick={() => {
              setActing(true);
              onSkip(task);
            }}
          >
            Skip
          </button>
        ) : null}
        {action ? <StepInstructions id={id} title={task.title} instructions={action.instructions} links={action.links} /> : null}
      </div>
      <FieldError id={`${id}-error`} message={error} />
    </li>
  );
}
