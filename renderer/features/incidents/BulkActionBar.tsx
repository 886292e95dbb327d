import { useState, type FormEvent } from 'react';
import { lifecycleActionLabels, type LifecycleActionType } from '../../../shared/domain/lifecycle';
import { applyBulkLifecycleAction, maxBulkIncidents, undoBulkChange, type BulkChangeReceipt } from '../../data/bulkCommands';
import { getDataEnvironment } from '../../data/dataEnvironment';
import { toPersonRef, useProfile } from '../../data/profile';
import { useResponderTeams } from '../../data/teamQueries';
import { useAssigneeOptions } from '../../data/useIncidentList';
import { FieldError } from '../../components/FieldError';
import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import { useUiStore } from '../../state/uiStore';

const bulkStatusActions = ['acknowledge', 'startWork', 'putOnHold', 'resume', 'close'] as const satisfies readonly LifecycleActionType[];
type BulkStatusAction = (typeof bulkStatusActions)[number];

function summarise(receipt: BulkChangeReceipt): string {
  const changed = `${receipt.label}: ${receipt.changed.length} incident${receipt.changed.length === 1 ? '' : 's'} changed`;
  if (receipt.refused.length === 0) return `${changed}.`;
  const examples = receipt.refused.slice(0, 3).map((refusal) => `${refusal.reference} (${refusal.reason})`);
  return `${changed}; ${receipt.refused.length} left as they were: ${examples.join('; ')}${receipt.refused.length > 3 ? '; …' : ''}`;
}

/**
 * Bulk assign and bulk status change for the ticked incidents, with one Undo for the whole
 * change. Shown while something is ticked, or while the last change can still be undone.
 */
/** `shownRows`: the rows the list shows now; their ids are read only when "Select all" is pressed. */
export function BulkActionBar({ shownRows }: { shownRows: readonly { id: string }[] }) {
  const selected = useUiStore((state) => state.selectedIncidentIds);
  const setSelection = useUiStore((state) => state.setIncidentSelection);
  // The last change, while its undo is on offer. Component state: it holds values read from the
  // database, which the UI store must not.
  const [lastChange, setLastChange] = useState<BulkChangeReceipt | null>(null);
  const announce = useUiStore((state) => state.announce);
  const profile = useProfile();
  const people = useAssigneeOptions();
  const teams = useResponderTeams() ?? [];
  const [assigneeId, setAssigneeId] = useState('me');
  const [statusAction, setStatusAction] = useState<BulkStatusAction>('acknowledge');
  const [holdReason, setHoldReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [isBusy, setBusy] = useState(false);

  if (selected.length === 0 && lastChange === null) return null;

  const run = async (action: unknown) => {
    setBusy(true);
    try {
      const result = await applyBulkLifecycleAction(getDataEnvironment(), selected, action);
      if (!result.ok) {
        setErrors(result.errors);
        return;
      }
      setErrors({});
      setHoldReason('');
      setSelection([]);
      setLastChange(result.value.changed.length > 0 ? result.value : null);
      announce(summarise(result.value));
    } finally {
      setBusy(false);
    }
  };

  const assign = (event: FormEvent) => {
    event.preventDefault();
    const team = assigneeId.startsWith('team:') ? teams.find((candidate) => `team:${candidate.id}` === assigneeId) : undefined;
    if (team) {
      void run({ type: 'assign', team: { id: team.id, name: team.name } });
      return;
    }
    const person = assigneeId === 'me' ? (profile ? toPersonRef(profile) : null) : (people.find((candidate) => candidate.id === assigneeId) ?? null);
    if (!person) {
      setErrors({ assignee: 'Choose who to assign to' });
      return;
    }
    void run({ type: 'assign', assignee: person });
  };

  const changeStatus = (event: FormEvent) => {
    event.preventDefault();
    void run(statusAction === 'putOnHold' ? { type: 'putOnHold', reason: holdReason } : { type: statusAction });
  };

  const undo = async () => {
    if (!lastChange) return;
    setBusy(true);
    try {
      const result = await undoBulkChange(getDataEnvironment(), lastChange);
      setLastChange(null);
      if (!result.ok) {
        announce(Object.values(result.errors).join(' '));
        return;
      }
      const { restored, skipped } = result.value;
      announce(`Undone: ${lastChange.label} on ${restored} incident${restored === 1 ? '' : 's'}${skipped.length > 0 ? `; ${skipped.length} kept their newer state` : ''}.`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="bulk-bar" aria-label="Bulk actions">
      {selected.length > 0 ? (
        <>
          <p className="bulk-count">
            {selected.length.toLocaleString()} selected{' '}
            <button type="button" className="link-button" onClick={() => setSelection([])}>
              Clear selection
            </button>{' '}
            {shownRows.length > selected.length ? (
              <button type="button" className="link-button" onClick={() => setSelection(shownRows.slice(0, maxBulkIncidents).map((row) => row.id))}>
                Select all {Math.min(shownRows.length, maxBulkIncidents).toLocaleString()} shown
              </button>
            ) : null}
          </p>
          <form className="bulk-form" onSubmit={assign} aria-label="Bulk assign">
            <SelectField
              className="filter"
              id="bulk-assignee"
              label="Assign to"
              value={assigneeId}
              options={[
                { value: 'me', label: 'Me' },
                ...people.filter((person) => person.id !== profile?.personId).map((person) => ({ value: person.id, label: person.name })),
                // Team ids and person ids come from different places; the prefix keeps them apart.
                ...teams.map((team) => ({ value: `team:${team.id}`, label: `Team: ${team.name}` })),
              ]}
              onChange={setAssigneeId}
              error={errors['assignee']}
            />
            <button type="submit" disabled={isBusy}>
              Assign selected
            </button>
          </form>
          <form className="bulk-form" onSubmit={changeStatus} aria-label="Bulk status change">
            <SelectField
              className="filter"
              id="bulk-status"
              label="Change status"
              value={statusAction}
              options={bulkStatusActions.map((action) => ({ value: action, label: lifecycleActionLabels[action] }))}
              onChange={setStatusAction}
            />
            {statusAction === 'putOnHold' ? <TextField className="filter" id="bulk-hold-reason" label="Hold reason" value={holdReason} onChange={setHoldReason} error={errors['reason']} /> : null}
            <button type="submit" disabled={isBusy}>
              Apply to selected
            </button>
          </form>
          <FieldError id="bulk-error" message={errors['form']} />
        </>
      ) : null}
      {lastChange ? (
        <p className="bulk-undo">
          {lastChange.label} on {lastChange.changed.length.toLocaleString()} incident{lastChange.changed.length === 1 ? '' : 's'}.{' '}
          <button type="button" onClick={() => void undo()} disabled={isBusy}>
            Undo
          </button>{' '}
          <button type="button" className="link-button" onClick={() => setLastChange(null)}>
            Dismiss
          </button>
        </p>
      ) : null}
    </section>
  );
}
