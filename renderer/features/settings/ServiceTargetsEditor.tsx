import { useState, type FormEvent } from 'react';
import { priorities, type Priority, type ServiceTargets } from '../../../shared/domain/priority';
import { getDataEnvironment } from '../../data/dataEnvironment';
import { updateSetting, useSetting } from '../../data/settingsData';

const minuteMs = 60_000;

type Draft = Record<Priority, { respondMinutes: string; resolveHours: string }>;

function toDraft(targets: ServiceTargets): Draft {
  const draft = {} as Draft;
  for (const priority of priorities) {
    draft[priority] = {
      respondMinutes: String(targets[priority].respondWithinMs / minuteMs),
      resolveHours: String(targets[priority].resolveWithinMs / (60 * minuteMs)),
    };
  }
  return draft;
}

/** Response and resolution targets per priority; time on hold does not count against them. */
export function ServiceTargetsEditor() {
  const targets = useSetting('serviceTargets');
  // The outcome lives here: saving changes `targets`, which remounts the form below.
  const [outcome, setOutcome] = useState<{ message: string; isError: boolean }>({ message: '', isError: false });
  return <ServiceTargetsForm key={JSON.stringify(targets)} targets={targets} outcome={outcome} setOutcome={setOutcome} />;
}

type ServiceTargetsFormProps = {
  targets: ServiceTargets;
  outcome: { message: string; isError: boolean };
  setOutcome: (outcome: { message: string; isError: boolean }) => void;
};

function ServiceTargetsForm({ targets, outcome, setOutcome }: ServiceTargetsFormProps) {
  const [draft, setDraft] = useState<Draft>(() => toDraft(targets));
  const { message, isError } = outcome;

  const [invalidFields, setInvalidFields] = useState<Set<string>>(new Set());

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const next: Record<string, { respondWithinMs: number; resolveWithinMs: number }> = {};
    const invalid = new Set<string>();
    const problems: string[] = [];
    for (const priority of priorities) {
      const respond = Number(draft[priority].respondMinutes);
      const resolve = Number(draft[priority].resolveHours);
      if (draft[priority].respondMinutes.trim() === '' || !(respond > 0)) invalid.add(`${priority}.respond`);
      if (draft[priority].resolveHours.trim() === '' || !(resolve > 0)) invalid.add(`${priority}.resolve`);
      if (invalid.has(`${priority}.respond`) || invalid.has(`${priority}.resolve`)) problems.push(`${priority}: enter a positive number for each target`);
      next[priority] = { respondWithinMs: Math.round(respond * minuteMs), resolveWithinMs: Math.round(resolve * 60 * minuteMs) };
    }
    if (invalid.size === 0) {
      const result = await updateSetting(getDataEnvironment(), 'serviceTargets', next);
      if (result.ok) {
        setOutcome({ message: 'Service targets saved.', isError: false });
        return;
      }
      for (const [field, text] of Object.entries(result.errors)) {
        const [priority, target] = field.split('.');
        if (target?.startsWith('respond')) invalid.add(`${priority}.respond`);
        else invalid.add(`${priority}.resolve`);
        problems.push(`${priority}: ${text}`);
      }
    }
    setInvalidFields(invalid);
    setOutcome({ message: `Not saved. ${problems.join('; ')}.`, isError: true });
  };

  return (
    <section className="card" aria-labelledby="settings-targets-title">
      <h2 id="settings-targets-title">Service targets</h2>
      <form onSubmit={submit} noValidate>
        <table className="targets">
          <thead>
            <tr>
              <th scope="col">Priority</th>
              <th scope="col">Respond within (minutes)</th>
              <th scope="col">Resolve within (hours)</th>
            </tr>
          </thead>
          <tbody>
            {priorities.map((priority) => (
              <tr key={priority}>
                <th scope="row">{priority}</th>
                <td>
                  <input
                    type="number"
                    min="1"
                    step="any"
                    aria-label={`${priority} respond within minutes`}
                    aria-invalid={invalidFields.has(`${priority}.respond`)}
                    value={draft[priority].respondMinutes}
                    onChange={(event) => setDraft({ ...draft, [priority]: { ...draft[priority], respondMinutes: event.target.value } })}
                  />
                </td>
                <td>
                  <input
                    type="number"
                    min="0.1"
                    step="any"
                    aria-label={`${priority} resolve within hours`}
                    aria-invalid={invalidFields.has(`${priority}.resolve`)}
                    value={draft[priority].resolveHours}
                    onChange={(event) => setDraft({ ...draft, [priority]: { ...draft[priority], resolveHours: event.target.value } })}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="form-actions">
          <button type="submit" className="primary">
            Save service targets
          </button>
          <span role={isError ? 'alert' : 'status'} className={isError ? 'form-error' : 'muted'}>
            {message}
          </span>
        </div>
      </form>
    </section>
  );
}
