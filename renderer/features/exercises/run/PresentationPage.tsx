import { useEffect } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ExerciseBanner } from './ExerciseBanner';
import { ReleasedInjectCard } from './ReleasedInjectCard';
import { releasedNewestFirst } from './releasedNewestFirst';
import { RunClock } from './RunClock';
import { RunNotFound } from './RunNotFound';
import { useInjectReleaser } from './useInjectReleaser';
import { useRunView } from './useRunView';
import './exerciseRun.css';

/** Room mode on the projector: the clock and the released injects in large type, nothing to edit. Esc returns to the console. */
export function PresentationPage() {
  const { runId = '' } = useParams();
  const navigate = useNavigate();
  const { entry, state } = useRunView(runId);
  useInjectReleaser(entry);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !event.defaultPrevented) void navigate(`/exercises/runs/${runId}`);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [navigate, runId]);

  if (entry === undefined) return <section className="page" aria-busy="true" />;
  if (entry === null || !state) return <RunNotFound />;
  const released = releasedNewestFirst(state);

  return (
    <article className="page run-page presentation-page" aria-labelledby="presentation-title">
      <ExerciseBanner text="Exercise: this is a drill, not a real incident." />
      <header className="page-header">
        <h1 id="presentation-title">{entry.run.title}</h1>
        <Link to={`/exercises/runs/${runId}`}>Back to the console</Link>
      </header>
      <RunClock state={state} isLarge />
      {released.length === 0 ? (
        <p>Injects appear here as they are released.</p>
      ) : (
        <ol className="released-injects" aria-label="Released injects">
          {released.map(({ inject, release }, index) => (
            <ReleasedInjectCard key={inject.id} inject={inject} releasedAtMs={release.exerciseMs} isLatest={index === 0} />
          ))}
        </ol>
      )}
    </article>
  );
}
