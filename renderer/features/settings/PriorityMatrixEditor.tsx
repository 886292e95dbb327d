import { useState } from 'react';
import { defaultPriorityMatrix, levelLabels, levels, priorities, type Level, type Priority } from '../../../shared/domain/priority';
import { getDataEnvironment } from '../../data/dataEnvironment';
import { updateSetting, useSetting } from '../../data/settingsData';

/** Impact x urgency -> priority. Changes apply to incidents created from now on. */
export function PriorityMatrixEditor() {
  const matrix = useSetting('priorityMatrix');
  const [message, setMessage] = useState('');

  const change = async (impact: Level, urgency: Level, priority: Priority) => {
    const next = { ...matrix, [impact]: { ...matrix[impact], [urgency]: priority } };
    const result = await updateSetting(getDataEnvironment(), 'priorityMatrix', next);
    setMessage(result.ok ? `Impact ${impact}, urgency ${urgency} now gives ${priority}.` : Object.values(result.errors).join(' '));
  };

  const reset = async () => {
    await updateSetting(getDataEnvironment(), 'priorityMatrix', defaultPriorityMatrix);
    setMessage('Priority matrix reset to the defaults.');
  };

  return (
    <section className="card" aria-labelledby="settings-matrix-title">
      <h2 id="settings-matrix-title">Priority matrix</h2>
      <p className="muted">Impact (rows) and urgency (columns) give the priority of new incidents. Changing it does not re-prioritise existing incidents.</p>
      <table className="matrix">
        <thead>
          <tr>
            <th scope="col">Impact \ urgency</th>
            {levels.map((urgency) => (
              <th key={urgency} scope="col">
                {levelLabels[urgency]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {levels.map((impact) => (
            <tr key={impact}>
              <th scope="row">{levelLabels[impact]}</th>
              {levels.map((urgency) => (
                <td key={urgency}>
                  <select
                    aria-label={`Priority for impact ${impact} and urgency ${urgency}`}
                    value={matrix[impact][urgency]}
                    onChange={(event) => void change(impact, urgency, event.target.value as Priority)}
                  >
                    {priorities.map((priority) => (
                      <option key={priority} value={priority}>
                        {priority}
                      </option>
                    ))}
                  </select>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <div className="form-actions">
        <button type="button" onClick={() => void reset()}>
          Reset matrix to defaults
        </button>
        <span role="status" className="muted">
          {message}
        </span>
      </div>
    </section>
  );
}
