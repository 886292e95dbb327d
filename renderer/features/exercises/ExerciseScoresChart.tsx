import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { Link } from 'react-router';
import { Timestamp } from '../../components/Timestamp';
import { useExerciseScoresOverTime } from '../../data/exerciseQueries';

// The trend charts' look (renderer/features/trends/chartStyles.ts), in the same theme variables.
const axisTick = { fill: 'var(--muted)', fontSize: 12 };
const tooltipStyle = { background: 'var(--surface)', border: '1px solid var(--border)', borderRadius: 6, color: 'var(--text)' };

/** The "Scores over time" section: each finished run's overall score, as a line and as a table. */
export function ExerciseScoresChart() {
  const points = useExerciseScoresOverTime();
  const rows = (points ?? []).map((point) => ({ ...point, label: point.finishedAt.slice(0, 10) }));

  return (
    <section className="exercise-section" aria-labelledby="scores-title">
      <h2 id="scores-title">Scores over time</h2>
      {points === undefined ? null : points.length === 0 ? (
        <p className="list-empty">No finished runs yet. When a run is finished, its overall score appears here, so you can see how the team improves.</p>
      ) : (
        <>
          <div className="exercise-scores-chart" aria-hidden="true">
            <ResponsiveContainer width="100%" height={240}>
              <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
                <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" />
                <XAxis dataKey="label" tick={axisTick} minTickGap={16} />
                <YAxis tick={axisTick} domain={[0, 100]} unit="%" width={52} />
                <Tooltip contentStyle={tooltipStyle} formatter={(value) => (value === null || value === undefined ? 'not scored' : `${String(value)}%`)} />
                <Line type="monotone" dataKey="percent" name="Overall score" stroke="var(--chart-1)" strokeWidth={2} dot={{ r: 3 }} connectNulls isAnimationActive={false} />
              </LineChart>
            </ResponsiveContainer>
          </div>
          <table className="data-table">
            <caption>Overall score of each finished run, oldest first</caption>
            <thead>
              <tr>
                <th scope="col">Run</th>
                <th scope="col">Scenario</th>
                <th scope="col">Finished</th>
                <th scope="col">Overall score</th>
              </tr>
            </thead>
            <tbody>
              {points.map((point) => (
                <tr key={point.runId}>
                  <th scope="row">
                    <Link to={`/exercises/runs/${point.runId}`}>{point.title}</Link>
                  </th>
                  <td>{point.scenarioTitle}</td>
                  <td>
                    <Timestamp iso={point.finishedAt} />
                  </td>
                  <td>{point.percent === null ? 'Not scored' : `${point.percent}%`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
