import { priorityLabels, type Priority } from '../../shared/domain/priority';

/** Priority as colour plus text, never colour alone. */
export function PriorityBadge({ priority }: { priority: Priority }) {
  return (
    <span className={`badge priority priority-${priority.toLowerCase()}`} title={priorityLabels[priority]}>
      {priority}
    </span>
  );
}
