import { useState } from 'react';
import { useNow } from '../../components/useNow';
import { useCorrectiveActions } from '../../data/exerciseQueries';
import { CorrectiveActionRow } from './CorrectiveActionRow';
import { localDateOf } from './scenarioDisplay';

/** The "Corrective actions" section: the improvement plan across every run, until each fix is verified. */
export function CorrectiveActionList() {
  const actions = useCorrectiveActions();
  const now = useNow(60_000);
  const [error, setError] = useState('');
  const today = localDateOf(new Date(now));

  return (
    <section className="exercise-section" aria-labelledby="corrective-title">
      <h2 id="corrective-title">Corrective actions</h2>
      {error ? (
        <p role="alert" className="form-error">
          {error}
        </p>
      ) : null}
      {actions === undefined ? null : actions.length === 0 ? (
        <p className="list-empty">No open corrective actions. Actions agreed in an after-action review appear here until someone verifies the fix works.</p>
      ) : (
        <table className="data-table">
          <caption className="visually-hidden">Open corrective actions, soonest due first</caption>
          <thead>
            <tr>
              <th scope="col">Action</th>
              <th scope="col">Owner</th>
              <th scope="col">Due</th>
              <th scope="col">Status</th>
              <th scope="col">Run</th>
            </tr>
          </thead>
          <tbody>
            {actions.map((action) => (
              <CorrectiveActionRow key={action.id} action={action} today={today} onError={setError} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
