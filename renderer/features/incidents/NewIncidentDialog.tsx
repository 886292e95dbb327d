import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { tlpMarkings, type TlpMarking } from '../../../shared/domain/tlp';
import { categoriesByKind, incidentCategoryLabels, incidentKindLabels, incidentKinds, type IncidentCategory, type IncidentKind } from '../../../shared/domain/taxonomy';
import { validateNewIncident } from '../../../shared/domain/incident';
import { effectivePriority, levelLabels, levels, priorities, priorityLabels, type Level, type Priority } from '../../../shared/domain/priority';
import { Dialog } from '../../components/Dialog';
import { FieldError } from '../../components/FieldError';
import { fromDateTimeInputValue, toDateTimeInputValue } from '../../components/formatTime';
import { useDisplayPreferences } from '../../components/DisplayPreferencesContext';
import { PriorityBadge } from '../../components/PriorityBadge';
import { optionsOf, SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import { getDataEnvironment } from '../../data/dataEnvironment';
import { createIncident } from '../../data/incidentCommands';
import { useSetting } from '../../data/settingsData';
import { useUiStore } from '../../state/uiStore';

/** The draft survives Esc and closing; it is cleared only when the incident is created. */
export function NewIncidentDialog() {
  const isOpen = useUiStore((state) => state.isNewIncidentOpen);
  const setOpen = useUiStore((state) => state.setNewIncidentOpen);
  const [draftNumber, setDraftNumber] = useState(0);
  return (
    <Dialog title="New incident" isOpen={isOpen} onClose={() => setOpen(false)} wide keepsDraft>
      <NewIncidentForm
        key={draftNumber}
        onDone={() => {
          setOpen(false);
          setDraftNumber((number) => number + 1);
        }}
      />
    </Dialog>
  );
}

function NewIncidentForm({ onDone }: { onDone: () => void }) {
  const { timeZone } = useDisplayPreferences();
  const matrix = useSetting('priorityMatrix');
  const navigate = useNavigate();
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [kind, setKind] = useState<IncidentKind>('security');
  const [category, setCategory] = useState<IncidentCategory>('malware');
  const [affectedServices, setAffectedServices] = useState('');
  const [impact, setImpact] = useState<Level>('medium');
  const [urgency, setUrgency] = useState<Level>('medium');
  const [detectedAt, setDetectedAt] = useState(() => toDateTimeInputValue(new Date().toISOString(), timeZone));
  const [startedAt, setStartedAt] = useState('');
  const [tlp, setTlp] = useState<TlpMarking>('AMBER');
  const [hasPersonalData, setHasPersonalData] = useState(false);
  const [isMajor, setIsMajor] = useState(false);
  const [isExercise, setIsExercise] = useState(false);
  const [isOverriding, setIsOverriding] = useState(false);
  const [overridePriority, setOverridePriority] = useState<Priority>('P1');
  const [justification, setJustification] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [isSaving, setIsSaving] = useState(false);

  const priority = effectivePriority(matrix, impact, urgency, isOverriding ? { priority: overridePriority, justification } : null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const detectedIso = fromDateTimeInputValue(detectedAt, timeZone);
    const startedIso = startedAt === '' ? null : fromDateTimeInputValue(startedAt, timeZone);
    const input = {
      title,
      description,
      kind,
      category,
      affectedServices,
      impact,
      urgency,
      detectedAt: detectedIso,
      startedAt: startedIso,
      tlp,
      hasPersonalData,
      isMajor,
      priorityOverride: isOverriding ? { priority: overridePriority, justification } : null,
      mode: isExercise ? 'exercise' : 'live',
    };
    // Show every problem at once: the date fields' own errors together with the domain's.
    const dateErrors: Record<string, string> = {};
    if (!detectedIso) dateErrors.detectedAt = 'Enter when the incident was detected';
    if (startedAt !== '' && !startedIso) dateErrors.startedAt = 'Enter a valid date and time, or leave it empty';
    if (Object.keys(dateErrors).length > 0) {
      const placeholderNow = new Date().toISOString();
      const rest = validateNewIncident({ ...input, detectedAt: detectedIso ?? placeholderNow, startedAt: startedIso === null && startedAt !== '' ? null : startedIso }, Date.now());
      setErrors({ ...(rest.ok ? {} : rest.errors), ...dateErrors });
      return;
    }
    setIsSaving(true);
    const result = await createIncident(getDataEnvironment(), input);
    setIsSaving(false);
    if (!result.ok) {
      setErrors(result.errors);
      return;
    }
    onDone();
    void navigate(`/incidents/${result.value.id}`);
  };

  const describedBy = (field: string) => (errors[field] ? `new-incident-${field}-error` : undefined);
  const overrideError = errors['priorityOverride.justification'] ?? errors.priorityOverride;

  return (
    <form className="form incident-form" onSubmit={submit} noValidate>
      {errors.form ? (
        <p className="form-error" role="alert">
          {errors.form}
        </p>
      ) : null}
      <TextField className="field span-2" id="new-incident-title" label="Title" value={title} maxLength={400} error={errors.title} onChange={setTitle} />
      <div className="field span-2">
        <label htmlFor="new-incident-description">Description</label>
        <textarea
          id="new-incident-description"
          rows={3}
          value={description}
          aria-invalid={Boolean(errors.description)}
          aria-describedby={describedBy('description')}
          onChange={(event) => setDescription(event.target.value)}
        />
        <FieldError id="new-incident-description-error" message={errors.description} />
      </div>
      <SelectField
        id="new-incident-kind"
        label="Kind"
        value={kind}
        options={optionsOf(incidentKinds, incidentKindLabels)}
        onChange={(nextKind) => {
          setKind(nextKind);
          setCategory(categoriesByKind[nextKind][0]!);
        }}
      />
      <SelectField
        id="new-incident-category"
        label="Category"
        value={category}
        options={optionsOf(categoriesByKind[kind], incidentCategoryLabels)}
        onChange={setCategory}
        error={errors.category}
      />
      <SelectField id="new-incident-impact" label="Impact" value={impact} options={optionsOf(levels, levelLabels)} onChange={setImpact} />
      <SelectField id="new-incident-urgency" label="Urgency" value={urgency} options={optionsOf(levels, levelLabels)} onChange={setUrgency} />
      <div className="field span-2 priority-preview">
        <span id="new-incident-priority-label">Derived priority</span>
        <output aria-labelledby="new-incident-priority-label" aria-live="polite" data-testid="derived-priority">
          <span aria-hidden="true">
            <PriorityBadge priority={priority} />
          </span>{' '}
          {priorityLabels[priority]}
          {isOverriding ? ' (override)' : ' (from impact and urgency)'}
        </output>
        <label className="checkbox">
          <input type="checkbox" checked={isOverriding} onChange={(event) => setIsOverriding(event.target.checked)} />
          Override priority
        </label>
      </div>
      {isOverriding ? (
        <>
          <SelectField
            id="new-incident-override"
            label="Override priority to"
            value={overridePriority}
            options={optionsOf(priorities, priorityLabels)}
            onChange={setOverridePriority}
          />
          <div className="field">
            <label htmlFor="new-incident-justification">Override justification</label>
            <textarea
              id="new-incident-justification"
              rows={2}
              value={justification}
              aria-invalid={Boolean(overrideError)}
              aria-describedby={overrideError ? 'new-incident-justification-error' : undefined}
              onChange={(event) => setJustification(event.target.value)}
            />
            <FieldError id="new-incident-justification-error" message={overrideError} />
          </div>
        </>
      ) : null}
      <div className="field">
        <label htmlFor="new-incident-detected">Detected at</label>
        <input
          id="new-incident-detected"
          type="datetime-local"
          value={detectedAt}
          aria-invalid={Boolean(errors.detectedAt)}
          aria-describedby={describedBy('detectedAt')}
          onChange={(event) => setDetectedAt(event.target.value)}
        />
        <span className="hint">{timeZone === 'utc' ? 'UTC' : 'Local time'}</span>
        <FieldError id="new-incident-detectedAt-error" message={errors.detectedAt} />
      </div>
      <div className="field">
        <label htmlFor="new-incident-started">Started at (if known)</label>
        <input
          id="new-incident-started"
          type="datetime-local"
          value={startedAt}
          aria-invalid={Boolean(errors.startedAt)}
          aria-describedby={describedBy('startedAt')}
          onChange={(event) => setStartedAt(event.target.value)}
        />
        <FieldError id="new-incident-startedAt-error" message={errors.startedAt} />
      </div>
      <SelectField id="new-incident-tlp" label="TLP" value={tlp} options={optionsOf(tlpMarkings, (value) => `TLP:${value}`)} onChange={setTlp} />
      <TextField id="new-incident-services" label="Affected services" value={affectedServices} error={errors.affectedServices} onChange={setAffectedServices} />
      <div className="field span-2 checkbox-row">
        <label className="checkbox">
          <input type="checkbox" checked={hasPersonalData} onChange={(event) => setHasPersonalData(event.target.checked)} />
          Personal data involved
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={isMajor} onChange={(event) => setIsMajor(event.target.checked)} />
          Major incident
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={isExercise} onChange={(event) => setIsExercise(event.target.checked)} />
          Exercise (not a real incident)
        </label>
      </div>
      <div className="form-actions span-2">
        <button type="submit" className="primary" disabled={isSaving}>
          Create incident
        </button>
      </div>
    </form>
  );
}
