import { Link } from 'react-router';

/** A run that is not on this device: deleted, or not synced here yet. */
export function RunNotFound() {
  return (
    <section className="page" aria-labelledby="run-missing-title">
      <h1 id="run-missing-title">Exercise not found</h1>
      <p>This exercise run is not on this device: it may have been deleted, or, in team mode, not synced here yet.</p>
      <p>
        <Link to="/exercises">Back to the exercises</Link>
      </p>
    </section>
  );
}
