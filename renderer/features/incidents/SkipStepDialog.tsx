import { useState, type FormEvent } from 'react';
import { skipReasonMaxLength } from '../../../shared/domain/playbookTasks';
import type { Task } from '../../../shared/domain/task';
import { Dialog } from '../../components/Dialog';
import { FieldError } from '../../components/FieldError';
import { getDataEnvironment } from '../../data/dataEnvironment';
import { skipStep } from '../../data/incidentPlaybookCommands';

/**
 * Skips a playbook step with a reason. The reason is required: the timeline must say why a step of
 * an approved procedure was not done. A refused skip keeps the dialog and the text as they were.
 */
export function SkipStepDialog({ task, onClose }: { task: Task; onClose: () => void }) {
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [isSaving, setIsSaving] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (isSaving) return;
    setIsSaving(true);
    const result = await skipStep(getDataEnvironment(), task.id, reason);
    setIsSaving(false);
    if (!result.ok) {
      setErrors(result.errors);
      return;
    }
    onClose();
  };

  return (
    <Dialog title="Skip step" isOpen onClose={onClose}>
      <form className="form" onSubmit={(event) => void submit(event)} noValidate>
        <p>
          Skipping <strong>{task.title}</strong>. The reason goes into the timeline with the step.
        </p>
        <div className="field">
          <label htmlFor="skip-step-reason">Reason</label>
          <textarea
            id="skip-step-reason"
            rows={3}
            value={reason}
            maxLength={skipReasonMaxLength}
            required
            aria-invalid={errors['reason'] ? true : undefined}
            aria-describedby={errors['reason'] ? 'skip-step-reason-error' : undefined}
            onChange={(event) => setReason(event.target.value)}
          />
          <FieldError id="skip-step-reason-error" message={errors['reason']} />
        </div>
        <FieldError id="skip-step-form-error" message={errors['form']} />
        <div className="form-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary">
            Skip step
          </button>
        </div>
      </form>
    </Dialog>
  );
}
