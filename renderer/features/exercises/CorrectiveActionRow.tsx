import { Link } from 'react-router';
import { correctiveActionStatusLabels, isCorrectiveActionOverdue, type CorrectiveActionStatus } from '../../../shared/domain/correctiveAction';
import { getDataEnvironment } from '../../data/dataEnvironment';
import type { TrackedCorrectiveAction } from '../../data/exerciseQueries';
import { moveCorrectiveAction } from '../../data/exerciseRecordCommands';
import { forwardStatuses } from './scenarioDisplay';

type CorrectiveActionRowProps = { action: TrackedCorrectiveAction; today: string; onError: (message: string) => void };

/** One open corrective action; its status select offers only the steps forward. */
export function CorrectiveActionRow({ action, today, onError }: CorrectiveActionRowProps) {
  const isOverdue = isCorrectiveActionOverdue(action, today);
  const move = async (status: CorrectiveActionStatus) => {
    onError('');
    try {
      const result = await moveCorrectiveAction(getDataEnvironment(), action.id, status);
      if (!result.ok) onError(`${action.title}: ${Object.values(result.errors).join(' ')} The status was not changed.`);
    } catch (error) {
      onError(`${action.title}: ${error instanceof Error ? error.message : String(error)}. The status was not changed.`);
    }
  };
  const selectId = `corrective-status-${action.id}`;
  return (
    <tr className={isOverdue ? 'overdue' : undefined}>
      <th scope="row">{action.title}</th>
      <td>{action.owner}</td>
      <td>
        {action.dueDate}
        {isOverdue ? <strong className="overdue-marker"> Overdue</strong> : null}
      </td>
      <td>
        <label htmlFor={selectId} className="visually-hidden">
          Status for {action.title}
        </label>
        <select id={selectId} value={action.status} onChange={(event) => void move(event.target.value as CorrectiveActionStatus)}>
          <option value={action.status}>{correctiveActionStatusLabels[action.status]}</option>
          {forwardStatuses(action.status).map((status) => (
            <option key={status} value={status}>
              {correctiveActionStatusLabels[status]}
            </option>
          ))}
        </select>
      </td>
      <td>
        <Link to={`/exercises/runs/${action.runId}`}>{action.runTitle}</Link>
      </td>
    </tr>
  );
}
