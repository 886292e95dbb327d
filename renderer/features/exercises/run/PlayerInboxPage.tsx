import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { exerciseRunStatusLabels } from '../../../../shared/domain/exerciseClock';
import { getDataEnvironment } from '../../../data/dataEnvironment';
import { acknowledgeInject } from '../../../data/exerciseRecordCommands';
import { useRunIncidents, useRunRecords } from '../../../data/exerciseQueries';
import { useProfile } from '../../../data/profile';
import { commandErrorText } from './commandError';
import { DecisionForm } from './DecisionForm';
import { ExerciseBanner } from './ExerciseBanner';
import { ExerciseIncidentForm } from './ExerciseIncidentForm';
import { ReleasedInjectCard } from './ReleasedInjectCard';
import { releasedNewestFirst } from './releasedNewestFirst';
import { RunClock } from './RunClock';
import { RunIncidentList } from './RunIncidentList';
import { RunNotFound } from './RunNotFound';
import { useInjectReleaser } from './useInjectReleaser';
import { useRunView } from './useRunView';
import './exerciseRun.css';

/** The players' exercise inbox: released injects, newest first, and the ways to respond. */
export function PlayerInboxPage() {
  const { runId = '' } = useParams();
  const { entry, state } = useRunView(runId);
  const records = useRunRecords(runId);
  const evidence = useRunIncidents(runId);
  const profile = useProfile();
  const releaseError = useInjectReleaser(entry);
  const [error, setError] = useState<string | null>(null);

  if (entry === undefined) return <section className="page" aria-busy="true" />;
  if (entry === null || !state) return <RunNotFound />;
  const released = releasedNewestFirst(state);
  const acknowledged = new Set((records?.deliveries ?? []).filter((delivery) => delivery.acknowledgedAt !== null && delivery.player.id === profile?.personId).map((delivery) => delivery.injectId));

  return (
    <article className="page run-page" aria-labelledby="inbox-title">
      <ExerciseBanner />
      <header className="page-header">
        <h1 id="inbox-title">Exercise inbox — {entry.run.title}</h1>
        <nav className="run-links" aria-label="Exercise views">
          <Link to={`/exercises/runs/${runId}`}>Facilitator console</Link>
        </nav>
      </header>
      <RunClock state={state} />
      {error || releaseError ? (
        <p className="form-error" role="alert">
          {error ?? releaseError}
        </p>
      ) : null}
      <div className="run-columns">
        <section className="card run-section" aria-labelledby="released-title">
          <h2 id="released-title">Released injects</h2>
          {released.length === 0 ? (
            <p className="muted">{state.status === 'scheduled' ? 'The exercise has not started yet. Injects arrive here as the facilitator releases them.' : `No injects yet (${exerciseRunStatusLabels[state.status].toLowerCase()}).`}</p>
          ) : (
            <ol className="released-injects" aria-label="Released injects">
              {released.map(({ inject, release }, index) => (
                <ReleasedInjectCard
                  key={inject.id}
                  inject={inject}
                  releasedAtMs={release.exerciseMs}
                  isLatest={index === 0}
                  acknowledgement={{
                    isAcknowledged: acknowledged.has(inject.id),
                    onAcknowledge: () => void acknowledgeInject(getDataEnvironment(), runId, inject.id).then((result) => setError(commandErrorText(result))),
                  }}
                />
              ))}
            </ol>
          )}
        </section>
        <div className="run-stack">
          <ExerciseIncidentForm runId={runId} />
          <RunIncidentList evidence={evidence} />
          <DecisionForm runId={runId} />
        </div>
      </div>
    </article>
  );
}
