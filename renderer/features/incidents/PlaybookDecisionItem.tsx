import { useRef, useState } from 'react';
import type { ChecklistItem } from '../../../shared/domain/playbookChecklist';
import type { Task } from '../../../shared/domain/task';
import { FieldError } from '../../components/FieldError';
import { getDataEnvironment } from '../../data/dataEnvironment';
import { answerDecision } from '../../data/incidentPlaybookCommands';
import { StepInstructions } from './StepInstructions';
import { useFocusWhenSettled } from './useFocusWhenSettled';

type PlaybookDecisionItemProps = {
  item: ChecklistItem;
  canWork: boolean;
  disabledReasonId: string | undefined;
  onSkip: (task: Task) => void;
};

/** A question of the playbook: one button per answer; the answer chosen adds its steps to their phases. */
export function PlaybookDecisionItem({ item, canWork, disabledReasonId, onSkip }: PlaybookDecisionItemProps) {
  const { task, step, skipReason, answer } = item;
  const itemRef = useRef<HTMLLIElement>(null);
  const setActing = useFocusWhenSettled(itemRef, task.state);
  const [error, setError] = useState<string | undefined>();
  const [isAnswering, setIsAnswering] = useState(false);
  const decision = step?.kind === 'decision' ? step : null;
  const id = `step-${task.id}`;
  const questionId = `${id}-question`;
  const isOpen = task.state === 'open';

  const choose = async (branchId: string) => {
    if (isAnswering) return;
    setIsAnswering(true);
    setActing(true);
    const result = await answerDecision(getDataEnvironment(), task.id, branchId);
    setIsAnswering(false);
    if (result.ok) {
      setError(undefined);
      return;
    }
    setActing(false);
    setError(Object.values(result.errors)[0]);
  };

  return (
    <li ref={itemRef} tabIndex={-1} className={`playbook-step playbook-decision task-${task.state}`}>
      <div role="group" aria-labelledby={questionId}>
        <p id={questionId} className="decision-question">
          {task.title}
        </p>
        <p className="step-facts muted small-text">{['Question', decision?.role || null].filter((fact) => fact !== null).join(' · ')}</p>
        {isOpen && decision ? (
          <div className="decision-answers">
            {decision.branches.map((branch) => (
              <button key={branch.id} type="button" disabled={!canWork} aria-describedby={disabledReasonId} onClick={() => void choose(branch.id)}>
                {branch.label}
              </button>
            ))}
            {canWork ? (
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
          </div>
        ) : null}
        {isOpen && !decision ? <p className="muted small-text">The answers show once this playbook version is on this device (sync, then try again).</p> : null}
        {task.state === 'done' ? <p className="decision-answer">{answer ? `Answered: ${answer.label}` : 'Answered (the answer is in the timeline)'}</p> : null}
        {task.state === 'cancelled' ? <p className="step-skipped">{skipReason ? `Skipped: ${skipReason}` : 'Skipped (the reason is in the timeline)'}</p> : null}
        {decision ? <StepInstructions id={id} title={task.title} instructions={decision.instructions} links={[]} /> : null}
        <FieldError id={`${id}-error`} message={error} />
      </div>
    </li>
  );
}
