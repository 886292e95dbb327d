import { Link } from 'react-router';
import { incidentStageLabels } from '../../../shared/domain/incident';
import type { ServiceLevelClock } from '../../../shared/domain/serviceLevel';
import { formatDuration } from '../../components/formatTime';
import { Timestamp } from '../../components/Timestamp';
import type { ReportIncidentLine } from '../../data/monthlyReport';

function describeClock(name: string, clock: ServiceLevelClock): string | null {
  if (clock.state !== 'missed' && clock.state !== 'breached') return null;
  return `${name}: took ${formatDuration(clock.elapsedMs)} against ${formatDuration(clock.targetMs)} (${clock.priority})`;
}

type Props = { lines: readonly ReportIncidentLine[]; caption: string; showClocks: boolean; emptyText: string };

/** Incidents listed in the report, each linking to its record. */
export function ReportIncidentTable({ lines, caption, showClocks, emptyText }: Props) {
  if (lines.length === 0) return <p className="muted">{emptyText}</p>;
  return (
    <table className="report-table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Reference</th>
          <th scope="col">Title</th>
          <th scope="col">Priority</th>
          <th scope="col">Reported</th>
          <th scope="col">Stage</th>
          {showClocks ? <th scope="col">Missed</th> : null}
        </tr>
      </thead>
      <tbody>
        {lines.map(({ incident, serviceLevel }) => (
          <tr key={incident.id}>
            <td>
              <Link to={`/incidents/${incident.id}`}>{incident.reference}</Link>
            </td>
            <td>{incident.title}</td>
            <td>{incident.priority}</td>
            <td>
              <Timestamp iso={incident.reportedAt} />
            </td>
            <td>{incidentStageLabels[incident.stage]}</td>
            {showClocks ? (
              <td>
                {[describeClock('Response', serviceLevel.response), describeClock('Resolution', serviceLevel.resolution)].filter(Boolean).join('; ')}
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
