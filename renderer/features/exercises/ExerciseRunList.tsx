import { Link } from 'react-router';
import { exerciseRunStatusLabels } from '../../../shared/domain/exerciseClock';
import { exerciseModeLabels } from '../../../shared/domain/exerciseRecords';
import { Timestamp } from '../../components/Timestamp';
import { useNow } from '../../components/useNow';
import { runStateAt, useExerciseRuns } from '../../data/exerciseQueries';

/** The "Exercise runs" section: every run, newest first, with its status on this device's clock. */
export function ExerciseRunList() {
  const runs = useExerciseRuns();
  const now = useNow(30_000);

  return (
    <section className="exercise-section" aria-labelledby="runs-title">
      <h2 id="runs-title">Exercise runs</h2>
      {runs === undefined ? null : runs.length === 0 ? (
        <p className="list-empty">No runs yet. Open a scenario and choose Start a run; its runs appear here with their status.</p>
      ) : (
        <table className="data-table">
          <caption className="visually-hidden">Exercise runs, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Run</th>
              <th scope="col">Scenario</th>
              <th scope="col">Status</th>
              <th scope="col">Mode</th>
              <th scope="col">Created</th>
            </tr>
          </thead>
          <tbody>
            {runs.map((entry) => (
              <tr key={entry.run.id}>
                <th scope="row">
                  <Link to={`/exercises/runs/${entry.run.id}`}>{entry.run.title}</Link>
                </th>
                <td>
                  {entry.run.scenario.title} <span className="muted">(version {entry.run.scenario.version})</span>
                </td>
                <td>{exerciseRunStatusLabels[runStateAt(entry, now).status]}</td>
                <td>{exerciseModeLabels[entry.run.mode]}</td>
                <td>
                  <Timestamp iso={entry.run.createdAt} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
