import { useMemo, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { scenarioDifficulties, scenarioDifficultyLabels } from '../../../shared/domain/exerciseScenario';
import type { ScenarioRecord } from '../../../shared/domain/exerciseRecords';
import { FieldError } from '../../components/FieldError';
import { optionsOf, SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import { getDataEnvironment } from '../../data/dataEnvironment';
import { createScenario, editScenario } from '../../data/exerciseScenarioCommands';
import { usePlaybookLibrary } from '../../data/playbookQueries';
import { useUiStore } from '../../state/uiStore';
import { InjectEditor } from './InjectEditor';
import { addInject, addObjective, emptyScenarioForm, formToScenarioInput, removeInject, removeObjective, scenarioToForm, type ScenarioForm } from './scenarioForm';

const difficultyOptions = optionsOf(scenarioDifficulties, scenarioDifficultyLabels);

/** The scenario editor. Saving an existing scenario makes its next version; on any error nothing is saved. */
export function ScenarioEditor({ source }: { source: ScenarioRecord | null }) {
  const navigate = useNavigate();
  const announce = useUiStore((state) => state.announce);
  const playbooks = usePlaybookLibrary();
  const [form, setForm] = useState<ScenarioForm>(() => (source ? scenarioToForm(source) : emptyScenarioForm()));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [isBusy, setIsBusy] = useState(false);

  const playbookChoices = useMemo(() => {
    const known = (playbooks ?? []).map((playbook) => ({ lineageId: playbook.lineageId, name: playbook.name }));
    const unknown = form.linkedPlaybookLineageIds.filter((id) => !known.some((playbook) => playbook.lineageId === id)).map((id) => ({ lineageId: id, name: `A playbook not on this device (${id})` }));
    return [...known, ...unknown];
  }, [playbooks, form.linkedPlaybookLineageIds]);

  const update = (patch: Partial<ScenarioForm>) => setForm((current) => ({ ...current, ...patch }));

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const mapped = formToScenarioInput(form);
    if (!mapped.ok) {
      setErrors(mapped.errors);
      return;
    }
    setIsBusy(true);
    try {
      const environment = getDataEnvironment();
      const result = source ? await editScenario(environment, source.id, mapped.value) : await createScenario(environment, mapped.value);
      if (!result.ok) {
        setErrors(result.errors);
        return;
      }
      announce(source ? `Saved ${result.value.title} as version ${result.value.version}.` : `Created ${result.value.title}.`);
      void navigate(`/exercises/scenarios/${result.value.id}`, { replace: true });
    } catch (error) {
      setErrors({ form: `The scenario was not saved: ${error instanceof Error ? error.message : String(error)}.` });
    } finally {
      setIsBusy(false);
    }
  };

  const errorList = Object.entries(errors);
  return (
    <form className="form scenario-editor" onSubmit={(event) => void save(event)} noValidate aria-labelledby="scenario-editor-title">
      <h1 id="scenario-editor-title">{source ? `Edit ${source.title}` : 'New scenario'}</h1>
      {source ? <p className="muted">Saving makes version {source.version + 1}; runs already made keep the version they were made from.</p> : null}
      {errorList.length > 0 ? (
        <div role="alert" className="form-error">
          <p>The scenario was not saved. Fix {errorList.length === 1 ? 'this problem' : `these ${errorList.length} problems`}:</p>
          <ul aria-label="Problems to fix">
            {errorList.map(([field, message]) => (
              <li key={field}>{message}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <TextField id="scenario-title-field" label="Title" value={form.title} onChange={(title) => update({ title })} error={errors.title} />
      <TextField id="scenario-audience" label="Audience" value={form.audience} onChange={(audience) => update({ audience })} error={errors.audience} />
      <SelectField id="scenario-difficulty" label="Difficulty" value={form.difficulty} options={difficultyOptions} onChange={(difficulty) => update({ difficulty })} error={errors.difficulty} />
      <TextField id="scenario-duration" label="Duration in minutes" value={form.durationMinutes} onChange={(durationMinutes) => update({ durationMinutes })} error={errors.durationMinutes} inputMode="numeric" />
      <div className="field">
        <label htmlFor="scenario-narrative">Narrative</label>
        <textarea id="scenario-narrative" rows={6} value={form.narrative} onChange={(event) => update({ narrative: event.target.value })} aria-invalid={errors.narrative ? true : undefined} />
        <FieldError id="scenario-narrative-error" message={errors.narrative} />
      </div>

      <fieldset className="field">
        <legend>Objectives</legend>
        {form.objectives.map((objective, index) => (
          <div key={objective.id} className="row-line">
            <TextField
              id={`objective-${index}`}
              label={`Objective ${index + 1}`}
              value={objective.text}
              onChange={(text) => update({ objectives: form.objectives.map((candidate, position) => (position === index ? { ...candidate, text } : candidate)) })}
              error={errors[`objectives.${index}.text`] ?? errors[`objectives.${index}.id`]}
            />
            <button type="button" className="small" onClick={() => setForm(removeObjective(form, index))}>
              Remove objective {index + 1}
            </button>
          </div>
        ))}
        <button type="button" onClick={() => setForm(addObjective(form))}>
          Add objective
        </button>
      </fieldset>

      <fieldset className="field">
        <legend>Linked playbooks</legend>
        {playbookChoices.length === 0 ? <p className="muted">No playbooks on this device yet.</p> : null}
        {playbookChoices.map((playbook) => (
          <label key={playbook.lineageId} className="checkbox">
            <input
              type="checkbox"
              checked={form.linkedPlaybookLineageIds.includes(playbook.lineageId)}
              onChange={(event) =>
                update({
                  linkedPlaybookLineageIds: event.target.checked
                    ? [...form.linkedPlaybookLineageIds, playbook.lineageId]
                    : form.linkedPlaybookLineageIds.filter((id) => id !== playbook.lineageId),
                })
              }
            />
            {playbook.name}
          </label>
        ))}
      </fieldset>

      <section aria-labelledby="injects-editor-title">
        <h2 id="injects-editor-title">Injects</h2>
        {form.injects.map((inject, index) => (
          <InjectEditor key={inject.id} form={form} index={index} errors={errors} playbooks={playbookChoices} onChange={setForm} onRemove={() => setForm(removeInject(form, index))} />
        ))}
        <button type="button" onClick={() => setForm(addInject(form))}>
          Add inject
        </button>
      </section>

      <div className="form-actions">
        <button type="submit" className="primary" disabled={isBusy}>
          Save scenario
        </button>
        <Link to={source ? `/exercises/scenarios/${source.id}` : '/exercises'}>Cancel</Link>
      </div>
    </form>
  );
}
