import { injectChannelLabels, injectChannels } from '../../../shared/domain/exerciseScenario';
import { FieldError } from '../../components/FieldError';
import { optionsOf, SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import { ExpectedActionEditor } from './ExpectedActionEditor';
import { addExpectedAction, removeExpectedAction, updateInject, type ReleaseKind, type ScenarioForm } from './scenarioForm';

type InjectEditorProps = {
  form: ScenarioForm;
  index: number;
  errors: Record<string, string>;
  playbooks: readonly { lineageId: string; name: string }[];
  onChange: (form: ScenarioForm) => void;
  onRemove: () => void;
};

const channelOptions = optionsOf(injectChannels, injectChannelLabels);
const releaseOptions: { value: ReleaseKind; label: string }[] = [
  { value: 'offset', label: 'At a time' },
  { value: 'manual', label: 'Manual' },
  { value: 'after', label: 'After another inject' },
];

/** One inject of the editor, a group named "Inject N", with its expected actions. */
export function InjectEditor({ form, index, errors, playbooks, onChange, onRemove }: InjectEditorProps) {
  const inject = form.injects[index]!;
  const number = index + 1;
  const path = `injects.${index}`;
  const id = `inject-${index}`;
  const set = (patch: Parameters<typeof updateInject>[2]) => onChange(updateInject(form, index, patch));
  const others = form.injects.filter((candidate) => candidate.id !== inject.id);
  const afterOptions = [{ value: '', label: 'Choose an inject' }, ...others.map((candidate) => ({ value: candidate.id, label: `#${candidate.mselNumber} ${candidate.title || '(untitled)'}` }))];

  return (
    <fieldset className="inject-editor card" aria-label={`Inject ${number}`}>
      <legend>Inject {number}</legend>
      <TextField id={`${id}-msel`} label="MSEL number" value={inject.mselNumber} onChange={(mselNumber) => set({ mselNumber })} error={errors[`${path}.mselNumber`] ?? errors[`${path}.id`]} inputMode="numeric" />
      <SelectField id={`${id}-release`} label="Release" value={inject.releaseKind} options={releaseOptions} onChange={(releaseKind) => set({ releaseKind, releaseMinutes: inject.releaseMinutes || '0' })} />
      {inject.releaseKind === 'offset' ? (
        <TextField id={`${id}-minutes`} label="Minutes from start" value={inject.releaseMinutes} onChange={(releaseMinutes) => set({ releaseMinutes })} error={errors[`${path}.release.minutes`]} inputMode="numeric" />
      ) : null}
      {inject.releaseKind === 'after' ? (
        <>
          <SelectField id={`${id}-after`} label="After inject" value={inject.afterInjectId} options={afterOptions} onChange={(afterInjectId) => set({ afterInjectId })} error={errors[`${path}.release.injectId`]} />
          <TextField id={`${id}-minutes`} label="Minutes after" value={inject.releaseMinutes} onChange={(releaseMinutes) => set({ releaseMinutes })} error={errors[`${path}.release.minutes`]} inputMode="numeric" />
        </>
      ) : null}
      <SelectField id={`${id}-channel`} label="Channel" value={inject.channel} options={channelOptions} onChange={(channel) => set({ channel })} error={errors[`${path}.channel`]} />
      <TextField id={`${id}-from`} label="From" value={inject.fromPersona} onChange={(fromPersona) => set({ fromPersona })} error={errors[`${path}.fromPersona`]} />
      <TextField id={`${id}-to`} label="To" value={inject.toAudience} onChange={(toAudience) => set({ toAudience })} error={errors[`${path}.toAudience`]} />
      <TextField id={`${id}-title`} label="Title" value={inject.title} onChange={(title) => set({ title })} error={errors[`${path}.title`]} />
      <div className="field">
        <label htmlFor={`${id}-content`}>Content</label>
        <textarea id={`${id}-content`} rows={4} value={inject.content} onChange={(event) => set({ content: event.target.value })} />
        <FieldError id={`${id}-content-error`} message={errors[`${path}.content`]} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-notes`}>Facilitator notes</label>
        <textarea id={`${id}-notes`} rows={2} value={inject.facilitatorNotes} onChange={(event) => set({ facilitatorNotes: event.target.value })} />
        <FieldError id={`${id}-notes-error`} message={errors[`${path}.facilitatorNotes`]} />
      </div>
      {inject.expectedActions.map((action, actionIndex) => (
        <ExpectedActionEditor
          key={action.id}
          form={form}
          injectIndex={index}
          actionIndex={actionIndex}
          errors={errors}
          playbooks={playbooks}
          onChange={onChange}
          onRemove={() => onChange(removeExpectedAction(form, index, actionIndex))}
        />
      ))}
      <FieldError id={`${id}-actions-error`} message={errors[`${path}.expectedActions`]} />
      <div className="form-actions">
        <button type="button" onClick={() => onChange(addExpectedAction(form, index))}>
          Add expected action
        </button>
        <button type="button" className="danger-outline" onClick={onRemove}>
          Remove inject {number}
        </button>
      </div>
    </fieldset>
  );
}
