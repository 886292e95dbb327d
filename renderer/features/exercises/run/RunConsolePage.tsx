import { useMemo } from 'react';
import { Link, useParams } from 'react-router';
import { scoreExercise } from '../../../../shared/domain/exerciseScoring';
import { evaluateExpectedActions } from '../../../../shared/domain/expectedActions';
import { useRunIncidents, useRunRecords } from '../../../data/exerciseQueries';
import { ExerciseBanner } from './ExerciseBanner';
import { ExpectedActionsPanel } from './ExpectedActionsPanel';
import { InjectTable } from './InjectTable';
import { RunClock } from './RunClock';
import { RunControls } from './RunControls';
import { RunNotFound } from './RunNotFound';
import { RunTimelineList } from './RunTimelineList';
import { buildRunTimeline } from './runTimeline';
import { useCanFacilitate } from './useCanFacilitate';
import { useInjectReleaser } from './useInjectReleaser';
import { useRunView } from './useRunView';
import './exerciseRun.css';

/** The facilitator's console: clock and controls, the MSEL, the live timeline and the scoring. */
export function RunConsolePage() {
  const { runId = '' } = useParams();
  const { entry, state } = useRunView(runId);
  const evidence = useRunIncidents(runId);
  const records = useRunRecords(runId);
  const canRun = useCanFacilitate(entry?.run);
  const releaseError = useInjectReleaser(entry);

  const autoResults = useMemo(() => (state && evidence ? evaluateExpectedActions(state, evidence) : []), [state, evidence]);
  const score = useMemo(
    () =>
      state && entry && records
        ? scoreExercise({ injects: state.injects, objectives: entry.run.scenario.objectives, releasedInjectIds: new Set(state.released.keys()), autoResults, facilitatorScores: records.facilitatorScores })
        : null,
    [state, entry, records, autoResults],
  );
  const timeline = useMemo(
    () => (state && evidence && records ? buildRunTimeline({ state, evidence, decisions: records.decisions, deliveries: records.deliveries }) : []),
    [state, evidence, records],
  );

  if (entry === undefined) return <section className="page" aria-busy="true" />;
  if (entry === null || !state) return <RunNotFound />;
  const { run } = entry;

  return (
    <article className="page run-page" aria-labelledby="run-title">
      <ExerciseBanner />
      <header className="page-header">
        <h1 id="run-title">{run.title}</h1>
        <nav className="run-links" aria-label="Exercise views">
          <Link to={`/exercises/runs/${run.id}/play`}>Player inbox</Link>
          <Link to={`/exercises/runs/${run.id}/present`}>Presentation view</Link>
          <Link to={`/exercises/runs/${run.id}/after-action`}>After-action</Link>
        </nav>
      </header>
      <p className="muted">
        {run.scenario.title} (version {run.scenario.version}), facilitated by {run.facilitator.name}.
      </p>
      {run.mode === 'team' ? <p className="run-note">Team mode: players join from their own laptops once synced.</p> : null}
      <RunClock state={state} />
      {canRun ? <RunControls entry={entry} state={state} /> : <p className="muted">Only the facilitator ({run.facilitator.name}) or a trainer, lead or administrator runs the clock and scores.</p>}
      {releaseError ? (
        <p className="form-error" role="alert">
          {releaseError}
        </p>
      ) : null}
      <div className="run-columns">
        <InjectTable runId={run.id} state={state} canRelease={canRun} />
        <RunTimelineList items={timeline} />
      </div>
      {score && records ? <ExpectedActionsPanel runId={run.id} state={state} autoResults={autoResults} facilitatorScores={records.facilitatorScores} score={score} canScore={canRun} /> : null}
    </article>
  );
}
