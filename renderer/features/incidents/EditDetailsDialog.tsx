import { useState, type FormEvent } from 'react';
import type { Incident } from '../../../shared/domain/incident';
import { levelLabels, levels } from '../../../shared/domain/priority';
import { categoriesByKind, incidentCategoryLabels } from '../../../shared/domain/taxonomy';
import { tlpMarkings } from '../../../shared/domain/tlp';
import { Dialog } from '../../components/Dialog';
import { FieldError } from '../../components/FieldError';
import { optionsOf, SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import { getDataEnvironment } from '../../data/dataEnvironment';
import { updateIncidentDetails } from '../../data/incidentDetailsCommand';

type EditDetailsDialogProps = { incident: Incident; onClose: () => void };

/** Edits what was known at registration; the change is recorded on the timeline. */
export function EditDetailsDialog({ incident, onClose }: EditDetailsDialogProps) {
  const [draft, setDraft] = useState({
    title: incident.title,
    description: incident.description,
    category: incident.category,
    affectedServices: incident.affectedServices,
    impact: incident.impact,
    urgency: incident.urgency,
    tlp: incident.tlp,
    hasPersonalData: incident.hasPersonalData,
    isMajor: incident.isMajor,
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const change = (patch: Partial<typeof draft>) => setDraft((current) => ({ ...current, ...patch }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // Send only what changed, so an edit never overwrites a field someone else changed meanwhile.
    const edited = Object.fromEntries(Object.entries(draft).filter(([field, value]) => value !== incident[field as keyof typeof draft]));
    const result = await updateIncidentDetails(getDataEnvironment(), incident.id, edited);
    if (!result.ok) {
      setErrors(result.errors);
      return;
    }
    onClose();
  };

  return (
    <Dialog title={`Edit details of ${incident.reference}`} isOpen onClose={onClose} wide>
      <form className="form incident-form" onSubmit={submit} noValidate>
        {errors.form ? (
          <p className="form-error span-2" role="alert">
            {errors.form}
          </p>
        ) : null}
        <TextField className="field span-2" id="edit-title" label="Title" value={draft.title} error={errors.title} onChange={(title) => change({ title })} />
        <div className="field span-2">
          <label htmlFor="edit-description">Description</label>
          <textarea id="edit-description" rows={3} value={draft.description} onChange={(event) => change({ description: event.target.value })} />
          <FieldError id="edit-description-error" message={errors.description} />
        </div>
        <SelectField
          id="edit-category"
          label="Category"
          value={draft.category}
          options={optionsOf(categoriesByKind[incident.kind], incidentCategoryLabels)}
          onChange={(category) => change({ category })}
          error={errors.category}
        />
        <TextField id="edit-services" label="Affected services" value={draft.affectedServices} error={errors.affectedServices} onChange={(affectedServices) => change({ affectedServices })} />
        <SelectField id="edit-impact" label="Impact" value={draft.impact} options={optionsOf(levels, levelLabels)} onChange={(impact) => change({ impact })} />
        <SelectField id="edit-urgency" label="Urgency" value={draft.urgency} options={optionsOf(levels, levelLabels)} onChange={(urgency) => change({ urgency })} />
        <SelectField id="edit-tlp" label="TLP" value={draft.tlp} options={optionsOf(tlpMarkings, (value) => `TLP:${value}`)} onChange={(tlp) => change({ tlp })} />
        <div className="field checkbox-row">
          <label className="checkbox">
            <input type="checkbox" checked={draft.hasPersonalData} onChange={(event) => change({ hasPersonalData: event.target.checked })} />
            Personal data involved
          </label>
          <label className="checkbox">
            <input type="checkbox" checked={draft.isMajor} onChange={(event) => change({ isMajor: event.target.checked })} />
            Major incident
          </label>
        </div>
        <div className="form-actions span-2">
          <button type="submit" className="primary">
            Save details
          </button>
          <button type="button" onClick={onClose}>
            Back
          </button>
        </div>
      </form>
    </Dialog>
  );
}
