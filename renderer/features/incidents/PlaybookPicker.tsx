import { useState, type FormEvent } from 'react';
import type { Incident } from '../../../shared/domain/incident';
import type { Playbook } from '../../../shared/domain/playbook';
import { incidentCategoryLabels, incidentKindLabels } from '../../../shared/domain/taxonomy';

type PlaybookPickerProps = {
  incident: Pick<Incident, 'id' | 'kind' | 'category'>;
  /** Approved playbooks for the incident's category, then general ones for its kind; undefined while loading. */
  suggestions: Playbook[] | undefined;
  /** Every approved playbook, so any procedure can be used when none is suggested. */
  approved: Playbook[] | undefined;
  /** Lineages already applied to the incident: their suggestion says so instead of offering a button. */
  appliedLineageIds: ReadonlySet<string>;
  canApply: boolean;
  /** Says why applying is not allowed (the profile role), when it is not. */
  disabledReasonId: string | undefined;
  onApply: (playbookId: string, name: string) => void;
  onInvalid: (message: string) => void;
};

/** Chooses a playbook to apply: a suggested one in one click, or any approved one from a list. */
export function PlaybookPicker({ incident, suggestions, approved, appliedLineageIds, canApply, disabledReasonId, onApply, onInvalid }: PlaybookPickerProps) {
  const [selectedId, setSelectedId] = useState('');
  const selectId = `other-playbook-${incident.id}`;

  const applySelected = (event: FormEvent) => {
    event.preventDefault();
    const selected = approved?.find((playbook) => playbook.id === selectedId);
    if (!selected) {
      onInvalid('Choose a playbook in "Other playbook" first.');
      return;
    }
    onApply(selected.id, selected.name);
  };

  return (
    <div className="playbook-picker">
      <h3 id={`suggested-playbooks-${incident.id}`}>Suggested playbooks</h3>
      {suggestions === undefined ? null : suggestions.length === 0 ? (
        <p className="muted">
          No approved playbook is made for {incidentCategoryLabels[incident.category].toLowerCase()} or for {incidentKindLabels[incident.kind].toLowerCase()} incidents
          in general. Choose any playbook below, or write one in the Playbooks library.
        </p>
      ) : (
        <ul className="suggested-playbooks" aria-labelledby={`suggested-playbooks-${incident.id}`}>
          {suggestions.map((playbook) => (
            <li key={playbook.id}>
              <div>
                <strong>{playbook.name}</strong> <span className="muted small-text">version {playbook.version}</span>
                <p className="muted small-text">
                  {playbook.categories.includes(incident.category)
                    ? `Made for ${incidentCategoryLabels[incident.category].toLowerCase()}`
                    : `General ${incidentKindLabels[incident.kind].toLowerCase()} playbook`}
                  {`, ${playbook.steps.length} ${playbook.steps.length === 1 ? 'step' : 'steps'}`}
                </p>
              </div>
              {appliedLineageIds.has(playbook.lineageId) ? (
                <span className="muted small-text">Applied</span>
              ) : (
                <button type="button" disabled={!canApply} aria-describedby={disabledReasonId} onClick={() => onApply(playbook.id, playbook.name)}>
                  Apply {playbook.name}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <form className="form-row other-playbook" onSubmit={applySelected} noValidate>
        <div className="field">
          <label htmlFor={selectId}>Other playbook</label>
          <select id={selectId} value={selectedId} disabled={!canApply} aria-describedby={disabledReasonId} onChange={(event) => setSelectedId(event.target.value)}>
            <option value="">Choose a playbook…</option>
            {approved?.map((playbook) => (
              <option key={playbook.id} value={playbook.id}>
                {`${playbook.name} (version ${playbook.version})`}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" disabled={!canApply} aria-describedby={disabledReasonId}>
          Apply selected playbook
        </button>
      </form>
    </div>
  );
}
