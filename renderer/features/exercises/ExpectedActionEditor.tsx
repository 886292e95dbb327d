import { autoCheckKinds, checkableStages, type AutoCheckKind } from '../../../shared/domain/exerciseScenario';
import { incidentStageLabels } from '../../../shared/domain/incident';
import { incidentCategories, incidentCategoryLabels } from '../../../shared/domain/taxonomy';
import { timelineEntryKindLabels, timelineEntryKinds } from '../../../shared/domain/timeline';
import { optionsOf, SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import { updateExpectedAction, type ExpectedActionForm, type ScenarioForm } from './scenarioForm';

type ExpectedActionEditorProps = {
  form: ScenarioForm;
  injectIndex: number;
  actionIndex: number;
  errors: Record<string, string>;
  playbooks: readonly { lineageId: string; name: string }[];
  onChange: (form: ScenarioForm) => void;
  onRemove: () => void;
};

const checkLabels: Record<AutoCheckKind | 'none', string> = {
  none: 'None (the facilitator judges it)',
  incident_created: 'An exercise incident is created',
  playbook_applied: 'A playbook is applied',
  containment_recorded: 'Containment is recorded',
  stage_reached: 'An incident reaches a stage',
  task_completed: 'A task is completed',
  timeline_entry: 'A timeline entry is written',
};
const checkOptions = optionsOf(['none', ...autoCheckKinds] as const, checkLabels);

/** The setting a check starts with when its kind is chosen, so the form is valid straight away where it can be. */
function defaultSetting(kind: AutoCheckKind | 'none', playbooks: readonly { lineageId: string }[]): string {
  switch (kind) {
    case 'playbook_applied':
      return playbooks[0]?.lineageId ?? '';
    case 'stage_reached':
      return checkableStages[0];
    case 'timeline_entry':
      return timelineEntryKinds[0];
    default:
      return '';
  }
}

/** One expected action of an inject: description, points, objective and an optional automatic check. */
export function ExpectedActionEditor({ form, injectIndex, actionIndex, errors, playbooks, onChange, onRemove }: ExpectedActionEditorProps) {
  const action = form.injects[injectIndex]!.expectedActions[actionIndex]!;
  const number = actionIndex + 1;
  const path = `injects.${injectIndex}.expectedActions.${actionIndex}`;
  const id = `inject-${injectIndex}-action-${actionIndex}`;
  const set = (patch: Partial<ExpectedActionForm>) => onChange(updateExpectedAction(form, injectIndex, actionIndex, patch));
  const checkError = errors[`${path}.check`] ?? errors[`${path}.check.category`] ?? errors[`${path}.check.playbookLineageId`] ?? errors[`${path}.check.stage`] ?? errors[`${path}.check.titleIncludes`] ?? errors[`${path}.check.entryKind`] ?? errors[`${path}.check.textIncludes`];
  const objectiveOptions = [{ value: '', label: 'None' }, ...form.objectives.map((objective, index) => ({ value: objective.id, label: `${index + 1}. ${objective.text || '(not written yet)'}` }))];

  return (
    <div className="expected-action-editor" role="group" aria-label={`Expected action ${number}`}>
      <TextField id={`${id}-description`} label={`Expected action ${number} description`} value={action.description} onChange={(description) => set({ description })} error={errors[`${path}.description`] ?? errors[`${path}.id`]} />
      <TextField id={`${id}-points`} label="Points" value={action.points} onChange={(points) => set({ points })} error={errors[`${path}.points`]} inputMode="numeric" />
      <SelectField id={`${id}-objective`} label="Objective" value={action.objectiveId} options={objectiveOptions} onChange={(objectiveId) => set({ objectiveId })} error={errors[`${path}.objectiveId`]} />
      <SelectField
        id={`${id}-check`}
        label="Automatic check"
        value={action.checkKind}
        options={checkOptions}
        onChange={(checkKind) => set({ checkKind, checkSetting: defaultSetting(checkKind, playbooks), checkText: '' })}
        error={checkError}
      />
      {action.checkKind === 'incident_created' ? (
        <SelectField id={`${id}-setting`} label="Category" value={action.checkSetting} options={[{ value: '', label: 'Any category' }, ...optionsOf(incidentCategories, incidentCategoryLabels)]} onChange={(checkSetting) => set({ checkSetting })} />
      ) : null}
      {action.checkKind === 'playbook_applied' ? (
        <SelectField
          id={`${id}-setting`}
          label="Playbook"
          value={action.checkSetting}
          options={[{ value: '', label: 'Choose a playbook' }, ...playbooks.map((playbook) => ({ value: playbook.lineageId, label: playbook.name }))]}
          onChange={(checkSetting) => set({ checkSetting })}
        />
      ) : null}
      {action.checkKind === 'stage_reached' ? (
        <SelectField id={`${id}-setting`} label="Stage" value={action.checkSetting} options={optionsOf(checkableStages, (stage) => incidentStageLabels[stage])} onChange={(checkSetting) => set({ checkSetting })} />
      ) : null}
      {action.checkKind === 'task_completed' ? <TextField id={`${id}-setting`} label="Task title contains" value={action.checkSetting} onChange={(checkSetting) => set({ checkSetting })} /> : null}
      {action.checkKind === 'timeline_entry' ? (
        <>
          <SelectField id={`${id}-setting`} label="Timeline entry kind" value={action.checkSetting} options={optionsOf(timelineEntryKinds, timelineEntryKindLabels)} onChange={(checkSetting) => set({ checkSetting })} />
          <TextField id={`${id}-text`} label="Entry text contains" value={action.checkText} onChange={(checkText) => set({ checkText })} />
        </>
      ) : null}
      {action.checkKind !== 'none' ? (
        <TextField id={`${id}-within`} label="Within minutes (empty: any time)" value={action.checkWithin} onChange={(checkWithin) => set({ checkWithin })} error={errors[`${path}.check.withinMinutes`]} inputMode="numeric" />
      ) : null}
      <button type="button" className="small" onClick={onRemove}>
        Remove expected action {number}
      </button>
    </div>
  );
}
