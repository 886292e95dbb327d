import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { hotWashKinds } from '../../../../shared/domain/exerciseEvaluation';
import { latestRatings } from '../../../../shared/domain/exerciseEvaluation';
import { afterActionReportToMarkdown } from '../../../../shared/formats/afterActionReportMarkdown';
import { useAfterActionReport, useRunRecords } from '../../../data/exerciseQueries';
import { saveTextFile, savePageAsPdf } from '../../../platform/files';
import { AfterActionPreview } from './AfterActionPreview';
import { CorrectiveActionsPanel } from './CorrectiveActionsPanel';
import { ExerciseBanner } from './ExerciseBanner';
import { HotWashColumn } from './HotWashColumn';
import { ObjectiveRatingSelect } from './ObjectiveRatingSelect';
import { ObservationForm } from './ObservationForm';
import { afterActionReportNowMs } from './reportClock';
import { RunNotFound } from './RunNotFound';
import { useCanFacilitate } from './useCanFacilitate';
import { useRunView } from './useRunView';
import './exerciseRun.css';

function fileStem(title: string): string {
  return `after-action-${title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'exercise'}`;
}

/** After the exercise: hot wash, observations, ratings, corrective actions, and the report to export. */
export function AfterActionPage() {
  const { runId = '' } = useParams();
  const { entry, nowMs } = useRunView(runId);
  const records = useRunRecords(runId);
  // While the run is live the report is redrawn each minute (and at each run event); once finished its figures are fixed.
  const report = useAfterActionReport(runId, afterActionReportNowMs(nowMs, entry?.events ?? []));
  const canEvaluate = useCanFacilitate(entry?.run);
  const [status, setStatus] = useState<string | null>(null);

  if (entry === undefined) return <section className="page" aria-busy="true" />;
  if (entry === null) return <RunNotFound />;
  const { run } = entry;
  const ratings = latestRatings(records?.ratings ?? []);

  const exportMarkdown = async () => {
    if (!report) return;
    try {
      const result = await saveTextFile(`${fileStem(run.title)}.md`, afterActionReportToMarkdown(report), 'md', 'text/markdown');
      setStatus(result.status === 'saved' ? `Saved ${result.fileName}.` : 'Not saved.');
    } catch (error) {
      setStatus(`The report could not be saved: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const saveAsPdf = async () => {
    try {
      const result = await savePageAsPdf(`${fileStem(run.title)}.pdf`);
      setStatus(result.status === 'saved' ? `Saved ${result.fileName}.` : result.status === 'cancelled' ? 'Not saved.' : null);
    } catch (error) {
      setStatus(`The PDF could not be made: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  return (
    <article className="page run-page" aria-labelledby="after-action-title">
      <ExerciseBanner />
      <header className="page-header">
        <h1 id="after-action-title">After-action — {run.title}</h1>
        <div className="form-actions no-print">
          <Link to={`/exercises/runs/${run.id}`}>Facilitator console</Link>
          <button type="button" onClick={() => void exportMarkdown()} disabled={!report}>
            Export Markdown
          </button>
          <button type="button" onClick={() => void saveAsPdf()}>
            Print or save as PDF
          </button>
        </div>
      </header>
      {status ? (
        <p role="status" className="muted no-print">
          {status}
        </p>
      ) : null}
      <section className="card run-section no-print" aria-labelledby="hot-wash-title">
        <h2 id="hot-wash-title">Hot wash</h2>
        <p className="muted">Capture the room's impressions right after the exercise: what went well, what to improve, anything else.</p>
        <div className="hot-wash-lists">
          {hotWashKinds.map((kind) => (
            <HotWashColumn key={kind} runId={run.id} kind={kind} entries={(records?.hotWash ?? []).filter((entry) => entry.kind === kind)} />
          ))}
        </div>
      </section>
      {canEvaluate ? (
        <>
          <section className="card run-section no-print" aria-labelledby="observations-title">
            <h2 id="observations-title">Observations</h2>
            <ObservationForm runId={run.id} objectives={run.scenario.objectives} />
          </section>
          <section className="card run-section no-print" aria-labelledby="ratings-title">
            <h2 id="ratings-title">Objective ratings</h2>
            <p className="muted">P: performed without challenges · S: with some challenges · M: with major challenges · U: unable to be performed.</p>
            <ul className="objective-ratings">
              {run.scenario.objectives.map((objective) => (
                <ObjectiveRatingSelect key={objective.id} runId={run.id} objective={objective} rating={ratings.get(objective.id)?.rating ?? null} />
              ))}
            </ul>
          </section>
          <CorrectiveActionsPanel runId={run.id} objectives={run.scenario.objectives} actions={records?.correctiveActions ?? []} />
        </>
      ) : (
        <p className="muted no-print">Observations, ratings and corrective actions are recorded by the facilitator ({run.facilitator.name}) or a trainer, lead or administrator.</p>
      )}
      {report ? <AfterActionPreview report={report} /> : null}
    </article>
  );
}
