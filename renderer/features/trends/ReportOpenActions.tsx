import { Link } from 'react-router';
import { Timestamp } from '../../components/Timestamp';
import type { OpenAction } from '../../data/monthlyReport';

/** Open tasks on the month's incidents, overdue first; "Overdue" is written, not only coloured. */
export function ReportOpenActions({ actions }: { actions: readonly OpenAction[] }) {
  if (actions.length === 0) return <p className="muted">No open actions on this month&apos;s incidents.</p>;
  return (
    <table className="report-table">
      <caption className="visually-hidden">Open actions on the incidents this report covers</caption>
      <thead>
        <tr>
          <th scope="col">Action</th>
          <th scope="col">Incident</th>
          <th scope="col">Owner</th>
          <th scope="col">Due</th>
        </tr>
      </thead>
      <tbody>
        {actions.map((action) => (
          <tr key={action.taskId} className={action.isOverdue ? 'overdue' : undefined}>
            <td>
              {action.title}
              {action.fromPlaybook ? <span className="muted"> (playbook step)</span> : null}
            </td>
            <td>
              <Link to={`/incidents/${action.incidentId}`}>{action.reference}</Link> {action.incidentTitle}
            </td>
            <td>{action.assigneeName ?? 'Unassigned'}</td>
            <td>
              {action.dueAt ? <Timestamp iso={action.dueAt} /> : 'No due time'}
              {action.isOverdue ? <strong> Overdue</strong> : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
