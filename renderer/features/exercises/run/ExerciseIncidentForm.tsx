import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { levelLabels, levels, type Level } from '../../../../shared/domain/priority';
import { categoriesByKind, incidentCategories, incidentCategoryLabels, type IncidentCategory } from '../../../../shared/domain/taxonomy';
import { toIso } from '../../../../shared/domain/time';
import { FieldError } from '../../../components/FieldError';
import { optionsOf, SelectField } from '../../../components/SelectField';
import { TextField } from '../../../components/TextField';
import { getDataEnvironment } from '../../../data/dataEnvironment';
import { createExerciseIncident } from '../../../data/exerciseRecordCommands';

/** A short form for players: the incident opens in exercise mode, linked to the run, and the real workflow takes over. */
export function ExerciseIncidentForm({ runId }: { runId: string }) {
  const navigate = useNavigate();
  const [title, setTitle] = useState('');
  const [category, setCategory] = useState<IncidentCategory>('malware');
  const [impact, setImpact] = useState<Level>('medium');
  const [urgency, setUrgency] = useState<Level>('medium');
  const [description, setDescription] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [isSaving, setSaving] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const environment = getDataEnvironment();
    setSaving(true);
    const result = await createExerciseIncident(environment, runId, {
      title,
      description,
      kind: categoriesByKind.security.includes(category) ? 'security' : 'service',
      category,
      affectedServices: '',
      impact,
      urgency,
      detectedAt: toIso(environment.nowMs()),
      startedAt: null,
      tlp: 'AMBER',
      hasPersonalData: false,
      isMajor: false,
      priorityOverride: null,
    });
    setSaving(false);
    if (!result.ok) {
      setErrors(result.errors);
      return;
    }
    void navigate(`/incidents/${result.value.id}`);
  };

  return (
    <section className="card run-section" aria-labelledby="exercise-incident-title">
      <h2 id="exercise-incident-title">Create exercise incident</h2>
      <form className="form" aria-labelledby="exercise-incident-title" onSubmit={(event) => void submit(event)} noValidate>
        {errors.form ? (
          <p className="form-error" role="alert">
            {errors.form}
          </p>
        ) : null}
        <TextField id="exercise-incident-title-field" label="Title" value={title} onChange={setTitle} error={errors.title} maxLength={200} />
        <SelectField id="exercise-incident-category" label="Category" value={category} options={optionsOf(incidentCategories, incidentCategoryLabels)} onChange={setCategory} error={errors.category} />
        <div className="form-row">
          <SelectField id="exercise-incident-impact" label="Impact" value={impact} options={optionsOf(levels, levelLabels)} onChange={setImpact} />
          <SelectField id="exercise-incident-urgency" label="Urgency" value={urgency} options={optionsOf(levels, levelLabels)} onChange={setUrgency} />
        </div>
        <div className="field">
          <label htmlFor="exercise-incident-description">Description</label>
          <textarea
            id="exercise-incident-description"
            rows={3}
            value={description}
            aria-invalid={errors.description ? true : undefined}
            aria-describedby={errors.description ? 'exercise-incident-description-error' : undefined}
            onChange={(event) => setDescription(event.target.value)}
          />
          <FieldError id="exercise-incident-description-error" message={errors.description} />
        </div>
        <p className="form-actions">
          <button type="submit" className="primary" disabled={isSaving}>
            Create exercise incident
          </button>
        </p>
      </form>
    </section>
  );
}
