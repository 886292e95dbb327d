import type { AarFinding, AfterActionReport } from '../../../../shared/domain/afterActionReport';
import { correctiveActionStatusLabels } from '../../../../shared/domain/correctiveAction';
import { exerciseRunStatusLabels } from '../../../../shared/domain/exerciseClock';
import type { ExpectedActionScore, ScoreTotals } from '../../../../shared/domain/exerciseScoring';
import { formatExerciseMinutes } from './runFormat';

function totalsText(totals: ScoreTotals): string {
  return totals.possible === 0 ? 'no points at stake' : `${totals.earned} of ${totals.possible} points (${totals.percent}%)`;
}

function minutes(ms: number): string {
  return `${Math.floor(ms / 60_000)} min`;
}

function ActionItems({ actions }: { actions: readonly ExpectedActionScore[] }) {
  if (actions.length === 0) return <p className="muted">None.</p>;
  return (
    <ul>
      {actions.map((action) => (
        <li key={`${action.injectId}/${action.expectedActionId}`}>
          Inject {action.mselNumber}: {action.description} — {action.earned} of {action.possible} points
          {action.auto?.sinceReleaseMs != null && action.source === 'auto' ? `, ${minutes(action.auto.sinceReleaseMs)} after the inject` : ''}
          {action.source === 'facilitator' ? ', scored by the facilitator' : ''}
        </li>
      ))}
    </ul>
  );
}

function Findings({ findings }: { findings: readonly AarFinding[] }) {
  if (findings.length === 0) return <p className="muted">None recorded.</p>;
  return (
    <ul>
      {findings.map((finding, index) => (
        <li key={index}>
          {finding.text}
          {finding.source === 'hot_wash' ? <span className="muted"> (hot wash)</span> : null}
        </li>
      ))}
    </ul>
  );
}

/** The after-action report and improvement plan as it will be exported, drawn from the run's records. */
export function AfterActionPreview({ report }: { report: AfterActionReport }) {
  const { overview } = report;
  return (
    <section className="card aar-preview" aria-labelledby="aar-title">
      <h2 id="aar-title">After-action report: {report.title}</h2>
      <section className="aar-section" aria-labelledby="aar-overview">
        <h3 id="aar-overview">Overview</h3>
        <p>
          {report.scenario.title} (version {report.scenario.version}). Status: {exerciseRunStatusLabels[overview.status]}. Exercise time played: {formatExerciseMinutes(overview.exerciseDurationMs)}. Injects released:{' '}
          {overview.injectsReleased} of {overview.injectsPlanned}
          {overview.adhocInjects > 0 ? ` (plus ${overview.adhocInjects} ad hoc)` : ''}. Score: {totalsText(overview.score)}.
          {overview.participants.length > 0 ? ` Participants: ${overview.participants.join(', ')}.` : ''}
        </p>
      </section>
      <section className="aar-section" aria-labelledby="aar-objectives">
        <h3 id="aar-objectives">Objectives</h3>
        <table className="run-table" aria-labelledby="aar-objectives">
          <thead>
            <tr>
              <th scope="col">Objective</th>
              <th scope="col">Rating</th>
              <th scope="col">Score</th>
            </tr>
          </thead>
          <tbody>
            {report.objectives.map((objective) => (
              <tr key={objective.id}>
                <td>{objective.text}</td>
                <td>{objective.ratingLabel}</td>
                <td>{totalsText(objective.score)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="aar-section" aria-labelledby="aar-timeline">
        <h3 id="aar-timeline">Timeline</h3>
        {report.timeline.length === 0 ? (
          <p className="muted">Nothing happened yet.</p>
        ) : (
          <ol className="run-timeline">
            {report.timeline.map((item, index) => (
              <li key={index}>
                <span className="run-timeline-time">{formatExerciseMinutes(item.exerciseMs)}</span> {item.text}
              </li>
            ))}
          </ol>
        )}
      </section>
      <section className="aar-section" aria-labelledby="aar-met">
        <h3 id="aar-met">Expected actions met</h3>
        <ActionItems actions={[...report.expectedActions.met, ...report.expectedActions.partial]} />
        <h3>Expected actions missed</h3>
        <ActionItems actions={report.expectedActions.missed} />
        <h3>Not scored yet</h3>
        <ActionItems actions={report.expectedActions.unscored} />
      </section>
      <section className="aar-section" aria-labelledby="aar-strengths">
        <h3 id="aar-strengths">Strengths</h3>
        <Findings findings={report.strengths} />
        <h3>Areas for improvement</h3>
        <Findings findings={report.areasForImprovement} />
        {report.otherComments.length > 0 ? (
          <>
            <h3>Other comments</h3>
            <Findings findings={report.otherComments} />
          </>
        ) : null}
      </section>
      <section className="aar-section" aria-labelledby="aar-plan">
        <h3 id="aar-plan">Improvement plan</h3>
        {report.improvementPlan.length === 0 ? (
          <p className="muted">No corrective actions yet.</p>
        ) : (
          <ul>
            {report.improvementPlan.map((action, index) => (
              <li key={index}>
                {action.title} — {action.owner}, due {action.dueDate}, {correctiveActionStatusLabels[action.status].toLowerCase()}
                {action.objectiveText ? ` (objective: ${action.objectiveText})` : ''}
              </li>
            ))}
          </ul>
        )}
      </section>
    </section>
  );
}
