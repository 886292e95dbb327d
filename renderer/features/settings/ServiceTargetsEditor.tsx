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
  return <ServiceTargetsForm key={JSON.stringify(targets)} targets={targets} />;
}

function ServiceTargetsForm({ targets }: { targets: ServiceTargets }) {
  const [draft, setDraft] = useState<Draft>(() => toDraft(targets));
  const [message, setMessage] = useState('');
  const [isError, setIsError] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const next: Record<string, { respondWithinMs: number; resolveWithinMs: number }> = {};
    for (const priority of priorities) {
      const respond = Number(draft[priority].respondMinutes);
      const resolve = Number(draft[priority].resolveHours);
      if (!(respond > 0) || !(resolve > 0)) {
        setIsError(true);
        setMessage(`${priority}: enter positive numbers for both targets.`);
        return;
      }
      next[priority] = { respondWithinMs: Math.round(respond * minuteMs), resolveWithinMs: Math.round(resolve * 60 * minuteMs) };
    }
    const result = await updateSetting(getDataEnvironment(), 'serviceTargets', next);
    setIsError(!result.ok);
    setMessage(result.ok ? 'Service targets saved.' : `Not saved: ${Object.entries(result.errors).map(([field, text]) => `${field.split('.')[0]}: ${text}`).join('; ')}`);
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
