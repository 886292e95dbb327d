import { Fragment, useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { playbookLimits, type Playbook } from '../../../shared/domain/playbook';
import type { PersonRef } from '../../../shared/domain/people';
import { categoriesByKind, incidentCategoryLabels, incidentKindLabels, incidentKinds } from '../../../shared/domain/taxonomy';
import { FieldError } from '../../components/FieldError';
import { TextField } from '../../components/TextField';
import { getDataEnvironment, type CommandResult } from '../../data/dataEnvironment';
import { createPlaybook, editPlaybookVersion } from '../../data/playbookCommands';
import { useKnownPeople } from '../../data/teamQueries';
import { useUiStore } from '../../state/uiStore';
import {
  addActionStep,
  addDecisionStep,
  contentToForm,
  describeErrorField,
  editorFieldIds,
  emptyPlaybookForm,
  errorsOfStep,
  fieldElementId,
  formToContent,
  moveStep,
  phaseHeadingBefore,
  removeStep,
  replaceStep,
  setCategory,
  setKind,
  stepGroupId,
  stepName,
  type PlaybookForm,
  type StepForm,
} from './playbookForm';
import { PlaybookStepEditor } from './PlaybookStepEditor';

type PlaybookEditorProps = {
  /** The version being edited; null for a new playbook. */
  source: Playbook | null;
  me: PersonRef;
};

function describeStepForAnnouncement(step: StepForm): string {
  const text = (step.kind === 'decision' ? step.question : step.title).trim();
  return text ? `"${text}"` : 'The untitled step';
}

/** Gives focus to an element by id; a container (fieldset, group) passes it to its first field. */
function focusElement(elementId: string): boolean {
  const element = document.getElementById(elementId);
  if (!element) return false;
  const target = element.matches('input, select, textarea, button, [tabindex]') ? element : element.querySelector<HTMLElement>('input, select, textarea, button');
  target?.focus();
  return target !== null && document.activeElement === target;
}

/**
 * The playbook editor. Nothing is written until Save draft, and then only through the create or
 * edit command, which validates the whole playbook: on any error nothing is saved and each message
 * is shown beside its field and in a summary at the top.
 */
export function PlaybookEditor({ source, me }: PlaybookEditorProps) {
  const navigate = useNavigate();
  const announce = useUiStore((state) => state.announce);
  const people = useKnownPeople();
  const [form, setForm] = useState<PlaybookForm>(() => (source ? contentToForm(source) : emptyPlaybookForm(me)));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [isSaving, setIsSaving] = useState(false);
  const [dragIndex, setDragIndex] = useState<number | null>(null);
  const [dropIndex, setDropIndex] = useState<number | null>(null);
  const pendingFocus = useRef<string | null>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const [summaryFocusRequest, setSummaryFocusRequest] = useState(0);

  // After a move React may have moved the focused element in the DOM, which drops focus; give it back.
  useEffect(() => {
    const elementId = pendingFocus.current;
    if (elementId === null) return;
    pendingFocus.current = null;
    if (!focusElement(elementId)) {
      const groupId = elementId.replace(/-(up|down)$/, '-group');
      document.getElementById(groupId)?.focus();
    }
  }, [form.steps]);

  useEffect(() => {
    if (summaryFocusRequest > 0) summaryRef.current?.focus();
  }, [summaryFocusRequest]);

  const setSteps = (steps: StepForm[]) => setForm((current) => ({ ...current, steps }));

  const move = (from: number, to: number, focusId: string) => {
    const step = form.steps[from];
    if (!step || to < 0 || to >= form.steps.length || from === to) return;
    pendingFocus.current = focusId;
    setSteps(moveStep(form.steps, from, to));
    // Errors are keyed by position; after a move they would sit on the wrong steps.
    setErrors({});
    announce(`${describeStepForAnnouncement(step)} moved ${to < from ? 'up' : 'down'}: now ${stepName(step, to).toLowerCase()} of ${form.steps.length}.`);
  };

  const remove = (index: number) => {
    const step = form.steps[index];
    if (!step) return;
    const next = removeStep(form.steps, index);
    const neighbour = next[Math.min(index, next.length - 1)];
    pendingFocus.current = neighbour ? stepGroupId(neighbour) : 'playbook-add-step';
    setSteps(next);
    setErrors({});
    announce(`${describeStepForAnnouncement(step)} removed.`);
  };

  const add = (kind: 'action' | 'decision') => {
    const next = kind === 'action' ? addActionStep(form.steps) : addDecisionStep(form.steps);
    const added = next.at(-1)!;
    pendingFocus.current = `${added.id}-${kind === 'action' ? 'title' : 'question'}`;
    setSteps(next);
  };

  const drop = (stepId: string, to: number) => {
    const from = form.steps.findIndex((step) => step.id === stepId);
    if (from !== -1 && from !== to) move(from, to, stepGroupId(form.steps[from]!));
    setDragIndex(null);
    setDropIndex(null);
  };

  const save = async () => {
    const mapped = formToContent(form);
    let result: CommandResult<Playbook>;
    if (!mapped.ok) {
      result = mapped;
    } else {
      setIsSaving(true);
      try {
        result = source ? await editPlaybookVersion(getDataEnvironment(), source.id, mapped.content) : await createPlaybook(getDataEnvironment(), mapped.content);
      } catch (error) {
        result = { ok: false, errors: { form: `Saving failed: ${error instanceof Error ? error.message : String(error)}. Nothing was saved.` } };
      } finally {
        setIsSaving(false);
      }
    }
    if (!result.ok) {
      setErrors(result.errors);
      setSummaryFocusRequest((count) => count + 1);
      return;
    }
    setErrors({});
    const saved = result.value;
    announce(source && source.id !== saved.id ? `Saved as draft version ${saved.version}; version ${source.version} stays approved.` : `Draft version ${saved.version} saved.`);
    void navigate(`/playbooks/${saved.id}`);
  };

  const cancel = () => void navigate(source ? `/playbooks/${source.id}` : '/playbooks');

  const ownerOptions = [form.owner, ...people.filter((person) => person.id !== form.owner.id)];
  const categoryChoices = incidentKinds.filter((kind) => form.kinds.includes(kind)).flatMap((kind) => categoriesByKind[kind]);
  const errorEntries = Object.entries(errors);
  const categoryError = Object.entries(errors).find(([field]) => field === 'categories' || field.startsWith('categories.'))?.[1];
  const isNewVersion = source?.status === 'approved';

  return (
    <form className="playbook-editor" aria-labelledby="playbook-editor-title" noValidate onSubmit={(event) => event.preventDefault()}>
      <h1 id="playbook-editor-title">{source ? (isNewVersion ? `Edit as new draft: ${source.name}` : `Edit draft: ${source.name}`) : 'New playbook'}</h1>
      {isNewVersion ? (
        <p className="read-only-note">
          Saving creates draft version {source.version + 1}. Version {source.version} stays approved and in use until a lead approves the new draft.
        </p>
      ) : null}
      {source?.status === 'draft' ? <p className="muted">Draft version {source.version}: saving changes it in place.</p> : null}

      <div ref={summaryRef} tabIndex={-1} className="error-summary-holder">
        {errorEntries.length > 0 ? (
          <div role="alert" className="error-summary">
            <p>
              <strong>Nothing was saved.</strong> Fix {errorEntries.length === 1 ? 'this problem' : `these ${errorEntries.length} problems`} and save again:
            </p>
            <ul>
              {errorEntries.map(([field, message]) => (
                <li key={field}>
                  <button type="button" className="link-button" onClick={() => focusElement(fieldElementId(field, form.steps))}>
                    {describeErrorField(field, form.steps)}
                  </button>
                  : {message}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </div>

      <section className="card editor-details" aria-labelledby="playbook-details-title">
        <h2 id="playbook-details-title">About the playbook</h2>
        <TextField id={editorFieldIds.name} label="Name" value={form.name} maxLength={playbookLimits.nameLength} onChange={(name) => setForm({ ...form, name })} error={errors['name']} />
        <div className="field">
          <label htmlFor={editorFieldIds.summary}>Summary</label>
          <textarea
            id={editorFieldIds.summary}
            rows={3}
            value={form.summary}
            aria-invalid={errors['summary'] ? true : undefined}
            aria-describedby={errors['summary'] ? `${editorFieldIds.summary}-error` : undefined}
            onChange={(event) => setForm({ ...form, summary: event.target.value })}
          />
          <FieldError id={`${editorFieldIds.summary}-error`} message={errors['summary']} />
        </div>
        <fieldset id={editorFieldIds.kinds} className="checkbox-group" aria-describedby={errors['kinds'] ? `${editorFieldIds.kinds}-error` : undefined}>
          <legend>Kinds of incident</legend>
          {incidentKinds.map((kind) => (
            <label key={kind} className="checkbox">
              <input type="checkbox" checked={form.kinds.includes(kind)} onChange={(event) => setForm(setKind(form, kind, event.target.checked))} />
              {incidentKindLabels[kind]}
            </label>
          ))}
        </fieldset>
        <FieldError id={`${editorFieldIds.kinds}-error`} message={errors['kinds']} />
        <fieldset id={editorFieldIds.categories} className="checkbox-group" aria-describedby={`${editorFieldIds.categories}-hint`}>
          <legend>Categories</legend>
          {categoryChoices.length === 0 ? <span className="hint">Choose a kind of incident to see its categories.</span> : null}
          {categoryChoices.map((category) => (
            <label key={category} className="checkbox">
              <input type="checkbox" checked={form.categories.includes(category)} onChange={(event) => setForm(setCategory(form, category, event.target.checked))} />
              {incidentCategoryLabels[category]}
            </label>
          ))}
        </fieldset>
        <p id={`${editorFieldIds.categories}-hint`} className="hint">
          Leave every category unticked for a general playbook, offered after the ones made for an incident&apos;s category.
        </p>
        <FieldError id={`${editorFieldIds.categories}-error`} message={categoryError} />
        <div className="field">
          <label htmlFor={editorFieldIds.owner}>Owner</label>
          <select
            id={editorFieldIds.owner}
            value={form.owner.id}
            onChange={(event) => {
              const owner = ownerOptions.find((person) => person.id === event.target.value);
              if (owner) setForm({ ...form, owner });
            }}
          >
            {ownerOptions.map((person) => (
              <option key={person.id} value={person.id}>
                {person.name}
                {person.id === me.id ? ' (you)' : ''}
              </option>
            ))}
          </select>
        </div>
      </section>

      <section className="editor-steps" aria-labelledby={editorFieldIds.steps}>
        <h2 id={editorFieldIds.steps} tabIndex={-1}>
          Steps
        </h2>
        <p className="hint">
          Steps are listed in the order they are worked; a phase heading appears where the phase changes. Move a step with its buttons, with Alt+Arrow
          Up or Down while focus is in it, or by dragging its handle onto another step&apos;s place. A step&apos;s phase comes from its Phase field.
        </p>
        <FieldError id={`${editorFieldIds.steps}-error`} message={errors['steps']} />
        {form.steps.length === 0 ? <p className="list-empty">No steps yet. Add a step, or a question whose answers add steps.</p> : null}
        {form.steps.map((step, index) => {
          const heading = phaseHeadingBefore(form.steps, index);
          return (
            <Fragment key={step.id}>
              {heading ? <h3 className="editor-phase-heading">{heading}</h3> : null}
              <PlaybookStepEditor
                step={step}
                index={index}
                steps={form.steps}
                errors={errorsOfStep(errors, index)}
                onChange={(changed) => setSteps(replaceStep(form.steps, index, changed))}
                onMove={move}
                onRemove={remove}
                isDropTarget={dropIndex === index && dragIndex !== index}
                onDragStart={setDragIndex}
                onDragEnter={setDropIndex}
                onDragEnd={() => {
                  setDragIndex(null);
                  setDropIndex(null);
                }}
                onDrop={drop}
              />
            </Fragment>
          );
        })}
        <div className="form-actions">
          <button type="button" id="playbook-add-step" onClick={() => add('action')} disabled={form.steps.length >= playbookLimits.steps}>
            Add step
          </button>
          <button type="button" onClick={() => add('decision')} disabled={form.steps.length >= playbookLimits.steps}>
            Add question
          </button>
        </div>
      </section>

      <div className="form-actions editor-footer">
        <button type="button" className="primary" onClick={() => void save()} disabled={isSaving}>
          Save draft
        </button>
        <button type="button" onClick={cancel}>
          Cancel
        </button>
        {errorEntries.length > 0 ? <p className="form-error">Not saved: see the problems listed at the top.</p> : null}
      </div>
    </form>
  );
}
