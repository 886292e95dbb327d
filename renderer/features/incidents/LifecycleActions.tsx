import { useState } from 'react';
import type { Incident } from '../../../shared/domain/incident';
import { canTakeAction, lifecycleActionLabels, type LifecycleActionType } from '../../../shared/domain/lifecycle';
import { getDataEnvironment } from '../../data/dataEnvironment';
import { takeLifecycleAction } from '../../data/incidentCommands';
import { useUiStore } from '../../state/uiStore';
import { EscalateDialog } from './EscalateDialog';
import { LifecycleActionDialog } from './LifecycleActionDialog';

/** The order buttons appear in; each is enabled only where the lifecycle allows it. */
const actionOrder: LifecycleActionType[] = [
  'acknowledge',
  'assign',
  'startWork',
  'markContained',
  'putOnHold',
  'resume',
  'resolve',
  'close',
  'reopen',
  'escalate',
  'cancel',
];

/** Actions that need more from the user open a dialog; the rest happen at once. */
function needsDialog(type: LifecycleActionType, incident: Incident): boolean {
  if (type === 'close') return !incident.resolutionCode || !incident.resolutionSummary;
  return ['assign', 'putOnHold', 'resolve', 'reopen', 'cancel', 'escalate'].includes(type);
}

export function LifecycleActions({ incident }: { incident: Incident }) {
  const [openAction, setOpenAction] = useState<LifecycleActionType | null>(null);
  const [error, setError] = useState('');
  // The "e" shortcut opens Escalate from anywhere on the incident page, through the UI store.
  const isEscalateRequested = useUiStore((state) => state.escalateDialogIncidentId === incident.id);
  const setEscalateDialogIncidentId = useUiStore((state) => state.setEscalateDialogIncidentId);
  const isEscalateOpen = openAction === 'escalate' || isEscalateRequested;
  const closeDialog = () => {
    setOpenAction(null);
    setEscalateDialogIncidentId(null);
  };

  const run = async (type: LifecycleActionType) => {
    if (needsDialog(type, incident)) {
      setOpenAction(type);
      return;
    }
    const result = await takeLifecycleAction(getDataEnvironment(), incident.id, { type });
    setError(result.ok ? '' : Object.values(result.errors).join(' '));
  };

  return (
    <div className="lifecycle-actions" role="toolbar" aria-label="Incident actions">
      {actionOrder.map((type) => {
        const isAllowed = canTakeAction(incident, type);
        return (
          <button
            key={type}
            type="button"
            className={type === 'cancel' ? 'danger-outline' : undefined}
            disabled={!isAllowed}
            aria-keyshortcuts={type === 'escalate' ? 'e' : type === 'assign' ? 'a' : undefined}
            onClick={() => void run(type)}
          >
            {lifecycleActionLabels[type]}
          </button>
        );
      })}
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      {openAction && openAction !== 'escalate' ? <LifecycleActionDialog incident={incident} action={openAction} onClose={closeDialog} /> : null}
      {isEscalateOpen ? <EscalateDialog incident={incident} onClose={closeDialog} /> : null}
    </div>
  );
}
