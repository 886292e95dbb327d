import { useState, type FormEvent } from 'react';
import {
  cancelReasonLabels,
  cancelReasons,
  resolutionCodeLabels,
  resolutionCodes,
  type Incident,
} from '../../../shared/domain/incident';
import { lifecycleActionLabels, type LifecycleActionType } from '../../../shared/domain/lifecycle';
import { Dialog } from '../../components/Dialog';
import { FieldError } from '../../components/FieldError';
import { getDataEnvironment } from '../../data/dataEnvironment';
import { takeLifecycleAction } from '../../data/incidentCommands';
import { toPersonRef, useProfile } from '../../data/profile';
import { useKnownPeople, useResponderTeams } from '../../data/teamQueries';
import { assignToMe, AssignmentFields, keepAssignee } from './AssignmentFields';

type LifecycleActionDialogProps = { incident: Incident; action: LifecycleActionType; onClose: () => void };

const submitLabels: Partial<Record<LifecycleActionType, string>> = {
  assign: 'Assign',
  putOnHold: 'Put on hold',
  resolve: 'Resolve',
  close: 'Close incident',
  reopen: 'Reopen',
  cancel: 'Cancel incident',
};

/** Collects what an action needs (a reason, an assignee, a resolution) and takes it. Escalate has its own dialog. */
export function LifecycleActionDialog({ incident, action, onClose }: LifecycleActionDialogProps) {
  const profile = useProfile();
  const people = useKnownPeople();
  const teams = useResponderTeams() ?? [];
  const [teamId, setTeamId] = useState(incident.routedTeam?.id ?? '');
  const [personChoice, setPersonChoice] = useState(keepAssignee);
  const [reason, setReason] = useState('');
  const [resolutionCode, setResolutionCode] = useState(incident.resolutionCode ?? '');
  const [resolutionSummary, setResolutionSummary] = useState(incident.resolutionSummary ?? '');
  const [cancelReason, setCancelReason] = useState('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});

  const buildAction = (): unknown => {
    switch (action) {
      case 'assign': {
        // Only a team that differs from the current one is sent: keeping the team is no change.
        const team = teamId !== (incident.routedTeam?.id ?? '') ? teams.find((candidate) => candidate.id === teamId) : undefined;
        const person =
          personChoice === keepAssignee ? undefined : personChoice === assignToMe && profile ? toPersonRef(profile) : people.find((candidate) => candidate.id === personChoice);
        return { type: 'assign', ...(team ? { team: { id: team.id, name: team.name } } : {}), ...(person ? { assignee: person } : {}) };
      }
      case 'putOnHold':
      case 'reopen':
        return { type: action, reason };
      case 'resolve':
        return { type: 'resolve', resolutionCode: resolutionCode || undefined, resolutionSummary };
      case 'close':
        return { type: 'close', resolutionCode: resolutionCode || undefined, resolutionSummary };
      case 'cancel':
        return { type: 'cancel', reason: cancelReason || undefined, ...(note.trim() ? { note } : {}) };
      default:
        return { type: action };
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await takeLifecycleAction(getDataEnvironment(), incident.id, buildAction());
    if (!result.ok) {
      setErrors(result.errors);
      return;
    }
    onClose();
  };

  const textField = (id: string, label: string, value: string, onChange: (next: string) => void, errorKey: string, hasFocus = true) => (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        rows={3}
        value={value}
        autoFocus={hasFocus}
        aria-invalid={Boolean(errors[errorKey])}
        aria-describedby={errors[errorKey] ? `${id}-error` : undefined}
        onChange={(event) => onChange(event.target.value)}
      />
      <FieldError id={`${id}-error`} message={errors[errorKey]} />
    </div>
  );

  const resolutionFields = (
    <>
      <div className="field">
        <label htmlFor="action-resolution-code">Resolution code</label>
        <select
          id="action-resolution-code"
          value={resolutionCode}
          autoFocus
          aria-invalid={Boolean(errors.resolutionCode)}
          aria-describedby={errors.resolutionCode ? 'action-resolution-code-error' : undefined}
          onChange={(event) => setResolutionCode(event.target.value)}
        >
          <option value="">Choose…</option>
          {resolutionCodes.map((code) => (
            <option key={code} value={code}>
              {resolutionCodeLabels[code]}
            </option>
          ))}
        </select>
        <FieldError id="action-resolution-code-error" message={errors.resolutionCode} />
      </div>
      {textField('action-resolution-summary', 'Resolution summary', resolutionSummary, setResolutionSummary, 'resolutionSummary', false)}
    </>
  );

  return (
    <Dialog title={`${lifecycleActionLabels[action]} ${incident.reference}`} isOpen onClose={onClose}>
      <form className="form" onSubmit={submit} noValidate>
        {errors.form ? (
          <p className="form-error" role="alert">
            {errors.form}
          </p>
        ) : null}
        {action === 'assign' ? (
          <AssignmentFields
            incident={incident}
            teams={teams}
            people={people}
            profile={profile}
            teamId={teamId}
            onTeamChange={setTeamId}
            personChoice={personChoice}
            onPersonChange={setPersonChoice}
            errors={errors}
          />
        ) : null}
        {action === 'putOnHold' ? textField('action-reason', 'Reason', reason, setReason, 'reason') : null}
        {action === 'reopen' ? textField('action-reason', 'Reason', reason, setReason, 'reason') : null}
        {action === 'resolve' || action === 'close' ? resolutionFields : null}
        {action === 'cancel' ? (
          <>
            <div className="field">
              <label htmlFor="action-cancel-reason">Cancellation reason</label>
              <select
                id="action-cancel-reason"
                value={cancelReason}
                autoFocus
                aria-invalid={Boolean(errors.reason)}
                aria-describedby={errors.reason ? 'action-cancel-reason-error' : undefined}
                onChange={(event) => setCancelReason(event.target.value)}
              >
                <option value="">Choose…</option>
                {cancelReasons.map((value) => (
                  <option key={value} value={value}>
                    {cancelReasonLabels[value]}
                  </option>
                ))}
              </select>
              <FieldError id="action-cancel-reason-error" message={errors.reason} />
            </div>
            {textField('action-cancel-note', 'Note (optional)', note, setNote, 'note', false)}
          </>
        ) : null}
        <div className="form-actions">
          <button type="submit" className={action === 'cancel' ? 'danger' : 'primary'}>
            {submitLabels[action] ?? lifecycleActionLabels[action]}
          </button>
          <button type="button" onClick={onClose}>
            Back
          </button>
        </div>
      </form>
    </Dialog>
  );
}
